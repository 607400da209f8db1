"""Drives the review page of `factcheck serve` in headless Chromium over the W3C
WebDriver protocol (chromedriver), with the Python standard library only.

Usage: review_page.py SERVER_URL CHROMEDRIVER_URL DB_PATH DRAFT USER_DATA_DIR

Steps, each asserted:
  1. load the page (its rules status shows the rules loaded);
  2. paste the draft into the text area (typed by WebDriver) and check it with the
     keyboard (Ctrl+Enter);
  3. count the marks per finding kind against the findings the API returns for the same
     text (POST /api/v1/check);
  4. apply all fixes (the page's button), and check that the page's new check and the
     API's show no altered finding;
  5. accept every remaining error finding with a reason, approve, and read the review
     back from the SQLite file (python's sqlite3): one approved row whose SHA-256 is the
     text's.
Prints one summary line; exits 1 with the reason on any failure.
"""

import hashlib
import json
import sqlite3
import sys
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def fail(reason):
    print(reason)
    sys.exit(1)


def call(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


class Browser:
    def __init__(self, driver, user_data_dir):
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--user-data-dir=" + user_data_dir, "--window-size=1280,1000"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": flags},
        }}}
        self.driver = driver
        status, answer = call("POST", driver + "/session", caps, timeout=120)
        if status != 200:
            fail("cannot start a WebDriver session: %s" % answer)
        self.session = driver + "/session/" + answer["value"]["sessionId"]

    def cmd(self, method, path, body=None):
        status, answer = call(method, self.session + path, body)
        if status != 200:
            fail("WebDriver %s %s failed: %s" % (method, path, answer))
        return answer["value"]

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.cmd("POST", "/element/%s/click" % self.find(css), {})

    def type(self, css, keys):
        self.cmd("POST", "/element/%s/value" % self.find(css), {"text": keys})

    def wait(self, script, what, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.1)
        fail("timed out waiting for " + what)

    def quit(self):
        call("DELETE", self.session)


# The classes of the marks of each finding (by its id f0-N), from the rendered page.
MARKS = """
const seen = {};
document.querySelectorAll('#report mark[data-findings]').forEach(m => {
  if (m.classList.contains('suppressed')) return;
  m.dataset.findings.split(' ').forEach(id => {
    seen[id] = (seen[id] || []).concat(Array.from(m.classList));
  });
});
return seen;
"""


def marked_kinds(browser):
    """{finding id: kind} as the page marks them (the narrowest finding gives a piece its
    class, so a finding's kind is its class on at least one piece, or it overlaps)."""
    return browser.js(MARKS)


def check_marks(browser, api_findings):
    expected = {"f0-%d" % n: f["kind"] for n, f in enumerate(api_findings) if f["start"] is not None}
    seen = marked_kinds(browser)
    if set(seen) != set(expected):
        fail("marked findings %s != the API's findings with a place %s" % (sorted(seen), sorted(expected)))
    per_kind = {}
    for fid, kind in expected.items():
        if "k-" + kind not in seen[fid] and "overlap" not in seen[fid]:
            fail("%s: marks %s lack k-%s" % (fid, seen[fid], kind))
        per_kind[kind] = per_kind.get(kind, 0) + 1
    return per_kind


def main():
    server, driver, db, draft_path, user_data_dir = sys.argv[1:6]
    draft = open(draft_path, encoding="utf-8").read()
    name = draft_path.rsplit("/", 1)[-1]
    browser = Browser(driver, user_data_dir)
    try:
        browser.cmd("POST", "/url", {"url": server + "/"})
        browser.wait("return /rules loaded/.test(document.getElementById('rules-status').textContent)",
                     "the rules status")
        # Paste (typed), name it, check with Ctrl+Enter.
        browser.js("document.getElementById('name').value = '';")
        browser.type("#name", name)
        browser.type("#text", draft)
        typed = browser.js("return document.getElementById('text').value;")
        if typed != draft:
            fail("the text area holds %d chars, the draft %d" % (len(typed), len(draft)))
        browser.type("#text", "\ue009\ue007\ue000")
        browser.wait("return document.querySelectorAll('#report mark').length > 0", "the marks")
        status, doc = call("POST", server + "/api/v1/check", {"text": draft, "name": name})
        if status != 200:
            fail("the API's check failed: %s" % doc)
        findings = doc["files"][0]["findings"]
        per_kind = check_marks(browser, findings)
        if "altered" not in per_kind:
            fail("no altered finding marked (the draft must have one for the fixes)")
        # Apply all fixes; the page checks again.
        fixable = sum(1 for f in findings if f.get("fix") and f["fix"].get("safe"))
        if not fixable:
            fail("the API's findings carry no safe fix")
        browser.click("#apply-all")
        browser.wait("return /fix(es)? applied/.test(document.getElementById('message').textContent)"
                     " || document.getElementById('message').classList.contains('error')", "the fixes")
        if browser.js("return document.getElementById('message').classList.contains('error');"):
            fail("apply all fixes: " + browser.js("return document.getElementById('message').textContent;"))
        fixed = browser.js("return document.getElementById('text').value;")
        if fixed == draft:
            fail("apply all fixes left the text as it was")
        page_kinds = browser.js("return Array.from(document.querySelectorAll('#report li[data-kind]'))"
                                ".map(li => li.dataset.kind);")
        if "altered" in page_kinds:
            fail("the page still shows an altered finding after the fixes: %s" % page_kinds)
        status, doc = call("POST", server + "/api/v1/check", {"text": fixed, "name": name})
        after = doc["files"][0]["findings"]
        if any(f["kind"] == "altered" for f in after):
            fail("the API still finds an altered quote or value after the fixes")
        check_marks(browser, after)
        # Accept each remaining error finding with a reason, then approve.
        errors = [f for f in after if f["severity"] == "error"]
        for _ in errors:
            browser.type(".accept-reason", "verified with the desk")
            browser.click("button.accept")
        left = browser.js("return document.querySelectorAll('.accept-reason').length;")
        if left:
            fail("%d findings still to accept" % left)
        browser.type("#reviewer", "R. Editor")
        browser.type("#note", "fixed in the browser")
        browser.click("#approve")
        browser.wait("return document.getElementById('review-result').textContent.length > 0", "the review")
        said = browser.js("return document.getElementById('review-result').textContent;")
        if not said.startswith("Review "):
            fail("approving failed: " + said)
        # Keyboard: every control can take the focus.
        unfocusable = browser.js("""
            return Array.from(document.querySelectorAll('button, input, select, textarea'))
              .filter(e => !e.disabled && e.tabIndex < 0).map(e => e.id || e.className);""")
        if unfocusable:
            fail("controls out of the tab order: %s" % unfocusable)
    finally:
        browser.quit()
    rows = sqlite3.connect(db).execute(
        "SELECT decision, reviewer, sha256, accepted FROM reviews").fetchall()
    if len(rows) != 1:
        fail("%d rows in the reviews table, expected 1" % len(rows))
    decision, reviewer, sha, accepted = rows[0]
    if decision != "approved" or reviewer != "R. Editor":
        fail("stored %s by %s" % (decision, reviewer))
    if sha != hashlib.sha256(fixed.encode("utf-8")).hexdigest():
        fail("the stored SHA-256 is not the fixed text's")
    marks = ", ".join("%d %s" % (n, k) for k, n in sorted(per_kind.items()))
    print("%s: marks match the API (%s); %d safe fixes applied, no altered finding left; "
          "%d findings accepted; approval stored (%s)" % (
              name, marks, fixable, len(json.loads(accepted)), db.rsplit("/", 1)[-1]))


main()
