#!/usr/bin/env python3
"""End-to-end test of finrca's web app in headless Chromium (Selenium + chromedriver from Debian).

Started by scripts/web-e2e.sh, which provides a server with a scanned ledger and two users. Each step
saves a screenshot under WEB_E2E_ARTIFACTS; the browser's console and network log must show no error
except the ones a step provokes on purpose (a viewer's refused review, an expired session)."""
import csv
import io
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.parse
import urllib.request
from decimal import Decimal, ROUND_HALF_UP

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import Browser

URL = os.environ["WEB_E2E_URL"]
ARTIFACTS = os.environ["WEB_E2E_ARTIFACTS"]
RESTART = os.environ["WEB_E2E_RESTART"]
PSQL = os.environ["WEB_E2E_PSQL"]
DOWNLOADS = os.path.join(ARTIFACTS, "downloads")
USERS = {"demo": "demo-password-e2e", "vera": "viewer-password-e2e"}


# --- the API, read directly, for the figures the pages must show -------------------------------------------
def api(path, token=None, body=None):
    request = urllib.request.Request(URL + path, method="POST" if body is not None else "GET")
    request.add_header("Accept", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    data = None
    if body is not None:
        request.add_header("Content-Type", "application/json")
        data = json.dumps(body).encode()
    with urllib.request.urlopen(request, data) as response:
        return json.loads(response.read(), parse_float=Decimal)


def token(user="demo"):
    return api("/login", body={"username": user, "password": USERS[user]})["access_token"]


def money(value, currency):
    return f"{currency} {Decimal(value):,.2f}"


def signed(value, currency):
    value = Decimal(value)
    return ("+" if value > 0 else "-" if value < 0 else "") + money(abs(value), currency)


def percent(current, previous):
    change = ((Decimal(current) - Decimal(previous)) * 100 / abs(Decimal(previous))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{'+' if change > 0 else ''}{change:,} %"


def plain(value):
    return f"{Decimal(value):.2f}"


def psql(sql):
    return subprocess.run(["psql", "-qtAX", PSQL, "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def sign_in(browser, user):
    browser.go("#/login")
    browser.find("#username").send_keys(user)
    browser.find("#password").send_keys(USERS[user], Keys.ENTER)
    browser.find("#who")
    browser.wait.until(lambda d: user in browser.text("#who"))


def sign_out(browser):
    browser.find("#signout").click()
    browser.find("#username")


def export_and_compare(browser, token_, finding_id):
    """Clicks the finding page's evidence export and checks every CSV row against the API's lines; returns the count."""
    lines = api(f"/findings/{finding_id}/lines?limit=1000", token_)["lines"]
    target = os.path.join(DOWNLOADS, f"finrca-finding-{finding_id}-evidence.csv")
    if os.path.exists(target):
        os.remove(target)
    browser.find("[data-action=export-evidence]").click()
    WebDriverWait(browser.driver, 20).until(lambda d: os.path.exists(target) and os.path.getsize(target) > 0)
    time.sleep(0.2)
    with open(target, newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    assert records[0][:4] == ["finding", "file", "batch", "line"], records[0]
    assert len(records) - 1 == len(lines), (len(records) - 1, len(lines))
    for record, line in zip(records[1:], lines):
        row = dict(zip(records[0], record))
        assert (row["finding"], row["batch"], row["line"], row["amount"]) == (
            str(finding_id), str(line["batch_id"]), str(line["line"]), plain(line["amount"])), (row, line)
        supplier = line.get("supplier") or ""
        assert row["supplier"] == ("'" + supplier if supplier[:1] in "=+-@" else supplier), (row, line)
        assert row["posting date"] == (line.get("posting_date") or "")
    return len(lines)


# --- the steps ----------------------------------------------------------------------------------------------
def run(browser, report):
    demo = token("demo")
    counts = api("/findings/counts", demo)
    run_id = counts["run_id"]

    browser.driver.get(URL + "/")
    browser.find("#username")
    report("sign-in page", browser.shot("sign-in"))
    sign_in(browser, "demo")

    # Overview: KPIs equal the API's figures.
    browser.find("[data-kpi=spend]")
    browser.idle()
    dashboard = api("/dashboard", demo)
    points = {p["label"]: p for p in api("/eda/timeseries?group_by=month_year", demo)["points"]}
    summary = dashboard["summary"]
    currency, latest = summary["currency"], summary["latest_period"]
    labels = list(points)
    current = points[latest]["amount"]
    previous = points[labels[labels.index(latest) - 1]]["amount"]
    year, period = latest.split("-")
    expected = {
        "spend": money(current, currency),
        "vs-previous": signed(Decimal(current) - Decimal(previous), currency),
        "lines": f"{summary['lines']:,}",
        "open": f"{sum(counts['open_by_severity'].values()):,}",
    }
    last_year = points.get(f"{int(year) - 1}-{period}")
    if last_year:
        expected["vs-last-year"] = signed(Decimal(current) - Decimal(last_year["amount"]), currency)
    for severity in ["critical", "high", "medium", "low", "info"]:
        expected[f"open-{severity}"] = f"{counts['open_by_severity'].get(severity, 0)} {severity}"
    for key, value in expected.items():
        shown = browser.find(f"[data-kpi='{key}']").text
        assert shown == value, f"KPI {key}: page shows {shown!r}, the API gives {value!r}"
    card = browser.find("[data-kpi='vs-previous']").find_element(By.XPATH, "..").text
    assert percent(current, previous) in card, f"{percent(current, previous)} not in {card!r}"
    assert len(browser.all(".chart canvas")) >= 2 and browser.all(".heatmap td"), "the trend, directorate chart and heatmap are drawn"
    report(f"overview: {len(expected)} KPI figures equal the API's ({expected['spend']})", browser.shot("overview"))
    browser.shot("overview-page", full=True, scale=0.6)

    # Findings inbox by rank: the first row is the API's highest-ranked finding; open it.
    browser.find("nav a[data-section=findings]").click()
    first_row = browser.find("tbody tr[data-finding]")
    top = api(f"/findings?sort=rank&run={run_id}&limit=1", demo)["findings"][0]
    assert first_row.get_attribute("data-finding") == str(top["id"]), "the inbox's first row is the highest-ranked finding"
    report(f"inbox: {len(browser.all('tbody tr[data-finding]'))} findings, first #{top['id']}", browser.shot("findings"))
    first_row.find_element(By.CSS_SELECTOR, "a").click()
    browser.find("[data-testid=sentence]")
    browser.idle()
    lines = api(f"/findings/{top['id']}/lines?limit=1000", demo)
    shown_lines = [row.get_attribute("data-line") for row in browser.all("[data-testid=lines] tbody tr")]
    assert shown_lines == [f"{l['batch_id']}:{l['line']}" for l in lines["lines"]], "the evidence lines are the API's"
    assert shown_lines, "the highest-ranked finding has evidence lines"
    assert browser.find("[data-figure=delta]").text == signed(top["delta"], currency) if top["delta"] is not None else True
    report(f"finding #{top['id']}: {len(shown_lines)} evidence lines", browser.shot("finding"))
    if top["kind"] in ("mom_change", "yoy_change", "root_cause"):
        browser.find("[data-testid=bridge-change]")
        browser.idle()
        assert browser.all("[data-testid=root-causes] tbody tr"), "a change finding shows its ranked root causes"
        report(f"finding #{top['id']}: its bridge and ranked root causes", browser.shot("finding-page", full=True, scale=0.6))

    # Export the evidence as CSV: its rows equal the lines (this finding's, and a finding's with many lines).
    exported = export_and_compare(browser, demo, top["id"])
    report(f"CSV export of #{top['id']}: {exported} rows equal the evidence lines", browser.shot("export"))
    ranked = api(f"/findings?sort=rank&run={run_id}&limit=200", demo)["findings"]
    many = max(ranked, key=lambda finding: (len(finding["evidence"]) if len(finding["evidence"]) <= 1000 else 0, -ranked.index(finding)))
    browser.go(f"#/findings/{many['id']}")
    browser.find(f"[data-testid=lines] tbody tr")
    browser.idle()
    exported = export_and_compare(browser, demo, many["id"])
    assert exported >= 5, f"finding #{many['id']} has {exported} evidence lines"
    report(f"CSV export of #{many['id']} ({many['kind']}): {exported} rows equal the evidence lines", browser.shot("export-many"))
    browser.go(f"#/findings/{top['id']}")
    browser.find("[data-testid=sentence]")
    browser.idle()

    # Review as a reviewer.
    browser.find("#review-note").send_keys("checked with the controller")
    browser.find("[data-review=confirmed]").click()
    browser.wait.until(lambda d: "confirmed" in browser.text("[data-testid=review-status]"))
    assert api(f"/findings/{top['id']}", demo)["review_status"] == "confirmed"
    report("review recorded as reviewer demo: confirmed", browser.shot("reviewed"))
    assert not browser.problems(), browser.problems()

    # Explore: click a directorate's bar, then see its lines.
    browser.go("#/explore")
    browser.find("[data-testid=steps]")
    browser.idle()
    bridge_from = browser.find("select[name=from]").get_attribute("value")
    bridge_to = browser.find("select[name=to]").get_attribute("value")
    bridge = api(f"/explore/bridge?from={bridge_from}&to={bridge_to}", demo)
    directorate = bridge["steps"][0]["member"]
    point = browser.driver.execute_script(
        "const chart = Chart.getChart(document.querySelector('.chart canvas'));"
        "const bar = chart.getDatasetMeta(0).data[1]; const box = chart.canvas.getBoundingClientRect();"
        "return [bar.x - box.width / 2, (bar.y + bar.base) / 2 - box.height / 2];")
    report("explore: bridge by directorate", browser.shot("explore"))
    ActionChains(browser.driver).move_to_element_with_offset(browser.find(".chart canvas"), int(point[0]), int(point[1])).click().perform()
    browser.wait.until(lambda d: "directorate" in d.current_url and "cost_center" not in d.current_url)
    browser.find("[data-testid=lines] tbody tr")
    browser.idle()
    expected_lines = api(f"/explore/lines?from={bridge_from}&to={bridge_to}&directorate={urllib.parse.quote(directorate)}&limit=100", demo)
    shown = [row.get_attribute("data-line") for row in browser.all("[data-testid=lines] tbody tr")]
    assert shown == [f"{l['batch_id']}:{l['line']}" for l in expected_lines["lines"]], "the drilled lines are the API's"
    assert all(l["directorate"] == directorate for l in expected_lines["lines"])
    report(f"explore: clicked {directorate!r}, {len(shown)} of {expected_lines['total_lines']} lines", browser.shot("explore-lines"))

    # Chat: a new room, a question, an answer with a chart.
    browser.go("#/chat")
    browser.find("[data-action=new-room]").click()
    question = browser.find("input[name=message]")
    question.send_keys("Show me the monthly spend trend chart", Keys.ENTER)
    answer = browser.find("[data-role=assistant]", timeout=30)
    WebDriverWait(browser.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-role=assistant] canvas, [data-role=assistant] .heatmap"))
    assert answer.find_elements(By.CSS_SELECTOR, ".facts tr"), "the answer lists the figures it used"
    report("chat: answer with a chart and its figures", browser.shot("chat"))
    assert not browser.problems(), browser.problems()

    # Phone width: every page fits 390 px; then laptop width again.
    room = browser.driver.current_url.split("#")[1]
    pages = ["#/overview", "#/findings", f"#/findings/{top['id']}", f"#/explore?from={bridge_from}&to={bridge_to}&directorate={urllib.parse.quote(directorate)}", "#" + room]
    for width in (390, 1440):
        browser.size(width)
        for page in pages:
            browser.go(page)
            browser.find("main h1")
            browser.idle()
            browser.no_horizontal_overflow()
            if width == 390 and page in ("#/overview", pages[2], pages[4]):
                report(f"{page} at 390 px", browser.shot(f"phone-{page.split('/')[1]}"))
    assert not browser.problems(), browser.problems()

    sign_out(browser)
    report("signed out", browser.shot("signed-out"))

    # A viewer is refused a review.
    sign_in(browser, "vera")
    browser.go(f"#/findings/{top['id']}")
    browser.find("[data-review=expected]").click()
    refusal = browser.find(".notice.error")
    assert "viewer" in refusal.text, refusal.text
    assert api(f"/findings/{top['id']}", demo)["review_status"] == "confirmed"
    report("viewer vera: review refused (403)", browser.shot("viewer-refused"))
    assert not browser.problems(allowed=("/review",)), browser.problems()

    # A token refused after a server restart is refreshed; once refresh tokens are revoked the session ends.
    subprocess.run([RESTART, os.urandom(32).hex()], check=True)
    browser.go("#/overview")
    browser.find("[data-kpi=spend]")
    assert browser.driver.find_element(By.ID, "who").text.startswith("vera"), "still signed in after a refresh"
    psql("UPDATE api_refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL")
    subprocess.run([RESTART, os.urandom(32).hex()], check=True)
    browser.go("#/findings")
    notice = browser.find(".login .notice")
    assert "expired" in notice.text, notice.text
    report("expired session: back to sign-in with a message", browser.shot("expired"))
    browser.problems(allowed=("",))


def main():
    os.makedirs(DOWNLOADS, exist_ok=True)
    browser = Browser(URL, ARTIFACTS, DOWNLOADS)
    passed, failed = 0, 0

    def report(text, shot):
        nonlocal passed
        passed += 1
        print(f"ok {passed} - {text} [{os.path.basename(shot)}]", flush=True)

    started = time.time()
    try:
        run(browser, report)
    except Exception:
        failed += 1
        traceback.print_exc()
        try:
            print(f"failure screenshot: {browser.shot('failure')}")
        except Exception:
            pass
    finally:
        browser.driver.quit()
    print(f"web e2e: {time.time() - started:.1f} s, screenshots in {ARTIFACTS}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
