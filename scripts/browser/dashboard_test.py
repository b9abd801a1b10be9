#!/usr/bin/env python3
"""The dashboard in headless Chromium (run by scripts/browser-test.sh, which starts the emulator
with seed-data/nightly.json and a control token). Each check prints a line; any failure makes
the exit status 1. Screenshots of the pages go to --artifacts.
"""
import argparse
import http.client
import http.server
import json
import os
import shutil
import sys
import threading
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

API_TOKEN = "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
FAILED, PASSED = (229, 72, 77), (108, 191, 84)   # the nightly fixture's colours of 602 and 601
XSS = "<script>alert(1)</script>"


class Run:
    def __init__(self, args):
        self.args = args
        self.base = args.base.rstrip("/")
        self.ui = self.base + "/__emulator/ui/"
        self.failures = []
        self.console = []
        self.host, self.port = urllib.parse.urlsplit(self.base).hostname, urllib.parse.urlsplit(self.base).port

    # --- reporting ---------------------------------------------------------------------------

    def check(self, ok, what):
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def shot(self, name):
        path = os.path.join(self.args.artifacts, name + ".png")
        self.driver.save_screenshot(path)
        print(f"      screenshot {path}")

    # --- the emulator's API, for what a client would do meanwhile -----------------------------

    def api(self, method, path, body=None, content_type="application/json"):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        token = self.args.token if path.startswith("/__emulator/") else API_TOKEN
        headers = {"Authorization": "Bearer " + token}
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        conn.request(method, path, data, headers)
        response = conn.getresponse()
        text = response.read()
        conn.close()
        try:
            return response.status, json.loads(text)
        except ValueError:
            return response.status, text

    def upload(self, cycle, day, logs):
        """A v3.1 automation upload into a new suite of `cycle`; waits for its job."""
        status, job = self.api("POST", "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation",
                               {"test_cycle": cycle, "execution_date": day + "T02:00:00Z", "test_logs": [
                                   {"name": name, "status": result, "automation_content": "browser." + name.replace(" ", "_"),
                                    "exe_start_date": day + "T02:00:00Z", "exe_end_date": day + "T02:00:03Z"}
                                   for name, result in logs]})
        if not self.check(status == 201, f"upload accepted ({status})"):
            return
        for _ in range(300):
            _, state = self.api("GET", f"/api/v3/projects/queue-processing/{job['id']}")
            if state.get("state") in ("SUCCESS", "FAILED"):
                self.check(state["state"] == "SUCCESS", f"upload job {job['id']} succeeded")
                return
            time.sleep(0.1)
        self.check(False, f"upload job {job['id']} finished")

    # --- the browser --------------------------------------------------------------------------

    def start_browser(self):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--no-first-run", "--disable-extensions"]:
            options.add_argument(flag)
        # Leave dialogs open: an alert() would mean a script ran, and the test looks for them.
        options.set_capability("unhandledPromptBehavior", "ignore")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)

    def wait(self, condition, seconds=15, what="condition"):
        try:
            return WebDriverWait(self.driver, seconds, poll_frequency=0.1).until(condition)
        except TimeoutException:
            self.check(False, f"waited {seconds} s for {what}")
            return None

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def rgb(self, element, prop):
        value = element.value_of_css_property(prop)
        numbers = value[value.index("(") + 1:value.index(")")].split(",") if "(" in value else []
        return tuple(int(float(n)) for n in numbers[:3])

    def no_alert(self, where):
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.accept()
            return self.check(False, f"{where}: no script ran (an alert said {text!r})")
        except NoAlertPresentException:
            return True

    def click(self, by, selector):
        """Clicks an element of a live page: a refresh may swap it out between finding and
        clicking, so it is looked up again then."""
        for _ in range(20):
            try:
                self.driver.find_element(by, selector).click()
                return
            except StaleElementReferenceException:
                time.sleep(0.1)
        self.check(False, f"clicked {selector}")

    def confirm_dialog(self):
        alert = self.wait(EC.alert_is_present(), 5, "the confirmation dialog")
        if alert:
            alert.accept()

    def drain_console(self, expected=False):
        """Reads the browser console since the last read; errors count unless `expected`."""
        for entry in self.driver.get_log("browser"):
            if not expected and entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]:
                self.console.append(entry["message"])

    # --- the checks ---------------------------------------------------------------------------

    def login(self, ui, page):
        self.drain_console()
        self.driver.get(ui + page)
        form = self.wait(EC.presence_of_element_located((By.ID, "login")), what="the login form")
        self.check(form is not None and "control token" in self.text(), f"{page}: without the token the login form comes")
        self.driver.find_element(By.ID, "token").send_keys(self.args.token)
        self.driver.find_element(By.CSS_SELECTOR, "#login button").click()
        self.wait(EC.url_to_be(ui + page), what=f"the return to {page}")
        self.check(self.driver.current_url == ui + page and "login" not in self.driver.page_source[:2000],
                   f"the token opened {page} ({self.driver.current_url})")
        self.drain_console(expected=True)  # the login page's own 401; what follows must be clean

    def tree(self):
        self.driver.get(self.ui + "projects/108781")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "li.run")), what="the tree")
        runs = self.driver.find_elements(By.CSS_SELECTOR, "li.run")
        self.check(len(runs) == 183, f"the tree shows the 183 seeded runs ({len(runs)})")
        failed = self.driver.find_elements(By.CSS_SELECTOR, "li.run .dot.s602")
        passed = self.driver.find_elements(By.CSS_SELECTOR, "li.run .dot.s601")
        self.check(len(failed) == 21 and len(passed) > 100, f"failed and passed runs have their status class ({len(failed)}, {len(passed)})")
        self.check(self.rgb(failed[0], "background-color") == FAILED, f"a failed run is red: {self.rgb(failed[0], 'background-color')}")
        self.check(self.rgb(passed[0], "background-color") == PASSED, f"a passed run is green: {self.rgb(passed[0], 'background-color')}")
        bar = self.driver.find_element(By.CSS_SELECTOR, "summary svg.bar rect.s602")
        self.check(self.rgb(bar, "fill") == FAILED, "the bars paint failures in the status colour")
        release = self.driver.find_element(By.CSS_SELECTOR, "#n-release-500001 > summary").text
        self.check("Release 2.0" in release and "183 runs" in release and "21 Failed" in release, f"the release counts its runs: {release!r}")
        self.shot("tree")

    def run_page(self):
        link = self.driver.find_element(By.XPATH, "//li[@class='run'][.//span[contains(@class,'s602')]]/a")
        name = link.text
        link.click()
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "section.log")), what="the run page")
        self.check("/runs/" in self.driver.current_url and name.split(" ", 1)[-1] in self.driver.find_element(By.TAG_NAME, "h1").text,
                   f"the tree links to the run ({self.driver.current_url})")
        log = self.driver.find_element(By.CSS_SELECTOR, "section.log")
        self.check("Failed" in log.text and "nightly-bot@example.com" in log.text and "2.0.0-nightly" in log.text,
                   "the run page shows its log (status, tester, build)")
        self.check(len(log.find_elements(By.CSS_SELECTOR, "table.steps tbody tr")) >= 1, "with its step logs")
        image = log.find_element(By.CSS_SELECTOR, ".files img")
        loaded = self.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image), 10, "the image")
        self.check(loaded == 320, f"the screenshot is shown inline ({loaded} px wide)")
        self.check(len(log.find_elements(By.XPATH, ".//a[@download and contains(., 'pytest-output.txt')]")) == 1, "the text file is a download link")
        self.shot("run")

    def journal(self):
        marker = f"browser-{int(time.time() * 1000)}"
        self.api("GET", f"/api/v3/projects/108781/releases?marker={marker}")
        self.driver.get(self.ui + "journal")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "details.entry")), what="the journal")
        self.check(f"marker={marker}" in self.text(), "the journal shows the request just made")
        Select(self.driver.find_element(By.NAME, "method")).select_by_value("GET")
        route = self.driver.find_element(By.NAME, "route")
        route.clear()
        route.send_keys("/api/v3/projects/{projectId}/releases")
        self.driver.find_element(By.CSS_SELECTOR, "form.filter button").click()
        self.wait(lambda d: "method=GET" in d.current_url, what="the filtered journal")
        entries = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "details.entry summary code")]
        self.check(entries and all(e.startswith("GET /api/v3/projects/108781/releases") for e in entries),
                   f"the filter keeps only those requests ({len(entries)})")
        first = self.driver.find_element(By.CSS_SELECTOR, "details.entry summary")
        first.click()
        self.check("Bearer 9bbf…7bb8" in self.text() and API_TOKEN not in self.driver.page_source, "the token is masked")
        self.shot("journal")

    def live(self, ui, cycle, day, name):
        self.driver.get(ui + "projects/108781")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "li.run")), what="the tree")
        self.driver.execute_script("window.__notReloaded = true;")
        time.sleep(1.5)   # one poll of the stamp first
        self.upload(cycle, day, [(name, "FAILED"), (name + " (again)", "PASSED")])
        arrived = self.wait(lambda d: name in d.find_element(By.TAG_NAME, "main").text, 20, "the upload to appear")
        self.check(bool(arrived), f"the new results appear on the open page: {name}")
        self.check(self.driver.execute_script("return window.__notReloaded === true"), "without a reload (the page swapped its main)")
        refreshes = self.driver.execute_script("return document.body.dataset.refreshes")
        self.check(refreshes is not None and int(refreshes) >= 1, f"live refreshes counted: {refreshes}")
        dot = self.driver.find_element(By.XPATH, f"//li[@class='run'][contains(., '{name}')][not(contains(., '(again)'))]//span[contains(@class,'dot')]")
        self.check(self.rgb(dot, "background-color") == FAILED, "the new failed run is red")

    def queue(self):
        self.driver.get(self.ui + "queue")
        state = self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "tr.job td.state")), what="the queue")
        self.check(state is not None and state.text == "SUCCESS", "the queue shows the upload job, succeeded")
        self.shot("queue")

    def control(self):
        status, release = self.api("POST", "/api/v3/projects/108781/releases", {"name": "Made in the browser test"})
        self.check(status == 200 or status == 201, f"a release made through the API ({status})")
        rid = release.get("id") if isinstance(release, dict) else None
        self.driver.get(self.ui + "control")
        self.driver.find_element(By.ID, "snapshot-name").send_keys("with-release")
        self.click(By.ID, "save-snapshot")
        row = self.wait(EC.presence_of_element_located((By.XPATH, "//tr[@class='snapshot'][contains(., 'with-release')]")), what="the snapshot")
        self.check(row is not None, "the save button made a snapshot (it is listed)")
        self.click(By.ID, "reset")
        self.confirm_dialog()
        self.wait(lambda d: "Reset to the start state" in d.find_element(By.ID, "notice").text, what="the reset's answer")
        self.check(self.api("GET", f"/api/v3/projects/108781/releases/{rid}")[0] == 404, "the reset button reset the emulator")
        self.click(By.XPATH, "//tr[@class='snapshot'][contains(., 'with-release')]//button[.='restore']")
        self.confirm_dialog()
        self.wait(lambda d: "Restored snapshot 'with-release'" in d.find_element(By.ID, "notice").text, what="the restore's answer")
        self.check(self.api("GET", f"/api/v3/projects/108781/releases/{rid}")[0] == 200, "the restore button brought the release back")
        self.shot("control")

    def prefix(self):
        """The same pages behind a reverse proxy that serves the emulator under /qtest/."""
        proxy = PrefixProxy(self.host, self.port, "/qtest")
        pbase = f"http://127.0.0.1:{proxy.server_port}/qtest"
        pui = pbase + "/__emulator/ui/"
        try:
            self.login(pui, "queue")
            header = self.driver.find_element(By.TAG_NAME, "header")
            self.check(self.rgb(header, "background-color") == (29, 36, 51), "behind the prefix the stylesheet loads")
            self.click(By.LINK_TEXT, "Projects")
            self.wait(EC.url_to_be(pui), what="the projects page behind the prefix")
            self.click(By.LINK_TEXT, "Web Shop")
            self.wait(EC.url_to_be(pui + "projects/108781"), what="the tree behind the prefix")
            self.click(By.CSS_SELECTOR, "li.run a")
            self.wait(lambda d: d.current_url.startswith(pui + "projects/108781/runs/"), what="a run behind the prefix")
            self.check(self.driver.current_url.startswith(pui + "projects/108781/runs/"), f"links stay under the prefix: {self.driver.current_url}")
            self.live(pui, 1200002, "2026-01-27", "behind a proxy")
            self.shot("prefix")
        finally:
            # Leave the proxied page first: its next poll would meet a closed proxy.
            self.driver.get("about:blank")
            self.drain_console()
            proxy.shutdown()

    def hostile(self):
        with open(self.args.hostile, "rb") as f:
            status, answer = self.api("POST", "/__emulator/import?mode=replace", f.read())
        self.check(status == 200, f"the hostile fixture imported ({status} {answer})")
        for page in ["projects/108781", "projects/108781/runs/31000001", "projects/108781/design", "", "queue", "journal", "control"]:
            self.driver.get(self.ui + page)
            self.wait(EC.presence_of_element_located((By.ID, "main")), what=page)
            time.sleep(0.3)
            self.no_alert(page or "projects")
            scripts = self.driver.execute_script("return Array.from(document.scripts).map(s => s.src)")
            self.check(len(scripts) == 1 and scripts[0].endswith("/__emulator/ui/dashboard.js"), f"{page or 'projects'}: only the dashboard's script ({scripts})")
            planted = self.driver.execute_script(
                "return document.querySelectorAll('[onerror], [onload], iframe, main b, main img:not(.files img)').length")
            self.check(planted == 0, f"{page or 'projects'}: no planted element exists ({planted})")
            if page in ("projects/108781", "projects/108781/runs/31000001", "projects/108781/design"):
                self.check(XSS in self.text(), f"{page}: the test case named {XSS} reads as text")
        self.driver.get(self.ui + "projects/108781/runs/31000001")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "section.log")), what="the hostile run")
        self.check("javascript:alert(6)" in self.text() and not self.driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']"),
                   "a javascript: build URL is text, not a link")
        self.check(self.driver.title.startswith("TR-1 <script>"), f"the title is text too: {self.driver.title!r}")
        self.shot("xss")

    def main(self):
        os.makedirs(self.args.artifacts, exist_ok=True)
        self.start_browser()
        try:
            self.login(self.ui, "projects/108781")
            self.tree()
            self.run_page()
            self.journal()
            self.live(self.ui, 1200003, "2026-01-26", "checkout survives a reload")
            self.shot("live")
            self.queue()
            self.control()
            self.prefix()
            self.hostile()
            self.drain_console()
            self.check(not self.console, f"no errors in the browser console {self.console[:3]}")
        finally:
            self.driver.quit()
        print(f"browser-test: {len(self.failures)} failed" if self.failures else "browser-test: all checks passed")
        return 1 if self.failures else 0


class PrefixProxy(http.server.ThreadingHTTPServer):
    """A reverse proxy on a free port that serves the emulator under `prefix`, as a CI gateway
    would: the emulator sees the path without it and never learns it."""
    daemon_threads = True

    def __init__(self, host, port, prefix):
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                if not self.path.startswith(prefix + "/"):
                    self.send_error(404)
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
                conn = http.client.HTTPConnection(host, port, timeout=30)
                conn.request(self.command, self.path[len(prefix):], body, headers)
                response = conn.getresponse()
                data = response.read()
                self.send_response(response.status)
                for k, v in response.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PUT = do_DELETE = forward

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=outer.serve_forever, daemon=True).start()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--hostile", required=True)
    sys.exit(Run(parser.parse_args()).main())
