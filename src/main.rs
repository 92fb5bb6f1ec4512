//! The `kunren` binary: parse the command line, run, exit with the command's code.

use clap::Parser;

fn main() {
    no_huge_pages();
    let code = match kunren::cli::Cli::try_parse() {
        Ok(cli) => kunren::cli::main_with(cli),
        Err(e) => kunren::cli::usage_error(&e),
    };
    std::process::exit(code);
}

/// Turns transparent huge pages off for this process. A drill's heap is small and short-lived:
/// with them, the kernel zeroes 2 MiB pages that mimalloc touches first, which was a fifth of
/// `kunren run --policy idle` (docs/performance.md). What mimalloc's `MIMALLOC_ALLOW_THP=0`
/// does, without asking the user to set it.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
