/// mimalloc instead of glibc's malloc: a build makes millions of small allocations from two
/// threads, and glibc's per-thread arenas grow a few pages at a time (a system call each).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc 3.3 (`mimalloc.h`, the version `Cargo.lock` pins).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

#[cfg(target_os = "linux")]
unsafe extern "C" {
    fn prctl(option: std::ffi::c_int, arg2: std::ffi::c_ulong, ...) -> std::ffi::c_int;
}

/// `PR_SET_THP_DISABLE` (`linux/prctl.h`).
#[cfg(target_os = "linux")]
const PR_SET_THP_DISABLE: std::ffi::c_int = 41;

fn main() -> std::process::ExitCode {
    // Keep freed memory for reuse instead of handing it back to the system 10 ms later: a build
    // frees and allocates hundreds of MB stage after stage, and on a VM every page taken back
    // from the system is zeroed again (a third of a 100,000-record rebuild's CPU time).
    // SAFETY: sets a plain integer option of the allocator, before any thread is started.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    // No transparent huge pages: mimalloc asks for them, and a 2 MiB page is zeroed whole when
    // first touched. On these VMs that zeroing cost a 100,000-record rebuild 0.4 s of 2.6 s;
    // 4 KiB pages are zeroed only where the build writes. (mimalloc's own option comes too late:
    // its first arena is reserved before `main`.) A failure only leaves them on.
    // SAFETY: a process-wide flag of the kernel's; no memory is passed.
    #[cfg(target_os = "linux")]
    unsafe {
        let no: std::ffi::c_ulong = 0;
        prctl(PR_SET_THP_DISABLE, 1, no, no, no)
    };
    gongkai::commands::main(std::env::args_os().collect())
}
