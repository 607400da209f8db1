//! The linear model that picks a quote's speaker among its candidates
//! ([`super::candidates`]): a weight per feature, a candidate's score the sum of its
//! features' weights, the best-scoring candidate the speaker unless abstaining (a
//! candidate of its own, with the quote's features) scores higher. Trained as a
//! conditional log-linear model (softmax over a quote's candidates) by stochastic
//! gradient descent with L2, on the train split only (`examples/train_attribution.rs`);
//! shipped as `data/model.txt`, one `weight feature` a line.

use rustc_hash::FxHashMap;

use super::candidates::{features, null_features, Candidate, FeatureSink, QuoteContext};

/// A model's weights by feature hash, and the shift added to abstaining's score.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: FxHashMap<u64, f32>,
    /// Added to the score of abstaining (the abstention threshold).
    pub null_bias: f32,
}

/// FNV-1a of a feature's parts joined by `:` (no string is built).
fn feature_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            h ^= u64::from(b':');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in part.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Adds up the weights of the features it is given.
struct Scorer<'m> {
    model: &'m Model,
    sum: f32,
}

impl FeatureSink for Scorer<'_> {
    fn add(&mut self, parts: &[&str]) {
        if let Some(w) = self.model.weights.get(&feature_hash(parts)) {
            self.sum += w;
        }
    }
}

/// Writes features down as `part:part` strings (for training).
#[derive(Default)]
pub(super) struct Recorder(pub(super) Vec<String>);

impl FeatureSink for Recorder {
    fn add(&mut self, parts: &[&str]) {
        self.0.push(parts.join(":"));
    }
}

/// The rank of each candidate among those on its side of the quote, nearest first
/// (`candidates` is sorted nearest first).
pub(super) fn side_ranks(candidates: &[Candidate], q: usize) -> Vec<usize> {
    let (mut before, mut after, mut back) = (0, 0, 0);
    candidates
        .iter()
        .map(|c| {
            let slot = if c.paragraphs_back > 0 {
                &mut back
            } else if c.first > q {
                &mut after
            } else {
                &mut before
            };
            *slot += 1;
            *slot - 1
        })
        .collect()
}

impl Model {
    /// The model shipped in the crate (parsed once).
    pub fn builtin() -> &'static Model {
        static BUILTIN: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| Model::parse(include_str!("data/model.txt")).unwrap_or_default())
    }

    /// Reads a model written by [`Model::to_text`]: `# null_bias B` and `weight feature`
    /// lines; other `#` lines are comments.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut model = Model::default();
        for (n, line) in text.lines().enumerate() {
            if let Some(rest) = line.strip_prefix("# null_bias ") {
                model.null_bias = rest
                    .trim()
                    .parse()
                    .map_err(|_| format!("line {}: bad null_bias", n + 1))?;
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (w, feature) = line
                .split_once(' ')
                .ok_or_else(|| format!("line {}: expected `weight feature`", n + 1))?;
            let w: f32 = w
                .parse()
                .map_err(|_| format!("line {}: bad weight {w:?}", n + 1))?;
            // The hash of the parts joined by `:` is the hash of the written feature.
            model.weights.insert(feature_hash(&[feature]), w);
        }
        Ok(model)
    }

    /// The sum of the weights of `features`, each written as its parts joined by `:`
    /// (a linear model's score over one example).
    pub fn score(&self, features: &[String]) -> f32 {
        features
            .iter()
            .filter_map(|f| self.weights.get(&feature_hash(&[f.as_str()])))
            .sum()
    }

    /// True when the model has no weights (then the patterns decide alone).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The candidate the model picks for the quote of `ctx`, or `None` to abstain.
    pub(super) fn choose(&self, ctx: &QuoteContext, candidates: &[Candidate]) -> Option<usize> {
        let proposed = candidates.iter().any(|c| c.proposal.is_some());
        let mut null = Scorer {
            model: self,
            sum: self.null_bias,
        };
        null_features(ctx, proposed, &mut null);
        let ranks = side_ranks(candidates, ctx.q);
        let mut best: Option<(f32, usize)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let mut s = Scorer {
                model: self,
                sum: 0.0,
            };
            features(ctx, c, ranks[i], &mut s);
            if best.is_none_or(|(b, _)| s.sum > b) {
                best = Some((s.sum, i));
            }
        }
        best.filter(|&(s, _)| s > null.sum).map(|(_, i)| i)
    }
}

/// One quote for training: each candidate's feature ids and whether it is right, and
/// abstaining's features (right when no candidate is).
#[derive(Debug, Clone)]
pub struct Example {
    /// Feature ids of each candidate; the last entry is abstaining.
    pub options: Vec<Vec<u32>>,
    /// Whether each option is right.
    pub right: Vec<bool>,
    /// How much the quote counts (its matched segments).
    pub weight: f32,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainSettings {
    /// Passes over the examples.
    pub epochs: usize,
    /// Step size of the first pass (it decays as 1 / (1 + pass / 2)).
    pub rate: f32,
    /// L2 penalty per step on the features a step touches.
    pub l2: f32,
    /// Seed of the shuffle.
    pub seed: u64,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            epochs: 12,
            rate: 0.1,
            l2: 1e-4,
            seed: 7,
        }
    }
}

/// SplitMix64, for a shuffle that is the same everywhere.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The weights (by feature id, `dims` of them) that fit the examples: the average of
/// the weights after each pass of the second half.
pub fn train(examples: &[&Example], dims: usize, settings: TrainSettings) -> Vec<f32> {
    let mut w = vec![0f32; dims];
    let mut sum = vec![0f32; dims];
    let mut averaged = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = settings.seed;
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            let j = (next(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let rate = settings.rate / (1.0 + epoch as f32 / 2.0);
        for &k in &order {
            let ex = examples[k];
            if !ex.right.iter().any(|&r| r) {
                continue;
            }
            let scores: Vec<f32> = ex
                .options
                .iter()
                .map(|f| f.iter().map(|&i| w[i as usize]).sum())
                .collect();
            let max = scores.iter().copied().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
            let z: f32 = exp.iter().sum();
            let zr: f32 = exp
                .iter()
                .zip(&ex.right)
                .filter(|(_, &r)| r)
                .map(|(e, _)| e)
                .sum();
            for (o, feats) in ex.options.iter().enumerate() {
                let model = exp[o] / z;
                let target = if ex.right[o] { exp[o] / zr } else { 0.0 };
                let g = (target - model) * ex.weight * rate;
                if g == 0.0 {
                    continue;
                }
                for &f in feats {
                    let f = f as usize;
                    w[f] += g;
                    w[f] *= 1.0 - rate * settings.l2;
                }
            }
        }
        if epoch >= settings.epochs / 2 {
            for (s, x) in sum.iter_mut().zip(&w) {
                *s += x;
            }
            averaged += 1;
        }
    }
    if averaged > 0 {
        for s in &mut sum {
            *s /= averaged as f32;
        }
    }
    sum
}

/// The option an example's weights pick: the best-scoring candidate unless abstaining
/// (the last option, with `null_bias` added) scores higher; `None` for abstaining.
pub fn pick(example: &Example, weights: &[f32], null_bias: f32) -> Option<usize> {
    let n = example.options.len();
    let score = |o: usize| -> f32 {
        example.options[o]
            .iter()
            .map(|&i| weights.get(i as usize).copied().unwrap_or(0.0))
            .sum()
    };
    let null = score(n - 1) + null_bias;
    let mut best: Option<(f32, usize)> = None;
    for o in 0..n - 1 {
        let s = score(o);
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, o));
        }
    }
    best.filter(|&(s, _)| s > null).map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_parts_is_hash_of_joined_string() {
        let joined: Vec<&str> = "side*dist:after:0".split(':').collect();
        assert_eq!(
            feature_hash(&["side*dist", "after", "0"]),
            feature_hash(&joined)
        );
        assert_ne!(feature_hash(&["a", "b"]), feature_hash(&["ab"]));
    }

    #[test]
    fn training_separates_a_right_feature_from_a_wrong_one() {
        // Two candidates and abstaining; feature 0 marks the right one.
        let ex = Example {
            options: vec![vec![0, 2], vec![1, 2], vec![3]],
            right: vec![true, false, false],
            weight: 1.0,
        };
        let flipped = Example {
            options: vec![vec![1, 2], vec![0, 2], vec![3]],
            right: vec![false, true, false],
            weight: 1.0,
        };
        let w = train(&[&ex, &flipped], 4, TrainSettings::default());
        assert!(w[0] > w[1]);
        assert_eq!(pick(&ex, &w, 0.0), Some(0));
        assert_eq!(pick(&flipped, &w, 0.0), Some(1));
        assert_eq!(pick(&ex, &w, 100.0), None);
    }

    #[test]
    fn parse_reads_weights_and_bias() {
        let m = Model::parse("# a model\n# null_bias 0.5\n1.25 side:after\n-2 kind:name\n")
            .expect("parses");
        assert_eq!(m.null_bias, 0.5);
        assert_eq!(m.weights.len(), 2);
        assert_eq!(
            m.weights.get(&feature_hash(&["side", "after"])),
            Some(&1.25)
        );
        assert!(Model::parse("x y").is_err());
    }
}
