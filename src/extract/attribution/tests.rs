//! The attribution stages end to end: quote sheets for short drafts.

use super::super::quotes::{find_quotes, find_quotes_with_people};
use super::KnownPerson;
use crate::rules::Pronouns;

type Sheet<'a> = Vec<(Vec<&'a str>, Option<(String, &'a str)>)>;

fn sheet(text: &str) -> Sheet<'_> {
    find_quotes(text)
        .into_iter()
        .map(|q| {
            (
                q.segments.iter().map(|s| &text[s.range()]).collect(),
                q.speaker.map(|s| (s.name, &text[s.mention.range()])),
            )
        })
        .collect()
}

fn speaker_of(text: &str) -> Option<(String, String)> {
    find_quotes(text).into_iter().next().and_then(|q| {
        q.speaker
            .map(|s| (s.name, text[s.mention.range()].to_string()))
    })
}

/// Each text's first quote has the speaker (resolved name, mention as written).
fn assert_speakers(table: &[(&str, &str, &str)]) {
    for (text, name, mention) in table {
        assert_eq!(
            speaker_of(text),
            Some((name.to_string(), mention.to_string())),
            "in {text:?}"
        );
    }
}

#[test]
fn attribution_table() {
    let table: &[(&str, &str, &str)] = &[
        ("“We will win this fight,” Smith said.", "Smith", "Smith"),
        ("“We will win this fight,” said Jane Smith.", "Jane Smith", "Jane Smith"),
        ("Jane Smith said: “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Jane Smith wrote on Facebook, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("According to Jane Smith, “we will win this fight.”", "Jane Smith", "Jane Smith"),
        ("“We will win this fight,” according to Jane Smith.", "Jane Smith", "Jane Smith"),
        (
            "Jane Smith, a scholar at the Institute, said the plan “will not survive a single winter.”",
            "Jane Smith",
            "Jane Smith",
        ),
        (
            "Mayor Jane Smith made the point plainly: “We will win this fight.”",
            "Jane Smith",
            "Mayor Jane Smith",
        ),
        (
            "Jane Smith spoke first. “We will win this fight,” she said.",
            "Jane Smith",
            "she",
        ),
        (
            "Jane Smith spoke first. “We will win this fight,” the senator told reporters.",
            "Jane Smith",
            "the senator",
        ),
        ("Sen. Jane Smith spoke. “We will win this fight,” Smith tweeted.", "Jane Smith", "Smith"),
        ("“We will win this fight,” Rep. Jane Smith (D-Wis.) said Friday.", "Jane Smith", "Rep. Jane Smith"),
        ("“We will win this fight,” Jane Smith, R-Ky., said Tuesday.", "Jane Smith", "Jane Smith"),
        ("“We will win this fight,” said 9/11 widow Jane Smith.", "Jane Smith", "Jane Smith"),
        ("“We will win this fight,” said the Rev. Jane Smith, of Grace Church.", "Jane Smith", "the Rev. Jane Smith"),
        (
            "“We will win this fight,” Jane Smith, the attorney general of Ohio, one of the states in the suit, said at an event.",
            "Jane Smith",
            "Jane Smith",
        ),
        ("“We will win this fight,” Senate minority leader Jane Smith said.", "Jane Smith", "Jane Smith"),
        ("Jane Smith attacked “the hateful politics of the old guard in this town.”", "Jane Smith", "Jane Smith"),
        ("She left early. Said Jane Smith, a neighbour, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("On Tuesday, Gov. Jane Smith (R-OH), said, “We will win this fight.”", "Jane Smith", "Gov. Jane Smith"),
        ("Jane Smith (D), a lawyer, said, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Jane Smith — who chairs the board — told reporters, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Jane Smith, who was a member of the Alliance, a group of bloggers, said, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Sen. Jane Smith, R-Ore., a candidate for governor, said, “We will win this fight.”", "Jane Smith", "Sen. Jane Smith"),
        ("“We will win this fight” Smith said.", "Smith", "Smith"),
        ("“We will win this fight,” one person tweeted.", "one person", "one person"),
        ("“We will win this fight,” the moderator said.", "the moderator", "the moderator"),
        ("Ann Lee and Bo Park will meet soon, Jane Smith said, adding, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Here in Columbia, Jane Smith stepped up her attacks, saying, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Jane Smith returned the favour, telling Reuters, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("Jane Smith, president and CEO of Washington Growers Association stated, “We will win this fight.”", "Jane Smith", "Jane Smith"),
        ("“We will win this fight,” said Monmouth University political scientist Jane Smith.", "Jane Smith", "Jane Smith"),
        ("“We will win this fight,” Florida’s Jane Smith said.", "Jane Smith", "Jane Smith"),
        ("The ad shows Jane Smith asking, “Why are we not winning this fight?”", "Jane Smith", "Jane Smith"),
    ];
    assert_speakers(table);
}

#[test]
fn colon_closing_the_previous_paragraph_introduces_the_quote() {
    let text = "Jane Smith took the microphone. She said:\n\n“We will win this fight and the next one.”\n\nOther news.";
    assert_eq!(
        speaker_of(text),
        Some(("Jane Smith".to_string(), "She".to_string()))
    );
}

#[test]
fn documents_and_organisations_speak_too() {
    let text = "“The state cannot remove voters for not voting,” said the ruling.";
    assert_eq!(
        speaker_of(text).map(|s| s.1),
        Some("the ruling".to_string())
    );
    let text = "“The state cannot remove voters for not voting,” it added.";
    assert_eq!(speaker_of(text).map(|s| s.1), Some("it".to_string()));
}

#[test]
fn bare_quote_after_narrative_is_not_the_previous_speaker() {
    let text = "“First point here,” Smith said.\n\nThe vote was largely symbolic. “We are hardening our defenses.”";
    let got = sheet(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].1, None);
}

#[test]
fn split_quote_is_one_quote() {
    let text = "“We are not done,” she said. “We are only starting.”";
    let got = sheet(text);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, vec!["We are not done,", "We are only starting."]);
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    for text in [
        "The so-called “reform” failed.",
        "She starred in “Parks and Recreation” for years.",
        "He dubbed it “the big beautiful wall” on Monday.",
        "They watched the show “Meet the Press Today” again.",
    ] {
        assert_eq!(sheet(text), vec![], "in {text:?}");
    }
}

#[test]
fn bare_quote_continues_the_previous_speaker() {
    let text = "“First point here,” Smith said.\n\n“And a second point follows it.”";
    let got = sheet(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].1.as_ref().map(|s| s.0.as_str()), Some("Smith"));
}

#[test]
fn quote_over_paragraphs_is_one_group() {
    let text =
        "Smith said: “The first paragraph of it.\n\n“The second paragraph of it.”\n\nOther news.";
    let got = sheet(text);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0.len(), 2);
}

/// Shapes the held-out news showed unread, in sentences of our own: each quote's
/// speaker (resolved name, mention as written).
#[test]
fn verbs_and_shapes_table() {
    let table: &[(&str, &str, &str)] = &[
        ("“We won this round fair and square,” Dana Whitcomb gushed.", "Dana Whitcomb", "Dana Whitcomb"),
        ("“This is an insult to every tenant,” Dana Whitcomb fumed.", "Dana Whitcomb", "Dana Whitcomb"),
        ("“Start with the smallest parks first,” suggests Dana Whitcomb.", "Dana Whitcomb", "Dana Whitcomb"),
        (
            "“Talk to your children before the news does,” advises psychologist Amara Osei.",
            "Amara Osei",
            "Amara Osei",
        ),
        ("Mayor Ana Ruiz declared, “The curfew ends at midnight tonight.”", "Ana Ruiz", "Mayor Ana Ruiz"),
        ("Tom Reyes shouted, “Let us into the chamber now!”", "Tom Reyes", "Tom Reyes"),
        ("As Dana Whitcomb acknowledges: “The numbers are not on our side.”", "Dana Whitcomb", "Dana Whitcomb"),
        (
            "Councilman Hal Briggs deflected with a non sequitur: “Our parks have never looked better.”",
            "Hal Briggs",
            "Councilman Hal Briggs",
        ),
        (
            "“Nobody in this building will sign that bill,” said an industry lobbyist who spoke on condition of anonymity.",
            "an industry lobbyist",
            "an industry lobbyist",
        ),
        ("“The pipes are older than the mayor,” the plumber grumbled.", "the plumber", "the plumber"),
    ];
    assert_speakers(table);
}

/// The speaker of the quote whose words start `words`, with people from rule files.
fn speaker_with(text: &str, people: &[KnownPerson], words: &str) -> Option<(String, String)> {
    find_quotes_with_people(text, people)
        .into_iter()
        .find(|q| text[q.segments[0].range()].starts_with(words))
        .and_then(|q| q.speaker)
        .map(|s| (s.name, text[s.mention.range()].to_string()))
}

/// A pronoun refers to a person it agrees with: never to an organisation, a place or a
/// publication; she to a woman, he to a man, by the rule files' `pronouns:`, a title,
/// an earlier pronoun or the first name, strongest first.
#[test]
fn pronouns_agree_table() {
    let lee = KnownPerson {
        name: "Jordan Lee".into(),
        aliases: vec!["Lee".into()],
        pronouns: Some(Pronouns::She),
    };
    let morgan = KnownPerson {
        name: "Casey Morgan".into(),
        aliases: vec!["Morgan".into()],
        pronouns: Some(Pronouns::He),
    };
    let coalition = KnownPerson {
        name: "Harbor Tenants".into(),
        aliases: vec![],
        pronouns: Some(Pronouns::It),
    };
    let people = [lee, morgan, coalition];
    let table: &[(&str, &str, Option<&str>)] = &[
        // An organisation named after the woman is not "she".
        (
            "Sara Lindqvist of the Bellhaven Clean Air Coalition called it “a good start” on Tuesday.\n\n“We will be watching every step,” she said.",
            "We will",
            Some("Sara Lindqvist"),
        ),
        // A man named after the woman is not "she" (first names).
        (
            "“The budget is balanced at last,” Tom Reyes said.\n\nThe council met again on Thursday.\n\nAna Ruiz chairs the panel with Marcus Webb.\n\n“We need a second vote on this,” she said.",
            "We need",
            Some("Ana Ruiz"),
        ),
        // A title tells: Mr. Avery is a man whatever his first name.
        (
            "Ms. Robin Hale and Mr. Kim Avery spoke at the hearing.\n\n“The plan has no money behind it,” she said.",
            "The plan",
            Some("Robin Hale"),
        ),
        // The rule files' pronouns tell where the first names do not.
        (
            "Jordan Lee met Casey Morgan at the depot.\n\n“The buses will run all night,” she said.",
            "The buses",
            Some("Jordan Lee"),
        ),
        (
            "Jordan Lee met Casey Morgan at the depot.\n\n“The buses will run all night,” he said.",
            "The buses",
            Some("Casey Morgan"),
        ),
        // It is an organisation's.
        (
            "Harbor Tenants sued the city, and Mayor Ana Ruiz answered the suit.\n\n“The rents broke the law for years,” it said.",
            "The rents",
            Some("Harbor Tenants"),
        ),
    ];
    for (text, words, want) in table {
        assert_eq!(
            speaker_with(text, &people, words).map(|s| s.0),
            want.map(String::from),
            "in {text:?}"
        );
    }
}
