#!/usr/bin/env python3
"""Times `gongkai build` (and optionally Hugo) on synthetic corpora; prints a Markdown table.

    bench/run.py [SIZES...] [--with-hugo] [--runs 3] [--work DIR] [--seed S] [--bin PATH]

SIZES default to 1000 10000 100000. It writes, for each size, a gongkai site with gencorpus.py
(cached under --work while the generator and seed are unchanged), builds gongkai in release mode,
waits until creating files is as cheap as on a quiet disk (see wait_for_quiet_disk), and times
for each size: a full build (median of --runs, into a new output folder, any build cache moved
out of the site first), and a rebuild after editing 50 records (median of --runs, 50 different
records each time, restored afterwards). With --with-hugo it also writes the same records as a
Hugo site (hugo_corpus.py + hugo-site/) and times `hugo --quiet` the same way, installing
Debian's `hugo` with apt-get when it is missing. Wall time is measured here; CPU time (user +
sys) and peak RSS come from GNU time (`/usr/bin/time -v`, Debian package `time`). Python
standard library only.
"""

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
NOW = "2026-11-25T12:00:00+08:00"
EDITS = 50
GNU_TIME = "/usr/bin/time"
SITE_FILES = {"site.yaml", "content", "data", ".bench-corpus"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def ensure_tool(path_or_name, package):
    if shutil.which(path_or_name):
        return
    if os.geteuid() != 0:
        sys.exit(f"{path_or_name} is missing: install the Debian package `{package}`")
    log(f"installing {package} with apt-get")
    subprocess.run(["apt-get", "install", "-y", "-q", package], check=True,
                   stdout=subprocess.DEVNULL)


def generator_digest():
    h = hashlib.sha256()
    for name in ("gencorpus.py", "gk_site.py", "hugo_corpus.py"):
        with open(os.path.join(BENCH, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def corpus(kind, n, seed, work):
    """A generated site folder, regenerated when the generator, size or seed changed."""
    d = os.path.join(work, f"{kind}-{n}")
    marker = os.path.join(d, ".bench-corpus")
    want = f"{kind} {n} {seed} {generator_digest()}\n"
    if os.path.exists(marker) and open(marker).read() == want:
        return d
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    log(f"generating {kind} corpus of {n} records in {d}")
    started = time.perf_counter()
    if kind == "gongkai":
        cmd = [sys.executable, os.path.join(BENCH, "gencorpus.py")]
    else:
        cmd = [sys.executable, os.path.join(BENCH, "hugo_corpus.py"), "--flavor", "hugo"]
        for part in ("hugo.toml", "layouts", "static"):
            src = os.path.join(BENCH, "hugo-site", part)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(d, part))
    subprocess.run(cmd + ["--records", str(n), "--out", d, "--seed", str(seed)], check=True)
    log(f"  generated in {time.perf_counter() - started:.1f} s")
    with open(marker, "w") as f:
        f.write(want)
    return d


def timed(cmd, env=None):
    """Runs `cmd` under GNU time; returns (wall s, cpu s, peak RSS KiB)."""
    fd, stats = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    os.sync()  # start each run without the previous run's writes still pending
    started = time.perf_counter()
    p = subprocess.run([GNU_TIME, "-v", "-o", stats] + cmd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
    fields = {}
    for line in open(stats):
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    os.remove(stats)
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"])


def tree_size(d):
    total = files = 0
    for root, _, names in os.walk(d):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            files += 1
    return total, files


def clean(site, outputs):
    """Moves anything a build left in the site folder (a build cache, an old output) into the
    benchmark's output folders, removed when it ends: deleting the cache's 2,000 files right
    before a timed build would slow that build's file creation (see Outputs)."""
    for name in os.listdir(site):
        if name not in SITE_FILES:
            os.makedirs(outputs.root, exist_ok=True)
            os.rename(os.path.join(site, name), outputs.fresh(f"left-{name.strip('.')}"))


class Outputs:
    """Fresh output folders for timed builds, removed only when the benchmark ends.

    On ext4 without a journal (as on these VMs), creating files soon after many were deleted is
    several times slower: the inode allocator skips inodes freed in the last 60 s (360 s while
    their table block is dirty), looking each one up as it goes. Deleting the previous run's
    output right before a timed build would measure that, not the build; so no timed run follows
    a deletion of the benchmark's own."""

    def __init__(self, work):
        self.root = os.path.join(work, f"runs-{os.getpid()}")
        self.count = 0

    def fresh(self, label):
        self.count += 1
        return os.path.join(self.root, f"{self.count:02d}-{label}")

    def remove_all(self):
        if os.path.isdir(self.root):
            log(f"removing the benchmark's output folders in {self.root}")
            shutil.rmtree(self.root)


def creation_cost(folder, dirs=6, files=3000):
    """Microseconds of system time to create one empty file in the slowest of several new
    folders (`folder/N/doc/`, the shape of a site's output): the probe of wait_for_quiet_disk.
    Several, because new folders land in different block groups and a group can still be slow
    while another is quiet."""
    worst = 0.0
    for d in range(dirs):
        doc = os.path.join(folder, str(d), "doc")
        os.makedirs(doc)
        before = os.times()
        for i in range(files):
            os.close(os.open(os.path.join(doc, f"{i:05d}.html"), os.O_WRONLY | os.O_CREAT, 0o644))
        worst = max(worst, (os.times().system - before.system) / files * 1e6)
    return worst


def wait_for_quiet_disk(outputs, slow_us=40.0, patience_s=480):
    """Waits until creating files costs what it does on a quiet disk (see Outputs): after a
    previous benchmark removed its million files, it costs four to thirty times as much for
    three to six minutes (measured here: 70-600 us a file, depending on the folder, then 13-20
    us everywhere). Returns a note for the header if it never settled. The probe's files stay
    with the outputs, removed at the end."""
    waited = 0
    while True:
        cost = creation_cost(outputs.fresh("probe"))
        if cost <= slow_us:
            return ""
        if waited >= patience_s:
            return f"; file creation still slow ({cost:.0f} us a file): figures are inflated"
        log(f"creating a file costs up to {cost:.0f} us of system time (quiet: under "
            f"{slow_us:.0f}): many files were deleted in the last minutes; waiting 30 s")
        time.sleep(30)
        waited += 30


def gongkai_cmd(binary, site, out):
    return [binary, "--quiet", "build", "--site", site, "--out", out]


def edited_records(site, round_no):
    """50 published Markdown records, different ones each round, in a stable order."""
    paths = []
    for root, dirs, names in os.walk(os.path.join(site, "content")):
        dirs[:] = sorted(d for d in dirs if not d.startswith("_"))
        paths += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    paths = [p for p in paths if "\npublished: " in open(p, encoding="utf-8").read(4096)]
    step = max(1, len(paths) // (EDITS * 4))
    return paths[round_no::step][:EDITS]


def rebuild_after_edits(binary, site, out, env, runs, outputs):
    """Edits 50 records per run after a full build, times the rebuild, restores the records."""
    clean(site, outputs)
    timed(gongkai_cmd(binary, site, out), env)
    results, cache = [], sorted(set(os.listdir(site)) - SITE_FILES)
    for k in range(runs):
        originals = {}
        for p in edited_records(site, k):
            with open(p, encoding="utf-8") as f:
                originals[p] = f.read()
            with open(p, "a", encoding="utf-8") as f:
                f.write(f"\n本文于第{k + 1}轮基准测试中修订。\n")
        try:
            results.append(timed(gongkai_cmd(binary, site, out), env))
        finally:
            for p, text in originals.items():
                with open(p, "w", encoding="utf-8") as f:
                    f.write(text)
    return results, cache


def median_row(results):
    return tuple(statistics.median(r[i] for r in results) for i in range(3))


def bench_size(n, args, binary, rows, outputs):
    env = dict(os.environ, GONGKAI_NOW=NOW)
    site = corpus("gongkai", n, args.seed, args.work)
    full = []
    for k in range(args.runs):
        clean(site, outputs)
        out = outputs.fresh(f"gongkai-{n}-full")
        log(f"gongkai full build {k + 1}/{args.runs} at {n}")
        full.append(timed(gongkai_cmd(binary, site, out), env))
    size = tree_size(out)
    log(f"gongkai rebuild after {EDITS} edits at {n}")
    out = outputs.fresh(f"gongkai-{n}-rebuilt")
    rebuilds, cache = rebuild_after_edits(binary, site, out, env, args.runs, outputs)
    clean(site, outputs)
    hugo = None
    if args.with_hugo:
        hsite = corpus("hugo", n, args.seed, args.work)
        results = []
        for k in range(args.runs):
            hout = outputs.fresh(f"hugo-{n}")
            log(f"hugo full build {k + 1}/{args.runs} at {n}")
            results.append(timed(["hugo", "--quiet", "-s", hsite, "-d", hout]))
        hugo = (median_row(results), tree_size(hout))
    g = median_row(full)
    ratio = f"{g[0] / hugo[0][0]:.2f}× Hugo" if hugo else ""
    rows.append((n, "gongkai", "full build", g, size, ratio))
    label = (f"rebuild, {EDITS} records edited (cache: {', '.join(cache)})" if cache else
             f"rebuild, {EDITS} records edited (no incremental cache yet: a full build)")
    r = median_row(rebuilds)
    rows.append((n, "gongkai", label, r, size, f"{r[0] / g[0]:.0%} of full"))
    if hugo:
        rows.append((n, "hugo", "full build", hugo[0], hugo[1], "1.00×"))


def table(rows):
    out = ["| records | tool | build | wall (s) | CPU (s) | peak RSS (MiB) | records/s "
           "| output (MB) | files | ratio |",
           "|---:|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for n, tool, what, (wall, cpu, rss), (size, files), ratio in rows:
        out.append(f"| {n:,} | {tool} | {what} | {wall:.2f} | {cpu:.2f} | {rss / 1024:.0f} "
                   f"| {n / wall:,.0f} | {size / 1e6:.1f} | {files:,} | {ratio} |")
    return "\n".join(out)


def machine():
    rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    hugo = ""
    if shutil.which("hugo"):
        v = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()
        hugo = f", hugo {v[1] if len(v) > 1 else '?'}"
    return f"gongkai {rev}{hugo}; {os.cpu_count()} CPUs; load average {load} at start"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    ap.add_argument("--with-hugo", action="store_true", help="also time Debian's hugo")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench"))
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--bin", help="use this gongkai binary instead of building --release")
    args = ap.parse_args(argv)
    args.work = os.path.abspath(args.work)
    ensure_tool(GNU_TIME, "time")
    if args.with_hugo:
        ensure_tool("hugo", "hugo")
    binary = args.bin
    if not binary:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        binary = os.path.join(REPO, "target", "release", "gongkai")
    binary = os.path.abspath(binary)
    header = machine()
    rows = []
    outputs = Outputs(args.work)
    try:
        # Corpora first: writing one anew removes the old one, which slows what follows.
        for n in args.sizes:
            corpus("gongkai", n, args.seed, args.work)
            if args.with_hugo:
                corpus("hugo", n, args.seed, args.work)
        header += wait_for_quiet_disk(outputs)
        for n in args.sizes:
            bench_size(n, args, binary, rows, outputs)
    finally:
        outputs.remove_all()
    print(f"{header}; median of {args.runs} runs\n")
    print(table(rows))


if __name__ == "__main__":
    main()
