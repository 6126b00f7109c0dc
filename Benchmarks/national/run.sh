#!/usr/bin/env bash
# A national run through shards on this machine: `generate --preset ID` (every province, in
# proportion to population), `shard --by province`, every shard matched by GNU parallel (one
# job per core), `merge`. Prints each step's wall time, each shard's time and peak memory
# (GNU time), and shards per hour per core.
# Usage: Benchmarks/national/run.sh [--mentees N] [--mentors N] [--max-km KM] [--same-kabupaten] [--work DIR]
# (--same-kabupaten: mentors only within the mentee's kabupaten/kota, which keeps components
# small; without it, max_km alone joins most of Java into one component.)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mentees=2000000; mentors=40000; maxkm=40; same=false; work="${TMPDIR:-/tmp}/pendamping-national-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --mentees) mentees="$2"; shift 2 ;;
    --mentors) mentors="$2"; shift 2 ;;
    --max-km) maxkm="$2"; shift 2 ;;
    --same-kabupaten) same=true; shift ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
make -s deps
swift build -c release --product pendamping >/dev/null
bin="$(swift build -c release --show-bin-path)/pendamping"
regions=../shared/data/regions.csv
[ -f "$regions" ] || regions=""
rm -rf "$work"; mkdir -p "$work"
stamp() { date +%s.%N; }
t0=$(stamp)
"$bin" generate --preset ID --mentees "$mentees" --mentors "$mentors" ${regions:+--regions "$regions"} --out "$work/input"
t1=$(stamp)
echo "{\"rules\": {\"max_km\": $maxkm, \"same_kabupaten\": $same}}" > "$work/profile.json"
/usr/bin/time -f "shard: %e s, peak %M KiB" "$bin" shard --mentors "$work/input/mentors.csv" --mentees "$work/input/mentees.csv" \
  --profile "$work/profile.json" --by province --max-mentees 250000 --out "$work/shards"
t2=$(stamp)
# One job per shard, as many at once as there are cores; GNU time records each job's peak memory.
cat > "$work/one.sh" <<ONE
#!/usr/bin/env bash
exec /usr/bin/time -f "\$1 %e %M" -o "$work/time-\$1.txt" "$bin" match --mentors "$work/shards/\$1/mentors.csv" \\
  --mentees "$work/shards/\$1/mentees.csv" --profile "$work/shards/\$1/profile.json" --out "$work/results/\$1" >/dev/null 2>&1
ONE
chmod +x "$work/one.sh"
parallel --joblog "$work/joblog.txt" --halt now,fail=1 "$work/one.sh" {} :::: "$work/shards/shards.txt"
t3=$(stamp)
"$bin" merge "$work"/results/shard-* --out "$work/national"
t4=$(stamp)
n=$(wc -l < "$work/shards/shards.txt")
echo "per shard (name, wall s, peak KiB), slowest first:"
cat "$work"/time-*.txt | sort -k2 -n -r | head -8
awk -v g="$(echo "$t1 - $t0" | bc)" -v s="$(echo "$t2 - $t1" | bc)" -v p="$(echo "$t3 - $t2" | bc)" -v m="$(echo "$t4 - $t3" | bc)" -v n="$n" \
  'BEGIN { printf "generate %.1f s, shard %.1f s, match %d shards with GNU parallel on 2 cores %.1f s, merge %.1f s\n", g, s, n, p, m }'
awk 'NR > 1 { cpu += $4 } END { printf "shard match CPU-seconds (sum of job run times) %.1f; shards per hour per core %.1f\n", cpu, (NR - 1) / cpu * 3600 }' "$work/joblog.txt"
grep -E '"(mentees|matched|objective_units|coverage)"' "$work/national/summary.json" | head -4
