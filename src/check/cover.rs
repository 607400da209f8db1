//! Which quote rules hold the words of one draft quote: for a person asking about a
//! quote (the language server's hover), not for checking, which finds the rules a draft
//! touches through its index.

use super::quotes::{compare_pieces, ellipsis_pieces, same_person, Comparison};
use crate::rules::RuleSet;
use crate::text::words_for_compare;

/// The quote rules, as (ruleset index, quote index), whose verified words the draft
/// quote segment `segment` reproduces verbatim as checking compares them (the words, a
/// fragment of them, or pieces elided with an ellipsis). The rules whose speaker
/// `credited` names come first; otherwise in rule order. Scans every quote rule.
pub fn quote_rules_holding(
    rulesets: &[RuleSet],
    segment: &str,
    credited: Option<&str>,
) -> Vec<(usize, usize)> {
    let words = words_for_compare(segment);
    if words.is_empty() {
        return Vec::new();
    }
    let pieces = ellipsis_pieces(segment);
    let mut found: Vec<(bool, usize, usize)> = Vec::new();
    for (r, ruleset) in rulesets.iter().enumerate() {
        for (q, rule) in ruleset.quotes.iter().enumerate() {
            let rule_words = words_for_compare(&rule.text);
            if let Some(Comparison::Verbatim) = compare_pieces(&words, &pieces, &rule_words) {
                let named = credited.is_some_and(|c| same_person(c, ruleset.speaker_of(rule)));
                found.push((!named, r, q));
            }
        }
    }
    found.sort_by_key(|&(other, r, q)| (other, r, q));
    found.into_iter().map(|(_, r, q)| (r, q)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str =
        "ruleset: t\npeople:\n  - { id: ann, name: Ann Lee }\n  - { id: bo, name: Bo Park }\n\
        quotes:\n  - { id: a, speaker: ann, text: We will build the bridge this year }\n\
        \x20 - { id: b, speaker: bo, text: We will build the bridge this year }\n\
        \x20 - { id: c, speaker: bo, text: Nobody asked us about the tunnel }\n";

    #[test]
    fn finds_the_rules_holding_a_quote_speaker_first() {
        let rulesets = vec![crate::rules::load_rule_file("t.yaml", RULES).expect("rules")];
        // A draft segment, the speaker it is credited to, the rules expected.
        type Case<'a> = (&'a str, Option<&'a str>, &'a [(usize, usize)]);
        let cases: &[Case] = &[
            (
                "We will build the bridge this year",
                Some("Bo Park"),
                &[(0, 1), (0, 0)],
            ),
            (
                "We will build the bridge this year",
                Some("Ann Lee"),
                &[(0, 0), (0, 1)],
            ),
            (
                "We will build the bridge this year",
                None,
                &[(0, 0), (0, 1)],
            ),
            (
                "build the bridge this year",
                Some("Park"),
                &[(0, 1), (0, 0)],
            ),
            ("Nobody asked us … the tunnel", None, &[(0, 2)]),
            ("Nobody asked us about the road", None, &[]),
            ("", None, &[]),
        ];
        for (segment, credited, expected) in cases {
            assert_eq!(
                quote_rules_holding(&rulesets, segment, *credited),
                *expected,
                "{segment:?} {credited:?}"
            );
        }
    }
}
