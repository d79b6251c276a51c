//! The frontmatter parsed into a tree with a byte span on every key and value.
//! Built from granit-parser's event stream with budgets against deep nesting and alias bombs.

use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle};

use crate::diagnostic::Span;

/// Deeper than any news item needs (the schema is five levels deep), shallow enough that
/// nothing downstream can blow the stack.
pub const NESTING_LIMIT: usize = 64;
/// Nodes that aliases may copy in one file; a "billion laughs" bomb stops here.
pub const ALIAS_NODE_BUDGET: usize = 10_000;
/// Nodes one frontmatter may hold (aliases aside): hundreds make a news item, and a
/// million keys in a 10 MiB file would cost seconds and hundreds of MB to build.
pub const NODE_LIMIT: usize = 100_000;
/// Bytes of scalar text that aliases may copy in one file: one large escaped scalar
/// aliased a few thousand times is a bomb of few nodes but many bytes.
pub const ALIAS_TEXT_BUDGET: usize = 1024 * 1024;

/// A YAML node and where it sits in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Scalar(Scalar<'a>),
    /// Entries in source order, duplicates kept so the schema can report them.
    Mapping(Vec<(Node<'a>, Node<'a>)>),
    Sequence(Vec<Node<'a>>),
}

/// A scalar as written: its text after escapes, and whether quotes or a tag fix its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar<'a> {
    pub text: Cow<'a, str>,
    pub style: ScalarStyle,
    /// The suffix of an explicit core-schema tag (`str`, `int`, ...), or the whole custom tag.
    pub tag: Option<String>,
}

/// What a scalar means under the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    /// An integer; `None` when it does not fit in 64 bits.
    Int(Option<i64>),
    Float,
    Str,
}

impl Scalar<'_> {
    /// Resolves the scalar's type as YAML 1.2's core schema does (so `no` is a string,
    /// `0x1F` an integer), honouring explicit `!!str`-style tags.
    pub fn resolve(&self) -> Resolved {
        match self.tag.as_deref() {
            Some("str") => return Resolved::Str,
            Some("null") => return Resolved::Null,
            Some("int") => return resolve_int(&self.text).unwrap_or(Resolved::Str),
            Some("bool") => return resolve_bool(&self.text).unwrap_or(Resolved::Str),
            Some("float") => return Resolved::Float,
            Some(_) => return Resolved::Str,
            None => {}
        }
        if self.style != ScalarStyle::Plain {
            return Resolved::Str;
        }
        let text = self.text.as_ref();
        if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
            return Resolved::Null;
        }
        if let Some(b) = resolve_bool(text) {
            return b;
        }
        if let Some(i) = resolve_int(text) {
            return i;
        }
        if is_float(text) {
            return Resolved::Float;
        }
        Resolved::Str
    }

    pub fn is_quoted(&self) -> bool {
        matches!(
            self.style,
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
        )
    }
}

fn resolve_bool(text: &str) -> Option<Resolved> {
    match text {
        "true" | "True" | "TRUE" => Some(Resolved::Bool(true)),
        "false" | "False" | "FALSE" => Some(Resolved::Bool(false)),
        _ => None,
    }
}

fn resolve_int(text: &str) -> Option<Resolved> {
    let parsed = if let Some(hex) = text.strip_prefix("0x") {
        (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| i64::from_str_radix(hex, 16).ok())
    } else if let Some(oct) = text.strip_prefix("0o") {
        (!oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)))
            .then(|| i64::from_str_radix(oct, 8).ok())
    } else {
        let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<i64>().ok())
    };
    parsed.map(Resolved::Int)
}

fn is_float(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// A YAML comment, kept for `# newsval:` suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment<'a> {
    /// The text after `#`.
    pub text: Cow<'a, str>,
    pub span: Span,
}

/// A parsed frontmatter: its root node (absent for an empty document) and its comments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document<'a> {
    pub root: Option<Node<'a>>,
    pub comments: Vec<Comment<'a>>,
}

/// YAML that does not parse or breaks a budget (`yaml-syntax`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

enum Frame<'a> {
    Mapping {
        start: usize,
        anchor: usize,
        entries: Vec<(Node<'a>, Node<'a>)>,
        key: Option<Node<'a>>,
    },
    Sequence {
        start: usize,
        anchor: usize,
        items: Vec<Node<'a>>,
    },
}

/// Parses `yaml`, which starts at byte `offset` of its file, so every span is a file span.
pub fn parse(yaml: &str, offset: usize) -> Result<Document<'_>, YamlError> {
    let options = granit_parser::options! {
        flow_nesting_limit: NESTING_LIMIT,
        block_nesting_limit: NESTING_LIMIT,
    };
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        alias_text: 0,
        nodes: 0,
        document: Document::default(),
        documents: 0,
    };
    for event in Parser::new_from_str_with_options(yaml, options) {
        let (event, span) = event.map_err(|e| {
            let at = offset + e.marker().byte_offset().unwrap_or(yaml.len());
            YamlError {
                span: Span::at(at),
                message: e.kind().to_string(),
            }
        })?;
        let range = span.byte_range().unwrap_or(0..0);
        let span = Span::new(offset + range.start, offset + range.end);
        builder.event(event, span)?;
    }
    Ok(builder.document)
}

struct Builder<'a> {
    stack: Vec<Frame<'a>>,
    /// Each anchored node with its node count and scalar text bytes.
    anchors: HashMap<usize, (Node<'a>, usize, usize)>,
    alias_nodes: usize,
    alias_text: usize,
    /// Nodes written in the source so far, against [`NODE_LIMIT`].
    nodes: usize,
    document: Document<'a>,
    documents: usize,
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), YamlError> {
        if matches!(
            event,
            Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..)
        ) {
            self.nodes += 1;
            if self.nodes > NODE_LIMIT {
                return Err(YamlError {
                    span,
                    message: format!(
                        "the frontmatter has more than {NODE_LIMIT} keys and values; \
                         a news item needs far fewer"
                    ),
                });
            }
        }
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Anchor(..) => {}
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError {
                        span,
                        message: "the frontmatter holds more than one YAML document".into(),
                    });
                }
            }
            Event::Comment(text, _) => self.document.comments.push(Comment { text, span }),
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| match t.core_suffix() {
                    Some(core) => core.to_owned(),
                    None => t.to_string(),
                });
                let node = Node {
                    span,
                    value: Value::Scalar(Scalar { text, style, tag }),
                };
                self.complete(node, anchor);
            }
            Event::MappingStart(_, anchor, _) => self.stack.push(Frame::Mapping {
                start: span.start,
                anchor,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceStart(_, anchor, _) => self.stack.push(Frame::Sequence {
                start: span.start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (start, anchor, value) = match frame {
                    Frame::Mapping {
                        start,
                        anchor,
                        entries,
                        ..
                    } => (start, anchor, Value::Mapping(entries)),
                    Frame::Sequence {
                        start,
                        anchor,
                        items,
                    } => (start, anchor, Value::Sequence(items)),
                };
                let end = last_end(&value).unwrap_or(span.end).max(start);
                let node = Node {
                    span: Span::new(start, end),
                    value,
                };
                self.complete(node, anchor);
            }
            Event::Alias(id) => {
                let Some((target, size, text)) = self.anchors.get(&id) else {
                    return Err(YamlError {
                        span,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                self.alias_nodes += size;
                if self.alias_nodes > ALIAS_NODE_BUDGET {
                    return Err(YamlError {
                        span,
                        message: format!(
                            "aliases expand to more than {ALIAS_NODE_BUDGET} nodes (an alias bomb?)"
                        ),
                    });
                }
                self.alias_text += text;
                if self.alias_text > ALIAS_TEXT_BUDGET {
                    return Err(YamlError {
                        span,
                        message: format!(
                            "aliases copy more than {} KiB of text (an alias bomb?)",
                            ALIAS_TEXT_BUDGET / 1024
                        ),
                    });
                }
                let mut node = target.clone();
                node.span = span;
                self.complete(node, 0);
            }
            Event::UnresolvedAlias(name) => {
                return Err(YamlError {
                    span,
                    message: format!("alias `*{name}` refers to no anchor"),
                });
            }
            // granit-parser's events are non-exhaustive; a new kind of presentation
            // event carries no data for the schema.
            _ => {}
        }
        Ok(())
    }

    fn complete(&mut self, node: Node<'a>, anchor: usize) {
        if anchor != 0 {
            let (nodes, text) = weight(&node);
            self.anchors.insert(anchor, (node.clone(), nodes, text));
        }
        match self.stack.last_mut() {
            None => self.document.root = Some(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

fn last_end(value: &Value<'_>) -> Option<usize> {
    match value {
        Value::Scalar(_) => None,
        Value::Mapping(entries) => entries.last().map(|(_, v)| v.span.end),
        Value::Sequence(items) => items.last().map(|n| n.span.end),
    }
}

/// How many nodes, and how many bytes of scalar text, a node holds.
fn weight(node: &Node<'_>) -> (usize, usize) {
    let add = |(n1, t1): (usize, usize), (n2, t2): (usize, usize)| (n1 + n2, t1 + t2);
    match &node.value {
        Value::Scalar(s) => (1, s.text.len()),
        Value::Mapping(entries) => entries
            .iter()
            .map(|(k, v)| add(weight(k), weight(v)))
            .fold((1, 0), add),
        Value::Sequence(items) => items.iter().map(weight).fold((1, 0), add),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Resolved {
        Scalar {
            text: text.into(),
            style: ScalarStyle::Plain,
            tag: None,
        }
        .resolve()
    }

    #[test]
    fn core_schema_resolution() {
        assert_eq!(scalar("21"), Resolved::Int(Some(21)));
        assert_eq!(scalar("-1"), Resolved::Int(Some(-1)));
        assert_eq!(scalar("0x1F"), Resolved::Int(Some(31)));
        assert_eq!(scalar("99999999999999999999"), Resolved::Int(None));
        assert_eq!(scalar("21.5"), Resolved::Float);
        assert_eq!(scalar("1e3"), Resolved::Float);
        assert_eq!(scalar(".inf"), Resolved::Float);
        assert_eq!(scalar("false"), Resolved::Bool(false));
        assert_eq!(scalar("no"), Resolved::Str);
        assert_eq!(scalar("~"), Resolved::Null);
        assert_eq!(scalar(""), Resolved::Null);
        assert_eq!(scalar("2022-09-12T13:00:00Z"), Resolved::Str);
        assert_eq!(scalar("1.2.3"), Resolved::Str);
        assert_eq!(scalar("."), Resolved::Str);
    }

    #[test]
    fn spans_are_file_offsets() {
        let doc = parse("a: \"x\"\nb: [1, 2]\n", 4).unwrap();
        let root = doc.root.unwrap();
        let Value::Mapping(entries) = root.value else {
            panic!("not a mapping")
        };
        assert_eq!(entries[0].0.span, Span::new(4, 5));
        assert_eq!(entries[0].1.span, Span::new(7, 10));
        assert_eq!(entries[1].1.span.start, 4 + 10);
    }

    #[test]
    fn alias_bomb_stops_at_the_budget() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&yaml, 0).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
    }

    /// Regression: a 1 MB escaped scalar aliased 9,000 times is only 9,000 nodes, but
    /// copying it took 10 s and 1.4 GB (fixtures/hostile alias-bomb-big-scalar.md).
    #[test]
    fn alias_bomb_of_text_stops_at_the_budget() {
        let big = "x\\n".repeat(100_000);
        let yaml = format!("a: &a \"{big}\"\nb: [{}]\n", vec!["*a"; 20].join(", "));
        let err = parse(&yaml, 0).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
        // A few copies of a short anchored text are fine.
        assert!(parse("a: &a \"x\\ny\"\nb: [*a, *a]\n", 0).is_ok());
    }

    /// Regression: 900,000 keys in 10 MiB took over 10 s (2 s with the findings cap)
    /// and 190 MB to build and check (fixtures/hostile many-unknown-keys.md).
    #[test]
    fn node_count_stops_at_the_limit() {
        let yaml: String = (0..NODE_LIMIT / 2 + 1)
            .map(|i| format!("k{i}: 1\n"))
            .collect();
        let err = parse(&yaml, 0).unwrap_err();
        assert!(err.message.contains("more than"), "{}", err.message);
        let yaml: String = (0..NODE_LIMIT / 2 - 1)
            .map(|i| format!("k{i}: 1\n"))
            .collect();
        assert!(parse(&yaml, 0).is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let yaml = "[".repeat(100_000);
        assert!(parse(&yaml, 0).is_err());
        let mut block = String::new();
        for depth in 0..200 {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        assert!(parse(&block, 0).is_err());
    }

    #[test]
    fn second_document_is_an_error() {
        assert!(parse("a: 1\n--- b\n", 0).is_err());
    }

    #[test]
    fn keeps_comments() {
        let doc = parse("a: 1 # newsval: ignore[x]\n", 0).unwrap();
        assert_eq!(doc.comments[0].text, " newsval: ignore[x]");
        assert_eq!(doc.comments[0].span, Span::new(5, 25));
    }
}
