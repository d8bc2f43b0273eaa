#!/usr/bin/env python3
"""A labelled general ledger in the 31-column finance_expense layout, written independently of finrca's own
generator (Sources/SampleData) and with different distributions, so that detector figures measured on it are not
tuned to the data the detector was built with.

What is in it (every random choice comes from one random.Random(seed); only rng.random() is used, with our own
transforms, so a seed gives the same ledger on any Python 3):
  * 13-period fiscal years starting 1 April (P1-P12 of 28 days, P13 = the rest of the year, year-end included),
    several years of history, two company codes in GBP.
  * GL accounts in three tiers: a few core accounts carrying most lines, mid-sized ones, and many small accounts
    with 2-80 lines over the whole history. Each account has its own scale (log-normal across accounts), its own
    spread, and a heavy tail: a mixture of a clipped log-normal body, a truncated Pareto tail (alpha 1.2-2.6, up
    to 8x the usual amount) and occasional tiny lines. No natural line exceeds 9.5x its usual amount.
  * Suppliers drawn with Zipf frequencies; the usual amount of a line is set by its (account, supplier) pair and
    inflates by year. Some pairs bill from a short price list.
  * Payment runs: most invoices are posted on Tuesday/Thursday runs with consecutive document numbers; manual
    invoices, credit notes, reversals and journals have number ranges of their own.
  * Signed refunds: credit notes (H) for part or all of an earlier invoice, 5-60 days later.
  * Exact reversals: a posting and its exact negation 0-6 days later, same supplier/account/cost centre, followed by
    the corrected posting. One in ten reverses a keying error at 10x or 100x the right amount.
  * Recurring schedules: the same amount to the same supplier every period (rent, leases, licences), uplifted once
    a year; grant programmes paying one amount to many recipients on one day with consecutive references.
  * Year-end: accruals posted on the last day of the year (P13) and reversed on the first day of the next, and
    reclassification journals in P13.
  * Injected outliers: ordinary invoice lines whose amount is replaced by 20-100x (log-uniform) the usual amount of
    its (account, supplier) pair in that year, about 1.5 per 1,000 lines, a third of them in small accounts (under
    81 lines over the whole history); 8 % are credits.

Labels (JSON): every outlier line with its usual amount and multiplier, every reversal pair, the year-end lines,
and counts of refunds, schedule and grant lines. Lines are named by their physical line in the CSV (header = 1),
which is what finrca stores as source_line.

Seeds: 1-999 are development seeds (tests and tuning may use them); seeds >= 1000 are held out ("unseen") and are
only ever used for reporting.

  python3 generate.py --seed 1 --lines 200000 --out gl.csv --labels labels.json
"""
import argparse
import bisect
import datetime
import json
import math
import os
import random

COLUMNS = [
    "posting_period", "ledger", "company_code", "company_code_currency_key", "company_code_currency_value",
    "debit_credit_ind", "account_type", "region", "profit_center_id", "profit_center_name", "cost_center_id",
    "cost_center_name", "directorate", "entity", "remapping_directorate", "functional_area", "functional_area_name",
    "general_ledger_account", "general_ledger_account_name", "general_ledger_fiscal_year", "fund", "supplier",
    "reference", "document_header_text", "po_description", "transaction", "level_1", "level_7", "status",
    "funds_center", "posting_date",
]

DIRECTORATES = ["Operations", "Estates and Facilities", "Digital Services", "Finance and Risk", "Customer Services",
                "People and Culture", "Research and Innovation"]
REGIONS = ["North East", "Yorkshire", "Midlands", "London", "South West", "Scotland"]
AREAS = [("FA10", "Service delivery"), ("FA20", "Support services"), ("FA30", "Capital programme"),
         ("FA40", "Corporate management"), ("FA50", "Community programmes")]
CATEGORIES = ["Software", "Hardware", "Travel", "Accommodation", "Catering", "Cleaning", "Security", "Utilities",
              "Legal", "Audit", "Consultancy", "Recruitment", "Training", "Printing", "Postage", "Telephony",
              "Vehicle", "Fuel", "Insurance", "Rent", "Rates", "Maintenance", "Furniture", "Stationery", "Medical",
              "Laboratory", "Marketing", "Events", "Subscriptions", "Agency staff", "Waste", "Grounds", "Licences",
              "Freight", "Uniforms", "Equipment hire", "Translation", "Bank charges", "Catering supplies"]
QUALIFIERS = ["general", "regional", "projects", "central", "external", "contracts", "minor works", "annual",
              "specialist", "emergency", "planned", "reactive", "cloud", "field", "head office", "overseas"]
SYLLABLES = ["ar", "bel", "cor", "dun", "el", "fen", "gar", "hal", "ix", "jor", "kel", "lin", "mor", "nor", "ost",
             "pen", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar", "zan", "bri", "cal", "dal", "ever", "fal"]
SUFFIXES = ["Ltd", "Ltd", "Ltd", "plc", "LLP", "and Co", "Group", "Services Ltd", "Trading", "UK Ltd"]
GRANTEES = ["Community Trust", "Youth Project", "Food Bank", "Arts Collective", "Sports Club", "Housing Association",
            "Advice Centre", "Wildlife Group"]

DAY0 = datetime.date(1970, 1, 1).toordinal()


class Draw:
    """Variates built on rng.random() only (stable across Python versions)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.u = self.rng.random

    def uniform(self, low, high):
        return low + (high - low) * self.u()

    def integer(self, low, high):
        """An integer in [low, high]."""
        return low + min(int(self.u() * (high - low + 1)), high - low)

    def normal(self):
        u1 = self.u() or 1e-300
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * self.u())

    def clipped_normal(self, clip):
        return max(-clip, min(clip, self.normal()))

    def log_uniform(self, low, high):
        return math.exp(self.uniform(math.log(low), math.log(high)))

    def pareto_truncated(self, alpha, cap):
        """Pareto(alpha) on [1, cap] by inverse CDF."""
        tail = 1.0 - cap ** -alpha
        return (1.0 - self.u() * tail) ** (-1.0 / alpha)

    def pick(self, items):
        return items[min(int(self.u() * len(items)), len(items) - 1)]

    def chance(self, p):
        return self.u() < p

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = min(int(self.u() * (i + 1)), i)
            items[i], items[j] = items[j], items[i]


class Weighted:
    """Weighted choice by bisection over cumulative weights."""

    def __init__(self, items, weights):
        self.items = items
        self.cumulative = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.total = total

    def draw(self, d):
        i = bisect.bisect_right(self.cumulative, d.u() * self.total)
        return self.items[min(i, len(self.items) - 1)]


class Calendar:
    """13-period fiscal years starting 1 April; the year is named by the calendar year it starts in."""

    def __init__(self, first_year, years):
        self.first_year, self.years = first_year, years
        self.start = datetime.date(first_year, 4, 1).toordinal()
        self.end = datetime.date(first_year + years, 4, 1).toordinal()  # exclusive

    @staticmethod
    def year_start(year):
        return datetime.date(year, 4, 1).toordinal()

    def period_of(self, ordinal):
        date = datetime.date.fromordinal(ordinal)
        year = date.year if date.month >= 4 else date.year - 1
        return year, min((ordinal - self.year_start(year)) // 28 + 1, 13)

    def period_range(self, year, period):
        first = self.year_start(year) + 28 * (period - 1)
        last = self.year_start(year + 1) - 1 if period == 13 else first + 27
        return first, last

    def periods(self):
        return [(y, p) for y in range(self.first_year, self.first_year + self.years) for p in range(1, 14)]


class Organisation:
    def __init__(self, d, lines):
        scale = max(lines / 200_000, 0.05)
        self.d = d
        n_cc = max(20, int(160 * math.sqrt(scale)))
        self.cost_centres = []
        for i in range(n_cc):
            directorate = d.pick(DIRECTORATES)
            area = d.pick(AREAS)
            company = "GB01" if d.chance(0.8) else "GB02"
            self.cost_centres.append({
                "id": f"CC{31000 + i * 7}", "name": f"{d.pick(CATEGORIES)} {d.pick(['team', 'unit', 'hub', 'office'])} {i}",
                "directorate": directorate, "area": area, "company": company,
                "region": d.pick(REGIONS), "profit": f"PC{400 + DIRECTORATES.index(directorate) * 10 + i % 7}",
                "fund": "GEN" if d.chance(0.85) else "RES", "funds_centre": f"FC-{directorate[:3].upper()}-{i % 9}",
            })
        self.cc_weights = Weighted(list(range(n_cc)), [d.pareto_truncated(1.1, 200.0) for _ in range(n_cc)])

        n_suppliers = max(150, int(4000 * math.sqrt(scale)))
        self.suppliers = []
        seen = set()
        while len(self.suppliers) < n_suppliers:
            name = "".join(d.pick(SYLLABLES) for _ in range(d.integer(2, 3))).capitalize()
            name = f"{name} {d.pick(CATEGORIES)} {d.pick(SUFFIXES)}" if d.chance(0.6) else f"{name} {d.pick(SUFFIXES)}"
            if name in seen:
                continue
            seen.add(name)
            homes = [self.cc_weights.draw(d) for _ in range(d.integer(1, 3))]
            self.suppliers.append({"name": name, "homes": homes})
        # Zipf frequencies over a random order of the suppliers.
        self.zipf = [1.0 / (rank + 1) ** 1.07 for rank in range(n_suppliers)]
        self.supplier_by_zipf = Weighted(list(range(n_suppliers)), self.zipf)

        n_accounts = max(40, int(520 * math.sqrt(scale)))
        self.accounts = []
        used = self.account_numbers = {"580000"}
        for i in range(n_accounts):
            tier = "core" if i < n_accounts * 0.07 else "mid" if i < n_accounts * 0.28 else "small"
            while True:
                number = f"5{d.integer(10000, 99999)}"
                if number not in used:
                    used.add(number)
                    break
            capital = d.chance(0.08)
            category = d.pick(CATEGORIES)
            account = {
                "number": number, "name": f"{category} - {d.pick(QUALIFIERS)}", "category": category,
                "tier": tier, "type": "A" if capital else "S",
                "level1": "Capital expenditure" if capital else "Operating expenditure",
                "scale": math.exp(math.log(600.0) + 1.5 * d.clipped_normal(2.5)),   # median line, pounds
                "sigma": d.uniform(0.2, 0.9),
                "supplier_sigma": d.uniform(0.15, 0.7),
                "tail": d.uniform(0.0, 0.15), "alpha": d.uniform(1.2, 2.6),
            }
            if tier == "core":
                account["weight"] = d.log_uniform(3.0, 30.0)
                n_sup = d.integer(30, 200)
            elif tier == "mid":
                account["weight"] = d.log_uniform(0.3, 3.0)
                n_sup = d.integer(5, 40)
            else:
                account["target_lines"] = int(d.log_uniform(2, 81))
                n_sup = d.integer(1, 6)
            # Half the account's suppliers are drawn by Zipf frequency (popular suppliers serve many accounts),
            # half uniformly (the long tail); within the account their shares are log-normal.
            sups = sorted({self.supplier_by_zipf.draw(d) if k % 2 == 0 else d.integer(0, n_suppliers - 1)
                           for k in range(n_sup)})
            account["suppliers"] = Weighted(sups, [self.zipf[s] ** 0.3 * math.exp(d.normal()) for s in sups])
            self.accounts.append(account)
        self.big = Weighted([a for a in range(n_accounts) if self.accounts[a]["tier"] != "small"],
                            [a["weight"] for a in self.accounts if a["tier"] != "small"])
        self.pairs = {}

    def pair(self, account, supplier):
        """Usual amount factor and price list of an (account, supplier) pair, made on first use."""
        key = (account, supplier)
        found = self.pairs.get(key)
        if found is None:
            d = self.d
            a = self.accounts[account]
            factor = math.exp(a["supplier_sigma"] * d.clipped_normal(2.0))
            prices = None
            if d.chance(0.15):
                prices = [round(d.uniform(0.5, 1.6), 2) for _ in range(d.integer(1, 4))]
            found = (a["scale"] * factor, prices)
            self.pairs[key] = found
        return found


class Ledger:
    def __init__(self, seed, lines, first_year, years):
        self.d = Draw(seed)
        self.target = lines
        self.cal = Calendar(first_year, years)
        self.org = Organisation(self.d, lines)
        self.rows = []   # [ordinal, kind, account, supplier(-1 none), cc, cents(signed), tx, run, ref, header, tag]
        self.labels = {"outliers": [], "reversals": [], "year_end": [], "refunds": 0, "schedule_lines": 0,
                       "grant_lines": 0}
        self.inflation = {y: 1.045 ** (y - first_year) for y in range(first_year, first_year + years + 1)}

    # -- amounts ------------------------------------------------------------------------------------------------
    def usual(self, account, supplier, year):
        base, _ = self.org.pair(account, supplier)
        return base * self.inflation[year]

    def natural(self, account, supplier, year):
        d = self.d
        a = self.org.accounts[account]
        usual = self.usual(account, supplier, year)
        _, prices = self.org.pair(account, supplier)
        if prices is not None and d.chance(0.8):
            return usual * d.pick(prices) * d.integer(1, 3)
        r = d.u()
        if r < a["tail"]:
            return usual * d.pareto_truncated(a["alpha"], 8.0)
        if r < a["tail"] + 0.02:
            return usual / d.uniform(1.0, 30.0)
        return usual * math.exp(a["sigma"] * d.clipped_normal(2.5))

    @staticmethod
    def cents(pounds):
        return max(1, int(round(pounds * 100)))

    # -- dates --------------------------------------------------------------------------------------------------
    def run_days(self, year, period):
        first, last = self.cal.period_range(year, period)
        return [o for o in range(first, last + 1) if datetime.date.fromordinal(o).weekday() in (1, 3)]

    def weekday_in(self, year, period):
        first, last = self.cal.period_range(year, period)
        d = self.d
        if d.chance(0.003):
            return d.integer(first, last)   # a few postings fall on a weekend
        while True:
            o = d.integer(first, last)
            if datetime.date.fromordinal(o).weekday() < 5:
                return o

    @staticmethod
    def business_day(ordinal, forward):
        """The ordinal itself on a weekday, else the Monday after (forward) or the Friday before."""
        weekday = datetime.date.fromordinal(ordinal).weekday()
        if weekday < 5:
            return ordinal
        return ordinal + (7 - weekday) if forward else ordinal - (weekday - 4)

    def add(self, ordinal, kind, account, supplier, cc, cents, tx, run, header="", tag=None):
        self.rows.append([ordinal, kind, account, supplier, cc, cents, tx, run, None, header, tag])
        return len(self.rows) - 1

    def cost_centre_for(self, supplier):
        d = self.d
        if supplier >= 0 and d.chance(0.75):
            return d.pick(self.org.suppliers[supplier]["homes"])
        return self.org.cc_weights.draw(d)

    # -- building -----------------------------------------------------------------------------------------------
    def build(self):
        d, cal, org = self.d, self.cal, self.org
        n = self.target
        periods = cal.periods()
        self.schedules(int(0.025 * n), periods)
        self.grants(int(0.006 * n))
        self.year_end()
        n_reversals = int(0.012 * n)
        n_refunds = int(0.035 * n)
        n_ordinary = max(0, n - len(self.rows) - 2 * n_reversals - n_refunds)

        # Small accounts get their exact line counts; the rest of the lines go to core and mid accounts.
        account_of_line = []
        for index, a in enumerate(org.accounts):
            if a["tier"] == "small":
                account_of_line += [index] * a["target_lines"]
        account_of_line = account_of_line[:n_ordinary]
        while len(account_of_line) < n_ordinary:
            account_of_line.append(org.big.draw(d))
        d.shuffle(account_of_line)

        # Lines per period: growth over the years, mild seasonality, a year-end rush in P13.
        weights = []
        for year, period in periods:
            weights.append((1.05 ** (year - cal.first_year)) * (1.0 + 0.12 * math.sin(period / 13 * 2 * math.pi))
                           * (1.35 if period == 13 else 1.0) * d.uniform(0.9, 1.1))
        period_of_line = Weighted(periods, weights)
        run_days = {key: self.run_days(*key) for key in periods}
        ordinary = []
        for account in account_of_line:
            year, period = period_of_line.draw(d)
            supplier = org.accounts[account]["suppliers"].draw(d)
            cc = self.cost_centre_for(supplier)
            in_run = d.chance(0.85) and run_days[(year, period)]
            ordinal = d.pick(run_days[(year, period)]) if in_run else self.weekday_in(year, period)
            cents = self.cents(self.natural(account, supplier, year))
            row = self.add(ordinal, "invoice", account, supplier, cc, cents, "MIRO" if in_run else "FB60",
                           bool(in_run), f"Inv {d.integer(10000, 999999)}")
            ordinary.append(row)
        d.shuffle(ordinary)
        taken = set()
        cursor = self.reversals(n_reversals, ordinary, taken)
        cursor = self.refunds(n_refunds, ordinary, taken, cursor)
        self.outliers(ordinary, taken, cursor)
        self.assign_references()

    def schedules(self, budget, periods):
        d, org = self.d, self.org
        lines = 0
        while lines < budget:
            account = org.big.draw(d)
            supplier = org.accounts[account]["suppliers"].draw(d)
            cc = self.cost_centre_for(supplier)
            start = d.integer(0, len(periods) - 12)
            end = min(len(periods), start + d.integer(12, len(periods)))
            amount = self.usual(account, supplier, periods[start][0]) * min(8.0, math.exp(0.4 + 0.5 * d.normal()))
            amount = round(amount, -1 if amount > 100 else 0) or 10.0
            day = d.integer(0, 20)
            uplift = d.uniform(0.0, 0.05)
            year0 = periods[start][0]
            for year, period in periods[start:end]:
                first, last = self.cal.period_range(year, period)
                pounds = round(amount * (1 + uplift) ** (year - year0), 2)
                # A schedule due on a weekend is posted on the Friday before.
                self.add(self.business_day(min(first + day, last), False), "schedule", account, supplier, cc, self.cents(pounds), "FB60", False,
                         f"Sched {supplier % 997:03d}/{period:02d}")
                lines += 1
        self.labels["schedule_lines"] = lines

    def grants(self, budget):
        d, org, cal = self.d, self.org, self.cal
        if budget < 20:
            return
        account = len(org.accounts)
        org.accounts.append({"number": "580000", "name": "Grants - community programmes", "category": "Grants",
                             "tier": "grant", "type": "S", "level1": "Operating expenditure", "scale": 5000.0,
                             "sigma": 0.0, "supplier_sigma": 0.0, "tail": 0.0, "alpha": 2.0})
        recipients = []
        for i in range(max(40, budget // 3)):
            name = "".join(d.pick(SYLLABLES) for _ in range(2)).capitalize() + f" {d.pick(GRANTEES)} {i}"
            org.suppliers.append({"name": name, "homes": [org.cc_weights.draw(d)]})
            recipients.append(len(org.suppliers) - 1)
        cc = org.cc_weights.draw(d)
        lines = 0
        while lines < budget:
            year, period = d.pick(cal.periods())
            ordinal = d.pick(self.run_days(year, period))
            amount = d.pick([500, 1000, 1500, 2500, 5000, 10000])
            chosen = list(recipients)
            d.shuffle(chosen)
            for supplier in chosen[:d.integer(15, min(150, len(chosen)))]:
                self.add(ordinal, "grant", account, supplier, cc, amount * 100, "MIRO", "grant",
                         f"Grant programme {year}-{period:02d}")
                lines += 1
        self.labels["grant_lines"] = lines

    def year_end(self):
        d, org, cal = self.d, self.org, self.cal
        core = [i for i, a in enumerate(org.accounts) if a["tier"] == "core"]
        accrued = core[:max(3, len(core) // 2)]
        for year in range(cal.first_year, cal.first_year + cal.years):
            last_day = cal.year_start(year + 1) - 1
            for account in accrued:
                a = org.accounts[account]
                pounds = round(a["scale"] * self.inflation[year] * d.log_uniform(20, 200), -2) or 100.0
                cc = org.cc_weights.draw(d)
                header = f"YE accrual FY{year} {a['category']}"
                first = self.add(last_day, "accrual", account, -1, cc, self.cents(pounds), "FB50", False, header)
                pair = [first]
                if year + 1 < cal.first_year + cal.years:
                    pair.append(self.add(last_day + 1, "accrual", account, -1, cc, -self.cents(pounds), "FB50", False,
                                         "Reversal of " + header))
                self.labels["year_end"].append({"rows": pair, "kind": "accrual"})
            for _ in range(max(2, len(core) // 3)):
                source, target = d.pick(core), d.pick(core)
                if source == target:
                    continue
                pounds = round(org.accounts[source]["scale"] * d.log_uniform(5, 50), 2)
                cc = org.cc_weights.draw(d)
                header = f"YE reclass FY{year}"
                rows = [self.add(last_day, "reclass", source, -1, cc, -self.cents(pounds), "FB50", False, header),
                        self.add(last_day, "reclass", target, -1, cc, self.cents(pounds), "FB50", False, header)]
                self.labels["year_end"].append({"rows": rows, "kind": "reclass"})

    def reversals(self, count, ordinary, taken):
        """A wrong posting, its exact reversal 0-6 days later, then the correct posting (the ordinary line)."""
        d, cal = self.d, self.cal
        cursor = 0
        made = 0
        while made < count and cursor < len(ordinary):
            correct = ordinary[cursor]
            cursor += 1
            ordinal, _, account, supplier, cc, cents, _, _, _, _, _ = self.rows[correct]
            wrong_day = self.business_day(ordinal - d.integer(0, 6), False)
            if wrong_day < cal.start:
                continue
            roll = d.u()
            wrong_account, wrong_cc, wrong_cents = account, cc, cents
            if roll < 0.1:
                factor = d.pick([10, 10, 100])
                wrong_cents = cents * factor
                reason = f"keying_error_x{factor}"
            elif roll < 0.35:
                wrong_cents = int(cents * d.uniform(0.5, 1.5)) or 1
                reason = "wrong_amount"
            else:
                wrong_cc = self.cost_centre_for(-1)
                reason = "wrong_cost_centre"
            taken.add(correct)
            in_run = self.rows[correct][7]
            wrong = self.add(wrong_day, "invoice", wrong_account, supplier, wrong_cc, wrong_cents,
                             "MIRO" if in_run else "FB60", in_run, self.rows[correct][9])
            reversal_day = max(wrong_day, self.business_day(d.integer(wrong_day, ordinal), False))
            reverse = self.add(reversal_day, "reversal", wrong_account, supplier, wrong_cc, -wrong_cents, "FB08",
                               False, "", tag=wrong)
            self.labels["reversals"].append({"rows": [wrong, reverse], "reason": reason, "correction": correct})
            made += 1
        return cursor

    def refunds(self, count, ordinary, taken, cursor):
        """Credit notes for part or all of an earlier invoice."""
        d, cal = self.d, self.cal
        made = 0
        while made < count and cursor < len(ordinary):
            invoice = ordinary[cursor]
            cursor += 1
            ordinal, _, account, supplier, cc, cents, _, _, _, _, _ = self.rows[invoice]
            day = self.business_day(ordinal + d.integer(5, 60), True)
            if day >= cal.end:
                continue
            share = 1.0 if d.chance(0.4) else d.uniform(0.05, 0.9)
            taken.add(invoice)
            self.add(day, "refund", account, supplier, cc, -(int(cents * share) or 1), "FB65", False, "", tag=invoice)
            made += 1
        self.labels["refunds"] = made
        return cursor

    def outliers(self, ordinary, taken, cursor):
        """About 1.5 per 1,000 lines; a third in small accounts (at most one per account, and only in accounts with
        at least 6 lines, so that the account's usual amount can be seen)."""
        d, org = self.d, self.org
        total = int(0.0015 * self.target) or 1
        small_quota = total // 3
        counts = {}
        for r in self.rows:
            counts[r[2]] = counts.get(r[2], 0) + 1
        small_rows = {}
        for row in ordinary[cursor:]:
            account = self.rows[row][2]
            if org.accounts[account]["tier"] == "small" and counts[account] >= 6 and account not in small_rows:
                small_rows[account] = row
        hosts = list(small_rows.values())[:small_quota]
        hosts_set = set(hosts)
        used_periods = set()
        for row in ordinary[cursor:]:
            if len(hosts) >= total:
                break
            key = (self.rows[row][2], self.cal.period_of(self.rows[row][0]))
            if row in hosts_set or key in used_periods:
                continue
            used_periods.add(key)
            hosts.append(row)
        for row in hosts:
            ordinal, _, account, supplier, cc, cents, _, _, _, _, _ = self.rows[row]
            year, _ = self.cal.period_of(ordinal)
            usual = self.usual(account, supplier, year)
            multiplier = d.log_uniform(20.0, 100.0)
            amount = self.cents(usual * multiplier)
            credit = d.chance(0.08)
            self.rows[row][5] = -amount if credit else amount
            self.rows[row][1] = "outlier"
            taken.add(row)
            self.labels["outliers"].append({
                "row": row, "usual": round(usual, 2), "multiplier": round(multiplier, 2), "credit": credit,
                "account_tier": org.accounts[account]["tier"], "account_lines": counts[account],
            })

    def assign_references(self):
        """Document numbers: consecutive within each payment run, own ranges for manual invoices, credit notes,
        reversals and journals."""
        d = self.d
        later = ("reversal", "refund")   # on the day of what they reverse or refund, they come after it
        order = sorted(range(len(self.rows)),
                       key=lambda i: (self.rows[i][0], self.rows[i][1] in later, str(self.rows[i][7]), self.d.u()))
        counters = {"run": 1900000000, "manual": 5100000000, "credit": 1700000000, "reversal": 1800000000,
                    "journal": 1000000000}
        for i in order:
            row = self.rows[i]
            kind, run = row[1], row[7]
            if kind in ("accrual", "reclass"):
                counters["journal"] += 1
                row[8] = str(counters["journal"])
            elif kind == "refund":
                counters["credit"] += 1
                row[8] = str(counters["credit"])
            elif kind == "reversal":
                counters["reversal"] += 1
                row[8] = str(counters["reversal"])
            elif run:
                counters["run"] += 1
                row[8] = str(counters["run"])
            else:
                counters["manual"] += 1 + (d.integer(0, 3) if d.chance(0.2) else 0)
                row[8] = str(counters["manual"])
        for row in self.rows:
            if row[1] == "reversal":
                row[9] = "Reversal of " + self.rows[row[10]][8]
            elif row[1] == "refund":
                row[9] = "Credit note for " + self.rows[row[10]][8]
        self.order = order

    # -- output -------------------------------------------------------------------------------------------------
    def write(self, csv_path, labels_path, seed):
        org, cal = self.org, self.cal
        line_of = {}
        tmp = csv_path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write(",".join(COLUMNS) + "\n")
            buffer = []
            for position, i in enumerate(self.order):
                ordinal, kind, account, supplier, cc_index, cents, tx, _, ref, header, _ = self.rows[i]
                line_of[i] = position + 2
                year, period = cal.period_of(ordinal)
                a = org.accounts[account]
                cc = org.cost_centres[cc_index]
                magnitude = abs(cents)
                buffer.append(",".join((
                    str(period), "0L", cc["company"], "GBP", f"{magnitude // 100}.{magnitude % 100:02d}",
                    "H" if cents < 0 else "S", a["type"], cc["region"], cc["profit"], f"{cc['directorate']} profit",
                    cc["id"], cc["name"], cc["directorate"], "Main" if cc["company"] == "GB01" else "Trading",
                    cc["directorate"], cc["area"][0], cc["area"][1], a["number"], a["name"], str(year), cc["fund"],
                    org.suppliers[supplier]["name"] if supplier >= 0 else "", ref, header,
                    f"{a['category']} {kind}", tx, a["level1"], a["category"], "Posted", cc["funds_centre"],
                    datetime.date.fromordinal(ordinal).isoformat(),
                )))
                if len(buffer) >= 10000:
                    out.write("\n".join(buffer) + "\n")
                    buffer.clear()
            if buffer:
                out.write("\n".join(buffer) + "\n")
        os.replace(tmp, csv_path)

        def describe(i):
            ordinal, kind, account, supplier, cc, cents, _, _, ref, _, _ = self.rows[i]
            year, period = cal.period_of(ordinal)
            return {"line": line_of[i], "period": f"{year}-{period:02d}", "reference": ref,
                    "account": org.accounts[account]["number"],
                    "supplier": org.suppliers[supplier]["name"] if supplier >= 0 else None,
                    "amount": f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"}

        labels = {
            "generator": "Benchmarks/ledgers/generate.py", "seed": seed, "lines": len(self.rows),
            "fiscal_years": [cal.first_year, cal.first_year + cal.years - 1], "periods_per_year": 13,
            "outliers": [dict(describe(o["row"]), **{k: v for k, v in o.items() if k != "row"})
                         for o in self.labels["outliers"]],
            "reversals": [{"lines": [line_of[r] for r in p["rows"]], "reason": p["reason"],
                           "correction_line": line_of[p["correction"]],
                           "original": describe(p["rows"][0])} for p in self.labels["reversals"]],
            "year_end": [{"lines": [line_of[r] for r in p["rows"]], "kind": p["kind"]} for p in self.labels["year_end"]],
            "refund_lines": self.labels["refunds"], "schedule_lines": self.labels["schedule_lines"],
            "grant_lines": self.labels["grant_lines"],
            "accounts": {tier: sum(1 for a in org.accounts if a["tier"] == tier)
                         for tier in ("core", "mid", "small", "grant")},
            "suppliers": len(org.suppliers),
        }
        labels["outliers"].sort(key=lambda o: o["line"])
        tmp = labels_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(labels, out, indent=1)
        os.replace(tmp, labels_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--first-year", type=int, default=2021)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--out", required=True, help="the CSV to write")
    parser.add_argument("--labels", required=True, help="the labels JSON to write")
    args = parser.parse_args()
    if args.lines < 1000:
        parser.error("--lines must be at least 1000")
    ledger = Ledger(args.seed, args.lines, args.first_year, args.years)
    ledger.build()
    ledger.write(args.out, args.labels, args.seed)


if __name__ == "__main__":
    main()
