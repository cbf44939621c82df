//! The changes we made to the booklet's text, kept beside the content in
//! `content/corrections.md` so that the app can show them and the completeness test can check
//! them.

pub const CORRECTIONS_SOURCE: &str = include_str!("../../content/corrections.md");

/// One change to the booklet's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub title: String,
    /// The sentence of the original text that changed.
    pub original: String,
    /// What the app shows instead; empty when the sentence was removed (or kept, with a note).
    pub now: Vec<String>,
    pub why: String,
    /// A note the app shows beside the sentence, which it keeps word for word: where the
    /// booklet's words are loose or out of date. Empty for a fix of the text itself.
    pub note: String,
}

impl Correction {
    /// A note beside the booklet's own words, rather than a change to them.
    pub fn is_note(&self) -> bool {
        !self.note.is_empty()
    }
}

/// Reads every `## ` entry of the corrections file. Lines it does not know are prose, skipped.
pub fn parse_corrections(source: &str) -> Vec<Correction> {
    let mut corrections: Vec<Correction> = Vec::new();
    for line in source.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            corrections.push(Correction {
                title: title.trim().to_string(),
                original: String::new(),
                now: Vec::new(),
                why: String::new(),
                note: String::new(),
            });
            continue;
        }
        let Some(current) = corrections.last_mut() else {
            continue;
        };
        if let Some(text) = line.strip_prefix("original: ") {
            current.original = text.trim().to_string();
        } else if let Some(text) = line.strip_prefix("now: ") {
            current.now.push(text.trim().to_string());
        } else if let Some(text) = line.strip_prefix("why: ") {
            current.why = text.trim().to_string();
        } else if let Some(text) = line.strip_prefix("note: ") {
            current.note = text.trim().to_string();
        }
    }
    corrections
}

pub fn corrections() -> Vec<Correction> {
    parse_corrections(CORRECTIONS_SOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_correction_says_what_changed_and_why() {
        let all = corrections();
        assert!(
            all.len() >= 2,
            "the two corrections the issue names are listed"
        );
        for c in &all {
            assert!(!c.original.is_empty(), "{}: no original", c.title);
            assert!(!c.why.is_empty(), "{}: no reason", c.title);
        }
        assert!(all
            .iter()
            .any(|c| c.original == "You do not need to seek." && c.now.is_empty()));
        assert!(all
            .iter()
            .any(|c| c.original == "Disagreement Resolution" && c.now == ["Mediation"]));
    }

    #[test]
    fn entries_collect_their_lines() {
        let parsed = parse_corrections(
            "intro\noriginal: ignored\n## A\noriginal: x\nnow: y\nnow: z\nwhy: w\n",
        );
        assert_eq!(
            parsed,
            vec![Correction {
                title: "A".into(),
                original: "x".into(),
                now: vec!["y".into(), "z".into()],
                why: "w".into(),
                note: String::new(),
            }]
        );
    }
}
