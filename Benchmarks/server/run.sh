#!/usr/bin/env bash
# The web app's benchmarks (not timed tests): a generated tier (default M, 35,000 × 1,000)
# proposed end to end in a release pendamping-server, decision round trips, re-solves after
# 1 and 30 decisions, and 20 curators posting decisions at once for 60 s.
# Usage: Benchmarks/server/run.sh [TIER] [--curators N] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/../.."
tier="${1:-M}"; shift || true
swift build -c release --product pendamping >/dev/null
swift build -c release --product pendamping-server >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
regions=""; [ -f ../shared/data/regions.csv ] && regions="--regions ../shared/data/regions.csv"
"$bin/pendamping" generate --preset "$tier" --seed 1 $regions --out "$work/data" >/dev/null
password="bench-$(date +%s)-pw"
echo "$password" | "$bin/pendamping-server" user add --data "$work/store" --name admin --role admin >/dev/null
for k in $(seq 0 39); do echo "$password" | "$bin/pendamping-server" user add --data "$work/store" --name "kurator$k" --role curator >/dev/null; done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin/pendamping-server" serve --data "$work/store" --port "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/login" >/dev/null 2>&1 && break; sleep 0.1; done
python3 Benchmarks/server/load.py "$port" "$password" "$work/data/mentors.csv" "$work/data/mentees.csv" "$@"
