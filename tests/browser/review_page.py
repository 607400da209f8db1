"""Drives the review page of `factcheck serve` in headless Chromium over the W3C
WebDriver protocol (chromedriver), with the Python standard library only.

Usage: review_page.py SERVER_URL CHROMEDRIVER_URL DB_PATH ALTERED_DRAFT MISATTRIBUTED_DRAFT USER_DATA_DIR

Steps, each asserted:
  1. load the page (its rules status shows the rules loaded);
  2. paste the first draft into the text area (typed by WebDriver), check it with the
     keyboard (Ctrl+Enter), and count the marks per finding kind against the findings
     the API returns for the same text (POST /api/v1/check);
  3. approve: refused (409) while error findings are not accepted;
  4. apply all fixes (the page's button): the page's new check and the API's show no
     altered finding but those no fix can mend (a reversed statement), which are
     accepted with a reason; approve: stored;
  5. paste the second draft, check it (the button), count its marks, accept every error
     finding with a reason, approve: stored;
  6. open the first draft's .html twin through the file input: its name picks the
     format, and its marks match the API's findings for it as HTML;
  7. read both reviews back from the SQLite file (python's sqlite3): approved, by the
     reviewer, with the SHA-256 of the text approved and the acceptances.
Prints one summary line; exits 1 with the reason on any failure. With REVIEW_SCREENSHOT=FILE
in the environment, saves a PNG of the page after the first check.
"""

import base64
import hashlib
import os
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


def paste_and_check(browser, draft, name, keyboard):
    """Types the draft and its name into the page and checks it (Ctrl+Enter or the
    button); returns the per-kind mark counts, held to the API's findings."""
    browser.cmd("POST", "/element/%s/clear" % browser.find("#name"), {})
    browser.type("#name", name)
    browser.cmd("POST", "/element/%s/clear" % browser.find("#text"), {})
    browser.js("document.getElementById('report').innerHTML = '';")
    browser.type("#text", draft)
    typed = browser.js("return document.getElementById('text').value;")
    if typed != draft:
        fail("the text area holds %d chars, the draft %d" % (len(typed), len(draft)))
    if keyboard:
        browser.type("#text", "\ue009\ue007\ue000")
    else:
        browser.click("#check")
    browser.wait("return document.querySelectorAll('#report mark').length > 0", "the marks")
    return check_marks(browser, api_check(browser.server, draft, name))


def api_check(server, text, name):
    status, doc = call("POST", server + "/api/v1/check", {"text": text, "name": name})
    if status != 200:
        fail("the API's check failed: %s" % doc)
    return doc["files"][0]["findings"]


def approve(browser, note):
    browser.js("document.getElementById('review-result').textContent = '';")
    browser.cmd("POST", "/element/%s/clear" % browser.find("#note"), {})
    browser.type("#note", note)
    browser.click("#approve")
    browser.wait("return document.getElementById('review-result').textContent.length > 0", "the review")
    return browser.js("return document.getElementById('review-result').textContent;")


def main():
    server, driver, db, first_path, second_path, user_data_dir = sys.argv[1:7]
    first = open(first_path, encoding="utf-8").read()
    second = open(second_path, encoding="utf-8").read()
    first_name = first_path.rsplit("/", 1)[-1]
    second_name = second_path.rsplit("/", 1)[-1]
    browser = Browser(driver, user_data_dir)
    browser.server = server
    try:
        browser.cmd("POST", "/url", {"url": server + "/"})
        browser.wait("return /rules loaded/.test(document.getElementById('rules-status').textContent)",
                     "the rules status")
        browser.type("#reviewer", "R. Editor")
        # 1. A draft with altered values and quotes: marks, a refused approval, fixes.
        per_kind = paste_and_check(browser, first, first_name, keyboard=True)
        if "altered" not in per_kind:
            fail("no altered finding marked in %s (it must have one for the fixes)" % first_name)
        if os.environ.get("REVIEW_SCREENSHOT"):
            with open(os.environ["REVIEW_SCREENSHOT"], "wb") as out:
                out.write(base64.b64decode(browser.cmd("GET", "/screenshot")))
        said = approve(browser, "before the fixes")
        if "cannot approve" not in said:
            fail("approving with unaccepted error findings was not refused: " + said)
        findings = api_check(server, first, first_name)
        fixable = sum(1 for f in findings if f.get("fix") and f["fix"].get("safe"))
        if not fixable:
            fail("the API's findings carry no safe fix")
        # Altered findings no fix can mend (a statement reported reversed): they stay,
        # and the editor accepts them before approving.
        unfixable = sorted(f["rule"] for f in findings
                           if f["kind"] == "altered" and not (f.get("fix") and f["fix"].get("safe")))
        browser.click("#apply-all")
        browser.wait("return /fix(es)? applied/.test(document.getElementById('message').textContent)"
                     " || document.getElementById('message').classList.contains('error')", "the fixes")
        if browser.js("return document.getElementById('message').classList.contains('error');"):
            fail("apply all fixes: " + browser.js("return document.getElementById('message').textContent;"))
        fixed = browser.js("return document.getElementById('text').value;")
        if fixed == first:
            fail("apply all fixes left the text as it was")
        page_kinds = browser.js("return Array.from(document.querySelectorAll('#report li[data-kind]'))"
                                ".map(li => li.dataset.kind);")
        if page_kinds.count("altered") != len(unfixable):
            fail("the page shows %d altered findings after the fixes, expected the %d without a "
                 "fix: %s" % (page_kinds.count("altered"), len(unfixable), page_kinds))
        after = api_check(server, fixed, first_name)
        left_altered = sorted(f["rule"] for f in after if f["kind"] == "altered")
        if left_altered != unfixable:
            fail("the API finds altered %s after the fixes, expected only those without a fix %s"
                 % (left_altered, unfixable))
        check_marks(browser, after)
        for f in after:
            if f["severity"] == "error":
                browser.type(".accept-reason", "reviewed: the reversal is reported as intended")
                browser.click("button.accept")
        said = approve(browser, "fixed in the browser")
        if not said.startswith("Review "):
            fail("approving the fixed draft failed: " + said)
        # 2. A draft with misattributed quotes (unsafe fixes, not applied): accept each
        # error finding with a reason, then approve.
        second_kinds = paste_and_check(browser, second, second_name, keyboard=False)
        errors = [f for f in api_check(server, second, second_name) if f["severity"] == "error"]
        if not errors:
            fail("%s has no error finding to accept" % second_name)
        for _ in errors:
            browser.type(".accept-reason", "the speaker is right; the rule is being corrected")
            browser.click("button.accept")
        left = browser.js("return document.querySelectorAll('.accept-reason').length;")
        if left:
            fail("%d findings still to accept" % left)
        said = approve(browser, "accepted as written")
        if not said.startswith("Review "):
            fail("approving with every error accepted failed: " + said)
        # 3. Open an HTML draft from a file: its name picks the format.
        html_path = first_path.rsplit(".", 1)[0] + ".html"
        html_text = open(html_path, encoding="utf-8").read()
        html_name = html_path.rsplit("/", 1)[-1]
        browser.js("document.getElementById('report').innerHTML = '';")
        browser.type("#file", os.path.abspath(html_path))
        browser.wait("return document.getElementById('name').value === %s"
                     " && document.querySelectorAll('#report mark').length > 0" % json.dumps(html_name),
                     "the opened file's check")
        opened_kinds = check_marks(browser, api_check(server, html_text, html_name))
        # Keyboard: every control can take the focus.
        unfocusable = browser.js("""
            return Array.from(document.querySelectorAll('button, input, select, textarea, mark'))
              .filter(e => !e.disabled && e.tabIndex < 0).map(e => e.id || e.className);""")
        if unfocusable:
            fail("controls out of the tab order: %s" % unfocusable)
    finally:
        browser.quit()
    rows = sqlite3.connect(db).execute(
        "SELECT name, decision, reviewer, sha256, accepted FROM reviews ORDER BY id").fetchall()
    if len(rows) != 2:
        fail("%d rows in the reviews table, expected 2" % len(rows))
    for (name, decision, reviewer, sha, _), text in zip(rows, (fixed, second)):
        if decision != "approved" or reviewer != "R. Editor":
            fail("%s: stored %s by %s" % (name, decision, reviewer))
        if sha != hashlib.sha256(text.encode("utf-8")).hexdigest():
            fail("%s: the stored SHA-256 is not the text's" % name)
    accepted = len(json.loads(rows[1][4]))
    if accepted != len(errors):
        fail("%d acceptances stored, expected %d" % (accepted, len(errors)))
    marks = lambda counts: ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items()))
    print("%s: marks match the API (%s), approval refused (409), %d safe fixes applied, no fixable "
          "altered finding left (%d without a fix accepted), approved; %s: marks match (%s), "
          "%d findings accepted, approved; "
          "2 reviews read back from SQLite; %s opened as a file: marks match (%s)" % (
              first_name, marks(per_kind), fixable, len(unfixable), second_name,
              marks(second_kinds), accepted,
              html_name, marks(opened_kinds)))


main()
