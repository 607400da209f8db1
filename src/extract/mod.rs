//! Extraction from a draft: direct quotes with their speakers ([`quotes`],
//! [`attribution`]), reported speech with its sources ([`reported`]) and typed values in
//! prose ([`values`]).

pub mod attribution;
pub mod quotes;
pub mod reported;
pub mod values;

pub use attribution::{KnownPerson, PeopleIndex, Speaker};
pub use quotes::{find_quotes, find_quotes_indexed, find_quotes_with_people, Quote};
pub use reported::{
    confidence_features, find_reported, is_personal_pronoun, is_reporting_word, is_verb_of_saying,
    sheet_entries, without_nested_fragments, Reported, NOT_SOURCE_NAMES,
};
pub use values::{
    find_all_values, find_values, parse_value, FoundValue, Value, ValueError, ValueKind,
};
