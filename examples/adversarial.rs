//! Worst-case timing: runs the `factcheck` binary on generated adversarial drafts of
//! growing size and prints the time per megabyte, which stays flat when the time is
//! proportional to the size. Run by `bench/adversarial.sh`.
//!
//! ```text
//! cargo run --release --example adversarial -- [--bin PATH] [--rules PATH]
//!     [--sizes 1,2,4,8] [--unit mb|kb] [--only NAME[,NAME…]] [--repeat N] [--list]
//!     [--keep DIR] [--generate-only]
//! ```
//!
//! `--keep DIR` writes the inputs to DIR and keeps them (for profiling);
//! `--generate-only` writes them without timing anything.
//!
//! Every input is deterministic (no randomness): the same arguments give the same bytes.
//! Each run is a full check (`factcheck --rules RULES --format json FILE`), output
//! discarded; the best of `--repeat` runs (default 1) is reported.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `println!` that ends the program quietly when standard output is closed
/// (`… | head`).
macro_rules! say {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    };
}

/// One family of adversarial drafts: a name, what it stresses, and a generator that
/// returns a draft of about `n` bytes.
struct Family {
    name: &'static str,
    what: &'static str,
    generate: fn(usize) -> String,
}

/// Repeats `unit` until the text reaches `n` bytes (whole units only).
fn repeat_to(unit: &str, n: usize) -> String {
    let count = (n / unit.len()).max(1);
    unit.repeat(count)
}

/// `head`, then `unit` repeated until about `n` bytes, then `tail`.
fn framed(head: &str, unit: &str, tail: &str, n: usize) -> String {
    let body = n.saturating_sub(head.len() + tail.len());
    format!("{head}{}{tail}", repeat_to(unit, body))
}

/// A deterministic stream of made-up capitalised names (no randomness).
fn name(i: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ko", "ri", "tem", "sul", "na", "vor", "li", "dan", "pe", "mo", "gar", "zu", "fen",
        "hal", "ti",
    ];
    let mut s = String::new();
    let mut k = i + 17;
    for _ in 0..3 {
        s.push_str(SYLLABLES[k % 16]);
        k /= 16;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// Lines built from `line(i)` until the text reaches `n` bytes.
fn lines_to(n: usize, sep: &str, line: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(n + 256);
    let mut i = 0;
    while out.len() < n {
        let _ = write!(out, "{}{sep}", line(i));
        i += 1;
    }
    out
}

const FAMILIES: &[Family] = &[
    Family {
        name: "straight-flood",
        what: "one line of straight double quote marks",
        generate: |n| "\"".repeat(n),
    },
    Family {
        name: "curly-flood",
        what: "one line of opening curly quote marks",
        generate: |n| repeat_to("\u{201c}", n),
    },
    Family {
        name: "ambiguous-marks",
        what: "one paragraph of `a \" b ` (every mark could open or close)",
        generate: |n| repeat_to("a \" b ", n),
    },
    Family {
        name: "unbalanced-opens",
        what: "one paragraph of `\u{201c}word ` (opening marks that never close)",
        generate: |n| repeat_to("\u{201c}word ", n),
    },
    Family {
        name: "tiny-quotes",
        what: "one paragraph of `\u{201c}a\u{201d} ` (many two-mark quotes, no speaker)",
        generate: |n| repeat_to("\u{201c}a\u{201d} ", n),
    },
    Family {
        name: "nested-quotes",
        what: "\u{201c}\u{2018}\u{201c}\u{2018}\u{2026} nested to n/12 levels, then closed",
        generate: |n| {
            let depth = (n / 12).max(1);
            format!(
                "{}x{}",
                "\u{201c}\u{2018}".repeat(depth),
                "\u{2019}\u{201d}".repeat(depth)
            )
        },
    },
    Family {
        name: "huge-sentence",
        what: "one sentence of plain words, no punctuation",
        generate: |n| framed("The ", "council voted on the plan and ", "today.", n),
    },
    Family {
        name: "huge-quote",
        what: "one quoted sentence of n bytes, attributed",
        generate: |n| {
            framed(
                "\u{201c}",
                "we will win this fight and ",
                "\u{201d} Smith said.",
                n,
            )
        },
    },
    Family {
        name: "names-paragraph",
        what: "one paragraph of `John Smith said Mary Jones ` (names and verbs)",
        generate: |n| repeat_to("John Smith said Mary Jones ", n),
    },
    Family {
        name: "capitalised-run",
        what: "one paragraph of capitalised words, then `: \u{201c}quote\u{201d}`",
        generate: |n| {
            framed(
                "",
                "Aaron Baker Carter Dalton ",
                "Evans: \u{201c}We will win this fight today.\u{201d}",
                n,
            )
        },
    },
    Family {
        name: "caps-run",
        what: "one paragraph of ALL-CAPS words, then a quote",
        generate: |n| {
            framed(
                "",
                "WASHINGTON CITY NEWS ",
                "said: \u{201c}We will win this fight today.\u{201d}",
                n,
            )
        },
    },
    Family {
        name: "attributed-quotes",
        what: "one paragraph of `\u{201c}We will win this fight,\u{201d} Smith said.`",
        generate: |n| repeat_to("\u{201c}We will win this fight,\u{201d} Smith said. ", n),
    },
    Family {
        name: "distinct-speakers",
        what: "one paragraph of quotes credited to ever new two-word names",
        generate: |n| {
            lines_to(n, " ", |i| {
                format!(
                    "{} {} said \u{201c}we will win this fight.\u{201d}",
                    name(i),
                    name(i * 7 + 3)
                )
            })
        },
    },
    Family {
        name: "pronoun-quotes",
        what: "many paragraphs: a new name, then quotes credited to `she` and `the mayor`",
        generate: |n| {
            lines_to(n, "\n", |i| {
                format!(
                    "{} {} spoke. \u{201c}We will win this fight,\u{201d} she said. \u{201c}And the next one,\u{201d} the mayor added.",
                    name(i),
                    name(i + 5)
                )
            })
        },
    },
    Family {
        name: "colon-quotes",
        what: "one paragraph of `Aa Bb Cc: \u{201c}quote\u{201d}` without sentence ends",
        generate: |n| {
            repeat_to(
                "Aaron Baker Carter: \u{201c}we will win this fight\u{201d} and ",
                n,
            )
        },
    },
    Family {
        name: "saying-quotes",
        what: "one sentence of `x saying \u{201c}a\u{201d}` (many verbs, tiny quotes)",
        generate: |n| repeat_to("x saying \u{201c}a\u{201d} ", n),
    },
    Family {
        name: "possessive-chain",
        what: "`Aa\u{2019}s ` repeated, then a quote (a mention read through possessives)",
        generate: |n| {
            framed(
                "",
                "Aa\u{2019}s ",
                "said \u{201c}We will win this fight today.\u{201d}",
                n,
            )
        },
    },
    Family {
        name: "role-chain",
        what: "`Aa spokesman ` repeated, then a quote (a name after a role, again and again)",
        generate: |n| {
            framed(
                "",
                "Aa spokesman ",
                "said \u{201c}We will win this fight today.\u{201d}",
                n,
            )
        },
    },
    Family {
        name: "values-paragraph",
        what: "one paragraph of tallies, dates, money and percentages",
        generate: |n| {
            repeat_to(
                "a 13-0 vote on Jan. 14, 2025 for $1.2 million or 60 percent of 1,200,000 ",
                n,
            )
        },
    },
    Family {
        name: "context-words",
        what: "one sentence repeating the reference rules' context words",
        generate: |n| {
            repeat_to(
                "the council vote approved the sanctuary ordinance on Tuesday and ",
                n,
            )
        },
    },
    Family {
        name: "many-lines",
        what: "short lines, each its own paragraph, with a quote",
        generate: |n| repeat_to("\u{201c}We will win this fight,\u{201d} she said.\n", n),
    },
    Family {
        name: "invisible-chars",
        what: "words separated by zero-width and bidi controls inside one quote",
        generate: |n| {
            framed(
                "\u{201c}",
                "we\u{200b} will\u{202e} win\u{2066}\u{200d} ",
                "\u{201d} Smith said.",
                n,
            )
        },
    },
    Family {
        name: "reference-article",
        what: "data/clean.txt repeated (realistic prose, for scale)",
        generate: |n| {
            let clean = std::fs::read_to_string("data/clean.txt").unwrap_or_else(|_| {
                "The council voted 13-0. \u{201c}We will win,\u{201d} Smith said.\n\n".into()
            });
            repeat_to(&format!("{clean}\n\n"), n)
        },
    },
];

struct Options {
    bin: PathBuf,
    rules: PathBuf,
    sizes: Vec<usize>,
    unit: usize,
    unit_name: &'static str,
    only: Vec<String>,
    repeat: usize,
    keep: Option<PathBuf>,
    generate_only: bool,
}

fn parse_options() -> Result<Option<Options>, String> {
    let mut o = Options {
        bin: PathBuf::from("target/release/factcheck"),
        rules: PathBuf::from("rules"),
        sizes: vec![1, 2, 4, 8],
        unit: 1 << 20,
        unit_name: "MB",
        only: Vec::new(),
        repeat: 1,
        keep: None,
        generate_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--bin" => o.bin = PathBuf::from(value()?),
            "--rules" => o.rules = PathBuf::from(value()?),
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().parse::<usize>().map_err(|e| format!("{s}: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--unit" => match value()?.as_str() {
                "mb" | "MB" => (o.unit, o.unit_name) = (1 << 20, "MB"),
                "kb" | "KB" => (o.unit, o.unit_name) = (1 << 10, "KB"),
                other => return Err(format!("unknown unit {other} (mb or kb)")),
            },
            "--only" => o.only = value()?.split(',').map(str::to_string).collect(),
            "--repeat" => o.repeat = value()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--keep" => o.keep = Some(PathBuf::from(value()?)),
            "--generate-only" => o.generate_only = true,
            "--list" => {
                for f in FAMILIES {
                    say!("{:<18} {}", f.name, f.what);
                }
                return Ok(None);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Some(o))
}

/// Runs one full check of `file`; returns the wall time and the exit code.
fn time_check(o: &Options, file: &Path) -> Result<(Duration, i32), String> {
    let mut best: Option<(Duration, i32)> = None;
    for _ in 0..o.repeat.max(1) {
        let start = Instant::now();
        let status = Command::new(&o.bin)
            .arg("--rules")
            .arg(&o.rules)
            .args(["--format", "json", "--max-draft-size", "1G"])
            .arg(file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("{}: {e}", o.bin.display()))?;
        let took = start.elapsed();
        let code = status.code().unwrap_or(-1);
        if best.is_none_or(|(b, _)| took < b) {
            best = Some((took, code));
        }
    }
    best.ok_or_else(|| "no run".to_string())
}

fn main() {
    let o = match parse_options() {
        Ok(Some(o)) => o,
        Ok(None) => return,
        Err(e) => {
            eprintln!("adversarial: {e}");
            std::process::exit(2);
        }
    };
    let dir = o.keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("factcheck-adversarial-{}", std::process::id()))
    });
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("adversarial: {}: {e}", dir.display());
        std::process::exit(2);
    }
    let unit = o.unit_name;
    say!(
        "{:<18} {:>7} {:>9} {:>10} {:>6} {:>5}",
        "input",
        format!("size {unit}"),
        "seconds",
        format!("s/{unit}"),
        "ratio",
        "exit"
    );
    let mut worst_ratio: f64 = 0.0;
    for family in FAMILIES {
        if !o.only.is_empty() && !o.only.iter().any(|n| n == family.name) {
            continue;
        }
        let mut first_rate: Option<f64> = None;
        for &size in &o.sizes {
            let text = (family.generate)(size * o.unit);
            let file = dir.join(format!("{}-{size}.txt", family.name));
            if let Err(e) = std::fs::write(&file, &text) {
                eprintln!("adversarial: {}: {e}", file.display());
                std::process::exit(2);
            }
            let megabytes = text.len() as f64 / o.unit as f64;
            if o.generate_only {
                say!("wrote {}", file.display());
                continue;
            }
            match time_check(&o, &file) {
                Ok((took, code)) => {
                    let rate = took.as_secs_f64() / megabytes;
                    let base = *first_rate.get_or_insert(rate);
                    let ratio = rate / base;
                    // Tiny inputs are dominated by start-up; only judge the larger sizes.
                    if size != o.sizes[0] {
                        worst_ratio = worst_ratio.max(ratio);
                    }
                    say!(
                        "{:<18} {:>7.2} {:>9.3} {:>10.3} {:>6.2} {:>5}",
                        family.name,
                        megabytes,
                        took.as_secs_f64(),
                        rate,
                        ratio,
                        code
                    );
                }
                Err(e) => {
                    eprintln!("adversarial: {e}");
                    std::process::exit(2);
                }
            }
            if o.keep.is_none() {
                let _ = std::fs::remove_file(&file);
            }
        }
    }
    if o.keep.is_none() {
        let _ = std::fs::remove_dir(&dir);
    }
    say!(
        "worst growth of time per {unit} over the smallest size: {worst_ratio:.2}x \
         (1.0 = linear; a quadratic scan doubles it with every doubling of size)"
    );
}
