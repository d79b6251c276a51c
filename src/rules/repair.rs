//! The edits of mechanical repairs, from a value's node and the file's text: the rules
//! call these to attach a [`Fix`] to their finding. Each edits only the bytes it must:
//! a value's content keeps its quotes, a removed line takes only itself.

use granit_parser::ScalarStyle;

use crate::diagnostic::Span;
use crate::fix::{Applicability, Fix};
use crate::yaml::{Node, Value};

/// The byte range of a one-line scalar's content: inside its quotes, or the plain text.
/// `None` for a block scalar or a value that spans lines (its text is folded).
pub(crate) fn content(source: &str, node: &Node<'_>) -> Option<(usize, usize)> {
    let Value::Scalar(scalar) = &node.value else {
        return None;
    };
    let raw = source.get(node.span.start..node.span.end)?;
    if raw.contains('\n') {
        return None;
    }
    match scalar.style {
        ScalarStyle::Plain => Some((node.span.start, node.span.end)),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if raw.len() >= 2 => {
            Some((node.span.start + 1, node.span.end - 1))
        }
        _ => None,
    }
}

/// Replaces a scalar's content, keeping its quotes.
pub(crate) fn replace_content(
    source: &str,
    node: &Node<'_>,
    applicability: Applicability,
    text: &str,
) -> Option<Fix> {
    let (start, end) = content(source, node)?;
    Some(Fix::replace(applicability, start, end, text))
}

/// A value written as a string (quoted, or tagged `!!str`, `!foo`) that means `value`:
/// the quotes and the tag go, the value stays. `None` for a block scalar.
pub(crate) fn unstring(source: &str, node: &Node<'_>, value: &str) -> Option<Fix> {
    let Value::Scalar(scalar) = &node.value else {
        return None;
    };
    if matches!(scalar.style, ScalarStyle::Literal | ScalarStyle::Folded) {
        return None;
    }
    let before = source.get(..node.span.start)?;
    let start = match scalar.tag {
        Some(_) => {
            let trimmed = before.trim_end_matches([' ', '\t']);
            let tag_start = trimmed
                .rfind([' ', '\t', ':', '-', '\n'])
                .map_or(0, |i| i + 1);
            if !trimmed[tag_start..].starts_with('!') {
                return None;
            }
            tag_start
        }
        None => node.span.start,
    };
    Some(Fix::replace(
        Applicability::Safe,
        start,
        node.span.end,
        value,
    ))
}

/// Whitespace at the ends of a value, and in a double-quoted one the escapes that write
/// whitespace (`\t`, `\n`, `\r`, `\ `, `\_`).
fn trim_raw(raw: &str, escapes: bool) -> &str {
    const ESCAPED: [&str; 5] = ["\\t", "\\n", "\\r", "\\ ", "\\_"];
    let mut text = raw;
    loop {
        let before = text;
        text = text.trim();
        if escapes {
            for escape in ESCAPED {
                // `\\n` is a backslash and an `n`, not an escape: count the backslashes.
                if let Some(rest) = text.strip_suffix(escape)
                    && rest.chars().rev().take_while(|&c| c == '\\').count() % 2 == 0
                {
                    text = rest;
                }
                if let Some(rest) = text.strip_prefix(escape) {
                    text = rest;
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// `untrimmed-text`: the content without the whitespace around it, quotes kept.
pub(crate) fn trim(source: &str, node: &Node<'_>) -> Option<Fix> {
    let Value::Scalar(scalar) = &node.value else {
        return None;
    };
    let (start, end) = content(source, node)?;
    let raw = source.get(start..end)?;
    let trimmed = trim_raw(raw, scalar.style == ScalarStyle::DoubleQuoted);
    if trimmed.is_empty() || trimmed.len() == raw.len() {
        return None;
    }
    let offset = trimmed.as_ptr() as usize - raw.as_ptr() as usize;
    let mut edits = Vec::new();
    if offset > 0 {
        edits.push(crate::fix::Edit {
            start,
            end: start + offset,
            content: String::new(),
        });
    }
    let trimmed_end = start + offset + trimmed.len();
    if trimmed_end < end {
        edits.push(crate::fix::Edit {
            start: trimmed_end,
            end,
            content: String::new(),
        });
    }
    Some(Fix::safe(edits))
}

/// Removes the line of a block-list item (`  - AI`), its line break included; `None`
/// when the item shares its line with anything else.
pub(crate) fn delete_item_line(source: &str, span: Span) -> Option<Fix> {
    let line_start = source.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = source.get(line_start..span.start)?;
    let dash = prefix.trim_start_matches([' ', '\t']);
    if !dash.starts_with('-') || !dash[1..].chars().all(|c| c == ' ' || c == '\t') || dash.len() < 2
    {
        return None;
    }
    let rest = source.get(span.end..)?;
    let line_end = rest.find('\n').map_or(source.len(), |i| span.end + i + 1);
    if !source.get(span.end..line_end)?.trim().is_empty() {
        return None;
    }
    Some(Fix::replace(Applicability::Safe, line_start, line_end, ""))
}

/// `insecure-url`: `https` for `http`, a guess (the site may not serve it).
pub(crate) fn https(source: &str, node: &Node<'_>) -> Option<Fix> {
    let (start, end) = content(source, node)?;
    let scheme = source.get(start..end)?.get(..5)?;
    scheme
        .eq_ignore_ascii_case("http:")
        .then(|| Fix::replace(Applicability::Unsafe, start + 4, start + 4, "s"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply;

    fn with_value(yaml: &str, edit: impl Fn(&str, &Node<'_>) -> Option<Fix>) -> String {
        let mut arena = crate::yaml::Arena::new();
        let document = crate::yaml::parse(yaml, 0, &mut arena).unwrap();
        let Some(Node {
            value: Value::Mapping(entries),
            ..
        }) = document.root
        else {
            panic!("a mapping");
        };
        let value = match &entries[0].1.value {
            Value::Sequence(items) => items[items.len() - 1],
            _ => entries[0].1,
        };
        match edit(yaml, &value) {
            Some(fix) => apply(yaml, [&fix]).0,
            None => yaml.to_owned(),
        }
    }

    #[test]
    fn trims_inside_the_quotes_and_whitespace_escapes() {
        assert_eq!(with_value("t: \" a b \"\n", trim), "t: \"a b\"\n");
        assert_eq!(with_value("t: 'a '\n", trim), "t: 'a'\n");
        assert_eq!(with_value("t: \"a\\r\\n\"\n", trim), "t: \"a\"\n");
        assert_eq!(with_value("t: \"a\\\\n\"\n", trim), "t: \"a\\\\n\"\n");
        assert_eq!(with_value("t: \"a\u{a0}\"\n", trim), "t: \"a\"\n");
        assert_eq!(with_value("t: |\n  a\n", trim), "t: |\n  a\n");
    }

    #[test]
    fn unstrings_quotes_and_tags() {
        let unquote = |s: &str, n: &Node<'_>| unstring(s, n, "21");
        assert_eq!(with_value("q: \"21\"\n", unquote), "q: 21\n");
        assert_eq!(with_value("q: !!str 21\n", unquote), "q: 21\n");
        assert_eq!(with_value("q: !foo '21' # c\n", unquote), "q: 21 # c\n");
    }

    #[test]
    fn deletes_only_the_item_line() {
        let yaml = "topics:\n  - AI\n  - AI # again\n";
        let delete = |s: &str, n: &Node<'_>| delete_item_line(s, n.span);
        assert_eq!(with_value(yaml, delete), yaml);
        let yaml = "topics:\n  - AI\r\n  - AI\r\n";
        assert_eq!(with_value(yaml, delete), "topics:\n  - AI\r\n");
        assert_eq!(with_value("t: [a, a]\n", delete), "t: [a, a]\n");
    }

    #[test]
    fn https_is_one_inserted_letter() {
        assert_eq!(
            with_value("u: \"http://a.com/x\"\n", https),
            "u: \"https://a.com/x\"\n"
        );
    }
}
