#!/usr/bin/env python3
"""Converts a CSV file into a one-sheet Excel workbook (.xlsx) the way Excel stores it:
text in shared strings, numbers as number cells (codes with a leading zero stay text).
Usage: csv2xlsx.py IN.csv OUT.xlsx"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xlsxwrite import write_workbook  # noqa: E402


def number(r, c, v):
    if r == 1:
        return False
    try:
        float(v)
        return not (len(v) > 1 and v[0] == "0" and v[1] != ".")
    except ValueError:
        return False


with open(sys.argv[1], newline="", encoding="utf-8") as f:
    write_workbook(sys.argv[2], "Sheet1", list(csv.reader(f)), is_number=number)
