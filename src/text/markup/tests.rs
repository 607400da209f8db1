use super::*;

fn view(format: InputFormat, original: &str) -> String {
    let prose = Prose::extract(original, format).expect("extracts");
    prose.text(original).to_string()
}

/// Every construct a Markdown draft may hold, and the prose read from it.
#[test]
fn markdown_prose_table() {
    let cases: &[(&str, &str, &str)] = &[
        ("paragraph", "One two.\n", "One two."),
        (
            "soft breaks join lines",
            "One\ntwo\nthree.\n",
            "One two three.",
        ),
        (
            "heading is its own paragraph",
            "# The vote\nThe council voted.\n",
            "The vote\n\nThe council voted.",
        ),
        (
            "setext heading",
            "Title\n=====\n\nBody.\n",
            "Title\n\nBody.",
        ),
        (
            "emphasis markers go, words stay",
            "A **13-0** vote, *very* _clear_.\n",
            "A 13-0 vote, very clear.",
        ),
        (
            "link text stays, URL goes",
            "See [the vote](https://example.org/v \"t\") today.\n",
            "See the vote today.",
        ),
        (
            "reference links and definitions",
            "See [the record][r].\n\n[r]: https://example.org/r\n",
            "See the record.",
        ),
        (
            "autolinks go",
            "Read <https://example.org> now.\n",
            "Read now.",
        ),
        (
            "images go",
            "Before ![a chart](chart.png) after.\n",
            "Before after.",
        ),
        (
            "fenced code goes",
            "Before.\n\n```yaml\nvote: 12-1\n```\n\nAfter.\n",
            "Before.\n\nAfter.",
        ),
        (
            "indented code goes",
            "Before.\n\n    vote 12-1\n\nAfter.\n",
            "Before.\n\nAfter.",
        ),
        (
            "inline code keeps its text",
            "Run `factcheck` now.\n",
            "Run factcheck now.",
        ),
        (
            "block quote",
            "> “We are clear,”\n> she said.\n",
            "“We are clear,” she said.",
        ),
        (
            "list items are paragraphs",
            "- one\n- two\n  more\n",
            "one\n\ntwo more",
        ),
        (
            "HTML comment goes",
            "Before <!-- a note --> after.\n",
            "Before after.",
        ),
        (
            "inline HTML tags go, their text stays",
            "A <em>very</em>, <span class=\"x\">clear</span> vote.\n",
            "A very, clear vote.",
        ),
        (
            "HTML block keeps its visible text",
            "<div>\nInside the <b>block</b>.\n</div>\n\nAfter.\n",
            "Inside the block.\n\nAfter.",
        ),
        (
            "HTML block inside a block quote",
            "> <div>\n> Quoted <b>block</b>.\n> </div>\n",
            "Quoted block.",
        ),
        (
            "entities are decoded",
            "A 13&ndash;0 vote &amp; &ldquo;yes&rdquo;.\n",
            "A 13\u{2013}0 vote & \u{201C}yes\u{201D}.",
        ),
        (
            "backslash escapes",
            "Not \\*emphasis\\*.\n",
            "Not *emphasis*.",
        ),
        (
            "thematic break separates",
            "One.\n\n---\n\nTwo.\n",
            "One.\n\nTwo.",
        ),
        (
            "front matter goes",
            "---\ntitle: A draft\n---\nBody.\n",
            "Body.",
        ),
        (
            "CRLF line endings",
            "# Title\r\n\r\nOne\r\ntwo.\r\n",
            "Title\n\nOne two.",
        ),
        ("byte-order mark", "\u{FEFF}Body.\n", "Body."),
        (
            "table cells are paragraphs",
            "| vote | year |\n|---|---|\n| 13-0 | 1979 |\n",
            "vote\n\nyear\n\n13-0\n\n1979",
        ),
        (
            "footnotes: the marker goes, the note is a paragraph",
            "Text[^1].\n\n[^1]: The note.\n",
            "Text.\n\nThe note.",
        ),
        (
            "strikethrough keeps its words",
            "A ~~12-1~~ 13-0 vote.\n",
            "A 12-1 13-0 vote.",
        ),
        ("hard break is a space", "One  \ntwo.\n", "One two."),
    ];
    for (name, input, expected) in cases {
        assert_eq!(view(InputFormat::Markdown, input), *expected, "{name}");
    }
}

/// Every construct an HTML draft may hold, and the visible text read from it.
#[test]
fn html_prose_table() {
    let cases: &[(&str, &str, &str)] = &[
        ("paragraphs", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        (
            "inline tags are deleted, not spaced",
            "<p>A <em>very</em>, <a href=\"/x\">clear</a> vote.</p>",
            "A very, clear vote.",
        ),
        ("inside a word", "<p>AT<b>&amp;</b>T</p>", "AT&T"),
        (
            "whitespace collapses",
            "<p>One\n   two\r\n\tthree.</p>",
            "One two three.",
        ),
        (
            "head, title, script and style go",
            "<html><head><title>Title</title><style>p{color:red}</style>\
             <script>var a = \"<p>no</p>\";</script></head><body><p>Body.</p></body></html>",
            "Body.",
        ),
        (
            "comments and doctype go",
            "<!DOCTYPE html><!-- note --><p>Body.</p>",
            "Body.",
        ),
        (
            "attributes with > in quotes",
            "<p title=\"a > b\" data-x='c>d'>Body.</p>",
            "Body.",
        ),
        (
            "block elements break paragraphs",
            "<h1>Title</h1><div>One</div>Two<br>Three<ul><li>a</li><li>b</li></ul>",
            "Title\n\nOne\n\nTwo\n\nThree\n\na\n\nb",
        ),
        (
            "typographic entities",
            "<p>&ldquo;We&rsquo;re here&rdquo; &mdash; 13&ndash;0&hellip;&nbsp;ok</p>",
            "\u{201C}We\u{2019}re here\u{201D} \u{2014} 13\u{2013}0\u{2026}\u{A0}ok",
        ),
        (
            "numeric entities",
            "<p>&#8220;x&#x201D; &#146; &#233; &#0;</p>",
            "\u{201C}x\u{201D} \u{2019} \u{E9} \u{FFFD}",
        ),
        (
            "unknown or unterminated entities stay",
            "<p>&bogus; &amp &; a & b</p>",
            "&bogus; &amp &; a & b",
        ),
        (
            "a < that opens no tag",
            "<p>3 < 4 and 5 <= 6</p>",
            "3 < 4 and 5 <= 6",
        ),
        (
            "unclosed tag runs to the end",
            "<p>Body.</p><p class=\"x",
            "Body.",
        ),
        ("unclosed script", "<p>Body.</p><script>never", "Body."),
        (
            "q elements get the quote marks a browser shows",
            "<p><q>We will <q>not</q> comply,</q> she said.</p>",
            "\u{201C}We will \u{2018}not\u{2019} comply,\u{201D} she said.",
        ),
        (
            "script close tag in any case",
            "<SCRIPT>x</ScRiPt><P>Body.</P>",
            "Body.",
        ),
    ];
    for (name, input, expected) in cases {
        assert_eq!(view(InputFormat::Html, input), *expected, "{name}");
    }
}

#[test]
fn plain_text_is_its_own_prose() {
    let text = "One.\n\nTwo <!-- a note -->.\n";
    let prose = Prose::extract(text, InputFormat::Text).expect("extracts");
    assert!(prose.is_verbatim());
    assert_eq!(prose.text(text), text);
}

#[test]
fn plain_text_suppression_comments_are_taken_out_with_their_line() {
    let text = "One.\n<!-- factcheck-ignore council-vote -->\nTwo.\nThree.\n";
    let prose = Prose::extract(text, InputFormat::Text).expect("extracts");
    assert_eq!(prose.text(text), "One.\nTwo.\nThree.\n");
    assert_eq!(prose.suppressions.len(), 1);
    let s = &prose.suppressions[0];
    assert_eq!(s.rules[0].name, "council-vote");
    assert_eq!(&text[s.rules[0].span.range()], "council-vote");
    let SuppressionScope::Block(Some(block)) = s.scope else {
        panic!("a block scope: {:?}", s.scope);
    };
    assert_eq!(&text[block.range()], "Two.");
}

/// Suppression comments: their rules, positions and scopes in each format.
#[test]
fn suppression_scopes_table() {
    let cases: &[(InputFormat, &str, &[&str], Option<&str>)] = &[
        (
            InputFormat::Markdown,
            "One.\n\n<!-- factcheck-ignore a b -->\nTwo\nlines.\n\nThree.\n",
            &["a", "b"],
            Some("Two\nlines."),
        ),
        (
            InputFormat::Markdown,
            "One.\n\nTwo <!-- factcheck-ignore ls/a,b --> here.\n\nThree.\n",
            &["ls/a", "b"],
            Some("Two <!-- factcheck-ignore ls/a,b --> here."),
        ),
        (
            InputFormat::Html,
            "<p>One.</p>\n<!-- factcheck-ignore a -->\n<p>Two.</p><p>Three.</p>",
            &["a"],
            Some("Two."),
        ),
        (
            InputFormat::Html,
            "<p>One.</p><!-- factcheck-ignore a -->",
            &["a"],
            None,
        ),
        (
            InputFormat::Text,
            "One.\n\nTwo <!--factcheck-ignore a--> here.\n",
            &["a"],
            Some("Two <!--factcheck-ignore a--> here."),
        ),
    ];
    for (format, input, rules, block) in cases {
        let prose = Prose::extract(input, *format).expect("extracts");
        assert_eq!(prose.suppressions.len(), 1, "{input}");
        let s = &prose.suppressions[0];
        let names: Vec<&str> = s.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, *rules, "{input}");
        for r in &s.rules {
            assert_eq!(&input[r.span.range()], r.name, "{input}");
        }
        match s.scope {
            SuppressionScope::Block(got) => {
                assert_eq!(got.map(|g| &input[g.range()]), *block, "{input}")
            }
            SuppressionScope::File => panic!("block scope expected: {input}"),
        }
    }
}

#[test]
fn file_suppressions_and_non_directives() {
    let input = "<!-- factcheck-ignore-file unverified -->\n\nBody <!-- factcheck-ignored x -->.\n";
    let prose = Prose::extract(input, InputFormat::Markdown).expect("extracts");
    assert_eq!(prose.suppressions.len(), 1);
    assert_eq!(prose.suppressions[0].scope, SuppressionScope::File);
    assert_eq!(prose.suppressions[0].rules[0].name, "unverified");
}

#[test]
fn a_suppression_naming_no_rule_is_an_error() {
    for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html] {
        let input = "<p>One.</p>\n\n<!-- factcheck-ignore -->\n\n<p>Two.</p>\n";
        let err = Prose::extract(input, format).expect_err("no rule named");
        assert!(err.message.contains("names no rule"), "{err}");
        assert_eq!(&input[err.offset..err.offset + 16], "factcheck-ignore");
    }
}

/// Front matter: flow and block style, other keys ignored, positions of the names.
#[test]
fn front_matter_rulesets_table() {
    let cases: &[(&str, Option<&[&str]>)] = &[
        ("---\ntitle: x\n---\nBody.\n", None),
        (
            "---\nfactcheck: {rules: [la-sanctuary-city]}\n---\nBody.\n",
            Some(&["la-sanctuary-city"]),
        ),
        (
            "---\ntitle: x\nfactcheck:\n  rules:\n    - one\n    - \"two\"\n---\nBody.\n",
            Some(&["one", "two"]),
        ),
        (
            "\u{FEFF}---\r\nfactcheck:\r\n  rules: [one]\r\n---\r\nBody.\r\n",
            Some(&["one"]),
        ),
        ("No front matter.\n\n---\nfactcheck: x\n\nBody.\n", None),
    ];
    for (input, expected) in cases {
        let prose = Prose::extract(input, InputFormat::Markdown).expect("extracts");
        let got: Option<Vec<&str>> = prose
            .front_matter_rulesets
            .as_ref()
            .map(|v| v.iter().map(|n| n.name.as_str()).collect());
        assert_eq!(got.as_deref(), *expected, "{input}");
        for n in prose.front_matter_rulesets.iter().flatten() {
            assert_eq!(&input[n.span.range()], n.name, "{input}");
        }
        assert!(prose.text(input).ends_with("Body."), "{input}");
    }
}

#[test]
fn bad_front_matter_is_an_error_at_its_position() {
    let input = "---\nfactcheck:\n  rules: [one\n---\nBody.\n";
    let err = Prose::extract(input, InputFormat::Markdown).expect_err("bad YAML");
    assert!(err.message.contains("front matter"), "{err}");
    assert!(err.offset >= 4 && err.offset <= input.len(), "{err:?}");
    let input = "---\nfactcheck:\n  ruless: [one]\n---\nBody.\n";
    let err = Prose::extract(input, InputFormat::Markdown).expect_err("unknown key");
    assert!(err.message.contains("ruless"), "{err}");
}

#[test]
fn spans_map_back_to_the_original() {
    let input = "<p>A <em>13&ndash;0</em> vote, &ldquo;yes&rdquo;.</p>";
    let prose = Prose::extract(input, InputFormat::Html).expect("extracts");
    let text = prose.text(input);
    let at = text.find("13").expect("in view");
    let span = prose.to_original(Span::new(at, at + "13\u{2013}0".len()));
    assert_eq!(&input[span.range()], "13&ndash;0");
    let at = text.find('\u{201C}').expect("in view");
    let end = text.find('\u{201D}').expect("in view") + 3;
    let span = prose.to_original(Span::new(at, end));
    assert_eq!(&input[span.range()], "&ldquo;yes&rdquo;");
    let span = prose.to_original(Span::new(text.len(), text.len()));
    assert_eq!(span, Span::new(input.len(), input.len()));
}

proptest::proptest! {
    /// Every character of the view maps back to a span of the original on character
    /// boundaries, in order, for any input in any format.
    #[test]
    fn every_prose_offset_maps_onto_char_boundaries(
        original in "(?s)[a-z .*_`#>\\-\\[\\]()<>/!&;=\"'\n\r\u{a0}\u{2019}é漢]{0,120}|(<p>|</p>|<em>|</em>|<br>|<!-- factcheck-ignore a -->|<script>|</script>|&ldquo;|&#8217;|&amp;|&bogus;|\\*\\*|```\n|\n\n|- |> |word|é|漢| ){0,40}",
        format in proptest::sample::select(vec![InputFormat::Text, InputFormat::Markdown, InputFormat::Html]),
    ) {
        let Ok(prose) = Prose::extract(&original, format) else {
            return Ok(());
        };
        let text = prose.text(&original);
        let mut last_start = 0;
        for (i, c) in text.char_indices() {
            let span = prose.to_original(Span::new(i, i + c.len_utf8()));
            proptest::prop_assert!(span.start <= span.end && span.end <= original.len(), "{span:?}");
            proptest::prop_assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
            proptest::prop_assert!(span.start >= last_start, "in order");
            last_start = span.start;
            if !c.is_whitespace() {
                // A visible character comes from original bytes that are not empty.
                proptest::prop_assert!(!span.is_empty(), "{c:?} at {i}");
            }
        }
        // Whole-view and empty spans map inside the original too.
        let whole = prose.to_original(Span::new(0, text.len()));
        proptest::prop_assert!(whole.end <= original.len());
        for s in &prose.suppressions {
            for r in &s.rules {
                proptest::prop_assert_eq!(&original[r.span.range()], r.name.as_str());
            }
        }
    }
}
