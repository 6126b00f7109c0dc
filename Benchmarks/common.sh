# Shared by the benchmark scripts that read a generated tier-L province: options
# `--work DIR` and `--runs N`, a release build, and the generated lists in $work.
# Sets: root, work, runs, bin. Usage: source "$(dirname "$0")/../common.sh" NAME DEFAULT_RUNS "$@"
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
[ -f "$work/mentees.csv" ] || "$bin" generate --preset L --seed 1 ${regions:+--regions "$regions"} --out "$work" >/dev/null
