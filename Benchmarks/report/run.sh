#!/usr/bin/env bash
# The HTML report at province scale: a tier-L match (250,000 × 5,000) writes report.html and
# map.geojson; prints their sizes, the match's stage times (the "report" stage renders both,
# on two cores), and the time headless Chromium takes to load the page and run its script
# (medians of whole-process runs under GNU time; Debian's chromium must be installed).
# Usage: Benchmarks/report/run.sh [--work DIR] [--runs N]
set -euo pipefail
source "$(dirname "$0")/../common.sh" report 3 "$@"
"$bin" match --mentors "$work/mentors.csv" --mentees "$work/mentees.csv" --out "$work/out" 2>&1 >/dev/null | grep '^stages'
ls -l "$work/out/report.html" "$work/out/map.geojson"
timed "$runs" chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$work/out/report.html"
