#!/usr/bin/env bash
# Re-solve time of a curation round after 1, 30 and 300 decisions, started from the previous
# optimum (warm) against the greedy start alone (cold), on a generated tier (default M).
# Each decision rejects one previous pair (every k-th pair of pairs.csv, so the same ones each
# run). Prints the solve stage's seconds (median of --runs) and the pivots of each.
# Usage: Benchmarks/rounds/run.sh [M|L] [--runs N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
tier="${1:-M}"; shift || true
runs=3
while [ $# -gt 0 ]; do case "$1" in --runs) runs="$2"; shift 2 ;; *) echo "unknown option $1" >&2; exit 64 ;; esac; done
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
work="${TMPDIR:-/tmp}/pendamping-rounds-$tier"
mkdir -p "$work"
regions=""; [ -f ../shared/data/regions.csv ] && regions="--regions ../shared/data/regions.csv"
# shellcheck disable=SC2086
[ -f "$work/data/mentees.csv" ] || "$bin" generate --preset "$tier" --seed 1 $regions --out "$work/data" >/dev/null
[ -f "$work/first/pairs.csv" ] || "$bin" match --mentors "$work/data/mentors.csv" --mentees "$work/data/mentees.csv" --out "$work/first" >/dev/null 2>&1
pairs=$(($(wc -l < "$work/first/pairs.csv") - 1))
printf '%-10s %-6s %12s %10s\n' decisions start "solve s" pivots
for n in 1 30 300; do
  step=$((pairs / n))
  { echo "mentee_id,mentor_id,decision"; awk -F, -v s="$step" -v n="$n" 'NR > 1 && (NR - 2) % s == 0 && c < n { print $1 "," $3 ",reject"; c++ }' "$work/first/pairs.csv"; } > "$work/decisions-$n.csv"
  for start in warm cold; do
    flag=""; [ "$start" = cold ] && flag="--cold"
    times=(); pivots=""
    for _ in $(seq "$runs"); do
      line=$("$bin" round --mentors "$work/data/mentors.csv" --mentees "$work/data/mentees.csv" --previous "$work/first/pairs.csv" \
             --decisions "$work/decisions-$n.csv" --out "$work/round-$n-$start" $flag 2>&1 >/dev/null | grep '^stages:')
      times+=("$(echo "$line" | sed -E 's/.* solve ([0-9.]+) s.*/\1/')")
      pivots="$(echo "$line" | sed -E 's/.*; ([0-9]+) pivots/\1/')"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    printf '%-10s %-6s %12s %10s\n' "$n" "$start" "$median" "$pivots"
  done
done
