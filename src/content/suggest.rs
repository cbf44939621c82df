//! Help for a search that finds little: "Did you mean …?" for small typos (a letter missing,
//! extra, changed or two swapped), and the app's own pages for questions the booklet's words
//! do not answer directly (time limits go to My dates, "what can I do" to the guide).

use super::Booklet;
use std::collections::BTreeMap;

/// The booklet's words, lowercased, of four letters or more, with how often each occurs: what a
/// typo is corrected to (the commoner word when two are as near).
pub fn vocabulary(booklet: &Booklet) -> BTreeMap<String, usize> {
    let mut words = BTreeMap::new();
    for text in booklet.plain_text_blocks() {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= 4 {
                *words.entry(word.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    words
}

/// Edits between two words (insert, delete, change, or swap two neighbours), giving up past
/// `limit`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()].min(limit + 1)
}

/// The query with each word the booklet does not have replaced by the nearest one it has
/// (one edit for words up to 5 letters, two for longer), or `None` when nothing changes.
pub fn did_you_mean(vocabulary: &BTreeMap<String, usize>, query: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = query
        .split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            let known = lower.chars().count() < 4
                || lower.chars().any(|c| !c.is_alphabetic())
                || vocabulary.keys().any(|v| v.starts_with(&lower));
            if known {
                return lower;
            }
            let limit = if lower.chars().count() <= 5 { 1 } else { 2 };
            let best = vocabulary
                .iter()
                .map(|(v, count)| (distance(&lower, v, limit), std::cmp::Reverse(*count), v))
                .filter(|(d, _, _)| *d <= limit)
                .min();
            match best {
                Some((_, _, v)) => {
                    changed = true;
                    v.clone()
                }
                None => lower,
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// The app's pages a search should point to, for questions about time limits or options.
pub fn pages_for(query: &str) -> Vec<(&'static str, &'static str)> {
    // Whole words, or the start of one ("mediat" finds mediation; "date" is not in "update").
    let q = format!(
        " {} ",
        query
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let has = |words: &[&str]| words.iter().any(|w| q.contains(&format!(" {w}")));
    let mut pages = Vec::new();
    if has(&[
        "deadline",
        "time limit",
        "how long",
        "date",
        "late",
        "when",
        "days",
        "weeks",
        "months",
    ]) {
        pages.push(("/dates", "Work out your dates (My dates)"));
    }
    if has(&[
        "what can i do",
        "option",
        "complain",
        "appeal",
        "mediat",
        "disagree",
        "route",
        "help",
    ]) {
        pages.push(("/options", "What can I do? Your routes, step by step"));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::booklet;

    #[test]
    fn small_typos_are_corrected_to_the_booklets_words() {
        let words = vocabulary(booklet());
        assert_eq!(
            did_you_mean(&words, "mediaton").as_deref(),
            Some("mediation")
        );
        assert_eq!(did_you_mean(&words, "apeal").as_deref(), Some("appeal"));
        assert_eq!(
            did_you_mean(&words, "tribnual").as_deref(),
            Some("tribunal")
        );
        assert_eq!(did_you_mean(&words, "complaint"), None, "a word it has");
        assert_eq!(
            did_you_mean(&words, "mediat"),
            None,
            "the start of a word it has"
        );
        assert_eq!(did_you_mean(&words, "xylophone"), None, "nothing near");
        assert_eq!(did_you_mean(&words, "2026"), None, "numbers are left alone");
        assert_eq!(
            did_you_mean(&words, "apeal tribnual").as_deref(),
            Some("appeal tribunal")
        );
    }

    #[test]
    fn edits_are_counted_as_a_parent_makes_them() {
        assert_eq!(distance("apeal", "appeal", 2), 1);
        assert_eq!(
            distance("tribnual", "tribunal", 2),
            1,
            "two letters swapped"
        );
        assert_eq!(
            distance("cat", "dog", 1),
            2,
            "past the limit: the limit and one"
        );
        assert_eq!(distance("same", "same", 1), 0);
    }

    #[test]
    fn questions_about_time_and_options_point_to_the_apps_pages() {
        let hrefs = |q: &str| -> Vec<&str> { pages_for(q).into_iter().map(|(h, _)| h).collect() };
        assert_eq!(
            hrefs("how long do I have to appeal"),
            ["/dates", "/options"]
        );
        assert_eq!(hrefs("deadline"), ["/dates"]);
        assert_eq!(hrefs("what can I do"), ["/options"]);
        assert!(hrefs("contact").is_empty());
        assert!(hrefs("update the plan").is_empty(), "not inside a word");
        assert!(hrefs("adoption").is_empty());
    }
}
