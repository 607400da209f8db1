//! Agreement between a pronoun and the names it may refer to. Evidence, strongest
//! first: the `pronouns:` of a person in the rule files, a gendered title (`Mrs.`,
//! `Councilwoman`, `congressman`), an earlier pronoun resolved to the person, and the
//! usual gender of the first name (`data/first_names.txt`, from the US Social Security
//! Administration's baby-name counts; unisex names tell nothing). And whether a name
//! is a person at all: `he` and `she` never refer to an organisation, a place or a
//! publication.

use crate::rules::Pronouns;

/// What a pronoun or a piece of evidence says about whom it may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Gender {
    /// she
    Female,
    /// he
    Male,
    /// they, of one person
    Neutral,
    /// it: an organisation, a publication, a document
    Thing,
}

impl Gender {
    /// The gender a set of pronouns gives.
    pub(super) fn of(pronouns: Pronouns) -> Gender {
        match pronouns {
            Pronouns::She => Gender::Female,
            Pronouns::He => Gender::Male,
            Pronouns::They => Gender::Neutral,
            Pronouns::It => Gender::Thing,
        }
    }
}

/// The gender of a subject pronoun (lower-cased): `he`, `she`, `they`, `it`.
pub(super) fn pronoun_gender(lower: &str) -> Option<Gender> {
    match lower {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        "they" => Some(Gender::Neutral),
        "it" => Some(Gender::Thing),
        _ => None,
    }
}

/// The gender a title or role word gives (`Mrs.`, `Councilwoman`, `chairman`). A
/// capitalised word ending in -man or -woman counts only as one of the titles written
/// so (`Councilman`, not the name `Friedman`).
pub(super) fn title_gender(word: &str) -> Option<Gender> {
    let lower = word.trim_end_matches('.').to_lowercase();
    let capital = word.starts_with(char::is_uppercase);
    let titled = !capital
        || [
            "council",
            "congress",
            "chair",
            "assembly",
            "alder",
            "spokes",
            "business",
            "committee",
            "selects",
        ]
        .iter()
        .any(|t| lower.starts_with(t));
    match lower.as_str() {
        "mrs" | "ms" | "miss" | "madam" | "madame" | "dame" | "lady" | "sister" | "mother"
        | "queen" | "princess" | "duchess" | "countess" | "baroness" | "woman" | "wife"
        | "daughter" | "grandmother" | "girl" => Some(Gender::Female),
        "mr" | "sir" | "lord" | "brother" | "father" | "king" | "prince" | "duke" | "count"
        | "baron" | "man" | "husband" | "son" | "grandfather" | "boy" => Some(Gender::Male),
        _ if titled && lower.ends_with("woman") => Some(Gender::Female),
        _ if titled && lower.ends_with("man") && lower.len() > 5 && !lower.ends_with("human") => {
            Some(Gender::Male)
        }
        _ => None,
    }
}

/// The usual gender of a first name (`Some(None)` for a known unisex name, `None` for a
/// name not in the list).
pub(super) fn first_name_gender(word: &str) -> Option<Option<Gender>> {
    // The list is sorted by name: read into (name, tag) pairs once and searched, which
    // costs a process far less than hashing ten thousand names.
    static NAMES: std::sync::OnceLock<Vec<(&'static str, u8)>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        include_str!("data/first_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .map(|(n, g)| (n, g.as_bytes().first().copied().unwrap_or(b'u')))
            .collect()
    });
    // Lower-cased on the stack: every candidate and pronoun asks.
    let mut buf = [0u8; 32];
    let lower: std::borrow::Cow<str> = if word.is_ascii() && word.len() <= buf.len() {
        buf[..word.len()].copy_from_slice(word.as_bytes());
        buf[..word.len()].make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(&buf[..word.len()]).unwrap_or(""))
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    let at = names.binary_search_by(|(n, _)| (*n).cmp(&*lower)).ok()?;
    Some(match names[at].1 {
        b'f' => Some(Gender::Female),
        b'm' => Some(Gender::Male),
        _ => None,
    })
}

/// Words that make a capitalised name an organisation, a publication, a law or a place.
const NOT_PERSON_WORDS: &[&str] = &[
    "Act",
    "Administration",
    "Agency",
    "Airport",
    "Alliance",
    "America",
    "Amendment",
    "Army",
    "Assembly",
    "Associated",
    "Association",
    "Avenue",
    "Bank",
    "Beach",
    "Bill",
    "Board",
    "Bureau",
    "Campaign",
    "Caucus",
    "Center",
    "Centre",
    "Church",
    "City",
    "Club",
    "Coalition",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Conference",
    "Congress",
    "Convention",
    "Corp",
    "Corp.",
    "Corporation",
    "Council",
    "County",
    "Court",
    "Democrats",
    "Department",
    "Federation",
    "Force",
    "Foundation",
    "Fund",
    "Gazette",
    "Government",
    "Group",
    "Guard",
    "Hall",
    "Herald",
    "Hospital",
    "House",
    "Inc",
    "Inc.",
    "Institute",
    "Journal",
    "Kingdom",
    "League",
    "LLC",
    "Magazine",
    "Media",
    "Ministry",
    "Museum",
    "Nations",
    "Navy",
    "Network",
    "News",
    "Office",
    "Organization",
    "Organisation",
    "Park",
    "Parliament",
    "Party",
    "Police",
    "Post",
    "Press",
    "Project",
    "Republicans",
    "Republic",
    "Reuters",
    "Review",
    "River",
    "School",
    "Senate",
    "Service",
    "Services",
    "Society",
    "Square",
    "State",
    "States",
    "Station",
    "Street",
    "Summit",
    "Times",
    "Tribune",
    "Union",
    "University",
    "Valley",
    "Watch",
];

/// Places that are names of their own (`New Hampshire`, `Saudi Arabia`): their words.
const PLACE_WORDS: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Hampshire",
    "Jersey",
    "Mexico",
    "York",
    "Carolina",
    "Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "Wisconsin",
    "Wyoming",
    "Britain",
    "England",
    "Scotland",
    "Ireland",
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Russia",
    "China",
    "Japan",
    "Korea",
    "India",
    "Pakistan",
    "Afghanistan",
    "Iran",
    "Iraq",
    "Syria",
    "Israel",
    "Egypt",
    "Turkey",
    "Arabia",
    "Canada",
    "Brazil",
    "Australia",
    "Africa",
    "Europe",
    "Asia",
    "Ukraine",
    "Angeles",
    "Francisco",
    "Diego",
    "Chicago",
    "Boston",
    "Detroit",
    "Houston",
    "Dallas",
    "Miami",
    "Atlanta",
    "Philadelphia",
    "Baltimore",
    "Cleveland",
    "Seattle",
    "Denver",
    "Vegas",
    "Orleans",
    "London",
    "Paris",
    "Berlin",
    "Moscow",
    "Beijing",
    "Tokyo",
];

/// True when a capitalised name (titles stripped) is an organisation, a publication, a
/// law or a place rather than a person (`Bellhaven Clean Air Coalition`, `New
/// Hampshire`, `Affordable Care Act`).
pub(super) fn is_not_person(name: &str) -> bool {
    type Set = rustc_hash::FxHashSet<&'static str>;
    static SETS: std::sync::OnceLock<(Set, Set)> = std::sync::OnceLock::new();
    let (not_person, places) = SETS.get_or_init(|| {
        (
            NOT_PERSON_WORDS.iter().copied().collect(),
            PLACE_WORDS.iter().copied().collect(),
        )
    });
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if first.eq_ignore_ascii_case("the") {
        return true;
    }
    let known_first = first_name_gender(first).is_some();
    let org = std::iter::once(first).chain(words).any(|w| {
        let w = w.trim_end_matches([',', '’', '\'']);
        not_person.contains(w) || (!known_first && places.contains(w))
    });
    // A run of capitals (`NRA`, `UNITED NATIONS`) is an acronym or a headline.
    let shouting = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    org || shouting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_table() {
        let titles: &[(&str, Option<Gender>)] = &[
            ("Mrs.", Some(Gender::Female)),
            ("Ms.", Some(Gender::Female)),
            ("Councilwoman", Some(Gender::Female)),
            ("congresswoman", Some(Gender::Female)),
            ("Dame", Some(Gender::Female)),
            ("Mr.", Some(Gender::Male)),
            ("Sir", Some(Gender::Male)),
            ("chairman", Some(Gender::Male)),
            ("Councilmember", None),
            ("Friedman", None),
            ("Congressman", Some(Gender::Male)),
            ("Sen.", None),
        ];
        for (word, want) in titles {
            assert_eq!(title_gender(word), *want, "title {word}");
        }
        let names: &[(&str, Option<Option<Gender>>)] = &[
            ("Sara", Some(Some(Gender::Female))),
            ("Marcus", Some(Some(Gender::Male))),
            ("Jordan", Some(None)),
            ("Xq", None),
        ];
        for (word, want) in names {
            assert_eq!(first_name_gender(word), *want, "name {word}");
        }
    }

    #[test]
    fn the_name_list_is_sorted_for_its_search() {
        let names: Vec<&str> = include_str!("data/first_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split(' ').next())
            .collect();
        assert!(names.len() > 10_000);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn people_and_not_people() {
        for name in [
            "Sara Lindqvist",
            "Marcus Webb",
            "Virginia Foxx",
            "Reince Priebus",
        ] {
            assert!(!is_not_person(name), "{name} is a person");
        }
        for name in [
            "Bellhaven Clean Air Coalition",
            "New Hampshire",
            "Affordable Care Act",
            "the White House",
            "Republican National Committee",
            "NRA",
        ] {
            assert!(is_not_person(name), "{name} is not a person");
        }
    }
}
