//! Reported speech end to end: tables of reporting shapes that must be found (content and
//! source) and of near-misses that must not.

use super::super::quotes::find_quotes;
use super::super::PeopleIndex;
use super::find_reported;

/// (content, source mention) of every reported stretch in `text`.
fn found(text: &str) -> Vec<(String, Option<String>)> {
    let quotes = find_quotes(text);
    find_reported(text, &quotes, &PeopleIndex::default())
        .into_iter()
        .map(|r| {
            (
                text[r.content.range()].to_string(),
                r.speaker.map(|s| text[s.mention.range()].to_string()),
            )
        })
        .collect()
}

#[test]
fn reporting_shapes_table() {
    let table: &[(&str, &str, &str)] = &[
        (
            "Mayor Dana Whitfield said the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Mayor Dana Whitfield",
        ),
        (
            "Whitfield said that the bridge would reopen in May.",
            "that the bridge would reopen in May",
            "Whitfield",
        ),
        // A `that` clause that is wholly a quotation is mixed speech: reported too.
        (
            "Whitfield said that “the bridge will reopen in May.”",
            "that “the bridge will reopen in May.”",
            "Whitfield",
        ),
        // A verb of speech coordinated with the sentence's first verb phrase.
        (
            "Whitfield toured the bridge on Monday and said the repairs were nearly done.",
            "the repairs were nearly done",
            "Whitfield",
        ),
        (
            "Whitfield toured the bridge on Monday and announced that the repairs would start in May.",
            "that the repairs would start in May",
            "Whitfield",
        ),
        (
            "We met Dana Whitfield, who answered her door and said she would vote early.",
            "she would vote early",
            "Dana Whitfield",
        ),
        (
            "The bridge would reopen in May, Whitfield said.",
            "The bridge would reopen in May",
            "Whitfield",
        ),
        (
            "The bridge would reopen in May, said Dana Whitfield.",
            "The bridge would reopen in May",
            "Dana Whitfield",
        ),
        (
            "According to Dana Whitfield, the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Dana Whitfield",
        ),
        (
            "According to Dana Whitfield, a spokeswoman for the county, the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Dana Whitfield",
        ),
        (
            "The bridge would reopen in May, according to the city transport report.",
            "The bridge would reopen in May",
            "the city transport report",
        ),
        (
            "Mayor Dana Whitfield on Tuesday said the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Mayor Dana Whitfield",
        ),
        (
            "A spokeswoman for the county said the bridge would reopen in May.",
            "the bridge would reopen in May",
            "A spokeswoman for the county",
        ),
        (
            "Whitfield said “it makes me proud” every time the bridge reopens.",
            "“it makes me proud” every time the bridge reopens",
            "Whitfield",
        ),
        (
            "In fact, the bridge would reopen in May, the county engineers said.",
            "the bridge would reopen in May",
            "the county engineers",
        ),
        (
            "Whitfield said there are good reasons to reopen the bridge.",
            "there are good reasons to reopen the bridge",
            "Whitfield",
        ),
        (
            "Whitfield said the plan had one flaw: its cost to the county.",
            "the plan had one flaw: its cost to the county",
            "Whitfield",
        ),
        (
            "Whitfield said the bridge would reopen, even as the river kept rising.",
            "the bridge would reopen, even as the river kept rising",
            "Whitfield",
        ),
        (
            "The bridge carries every truck in the county, state inspectors said.",
            "The bridge carries every truck in the county",
            "state inspectors",
        ),
        (
            "Whitfield said there certainly was money left for the bridge.",
            "there certainly was money left for the bridge",
            "Whitfield",
        ),
        (
            "Recent county polls show the levy passing easily.",
            "the levy passing easily",
            "Recent county polls",
        ),
        (
            "In a county poll released Monday, most residents backed the levy.",
            "most residents backed the levy",
            "a county poll released Monday",
        ),
        (
            "Whitfield attacked the levy as a giveaway to developers.",
            "the levy as a giveaway to developers",
            "Whitfield",
        ),
        (
            "Whitfield said that if the levy fails, the bridge will close.",
            "that if the levy fails, the bridge will close",
            "Whitfield",
        ),
        (
            "The county plans to reopen the bridge by May.",
            "to reopen the bridge by May",
            "The county",
        ),
        (
            "Whitfield knows that the bridge is unsafe.",
            "that the bridge is unsafe",
            "Whitfield",
        ),
        (
            "The group, which expects 5,000 to attend, met on Monday.",
            "5,000 to attend",
            "The group",
        ),
        (
            "The bridge should reopen soon for Dana Roe, said Ana Ruiz.",
            "The bridge should reopen soon for Dana Roe",
            "Ana Ruiz",
        ),
        (
            "The levy marks the end of an era for the county, said Ana Ruiz, who chairs the board.",
            "The levy marks the end of an era for the county",
            "Ana Ruiz",
        ),
        (
            "Ana Ruiz said that the levy, which the board backed in May, would fail.",
            "that the levy, which the board backed in May, would fail",
            "Ana Ruiz",
        ),
        (
            "Ruiz added that the county — the largest in the state — will pay for it.",
            "that the county — the largest in the state — will pay for it",
            "Ruiz",
        ),
        (
            "Whitfield told a town hall in Salem on Monday that the bridge would reopen.",
            "that the bridge would reopen",
            "Whitfield",
        ),
        (
            "Whitfield urged county residents to vote for the levy.",
            "to vote for the levy",
            "Whitfield",
        ),
        (
            "The bridge was never safe, said Ana Ruiz, an engineer.",
            "The bridge was never safe",
            "Ana Ruiz",
        ),
        (
            "Ruiz noted that even in small towns, the levy would pass.",
            "that even in small towns, the levy would pass",
            "Ruiz",
        ),
        (
            "Whitfield told reporters she’d vote for the levy.",
            "she’d vote for the levy",
            "Whitfield",
        ),
        (
            "A reporter asked Whitfield how the levy would pass.",
            "how the levy would pass",
            "A reporter",
        ),
        (
            "The county plans a new levy, said lobbyist and former mayor Dana Roe, a critic.",
            "The county plans a new levy",
            "lobbyist and former mayor Dana Roe",
        ),
        (
            "The levy, opposed by the county board, failed.",
            "The levy",
            "by the county board",
        ),
        (
            "An early thaw, Whitfield said, “could flood the lower road by April.”",
            "An early thaw, Whitfield said, “could flood the lower road by April.”",
            "Whitfield",
        ),
        (
            "Whitfield told reporters that the bridge would reopen in May.",
            "that the bridge would reopen in May",
            "Whitfield",
        ),
        // A reporting clause that interrupts its content: the span runs from the
        // content's first word to its last.
        (
            "The bridge, Whitfield said, would reopen in May.",
            "The bridge, Whitfield said, would reopen in May",
            "Whitfield",
        ),
        (
            "In the spring, Whitfield said, the bridge would reopen.",
            "the bridge would reopen",
            "Whitfield",
        ),
        (
            "The bridge, according to the city transport report, would reopen in May.",
            "The bridge, according to the city transport report, would reopen in May",
            "the city transport report",
        ),
        (
            "The bridge would reopen, Whitfield said, smiling at the crowd.",
            "The bridge would reopen",
            "Whitfield",
        ),
        // Coordinated that-clauses are one content.
        (
            "Whitfield said the bridge would reopen, and that the tolls would end.",
            "the bridge would reopen, and that the tolls would end",
            "Whitfield",
        ),
        // Quotations in doubled apostrophes run on past their reporting clause.
        (
            "''The bridge will reopen,'' said Dana Whitfield, the mayor. ''We have the money.''",
            "''The bridge will reopen,'' said Dana Whitfield, the mayor. ''We have the money.''",
            "Dana Whitfield",
        ),
        (
            "''The bridge will reopen,'' Whitfield said on Monday. ''We have the money.''",
            "''The bridge will reopen,'' Whitfield said on Monday. ''We have the money.''",
            "Whitfield",
        ),
        (
            "''The bridge will reopen,'' Whitfield said, ''and the tolls will end.''",
            "''The bridge will reopen,'' Whitfield said, ''and the tolls will end.''",
            "Whitfield",
        ),
        // A quotation in doubled apostrophes after its reporting clause.
        (
            "Whitfield said: ''The bridge will reopen. We have the money.''",
            "''The bridge will reopen. We have the money.''",
            "Whitfield",
        ),
        (
            "But Whitfield added, ''We have the money.''",
            "''We have the money.''",
            "Whitfield",
        ),
        (
            "To that, Whitfield added: ''We have the money.''",
            "''We have the money.''",
            "Whitfield",
        ),
        (
            "Whitfield said of the county engineers: ''They did fine work.''",
            "''They did fine work.''",
            "Whitfield",
        ),
        // An interrupted content is one content, quoted second part and all.
        (
            "The tolls, Whitfield added, ''will end in May.''",
            "The tolls, Whitfield added, ''will end in May.''",
            "Whitfield",
        ),
        // A party after the name, then an appositive: the name is the source.
        (
            "Dana Whitfield (D), a lawyer, suggested that the levy would fail.",
            "that the levy would fail",
            "Dana Whitfield",
        ),
        // A participle of saying after its preposition: the sentence's subject speaks.
        (
            "Dana Whitfield backed the levy, while saying that the bridge would reopen.",
            "that the bridge would reopen",
            "Dana Whitfield",
        ),
        (
            "Whitfield closed the hearing after arguing that the bridge would reopen.",
            "that the bridge would reopen",
            "Whitfield",
        ),
        // An aside between dashes after the subject.
        (
            "Dana Whitfield — who chairs the board — told reporters that the bridge would reopen.",
            "that the bridge would reopen",
            "Dana Whitfield",
        ),
        // An appositive ending a relative clause, a party and state: the name speaks.
        (
            "Dana Whitfield, who was a member of the Alliance, a group of bloggers, said that the bridge would reopen.",
            "that the bridge would reopen",
            "Dana Whitfield",
        ),
        (
            "Sen. Dana Whitfield, R-Ore., a candidate for governor, said the bridge would reopen.",
            "the bridge would reopen",
            "Sen. Dana Whitfield",
        ),
        // The person told ends before a determiner opening the content.
        (
            "Whitfield told reporters the bridge would reopen.",
            "the bridge would reopen",
            "Whitfield",
        ),
        // An appositive left open before the verb: the name before it is the source.
        (
            "Sen. Dana Whitfield (D-NY), a backer of the levy told reporters the bridge would reopen.",
            "the bridge would reopen",
            "Sen. Dana Whitfield",
        ),
        // A colon before a fronted content opens it.
        (
            "Her view of the levy was plain: ''It will fail,'' Whitfield said.",
            "''It will fail,''",
            "Whitfield",
        ),
        // A span of time after the verb is no content.
        (
            "''The bridge will reopen,'' Whitfield said two days after the vote.",
            "''The bridge will reopen,''",
            "Whitfield",
        ),
        // A cue's particle is not content, and a particle's object is the content even
        // when a relative `that` follows.
        (
            "Ruiz pointed out that the bridge is old.",
            "that the bridge is old",
            "Ruiz",
        ),
        (
            "Ruiz called for more rules on the banks that fund the campaign.",
            "more rules on the banks that fund the campaign",
            "Ruiz",
        ),
        // A time after the verb (`late Thursday`, `last August`) is not content.
        (
            "The office had projected last August a deficit of $5 million.",
            "a deficit of $5 million",
            "The office",
        ),
        // A comparison after the content is the writer's; a five-letter participle
        // (`using`) after the reporting clause is no content resuming.
        (
            "Now, 52 percent said the mayor would win, compared with 41 percent for Lee.",
            "the mayor would win",
            "52 percent",
        ),
        (
            "The levy is a theft, the man shouted, using a rude word.",
            "The levy is a theft",
            "the man",
        ),
        // A comma grouping digits ends neither a content nor a source; a channel's
        // number is part of the name told.
        (
            "The paper also reported that roughly 1,100 donor names were not disclosed.",
            "that roughly 1,100 donor names were not disclosed",
            "The paper",
        ),
        (
            "The county told KXL 35 that someone had changed the sign.",
            "that someone had changed the sign",
            "The county",
        ),
        // A share of a group, written with `of`, is the source.
        (
            "Of those asked, 36 percent of the voters said they would back the levy.",
            "they would back the levy",
            "36 percent of the voters",
        ),
        // An aside between dashes inside the content.
        (
            "Ruiz said the county — not the state — will pay for it.",
            "the county — not the state — will pay for it",
            "Ruiz",
        ),
        // A record's own phrases between commas are not its content.
        (
            "In a county poll conducted in May, however, most residents backed the levy.",
            "most residents backed the levy",
            "a county poll conducted in May",
        ),
        (
            "In the new county poll, conducted in May, most residents back the levy.",
            "most residents back the levy",
            "the new county poll",
        ),
    ];
    // Every row is checked, and every mismatch reported together.
    let wrong: Vec<String> = table
        .iter()
        .filter_map(|(text, content, source)| {
            let got = found(text);
            (got != vec![(content.to_string(), Some(source.to_string()))])
                .then(|| format!("in {text:?}: got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn near_misses_table() {
    let table: &[&str] = &[
        "The bridge is said to be the oldest in the county.",
        "The so-called reform bill passed on Monday.",
        "Did Whitfield say the bridge would reopen in May?",
        "Whitfield said nothing.",
        "Whitfield said there.",
        "The mayor walked past a spokeswoman for the county said to be ill.",
        "“The bridge will reopen in May,” Whitfield said.",
        "“The bridge will reopen in May,” Whitfield said and quickly hung up.",
        "“The bridge will reopen in May,” spokesman Al Bent said happily on the radio.",
        "Whitfield toured the bridge and said little about the repairs.",
        "Whitfield Says Bridge Will Reopen",
        "By Jane Smith",
        "In the morning, the crews closed the bridge.",
        "The crews show up at dawn to close the bridge.",
        "Whitfield hopes to find a way to pay for the bridge.",
        "Whitfield wants a new bridge.",
        "Whitfield knows the county engineers well.",
        "It goes without saying that the bridge is old.",
        "Whitfield won the race by announcing her bid early.",
        "Dana Whitfield, a Republican who has not endorsed a candidate, left early.",
        "The county's plans to reopen the bridge drew praise.",
        "Whitfield told a town hall in Salem.",
        "Whitfield said so again in her speech that night.",
        "Whitfield spoke of it in her speech that night.",
        "A day after Whitfield said them, she apologised.",
        "And then Whitfield showed up.",
        "Whitfield told a cheering throng of supporters at the fairground.",
        "Whitfield told KXL 35 on Monday.",
        "Whitfield said in a film that showed the old bridge.",
        "Councillor Ana Ruiz (D-Elm Park), who has seen the plans but would say nothing about the cost, agreed with that point.",
        "The Times reported late Thursday.",
        // Only a verb of saying (or a passive with its agent) goes before its subject.
        "Dozens of pupils are fed, housed, attacked or robbed while begging.",
    ];
    for text in table {
        assert_eq!(found(text), vec![], "in {text:?}");
    }
}

#[test]
fn a_reported_infinitive_ends_before_the_reporting_clause_that_follows_it() {
    assert_eq!(
        found("It also wants to stop the levy, the lawsuit says."),
        vec![
            (
                "It also wants to stop the levy".to_string(),
                Some("the lawsuit".to_string())
            ),
            ("to stop the levy".to_string(), Some("It".to_string())),
        ]
    );
}

#[test]
fn a_participle_cue_after_the_clause_reports_its_own_content() {
    let got = found("The bridge would reopen, Whitfield said, adding that work starts soon.");
    assert_eq!(
        got.first(),
        Some(&(
            "The bridge would reopen".to_string(),
            Some("Whitfield".to_string())
        ))
    );
    assert!(
        got.iter().any(|(c, _)| c == "that work starts soon"),
        "got {got:?}"
    );
}

#[test]
fn a_participle_cue_after_its_own_comma_takes_only_what_follows_it() {
    let got = found("The board will meet next week, Whitfield said, adding, “They need to talk.”");
    assert_eq!(
        got,
        vec![(
            "The board will meet next week".to_string(),
            Some("Whitfield".to_string())
        )]
    );
}

#[test]
fn the_sheet_lists_a_short_content_inside_another_only_as_part_of_it() {
    use super::without_nested_fragments;
    let text = "Ruiz said Whitfield argued the levy would fail.";
    let all = find_reported(text, &find_quotes(text), &PeopleIndex::default());
    let contents = |v: &[super::Reported]| -> Vec<String> {
        v.iter()
            .map(|r| text[r.content.range()].to_string())
            .collect()
    };
    assert_eq!(
        contents(&all),
        [
            "Whitfield argued the levy would fail",
            "the levy would fail"
        ]
    );
    assert_eq!(
        contents(&without_nested_fragments(text, all)),
        ["Whitfield argued the levy would fail"]
    );
}

#[test]
fn a_source_phrase_naming_someone_the_inference_does_not_hold_is_credited_as_written() {
    use super::sources::written_over_inferred;
    use crate::extract::Speaker;
    use crate::text::Span;
    // (mention, resolved name, inferred, the name credited)
    let table: &[(&str, &str, bool, &str)] = &[
        ("Roe aides", "Ann Lee", true, "Roe aides"),
        (
            "The incoming Roe administration",
            "Ann Lee",
            true,
            "The incoming Roe administration",
        ),
        ("Lee aides", "Ann Lee", true, "Ann Lee"),
        ("Mr. Lee", "Ann Lee", true, "Ann Lee"),
        ("Mr. Lee's", "Ann Lee", true, "Ann Lee"),
        ("the spokeswoman", "Ann Lee", true, "Ann Lee"),
        ("she", "Ann Lee", true, "Ann Lee"),
        ("Roe aides", "Ann Lee", false, "Ann Lee"),
    ];
    for &(mention, name, inferred, credited) in table {
        let speaker = Speaker {
            name: name.to_string(),
            mention: Span::new(0, mention.len()),
            inferred,
        };
        let got = written_over_inferred(mention, &speaker).map_or(speaker.name, |s| s.name);
        assert_eq!(got, credited, "{mention:?} resolved to {name:?}");
    }
}
