"""Scores duplicate_payment findings against labels.json from generate.py (stdlib only).

An injected event is found when one finding's evidence holds all of its lines (original and copy, or every part
of a split invoice). A finding is a true positive when its evidence holds a line of an injected event; recall is
per event, precision per finding.
"""
import json
import sys
from collections import Counter


def main():
    title, labels_path, findings_path = sys.argv[1:4]
    events = json.load(open(labels_path))["events"]
    data = json.load(open(findings_path))
    findings = data["findings"]
    evidence = [set((e["file"], e["line"]) for e in (f["evidence"] or [])) for f in findings]
    injected = {}
    for index, event in enumerate(events):
        for line in event["lines"]:
            injected[(line["file"], line["line"])] = index
    found = Counter()
    total = Counter(e["kind"] for e in events)
    for event in events:
        lines = set((line["file"], line["line"]) for line in event["lines"])
        if any(lines <= lines_of_finding for lines_of_finding in evidence):
            found[event["kind"]] += 1
    true_positive = [any(line in injected for line in lines) for lines in evidence]
    by_rule = Counter((f["rule"], hit) for f, hit in zip(findings, true_positive))
    detectable = [k for k in total if k != "late"]
    print(f"\n== {title}: {data['lines']:,} lines, {len(events)} injected events, {len(findings)} duplicate findings")
    for kind in sorted(total):
        print(f"  recall {kind:8s} {found[kind]:3d} / {total[kind]:3d} = {found[kind] / total[kind]:.2f}")
    hits = sum(found[k] for k in detectable)
    print(f"  recall (all but 'late', which is outside the window by design) {hits} / "
          f"{sum(total[k] for k in detectable)} = {hits / max(1, sum(total[k] for k in detectable)):.2f}")
    print(f"  recall (all) {sum(found.values())} / {len(events)} = {sum(found.values()) / max(1, len(events)):.2f}")
    tp = sum(true_positive)
    print(f"  precision {tp} / {len(findings)} = {tp / max(1, len(findings)):.2f}")
    for rule in sorted(set(f["rule"] for f in findings)):
        t, n = by_rule[(rule, True)], by_rule[(rule, True)] + by_rule[(rule, False)]
        print(f"    {rule:20s} {t:3d} / {n:3d} true")
    for f, hit in zip(findings, true_positive):
        if not hit:
            print(f"    false: {f['explanation'][:170]}")


main()
