"use strict";
// The review page: check a draft through the service, show it marked as the HTML
// report does, apply fixes, accept findings with a reason, sign off. Talks only to this
// server (the Content-Security-Policy allows nothing else).
(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const nameInput = $("name");
  const formatInput = $("input-format");
  const report = $("report");
  const summary = $("summary");
  const message = $("message");
  const applyAll = $("apply-all");
  // The last check: the text checked, its JSON document, and the acceptances made
  // since (finding index -> reason).
  let checked = null;

  function say(element, words, isError) {
    element.textContent = words;
    element.classList.toggle("error", Boolean(isError));
  }

  async function call(method, path, body) {
    const init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    return { status: response.status, ok: response.ok, data: data };
  }

  function errorText(result) {
    if (result.data && result.data.error) {
      return result.data.error.message;
    }
    return "the service answered " + result.status;
  }

  function draft() {
    return { text: text.value, name: nameInput.value || "draft.txt", input_format: formatInput.value };
  }

  // The rule a finding is accepted under: ruleset/rule, or its kind for a finding of no rule.
  function ruleName(finding) {
    if (finding.rule && finding.ruleset) {
      return finding.ruleset + "/" + finding.rule;
    }
    return finding.rule || finding.kind;
  }

  // `source` with the UTF-8 bytes start..end replaced (the API's offsets are bytes).
  function spliceBytes(source, start, end, replacement) {
    const bytes = new TextEncoder().encode(source);
    const decoder = new TextDecoder();
    return decoder.decode(bytes.slice(0, start)) + replacement + decoder.decode(bytes.slice(end));
  }

  async function refreshRules() {
    const status = $("rules-status");
    const result = await call("GET", "/healthz");
    if (result.data && result.data.error) {
      say(status, "Rules: " + result.data.error + (result.ok ? " (the last good rules are in use)" : ""), true);
    } else if (result.ok && result.data) {
      say(status, result.data.rules + " rules loaded.", false);
    } else {
      say(status, "No rules are loaded.", true);
    }
  }

  function button(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  // Adds the actions to each finding of the rendered report: apply its fix, accept it.
  function decorate(findings) {
    findings.forEach(function (finding, index) {
      const item = document.getElementById("f0-" + index);
      if (!item) {
        return;
      }
      item.tabIndex = -1;
      item.dataset.kind = finding.kind;
      const actions = document.createElement("div");
      actions.className = "finding-actions";
      if (finding.fix) {
        const preview = document.createElement("span");
        preview.className = "fix-preview";
        preview.textContent = "→ " + JSON.stringify(finding.fix.replacement) + (finding.fix.safe ? "" : " (unsafe)");
        const apply = button("Apply fix", function () { applyOne(index); });
        apply.className = "apply-fix";
        actions.append(apply, preview);
      }
      if (finding.severity === "error") {
        const accepted = checked.accepted.get(index);
        if (accepted) {
          const note = document.createElement("span");
          note.className = "accepted-note";
          note.textContent = "Accepted: " + accepted;
          actions.append(note);
        } else {
          const reason = document.createElement("input");
          reason.className = "accept-reason";
          reason.placeholder = "why this finding is right as it is";
          reason.setAttribute("aria-label", "Reason to accept " + ruleName(finding));
          const accept = button("Accept", function () {
            if (!reason.value.trim()) {
              reason.focus();
              say(message, "Give a reason to accept the finding.", true);
              return;
            }
            checked.accepted.set(index, reason.value.trim());
            say(message, "", false);
            render();
          });
          accept.className = "accept";
          reason.addEventListener("keydown", function (event) {
            if (event.key === "Enter") {
              accept.click();
            }
          });
          actions.append(reason, accept);
        }
      }
      if (actions.childNodes.length) {
        item.append(actions);
      }
    });
    // A mark leads to its finding: click, or Enter when it has the focus.
    report.querySelectorAll("mark[data-findings]").forEach(function (mark) {
      mark.tabIndex = 0;
      const go = function () {
        const first = (mark.dataset.findings || "").split(" ")[0];
        const item = document.getElementById(first);
        if (item) {
          item.focus();
          item.scrollIntoView({ block: "nearest" });
        }
      };
      mark.addEventListener("click", go);
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          go();
        }
      });
    });
  }

  function render() {
    report.innerHTML = checked.html;
    const file = checked.report.files[0];
    const s = checked.report.summary;
    summary.textContent = file.findings.length + " finding" + (file.findings.length === 1 ? "" : "s") +
      ": " + s.errors + " error" + (s.errors === 1 ? "" : "s") + ", " + s.warnings + " warning" +
      (s.warnings === 1 ? "" : "s") + (s.suppressed ? ", " + s.suppressed + " suppressed" : "") + ".";
    decorate(file.findings);
    applyAll.disabled = !file.findings.some(function (f) { return f.fix; });
  }

  async function check() {
    say(message, "Checking…", false);
    const body = draft();
    const result = await call("POST", "/ui/check", body);
    if (!result.ok) {
      say(message, errorText(result), true);
      return;
    }
    checked = { text: body.text, report: result.data.report, html: result.data.html, accepted: new Map() };
    say(message, "", false);
    render();
  }

  async function applyOne(index) {
    const finding = checked && checked.report.files[0].findings[index];
    if (!finding || !finding.fix) {
      return;
    }
    text.value = spliceBytes(checked.text, finding.fix.start, finding.fix.end, finding.fix.replacement);
    await check();
  }

  async function applyAllFixes() {
    const body = draft();
    body.unsafe = $("unsafe").checked;
    const result = await call("POST", "/api/v1/fix", body);
    if (!result.ok) {
      say(message, errorText(result), true);
      return;
    }
    text.value = result.data.text;
    await check();
    say(message, result.data.edits.length + " fix" + (result.data.edits.length === 1 ? "" : "es") + " applied.", false);
  }

  async function signOff(decision) {
    const out = $("review-result");
    const body = draft();
    body.reviewer = $("reviewer").value;
    body.note = $("note").value;
    body.decision = decision;
    body.accepted = [];
    if (checked && checked.text === body.text) {
      const findings = checked.report.files[0].findings;
      checked.accepted.forEach(function (reason, index) {
        body.accepted.push({ rule: ruleName(findings[index]), reason: reason });
      });
    }
    const result = await call("POST", "/api/v1/reviews", body);
    if (result.status === 201) {
      say(out, "Review " + result.data.id + " stored: " + result.data.decision + " by " + result.data.reviewer +
        " (text SHA-256 " + result.data.sha256.slice(0, 12) + "…).", false);
      out.dataset.reviewId = String(result.data.id);
    } else {
      say(out, errorText(result), true);
    }
  }

  $("check").addEventListener("click", check);
  applyAll.addEventListener("click", applyAllFixes);
  $("approve").addEventListener("click", function () { signOff("approved"); });
  $("request-changes").addEventListener("click", function () { signOff("changes-requested"); });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      check();
    }
  });
  $("file").addEventListener("change", function () {
    const file = this.files && this.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (contents) {
      text.value = contents;
      nameInput.value = file.name;
      check();
    });
  });
  refreshRules();
  setInterval(refreshRules, 15000);
})();
