#!/usr/bin/env python3
"""Summarises the outputs run.sh kept: per figure, each run's value, each build's mean and the ratio branch / base.

    summarise.py RUNS_DIR [STAMP ...]    (no STAMP: every run in RUNS_DIR)
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

NAME = re.compile(r"(?P<stamp>\d{8}T\d{6})-r(?P<round>\d+)-(?P<kind>detect|ingest)-(?P<label>base|branch)\.txt$")


def figures(kind, text):
    """The figures of one benchmark output, name -> value (seconds, MB or a ratio)."""
    found = {}
    if kind == "detect":
        wall = re.search(r"wall time ([\d.]+) s .*peak RSS ([\d.]+) MB", text)
        if wall:
            found["wall"] = float(wall.group(1))
            found["peak RSS MB"] = float(wall.group(2))
        steps = re.search(r"per step: (.*)", text)
        if steps:
            for name, value in re.findall(r"(\w+) ([\d.]+) s", steps.group(1)):
                found[name] = float(value)
    else:
        psql = re.search(r"psql \\copy, plain table\s+([\d.]+) s", text)
        if psql:
            found["psql copy"] = float(psql.group(1))
        # The first "finrca ingest" block is the load into new partitions.
        committed = re.search(r"rows committed \(visible, verified\)\s+([\d.]+) s", text)
        whole = re.search(r"whole command, indexes built\s+([\d.]+) s", text)
        if committed:
            found["rows committed"] = float(committed.group(1))
        if whole:
            found["whole command"] = float(whole.group(1))
        if psql and whole:
            found["whole / psql"] = found["whole command"] / found["psql copy"]
        if psql and committed:
            found["committed / psql"] = found["rows committed"] / found["psql copy"]
    return found


def main():
    runs_dir = Path(sys.argv[1])
    stamps = set(sys.argv[2:])
    table = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))  # kind -> figure -> label -> [values]
    order = defaultdict(list)
    for path in sorted(runs_dir.iterdir()):
        match = NAME.match(path.name)
        if not match or (stamps and match["stamp"] not in stamps):
            continue
        kind, label = match["kind"], match["label"]
        for name, value in figures(kind, path.read_text()).items():
            if name not in order[kind]:
                order[kind].append(name)
            table[kind][name][label].append(value)
    for kind in ("detect", "ingest"):
        if kind not in table:
            continue
        print(f"\n{kind}: figure, base runs | branch runs | base mean, branch mean, ratio branch/base")
        names = sorted(order[kind], key=lambda n: (n not in ("wall", "whole command"), n))
        for name in names:
            base, branch = table[kind][name]["base"], table[kind][name]["branch"]
            if not base or not branch:
                continue
            mean_base, mean_branch = sum(base) / len(base), sum(branch) / len(branch)
            ratio = mean_branch / mean_base if mean_base else float("nan")
            runs = lambda values: " / ".join(f"{v:.2f}" for v in values)
            print(f"  {name:<22} {runs(base):>24} | {runs(branch):<24} {mean_base:8.2f} {mean_branch:8.2f}  {ratio:5.2f}×")


if __name__ == "__main__":
    main()
