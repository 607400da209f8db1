use super::*;
use crate::extract::{parse_value, ValueKind};
use ValueKind::*;

/// `(kind, a sentence of a draft, the rule's value, the replacement of the sentence's
/// first value of that kind)`.
const FIXES: &[(ValueKind, &str, &str, &str)] = &[
    // Dates keep their shape: abbreviations, order, ordinals, ISO, case.
    (
        Date,
        "The vote was on Jan. 15, 2025, at noon.",
        "2025-01-14",
        "Jan. 14, 2025",
    ),
    (
        Date,
        "The vote was on January 15, 2025.",
        "2025-01-14",
        "January 14, 2025",
    ),
    (
        Date,
        "The vote was on 15 January 2025.",
        "2025-01-14",
        "14 January 2025",
    ),
    (
        Date,
        "The vote was on 2025-01-15.",
        "2025-01-14",
        "2025-01-14",
    ),
    (
        Date,
        "The vote was on 2025\u{2013}01\u{2013}15.",
        "2025-01-14",
        "2025\u{2013}01\u{2013}14",
    ),
    (
        Date,
        "The vote was on Jan. 15, 2025.",
        "2025-03-14",
        "March 14, 2025",
    ),
    (
        Date,
        "The vote was on Sept. 3, 2024.",
        "2024-10-03",
        "Oct. 3, 2024",
    ),
    (
        Date,
        "The vote was on Jan 15 2025.",
        "2025-03-14",
        "Mar 14 2025",
    ),
    (
        Date,
        "The vote was on January 15th, 2025.",
        "2025-01-22",
        "January 22nd, 2025",
    ),
    (
        Date,
        "The vote was on the 15th of January, 2025.",
        "2025-01-14",
        "14th of January, 2025",
    ),
    (
        Date,
        "The vote was on january 15, 2025.",
        "2025-01-14",
        "january 14, 2025",
    ),
    (
        Date,
        "The vote was in April 2023.",
        "March 2023",
        "March 2023",
    ),
    (
        Date,
        "The vote was on April 2, 2023.",
        "March 2023",
        "March 2023",
    ),
    (
        Date,
        "The vote was in March 2023.",
        "2023-03-14",
        "March 14, 2023",
    ),
    (Date, "The vote was on 2023-04-02.", "2023-03", "2023-03"),
    // Tallies keep their separator and their digits or words.
    (Tally, "The council voted 12-1.", "13-0", "13-0"),
    (
        Tally,
        "The council voted 12\u{2013}1.",
        "13-0",
        "13\u{2013}0",
    ),
    (Tally, "The council voted 12 to 1.", "13-0", "13 to 0"),
    (Tally, "The council voted 12 - 1.", "13-0", "13 - 0"),
    (Tally, "The council voted 12-to-1.", "13-0", "13-to-0"),
    (
        Tally,
        "The council voted twelve-to-one.",
        "13-0",
        "thirteen-to-zero",
    ),
    (
        Tally,
        "Twelve to one, the council voted.",
        "13-0",
        "Thirteen to zero",
    ),
    (Tally, "It passed in a 7-0-1 vote.", "9-0", "9-0-1"),
    // Numbers keep digits or words, grouping and scale.
    (Number, "The board has 14 members.", "15", "15"),
    (Number, "The board has fourteen members.", "15", "fifteen"),
    (
        Number,
        "Fourteen members sit on the board.",
        "25",
        "Twenty-five",
    ),
    (
        Number,
        "The board has twenty five members.",
        "32",
        "thirty two",
    ),
    (
        Number,
        "The board has one hundred and five members.",
        "107",
        "one hundred and seven",
    ),
    (Number, "The city has 1,200 residents.", "1500", "1,500"),
    (Number, "The city has 12 residents.", "1500", "1,500"),
    (Number, "The city has 12000 residents.", "15000", "15000"),
    (
        Number,
        "The city has 1.2 million residents.",
        "1.5 million",
        "1.5 million",
    ),
    (
        Number,
        "The city has 1.2 Million residents.",
        "2 million",
        "2 Million",
    ),
    (Number, "The city has 1.2m residents.", "1500000", "1.5m"),
    (
        Number,
        "The city has five million residents.",
        "6 million",
        "six million",
    ),
    (
        Number,
        "The city has 2.5 residents per home.",
        "2.75",
        "2.75",
    ),
    // Percentages keep `%`, ` percent` or ` per cent`.
    (Percent, "Turnout was 60% of voters.", "55%", "55%"),
    (
        Percent,
        "Turnout was 60 percent of voters.",
        "55%",
        "55 percent",
    ),
    (
        Percent,
        "Turnout was 60 per cent of voters.",
        "55%",
        "55 per cent",
    ),
    (
        Percent,
        "Turnout was sixty percent of voters.",
        "55%",
        "fifty-five percent",
    ),
    (Percent, "Turnout was 60.5% of voters.", "61.25%", "61.25%"),
    // Money keeps its sign and scale; another currency takes the rule's text.
    (Money, "It is a $1.1bn plan.", "$1.2 billion", "$1.2bn"),
    (
        Money,
        "It is a $1.1 billion plan.",
        "$1.2 billion",
        "$1.2 billion",
    ),
    (
        Money,
        "It is a $1,100,000,000 plan.",
        "$1.2 billion",
        "$1,200,000,000",
    ),
    (Money, "It is a $1.1B plan.", "$1.2 billion", "$1.2B"),
    (
        Money,
        "It is a \u{20ac}3 million plan.",
        "\u{20ac}4 million",
        "\u{20ac}4 million",
    ),
    (
        Money,
        "It is a plan of 3 million euros.",
        "\u{20ac}4 million",
        "4 million euros",
    ),
    (Money, "The fee is $5m a year.", "$500,000", "$500,000"),
    (Money, "The fee is $1.50 a ride.", "$2", "$2.00"),
    (
        Money,
        "The fee is five million dollars.",
        "$6 million",
        "six million dollars",
    ),
    (
        Money,
        "It is a \u{20ac}3 million plan.",
        "$4 million",
        "$4 million",
    ),
    // Years.
    (Year, "The rule has held since 1997.", "1979", "1979"),
    (Year, "It began with the 2019-20 season.", "2021", "2021"),
];

/// The replacement a claim of `kind` expecting `rule_value` proposes for the first value
/// of that kind in `sentence`.
fn fix_of(kind: ValueKind, sentence: &str, rule_value: &str) -> Option<String> {
    let expected = parse_value(kind, rule_value).expect("the rule value parses");
    let normalized = normalize(sentence);
    let found = find_values(&normalized.text, kind);
    let first = found.first().expect("the sentence states a value");
    let written = normalized.to_original(first.span);
    let old = &sentence[written.range()];
    candidates(old, &first.value, &expected, rule_value)
        .into_iter()
        .find(|r| reads_as(&normalized.text, first.span, r, &expected))
}

#[test]
fn altered_values_are_written_in_the_drafts_style() {
    let mut failures = Vec::new();
    for &(kind, sentence, rule_value, want) in FIXES {
        let got = fix_of(kind, sentence, rule_value);
        if got.as_deref() != Some(want) {
            failures.push(format!(
                "{kind:?} {sentence:?} ({rule_value}): got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_replacement_that_reads_otherwise_is_refused() {
    // `1300` after `in` is a year, not a number: the plain style would not read back.
    let expected = Value::Number(1300.0);
    assert!(!reads_as(
        "It happened in 12 cases.",
        Span::new(15, 17),
        "1300",
        &expected
    ));
    assert!(reads_as(
        "It happened in 12 cases.",
        Span::new(15, 17),
        "1,300",
        &expected
    ));
    // A value that would end the sentence early is refused.
    let date = parse_value(Date, "2025-01-14").expect("date");
    assert!(!reads_as(
        "Then on X it met.",
        Span::new(8, 9),
        "Jan. 14, 2025. No",
        &date
    ));
}

#[test]
fn numbers_are_spelled_as_english_words() {
    let cases: &[(u64, bool, bool, &str)] = &[
        (0, true, false, "zero"),
        (13, true, false, "thirteen"),
        (25, true, false, "twenty-five"),
        (25, false, false, "twenty five"),
        (105, true, true, "one hundred and five"),
        (105, true, false, "one hundred five"),
        (2023, true, false, "two thousand twenty-three"),
        (2023, true, true, "two thousand and twenty-three"),
        (6_000_000, true, false, "six million"),
        (1_200_000, true, false, "one million two hundred thousand"),
    ];
    for &(n, hyphen, and, want) in cases {
        assert_eq!(spell(n, hyphen, and), want, "{n}");
    }
}

#[test]
fn numbers_in_a_values_text_are_found_with_their_style() {
    let pieces = number_pieces("$1.2 billion");
    assert_eq!(pieces.len(), 1);
    assert_eq!(pieces[0].span, Span::new(1, 12));
    let pieces = number_pieces("twenty-five to one hundred and two");
    let spans: Vec<Span> = pieces.iter().map(|p| p.span).collect();
    assert_eq!(spans, [Span::new(0, 11), Span::new(15, 34)]);
    assert_eq!(
        pieces[1].written,
        Written::Spelled {
            case: Case::Lower,
            hyphen: true,
            and: true
        }
    );
}

proptest::proptest! {
    /// Any whole number written in the style of any other reads back as itself.
    #[test]
    fn whole_numbers_read_back_in_any_style(
        n in 0u64..2_000_000_000,
        like in proptest::sample::select(vec![
            "14", "1,200", "1.2 million", "1.2m", "fourteen", "Twenty five", "5k",
        ]),
    ) {
        let sentence = format!("The city has {like} residents.");
        let normalized = normalize(&sentence);
        let first = find_values(&normalized.text, Number).into_iter().next().expect("a number");
        let expected = Value::Number(n as f64);
        let old = &sentence[normalized.to_original(first.span).range()];
        if let Some(r) = styled(old, &first.value, &expected) {
            proptest::prop_assert!(
                reads_as(&normalized.text, first.span, &r, &expected),
                "{} in the style of {:?} is {:?}", n, like, r
            );
        }
    }
}
