//! Rebuilds the attribution's data files from the train split of the annotated corpus.
//!
//! ```text
//! cargo run --release --example train_attribution -- ../shared/corpus/polnear-train-dev.jsonl [--out DIR]
//! ```
//!
//! Reads only the articles whose `split` is `train`, and writes into DIR (default
//! `src/extract/attribution/data`) words and weights, never article text:
//! - `reporting_verbs.txt`: every form of the verbs of saying and of the verbs the train
//!   split annotates as cues of direct and mixed quotes.
//!
//! Deterministic: the same corpus gives the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use factcheck::extract::attribution::training::{
    derive_reporting_verbs, AnnotatedArticle, Annotation, AnnotationKind, VERBS_OF_SAYING,
};
use factcheck::text::Span;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut out = PathBuf::from("src/extract/attribution/data");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().context("--out needs a directory")?.into(),
            _ if corpus.is_none() => corpus = Some(arg.into()),
            _ => bail!("unexpected argument {arg:?}"),
        }
    }
    let corpus = corpus.context("usage: train_attribution CORPUS.jsonl [--out DIR]")?;
    let train = read_split(&corpus, "train")?;
    eprintln!("{} train articles", train.len());

    let verbs = derive_reporting_verbs(&train, VERBS_OF_SAYING);
    let mut file = String::new();
    writeln!(
        file,
        "# Reporting verbs, every form: the verbs of saying (verbs_of_saying.txt) and the verbs\n\
         # the corpus's train split annotates as cues of direct and mixed quotes, with their\n\
         # -s, -ed and -ing forms. Generated: do not edit; rebuild with\n\
         #   cargo run --release --example train_attribution -- ../shared/corpus/polnear-train-dev.jsonl"
    )?;
    for v in &verbs {
        writeln!(file, "{v}")?;
    }
    std::fs::write(out.join("reporting_verbs.txt"), file)?;
    eprintln!("reporting_verbs.txt: {} forms", verbs.len());
    Ok(())
}

/// The articles of one split, with annotation offsets turned from characters to bytes.
fn read_split(path: &PathBuf, split: &str) -> Result<Vec<AnnotatedArticle>> {
    let data = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    let mut articles = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{path:?}:{}", n + 1))?;
        if v["split"].as_str() != Some(split) {
            continue;
        }
        let text = v["text"]
            .as_str()
            .context("article without text")?
            .to_string();
        // Character offset → byte offset.
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let spans = |value: &serde_json::Value| -> Vec<Span> {
            value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|pair| {
                            let s = bytes.get(pair[0].as_u64()? as usize)?;
                            let e = bytes.get(pair[1].as_u64()? as usize)?;
                            Some(Span::new(*s, *e))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let annotations = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .map(|q| Annotation {
                        kind: match q["kind"].as_str() {
                            Some("direct") => AnnotationKind::Direct,
                            Some("mixed") => AnnotationKind::Mixed,
                            _ => AnnotationKind::Indirect,
                        },
                        content: spans(&q["content_spans"]),
                        source: spans(&q["source_spans"]),
                        cue: spans(&q["cue_spans"]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        articles.push(AnnotatedArticle { text, annotations });
    }
    Ok(articles)
}
