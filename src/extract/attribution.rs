//! Attribution: who said each quote — reporting verbs before or after, `according to`,
//! colons, continuation of the previous speaker, pronouns, last names, aliases and titles.

use crate::text::Span;

use super::quotes::Quote;

/// A person the attribution may resolve mentions to (from the rule files).
#[derive(Debug, Clone, PartialEq)]
pub struct KnownPerson {
    /// Full name.
    pub name: String,
    /// Other names: last name, aliases, title forms.
    pub aliases: Vec<String>,
}

/// The speaker credited with a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The resolved name of the person (the mention itself when nothing better is known).
    pub name: String,
    /// Where the mention the attribution rests on is written (may be a pronoun).
    pub mention: Span,
}

/// Attributes every quote in `text` to a speaker, resolving mentions to `people` where
/// possible.
pub fn attribute_speakers(text: &str, quotes: &mut [Quote], people: &[KnownPerson]) {
    let _ = (text, quotes, people);
    todo!("attribution")
}
