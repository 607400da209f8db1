//! Misattributed quotes: the speaker's name in the attribution becomes the verified
//! person's.
//!
//! The name is replaced in the form the draft wrote it: a full name by the person's full
//! name, a last name by their last name; a title before it (`Mayor`, `Councilmember`)
//! is kept. A pronoun (`she said`), a role noun (`the mayor said`), a speaker carried
//! over from an earlier quote, or a mention whose name cannot be told apart gets no fix.
//! The fix is unsafe: the rule may be wrong rather than the draft.

use super::Fix;
use crate::extract::Speaker;
use crate::rules::Person;

/// Words that start a mention which is not a name.
const NOT_A_NAME: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "the", "a", "an", "his", "her", "their", "this",
    "that", "one", "another", "some", "several",
];

/// The fix of a quote credited to `speaker` (mentioned in `text`) that `person` said.
pub(crate) fn speaker_fix(text: &str, speaker: &Speaker, person: &Person) -> Option<Fix> {
    if speaker.inferred {
        return None;
    }
    let mention = text.get(speaker.mention.range())?;
    let first = mention.split_whitespace().next()?;
    if !first.chars().next().is_some_and(char::is_uppercase)
        || NOT_A_NAME.contains(&first.to_lowercase().as_str())
    {
        return None;
    }
    let credited: Vec<&str> = speaker.name.split_whitespace().collect();
    let last_name = |name: &str| name.split_whitespace().last().map(str::to_string);
    // The name at the end of the mention: the full name, else the last name.
    let (name_len, replacement) = if credited.len() > 1 && ends_with_name(mention, &speaker.name) {
        (speaker.name.len(), person.name.clone())
    } else {
        let last = credited.last()?;
        if !ends_with_name(mention, last) {
            return None;
        }
        (last.len(), last_name(&person.name)?)
    };
    let start = speaker.mention.end - name_len;
    if text.get(start..speaker.mention.end)? == replacement {
        return None;
    }
    Some(Fix {
        start,
        end: speaker.mention.end,
        replacement,
        safe: false,
    })
}

/// True when `mention` ends with `name` (ignoring case), as whole words.
fn ends_with_name(mention: &str, name: &str) -> bool {
    if name.is_empty() || mention.len() < name.len() {
        return false;
    }
    let at = mention.len() - name.len();
    mention.is_char_boundary(at)
        && mention[at..].eq_ignore_ascii_case(name)
        && mention[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RulePosition;
    use crate::text::Span;

    fn person(name: &str) -> Person {
        Person {
            id: "p".into(),
            name: name.into(),
            title: None,
            aliases: vec![],
            position: RulePosition::default(),
        }
    }

    /// `(the draft, the mention, the name it resolved to, was it inferred, the fixed
    /// draft)`, the quote verified as Hugo Soto-Martinez's.
    const MENTIONS: &[(&str, &str, &str, bool, Option<&str>)] = &[
        (
            "“Yes,” said Karen Bass.",
            "Karen Bass",
            "Karen Bass",
            false,
            Some("“Yes,” said Hugo Soto-Martinez."),
        ),
        (
            "“Yes,” Bass said.",
            "Bass",
            "Karen Bass",
            false,
            Some("“Yes,” Soto-Martinez said."),
        ),
        (
            "“Yes,” said Mayor Karen Bass.",
            "Mayor Karen Bass",
            "Karen Bass",
            false,
            Some("“Yes,” said Mayor Hugo Soto-Martinez."),
        ),
        (
            "“Yes,” said Mayor Bass.",
            "Mayor Bass",
            "Karen Bass",
            false,
            Some("“Yes,” said Mayor Soto-Martinez."),
        ),
        ("“Yes,” she said.", "she", "Karen Bass", false, None),
        (
            "“Yes,” the mayor said.",
            "the mayor",
            "Karen Bass",
            false,
            None,
        ),
        (
            "“Yes,” The mayor said.",
            "The mayor",
            "Karen Bass",
            false,
            None,
        ),
        (
            "Bass spoke. “Yes,” Bass said.",
            "Bass",
            "Karen Bass",
            true,
            None,
        ),
        ("“Yes,” said MLK.", "MLK", "Martin Luther King", false, None),
    ];

    #[test]
    fn speaker_names_take_the_verified_persons_name_in_the_same_form() {
        let verified = person("Hugo Soto-Martinez");
        for &(draft, mention, name, inferred, want) in MENTIONS {
            let at = draft.rfind(mention).expect("the mention is in the draft");
            let speaker = Speaker {
                name: name.into(),
                mention: Span::new(at, at + mention.len()),
                inferred,
            };
            let fixed = speaker_fix(draft, &speaker, &verified).map(|f| {
                assert!(!f.safe);
                format!("{}{}{}", &draft[..f.start], f.replacement, &draft[f.end..])
            });
            assert_eq!(fixed.as_deref(), want, "{draft}");
        }
    }
}
