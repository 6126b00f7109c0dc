#!/bin/bash
# The province's four planning questions (#17) on a generated Kalimantan Tengah (tier L:
# 250,000 UMKM, real kecamatan points from ../shared/data/regions.csv) with 300 current
# mentors, each answered by one command and timed as a whole process (medians, GNU time):
#   target  how many cadres, and where, for 10 % coverage
#   plan    coverage by year for 10 years with 120 cadres a year, attrition and alumni mentors
#   budget  the coverage Rp 10 billion buys
#   online  allowing online mentoring in the far kabupaten (alone and with 120 cadres)
# Usage: Benchmarks/planning/run.sh [--work DIR] [--runs N]
set -euo pipefail
GENERATE_ARGS="--mentors 300"
# shellcheck source=../common.sh
source "$(dirname "$0")/../common.sh" planning 3 "$@"
common=(--mentors "$work/mentors.csv" --mentees "$work/mentees.csv" --profile profiles/kalteng-costs.json ${regions:+--regions "$regions"})
s=fixtures/scenarios
declare -A jobs=(
  [target]="whatif ${common[*]} --template $s/cadres-120.json --target-coverage 0.10 --curve 1 --out $work/target"
  [plan]="plan ${common[*]} --plan $s/plan-kalteng.json --years 10 --target 0.10 --out $work/plan"
  [budget]="whatif ${common[*]} --template $s/cadres-120.json --budget 10000000000 --curve 1 --out $work/budget"
  [online]="whatif ${common[*]} --scenario $s/online-far-kabupaten.json --scenario $s/cadres-120-by-kabupaten.json --scenario $s/cadres-120-online-far.json --curve 1 --out $work/online"
)
for job in target plan budget online; do
  echo "== $job: pendamping ${jobs[$job]}"
  # shellcheck disable=SC2086
  timed "$runs" "$bin" ${jobs[$job]}
  # shellcheck disable=SC2086
  "$bin" ${jobs[$job]} | grep -vE "^ *$" | grep -E "cadre mentors|buys|reached|not reached|^base|^target|^budget|online|^\+120" || true
done
