//! Deterministic generator of a directory tree of drafts in plain text, Markdown and HTML,
//! for the benchmark in `bench/directory.sh`.
//!
//! ```text
//! cargo run --release --example gen_drafts -- --count N --out DIR [--seed S]
//! ```
//!
//! Writes `N` drafts as `DIR/desk-DD/story-NNNNN.{txt,md,html}` (a third of each, 20
//! desks). Each draft is a few paragraphs of filler news prose (made-up words of a small
//! vocabulary) around some paragraphs of the project's own sample draft
//! `data/clean.txt` — the LA ruleset's claims and quotes — some of them altered (the
//! tally, the year, a word of a quote), so that the checker has findings to report.
//! Markdown drafts get front matter, headings, emphasis, links and a code block; HTML
//! drafts a head with a style and a script, entities and inline tags.
//!
//! One seeded generator (SplitMix64): the same arguments give the same bytes everywhere.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Words of the filler prose.
const WORDS: [&str; 48] = [
    "council",
    "residents",
    "budget",
    "street",
    "library",
    "district",
    "plan",
    "week",
    "officials",
    "hearing",
    "park",
    "housing",
    "report",
    "school",
    "board",
    "money",
    "transit",
    "neighbors",
    "permits",
    "water",
    "program",
    "meeting",
    "public",
    "state",
    "new",
    "local",
    "several",
    "early",
    "long",
    "small",
    "major",
    "recent",
    "said",
    "asked",
    "approved",
    "reviewed",
    "discussed",
    "opened",
    "delayed",
    "funded",
    "the",
    "a",
    "of",
    "in",
    "on",
    "for",
    "with",
    "and",
];

/// A filler sentence of 8 to 20 words.
fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(13);
    let mut s = String::new();
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// A filler paragraph of 3 to 7 sentences.
fn filler(rng: &mut Rng) -> String {
    let n = 3 + rng.below(5);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// Alterations applied to some of the sample's paragraphs.
const ALTERATIONS: [(&str, &str); 4] = [
    ("thirteen-to-zero", "12-1"),
    ("since 1979", "since 1997"),
    (
        "very clear message that the city",
        "very strong message that the city",
    ),
    ("will always stand", "will stand"),
];

/// The paragraphs of one draft: filler around some of the sample's paragraphs.
fn paragraphs(rng: &mut Rng, sample: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let about_la = rng.chance(60);
    let altered = about_la && rng.chance(40);
    for _ in 0..2 + rng.below(4) {
        out.push(filler(rng));
    }
    if about_la {
        for p in sample {
            if rng.chance(75) {
                let mut p = p.to_string();
                if altered {
                    let (from, to) = ALTERATIONS[rng.below(ALTERATIONS.len())];
                    p = p.replace(from, to);
                }
                out.push(p);
                if rng.chance(30) {
                    out.push(filler(rng));
                }
            }
        }
    }
    for _ in 0..1 + rng.below(3) {
        out.push(filler(rng));
    }
    out
}

fn markdown(rng: &mut Rng, paragraphs: &[String], n: usize) -> String {
    let mut s = String::new();
    if rng.chance(50) {
        let _ = writeln!(
            s,
            "---\ntitle: Story {n}\nfactcheck:\n  rules: [la-sanctuary-city]\n---\n"
        );
    }
    let _ = writeln!(s, "# Story {n}\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i % 4 == 3 {
            let _ = writeln!(s, "## Part {}\n", i / 4 + 1);
        }
        let p = if i == 0 {
            p.replacen("council", "[council](https://example.org/council)", 1)
        } else {
            p.replacen("budget", "**budget**", 1)
        };
        let _ = writeln!(s, "{p}\n");
        if i == 1 {
            let _ = writeln!(
                s,
                "```text\ndesk note {n}: 11-2 vote, rule from 1988\n```\n"
            );
        }
    }
    s
}

fn html(paragraphs: &[String], n: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Story {n}: 10-3 vote</title>\n\
         <style>p {{ margin: 0 }}</style><script>var story = {n};</script></head>\n<body><article>\n\
         <h1>Story {n}</h1>"
    );
    for p in paragraphs {
        let p = p
            .replace('“', "&ldquo;")
            .replace('”', "&rdquo;")
            .replace('’', "&rsquo;")
            .replacen("budget", "<em>budget</em>", 1);
        let _ = writeln!(s, "<p>{p}</p>");
    }
    let _ = writeln!(s, "</article></body></html>");
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let count: usize = value("--count").unwrap_or_else(|| "1000".into()).parse()?;
    let seed: u64 = value("--seed").unwrap_or_else(|| "7".into()).parse()?;
    let out = PathBuf::from(value("--out").ok_or("--out DIR is required")?);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample_text = fs::read_to_string(root.join("data/clean.txt"))?;
    let sample: Vec<&str> = sample_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut rng = Rng(seed);
    for n in 0..count {
        let dir = out.join(format!("desk-{:02}", n % 20));
        fs::create_dir_all(&dir)?;
        let paragraphs = paragraphs(&mut rng, &sample);
        let (ext, text) = match n % 3 {
            0 => ("txt", paragraphs.join("\n\n") + "\n"),
            1 => ("md", markdown(&mut rng, &paragraphs, n)),
            _ => ("html", html(&paragraphs, n)),
        };
        fs::write(dir.join(format!("story-{n:05}.{ext}")), text)?;
    }
    Ok(())
}
