#!/usr/bin/env bash
# Install everything the test suite (scripts/test.sh) needs. Idempotent, and quick when all is
# already there: each part checks first and installs only what is missing or out of date.
#
#   Debian   chromium, fonts-noto-cjk (Chinese glyphs in screenshots), a Java runtime for vnu.jar
#   npm      tests/browser/node_modules from package-lock.json (playwright-core, axe-core, vnu-jar)
#   Python   .venv-test/ from tests/requirements.txt (bagit, warcio, lychee, jsonschema, pytest)
#            and tests/requirements-schemas.txt (datapackage, for its schema files; --no-deps)
#   Rust     the clippy and rustfmt components
#
# Stamp files (a hash of the lockfile / requirements plus the runtime version) decide whether the
# npm and Python parts are redone. Delete node_modules/ or .venv-test/ to force a reinstall.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log() { printf 'setup: %s\n' "$*"; }

hash_of() { # hash_of FILE [EXTRA-TEXT]: a stable fingerprint of a file plus some context text
    { cat "$1"; printf '\n%s\n' "${2:-}"; } | sha256sum | cut -d' ' -f1
}

# --- Debian packages --------------------------------------------------------------------------
apt_missing=()
deb_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
deb_installed fonts-noto-cjk || apt_missing+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || apt_missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { log "need root to install: ${apt_missing[*]}"; exit 1; }
    log "apt-get install ${apt_missing[*]}"
    apt-get -q -o DPkg::Lock::Timeout=300 update
    apt-get -q -y -o DPkg::Lock::Timeout=300 install "${apt_missing[@]}"
fi

# --- npm: tests/browser/node_modules ----------------------------------------------------------
BROWSER_DIR=tests/browser
npm_stamp_file=$BROWSER_DIR/node_modules/.gongkai-stamp
npm_stamp=$(hash_of "$BROWSER_DIR/package-lock.json" "node $(node --version)")
if [ ! -f "$npm_stamp_file" ] || [ "$(cat "$npm_stamp_file")" != "$npm_stamp" ]; then
    log "npm ci in $BROWSER_DIR"
    # --ignore-scripts: vnu-jar's postinstall would try to download a JRE; Debian's is used.
    (cd "$BROWSER_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$npm_stamp" >"$npm_stamp_file"
fi
[ -f "$BROWSER_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ] \
    || { log "vnu.jar missing after npm ci"; exit 1; }

# --- Python: .venv-test -----------------------------------------------------------------------
VENV=.venv-test
PY=${GONGKAI_PYTHON:-python3}
py_stamp_file=$VENV/.gongkai-stamp
py_stamp=$(hash_of tests/requirements.txt "$("$PY" -c 'import sys; print(sys.version)') $(sha256sum <tests/requirements-schemas.txt)")
if [ ! -f "$py_stamp_file" ] || [ "$(cat "$py_stamp_file")" != "$py_stamp" ] \
    || ! "$VENV/bin/python" -c '' 2>/dev/null; then
    log "creating $VENV from tests/requirements.txt"
    "$PY" -m venv --clear "$VENV"
    "$VENV/bin/pip" install -q -r tests/requirements.txt
    # Packages used only for the schema files they ship: without their dependencies.
    "$VENV/bin/pip" install -q --no-deps -r tests/requirements-schemas.txt
    echo "$py_stamp" >"$py_stamp_file"
fi

# --- Rust components --------------------------------------------------------------------------
if command -v rustup >/dev/null 2>&1; then
    installed=$(rustup component list --installed 2>/dev/null || true)
    for c in clippy rustfmt; do
        grep -q "^$c" <<<"$installed" || { log "rustup component add $c"; rustup component add "$c"; }
    done
fi

log "ok"
