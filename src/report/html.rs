//! A self-contained HTML report (`--format html`, usually with `-o report.html`): one
//! page, no network, no external assets, no script — inline CSS only, and a
//! Content-Security-Policy that forbids scripts and remote loads anyway.
//!
//! The page has the run's summary line and coverage (quotes, and figures when checked,
//! verified out of those judged), a legend of the finding kinds and links to each
//! part, the missing claims and quotes of every draft at the top, then per draft its
//! text with every finding highlighted in place (a `<mark>` whose class names the kind)
//! beside the list of its findings with expected and found values — a word diff for
//! altered quotes, and the fix beside a finding that has one (the text it replaces and
//! the replacement, marked safe or unsafe) — including those silenced by inline
//! comments, and last a table of
//! every rule with its result in each draft (pass, the kinds of its findings, or
//! suppressed).
//!
//! Everything taken from a draft or a rule is HTML-escaped. Overlapping findings are
//! split at every start and end, so each piece of text is one `<mark>` listing, in
//! `data-findings`, the ids of the findings covering it (the markup stays balanced
//! whatever the spans); a finding is one `<mark>` unless another one cuts across it.
//! Line breaks and tabs are kept (`white-space: pre-wrap`).

use std::fmt::Write as _;
use std::io::{self, Write};

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::catalog::group_by_rule;
use super::{clamp_span, coverage_text, summary_line, Emitter, RuleCatalog, RuleKind};
use crate::check::{CheckedFile, Coverage, Finding, FindingKind, Summary, Tally};

/// A self-contained HTML page.
#[derive(Debug, Clone, Copy)]
pub struct HtmlEmitter<'a> {
    /// The rules that were checked: the summary table lists each, and missing findings
    /// show their statements.
    pub catalog: &'a RuleCatalog,
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped, safe in text and in quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's style sheet: the colours and marks of each finding kind, the draft
/// beside its findings (also the review page's, so both look alike).
pub const REPORT_STYLE: &str = STYLE;

const STYLE: &str = "
:root { --missing: #7b3fb0; --altered: #c62828; --misattributed: #d35400; --unattributed: #b58900; --unverified: #1f6fb2; --unused-suppression: #00796b; --unverified-figure: #6b7f8c; --suppressed: #777; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0 auto; padding: 1em 2em; max-width: 1400px; color: #1d1d1f; background: #fafafa; }
h1 { margin: 0.2em 0; font-size: 1.6em; }
nav a { color: #1f6fb2; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; font-size: 1.25em; }
code, .path { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.92em; }
.run-summary { font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 0.6em; list-style: none; padding: 0; }
.legend li { padding: 0.1em 0.6em; border-radius: 1em; color: #fff; font-size: 0.85em; }
.badge { display: inline-block; padding: 0 0.5em; border-radius: 0.8em; color: #fff; font-size: 0.8em; }
.legend .k-missing, .badge.k-missing { background: var(--missing); }
.legend .k-altered, .badge.k-altered { background: var(--altered); }
.legend .k-misattributed, .badge.k-misattributed { background: var(--misattributed); }
.legend .k-unattributed, .badge.k-unattributed { background: var(--unattributed); }
.legend .k-unverified, .badge.k-unverified { background: var(--unverified); }
.legend .k-unused-suppression, .badge.k-unused-suppression { background: var(--unused-suppression); }
.legend .k-unverified-figure, .badge.k-unverified-figure { background: var(--unverified-figure); }
.legend .suppressed, .badge.suppressed { background: var(--suppressed); }
mark { border-radius: 2px; padding: 0 1px; color: inherit; }
mark.k-altered { background: #ffcdd2; border-bottom: 2px solid var(--altered); }
mark.k-misattributed { background: #ffe0b2; border-bottom: 2px solid var(--misattributed); }
mark.k-unattributed { background: #fff3b0; border-bottom: 2px solid var(--unattributed); }
mark.k-unverified { background: #d6e9fb; border-bottom: 2px solid var(--unverified); }
mark.k-unused-suppression { background: #c8ece6; border-bottom: 2px solid var(--unused-suppression); }
mark.k-unverified-figure { background: transparent; border-bottom: 1px dotted var(--unverified-figure); }
mark.k-missing { background: #e8d9f5; border-bottom: 2px solid var(--missing); }
mark.suppressed { background: #eee; border-bottom: 2px dashed var(--suppressed); }
mark.overlap { outline: 1px dotted #333; }
mark:empty::after { content: '\\25C6'; color: #333; }
table { border-collapse: collapse; margin: 0.5em 0; background: #fff; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.pass { color: #2e7d32; }
td.fail { color: #b71c1c; font-weight: 600; }
td.suppressed { color: var(--suppressed); font-style: italic; }
.file { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; }
.draft { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; background: #fff; border: 1px solid #ddd; padding: 1em; margin: 0; font: 14px/1.6 Georgia, 'Times New Roman', serif; }
.findings { list-style: none; padding: 0; margin: 0; }
.findings li { background: #fff; border: 1px solid #ddd; border-left: 4px solid var(--suppressed); padding: 0.4em 0.7em; margin-bottom: 0.6em; }
.findings li.k-missing { border-left-color: var(--missing); }
.findings li.k-altered { border-left-color: var(--altered); }
.findings li.k-misattributed { border-left-color: var(--misattributed); }
.findings li.k-unattributed { border-left-color: var(--unattributed); }
.findings li.k-unverified { border-left-color: var(--unverified); }
.findings li.k-unused-suppression { border-left-color: var(--unused-suppression); }
.findings li.k-unverified-figure { border-left-color: var(--unverified-figure); }
.coverage { margin: 0.3em 0; }
.coverage meter { width: 8em; vertical-align: middle; }
.values { margin: 0.3em 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 0.6em; }
.values dt { color: #666; }
.values dd { margin: 0; }
del { background: #ffcdd2; text-decoration: line-through; }
ins { background: #c8e6c9; text-decoration: none; }
.where { color: #666; font-size: 0.9em; }
.fix .safety { color: #666; font-size: 0.85em; }
.fix-unsafe ins { background: #ffe0b2; }
";

/// The kinds in legend order.
const KINDS: [FindingKind; 7] = [
    FindingKind::Missing,
    FindingKind::Altered,
    FindingKind::Misattributed,
    FindingKind::Unattributed,
    FindingKind::Unverified,
    FindingKind::UnusedSuppression,
    FindingKind::UnverifiedFigure,
];

/// The run's coverage as a line of meters: quotes (and figures, when checked) verified
/// out of those judged; `None` when there is nothing to show.
fn coverage_html(coverage: &Coverage) -> Option<String> {
    let meter = |what: &str, tally: Tally| {
        format!(
            "<span class=\"coverage-{what}\">{what} <meter min=\"0\" max=\"{}\" value=\"{}\"></meter> {}/{} verified</span>",
            tally.total.max(1),
            tally.verified,
            tally.verified,
            tally.total
        )
    };
    coverage_text(coverage)?;
    let mut parts = vec![meter("quotes", coverage.quotes)];
    parts.extend(coverage.figures.map(|f| meter("figures", f)));
    Some(format!("<p class=\"coverage\">{}</p>", parts.join(" · ")))
}

/// One highlight: a byte range of the draft, the id and class of its finding.
struct Highlight {
    start: usize,
    end: usize,
    id: String,
    class: String,
    title: String,
}

/// The draft text with every highlight in place, escaped, markup balanced.
///
/// One sweep over the sorted starts and ends: the cost grows with the text and the
/// number of highlights times the number that overlap at one place (one, in practice).
fn highlighted_text(text: &str, highlights: &[Highlight]) -> String {
    let mut points: Vec<usize> = vec![0, text.len()];
    for h in highlights {
        points.push(h.start);
        points.push(h.end);
    }
    points.sort_unstable();
    points.dedup();
    let mut by_start: Vec<usize> = (0..highlights.len()).collect();
    by_start.sort_by_key(|&i| (highlights[i].start, i));
    let mut pending = by_start.into_iter().peekable();
    let mut active: Vec<&Highlight> = Vec::new();
    let mut out = String::with_capacity(text.len() * 2);
    for (k, &at) in points.iter().enumerate() {
        active.retain(|h| h.end > at);
        while let Some(h) = pending
            .next_if(|&i| highlights[i].start <= at)
            .map(|i| &highlights[i])
        {
            if h.start == h.end {
                // An empty highlight (a finding at a point) is a marker before the text.
                let _ = write!(
                    out,
                    "<mark class=\"{}\" data-findings=\"{}\" title=\"{}\"></mark>",
                    h.class,
                    h.id,
                    escape(&h.title)
                );
            } else if h.end > at {
                active.push(h);
            }
        }
        let Some(&next) = points.get(k + 1) else {
            break;
        };
        let piece = escape(text.get(at..next).unwrap_or_default());
        // The narrowest finding gives the colour.
        let Some(narrowest) = active.iter().min_by_key(|h| h.end - h.start) else {
            out.push_str(&piece);
            continue;
        };
        let mut class = narrowest.class.clone();
        if active.len() > 1 {
            class.push_str(" overlap");
        }
        let ids: Vec<&str> = active.iter().map(|h| h.id.as_str()).collect();
        let titles: Vec<&str> = active.iter().map(|h| h.title.as_str()).collect();
        let _ = write!(
            out,
            "<mark class=\"{class}\" data-findings=\"{}\" title=\"{}\">{piece}</mark>",
            ids.join(" "),
            escape(&titles.join("\n"))
        );
    }
    out
}

/// A word diff of expected against found: removed words in `<del>`, added in `<ins>`.
fn word_diff(expected: &str, found: &str) -> String {
    let old: Vec<&str> = expected.split_whitespace().collect();
    let new: Vec<&str> = found.split_whitespace().collect();
    let mut parts: Vec<String> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                parts.push(escape(&old[old_index..old_index + len].join(" ")));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => parts.push(format!(
                "<del>{}</del>",
                escape(&old[old_index..old_index + old_len].join(" "))
            )),
            DiffOp::Insert {
                new_index, new_len, ..
            } => parts.push(format!(
                "<ins>{}</ins>",
                escape(&new[new_index..new_index + new_len].join(" "))
            )),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                parts.push(format!(
                    "<del>{}</del>",
                    escape(&old[old_index..old_index + old_len].join(" "))
                ));
                parts.push(format!(
                    "<ins>{}</ins>",
                    escape(&new[new_index..new_index + new_len].join(" "))
                ));
            }
        }
    }
    parts.join(" ")
}

impl HtmlEmitter<'_> {
    /// True when the finding's rule is a quote rule (its values are words to diff).
    fn is_quote(&self, finding: &Finding) -> bool {
        match (&finding.ruleset, &finding.rule) {
            (Some(ruleset), Some(rule)) => self
                .catalog
                .get(ruleset, rule)
                .is_some_and(|r| r.kind == RuleKind::Quote),
            _ => false,
        }
    }

    /// One finding in the list beside the draft.
    fn finding_item(
        &self,
        file: &CheckedFile,
        finding: &Finding,
        id: &str,
        suppressed: bool,
    ) -> String {
        let source = &file.source;
        let kind = finding.kind.as_str();
        let mut item = format!(
            "<li id=\"{id}\" class=\"k-{kind}{}\"><span class=\"badge k-{kind}\">{kind}</span> ",
            if suppressed { " suppressed" } else { "" }
        );
        if suppressed {
            item.push_str("<span class=\"badge suppressed\">suppressed</span> ");
        }
        let _ = write!(
            item,
            "<span class=\"severity\">{}</span> ",
            finding.severity.as_str()
        );
        if let Some(rule) = &finding.rule {
            let _ = write!(item, "<code>{}</code> ", escape(rule));
        }
        let where_ = match finding.span {
            Some(span) => {
                let (line, col) = source.line_col(clamp_span(&source.text, span).start);
                format!("line {line}, column {col}")
            }
            None => "not in the draft".to_owned(),
        };
        let _ = write!(
            item,
            "<span class=\"where\">{where_}</span><div class=\"message\">{}</div>",
            escape(&finding.message)
        );
        let statement = self.catalog.statement_of(finding);
        let mut values = String::new();
        if let (FindingKind::Missing, Some(statement)) = (finding.kind, statement) {
            let _ = write!(values, "<dt>rule</dt><dd>{}</dd>", escape(statement));
        }
        match (&finding.expected, &finding.found) {
            (Some(expected), Some(found))
                if finding.kind == FindingKind::Altered && self.is_quote(finding) =>
            {
                let _ = write!(
                    values,
                    "<dt>expected</dt><dd>{}</dd><dt>found</dt><dd>{}</dd><dt>diff</dt><dd class=\"diff\">{}</dd>",
                    escape(expected),
                    escape(found),
                    word_diff(expected, found)
                );
            }
            (expected, found) => {
                if let Some(expected) = expected {
                    let _ = write!(values, "<dt>expected</dt><dd>{}</dd>", escape(expected));
                }
                if let Some(found) = found {
                    let _ = write!(values, "<dt>found</dt><dd>{}</dd>", escape(found));
                }
            }
        }
        if let Some(fix) = finding.fix.as_ref().filter(|_| !suppressed) {
            let old = source.text.get(fix.span().range()).unwrap_or_default();
            let mut edit = String::new();
            if !old.trim().is_empty() {
                let _ = write!(edit, "<del>{}</del> ", escape(old.trim()));
            }
            if !fix.replacement.trim().is_empty() {
                let _ = write!(edit, "<ins>{}</ins> ", escape(fix.replacement.trim()));
            }
            let (class, safety) = if fix.safe {
                ("fix-safe", "safe: <code>factcheck fix</code> applies it")
            } else {
                (
                    "fix-unsafe",
                    "unsafe: check the rule; <code>factcheck fix --unsafe-fixes</code> applies it",
                )
            };
            let _ = write!(
                values,
                "<dt>fix</dt><dd class=\"fix {class}\">{edit}<span class=\"safety\">{safety}</span></dd>"
            );
        }
        if !values.is_empty() {
            let _ = write!(item, "<dl class=\"values\">{values}</dl>");
        }
        item.push_str("</li>\n");
        item
    }

    /// The section of one draft: its highlighted text and its findings.
    fn file_section(&self, out: &mut String, index: usize, file: &CheckedFile) {
        let source = &file.source;
        let mut highlights = Vec::new();
        let mut items = String::new();
        let all = file
            .findings
            .iter()
            .enumerate()
            .map(|(n, f)| (format!("f{index}-{n}"), f, false))
            .chain(
                file.suppressed
                    .iter()
                    .enumerate()
                    .map(|(n, f)| (format!("s{index}-{n}"), f, true)),
            );
        for (id, finding, suppressed) in all {
            if let Some(span) = finding.span {
                let range = clamp_span(&source.text, span);
                let class = if suppressed {
                    "suppressed".to_owned()
                } else {
                    format!("k-{}", finding.kind.as_str())
                };
                highlights.push(Highlight {
                    start: range.start,
                    end: range.end,
                    id: id.clone(),
                    class,
                    title: format!("{}: {}", finding.kind.as_str(), finding.message),
                });
            }
            items.push_str(&self.finding_item(file, finding, &id, suppressed));
        }
        let count = file.findings.len();
        let _ = write!(
            out,
            "<section class=\"draft-section\" id=\"file-{index}\">\n<h2><span class=\"path\">{}</span> — {count} finding{}{}</h2>\n<div class=\"file\">\n<pre class=\"draft\">{}</pre>\n",
            escape(&source.path),
            if count == 1 { "" } else { "s" },
            if file.suppressed.is_empty() {
                String::new()
            } else {
                format!(", {} suppressed", file.suppressed.len())
            },
            highlighted_text(&source.text, &highlights),
        );
        if items.is_empty() {
            out.push_str("<p class=\"clean\">No findings.</p>\n");
        } else {
            let _ = write!(out, "<ol class=\"findings\">\n{items}</ol>\n");
        }
        out.push_str("</div>\n</section>\n");
    }

    /// The table of every rule against every draft.
    fn rules_table(&self, out: &mut String, files: &[CheckedFile]) {
        let rules = self.catalog.rules_reported(
            files
                .iter()
                .flat_map(|f| f.findings.iter().chain(&f.suppressed)),
        );
        let grouped: Vec<_> = files
            .iter()
            .map(|f| (group_by_rule(&f.findings), group_by_rule(&f.suppressed)))
            .collect();
        out.push_str("<section id=\"rules\">\n<h2>Rules</h2>\n<table class=\"rules-table\">\n<thead><tr><th>rule</th><th>statement</th>");
        for file in files {
            let _ = write!(out, "<th class=\"path\">{}</th>", escape(&file.source.path));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let cell = |findings: &[&Finding], suppressed: usize| -> String {
            if findings.is_empty() && suppressed == 0 {
                return "<td class=\"pass\">pass</td>".to_owned();
            }
            if findings.is_empty() {
                return "<td class=\"suppressed\">suppressed</td>".to_owned();
            }
            let mut kinds: Vec<&str> = findings.iter().map(|f| f.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            format!("<td class=\"fail\">fail: {}</td>", kinds.join(", "))
        };
        for (ruleset, rule, statement) in rules {
            let _ = write!(
                out,
                "<tr><td><code>{}/{}</code></td><td>{}</td>",
                escape(ruleset),
                escape(rule),
                escape(statement)
            );
            for (findings, suppressed) in &grouped {
                let key = (ruleset, rule);
                out.push_str(&cell(
                    findings.get(&key).map_or(&[][..], Vec::as_slice),
                    suppressed.get(&key).map_or(0, Vec::len),
                ));
            }
            out.push_str("</tr>\n");
        }
        // The findings of no rule, a row per kind: unverified quotes always, unused
        // suppressions when there are some.
        fn of_kind(list: &[Finding], kind: FindingKind) -> impl Iterator<Item = &Finding> {
            list.iter()
                .filter(move |f| f.ruleset.is_none() && f.kind == kind)
        }
        let any_unused = files.iter().any(|f| {
            of_kind(&f.findings, FindingKind::UnusedSuppression)
                .next()
                .is_some()
        });
        let figures_checked = files.iter().any(|f| f.coverage.figures.is_some());
        let rows = [
            (
                FindingKind::Unverified,
                "unverified quotes",
                "Direct quotes that no rule covers.",
            ),
            (
                FindingKind::UnusedSuppression,
                "unused suppressions",
                "factcheck-ignore comments that silence no finding.",
            ),
            (
                FindingKind::UnverifiedFigure,
                "unverified figures",
                "Figures that no claim covers.",
            ),
        ];
        for (kind, name, statement) in rows {
            if kind == FindingKind::UnusedSuppression && !any_unused
                || kind == FindingKind::UnverifiedFigure && !figures_checked
            {
                continue;
            }
            let _ = write!(out, "<tr><td><code>{name}</code></td><td>{statement}</td>");
            for file in files {
                let findings: Vec<&Finding> = of_kind(&file.findings, kind).collect();
                let suppressed = of_kind(&file.suppressed, kind).count();
                out.push_str(&cell(&findings, suppressed));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// One draft's section as the page shows it — its text with every finding marked in
    /// place beside the list of its findings (expected, found, diff), the ids of the
    /// findings `f0-N` in the order of `file.findings` — for a page that shows one
    /// draft at a time (the review page of `factcheck serve`). Style it with
    /// [`REPORT_STYLE`].
    pub fn draft_section(&self, file: &CheckedFile) -> String {
        let mut out = String::new();
        self.file_section(&mut out, 0, file);
        out
    }

    /// The whole page.
    pub fn page(&self, files: &[CheckedFile]) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<title>factcheck report</title>\n<style>");
        out.push_str(STYLE);
        out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>factcheck report</h1>\n");
        let summary = Summary::of(files);
        let _ = writeln!(
            out,
            "<p class=\"run-summary\">{}</p>",
            escape(&summary_line(&summary))
        );
        if let Some(coverage) = coverage_html(&summary.coverage) {
            let _ = writeln!(out, "{coverage}");
        }
        out.push_str("<ul class=\"legend\">");
        for kind in KINDS {
            let _ = write!(out, "<li class=\"k-{0}\">{0}</li>", kind.as_str());
        }
        out.push_str("<li class=\"suppressed\">suppressed</li></ul>\n<nav>");
        for (index, file) in files.iter().enumerate() {
            let _ = write!(
                out,
                "<a href=\"#file-{index}\" class=\"path\">{}</a> · ",
                escape(&file.source.path)
            );
        }
        out.push_str("<a href=\"#rules\">rules table</a></nav>\n</header>\n");

        let missing: Vec<(&CheckedFile, &Finding)> = files
            .iter()
            .flat_map(|file| file.findings.iter().map(move |f| (file, f)))
            .filter(|(_, f)| f.kind == FindingKind::Missing)
            .collect();
        out.push_str("<section id=\"missing\">\n<h2>Missing</h2>\n");
        if missing.is_empty() {
            out.push_str("<p>Every required claim and quote is in the drafts.</p>\n");
        } else {
            out.push_str("<ul class=\"missing-list\">\n");
            for (file, finding) in missing {
                let statement = self.catalog.statement_of(finding).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<li><span class=\"path\">{}</span>: <code>{}</code> {} — {}</li>",
                    escape(&file.source.path),
                    escape(finding.rule.as_deref().unwrap_or_default()),
                    escape(statement),
                    escape(&finding.message)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        for (index, file) in files.iter().enumerate() {
            self.file_section(&mut out, index, file);
        }
        self.rules_table(&mut out, files);
        out.push_str("</body>\n</html>\n");
        out
    }
}

impl Emitter for HtmlEmitter<'_> {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        out.write_all(self.page(files).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{fixtures, RuleEntry};
    use crate::rules::Severity;
    use crate::text::{SourceFile, Span};

    fn render(catalog: &RuleCatalog, files: &[CheckedFile]) -> String {
        fixtures::rendered(&HtmlEmitter { catalog }, files)
    }

    /// The text of the `<pre class="draft">` of the `nth` draft, tags removed and
    /// entities decoded.
    fn draft_text(html: &str, nth: usize) -> String {
        let start = html
            .match_indices("<pre class=\"draft\">")
            .nth(nth)
            .map(|(i, m)| i + m.len())
            .expect("a draft");
        let end = start + html[start..].find("</pre>").expect("closed");
        let mut text = String::new();
        let mut in_tag = false;
        for c in html[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn html_snapshot() {
        insta::assert_snapshot!(render(&fixtures::catalog(), &fixtures::checked_files()));
    }

    #[test]
    fn html_marks_every_finding_in_place() {
        let files = fixtures::checked_files();
        let html = render(&fixtures::catalog(), &files);
        // A claim's and a statement's altered, a quote's and a statement's misattributed.
        for (kind, n) in [
            ("altered", 2),
            ("misattributed", 2),
            ("unattributed", 1),
            ("unverified", 1),
            ("unverified-figure", 1),
        ] {
            assert_eq!(
                html.matches(&format!("<mark class=\"k-{kind}\"")).count(),
                n,
                "{kind}"
            );
        }
        assert_eq!(html.matches("<mark class=\"suppressed\"").count(), 1);
        assert!(html.contains(">12-1</mark>"));
        // The fixes beside their findings: the tally's safe, the speaker's unsafe.
        assert!(html
            .contains("<dt>fix</dt><dd class=\"fix fix-safe\"><del>12-1</del> <ins>13-0</ins> "));
        assert!(html.contains(
            "<dd class=\"fix fix-unsafe\"><del>Dana Whitfield</del> <ins>Inés Ortega</ins> "
        ));
        assert_eq!(html.matches("<dt>fix</dt>").count(), 2);
        // The text is all there, byte for byte (CRLF, tab, curly quotes).
        assert_eq!(draft_text(&html, 0), files[0].source.text);
        assert_eq!(draft_text(&html, 1), files[1].source.text);
        // Missing at the top with its statement; the table has every rule.
        let missing = html
            .find("<section id=\"missing\">")
            .expect("missing section");
        assert!(html.find("<section id=\"rules\">") > html.find("<pre class=\"draft\">"));
        let first_draft = html.find("<pre class=\"draft\">").expect("draft");
        let statement = html
            .find("The measure takes effect on January 1, 2026.")
            .expect("statement");
        assert!(missing < statement && statement < first_draft);
        // The second draft passes every row, unused suppressions and unverified figures
        // included.
        assert_eq!(html.matches("<td class=\"pass\">").count(), 1 + 11);
        assert!(html.contains("<tr><td><code>unused suppressions</code>"));
        assert!(html.contains("<tr><td><code>unverified figures</code>"));
        // The coverage at the top.
        assert!(html.contains(
            "<p class=\"coverage\"><span class=\"coverage-quotes\">quotes <meter min=\"0\" \
             max=\"5\" value=\"2\"></meter> 2/5 verified</span>"
        ));
        assert!(html.contains("<td class=\"fail\">fail: altered</td>"));
        assert!(html.contains("<td class=\"suppressed\">suppressed</td>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }

    #[test]
    fn html_escapes_drafts_and_rules() {
        let text = "He wrote “<script>document.body.dataset.pwned = 1</script>” & left.\n";
        let source = SourceFile::new("<b>draft</b>.txt", text);
        let start = text.find("<script>").expect("script");
        let mut finding =
            fixtures::finding_at(FindingKind::Unverified, Span::new(start, start + 8));
        finding.message = "quote <img src=x onerror=alert(1)> is not covered".to_owned();
        let mut missing = fixtures::finding_at(FindingKind::Missing, Span::new(0, 0));
        missing.span = None;
        missing.rule = Some("r\"><script>".to_owned());
        let catalog = RuleCatalog::new(vec![RuleEntry {
            ruleset: "la-sanctuary-city".to_owned(),
            id: "r\"><script>".to_owned(),
            statement: "<script>alert('statement')</script>".to_owned(),
            kind: RuleKind::Claim,
            severity: Severity::Error,
        }]);
        let html = render(
            &catalog,
            &[CheckedFile::new(source, vec![missing, finding])],
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains(">&lt;script&gt;</mark>document.body.dataset.pwned = 1&lt;/script&gt;")
        );
        assert!(html.contains("&lt;script&gt;alert(&#39;statement&#39;)&lt;/script&gt;"));
        assert_eq!(draft_text(&html, 0), text);
    }

    #[test]
    fn overlapping_findings_keep_markup_balanced() {
        let text = "one two three four five six\r\nseven\teight\n";
        let source = SourceFile::new("o.txt", text);
        let spans = [
            (0, 13),  // one two three
            (4, 18),  // two three four: crosses the first
            (8, 13),  // three: inside both
            (14, 35), // four … seven, across the line break
            (36, 36), // a point
            (41, 60), // past the end
        ];
        let findings: Vec<Finding> = spans
            .iter()
            .map(|&(s, e)| fixtures::finding_at(FindingKind::Altered, Span::new(s, e)))
            .collect();
        let html = render(&fixtures::catalog(), &[CheckedFile::new(source, findings)]);
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert_eq!(draft_text(&html, 0), text);
        // Every finding is highlighted somewhere.
        for n in 0..spans.len() {
            let id = format!("f0-{n}");
            assert!(
                html.split("data-findings=\"").skip(1).any(|rest| rest
                    .split('"')
                    .next()
                    .is_some_and(|ids| ids.split(' ').any(|i| i == id))),
                "{id}"
            );
        }
        assert!(html.contains("class=\"k-altered overlap\""));
    }

    #[test]
    fn word_diff_marks_changed_words() {
        let cases = [
            (
                "a very clear message",
                "a very strong message",
                "a very <del>clear</del> <ins>strong</ins> message",
            ),
            (
                "will always stand",
                "will stand",
                "will <del>always</del> stand",
            ),
            ("a b", "a b c", "a b <ins>c</ins>"),
            ("x < y", "x > y", "x <del>&lt;</del> <ins>&gt;</ins> y"),
        ];
        for (expected, found, diff) in cases {
            assert_eq!(word_diff(expected, found), diff, "{expected} / {found}");
        }
    }
}
