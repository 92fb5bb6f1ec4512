//! The `kunren` binary: parse the command line, run, exit with the command's code.

use clap::Parser;

fn main() {
    let code = match kunren::cli::Cli::try_parse() {
        Ok(cli) => kunren::cli::main_with(cli),
        Err(e) => kunren::cli::usage_error(&e),
    };
    std::process::exit(code);
}
