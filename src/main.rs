//! The `kunren` binary: parse the command line, run, exit with the command's code.

use clap::Parser;

fn main() {
    let cli = kunren::cli::Cli::parse();
    std::process::exit(kunren::cli::main_with(cli));
}
