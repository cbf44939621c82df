//! How long each field the parent types may be: one limit per field, shared by the forms (which
//! say so before saving) and by the backup reader (so every backup the app writes, it reads).
//! Generous on purpose: a long letter pasted whole into a summary or a note must fit.

/// A text field of the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    CaseName,
    School,
    Contacts,
    Person,
    Subject,
    Summary,
    Promised,
    PromisedBy,
    KeptWhere,
    NoteTitle,
    NoteBody,
}

impl TextField {
    /// The most characters the field holds.
    pub fn limit(self) -> usize {
        match self {
            TextField::Summary | TextField::NoteBody => 100_000,
            TextField::Promised | TextField::Contacts => 10_000,
            _ => 1_000,
        }
    }

    /// The field's name in a sentence ("the summary").
    pub fn name(self) -> &'static str {
        match self {
            TextField::CaseName => "the name",
            TextField::School => "the school",
            TextField::Contacts => "your contacts",
            TextField::Person => "the person's name",
            TextField::Subject => "what it was about",
            TextField::Summary => "the summary",
            TextField::Promised => "what was promised",
            TextField::PromisedBy => "who promised it",
            TextField::KeptWhere => "where the document is kept",
            TextField::NoteTitle => "the title",
            TextField::NoteBody => "the notes",
        }
    }

    /// `Err(length)` when `text` is longer than the field holds.
    pub fn check(self, text: &str) -> Result<(), usize> {
        let length = text.chars().count();
        if length > self.limit() {
            Err(length)
        } else {
            Ok(())
        }
    }
}

/// The message a form shows for text over its limit.
pub fn too_long_message(field: TextField, length: usize) -> String {
    let name = field.name();
    let mut sentence = name.to_string();
    if let Some(first) = sentence.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    format!(
        "{sentence} must be {} characters or fewer; it has {}. Split it into two, or keep the rest in a note",
        group(field.limit()),
        group(length)
    )
}

/// 100000 as "100,000".
pub fn group(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether an id has the shape the app gives ids: letters, digits, dashes and underscores, at
/// most 100 of them, starting with a letter or digit. Ids appear in addresses and storage
/// keys, so nothing else (no `/`, `?`, `#`, `.`, `:` or `@`) is let in from a backup.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_letter_fits_and_the_limit_is_exact() {
        let letter = "é".repeat(25_000);
        assert_eq!(TextField::Summary.check(&letter), Ok(()));
        let at_limit = "字".repeat(TextField::NoteBody.limit());
        assert_eq!(TextField::NoteBody.check(&at_limit), Ok(()));
        let over = format!("{at_limit}x");
        assert_eq!(TextField::NoteBody.check(&over), Err(100_001));
        assert_eq!(
            too_long_message(TextField::Summary, 100_001),
            "The summary must be 100,000 characters or fewer; it has 100,001. Split it into two, or keep the rest in a note"
        );
    }

    #[test]
    fn ids_have_the_apps_shape() {
        for good in ["case-1", "entry-1733100000000-3f2a", "e1", "note_2"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            "a/b",
            "a?b",
            "a#b",
            "..",
            "../x",
            "a:b",
            "a@b",
            " a",
            "-a",
            &"x".repeat(101),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(100_000), "100,000");
        assert_eq!(group(1_234_567), "1,234,567");
    }
}
