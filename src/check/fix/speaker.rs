//! Misattributed quotes: the speaker's name in the attribution becomes the verified
//! person's.
//!
//! The name is replaced in the form the draft wrote it: a full name by the person's full
//! name, a last name by their last name; a title before it (`Mayor`, `Councilmember`)
//! is kept — unless it is the title the rules give the person credited, and the rules
//! give the verified person a title too: then it becomes theirs (`Mayor Karen Bass` →
//! `Councilmember Hugo Soto-Martinez`, not `Mayor Hugo Soto-Martinez`). A pronoun (`she said`), a role noun (`the mayor said`), a speaker carried
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

/// The fix of a quote credited to `speaker` (mentioned in `text`; `credited` is the
/// person of the rules it resolved to, if any) that `person` said.
pub(crate) fn speaker_fix(
    text: &str,
    speaker: &Speaker,
    credited: Option<&Person>,
    person: &Person,
) -> Option<Fix> {
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
    let name_words: Vec<&str> = speaker.name.split_whitespace().collect();
    let last_name = |name: &str| name.split_whitespace().last().map(str::to_string);
    // The name at the end of the mention: the full name, else the last name.
    let (name_len, replacement) = if name_words.len() > 1 && ends_with_name(mention, &speaker.name)
    {
        (speaker.name.len(), person.name.clone())
    } else {
        let last = name_words.last()?;
        if !ends_with_name(mention, last) {
            return None;
        }
        (last.len(), last_name(&person.name)?)
    };
    let mut start = speaker.mention.end - name_len;
    let mut replacement = replacement;
    // The credited person's title before the name becomes the verified person's.
    let before = mention[..mention.len() - name_len].trim_end();
    let titles = (
        credited.and_then(|p| p.title.as_deref()),
        person.title.as_deref(),
    );
    if let (Some(old_title), Some(new_title)) = titles {
        if !new_title.contains(',') && ends_with_name(before, old_title) {
            start = speaker.mention.start + before.len() - old_title.len();
            replacement = format!("{new_title} {replacement}");
        }
    }
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

    fn person(name: &str, title: Option<&str>) -> Person {
        Person {
            id: "p".into(),
            name: name.into(),
            title: title.map(str::to_string),
            aliases: vec![],
            pronouns: None,
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
        let verified = person("Hugo Soto-Martinez", None);
        for &(draft, mention, name, inferred, want) in MENTIONS {
            let at = draft.rfind(mention).expect("the mention is in the draft");
            let speaker = Speaker {
                name: name.into(),
                mention: Span::new(at, at + mention.len()),
                inferred,
            };
            let fixed = speaker_fix(draft, &speaker, None, &verified).map(|f| {
                assert!(!f.safe);
                format!("{}{}{}", &draft[..f.start], f.replacement, &draft[f.end..])
            });
            assert_eq!(fixed.as_deref(), want, "{draft}");
        }
    }

    #[test]
    fn the_credited_persons_title_becomes_the_verified_persons() {
        let bass = person("Karen Bass", Some("Mayor"));
        let cases: &[(&str, &str, Option<&str>, &str)] = &[
            // Their titles in the rules: swapped with the name.
            (
                "“Yes,” said Mayor Karen Bass.",
                "Mayor Karen Bass",
                Some("Councilmember"),
                "“Yes,” said Councilmember Hugo Soto-Martinez.",
            ),
            (
                "“Yes,” said Mayor Bass.",
                "Mayor Bass",
                Some("Councilmember"),
                "“Yes,” said Councilmember Soto-Martinez.",
            ),
            // No title for the verified person, or one that is a description: kept.
            (
                "“Yes,” said Mayor Karen Bass.",
                "Mayor Karen Bass",
                None,
                "“Yes,” said Mayor Hugo Soto-Martinez.",
            ),
            (
                "“Yes,” said Mayor Karen Bass.",
                "Mayor Karen Bass",
                Some("spokesperson, City Hall"),
                "“Yes,” said Mayor Hugo Soto-Martinez.",
            ),
            // A title that is not the credited person's: kept.
            (
                "“Yes,” said Senator Karen Bass.",
                "Senator Karen Bass",
                Some("Councilmember"),
                "“Yes,” said Senator Hugo Soto-Martinez.",
            ),
        ];
        for &(draft, mention, title, want) in cases {
            let at = draft.rfind(mention).expect("the mention is in the draft");
            let speaker = Speaker {
                name: "Karen Bass".into(),
                mention: Span::new(at, at + mention.len()),
                inferred: false,
            };
            let verified = person("Hugo Soto-Martinez", title);
            let f = speaker_fix(draft, &speaker, Some(&bass), &verified).expect("a fix");
            let fixed = format!("{}{}{}", &draft[..f.start], f.replacement, &draft[f.end..]);
            assert_eq!(fixed, want, "{draft} ({title:?})");
        }
    }
}
