"""A labelled payments ledger for the duplicate payment test, built independently of finrca's demo generator.

Monthly CSV files in the layout of the Newcastle profile (config/mappings/newcastle.yaml) and a labels.json with
every injected event. Normal accounting that must NOT be reported: payment runs keyed as consecutive documents,
grant programmes paying one amount to many recipients on a day, schedules (rent, per-resident care fees paid
together every month), price-list suppliers, invoices allocated across cost centres, reversals, and a redacted
payee standing for many people. Injected events (the labels):
  exact     the same invoice (supplier, amount, reference, coding) paid again 0-60 days later
  rekeyed   the same invoice keyed again under a new document number, paid 0-3 days after the first
  fuzzy     the same invoice keyed again with its reference edited (INV-004512 / INV4512 / 4512 / 0004512)
  split     one invoice paid in 2-3 parts under <ref>-1, <ref>-2 or <ref>A, <ref>B, adding up to a round sum or
            to just over the approval limit of 10,000.00
  late      the same invoice keyed again under a new document number and paid 20-60 days later (the window of
            the different-reference test is 3 days: expected to be missed, counted against recall)

Two reference schemes: "internal" (one document counter for the ledger, assigned when an invoice is keyed, 0-30
days before it is paid) and "supplier" (each supplier numbers its own invoices in its own format). Amounts are
log-normal with a Pareto tail; activity per supplier is heavy-tailed.

  python3 generate.py OUT_DIR --seed 1 --scheme internal
"""
import argparse
import datetime
import json
import math
import os
import random

HEADER = ("Directorate,Service Area,Group Description,Paid Date,Supplier Name,Internal Ref,Cap/Rev,Cost Centre,"
          "Cost Centre Name,Total")
DIRECTORATES = ["Adults", "Children", "Place", "Resources", "Public Health"]
GROUPS = ["Revenue Expenditure"] * 8 + ["Capital Expenditure"]
WORDS = ["North", "Vale", "Bridge", "Oak", "Harbour", "Summit", "Castle", "River", "Meadow", "Civic", "Granite",
         "Beacon", "Willow", "Quay", "Moor", "Forge", "Heath", "Lantern", "Copper", "Ash"]
TRADES = ["Services", "Supplies", "Care", "Builders", "Consulting", "Transport", "Foods", "Cleaning", "IT", "Legal"]


class Ledger:
    def __init__(self, rng, scheme, start, months):
        self.rng, self.scheme, self.start, self.months = rng, scheme, start, months
        self.docs = []          # each: dict(supplier, amount, paid, keyed, ref, cc, lines=[...], tag)
        self.counter = 4_100_000
        self.supplier_counter = {}
        self.formats = {}
        self.cost_centres = [(f"C{n:03d}", f"{rng.choice(WORDS)} {rng.choice(TRADES)} team") for n in range(120)]

    def day(self, month, day_of_month):
        first = datetime.date(self.start.year + (self.start.month - 1 + month) // 12,
                              (self.start.month - 1 + month) % 12 + 1, 1)
        return first + datetime.timedelta(days=day_of_month)

    def weekday(self, month):
        while True:
            date = self.day(month, self.rng.randrange(0, 28))
            if date.weekday() < 5:
                return date

    def supplier_ref(self, supplier):
        """The supplier's next invoice number in its own format (supplier scheme)."""
        if supplier not in self.formats:
            self.formats[supplier] = self.rng.choice(["INV-{:06d}", "{}", "SI{:05d}", "A{}", "{:07d}"])
            self.supplier_counter[supplier] = self.rng.randrange(100, 90_000)
        self.supplier_counter[supplier] += self.rng.randrange(1, 40)
        return self.formats[supplier].format(self.supplier_counter[supplier])

    def add(self, supplier, amount, paid, cc=None, ref=None, keyed=None, tag=None, parts=1):
        doc = dict(supplier=supplier, amount=amount, paid=paid, cc=cc or self.rng.choice(self.cost_centres),
                   ref=ref, keyed=keyed or paid - datetime.timedelta(days=self.rng.randrange(0, 31)), tag=tag,
                   parts=parts)
        if ref is None and self.scheme == "supplier" and not supplier.startswith(("Grant", "REDACTED")):
            doc["ref"] = self.supplier_ref(supplier)
        self.docs.append(doc)
        return doc

    def assign_internal_refs(self):
        """Internal document numbers in keying order; a batch (same 'batch' key) gets consecutive numbers."""
        pending = sorted((d for d in self.docs if d["ref"] is None and "credit_of" not in d),
                         key=lambda d: (d["keyed"], d.get("batch", 0)))
        last_batch = None
        for doc in pending:
            batch = doc.get("batch")
            self.counter += 1 if batch is not None and batch == last_batch else self.rng.randrange(20, 400)
            last_batch = batch
            doc["ref"] = str(self.counter)
        for doc in self.docs:
            if "credit_of" in doc:
                doc["ref"] = doc["credit_of"]["ref"]


def amount_lognormal(rng):
    value = rng.lognormvariate(math.log(900), 1.2)
    if rng.random() < 0.03:
        value *= rng.paretovariate(1.3)
    return max(25_000, int(value * 100))  # minor units; published lines start at 250.00


def build(seed, scheme, months=24):
    rng = random.Random(seed)
    ledger = Ledger(rng, scheme, datetime.date(2021, 4, 1), months)
    names = set()
    suppliers = []
    while len(suppliers) < 700:
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} Ltd"
        if name not in names:
            names.add(name)
            suppliers.append(name)
    kinds = {s: rng.choices(["invoice", "pricelist", "schedule", "run"], [0.72, 0.14, 0.11, 0.03])[0]
             for s in suppliers}
    rate = {s: min(40.0, 0.4 * rng.paretovariate(1.2)) for s in suppliers}
    prices = {s: [rng.choice([4500, 12000, 35000, 52050, 99900, 150000]) * rng.choice([1, 2]) for _ in range(4)]
              for s in suppliers}
    schedule = {s: (amount_lognormal(rng), rng.choice([1, 1, 2, 3, 4, 6])) for s in suppliers}
    ordinary = []
    for month in range(months):
        for supplier in suppliers:
            kind = kinds[supplier]
            if kind == "schedule":
                amount, residents = schedule[supplier]
                paid = ledger.day(month, rng.choice([0, 1, 2]))
                for _ in range(residents):
                    ledger.add(supplier, amount, paid)
                continue
            count = sum(1 for _ in range(60) if rng.random() < rate[supplier] / 60)
            for _ in range(count):
                paid = ledger.weekday(month)
                if kind == "pricelist":
                    ledger.add(supplier, rng.choice(prices[supplier]), paid)
                elif kind == "run" and rng.random() < 0.3:
                    batch = rng.random()
                    amount = rng.choice([300_000, 125_000, 2_500_000, amount_lognormal(rng)])
                    for _ in range(rng.randrange(5, 60)):
                        ledger.add(supplier, amount, paid, keyed=paid - datetime.timedelta(days=2))["batch"] = batch
                else:
                    doc = ledger.add(supplier, amount_lognormal(rng), paid)
                    if rng.random() < 0.05:  # allocated across cost centres in equal parts
                        doc["parts"] = rng.randrange(2, 5)
                        doc["amount"] -= doc["amount"] % doc["parts"]
                    elif rng.random() < 0.01:  # reversed by a credit under the same reference
                        delay = datetime.timedelta(days=rng.randrange(1, 20))
                        ledger.docs.append(dict(doc, amount=-doc["amount"], paid=paid + delay, credit_of=doc))
                    else:
                        ordinary.append(doc)
        if month % 4 == 1:  # a grant programme: one amount to many recipients on one day, keyed as one batch
            paid, amount, batch = ledger.weekday(month), rng.choice([50_000, 100_000, 250_000, 1_000_000]), rng.random()
            for recipient in rng.sample(range(5000), rng.randrange(20, 150)):
                for _ in range(rng.choice([1, 1, 1, 2])):
                    ledger.add(f"Grant Recipient {recipient:04d}", amount, paid,
                               keyed=paid - datetime.timedelta(days=3))["batch"] = batch
        for _ in range(rng.randrange(30, 80)):  # a redacted payee standing for many people
            ledger.add("REDACTED PERSONAL DATA", rng.choice([15_000, 27_550, 40_000, rng.randrange(25_000, 90_000)]),
                       ledger.weekday(month))
    inject(rng, ledger, ordinary)
    return ledger


def inject(rng, ledger, ordinary):
    originals = rng.sample(ordinary, 150)
    plan = ["exact"] * 30 + ["rekeyed"] * 30 + ["fuzzy"] * 30 + ["split"] * 30 + ["late"] * 30
    for event, (kind, original) in enumerate(zip(plan, originals)):
        original["tag"] = (kind, "original")
        original["event"] = event
        if kind == "exact":
            copy = dict(original, paid=original["paid"] + datetime.timedelta(days=rng.randrange(0, 61)))
            ledger.docs.append(copy)
        elif kind in ("rekeyed", "late"):
            delay = rng.randrange(0, 4) if kind == "rekeyed" else rng.randrange(20, 61)
            paid = original["paid"] + datetime.timedelta(days=delay)
            copy = dict(original, paid=paid, keyed=paid - datetime.timedelta(days=rng.randrange(0, 20)), ref=None)
            if ledger.scheme == "supplier":
                copy["ref"] = ledger.supplier_ref(original["supplier"])
            ledger.docs.append(copy)
        elif kind == "fuzzy":
            copy = dict(original, paid=original["paid"] + datetime.timedelta(days=rng.randrange(0, 61)), fuzz=True)
            ledger.docs.append(copy)
        else:
            original["split"] = rng.choice(["round", "limit"])
            continue
        copy["tag"] = (kind, "copy")


def rows(ledger):
    """The lines of every document as (paid date, csv fields, label key), references resolved."""
    ledger.assign_internal_refs()
    rng = ledger.rng
    for doc in ledger.docs:
        if doc.get("fuzz"):
            doc["ref"] = fuzz(rng, doc["ref"])
    out = []
    for number, doc in enumerate(ledger.docs):
        tag = doc.get("tag")
        if doc.get("split"):
            out += split_rows(rng, doc, number)
            continue
        parts = doc["parts"]
        share = doc["amount"] // parts
        for part in range(parts):
            cc = doc["cc"] if part == 0 else rng.choice(ledger.cost_centres)
            amount = share if part < parts - 1 else doc["amount"] - share * (parts - 1)
            out.append((doc, cc, amount, doc["ref"], doc["paid"], (tag, doc.get("event"))))
    return out


def fuzz(rng, ref):
    digits = "".join(c for c in ref if c.isdigit()).lstrip("0") or "0"
    return rng.choice([f"INV-{int(digits):06d}", f"INV{digits}", f"0{digits}", f"inv {digits}", f"No.{digits}"])


def split_rows(rng, doc, number):
    parts = rng.choice([2, 2, 3])
    if doc["split"] == "round":
        total = rng.randrange(3, 40) * 100_000
    else:
        total = rng.randrange(1_000_001, 1_400_000)
    cuts = sorted(rng.sample(range(1_001, total - 1_000), parts - 1))
    amounts = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    limit_broken = doc["split"] == "limit" and max(amounts) >= 1_000_000
    if limit_broken or any(a % 100_000 == 0 for a in amounts):
        amounts = [total - (parts - 1) * (total // parts - 17)] + [total // parts - 17] * (parts - 1)
    style = rng.choice(["-{}", "/{}", "{}"])
    letters = "ABC"
    out = []
    for index, amount in enumerate(amounts):
        suffix = style.format(index + 1) if style != "{}" else letters[index]
        paid = doc["paid"] + datetime.timedelta(days=rng.choice([0, 0, 1, 2]) if index else 0)
        out.append((doc, doc["cc"], amount, doc["ref"] + suffix, paid, (("split", "part"), doc["event"])))
    return out


def write(ledger, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    by_month = {}
    for doc, cc, amount, ref, paid, label in rows(ledger):
        by_month.setdefault(paid.strftime("%Y-%m"), []).append((paid, doc, cc, amount, ref, label))
    events = {}
    for month, lines in sorted(by_month.items()):
        lines.sort(key=lambda x: (x[0], x[1]["supplier"], x[4]))
        name = f"{month}.csv"
        with open(os.path.join(out_dir, name), "w") as handle:
            handle.write(HEADER + "\n")
            for index, (paid, doc, cc, amount, ref, label) in enumerate(lines):
                directorate = DIRECTORATES[int(cc[0][1:]) % len(DIRECTORATES)]
                group = GROUPS[int(cc[0][1:]) % len(GROUPS)]
                fields = [directorate, "Service " + cc[0][1:3], group, paid.isoformat(), doc["supplier"], ref,
                          "revenue", cc[0], cc[1], f"{amount / 100:.2f}"]
                handle.write(",".join(f'"{f}"' if "," in f else f for f in fields) + "\n")
                (tag, key) = label
                if tag:
                    event = events.setdefault(key, {"kind": tag[0], "lines": []})
                    event["lines"].append({"file": name, "line": index + 2, "role": tag[1], "reference": ref,
                                           "amount": f"{amount / 100:.2f}", "supplier": doc["supplier"]})
    labelled = [e for e in events.values() if len(e["lines"]) == (len(e["lines"]) if e["kind"] == "split" else 2)]
    with open(os.path.join(out_dir, "labels.json"), "w") as handle:
        json.dump({"events": labelled}, handle, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scheme", choices=["internal", "supplier"], default="internal")
    args = parser.parse_args()
    ledger = build(args.seed, args.scheme)
    write(ledger, args.out)


main()
