//! The Hertfordshire SENDIASS booklet as typed data.
//!
//! The words live in `content/booklet.md` (a small, strict Markdown subset described in
//! [`parse`]) and are compiled into the app. This module owns the types the views render,
//! the parser that builds them, the booklet search, and the list of corrections we made to
//! the text that came out of the PDF. Nothing here touches the browser.

pub mod corrections;
pub mod letters;
pub mod parse;
pub mod routes;
pub mod search;
pub mod suggest;

use std::sync::LazyLock;

/// The booklet source, exactly as kept in the repository.
pub const BOOKLET_SOURCE: &str = include_str!("../../content/booklet.md");

/// The booklet, parsed once on first use.
///
/// The source is part of the build and a native test parses it, so a parse error here means the
/// build itself is broken, not that a user did something wrong.
pub fn booklet() -> &'static Booklet {
    static BOOKLET: LazyLock<Booklet> = LazyLock::new(|| {
        parse::parse_booklet(BOOKLET_SOURCE)
            .unwrap_or_else(|error| panic!("content/booklet.md does not parse: {error}"))
    });
    &BOOKLET
}

/// The whole guide: its title, who wrote it, and its sections in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booklet {
    pub title: String,
    pub publisher: String,
    pub intro: Vec<Inline>,
    pub sections: Vec<Section>,
}

impl Booklet {
    pub fn section(&self, slug: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.slug == slug)
    }

    /// The section before and after `slug`, for "previous / next" links.
    pub fn neighbours(&self, slug: &str) -> (Option<&Section>, Option<&Section>) {
        let Some(index) = self.sections.iter().position(|s| s.slug == slug) else {
            return (None, None);
        };
        let previous = index.checked_sub(1).and_then(|i| self.sections.get(i));
        (previous, self.sections.get(index + 1))
    }

    /// Every phone number and email address in the guide, with the heading it stands under.
    pub fn contacts(&self) -> Vec<Contact> {
        let mut contacts: Vec<Contact> = Vec::new();
        for section in &self.sections {
            let mut heading = section.title.clone();
            for block in &section.blocks {
                if let Block::Heading(text) = block {
                    heading = text.trim_end_matches(':').to_string();
                }
                for link in block.links() {
                    let Some(kind) = link.kind() else { continue };
                    match contacts.iter_mut().find(|c| c.name == heading) {
                        Some(contact) => contact.links.push((kind, link.clone())),
                        None => contacts.push(Contact {
                            name: heading.clone(),
                            section_slug: section.slug.clone(),
                            links: vec![(kind, link.clone())],
                        }),
                    }
                }
            }
        }
        contacts
    }

    /// All the words a reader sees, block by block, for completeness checks.
    pub fn plain_text_blocks(&self) -> Vec<String> {
        let mut blocks = vec![
            self.title.clone(),
            self.publisher.clone(),
            inline_text(&self.intro),
        ];
        for section in &self.sections {
            blocks.push(section.title.clone());
            blocks.extend(section.blocks.iter().map(Block::plain_text));
        }
        blocks
    }
}

/// One page of the guide, reachable at `/guide/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub slug: String,
    pub title: String,
    /// A one-line description for the list of sections (our words, not the booklet's).
    pub summary: String,
    pub blocks: Vec<Block>,
}

/// A block of text inside a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    /// A quotation from the SEND Code of Practice, with the paragraph it comes from.
    Quote {
        blocks: Vec<Block>,
        paragraph: String,
    },
    /// A note added by SEND Casebook where the booklet is out of date. Never booklet text.
    Note(Vec<Inline>),
}

impl Block {
    /// The block's words without formatting. Quotes end with their paragraph number in
    /// brackets, the way the booklet prints them.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Heading(text) => text.clone(),
            Block::Paragraph(inlines) | Block::Note(inlines) => inline_text(inlines),
            Block::List(items) => items
                .iter()
                .map(|item| inline_text(item))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote { blocks, paragraph } => {
                let body: Vec<String> = blocks.iter().map(Block::plain_text).collect();
                format!("{} ({paragraph})", body.join("\n"))
            }
        }
    }

    /// The separate pieces of text a search can show as an excerpt.
    pub fn text_units(&self) -> Vec<String> {
        match self {
            Block::List(items) => items.iter().map(|item| inline_text(item)).collect(),
            Block::Quote { blocks, .. } => blocks.iter().flat_map(Block::text_units).collect(),
            other => vec![other.plain_text()],
        }
    }

    fn links(&self) -> Vec<&Link> {
        let mut links = Vec::new();
        match self {
            Block::Heading(_) => {}
            Block::Paragraph(inlines) | Block::Note(inlines) => collect_links(inlines, &mut links),
            Block::List(items) => items.iter().for_each(|i| collect_links(i, &mut links)),
            Block::Quote { blocks, .. } => blocks.iter().for_each(|b| links.extend(b.links())),
        }
        links
    }
}

/// Text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link(Link),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// What a tap on a contact link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Email,
}

impl Link {
    pub fn kind(&self) -> Option<ContactKind> {
        if self.href.starts_with("tel:") {
            Some(ContactKind::Phone)
        } else if self.href.starts_with("mailto:") {
            Some(ContactKind::Email)
        } else {
            None
        }
    }
}

/// A named contact (an SEN team, Kids Mediation, SENDIASS) and its phone and email links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub section_slug: String,
    pub links: Vec<(ContactKind, Link)>,
}

pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Strong(inner) | Inline::Emphasis(inner) => out.push_str(&inline_text(inner)),
            Inline::Link(link) => out.push_str(&link.text),
        }
    }
    out
}

fn collect_links<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Link>) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => out.push(link),
            Inline::Strong(inner) | Inline::Emphasis(inner) => collect_links(inner, out),
            Inline::Text(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_booklet_has_every_section_the_guide_promises() {
        let slugs: Vec<&str> = booklet().sections.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "first-steps",
                "sen-officers",
                "what-next",
                "seeking-help",
                "complaints",
                "disagreement-resolution",
                "kids-mediation",
                "mediation",
                "appeals",
                "sendiass-support",
                "contact-sendiass",
            ]
        );
        assert!(booklet().sections.iter().all(|s| !s.summary.is_empty()));
    }

    #[test]
    fn each_area_sen_team_has_a_phone_and_an_email_link() {
        let contacts = booklet().contacts();
        for area in [
            "St Albans & Dacorum",
            "Watford, Three Rivers & Hertsmere",
            "North Herts & Stevenage",
            "East Herts, Broxbourne & Welwyn Hatfield",
        ] {
            let contact = contacts
                .iter()
                .find(|c| c.name == area)
                .unwrap_or_else(|| panic!("no contact for {area}"));
            let kinds: Vec<ContactKind> = contact.links.iter().map(|(k, _)| *k).collect();
            assert_eq!(kinds, [ContactKind::Email, ContactKind::Phone], "{area}");
        }
    }

    #[test]
    fn phone_links_dial_the_number_shown() {
        for contact in booklet().contacts() {
            for (kind, link) in &contact.links {
                match kind {
                    ContactKind::Phone => {
                        let shown: String =
                            link.text.chars().filter(char::is_ascii_digit).collect();
                        let dialled = link.href.trim_start_matches("tel:+44");
                        assert_eq!(format!("0{dialled}"), shown, "{}", contact.name);
                    }
                    ContactKind::Email => {
                        assert_eq!(
                            link.href,
                            format!("mailto:{}", link.text),
                            "{}",
                            contact.name
                        )
                    }
                }
            }
        }
    }

    #[test]
    fn every_phone_number_and_email_in_the_text_is_a_link() {
        // A number or address typed as plain text could not be tapped in a meeting.
        fn plain_parts(inlines: &[Inline], out: &mut String) {
            for inline in inlines {
                match inline {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Strong(i) | Inline::Emphasis(i) => plain_parts(i, out),
                    Inline::Link(_) => out.push(' '),
                }
            }
        }
        for section in &booklet().sections {
            for block in &section.blocks {
                let mut text = String::new();
                match block {
                    Block::Paragraph(i) | Block::Note(i) => plain_parts(i, &mut text),
                    Block::List(items) => items.iter().for_each(|i| plain_parts(i, &mut text)),
                    _ => {}
                }
                assert!(
                    !text.contains('@'),
                    "unlinked email in {}: {text}",
                    section.slug
                );
                let digits_run = text
                    .split(|c: char| !(c.is_ascii_digit() || c == ' '))
                    .map(|run| run.chars().filter(char::is_ascii_digit).count())
                    .max()
                    .unwrap_or(0);
                assert!(
                    digits_run < 9,
                    "unlinked phone number in {}: {text}",
                    section.slug
                );
            }
        }
    }

    #[test]
    fn neighbours_walk_the_sections_in_order() {
        let b = booklet();
        assert_eq!(b.neighbours("first-steps").0, None);
        assert_eq!(
            b.neighbours("first-steps").1.map(|s| s.slug.as_str()),
            Some("sen-officers")
        );
        assert_eq!(b.neighbours("contact-sendiass").1, None);
        assert_eq!(b.neighbours("no-such-page"), (None, None));
    }
}
