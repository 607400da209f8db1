//! Polarity: how many negations a stretch of text holds — `not`, `never`, `no` (`no
//! longer`, `no one`), `n't`, `nothing`, `nobody`, `none`, `neither`, `nowhere`,
//! `cannot`, `refuse(d) to`, `deny`/`denied` — so that a statement and the sentence
//! reporting it can be compared: a negation in one and not the other reverses what was
//! said.

/// The number of negations in `text`.
///
/// Words are compared lower-cased, split at anything that is not a letter, a digit or an
/// apostrophe (straight or curly). `nor` is not counted: it continues a negation already
/// counted (`neither … nor`, `not … nor`). `no` before a number is an abbreviation
/// (`No. 1`), not a negation.
pub(crate) fn negations(text: &str) -> usize {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut count = 0;
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str);
        let negates = match word.as_str() {
            "not" | "never" | "nothing" | "nobody" | "none" | "neither" | "nowhere" | "cannot" => {
                true
            }
            "no" => !next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())),
            "refuse" | "refuses" | "refused" | "refusing" => next == Some("to"),
            "deny" | "denies" | "denied" | "denying" => true,
            w => w.ends_with("n't") || w.ends_with("n’t"),
        };
        count += usize::from(negates);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negations_table() {
        let table: &[(&str, usize)] = &[
            ("The law will protect residents.", 0),
            ("The law will not protect residents.", 1),
            ("The law won't protect residents.", 1),
            ("The law won’t protect residents.", 1),
            ("The city will never cooperate.", 1),
            ("The city no longer cooperates.", 1),
            ("No one will be deported.", 1),
            ("Nothing will change.", 1),
            ("Neither the mayor nor the council agreed.", 1),
            ("It was not cheap, nor was it quick.", 1),
            ("She refused to comment on the vote.", 1),
            ("She refused the offer.", 0),
            ("He denied that the city would comply.", 1),
            ("The city cannot comply.", 1),
            ("It is the No. 1 priority.", 0),
            ("Nobody asked, and none came.", 2),
            ("Knot, note and nonetheless are words.", 0),
            ("It is not that they will never come.", 2),
            ("", 0),
        ];
        for (text, want) in table {
            assert_eq!(negations(text), *want, "{text}");
        }
    }
}
