//! The people the attribution may resolve mentions to: those of the rule files, indexed
//! once for any number of drafts.

use std::collections::HashMap;

use crate::rules::Pronouns;

/// A person the attribution may resolve mentions to (from the rule files).
#[derive(Debug, Clone, PartialEq)]
pub struct KnownPerson {
    /// Full name.
    pub name: String,
    /// Other names: last name, aliases, title forms such as `the mayor`.
    pub aliases: Vec<String>,
    /// The pronouns drafts use for them (`it` for an organisation), when known.
    pub pronouns: Option<Pronouns>,
}

/// Known people indexed for resolving mentions: built once, it serves any number of
/// drafts, and finds a person by name, alias or title form without going through every
/// person (a newsroom bank names thousands).
///
/// Lookups return exactly what a scan of the people in order would: the first person
/// that fits.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct PeopleIndex {
    /// Full names, in the order given.
    names: Vec<String>,
    /// Each person's pronouns, when given.
    pronouns: Vec<Option<Pronouns>>,
    /// Lower-cased full name or alias → the first person with it as either.
    by_name_or_alias: HashMap<String, usize>,
    /// Lower-cased full name → the first person with it.
    by_name: HashMap<String, usize>,
    /// Lower-cased alias → the first person with it.
    by_alias: HashMap<String, usize>,
    /// The head nouns of the role aliases (`the border czar` → `czar`), sorted.
    pub(super) roles: Vec<String>,
}

impl PeopleIndex {
    /// Indexes `people` (earlier people win when names or aliases are shared).
    pub fn new(people: &[KnownPerson]) -> Self {
        let mut index = PeopleIndex {
            names: people.iter().map(|p| p.name.clone()).collect(),
            pronouns: people.iter().map(|p| p.pronouns).collect(),
            roles: title_roles(people),
            ..PeopleIndex::default()
        };
        for (i, p) in people.iter().enumerate() {
            let name = p.name.to_lowercase();
            index.by_name.entry(name.clone()).or_insert(i);
            index.by_name_or_alias.entry(name).or_insert(i);
            for alias in &p.aliases {
                let alias = alias.to_lowercase();
                index.by_alias.entry(alias.clone()).or_insert(i);
                index.by_name_or_alias.entry(alias).or_insert(i);
            }
        }
        index
    }

    /// The first person whose name or an alias is `plain` (case-insensitively), or
    /// whose full name ends `plain` after a space (`Mayor Karen Bass` → Karen Bass).
    pub(super) fn known(&self, plain: &str) -> Option<&str> {
        let lower = plain.to_lowercase();
        let mut first = self.by_name_or_alias.get(&lower).copied();
        for (i, _) in lower.match_indices(' ') {
            if let Some(&p) = self.by_name.get(&lower[i + 1..]) {
                first = Some(first.map_or(p, |f| f.min(p)));
            }
        }
        first.map(|p| self.names[p].as_str())
    }

    /// The pronouns of the first person [`PeopleIndex::known`] finds for `plain`.
    pub(super) fn known_pronouns(&self, plain: &str) -> Option<Pronouns> {
        let name = self.known(plain)?;
        let lower = name.to_lowercase();
        let &p = self.by_name.get(&lower)?;
        self.pronouns.get(p).copied().flatten()
    }

    /// The first person with `lower` (lower-cased) as an alias.
    pub(super) fn with_alias(&self, lower: &str) -> Option<&str> {
        self.by_alias.get(lower).map(|&p| self.names[p].as_str())
    }
}

/// The head nouns of the role aliases of known people (`the border czar` → `czar`).
pub(super) fn title_roles(people: &[KnownPerson]) -> Vec<String> {
    let mut roles: Vec<String> = people
        .iter()
        .flat_map(|p| &p.aliases)
        .filter_map(|a| a.strip_prefix("the "))
        .filter_map(|r| r.split_whitespace().last())
        .map(str::to_lowercase)
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_of_a_person_by_any_name() {
        let index = PeopleIndex::new(&[
            KnownPerson {
                name: "Karen Bass".into(),
                aliases: vec!["Bass".into(), "the mayor".into()],
                pronouns: Some(Pronouns::She),
            },
            KnownPerson {
                name: "Tom Homan".into(),
                aliases: vec!["Homan".into()],
                pronouns: None,
            },
        ]);
        let table: &[(&str, Option<Pronouns>)] = &[
            ("Karen Bass", Some(Pronouns::She)),
            ("Bass", Some(Pronouns::She)),
            ("Mayor Karen Bass", Some(Pronouns::She)),
            ("Tom Homan", None),
            ("Ana Ruiz", None),
        ];
        for (name, want) in table {
            assert_eq!(index.known_pronouns(name), *want, "{name}");
        }
        assert_eq!(index.roles, ["mayor"]);
    }
}
