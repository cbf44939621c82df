//! The letters the guide's routes ask for, as content (`content/letters.md`): each with who it
//! goes to, its subject, the fields the parent fills in and its text with `{field}`
//! placeholders. [`fill`] makes the letter from what was typed, or says which fields are still
//! empty; a letter is never shown with a placeholder left in it.

use crate::domain::casebook::Party;
use crate::domain::events::EventKind;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const LETTERS_SOURCE: &str = include_str!("../../content/letters.md");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub id: String,
    pub title: String,
    pub to: String,
    /// Who it goes to, as the log names them.
    pub party: Party,
    /// The key date that sending it is, when it starts a legal clock.
    pub starts: Option<EventKind>,
    pub subject: String,
    /// In the order the form asks.
    pub fields: Vec<Field>,
    pub body: String,
}

/// How a field is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines (a text area).
    Long,
    /// A date, asked as day, month and year and written in words.
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    /// The form control's id: `letter-{id}`.
    pub input_id: String,
    /// Its label ends "(optional)": left empty, its line is left out of the letter.
    pub optional: bool,
}

impl Letter {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

/// Reads the letters file, or says what is wrong with it.
pub fn parse_letters(source: &str) -> Result<Vec<Letter>, Vec<String>> {
    let mut letters: Vec<Letter> = Vec::new();
    let mut errors = Vec::new();
    let mut in_body = false;
    for (number, line) in source.lines().enumerate() {
        if in_body {
            if line == "end" {
                in_body = false;
                if let Some(letter) = letters.last_mut() {
                    letter.body = letter.body.trim_end().to_string();
                }
            } else if let Some(letter) = letters.last_mut() {
                letter.body.push_str(line);
                letter.body.push('\n');
            }
            continue;
        }
        if let Some(id) = line.strip_prefix("## letter ") {
            letters.push(Letter {
                id: id.trim().to_string(),
                title: String::new(),
                to: String::new(),
                party: Party::Other,
                starts: None,
                subject: String::new(),
                fields: Vec::new(),
                body: String::new(),
            });
            continue;
        }
        let Some(letter) = letters.last_mut() else {
            continue;
        };
        if line == "body:" {
            in_body = true;
        } else if let Some(v) = line.strip_prefix("title: ") {
            letter.title = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("to: ") {
            letter.to = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("subject: ") {
            letter.subject = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("party: ") {
            match Party::from_id(v.trim()) {
                Some(party) => letter.party = party,
                None => errors.push(format!("line {}: no party {v}", number + 1)),
            }
        } else if let Some(v) = line.strip_prefix("starts: ") {
            match EventKind::from_id(v.trim()) {
                Some(kind) => letter.starts = Some(kind),
                None => errors.push(format!("line {}: no event kind {v}", number + 1)),
            }
        } else if let Some((kind, rest)) = [
            ("field ", FieldKind::Line),
            ("long ", FieldKind::Long),
            ("date ", FieldKind::Date),
        ]
        .into_iter()
        .find_map(|(prefix, kind)| line.strip_prefix(prefix).map(|rest| (kind, rest)))
        {
            match rest.split_once(": ") {
                Some((id, label)) => letter.fields.push(Field {
                    id: id.trim().to_string(),
                    input_id: format!("letter-{}", id.trim()),
                    optional: label.trim().ends_with("(optional)"),
                    label: label.trim().to_string(),
                    kind,
                }),
                None => errors.push(format!("line {}: a field needs `id: label`", number + 1)),
            }
        }
    }
    if in_body {
        errors.push("a letter's text has no `end` line".to_string());
    }
    for letter in &letters {
        if letter.title.is_empty() || letter.subject.is_empty() || letter.body.is_empty() {
            errors.push(format!(
                "letter {} needs a title, a subject and text",
                letter.id
            ));
        }
        for name in placeholders(&letter.subject).chain(placeholders(&letter.body)) {
            if letter.field(name).is_none() {
                errors.push(format!("letter {}: {{{name}}} is not a field", letter.id));
            }
        }
        for Field { id, .. } in &letter.fields {
            let used = placeholders(&letter.subject)
                .chain(placeholders(&letter.body))
                .any(|name| name == id);
            if !used {
                errors.push(format!("letter {}: field {id} is never used", letter.id));
            }
        }
    }
    if errors.is_empty() {
        Ok(letters)
    } else {
        Err(errors)
    }
}

/// The names between `{` and `}` in `text`.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// The app's letters, read once (the file is checked by the tests; a broken one gives none).
pub fn letters() -> &'static [Letter] {
    static LETTERS: OnceLock<Vec<Letter>> = OnceLock::new();
    LETTERS.get_or_init(|| parse_letters(LETTERS_SOURCE).unwrap_or_default())
}

pub fn letter(id: &str) -> Option<&'static Letter> {
    letters().iter().find(|l| l.id == id)
}

/// A letter made from the parent's words: its subject and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub subject: String,
    pub body: String,
}

/// Puts each value in place of its `{id}`, in one pass over the letter's own text, so that
/// braces the parent typed ("{school}") stay as typed.
fn replace_all(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| values.get(&after[..close]).map(|v| (close, v)))
        {
            Some((close, value)) => {
                out.push_str(value.trim());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Makes the letter, or lists the fields (by id) still empty. An optional field left empty
/// takes its line out of the letter.
pub fn fill(letter: &Letter, values: &BTreeMap<String, String>) -> Result<Filled, Vec<String>> {
    let empty = |f: &&Field| values.get(&f.id).is_none_or(|v| v.trim().is_empty());
    let missing: Vec<String> = letter
        .fields
        .iter()
        .filter(|f| !f.optional)
        .filter(empty)
        .map(|f| f.id.clone())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut body = letter.body.clone();
    for field in letter.fields.iter().filter(|f| f.optional).filter(empty) {
        let placeholder = format!("{{{}}}", field.id);
        body = body
            .lines()
            .filter(|line| line.trim() != placeholder)
            .collect::<Vec<_>>()
            .join("\n");
        body = body.replace(&placeholder, "");
    }
    Ok(Filled {
        subject: replace_all(&letter.subject, values),
        body: replace_all(&body, values),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Letter> {
        parse_letters(LETTERS_SOURCE).unwrap_or_else(|e| panic!("letters.md: {e:?}"))
    }

    #[test]
    fn every_letter_the_routes_ask_for_is_there_and_complete() {
        let ids: Vec<String> = all().into_iter().map(|l| l.id).collect();
        for wanted in [
            "complaint-school",
            "complaint-council",
            "request-assessment",
            "adviser-mediation",
            "adviser-certificate",
            "disagreement-resolution",
            "in-writing",
            "follow-up-promise",
            "chase-reply",
        ] {
            assert!(ids.iter().any(|id| id == wanted), "{wanted}");
        }
        let of = |id: &str| all().into_iter().find(|l| l.id == id).expect("there");
        assert_eq!(of("complaint-council").party, Party::CouncilSenTeam);
        assert_eq!(
            of("request-assessment").starts,
            Some(EventKind::RequestForAssessment)
        );
        assert_eq!(
            of("adviser-certificate").starts,
            Some(EventKind::DeclinedMediation)
        );
        assert_eq!(of("complaint-school").starts, None);
        for letter in all() {
            if let Some(reply) = letter.field("reply-by") {
                assert_eq!(reply.kind, FieldKind::Date, "{}", letter.id);
            }
        }
        let broken =
            parse_letters("## letter x\ntitle: X\nsubject: {a}\nfield b: B\nbody:\nHello {c}\n")
                .expect_err("broken");
        let text = broken.join(" | ");
        assert!(text.contains("no `end` line"), "{text}");
        assert!(text.contains("{a} is not a field") && text.contains("{c} is not a field"));
        assert!(text.contains("field b is never used"));
    }

    #[test]
    fn a_filled_letter_has_no_placeholder_left_and_an_empty_field_is_named() {
        for letter in all() {
            let values: BTreeMap<String, String> = letter
                .fields
                .iter()
                .map(|f| (f.id.clone(), format!("  value of {}  ", f.id)))
                .collect();
            let filled = fill(&letter, &values).expect("every field given");
            for text in [&filled.subject, &filled.body] {
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{}: {text}",
                    letter.id
                );
            }
            for Field { id, .. } in &letter.fields {
                let shown = format!("value of {id}");
                assert!(
                    filled.subject.contains(&shown) || filled.body.contains(&shown),
                    "{}: {id}",
                    letter.id
                );
            }
            let mut one_empty = values.clone();
            let first = letter.fields[0].id.clone();
            one_empty.insert(first.clone(), "   ".into());
            assert_eq!(fill(&letter, &one_empty), Err(vec![first]), "{}", letter.id);
            // An optional field left empty leaves no gap and no placeholder.
            for optional in letter.fields.iter().filter(|f| f.optional) {
                let mut without = values.clone();
                without.remove(&optional.id);
                let filled = fill(&letter, &without).expect("optional");
                assert!(!filled.body.contains('{'), "{}", letter.id);
                assert!(!filled.body.ends_with('\n'), "{}", letter.id);
            }
        }
    }

    #[test]
    fn what_the_parent_types_is_never_read_as_a_placeholder() {
        let letter = all()
            .into_iter()
            .find(|l| l.id == "complaint-school")
            .expect("there");
        let mut values: BTreeMap<String, String> = letter
            .fields
            .iter()
            .map(|f| (f.id.clone(), format!("v-{}", f.id)))
            .collect();
        values.insert("issues".into(), "The {school} said {nothing".into());
        let filled = fill(&letter, &values).expect("filled");
        assert!(filled.body.contains("The {school} said {nothing"));
        assert!(filled.body.contains("v-school gives my child"));
    }

    #[test]
    fn the_complaint_letters_make_the_booklets_five_points() {
        // The booklet: tried to resolve it with the right people; the word "complaint"; every
        // issue; what you want to happen; a reasonable date for a reply.
        for id in ["complaint-school", "complaint-council"] {
            let letter = all().into_iter().find(|l| l.id == id).expect("there");
            let text = format!("{} {}", letter.subject, letter.body).to_lowercase();
            for point in [
                "tried",
                "complaint",
                "{issues}",
                "what i would like to happen",
                "{reply-by}",
            ] {
                assert!(text.contains(point), "{id}: {point}");
            }
        }
    }
}
