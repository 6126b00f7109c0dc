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

# timed N CMD [ARG ...]: runs the command N times under GNU time (Debian's `time` package)
# and prints the median wall seconds and the largest peak resident memory, as whole-process
# figures. Output of the command itself is discarded.
timed() {
  local n="$1"; shift
  local walls=() peak=0 line wall kib out
  [ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install -y time" >&2; return 69; }
  out="$(mktemp)"
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 || true
    line="$(tail -1 "$out")"
    wall="${line% *}"; kib="${line#* }"
    walls+=("$wall"); [ "$kib" -gt "$peak" ] && peak="$kib"
  done
  rm -f "$out"
  printf '%s\n' "${walls[@]}" | sort -g | awk -v peak="$peak" '{ w[NR] = $1 }
    END { m = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
          printf "wall s median %.3f (min %.3f, max %.3f, %d runs), peak MiB %.1f\n", m, w[1], w[NR], NR, peak / 1024 }'
}
