# Shared by the benchmark scripts that read a generated tier-L province: options
# `--work DIR` and `--runs N`, a release build, and the generated lists in $work.
# Sets: root, work, runs, bin, regions. Usage: source "$(dirname "$0")/../common.sh" NAME DEFAULT_RUNS "$@"
# GENERATE_ARGS (e.g. "--mentors 300") is passed to `generate` when the lists are made.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="${TMPDIR:-/tmp}/pendamping-$1-bench"
runs="$2"
shift 2
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
[ -f "$regions" ] || regions=""
# shellcheck disable=SC2086
[ -f "$work/mentees.csv" ] || "$bin" generate --preset L --seed 1 ${GENERATE_ARGS:-} ${regions:+--regions "$regions"} --out "$work" >/dev/null
