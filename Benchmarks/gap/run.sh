#!/usr/bin/env bash
# GAP benchmark: time, objective, bound and proven gap per instance for the OR-Library
# Chu & Beasley sets A and B (minimisation), with a 60 s limit each.
# Usage: Benchmarks/gap/run.sh [GAP_DIR] [--time-limit S]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dir="${1:-${PENDAMPING_GAP_DIR:-../shared/gap}}"
shift || true
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
"$bin" gap "$dir/gapa.txt" "$dir/gapb.txt" --sense min --time-limit 60 "$@" || true
