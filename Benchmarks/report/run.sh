#!/usr/bin/env bash
# The HTML report at province scale: a tier-L match (250,000 × 5,000) writes report.html and
# map.geojson; prints their sizes, the match's stage times (the "report" stage renders both,
# on two cores), and the time headless Chromium takes to load the page and run its script
# (farm-bench medians; Debian's chromium must be installed).
# Usage: Benchmarks/report/run.sh [--work DIR] [--runs N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="${TMPDIR:-/tmp}/pendamping-report-bench"
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
mkdir -p "$work"
regions=../shared/data/regions.csv
[ -f "$work/mentees.csv" ] || "$bin" generate --preset L --seed 1 ${regions:+--regions "$regions"} --out "$work" >/dev/null
"$bin" match --mentors "$work/mentors.csv" --mentees "$work/mentees.csv" --out "$work/out" 2>&1 >/dev/null | grep '^stages'
ls -l "$work/out/report.html" "$work/out/map.geojson"
farm-bench -n "$runs" --timeout 600 -- sh -c \
  "exec chromium --headless --no-sandbox --disable-gpu --dump-dom file://$work/out/report.html >/dev/null 2>&1"
