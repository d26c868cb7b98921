#!/usr/bin/env bash
# The one test command: bash scripts/test.sh
#
# Stages, in order; the first failing stage stops the run (the stages after it are listed as not
# run), and the last line is always the summary `gongkai: N passed, M failed`:
#   setup      scripts/setup.sh (fast when everything is installed)
#   fmt        cargo fmt --check
#   clippy     cargo clippy --all-targets -- -D warnings
#   test       cargo test
#   build      cargo build, then gongkai build of the example site into a temp dir (not public/)
#   html       Nu HTML Checker (vnu.jar) over every .html file of the built site
#   links      lychee, offline: relative and root-relative links, directory index files, #fragments
#   browser    node --test over tests/browser/*.test.mjs (Chromium via playwright-core, axe-core)
#   py         pytest tests/py/ (bagit, warcio, JSON-schema checks; schemas from the repo and the venv)
#
# Environment: GONGKAI_KEEP_OUT=1 keeps the built site (its path is printed); GONGKAI_NOW pins the
# clock for every stage (default 2026-11-25T12:00:00+08:00); CI=true is honoured
# (no colours, no prompts).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ "${CI:-}" = "true" ]; then
    export NO_COLOR=1 CARGO_TERM_COLOR=never FORCE_COLOR=0
fi
export PYTHONDONTWRITEBYTECODE=1

STAGES=(setup fmt clippy test build html links browser py)
passed=0
failed=0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-test.XXXXXX")
OUT="$WORK/site" # left for `gongkai build` to create
cleanup() { [ "${GONGKAI_KEEP_OUT:-}" = "1" ] || rm -rf "$WORK"; }
trap cleanup EXIT

TARGET_DIR=${CARGO_TARGET_DIR:-target}
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
export GONGKAI_SITE="$OUT"
# Every stage sees the example site at the same moment, so a freshness warning or an embargo
# that ends next year cannot change what the suite checks. Override to test another day.
export GONGKAI_NOW="${GONGKAI_NOW:-2026-11-25T12:00:00+08:00}"
export GONGKAI_BIN="$TARGET_DIR/debug/gongkai"

VNU_JAR=tests/browser/node_modules/vnu-jar/build/dist/vnu.jar
LYCHEE=.venv-test/bin/lychee
PYTEST=.venv-test/bin/pytest

# --- the stages (each runs in a subshell under set -e: its first failing command fails it) ----
stage_setup() { bash scripts/setup.sh; }
stage_fmt() { cargo fmt --check; }
stage_clippy() { cargo clippy --all-targets -- -D warnings; }
stage_test() { cargo test; }

stage_build() {
    cargo build
    "$GONGKAI_BIN" build --site . --out "$OUT"
    [ -f "$OUT/index.html" ] || { echo "the build wrote no $OUT/index.html"; return 1; }
    echo "built site: $OUT ($(find "$OUT" -type f | wc -l) files, $(find "$OUT" -name '*.html' | wc -l) HTML)"
}

stage_html() {
    # --errors-only: warnings are not failures; exit status 1 on any error.
    java -jar "$VNU_JAR" --errors-only --skip-non-html "$OUT"
    echo "vnu: no errors in $(find "$OUT" -name '*.html' | wc -l) HTML files"
}

stage_links() {
    # --offline: only file links (external http(s) and mailto links are excluded, not failed);
    # --root-dir: resolve root-relative links (/doc/x.html) inside the built site;
    # --index-files index.html: a link to a directory needs its index.html, as on a static host;
    # --include-fragments: #anchors must exist in the target page.
    "$LYCHEE" --offline --root-dir "$OUT" --index-files index.html --include-fragments \
        --extensions html --no-progress --mode plain --format detailed -- "$OUT"
}

stage_browser() {
    local tests=()
    mapfile -t tests < <(find tests/browser -path tests/browser/node_modules -prune -o -name '*.test.mjs' -print | sort)
    [ ${#tests[@]} -gt 0 ] || { echo "no tests/browser/*.test.mjs found"; return 1; }
    node --test "${tests[@]}"
}

stage_py() { "$PYTEST" -q tests/py/; }

# --- runner -----------------------------------------------------------------------------------
summary() {
    echo "gongkai: $passed passed, $failed failed"
}

for i in "${!STAGES[@]}"; do
    name=${STAGES[$i]}
    echo
    echo "==> stage $((i + 1))/${#STAGES[@]}: $name"
    start=$SECONDS
    set +e
    (set -e; "stage_$name")
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "==> stage $name passed ($((SECONDS - start)) s)"
    else
        failed=$((failed + 1))
        echo "==> stage $name FAILED (exit $rc, $((SECONDS - start)) s)"
        rest=("${STAGES[@]:$((i + 1))}")
        [ ${#rest[@]} -eq 0 ] || echo "==> not run: ${rest[*]}"
        break
    fi
done

echo
[ "${GONGKAI_KEEP_OUT:-}" != "1" ] || echo "built site kept at $OUT"
summary
[ "$failed" -eq 0 ]
