use clap::Parser;

/// mimalloc instead of glibc's malloc: a build allocates millions of small strings from two
/// threads, and glibc's per-thread arenas grow a few pages at a time (a system call each).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gongkai::run(gongkai::cli::Cli::parse())
}
