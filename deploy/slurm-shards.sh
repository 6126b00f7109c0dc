#!/usr/bin/env bash
# Slurm job array: one task per shard of `pendamping shard`, each an ordinary `match` writing
# to a shared directory; `pendamping merge` combines them afterwards.
#
#   pendamping shard --mentors mentors.csv --mentees mentees.csv --by province --out /shared/run/shards
#   n=$(wc -l < /shared/run/shards/shards.txt)
#   jid=$(sbatch --parsable --array=1-"$n" deploy/slurm-shards.sh /shared/run)
#   sbatch --dependency=afterok:"$jid" --wrap "pendamping merge /shared/run/results/shard-* --out /shared/run/national"
#
#SBATCH --job-name=pendamping-shard
#SBATCH --cpus-per-task=2
#SBATCH --mem=8G
#SBATCH --time=01:00:00
#SBATCH --output=%x-%A_%a.log
set -euo pipefail
run="${1:?usage: slurm-shards.sh RUN_DIR (holding shards/)}"
bin="${PENDAMPING:-pendamping}"
# Slurm's array index (1-based) picks the line of shards.txt.
shard="$(sed -n "${SLURM_ARRAY_TASK_ID:?run as a job array}p" "$run/shards/shards.txt")"
exec "$bin" match --mentors "$run/shards/$shard/mentors.csv" --mentees "$run/shards/$shard/mentees.csv" \
  --profile "$run/shards/$shard/profile.json" --out "$run/results/$shard"
