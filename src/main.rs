use clap::Parser;

/// mimalloc instead of glibc's malloc: a build makes millions of small allocations from two
/// threads, and glibc's per-thread arenas grow a few pages at a time (a system call each).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc 3.3 (`mimalloc.h`, the version `Cargo.lock` pins).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory for reuse instead of handing it back to the system 10 ms later: a build
    // frees and allocates hundreds of MB stage after stage, and on a VM every page taken back
    // from the system is zeroed again (a third of a 100,000-record rebuild's CPU time).
    // SAFETY: sets a plain integer option of the allocator, before any thread is started.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    gongkai::run(gongkai::cli::Cli::parse())
}
