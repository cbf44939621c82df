//! Every sentence of the original booklet text is in the app, word for word, unless
//! `content/corrections.md` lists it with what stands instead.
//!
//! Both sides are normalised the same way: Markdown punctuation and quotation marks removed,
//! curly apostrophes made straight, whitespace folded. The app's side is the text of the parsed
//! content (what the views render), not the Markdown source.

use send_casebook::content::booklet;
use send_casebook::content::corrections::corrections;

const ORIGINAL: &str = include_str!("../content/booklet.original.txt");

/// Folds the differences that are only presentation: Markdown marks, quotation marks, spacing.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    // Links: keep the text, drop the address.
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| Some((mid, after[mid..].find(')')? + mid)))
        {
            Some((mid, close)) => {
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let cleaned: String = out
        .chars()
        .filter(|c| !matches!(c, '*' | '“' | '”' | '"'))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The original as units: each line is a heading, a list item or a paragraph; each unit split
/// into sentences.
fn original_sentences() -> Vec<String> {
    let mut sentences = Vec::new();
    for line in ORIGINAL.lines() {
        let line = line.trim();
        if line.is_empty() || line == "---" {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        let line = normalise(line);
        if line.is_empty() {
            continue;
        }
        sentences.extend(split_sentences(&line));
    }
    sentences
}

fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for window in chars.windows(2) {
        let ((i, c), (_, next)) = (window[0], window[1]);
        if matches!(c, '.' | '?' | '!') && next == ' ' {
            out.push(text[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last.to_string());
    }
    out
}

/// The app's text, one normalised block a line so that no sentence can match across blocks.
fn bundled_text() -> String {
    booklet()
        .plain_text_blocks()
        .iter()
        .flat_map(|block| block.lines().map(normalise).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_sentence_of_the_original_booklet_is_in_the_app() {
    let bundled = bundled_text();
    let corrections = corrections();
    let mut missing = Vec::new();
    for sentence in original_sentences() {
        if bundled.contains(&sentence) {
            continue;
        }
        match corrections.iter().find(|c| c.original == sentence) {
            Some(correction) => {
                for replacement in &correction.now {
                    assert!(
                        bundled.contains(replacement.as_str()),
                        "correction '{}' says the app shows: {replacement}",
                        correction.title
                    );
                }
            }
            None => missing.push(sentence),
        }
    }
    assert!(
        missing.is_empty(),
        "sentences of the booklet missing from the app:\n{missing:#?}"
    );
}

#[test]
fn the_original_has_the_sentences_we_expect_to_check() {
    // Guards the splitter: if it stopped finding sentences, the test above would pass vacuously.
    let sentences = original_sentences();
    assert!(
        sentences.len() > 100,
        "only {} sentences found",
        sentences.len()
    );
    assert!(sentences.contains(&"The service is free and confidential.".to_string()));
    assert!(sentences.contains(&"Telephone: 0207 359 3635".to_string()));
}

#[test]
fn every_correction_names_a_real_sentence_of_the_original() {
    let sentences = original_sentences();
    for correction in corrections() {
        assert!(
            sentences.contains(&correction.original),
            "correction '{}' names a sentence the original does not have: {}",
            correction.title,
            correction.original
        );
    }
}

#[test]
fn removed_and_replaced_text_is_really_gone_from_the_app() {
    let bundled = bundled_text();
    assert!(!bundled.contains("You do not need to seek."));
    let headings: Vec<&str> = booklet()
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        headings
            .iter()
            .filter(|h| **h == "Disagreement Resolution")
            .count(),
        1
    );
    assert!(headings.contains(&"Mediation"));
}

#[test]
fn a_sentence_dropped_from_the_content_would_be_caught() {
    // The check itself can fail: take one sentence out of the app's text and it is reported.
    let sentence = "The meeting will be arranged within 30 days.";
    let bundled = bundled_text();
    assert!(bundled.contains(sentence));
    assert!(!bundled.replace(sentence, "").contains(sentence));
    assert!(original_sentences().iter().any(|s| s == sentence));
}

#[test]
fn the_out_of_date_ccg_wording_carries_a_dated_note() {
    use send_casebook::content::Block;
    for slug in ["disagreement-resolution", "mediation"] {
        let section = booklet().section(slug).expect("section exists");
        let note = section.blocks.iter().find_map(|b| match b {
            Block::Note(_) if b.plain_text().contains("Clinical Commissioning") => {
                Some(b.plain_text())
            }
            _ => None,
        });
        let note = note.unwrap_or_else(|| panic!("{slug} has no note about CCGs"));
        assert!(
            note.contains("Integrated Care Boards") && note.contains("1 July 2022"),
            "{note}"
        );
    }
}

#[test]
fn each_note_stands_beside_its_sentence_which_is_kept_word_for_word() {
    use send_casebook::content::Block;
    let notes: Vec<_> = corrections().into_iter().filter(|c| c.is_note()).collect();
    assert!(notes.len() >= 5, "the issue's notes are listed");
    for correction in notes {
        let section = booklet()
            .sections
            .iter()
            .find(|s| {
                s.blocks
                    .iter()
                    .any(|b| normalise(&b.plain_text()).contains(&correction.original))
            })
            .unwrap_or_else(|| panic!("'{}' is no longer in the app", correction.original));
        // The note follows the paragraph that holds the sentence (after any other notes).
        let at = section
            .blocks
            .iter()
            .position(|b| normalise(&b.plain_text()).contains(&correction.original))
            .expect("found above");
        let following: Vec<String> = section.blocks[at + 1..]
            .iter()
            .take_while(|b| matches!(b, Block::Note(_)))
            .map(|b| normalise(&b.plain_text()))
            .collect();
        assert!(
            following.contains(&normalise(&correction.note)),
            "'{}': its note does not follow the sentence in {}",
            correction.title,
            section.slug
        );
    }
}
