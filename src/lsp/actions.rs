//! Quick fixes: edits that are mechanical enough to make for the writer.
//!
//! - jargon (W108) and a word from `[check] words` with an alternative (W110):
//!   replace the words by the plain one (one fix per alternative);
//! - an unknown key with a did-you-mean (E002): rename the key;
//! - any plain-language rule (W1xx): add its name to `[check] allow`.
//!
//! Hype (W109) gets no replacement: its help is advice ("say what will change
//! and by how much"), not a word to put in.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::check::rules;
use crate::diagnostic::{Code, Diagnostic};

/// One fix: a title for the menu and the edits (byte range → new text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Range<usize>, String)>,
    /// The fix an editor may apply without asking ("fix all", a lightbulb's first).
    pub preferred: bool,
}

/// What a diagnostic suggests putting in place of its span.
///
/// This reads the quoted word out of the help text, because the diagnostic
/// carries no structured suggestion yet; when it does, only this function
/// changes.
pub fn suggestions(d: &Diagnostic) -> Vec<String> {
    let Some(help) = d.help.as_deref() else {
        return Vec::new();
    };
    match d.code {
        // "a plain alternative: starta, inleda"
        // The check speaks the deck's language: "ett enklare ord: starta, inleda".
        Code::W108 => help
            .strip_prefix("a plain alternative: ")
            .or_else(|| help.strip_prefix("ett enklare ord: "))
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        // "write “simple” ([check] words)"
        Code::W110 => help
            .strip_prefix("write “")
            .or_else(|| help.strip_prefix("skriv ”"))
            .and_then(|rest| rest.split_once("” ([check] words)"))
            .map(|(word, _)| vec![word.to_string()])
            .unwrap_or_default(),
        // "did you mean `points`?"
        Code::E002 => help
            .strip_prefix("did you mean `")
            .and_then(|rest| rest.strip_suffix("`?"))
            .map(|key| vec![key.to_string()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The fixes for one diagnostic of `source`.
pub fn fixes(d: &Diagnostic, source: &str) -> Vec<Fix> {
    let mut out = Vec::new();
    if let Some(span) = d.span.clone().filter(|s| source.get(s.clone()).is_some()) {
        let found = &source[span.clone()];
        for (i, instead) in suggestions(d).into_iter().enumerate() {
            let (title, instead) = if d.code == Code::E002 {
                (format!("Rename `{found}` to `{instead}`"), instead)
            } else {
                let instead = same_case(found, &instead);
                (format!("Replace “{found}” with “{instead}”"), instead)
            };
            out.push(Fix {
                title,
                edits: vec![(span.clone(), instead)],
                preferred: i == 0,
            });
        }
    }
    if let Some(rule) = d.code.rule()
        && let Some(edit) = allow_edit(source, rule.name)
    {
        out.push(Fix {
            title: format!(
                "Allow {} ({}) in this deck: add it to [check] allow",
                rule.code, rule.name
            ),
            edits: vec![edit],
            preferred: false,
        });
    }
    out
}

/// `instead` written with a capital when `found` starts with one ("Initiera" →
/// "Starta").
fn same_case(found: &str, instead: &str) -> String {
    let upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = instead.chars();
    match chars.next() {
        Some(first) if upper && !first.is_uppercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => instead.to_string(),
    }
}

/// The edit that adds `name` to `[check] allow`: into the array when there is
/// one, as a line under `[check]` when the table has no `allow`, or as a new
/// table at the end of the file. None when the file does not parse, the rule
/// is already there, or `[check]` is written in a form not safe to edit
/// (an inline table).
pub fn allow_edit(source: &str, name: &str) -> Option<(Range<usize>, String)> {
    let root = DeTable::parse(source).ok()?;
    let root = root.get_ref();
    let item = format!("\"{name}\"");
    let Some((_, check)) = root.iter().find(|(k, _)| k.get_ref().as_ref() == "check") else {
        let end = source.len();
        let newline = if source.is_empty() || source.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return Some((end..end, format!("{newline}\n[check]\nallow = [{item}]\n")));
    };
    let DeValue::Table(table) = check.get_ref() else {
        return None;
    };
    match table.iter().find(|(k, _)| k.get_ref().as_ref() == "allow") {
        Some((_, allow)) => {
            let DeValue::Array(items) = allow.get_ref() else {
                return None;
            };
            let already = items.iter().any(|v| match v.get_ref() {
                DeValue::String(s) => rules::lookup(s).is_some_and(|r| r.name == name),
                _ => false,
            });
            if already {
                return None;
            }
            match items.last() {
                Some(last) => {
                    let at = last.span().end;
                    Some((at..at, format!(", {item}")))
                }
                None => {
                    // `[]`: inside the brackets.
                    let span = allow.span();
                    let inner = source.get(span.clone())?;
                    let at = span.start + inner.find('[')? + 1;
                    Some((at..at, item))
                }
            }
        }
        None => {
            let header = check.span();
            if !source.get(header.clone())?.trim_start().starts_with('[') {
                return None;
            }
            let at = source[header.end..]
                .find('\n')
                .map_or(source.len(), |i| header.end + i + 1);
            let newline = if at == source.len() && !source.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            Some((at..at, format!("{newline}allow = [{item}]\n")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(source: &str, (range, text): (Range<usize>, String)) -> String {
        let mut out = source.to_string();
        out.replace_range(range, &text);
        out
    }

    #[test]
    fn allow_goes_into_the_array_the_table_or_a_new_table() {
        let cases = [
            (
                "[deck]\ntitle = \"x\"\n",
                "[deck]\ntitle = \"x\"\n\n[check]\nallow = [\"jargon\"]\n",
            ),
            (
                "[deck]\ntitle = \"x\"",
                "[deck]\ntitle = \"x\"\n\n[check]\nallow = [\"jargon\"]\n",
            ),
            (
                "[check]\nmax_lix = 50\n",
                "[check]\nallow = [\"jargon\"]\nmax_lix = 50\n",
            ),
            ("[check]", "[check]\nallow = [\"jargon\"]\n"),
            ("[check]\nallow = []\n", "[check]\nallow = [\"jargon\"]\n"),
            (
                "[check]\nallow = [\"W109\"]\n",
                "[check]\nallow = [\"W109\", \"jargon\"]\n",
            ),
            (
                "[check]\nallow = [\n  \"hype\",\n]\n",
                "[check]\nallow = [\n  \"hype\", \"jargon\",\n]\n",
            ),
        ];
        for (before, after) in cases {
            let edit = allow_edit(before, "jargon").unwrap_or_else(|| panic!("{before:?}"));
            let fixed = apply(before, edit);
            assert_eq!(fixed, after);
            assert!(DeTable::parse(&fixed).is_ok());
        }
        assert_eq!(allow_edit("[check]\nallow = [\"W108\"]\n", "jargon"), None);
        assert_eq!(allow_edit("check = { max_lix = 3 }\n", "jargon"), None);
        assert_eq!(allow_edit("[check\n", "jargon"), None);
    }

    #[test]
    fn suggestions_are_read_from_the_help() {
        let d = Diagnostic::new(Code::W108, "m").help("a plain alternative: starta, inleda");
        assert_eq!(suggestions(&d), ["starta", "inleda"]);
        let d = Diagnostic::new(Code::W108, "m").help("ett enklare ord: starta, inleda");
        assert_eq!(suggestions(&d), ["starta", "inleda"]);
        let d = Diagnostic::new(Code::W110, "m").help("skriv ”enkel” ([check] words)");
        assert_eq!(suggestions(&d), ["enkel"]);
        let d = Diagnostic::new(Code::E002, "m").help("did you mean `points`?");
        assert_eq!(suggestions(&d), ["points"]);
        let d = Diagnostic::new(Code::W110, "m").help("write “enkel” ([check] words)");
        assert_eq!(suggestions(&d), ["enkel"]);
        let d = Diagnostic::new(Code::W109, "m").help("instead, say what is new");
        assert!(suggestions(&d).is_empty());
        assert_eq!(same_case("Initiera", "starta"), "Starta");
        assert_eq!(same_case("initiera", "starta"), "starta");
    }
}
