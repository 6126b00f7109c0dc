#!/usr/bin/env bash
# GAP benchmark: per instance objective, bound, proven gap, seconds, the heuristics' incumbent,
# the share of pairs fixed by the Lagrangian relaxation and the seconds to an incumbent within
# 0.5 % of the known optimum; for OR-Library gap1–gap12 (maximisation) and the Chu & Beasley
# sets A and B (minimisation), 60 s each. With --compare, the same with GLPK's branch and cut
# alone (`pendamping gap --glpk-only`), the engine before the heuristics.
# Usage: Benchmarks/gap/run.sh [GAP_DIR] [--time-limit S] [--compare]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dir="${PENDAMPING_GAP_DIR:-../shared/gap}"
limit=60
compare=0
while [ $# -gt 0 ]; do
  case "$1" in
    --time-limit) limit="$2"; shift 2 ;;
    --compare) compare=1; shift ;;
    -*) echo "unknown option $1" >&2; exit 64 ;;
    *) dir="$1"; shift ;;
  esac
done
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
small=()
for i in $(seq 1 12); do [ -f "$dir/gap$i.txt" ] && small+=("$dir/gap$i.txt"); done
large=()
for f in "$dir"/gap[a-z].txt; do [ -f "$f" ] && large+=("$f"); done
run() {
  [ ${#small[@]} -gt 0 ] && "$bin" gap "${small[@]}" --sense max --time-limit "$limit" "$@" || true
  [ ${#large[@]} -gt 0 ] && "$bin" gap "${large[@]}" --sense min --time-limit "$limit" "$@" || true
}
echo "== heuristics, Lagrangian fixing and GLPK"
run
if [ "$compare" = 1 ]; then
  echo "== GLPK alone"
  run --glpk-only
fi
