//! Verb forms for the reporting-verb lexicon: the -s, -ed and -ing forms of a verb by
//! the English spelling rules, the base an inflected form comes from, and the list of
//! verbs of saying (`data/verbs_of_saying.txt`) read into forms.

/// The -s, -ed and -ing forms of a regular verb (`gush` → `gushes`, `gushed`,
/// `gushing`; `reply` → `replies`, `replied`, `replying`; `declare` → `declares`,
/// `declared`, `declaring`).
pub(super) fn regular_forms(base: &str) -> [String; 3] {
    let consonant_y = base.len() >= 2
        && base.ends_with('y')
        && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let stem_y = &base[..base.len().saturating_sub(1)];
    let third = if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        format!("{base}es")
    } else if consonant_y {
        format!("{stem_y}ies")
    } else {
        format!("{base}s")
    };
    let past = if base.ends_with('e') {
        format!("{base}d")
    } else if consonant_y {
        format!("{stem_y}ied")
    } else {
        format!("{base}ed")
    };
    let ing = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !["ee", "ye", "oe"].iter().any(|e| base.ends_with(e)) {
        format!("{stem_y}ing")
    } else {
        format!("{base}ing")
    };
    [third, past, ing]
}

/// The -ed and -ing forms of a verb that doubles its last consonant (`quip` →
/// `quipped`, `quipping`).
fn doubled_forms(base: &str) -> Option<[String; 2]> {
    let last = base.chars().last()?;
    (last.is_ascii_alphabetic() && !"aeiouwxy".contains(last))
        .then(|| [format!("{base}{last}ed"), format!("{base}{last}ing")])
}

/// Bases an inflected form may come from, most likely first by spelling alone
/// (`declared` → `declare`, `declar`); each gives `form` back among its forms.
pub(super) fn base_candidates(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s.len() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    };
    // Consonants that double before -ed and -ing (`quipped`, `rebutted`; not `stressed`).
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && b"bdgmnprt".contains(&b[b.len() - 1]))
            .then(|| stem[..stem.len() - 1].into())
    };
    if let Some(stem) = form.strip_suffix("ies") {
        push(format!("{stem}y"));
    }
    if let Some(stem) = form.strip_suffix("es") {
        push(stem.to_string());
    }
    if let Some(stem) = form.strip_suffix('s') {
        push(stem.to_string());
    }
    if let Some(stem) = form.strip_suffix("ied") {
        push(format!("{stem}y"));
    }
    if let Some(stem) = form.strip_suffix("ed") {
        if let Some(u) = undouble(stem) {
            push(u);
        }
        push(format!("{stem}e"));
        push(stem.to_string());
    }
    if let Some(stem) = form.strip_suffix("ying") {
        push(format!("{stem}ie"));
    }
    if let Some(stem) = form.strip_suffix("ing") {
        if let Some(u) = undouble(stem) {
            push(u);
        }
        push(stem.to_string());
        push(format!("{stem}e"));
    }
    out.retain(|base| {
        regular_forms(base).contains(&form.to_string())
            || doubled_forms(base).is_some_and(|d| d.contains(&form.to_string()))
    });
    out
}

/// The -s, -ed and -ing forms of the base that `form` most likely comes from: of the
/// [`base_candidates`], the one whose forms occur most often by `frequency` (how often
/// a word occurs in the text the form was read from), ties to spelling order. A base
/// that doubles its consonant (`quipped`) gets its doubled forms.
pub(super) fn sibling_forms(form: &str, frequency: impl Fn(&str) -> usize) -> Vec<String> {
    let mut best: Option<(usize, Vec<String>)> = None;
    for base in base_candidates(form) {
        let regular = regular_forms(&base);
        let mut readings = vec![regular.to_vec()];
        if let Some([ed, ing]) = doubled_forms(&base) {
            readings.push(vec![regular[0].clone(), ed, ing]);
        }
        for forms in readings {
            if !forms.iter().any(|f| f == form) {
                continue;
            }
            let support = forms.iter().map(|f| frequency(f)).sum::<usize>() + frequency(&base);
            if best.as_ref().is_none_or(|(s, _)| support > *s) {
                best = Some((support, forms));
            }
        }
    }
    best.map(|(_, forms)| forms).unwrap_or_default()
}

/// The forms of every verb of a verb list in the format of `data/verbs_of_saying.txt`:
/// a base alone gives its regular -s, -ed and -ing forms; a line of several words gives
/// exactly those; a leading `=` adds the bare base form. `#` starts a comment.
pub(super) fn list_forms(list: &str) -> Vec<String> {
    let mut forms = Vec::new();
    for line in list.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some(first) = line.split_whitespace().next() else {
            continue;
        };
        let bare = first.starts_with('=');
        let words: Vec<&str> = line
            .trim_start_matches('=')
            .split_whitespace()
            .map(str::trim)
            .collect();
        match words.as_slice() {
            [base] => {
                if bare {
                    forms.push(base.to_string());
                }
                forms.extend(regular_forms(base));
            }
            [base, rest @ ..] => {
                if bare {
                    forms.push(base.to_string());
                }
                forms.extend(rest.iter().map(|w| w.to_string()));
            }
            [] => {}
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms_table() {
        let table: &[(&str, [&str; 3])] = &[
            ("gush", ["gushes", "gushed", "gushing"]),
            ("fume", ["fumes", "fumed", "fuming"]),
            ("declare", ["declares", "declared", "declaring"]),
            ("reply", ["replies", "replied", "replying"]),
            ("say", ["says", "sayed", "saying"]),
            ("echo", ["echoes", "echoed", "echoing"]),
            ("deflect", ["deflects", "deflected", "deflecting"]),
            ("agree", ["agrees", "agreed", "agreeing"]),
            ("vie", ["vies", "vied", "vying"]),
            ("advise", ["advises", "advised", "advising"]),
        ];
        for (base, want) in table {
            assert_eq!(regular_forms(base), want.map(String::from), "for {base}");
        }
    }

    #[test]
    fn a_form_finds_its_siblings() {
        // How often each word occurs in an imagined text: the base whose forms occur
        // wins where the spelling allows two.
        let counts = |w: &str| match w {
            "declares" | "declaring" | "fuming" | "shouts" | "refers" | "referred" => 3,
            _ => 0,
        };
        let table: &[(&str, &[&str])] = &[
            ("declared", &["declares", "declared", "declaring"]),
            ("gushed", &["gushes", "gushed", "gushing"]),
            ("fumed", &["fumes", "fumed", "fuming"]),
            ("quipped", &["quips", "quipped", "quipping"]),
            ("replied", &["replies", "replied", "replying"]),
            (
                "acknowledges",
                &["acknowledges", "acknowledged", "acknowledging"],
            ),
            ("advises", &["advises", "advised", "advising"]),
            ("shouting", &["shouts", "shouted", "shouting"]),
            ("refers", &["refers", "referred", "referring"]),
        ];
        for (form, want) in table {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(sibling_forms(form, counts), want, "for {form}");
        }
    }

    #[test]
    fn list_lines() {
        let list =
            "# comment\n=say says said saying\ngush\nquip quips quipped quipping # doubled\n\n";
        assert_eq!(
            list_forms(list),
            [
                "gushed", "gushes", "gushing", "quipped", "quipping", "quips", "said", "say",
                "saying", "says"
            ]
        );
    }
}
