#!/usr/bin/env bash
# Programme rules benchmark: generated provinces with cohorts, hours and quotas, solved with
# each GLPK cut and heuristic setting (mcc = MIR, cover, clique; mcc+ps is the default);
# prints objective, bound, proven gap and seconds.
# Usage: Benchmarks/rules/run.sh [--time-limit S] [--regions FILE] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
limit=30
regions="${PENDAMPING_REGIONS:-../shared/data/regions.csv}"
work="${TMPDIR:-/tmp}/pendamping-rules-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --time-limit) limit="$2"; shift 2 ;;
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

# name | generate options | profile
instances=(
  "kalteng-1500x80|--preset L --mentees 1500 --mentors 80|{\"k\":5,\"constraints\":{\"min_mentees\":8,\"hours\":true,\"quota_level\":\"kabupaten\",\"quota_share\":0.1}}"
  "jakbar-3000x100|--preset M --mentees 3000 --mentors 100|{\"k\":10,\"constraints\":{\"min_mentees\":10,\"hours\":true,\"speed_kmh\":25,\"quota_level\":\"kecamatan\",\"quota_share\":0.1}}"
  "kalteng-hours-2000x60|--preset L --mentees 2000 --mentors 60|{\"k\":8,\"constraints\":{\"hours\":true}}"
)
settings=(
  "none|none|none"
  "mcc|mir,cover,clique|none"
  "all-cuts|gomory,mir,cover,clique|none"
  "mcc+fp|mir,cover,clique|fp"
  "mcc+ps|mir,cover,clique|ps"
)
printf '%-24s %-10s %14s %14s %9s %8s  %s\n' instance setting objective bound gap seconds status
for inst in "${instances[@]}"; do
  IFS='|' read -r name gen profile <<<"$inst"
  dir="$work/$name"
  # shellcheck disable=SC2086
  "$bin" generate $gen --seed 1 "${region_opt[@]}" --out "$dir" >/dev/null
  printf '%s\n' "$profile" >"$dir/profile.json"
  for s in "${settings[@]}"; do
    IFS='|' read -r label cuts heur <<<"$s"
    start=$(date +%s.%N)
    "$bin" match --mentors "$dir/mentors.csv" --mentees "$dir/mentees.csv" --profile "$dir/profile.json" \
      --out "$dir/out-$label" --time-limit "$limit" --cuts "$cuts" --heuristics "$heur" --format json 2>/dev/null >"$dir/$label.json" || true
    end=$(date +%s.%N)
    python3 - "$dir/$label.json" "$name" "$label" "$start" "$end" <<'PY'
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
  done
done
