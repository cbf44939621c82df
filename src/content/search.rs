//! Search across the whole booklet, run on every keystroke, offline.
//!
//! A section matches when every word of the query appears in it (ignoring case; "mediat" finds
//! "mediation"). Results say where the words are: a few excerpts, each split into fragments so
//! the view can wrap the matched words in `<mark>` without ever building HTML from text.

use super::{Booklet, Section};
use crate::domain::sorting;

/// Excerpts shown for one section at most.
const MAX_EXCERPTS: usize = 3;
/// Characters of context shown before the first match in a long excerpt.
const CONTEXT_BEFORE: usize = 60;
/// Longest excerpt, in characters.
const EXCERPT_LENGTH: usize = 220;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit<'a> {
    pub section: &'a Section,
    /// The section title, with the matched words marked.
    pub title: Vec<Fragment>,
    pub excerpts: Vec<Vec<Fragment>>,
    /// How many times the words occur in the section; more is better.
    pub matches: usize,
}

/// A run of text that either is or is not one of the searched-for words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub text: String,
    pub is_match: bool,
}

/// The words of a query: lowercase, split on anything that is not a letter, digit or apostrophe.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = query
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|t| t.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    sorting::sort(&mut terms);
    terms.dedup();
    terms
}

/// Sections matching every word of `query`, best first (most matches, then title matches, then
/// the booklet's order). An empty query finds nothing.
pub fn search<'a>(booklet: &'a Booklet, query: &str) -> Vec<SearchHit<'a>> {
    let terms = query_terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(usize, SearchHit<'a>)> = Vec::new();
    for (order, section) in booklet.sections.iter().enumerate() {
        let units: Vec<String> = section.blocks.iter().flat_map(|b| b.text_units()).collect();
        let whole = format!("{}\n{}", section.title, units.join("\n")).to_lowercase();
        if !terms.iter().all(|t| whole.contains(t.as_str())) {
            continue;
        }
        let title_ranges = match_ranges(&section.title, &terms);
        let mut matches = title_ranges.len() * 2;
        let mut excerpts = Vec::new();
        for unit in &units {
            let ranges = match_ranges(unit, &terms);
            if ranges.is_empty() {
                continue;
            }
            matches += ranges.len();
            if excerpts.len() < MAX_EXCERPTS {
                excerpts.push(excerpt(unit, &ranges));
            }
        }
        hits.push((
            order,
            SearchHit {
                section,
                title: fragments(&section.title, &title_ranges),
                excerpts,
                matches,
            },
        ));
    }
    sorting::sort_by(&mut hits, |(order_a, a), (order_b, b)| {
        b.matches.cmp(&a.matches).then(order_a.cmp(order_b))
    });
    hits.into_iter().map(|(_, hit)| hit).collect()
}

/// Byte ranges of `text` where any of the terms occurs, merged and in order.
pub fn match_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    // Lowercase char by char so that byte offsets map back to the original text exactly.
    let lowered: Vec<(usize, usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, i + c.len_utf8(), c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let mut ranges = Vec::new();
    for term in terms {
        let term: Vec<char> = term.chars().collect();
        if term.is_empty() || term.len() > lowered.len() {
            continue;
        }
        for start in 0..=lowered.len() - term.len() {
            if lowered[start..start + term.len()]
                .iter()
                .zip(&term)
                .all(|((_, _, c), t)| c == t)
            {
                ranges.push((lowered[start].0, lowered[start + term.len() - 1].1));
            }
        }
    }
    sorting::sort(&mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Splits `text` into fragments, marking the given ranges.
pub fn fragments(text: &str, ranges: &[(usize, usize)]) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start > at {
            out.push(Fragment {
                text: text[at..start].to_string(),
                is_match: false,
            });
        }
        out.push(Fragment {
            text: text[start..end].to_string(),
            is_match: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(Fragment {
            text: text[at..].to_string(),
            is_match: false,
        });
    }
    out
}

/// A window of `text` around its first match, cut at word boundaries, with "…" where cut.
fn excerpt(text: &str, ranges: &[(usize, usize)]) -> Vec<Fragment> {
    let first = ranges[0].0;
    let mut start = text[..first]
        .char_indices()
        .rev()
        .nth(CONTEXT_BEFORE)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        // Begin at the next word, not in the middle of one.
        start = text[start..first]
            .find(' ')
            .map_or(start, |space| start + space + 1);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(EXCERPT_LENGTH)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() {
        end = text[..end]
            .rfind(' ')
            .filter(|&space| space > first)
            .unwrap_or(end);
    }
    let window: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| (s - start, e - start))
        .collect();
    let mut out = Vec::new();
    if start > 0 {
        out.push(Fragment {
            text: "…".into(),
            is_match: false,
        });
    }
    out.extend(fragments(&text[start..end], &window));
    if end < text.len() {
        out.push(Fragment {
            text: "…".into(),
            is_match: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::booklet;
    use proptest::prelude::*;

    fn slugs(query: &str) -> Vec<String> {
        search(booklet(), query)
            .iter()
            .map(|h| h.section.slug.clone())
            .collect()
    }

    fn marked(fragments: &[Fragment]) -> Vec<String> {
        fragments
            .iter()
            .filter(|f| f.is_match)
            .map(|f| f.text.clone())
            .collect()
    }

    #[test]
    fn finds_the_mediation_sections_for_a_partial_word() {
        let found = slugs("mediat");
        assert!(found.contains(&"mediation".to_string()));
        assert!(found.contains(&"kids-mediation".to_string()));
        assert!(!found.contains(&"first-steps".to_string()));
    }

    #[test]
    fn every_word_must_appear_in_a_matching_section() {
        assert_eq!(slugs("complaint form"), ["complaints"]);
        assert!(slugs("complaint zebra").is_empty());
    }

    #[test]
    fn case_and_punctuation_in_the_query_do_not_matter() {
        assert_eq!(slugs("SENCO?"), slugs("senco"));
        assert_eq!(slugs("  Tribunal,  "), slugs("tribunal"));
    }

    #[test]
    fn an_empty_or_punctuation_only_query_finds_nothing() {
        assert!(slugs("").is_empty());
        assert!(slugs("  ?! ").is_empty());
    }

    #[test]
    fn a_phone_number_finds_its_contact() {
        assert_eq!(slugs("01438"), ["sen-officers"]);
    }

    #[test]
    fn matched_words_are_marked_in_title_and_excerpts() {
        let hits = search(booklet(), "appeal");
        let appeals = hits
            .iter()
            .find(|h| h.section.slug == "appeals")
            .expect("appeals found");
        assert_eq!(marked(&appeals.title), ["Appeal"]);
        assert!(appeals
            .excerpts
            .iter()
            .all(|e| marked(e).iter().all(|m| m.to_lowercase() == "appeal")));
        assert!(!appeals.excerpts.is_empty());
    }

    #[test]
    fn the_section_with_most_matches_comes_first() {
        assert_eq!(
            slugs("mediation").first().map(String::as_str),
            Some("mediation")
        );
    }

    #[test]
    fn excerpts_of_long_text_are_cut_at_words_with_an_ellipsis() {
        let text = "word ".repeat(100) + "needle " + &"word ".repeat(100);
        let ranges = match_ranges(&text, &["needle".to_string()]);
        let parts = excerpt(&text, &ranges);
        assert_eq!(parts.first().map(|f| f.text.as_str()), Some("…"));
        assert_eq!(parts.last().map(|f| f.text.as_str()), Some("…"));
        let joined: String = parts.iter().map(|f| f.text.as_str()).collect();
        assert!(joined.chars().count() <= EXCERPT_LENGTH + 2);
        assert!(joined.contains("needle"));
        assert_eq!(marked(&parts), ["needle"]);
    }

    #[test]
    fn overlapping_matches_merge_into_one_mark() {
        let ranges = match_ranges("Mediation", &["media".to_string(), "diat".to_string()]);
        assert_eq!(
            ranges,
            vec![(0, 6)],
            "\"media\" and \"diat\" overlap in \"Mediat\""
        );
    }

    proptest! {
        #[test]
        fn fragments_always_rebuild_the_text(text in "\\PC{0,80}", query in "\\PC{0,12}") {
            let ranges = match_ranges(&text, &query_terms(&query));
            let rebuilt: String = fragments(&text, &ranges).into_iter().map(|f| f.text).collect();
            prop_assert_eq!(rebuilt, text);
        }

        #[test]
        fn any_query_is_safe_and_every_hit_contains_every_word(query in "\\PC{0,30}") {
            let terms = query_terms(&query);
            for hit in search(booklet(), &query) {
                let all: String = std::iter::once(hit.section.title.clone())
                    .chain(hit.section.blocks.iter().map(|b| b.plain_text()))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .to_lowercase();
                for term in &terms {
                    prop_assert!(all.contains(term.as_str()));
                }
            }
        }
    }
}
