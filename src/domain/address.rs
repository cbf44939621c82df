//! The app's addresses: which page an address shows, with the parts it names (`/records/:case`),
//! and the words after `?`. Plain Rust, tested natively; `crate::router` applies it to the
//! browser's address. (A small table instead of a router library: Leptos's router was about a
//! sixth of the app's code.)

/// A page of the app. The order of [`PATTERNS`] decides nothing: no two patterns match the same
/// address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    GuideIndex,
    GuideSection,
    Dates,
    Options,
    Letters,
    Letter,
    Records,
    Case,
    Timeline,
    LogEntry,
    Note,
    Search,
    Contacts,
    About,
    NotFound,
}

/// Each page's address; `:name` is a part the page reads with [`Params::get`].
pub const PATTERNS: &[(&str, Page)] = &[
    ("", Page::Home),
    ("guide", Page::GuideIndex),
    ("guide/:slug", Page::GuideSection),
    ("dates", Page::Dates),
    ("options", Page::Options),
    ("letters", Page::Letters),
    ("letters/:letter", Page::Letter),
    ("records", Page::Records),
    ("records/:case", Page::Case),
    ("records/:case/timeline", Page::Timeline),
    ("records/:case/log/:entry", Page::LogEntry),
    ("records/:case/notes/:note", Page::Note),
    ("search", Page::Search),
    ("contacts", Page::Contacts),
    ("about", Page::About),
];

/// Named parts of an address, or the words after `?`, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// The value named `key` (the first, if it is given twice).
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The page at `path` (the address without `?` or `#`) and the parts it names. A trailing `/`
/// is ignored, as are empty parts (`/guide//x` is `/guide/x`); a part that cannot be a name
/// (empty) never matches, so `/records/` is the records page.
pub fn page_at(path: &str) -> (Page, Params) {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for (pattern, page) in PATTERNS {
        let wanted: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
        if wanted.len() != parts.len() {
            continue;
        }
        let mut named = Vec::new();
        let fits = wanted
            .iter()
            .zip(&parts)
            .all(|(w, p)| match w.strip_prefix(':') {
                Some(name) => {
                    named.push((name.to_string(), decode(p, false)));
                    true
                }
                None => w == p,
            });
        if fits {
            return (*page, Params(named));
        }
    }
    (Page::NotFound, Params::default())
}

/// The words after `?` (`search` with or without its `?`): `a=1&b=two%20words`.
pub fn query(search: &str) -> Params {
    let search = search.strip_prefix('?').unwrap_or(search);
    Params(
        search
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k, true), decode(v, true))
            })
            .collect(),
    )
}

/// Undoes `%XX` escapes (and `+` for a space in a query). A broken escape is kept as typed, and
/// bytes that are not UTF-8 become U+FFFD, so no address can stop a page from drawing.
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |c: u8| (c as char).to_digit(16);
        if b == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a link to `href` in the site's menu is the page being shown, for `aria-current`: the
/// home link only at `/`, any other when the path is it or below it (`/guide` for `/guide/x`).
pub fn is_current(href: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    if href.is_empty() {
        return path.is_empty();
    }
    path == href
        || path
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_address() {
        let cases = [
            ("/", Page::Home, vec![]),
            ("/guide", Page::GuideIndex, vec![]),
            (
                "/guide/mediation",
                Page::GuideSection,
                vec![("slug", "mediation")],
            ),
            ("/dates", Page::Dates, vec![]),
            ("/options", Page::Options, vec![]),
            ("/letters", Page::Letters, vec![]),
            (
                "/letters/complaint-school",
                Page::Letter,
                vec![("letter", "complaint-school")],
            ),
            ("/records", Page::Records, vec![]),
            ("/records/c1", Page::Case, vec![("case", "c1")]),
            ("/records/c1/timeline", Page::Timeline, vec![("case", "c1")]),
            (
                "/records/c1/log/new",
                Page::LogEntry,
                vec![("case", "c1"), ("entry", "new")],
            ),
            (
                "/records/c1/notes/e9",
                Page::Note,
                vec![("case", "c1"), ("note", "e9")],
            ),
            ("/search", Page::Search, vec![]),
            ("/contacts", Page::Contacts, vec![]),
            ("/about", Page::About, vec![]),
        ];
        for (path, page, named) in cases {
            let (found, params) = page_at(path);
            assert_eq!(found, page, "{path}");
            for (k, v) in named {
                assert_eq!(params.get(k).as_deref(), Some(v), "{path} {k}");
            }
        }
        // Every pattern is in the list above once.
        assert_eq!(PATTERNS.len(), 15);
    }

    #[test]
    fn other_addresses_are_not_found() {
        for path in [
            "/nope",
            "/guide/a/b",
            "/records/c1/log",
            "/records/c1/other/x",
            "/records/c1/timeline/x",
            "/index.html",
            "/Guide",
        ] {
            assert_eq!(page_at(path).0, Page::NotFound, "{path}");
        }
    }

    #[test]
    fn trailing_and_doubled_slashes_are_ignored() {
        assert_eq!(page_at("/guide/").0, Page::GuideIndex);
        assert_eq!(page_at("").0, Page::Home);
        assert_eq!(
            page_at("/records//c1/").1.get("case").as_deref(),
            Some("c1")
        );
        assert_eq!(page_at("/records/").0, Page::Records);
    }

    #[test]
    fn named_parts_are_decoded_but_plus_stays() {
        let (_, params) = page_at("/records/a%20b+c%2Fd");
        assert_eq!(params.get("case").as_deref(), Some("a b+c/d"));
        assert_eq!(params.get("missing"), None);
    }

    #[test]
    fn query_words_are_decoded() {
        let q = query("?q=how%20long+to%20appeal&case=c1&empty=&flag&q=second");
        assert_eq!(q.get("q").as_deref(), Some("how long to appeal"));
        assert_eq!(q.get("case").as_deref(), Some("c1"));
        assert_eq!(q.get("empty").as_deref(), Some(""));
        assert_eq!(q.get("flag").as_deref(), Some(""));
        assert_eq!(q.get("other"), None);
        assert_eq!(query(""), Params::default());
        assert_eq!(query("?"), Params::default());
        assert_eq!(query("a=%C3%A9%E2%80%99").get("a").as_deref(), Some("é’"));
    }

    #[test]
    fn broken_escapes_are_kept_as_typed() {
        assert_eq!(decode("100%", false), "100%");
        assert_eq!(decode("%zz%4", false), "%zz%4");
        assert_eq!(decode("%41%", false), "A%");
        assert_eq!(decode("%FF", false), "\u{FFFD}");
        assert_eq!(decode("", true), "");
    }

    #[test]
    fn menu_links_know_their_page() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/guide"));
        assert!(is_current("/guide", "/guide"));
        assert!(is_current("/guide", "/guide/mediation"));
        assert!(is_current("/guide", "/guide/"));
        assert!(!is_current("/guide", "/guidebook"));
        assert!(is_current("/records", "/records/c1/timeline"));
        assert!(!is_current("/records", "/"));
    }

    /// Every address that can be written from a page and its parts leads back to them.
    #[test]
    fn written_addresses_read_back() {
        for id in ["c1", "case-2", "x_y", "1700000000000-ab"] {
            for (path, page) in [
                (format!("/records/{id}"), Page::Case),
                (format!("/records/{id}/timeline"), Page::Timeline),
                (format!("/records/{id}/log/{id}"), Page::LogEntry),
                (format!("/records/{id}/notes/{id}"), Page::Note),
            ] {
                let (found, params) = page_at(&path);
                assert_eq!(found, page);
                assert_eq!(params.get("case").as_deref(), Some(id));
            }
        }
    }
}
