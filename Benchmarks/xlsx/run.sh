#!/usr/bin/env bash
# Reading office workbooks: a tier-L mentee list (250,000 rows) as CSV and as .xlsx (written
# by csv2xlsx.py the way Excel stores it), each read and checked by `pendamping validate`;
# farm-bench pairs the two (A = workbook, B = CSV) and prints medians and the ratio.
# Usage: Benchmarks/xlsx/run.sh [--work DIR] [--runs N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="${TMPDIR:-/tmp}/pendamping-xlsx-bench"
runs=5
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
[ -f "$work/mentees.xlsx" ] || python3 Benchmarks/xlsx/csv2xlsx.py "$work/mentees.csv" "$work/mentees.xlsx"
ls -l "$work/mentees.csv" "$work/mentees.xlsx"
farm-bench -n "$runs" --timeout 600 --vs "$bin validate --mentors $work/mentors.csv --mentees $work/mentees.csv" -- \
  "$bin" validate --mentors "$work/mentors.csv" --mentees "$work/mentees.xlsx"
