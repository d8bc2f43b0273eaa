#!/usr/bin/env python3
"""Measures the web app in headless Chromium (see run.sh). Five rounds; prints the median and the worst."""
import json
import os
import statistics
import subprocess
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["BENCH_URL"]
ROUNDS = 5


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1440,1000"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def measure(driver, cold):
    if cold:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get("about:blank")
    driver.get(URL + "/")
    wait = WebDriverWait(driver, 30)
    wait.until(EC.visibility_of_element_located((By.ID, "username"))).send_keys("bench")
    driver.find_element(By.ID, "password").send_keys("bench-password-web", Keys.ENTER)
    wait.until(lambda d: d.execute_script("return performance.getEntriesByName('finrca:overview-usable').length") > 0)
    page = driver.execute_script("""
        const n = performance.getEntriesByType('navigation')[0];
        const signIn = performance.getEntriesByName('finrca:sign-in')[0].startTime;
        const usable = performance.getEntriesByName('finrca:overview-usable')[0].startTime;
        const resources = performance.getEntriesByType('resource').filter(r => r.name.includes('/app/'));
        const app = resources.filter(r => !r.name.includes('/vendor/'));
        return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, signInToUsable: usable - signIn, navigationToUsable: usable,
                appBytes: app.reduce((s, r) => s + r.encodedBodySize, 0) + n.encodedBodySize,
                appDecoded: app.reduce((s, r) => s + r.decodedBodySize, 0) + n.decodedBodySize,
                chartBytes: resources.filter(r => r.name.includes('/vendor/')).reduce((s, r) => s + r.encodedBodySize, 0),
                files: app.length + 1};""")
    driver.execute_script("location.hash = '#/findings'")
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "tbody tr[data-finding]")))
    driver.execute_script("performance.clearMarks('finrca:overview-usable'); window.__start = performance.now(); location.hash = '#/overview'")
    wait.until(lambda d: d.execute_script("return performance.getEntriesByName('finrca:overview-usable').length") > 0)
    page["inApp"] = driver.execute_script("return performance.getEntriesByName('finrca:overview-usable')[0].startTime - window.__start")
    return page


def api_reference():
    request = urllib.request.Request(URL + "/login", data=json.dumps({"username": "bench", "password": "bench-password-web"}).encode(),
                                     headers={"Content-Type": "application/json"})
    token = json.load(urllib.request.urlopen(request))["access_token"]
    paths = ["/dashboard", "/eda/timeseries?group_by=month_year", "/findings/counts", "/findings?sort=rank&status=open&limit=5"]
    started = time.perf_counter()
    for path in paths:
        subprocess.run(["curl", "-s", "-o", "/dev/null", "--compressed", "-H", f"Authorization: Bearer {token}", URL + path], check=True)
    return (time.perf_counter() - started) * 1000


def login_time():
    started = time.perf_counter()
    subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d",
                    json.dumps({"username": "bench", "password": "bench-password-web"}), URL + "/login"], check=True)
    return (time.perf_counter() - started) * 1000


def main():
    driver = browser()
    try:
        rounds = [measure(driver, cold=True) for _ in range(ROUNDS)]
        warm = [measure(driver, cold=False) for _ in range(ROUNDS)]
    finally:
        driver.quit()
    reference = [api_reference() for _ in range(ROUNDS)]
    logins = [login_time() for _ in range(ROUNDS)]
    def line(label, values):
        print(f"{label:<58} median {statistics.median(values):7.0f} ms   worst {max(values):7.0f} ms")
    print(f"web app on {int(os.environ['BENCH_ROWS']):,} lines, {ROUNDS} rounds, headless Chromium")
    line("page: navigation start → DOMContentLoaded (cold cache)", [r["dcl"] for r in rounds])
    line("page: navigation start → load (cold cache)", [r["load"] for r in rounds])
    line("sign in → overview usable (cold cache)", [r["signInToUsable"] for r in rounds])
    line("navigation start → overview usable, sign-in typed at once (cold)", [r["navigationToUsable"] for r in rounds])
    line("navigation start → load (warm cache)", [r["load"] for r in warm])
    line("sign in → overview usable (warm cache)", [r["signInToUsable"] for r in warm])
    line("navigation start → overview usable, sign-in typed at once (warm)", [r["navigationToUsable"] for r in warm])
    line("in-app navigation Findings → overview usable", [r["inApp"] for r in rounds + warm])
    line("reference: the overview's 4 API calls with curl, in sequence", reference)
    line("reference: POST /login with curl (bcrypt verification)", logins)
    first = rounds[0]
    print(f"app code and styles: {first['files']} files, {first['appBytes']:,} bytes as sent (gzip), {first['appDecoded']:,} decoded")
    print(f"Chart.js (aside): {first['chartBytes']:,} bytes as sent (gzip)")


if __name__ == "__main__":
    main()
