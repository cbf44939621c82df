//! A strict parser for the small Markdown subset `content/booklet.md` is written in.
//!
//! Strict on purpose: a typo in the content (an unclosed `**`, a section with no summary) fails
//! the native tests instead of showing stray asterisks to a parent.
//!
//! The subset:
//! - front matter before the first section: `title: …`, `publisher: …`, `intro: …`
//! - `# Section title {#slug}` starts a section; the next line `: summary` describes it
//! - `## Heading` inside a section
//! - `- item` lines make a list
//! - `> …` lines make a Code of Practice quotation, closed by `>-- 11.3` (its paragraph)
//! - `! …` is a note added by SEND Casebook (never booklet text)
//! - any other lines make a paragraph; a blank line ends a block
//! - inline: `**strong**`, `*emphasis*`, `[text](href)`

use super::{Block, Booklet, Inline, Link, Section};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ContentError {}

fn error(line: usize, message: impl Into<String>) -> ContentError {
    ContentError {
        line,
        message: message.into(),
    }
}

pub fn parse_booklet(source: &str) -> Result<Booklet, ContentError> {
    let lines: Vec<(usize, &str)> = source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .collect();
    let first_section = lines
        .iter()
        .position(|(_, l)| l.starts_with("# "))
        .ok_or_else(|| error(1, "the booklet has no sections"))?;

    let (mut title, mut publisher, mut intro) = (None, None, None);
    for &(number, line) in &lines[..first_section] {
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(": ")
            .ok_or_else(|| error(number, "expected `key: value` before the first section"))?;
        match key {
            "title" => title = Some(value.to_string()),
            "publisher" => publisher = Some(value.to_string()),
            "intro" => intro = Some(parse_inlines(value, number)?),
            other => return Err(error(number, format!("unknown front matter key `{other}`"))),
        }
    }

    let mut sections = Vec::new();
    let mut start = first_section;
    while start < lines.len() {
        let end = lines[start + 1..]
            .iter()
            .position(|(_, l)| l.starts_with("# "))
            .map_or(lines.len(), |offset| start + 1 + offset);
        sections.push(parse_section(&lines[start..end])?);
        start = end;
    }

    let mut seen = std::collections::HashSet::new();
    for section in &sections {
        if !seen.insert(section.slug.as_str()) {
            return Err(error(
                0,
                format!("two sections use the slug `{}`", section.slug),
            ));
        }
    }

    Ok(Booklet {
        title: title.ok_or_else(|| error(1, "missing `title:`"))?,
        publisher: publisher.ok_or_else(|| error(1, "missing `publisher:`"))?,
        intro: intro.ok_or_else(|| error(1, "missing `intro:`"))?,
        sections,
    })
}

fn parse_section(lines: &[(usize, &str)]) -> Result<Section, ContentError> {
    let (number, heading) = lines[0];
    let heading = heading.trim_start_matches("# ");
    let (title, slug) = heading
        .strip_suffix('}')
        .and_then(|h| h.rsplit_once(" {#"))
        .ok_or_else(|| error(number, "a section heading needs a slug: `# Title {#slug}`"))?;
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(error(
            number,
            format!("slug `{slug}` must be lowercase words and hyphens"),
        ));
    }
    let mut rest = &lines[1..];
    let summary = match rest.first() {
        Some((_, line)) if line.starts_with(": ") => {
            let summary = line[2..].to_string();
            rest = &rest[1..];
            summary
        }
        _ => {
            return Err(error(
                number,
                "a section needs a `: summary` line after its heading",
            ))
        }
    };
    Ok(Section {
        slug: slug.to_string(),
        title: title.to_string(),
        summary,
        blocks: parse_blocks(rest)?,
    })
}

fn parse_blocks(lines: &[(usize, &str)]) -> Result<Vec<Block>, ContentError> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (number, line) = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if let Some(text) = line.strip_prefix("## ") {
            blocks.push(Block::Heading(text.to_string()));
            i += 1;
        } else if line.starts_with("- ") {
            let mut items = Vec::new();
            while let Some((n, item)) = lines
                .get(i)
                .and_then(|(n, l)| Some((n, l.strip_prefix("- ")?)))
            {
                items.push(parse_inlines(item, *n)?);
                i += 1;
            }
            blocks.push(Block::List(items));
        } else if line.starts_with('>') {
            let mut body = Vec::new();
            let mut paragraph = None;
            while let Some(&(n, l)) = lines.get(i) {
                if !l.starts_with('>') {
                    break;
                }
                i += 1;
                if let Some(cite) = l.strip_prefix(">-- ") {
                    paragraph = Some(cite.trim().to_string());
                    break;
                }
                let inner = l
                    .strip_prefix("> ")
                    .or_else(|| l.strip_prefix('>'))
                    .unwrap_or(l);
                body.push((n, inner));
            }
            let paragraph = paragraph
                .ok_or_else(|| error(number, "a quotation must end with `>-- paragraph number`"))?;
            blocks.push(Block::Quote {
                blocks: parse_blocks(&body)?,
                paragraph,
            });
        } else if let Some(text) = line.strip_prefix("! ") {
            blocks.push(Block::Note(parse_inlines(text, number)?));
            i += 1;
        } else if line.starts_with('#') {
            return Err(error(
                number,
                "only `# ` (section) and `## ` headings are allowed",
            ));
        } else {
            let mut text = String::new();
            while let Some(&(_, l)) = lines.get(i) {
                if l.trim().is_empty() || starts_block(l) {
                    break;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(l.trim());
                i += 1;
            }
            blocks.push(Block::Paragraph(parse_inlines(&text, number)?));
        }
    }
    Ok(blocks)
}

fn starts_block(line: &str) -> bool {
    line.starts_with("## ")
        || line.starts_with("- ")
        || line.starts_with('>')
        || line.starts_with("! ")
}

/// Parses `**strong**`, `*emphasis*` and `[text](href)` inside one block of text.
pub fn parse_inlines(text: &str, line: usize) -> Result<Vec<Inline>, ContentError> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let marker = if rest.starts_with("**") {
            Some("**")
        } else if c == '*' {
            Some("*")
        } else {
            None
        };
        if let Some(marker) = marker {
            let inner_and_after = &rest[marker.len()..];
            let close = find_closing(inner_and_after, marker)
                .ok_or_else(|| error(line, format!("`{marker}` is never closed in: {text}")))?;
            flush(&mut plain, &mut out);
            let inner = parse_inlines(&inner_and_after[..close], line)?;
            out.push(if marker == "**" {
                Inline::Strong(inner)
            } else {
                Inline::Emphasis(inner)
            });
            rest = &inner_and_after[close + marker.len()..];
        } else if c == '[' {
            let (link, after) = parse_link(rest).ok_or_else(|| {
                error(
                    line,
                    format!("a `[` is not a `[text](href)` link in: {text}"),
                )
            })?;
            flush(&mut plain, &mut out);
            out.push(Inline::Link(link));
            rest = after;
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut plain, &mut out);
    Ok(out)
}

/// Where `marker` closes, skipping over any `[...](...)` link so that a link inside bold works.
fn find_closing(text: &str, marker: &str) -> Option<usize> {
    let mut index = 0;
    while index < text.len() {
        let rest = &text[index..];
        if rest.starts_with(marker) && !(marker == "*" && rest.starts_with("**")) {
            return Some(index);
        }
        if marker == "*" && rest.starts_with("**") {
            index += 2 + find_closing(&rest[2..], "**")? + 2;
            continue;
        }
        if rest.starts_with('[') {
            if let Some((_, after)) = parse_link(rest) {
                index = text.len() - after.len();
                continue;
            }
        }
        index += rest.chars().next()?.len_utf8();
    }
    None
}

fn parse_link(text: &str) -> Option<(Link, &str)> {
    let body = text.strip_prefix('[')?;
    let close_text = body.find("](")?;
    let after_text = &body[close_text + 2..];
    let close_href = after_text.find(')')?;
    let link = Link {
        text: body[..close_text].to_string(),
        href: after_text[..close_href].to_string(),
    };
    if link.text.is_empty() || link.href.is_empty() || link.href.contains(' ') {
        return None;
    }
    Some((link, &after_text[close_href + 1..]))
}

fn flush(plain: &mut String, out: &mut Vec<Inline>) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inlines(text: &str) -> Vec<Inline> {
        parse_inlines(text, 1).expect("parses")
    }

    fn text(t: &str) -> Inline {
        Inline::Text(t.to_string())
    }

    #[test]
    fn strong_emphasis_and_links_nest() {
        assert_eq!(
            inlines("Call **[01992 555847](tel:+441992555847)** or *write*."),
            vec![
                text("Call "),
                Inline::Strong(vec![Inline::Link(Link {
                    text: "01992 555847".into(),
                    href: "tel:+441992555847".into()
                })]),
                text(" or "),
                Inline::Emphasis(vec![text("write")]),
                text("."),
            ]
        );
    }

    #[test]
    fn unclosed_markers_and_broken_links_are_errors_with_the_line() {
        assert_eq!(parse_inlines("a **b", 7).unwrap_err().line, 7);
        assert!(parse_inlines("a *b", 1).is_err());
        assert!(parse_inlines("see [the guide](no close", 1).is_err());
        assert!(parse_inlines("see [](tel:1)", 1).is_err());
    }

    const SMALL: &str = "title: T\npublisher: P\nintro: *I*\n\n# One {#one}\n: first\n\nHello\nworld.\n\n## Sub\n\n- a\n- **b**\n\n> quoted\n>\n> - x\n>-- 11.3\n\n! a note\n\n# Two {#two}\n: second\n\nEnd.\n";

    #[test]
    fn a_small_booklet_parses_into_sections_and_blocks() {
        let b = parse_booklet(SMALL).expect("parses");
        assert_eq!(b.title, "T");
        assert_eq!(b.intro, vec![Inline::Emphasis(vec![text("I")])]);
        assert_eq!(b.sections.len(), 2);
        let one = &b.sections[0];
        assert_eq!(
            (one.slug.as_str(), one.title.as_str(), one.summary.as_str()),
            ("one", "One", "first")
        );
        assert_eq!(one.blocks[0], Block::Paragraph(vec![text("Hello world.")]));
        assert_eq!(one.blocks[1], Block::Heading("Sub".into()));
        assert_eq!(
            one.blocks[2],
            Block::List(vec![vec![text("a")], vec![Inline::Strong(vec![text("b")])]])
        );
        assert_eq!(
            one.blocks[3],
            Block::Quote {
                blocks: vec![
                    Block::Paragraph(vec![text("quoted")]),
                    Block::List(vec![vec![text("x")]])
                ],
                paragraph: "11.3".into()
            }
        );
        assert_eq!(one.blocks[4], Block::Note(vec![text("a note")]));
        assert_eq!(
            b.sections[1].blocks,
            vec![Block::Paragraph(vec![text("End.")])]
        );
    }

    #[test]
    fn mistakes_in_the_content_are_reported() {
        let no_slug = SMALL.replace("# Two {#two}", "# Two");
        assert!(parse_booklet(&no_slug)
            .unwrap_err()
            .message
            .contains("slug"));
        let no_summary = SMALL.replace(": second\n", "");
        assert!(parse_booklet(&no_summary)
            .unwrap_err()
            .message
            .contains("summary"));
        let no_cite = SMALL.replace(">-- 11.3\n", "");
        assert!(parse_booklet(&no_cite)
            .unwrap_err()
            .message
            .contains("quotation"));
        let twice = SMALL.replace("{#two}", "{#one}");
        assert!(parse_booklet(&twice)
            .unwrap_err()
            .message
            .contains("two sections"));
        let deep = SMALL.replace("## Sub", "### Sub");
        assert!(parse_booklet(&deep).is_err());
    }
}
