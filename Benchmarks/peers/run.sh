#!/usr/bin/env bash
# Peer comparison in one run: generate each tier and seed once, solve it with Pendamping, OR-Tools' min
# cost flow, HiGHS and glpsol on the exported files, check all objectives agree, print one table.
# Usage: Benchmarks/peers/run.sh [S|M|L|XL ...] [--cap SECONDS] [--k 10,20] [--seeds 1,2]
#        [--peers ortools,highs,glpsol] [--regions FILE]
# Python peers are installed into Benchmarks/peers/.venv (ortools, highspy); glpsol from
# Debian's glpk-utils.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
make -s deps
command -v glpsol >/dev/null || { apt-get install -y -qq glpk-utils >/dev/null 2>&1 || sudo apt-get install -y -qq glpk-utils >/dev/null; }
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q ortools highspy
fi
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
regions=()
[ -f ../shared/data/regions.csv ] && regions=(--regions ../shared/data/regions.csv)
exec "$here/.venv/bin/python" "$here/peers.py" --pendamping "$bin" "${regions[@]}" "$@"
