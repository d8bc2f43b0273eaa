"""Headless Chromium for the web app's end-to-end test: screenshots, waits, and the console and network log."""
import base64
import json
import os

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


class Browser:
    def __init__(self, url, artifacts, downloads):
        self.url, self.artifacts, self.downloads = url, artifacts, downloads
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1440,1000",
                         "--force-device-scale-factor=1", "--lang=en-GB"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        self.wait = WebDriverWait(self.driver, 20)
        self.shots = 0
        self.urls = {}

    def size(self, width):
        self.driver.set_window_size(width, 1000 if width > 800 else 844)

    def go(self, hash_):
        self.driver.get(self.url + "/" + hash_) if not self.driver.current_url.startswith(self.url) else self.driver.execute_script(f"location.hash = {json.dumps(hash_)}")

    def find(self, css, timeout=20):
        return WebDriverWait(self.driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def text(self, css):
        """The text of the first element matching `css`, or '' while it is missing or being replaced."""
        try:
            elements = self.driver.find_elements(By.CSS_SELECTOR, css)
            return elements[0].text if elements else ""
        except StaleElementReferenceException:
            return ""

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def gone(self, css):
        WebDriverWait(self.driver, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, css))

    def idle(self):
        """Waits until no loading indicator is shown."""
        self.gone(".state.loading")

    def shot(self, name, full=False, scale=1.0):
        """Saves a screenshot: the window, or the whole page (at most 2,400 px tall) scaled by `scale`."""
        self.shots += 1
        path = os.path.join(self.artifacts, f"{self.shots:02d}-{name}.png")
        if not full and scale == 1.0:
            self.driver.save_screenshot(path)
            return path
        size = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, Math.min(2400, document.documentElement.scrollHeight)]" if full
            else "return [window.innerWidth, window.innerHeight]")
        picture = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": full,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": scale}})
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(picture["data"]))
        return path

    def problems(self, allowed=()):
        """Console errors and failed requests since the last call, less those whose URL contains an allowed part."""
        found = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE" and not any(part in entry["message"] for part in allowed):
                found.append(f"console: {entry['message']}")
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                self.urls[params["requestId"]] = params["request"]["url"]
            elif message["method"] == "Network.responseReceived":
                response = params["response"]
                if response["status"] >= 400 and not any(part in response["url"] for part in allowed):
                    found.append(f"HTTP {response['status']} {response['url']}")
            elif message["method"] == "Network.loadingFailed":
                url = self.urls.get(params["requestId"], "?")
                if not url.startswith("blob:") and not params.get("canceled") and not any(part in url for part in allowed):
                    found.append(f"failed {url}: {params.get('errorText')}")
        return found

    def no_horizontal_overflow(self):
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow} px wider than the window at {self.driver.get_window_size()['width']} px"
