#!/usr/bin/env bash
# Programme rules benchmark: generated provinces with cohorts, hours and quotas, each solved
# with the default engine within the time limit the README's table names (objective, bound,
# proven gap, seconds, status). With --settings, the first three models are also solved with
# each GLPK cut and heuristic setting (mcc = MIR, cover, clique; mcc+ps is the default).
# Usage: Benchmarks/rules/run.sh [--settings] [--skip-large] [--regions FILE] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
regions="${PENDAMPING_REGIONS:-../shared/data/regions.csv}"
work="${TMPDIR:-/tmp}/pendamping-rules-bench"
settings_too=0
skip_large=0
while [ $# -gt 0 ]; do
  case "$1" in
    --settings) settings_too=1; shift ;;
    --skip-large) skip_large=1; shift ;;
    --regions) regions="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[ -f "$regions" ] || regions=""
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
mkdir -p "$work"
region_opt=()
[ -n "$regions" ] && region_opt=(--regions "$regions")
cohorts_hours_quotas="$(tr -d '\n' <profiles/rules-cohorts-hours-quotas.json)"

# name | generate options | profile | time limit (s)
instances=(
  "kalteng-1500x80|--preset L --mentees 1500 --mentors 80|{\"k\":5,\"constraints\":{\"min_mentees\":8,\"hours\":true,\"quota_level\":\"kabupaten\",\"quota_share\":0.1}}|30"
  "jakbar-3000x100|--preset M --mentees 3000 --mentors 100|{\"k\":10,\"constraints\":{\"min_mentees\":10,\"hours\":true,\"speed_kmh\":25,\"quota_level\":\"kecamatan\",\"quota_share\":0.1}}|15"
  "kalteng-hours-2000x60|--preset L --mentees 2000 --mentors 60|{\"k\":8,\"constraints\":{\"hours\":true}}|30"
  "tier-M|--preset M|$cohorts_hours_quotas|15"
  "tier-L|--preset L|{\"constraints\":{\"min_mentees\":8,\"hours\":true,\"quota_level\":\"kabupaten\",\"quota_share\":0.1}}|120"
)
settings=(
  "none|none|none"
  "mcc|mir,cover,clique|none"
  "all-cuts|gomory,mir,cover,clique|none"
  "mcc+fp|mir,cover,clique|fp"
  "mcc+ps|mir,cover,clique|ps"
)
solve() { # dir label limit [extra options]
  local dir="$1" label="$2" limit="$3"; shift 3
  local start end
  start=$(date +%s.%N)
  "$bin" match --mentors "$dir/mentors.csv" --mentees "$dir/mentees.csv" --profile "$dir/profile.json" \
    --out "$dir/out-$label" --time-limit "$limit" "$@" --format json 2>/dev/null >"$dir/$label.json" || true
  end=$(date +%s.%N)
  python3 - "$dir/$label.json" "$(basename "$dir")" "$label" "$start" "$end" <<'PY'
import json, sys
path, name, label, start, end = sys.argv[1:]
try:
    s = json.load(open(path))["solve"]
except Exception:
    print(f"{name:<24} {label:<10} {'(failed)':>14}"); sys.exit()
gap = s.get("relative_gap")
print(f"{name:<24} {label:<10} {s['objective']:14.6f} {s.get('bound', float('nan')):14.6f} "
      f"{(gap * 100 if gap is not None else 0):8.3f}% {float(end) - float(start):8.1f}  {s['status']}")
PY
}
printf '%-24s %-10s %14s %14s %9s %8s  %s\n' instance setting objective bound gap seconds status
for inst in "${instances[@]}"; do
  IFS='|' read -r name gen profile limit <<<"$inst"
  if [ "$skip_large" = 1 ] && [ "$name" = tier-L ]; then continue; fi
  dir="$work/$name"
  # shellcheck disable=SC2086
  "$bin" generate $gen --seed 1 "${region_opt[@]}" --out "$dir" >/dev/null
  printf '%s\n' "$profile" >"$dir/profile.json"
  solve "$dir" default "$limit"
  if [ "$settings_too" = 1 ] && [ "$name" != tier-M ] && [ "$name" != tier-L ]; then
    for s in "${settings[@]}"; do
      IFS='|' read -r label cuts heur <<<"$s"
      solve "$dir" "$label" "$limit" --cuts "$cuts" --heuristics "$heur"
    done
  fi
done
