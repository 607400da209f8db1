//! Rebuilds the attribution's data files from the train split of the annotated corpus.
//!
//! ```text
//! cargo run --release --example train_attribution -- ../shared/corpus/polnear-train-dev.jsonl [--out DIR]
//! ```
//!
//! Reads only the articles whose `split` is `train`, and writes into DIR (default
//! `src/extract/attribution/data`) words and weights, never article text:
//! - `reporting_verbs.txt`: every form of the verbs of saying and of the verbs the train
//!   split annotates as cues of direct and mixed quotes;
//! - `model.txt`: the weights of the speaker model, trained on the quotes `factcheck`
//!   finds in the train split, with the abstention threshold chosen by 5-fold
//!   cross-validation (folds by article); the figures are printed.
//!
//! `--leave-out TEMPLATE,...` trains without some feature templates (for ablations; the
//! model is then written only with `--out`).
//!
//! Deterministic: the same corpus gives the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use factcheck::extract::attribution::training::{
    self, derive_reporting_verbs, label, training_quotes, AnnotatedArticle, Dataset, Tally,
    TrainSettings, VERBS_OF_SAYING,
};
use factcheck::extract::attribution::Lexicon;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut out = PathBuf::from("src/extract/attribution/data");
    let mut leave_out: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().context("--out needs a directory")?.into(),
            "--leave-out" => {
                leave_out = args
                    .next()
                    .context("--leave-out needs templates")?
                    .split(',')
                    .map(String::from)
                    .collect()
            }
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

    let lexicon = Lexicon::from_forms(verbs.iter().cloned());
    let mut data = Dataset::default();
    for (i, article) in train.iter().enumerate() {
        let quotes = training_quotes(&article.text, &lexicon);
        data.add(i, &label(article, &quotes), &leave_out);
    }
    eprintln!(
        "{} quotes, {} features",
        data.examples.len(),
        data.names.len()
    );
    let settings = TrainSettings::default();
    const FOLDS: usize = 5;
    let biases = [-2.0f32, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0];
    let mut by_bias = vec![Tally::default(); biases.len()];
    let patterns = data.evaluate(0, 0, &pattern_weights(&data), 0.0);
    for fold in 0..FOLDS {
        let w = data.train(FOLDS, fold, settings);
        for (b, bias) in biases.iter().enumerate() {
            by_bias[b] += data.evaluate(FOLDS, fold, &w, *bias);
        }
    }
    let share = |n: usize, t: &Tally| n as f64 / t.segments.max(1) as f64;
    let mut report = String::new();
    writeln!(
        report,
        "patterns alone: speaker {:.4} ({} right, {} wrong, {} none of {} segments)",
        share(patterns.right, &patterns),
        patterns.right,
        patterns.wrong,
        patterns.abstained,
        patterns.segments
    )?;
    // The threshold: the most right speakers, a wrong one costing a quarter of a right
    // one more than leaving the quote without a speaker.
    let mut best = 0;
    for (b, t) in by_bias.iter().enumerate() {
        writeln!(
            report,
            "{FOLDS}-fold CV, null_bias {:+.1}: speaker {:.4} ({} right, {} wrong, {} none)",
            biases[b],
            share(t.right, t),
            t.right,
            t.wrong,
            t.abstained
        )?;
        let value = |t: &Tally| t.right as f64 - 0.25 * t.wrong as f64;
        if value(t) > value(&by_bias[best]) {
            best = b;
        }
    }
    let weights = data.train(0, 0, settings);
    let fit = data.evaluate(0, 0, &weights, biases[best]);
    writeln!(
        report,
        "chosen null_bias {:+.1}; on all of train: speaker {:.4}",
        biases[best],
        share(fit.right, &fit)
    )?;
    eprint!("{report}");
    if leave_out.is_empty() || out != std::path::Path::new("src/extract/attribution/data") {
        let header = format!(
            "factcheck speaker model (src/extract/attribution/model.rs): weight feature.\n\
             Generated: do not edit; rebuild with\n  \
             cargo run --release --example train_attribution -- ../shared/corpus/polnear-train-dev.jsonl\n\
             Trained on the train split: {} quotes, {} features, settings {settings:?}.\n{report}",
            data.examples.len(),
            data.names.len()
        );
        let text = data.model_text(&weights, biases[best], &header);
        std::fs::write(out.join("model.txt"), &text)?;
        eprintln!("model.txt: {} bytes", text.len());
    }
    Ok(())
}

/// Weights that pick what the patterns proposed (for the baseline figure).
fn pattern_weights(data: &Dataset) -> Vec<f32> {
    data.names
        .iter()
        .map(|n| match n.as_str() {
            "null" => 0.5,
            _ if n.starts_with("prop:") && n != "prop:none" => 1.0,
            _ => 0.0,
        })
        .collect()
}

/// The articles of one split, with annotation offsets turned from characters to bytes.
fn read_split(path: &PathBuf, split: &str) -> Result<Vec<AnnotatedArticle>> {
    let data = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    training::read_split(&data, split).map_err(|e| anyhow::anyhow!("{path:?}: {e}"))
}
