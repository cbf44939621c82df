//! The correspondence log as the case page shows it: filtered by party, method, dates and
//! words, sorted either way, with an index that keeps each keystroke in the search box cheap.

use super::casebook::{Case, LogEntry, Method, Party};
use super::sorting;
use chrono::NaiveDate;
#[cfg(test)]
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// How the log is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// The log's filters, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub text: String,
    pub party: Option<Party>,
    pub method: Option<Method>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: SortOrder,
}

/// The searchable text of each of a case's entries, lowercased once, and the entries' order by
/// date, so that each keystroke in the search box only scans (no lowercasing, no sorting). Built
/// when the case changes, not on every keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogIndex {
    lowercase: Vec<String>,
    /// Positions in `case.entries`, oldest first (date, time, change time; ties in list order).
    oldest_first: Vec<usize>,
}

impl LogIndex {
    pub fn new(case: &Case) -> Self {
        let lowercase = case
            .entries
            .iter()
            .map(|e| {
                let fields = [
                    &e.subject,
                    &e.summary,
                    &e.person,
                    &e.promised,
                    &e.promised_by,
                    &e.kept_where,
                ];
                let mut text = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
                for field in fields {
                    if field.is_ascii() {
                        text.extend(field.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        text.push_str(&field.to_lowercase());
                    }
                    text.push('\n');
                }
                text
            })
            .collect();
        let mut oldest_first: Vec<usize> = (0..case.entries.len()).collect();
        sorting::sort_by_key(&mut oldest_first, |&i| {
            let e = &case.entries[i];
            (e.date, e.time, e.updated)
        });
        LogIndex {
            lowercase,
            oldest_first,
        }
    }
}

/// The live entries of a case that pass the filter, in the chosen order. The page keeps a
/// [`LogIndex`] between keystrokes and calls [`filter_log_indexed`]; this builds one for a call.
pub fn filter_log<'a>(case: &'a Case, filter: &LogFilter) -> Vec<&'a LogEntry> {
    filter_log_indexed(case, &LogIndex::new(case), filter)
}

/// The same as [`filter_log`], using an index built from the same case.
pub fn filter_log_indexed<'a>(
    case: &'a Case,
    index: &LogIndex,
    filter: &LogFilter,
) -> Vec<&'a LogEntry> {
    if index.lowercase.len() != case.entries.len() {
        return filter_log(case, filter);
    }
    let words: Vec<String> = filter
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut entries: Vec<&LogEntry> = index
        .oldest_first
        .iter()
        .map(|&i| (&case.entries[i], &index.lowercase[i]))
        .filter(|(e, text)| {
            !e.deleted
                && passes_fields(e, filter)
                && words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|(e, _)| e)
        .collect();
    if filter.sort == SortOrder::NewestFirst {
        entries.reverse();
    }
    entries
}

fn passes_fields(e: &LogEntry, filter: &LogFilter) -> bool {
    filter.party.is_none_or(|p| e.party == p)
        && filter.method.is_none_or(|m| e.method == m)
        && filter.from.is_none_or(|from| e.date >= from)
        && filter.to.is_none_or(|to| e.date <= to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::casebook::tests::{case, d, entry};
    use proptest::prelude::*;

    proptest! {
        /// The indexed search (entries put in date order once, when the case changes) gives
        /// exactly what filtering and then sorting every time gives: the same entries, in the
        /// same order, ties included, both ways round.
        #[test]
        fn the_indexed_log_is_the_filtered_then_sorted_log(
            rows in proptest::collection::vec(
                (0i64..40, proptest::option::of(0u32..3), 0i64..5, 0usize..3, any::<bool>(), any::<bool>()),
                0..60,
            ),
            word in proptest::option::of(0usize..3),
            party in proptest::option::of(0usize..3),
            newest_first in any::<bool>(),
        ) {
            const WORDS: [&str; 3] = ["therapy", "transport", "Review"];
            const PARTIES: [Party; 3] = [Party::School, Party::Senco, Party::CouncilSenTeam];
            let entries: Vec<LogEntry> = rows
                .iter()
                .enumerate()
                .map(|(i, &(day, hour, updated, p, mention, deleted))| {
                    let mut e = entry(&format!("e{i}"), d(2025, 1, 1) + chrono::Duration::days(day), updated);
                    e.time = hour.map(|h| NaiveTime::from_hms_opt(9 + h, 0, 0).expect("a time"));
                    e.party = PARTIES[p];
                    e.deleted = deleted;
                    if mention {
                        e.summary = format!("About {} and more", WORDS[i % 3]);
                    }
                    e
                })
                .collect();
            let c = case("k", entries);
            let filter = LogFilter {
                text: word.map(|w| WORDS[w].to_uppercase()).unwrap_or_default(),
                party: party.map(|p| PARTIES[p]),
                sort: if newest_first { SortOrder::NewestFirst } else { SortOrder::OldestFirst },
                ..LogFilter::default()
            };
            let needle = filter.text.to_lowercase();
            let mut expected: Vec<&LogEntry> = c
                .live_entries()
                .filter(|e| filter.party.is_none_or(|p| e.party == p))
                .filter(|e| e.subject.to_lowercase().contains(&needle) || e.summary.to_lowercase().contains(&needle))
                .collect();
            expected.sort_by_key(|e| (e.date, e.time, e.updated));
            if newest_first {
                expected.reverse();
            }
            let ids = |list: &[&LogEntry]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
            prop_assert_eq!(ids(&filter_log(&c, &filter)), ids(&expected));
            let index = LogIndex::new(&c);
            prop_assert_eq!(ids(&filter_log_indexed(&c, &index, &filter)), ids(&expected));
        }
    }

    #[test]
    fn the_log_filters_by_party_method_dates_and_words_and_sorts() {
        let mut a = entry("a", d(2025, 6, 1), 1);
        a.subject = "Speech therapy sessions".into();
        a.party = Party::Senco;
        let mut b = entry("b", d(2025, 6, 30), 2);
        b.summary = "Final plan arrived; therapy is missing".into();
        let mut c = entry("c", d(2025, 7, 3), 3);
        c.method = Method::Email;
        let k = case("k", vec![a, b, c]);
        let ids = |f: &LogFilter| {
            filter_log(&k, f)
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&LogFilter::default()), ["c", "b", "a"]);
        assert_eq!(
            ids(&LogFilter {
                sort: SortOrder::OldestFirst,
                ..LogFilter::default()
            }),
            ["a", "b", "c"]
        );
        assert_eq!(
            ids(&LogFilter {
                text: "THERAPY".into(),
                ..LogFilter::default()
            }),
            ["b", "a"]
        );
        assert_eq!(
            ids(&LogFilter {
                text: "therapy missing".into(),
                ..LogFilter::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&LogFilter {
                party: Some(Party::Senco),
                ..LogFilter::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(&LogFilter {
                method: Some(Method::Email),
                ..LogFilter::default()
            }),
            ["c"]
        );
        assert_eq!(
            ids(&LogFilter {
                from: Some(d(2025, 6, 2)),
                to: Some(d(2025, 7, 1)),
                ..LogFilter::default()
            }),
            ["b"]
        );
    }
}
