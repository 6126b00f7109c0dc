#!/usr/bin/env bash
# A small national run through shards with GNU parallel, checked against one process:
# three provinces generated apart (DKI Jakarta, Jawa Barat, Kalimantan Tengah) and listed
# together; `pendamping shard --by province`; every shard matched by GNU parallel (on this
# machine; add --sshlogin to use others sharing the directory); `pendamping merge`; then the
# merged objective and pairs.csv must equal a single `match` over everything.
# Usage: deploy/national-example.sh [WORK_DIR] [MENTEES_PER_PROVINCE]   (needs GNU parallel)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/pendamping-national}"
per="${2:-4000}"
bin="${PENDAMPING:-$(cd "$root" && swift build -c release --product pendamping >/dev/null && swift build -c release --show-bin-path)/pendamping}"
regions="$root/../shared/data/regions.csv"
[ -f "$regions" ] || regions=""
rm -rf "$work" && mkdir -p "$work/provinces"
for p in "31 JK" "32 JB" "62 KT"; do
  set -- $p
  "$bin" generate --scope "$1" --mentees "$per" --mentors $((per / 40)) --seed 7 --id-prefix "$2-" \
    ${regions:+--regions "$regions"} --out "$work/provinces/$1" >/dev/null
done
for f in mentors mentees; do
  { head -n 1 "$work/provinces/31/$f.csv"; for p in 31 32 62; do tail -n +2 "$work/provinces/$p/$f.csv"; done; } > "$work/$f.csv"
done
echo '{"rules": {"max_km": 40}}' > "$work/profile.json"

"$bin" match --mentors "$work/mentors.csv" --mentees "$work/mentees.csv" --profile "$work/profile.json" --out "$work/single" >/dev/null 2>&1
"$bin" shard --mentors "$work/mentors.csv" --mentees "$work/mentees.csv" --profile "$work/profile.json" \
  --by province --max-mentees "$per" --out "$work/shards"
# One job per shard, as many at once as there are cores.
parallel --halt now,fail=1 "$bin" match --mentors "$work/shards/{}/mentors.csv" --mentees "$work/shards/{}/mentees.csv" \
  --profile "$work/shards/{}/profile.json" --out "$work/results/{}" '>/dev/null 2>&1' :::: "$work/shards/shards.txt"
"$bin" merge "$work"/results/shard-* --out "$work/national"

single=$(grep '"objective_units"' "$work/single/summary.json" | tr -dc '0-9')
merged=$(grep '"objective_units"' "$work/national/summary.json" | head -n 1 | tr -dc '0-9')
echo "objective units: single process $single, merged shards $merged"
[ "$single" = "$merged" ] || { echo "merged objective differs from the single run" >&2; exit 1; }
cmp "$work/single/pairs.csv" "$work/national/pairs.csv" || { echo "merged pairs.csv differs from the single run" >&2; exit 1; }
echo "national run through $(wc -l < "$work/shards/shards.txt") shards: exact"

# The Slurm array script and the Kubernetes Indexed Job's command, run here with their index
# variables set, write the same shard results as GNU parallel.
n=$(wc -l < "$work/shards/shards.txt")
mkdir -p "$work/slurm" "$work/k8s"
ln -sfn "$work/shards" "$work/slurm/shards"
for i in $(seq 1 "$n"); do
  SLURM_ARRAY_TASK_ID=$i PENDAMPING="$bin" bash "$root/deploy/slurm-shards.sh" "$work/slurm" >/dev/null 2>&1
done
# The pod's script: the block under "args: - |" in the manifest, with the volume path replaced.
awk '/- \|/{on=1; next} /resources:/{on=0} on' "$root/deploy/k8s-shards.yaml" | sed "s#/shared/run#$work/k8s#g; s#pendamping match#$bin match#" > "$work/k8s/pod.sh"
ln -sfn "$work/shards" "$work/k8s/shards"
for i in $(seq 0 $((n - 1))); do JOB_COMPLETION_INDEX=$i sh "$work/k8s/pod.sh" >/dev/null 2>&1; done
for s in $(cat "$work/shards/shards.txt"); do
  cmp "$work/results/$s/pairs.csv" "$work/slurm/results/$s/pairs.csv"
  cmp "$work/results/$s/pairs.csv" "$work/k8s/results/$s/pairs.csv"
done
echo "Slurm array script and Kubernetes job command: same shard results"
