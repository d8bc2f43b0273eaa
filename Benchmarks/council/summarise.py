"""Summarises one detector run on a real ledger for Benchmarks/council/run.sh (stdlib only)."""
import json
import re
import sys
from collections import Counter

URGENCY = ["critical", "high", "medium", "low", "info"]


def run_of_references(references):
    """True when the distinct references are numbers that form a run (consecutive or nearly so)."""
    distinct = sorted(set(r for r in references if r))
    if len(distinct) < 2:
        return False
    numbers = []
    for reference in distinct:
        digits = re.sub(r"\D", "", reference)
        if not digits:
            return False
        numbers.append(int(digits))
    numbers.sort()
    gaps = [b - a for a, b in zip(numbers, numbers[1:])]
    return all(0 < gap <= 3 for gap in gaps)


def main():
    ledger, path, timing = sys.argv[1], sys.argv[2], sys.argv[3]
    report = json.load(open(sys.argv[4])) if len(sys.argv) > 4 else {}
    data = json.load(open(path))
    seconds, kilobytes = open(timing).read().split()
    findings = data["findings"]
    months = max(1, data["months"])
    high = [f for f in findings if f["severity"] in ("high", "critical")]
    print(f"\n== {ledger}: {data['lines']:,} lines, {data['months']} months of data; detect {float(seconds):.1f} s, "
          f"peak RSS {int(kilobytes) / 1024:.0f} MB")
    print(f"findings: {len(findings)} ({len(findings) / months:.2f} per month; target <= 15)")
    print(f"high + critical: {len(high)} ({len(high) / months:.2f} per month; target <= 2)")
    print("by severity: " + ", ".join(f"{s} {sum(1 for f in findings if f['severity'] == s)}" for s in URGENCY))
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(f["kind"] for f in findings).items())))
    runs = [f for f in findings if f["kind"] == "duplicate_payment" and len(set(f["references"] or [])) > 1
            and run_of_references(f["references"] or [])]
    print(f"duplicate findings whose distinct references form a run: {len(runs)} (target 0)")
    for f in runs[:5]:
        print(f"   #{f['id']} {f['explanation'][:140]}  refs {sorted(set(f['references']))[:6]}")
    left_out = report.get("left_out_by_kind") or {}
    print("left out by the caps: " + (", ".join(f"{k} {n}" for k, n in sorted(left_out.items())) or "none"))
    # Severity, then the attention score (absent before it existed), then the money at stake.
    ranked = sorted(findings, key=lambda f: (URGENCY.index(f["severity"]), -(f.get("attention") or 0),
                                             -abs(float(f["delta"] or f["actual"] or 0)), f["id"]))
    print("top 20 by rank:")
    for f in ranked[:20]:
        attention = f" a={f['attention']:.2f}" if f.get("attention") is not None else ""
        print(f"  #{f['id']} [{f['severity']}{attention}] {f['kind']} {f['period'] or ''} {f['path']}: "
              f"{f['explanation'][:160]}")


main()
