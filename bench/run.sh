#!/bin/sh
# Benchmark: see bench/run.py --help. Example: bench/run.sh 1000 10000 --with-hugo
exec python3 "$(dirname "$0")/run.py" "$@"
