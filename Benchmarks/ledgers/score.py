#!/usr/bin/env python3
"""Scores one detector run on a ledger from generate.py against its labels.

  python3 score.py NAME labels.json run.json [--json]

run.json is what evaluate.sh reads from the database after `finrca detect` (one batch loaded):
  {"lines": N, "batches": 1, "materiality": "1234.56",
   "findings": [{"kind": ..., "severity": ..., "lines": [source_line, ...]}, ...],   (the latest run's findings)
   "statistical": {"flagged_lines": n, "lines": [{"line": ...}, ...]}}                (document anomalies_statistical)

Figures (one line; --json prints them as an object):
  recall      injected outliers whose line is the evidence of an outlier finding (statistical_outlier or
              isolation_forest), of all injected outliers; "any" counts a finding of any kind; "material" counts
              only outliers whose excess over their usual amount is at least the run's materiality
  flagged     lines flagged by the statistical pass (anomalies_statistical.flagged_lines), % of all lines; "pass
              recall" = injected outliers among the listed flagged lines (the document lists at most 1,000)
  reported    distinct lines that are the evidence of outlier findings, and their share of all lines
  reversals   labelled reversal lines (a posting and its exact negation) among the outlier findings' lines, and
              how many pairs have a line there; "any" = in any finding's evidence
  year-end    labelled P13 accrual / reclassification lines among the outlier findings' lines
  precision   injected outlier lines / lines reported by outlier findings; "other" = reported lines that are not
              labelled (neither outlier, reversal nor year-end)
  missed      injected outliers not reported: flagged by the statistical pass but not in a finding (cap, materiality),
              or not flagged at all (None when the document does not list every flagged line)
"""
import json
import sys

OUTLIER_KINDS = {"statistical_outlier", "isolation_forest"}


def cents(text):
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    value = int(whole) * 100 + int((fraction + "00")[:2])
    return -value if negative else value


def score(labels, run):
    outliers = {o["line"]: o for o in labels["outliers"]}
    reversal_pairs = [tuple(p["lines"]) for p in labels["reversals"]]
    reversal_lines = {line for pair in reversal_pairs for line in pair}
    year_end = {line for entry in labels["year_end"] for line in entry["lines"]}
    reported, anywhere = set(), set()
    for finding in run["findings"]:
        lines = set(finding["lines"] or [])
        anywhere |= lines
        if finding["kind"] in OUTLIER_KINDS:
            reported |= lines
    materiality = cents(run.get("materiality") or "0")
    material = {line for line, o in outliers.items()
                if abs(cents(o["amount"])) - round(o["usual"] * 100) >= materiality}
    statistical = run.get("statistical") or {}
    flagged_count = statistical.get("flagged_lines", 0)
    listed = {entry["line"] for entry in statistical.get("lines", [])}
    found = reported & outliers.keys()
    lines = run["lines"]

    def share(part, whole):
        return part / whole if whole else 0.0

    return {
        "lines": lines, "outliers": len(outliers),
        "recall": share(len(found), len(outliers)), "found": len(found),
        "recall_any": share(len(anywhere & outliers.keys()), len(outliers)),
        "recall_material": share(len(found & material), len(material)), "material": len(material),
        "recall_small_accounts": share(len({l for l in found if outliers[l]["account_tier"] == "small"}),
                                       len({l for l, o in outliers.items() if o["account_tier"] == "small"})),
        "flagged": flagged_count, "flagged_share": share(flagged_count, lines),
        "flagged_listed": len(listed), "pass_recall": share(len(listed & outliers.keys()), len(outliers)),
        "reported": len(reported), "reported_share": share(len(reported), lines),
        "reversal_lines": len(reversal_lines), "reversal_pairs": len(reversal_pairs),
        "reversals_reported": len(reported & reversal_lines),
        "reversal_pairs_reported": sum(1 for pair in reversal_pairs if reported & set(pair)),
        "reversals_reported_any": len(anywhere & reversal_lines),
        "year_end_reported": len(reported & year_end), "year_end_lines": len(year_end),
        "precision": share(len(found), len(reported)),
        "missed_unflagged": len(outliers.keys() - found - listed) if len(listed) >= flagged_count else None,
        "missed_flagged": len((outliers.keys() & listed) - found),
        "reported_other": len(reported - outliers.keys() - reversal_lines - year_end),
        "materiality": run.get("materiality"),
    }


def line(name, s):
    listed = "" if s["flagged_listed"] >= s["flagged"] else f" of {s['flagged_listed']} listed"
    return (f"{name}: {s['lines']} lines, {s['outliers']} outliers | recall {s['recall']:.3f} ({s['found']}/"
            f"{s['outliers']}; any finding {s['recall_any']:.3f}; material {s['recall_material']:.3f} of "
            f"{s['material']}; small accounts {s['recall_small_accounts']:.3f}) | flagged {100 * s['flagged_share']:.2f} % "
            f"({s['flagged']}; pass recall {s['pass_recall']:.3f}{listed}) | reported {s['reported']} lines "
            f"({100 * s['reported_share']:.3f} %) | reversals reported {s['reversals_reported']} of "
            f"{s['reversal_lines']} lines, {s['reversal_pairs_reported']} of {s['reversal_pairs']} pairs (any finding "
            f"{s['reversals_reported_any']}) | year-end reported {s['year_end_reported']} of {s['year_end_lines']} | "
            f"precision {s['precision']:.3f} (other lines reported {s['reported_other']}) | missed: flagged but not "
            f"reported {s['missed_flagged']}, not flagged {s['missed_unflagged']}")


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    if len(args) != 3:
        sys.exit(__doc__)
    name, labels_path, run_path = args
    with open(labels_path, encoding="utf-8") as f:
        labels = json.load(f)
    with open(run_path, encoding="utf-8") as f:
        run = json.load(f)
    if run.get("batches", 1) != 1:
        sys.exit(f"{name}: {run['batches']} batches loaded; evidence lines name a line of the one generated file")
    figures = score(labels, run)
    print(json.dumps(dict(figures, name=name)) if "--json" in sys.argv else line(name, figures))


if __name__ == "__main__":
    main()
