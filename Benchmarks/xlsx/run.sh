#!/usr/bin/env bash
# Reading office workbooks: a tier-L mentee list (250,000 rows) as CSV and as .xlsx (written
# by csv2xlsx.py the way Excel stores it), each read and checked by `pendamping validate`;
# each timed as a whole process (medians under GNU time), the workbook first.
# Usage: Benchmarks/xlsx/run.sh [--work DIR] [--runs N]
set -euo pipefail
source "$(dirname "$0")/../common.sh" xlsx 5 "$@"
[ -f "$work/mentees.xlsx" ] || python3 Benchmarks/xlsx/csv2xlsx.py "$work/mentees.csv" "$work/mentees.xlsx"
ls -l "$work/mentees.csv" "$work/mentees.xlsx"
echo "workbook:"; timed "$runs" "$bin" validate --mentors "$work/mentors.csv" --mentees "$work/mentees.xlsx"
echo "CSV:";      timed "$runs" "$bin" validate --mentors "$work/mentors.csv" --mentees "$work/mentees.csv"
