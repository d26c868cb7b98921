use clap::Parser;

fn main() -> std::process::ExitCode {
    gongkai::run(gongkai::cli::Cli::parse())
}
