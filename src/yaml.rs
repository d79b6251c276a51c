//! The frontmatter parsed into a tree with a byte span on every key and value.
//! Built from granit-parser's event stream with budgets against deep nesting and alias bombs.
//!
//! Why granit-parser, the pure-Rust, panic-free YAML 1.2 event parser serde-saphyr is
//! built on: its events carry byte spans, its scalars are borrowed from the input, and it
//! reports comments (the `# newsval:` suppressions). The tree is built once from those
//! events and walked once to collect every problem; the typed model is read from the same
//! tree. Not serde_yaml: archived, and it stops at the first error, without spans. Not
//! serde-saphyr's `Spanned<T>` straight into structs: it works, but it too stops at the
//! first error, where a validator must report all of them.

use std::borrow::Cow;
use std::collections::HashMap;

use bumpalo::Bump;
use granit_parser::{Event, Parser, ScalarStyle, StructureStyle};

use crate::diagnostic::Span;

/// Deeper than any news item needs (the schema is five levels deep), shallow enough that
/// nothing downstream can blow the stack.
pub const NESTING_LIMIT: usize = 64;
/// Nodes that aliases may repeat in one file; a "billion laughs" bomb stops here. The
/// tree shares an anchor's children, but the schema walk visits every repetition.
pub const ALIAS_NODE_BUDGET: usize = 10_000;
/// Nodes one frontmatter may hold (aliases aside): hundreds make a news item, and a
/// million keys in a 10 MiB file would cost seconds and hundreds of MB to build.
pub const NODE_LIMIT: usize = 100_000;
/// Comments one frontmatter may hold: the parser takes as long over a 10 MiB file of
/// comments (a second) as over a million keys.
pub const COMMENT_LIMIT: usize = 100_000;
/// Bytes of scalar text that aliases may repeat in one file: one large escaped scalar
/// aliased a few thousand times is a bomb of few nodes but many bytes for the rules to read.
pub const ALIAS_TEXT_BUDGET: usize = 1024 * 1024;

/// The most an [`Arena`] keeps between files: a larger one (a hostile file's tree) is
/// given back rather than held by its thread for the rest of the run.
const ARENA_KEEP_LIMIT: usize = 1024 * 1024;

/// Open collections a news item nests (the schema is five levels deep).
const TYPICAL_DEPTH: usize = 8;
/// Finished nodes waiting for their collection to end: the root's keys and values, and
/// a related item's, with room to spare.
const TYPICAL_PENDING: usize = 128;

/// Where [`parse`] builds its tree. Reused file after file (one a walk thread), so a
/// check allocates nothing for the tree once the first files have sized it.
#[derive(Debug, Default)]
pub struct Arena(Bump);

impl Arena {
    pub fn new() -> Self {
        Arena::default()
    }
}

/// A YAML node and where it sits in the file. Its text and children live in the source
/// or the [`Arena`], so a node is a small copyable value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Scalar(Scalar<'a>),
    /// Entries in source order, duplicates kept so the schema can report them.
    Mapping(&'a [(Node<'a>, Node<'a>)]),
    Sequence(&'a [Node<'a>]),
}

/// A scalar as written: its text after escapes, and whether quotes or a tag fix its type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scalar<'a> {
    pub text: &'a str,
    pub style: ScalarStyle,
    /// The suffix of an explicit core-schema tag (`str`, `int`, ...), or the whole custom tag.
    /// Rare, so it sits behind a thin pointer into the arena and a node stays 48 bytes.
    pub tag: Option<&'a &'a str>,
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
        match self.tag.copied() {
            Some("str") => return Resolved::Str,
            Some("null") => return Resolved::Null,
            Some("int") => return resolve_int(self.text).unwrap_or(Resolved::Str),
            Some("bool") => return resolve_bool(self.text).unwrap_or(Resolved::Str),
            Some("float") => return Resolved::Float,
            Some(_) => return Resolved::Str,
            None => {}
        }
        if self.style != ScalarStyle::Plain {
            return Resolved::Str;
        }
        let text = self.text;
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

/// How far before a syntax error its opener is looked for. The parser notices a run-on
/// quote or bracket within a few lines; the bound keeps the search, and its memory, small
/// in a file of a million lines.
const OPENER_SEARCH_LINES: usize = 200;
const OPENER_SEARCH_BYTES: usize = 64 * 1024;

/// Finds the quote or bracket that most likely caused a syntax error at `error_at`: a
/// value that opens one and does not close it on its line, followed by a line that
/// looks like the next key. The parser only notices lines later; people want the opener.
fn unclosed_opener(yaml: &str, error_at: usize) -> Option<(usize, char)> {
    let error_at = error_at.min(yaml.len());
    // Up to the end of the error's line, which is often the key the opener swallowed.
    let end = memchr::memchr(b'\n', yaml.get(error_at..)?.as_bytes())
        .map_or(yaml.len(), |i| error_at + i);
    let floor = end.saturating_sub(OPENER_SEARCH_BYTES);
    let window = &yaml.as_bytes()[floor..end];
    let start = match memchr::memrchr_iter(b'\n', window).nth(OPENER_SEARCH_LINES) {
        Some(newline) => floor + newline + 1,
        None if floor == 0 => 0,
        // The window starts inside a line: from the next whole one, if there is one.
        None => floor + memchr::memchr(b'\n', window)? + 1,
    };
    let mut line_start = start;
    let lines: Vec<(usize, &str)> = yaml
        .get(start..end)?
        .split_inclusive('\n')
        .map(|line| {
            let at = line_start;
            line_start += line.len();
            (at, line.trim_end_matches(['\n', '\r']))
        })
        .collect();
    for (i, &(start, line)) in lines.iter().enumerate() {
        let Some((quote_at, quote)) = opening_quote(line) else {
            continue;
        };
        let closed = match quote {
            '[' | '{' => balanced(&line[quote_at..]),
            _ => closing_quote(&line[quote_at + 1..], quote).is_some(),
        };
        if closed {
            continue;
        }
        let next_is_key = lines[i + 1..]
            .iter()
            .find(|(_, next)| !next.trim().is_empty())
            .is_some_and(|(_, next)| looks_like_key(next));
        let open = start + quote_at;
        // Only blame an opener whose run-on reaches the error: a bracket still open
        // there, or a quote the parser closed just before it. An opener after the
        // error (on its line) cannot have caused it.
        let Some(run_on) = yaml.get(open..error_at) else {
            continue;
        };
        let reaches_error = next_is_key
            && match quote {
                '[' | '{' => !balanced(run_on),
                _ => run_on
                    .get(1..)
                    .and_then(|inside| closing_quote(inside, quote))
                    .is_some_and(|close| {
                        run_on
                            .get(1 + close + 1..)
                            .is_some_and(|rest| rest.trim().is_empty())
                    }),
            };
        if reaches_error {
            return Some((open, quote));
        }
    }
    None
}

/// Where a quoted or flow value starts on a `key: "...`, `key: [...`, `- "...` or
/// `- key: "...` line.
fn opening_quote(line: &str) -> Option<(usize, char)> {
    fn after_key(text: &str) -> Option<&str> {
        text.find(": ").map(|colon| text[colon + 2..].trim_start())
    }
    let is_opener = |rest: &str| matches!(rest.chars().next(), Some('"' | '\'' | '[' | '{'));
    let trimmed = line.trim_start();
    let item = trimmed.strip_prefix("- ").map(str::trim_start);
    let rest = match item {
        // A list item is its value, unless it is a mapping whose first value opens one
        // (`- title: "...`); a quoted item may hold `: ` itself (`- "a: b`).
        Some(item) => match after_key(item) {
            Some(value) if is_opener(value) || !is_opener(item) => value,
            _ => item,
        },
        None => after_key(trimmed)?,
    };
    let quote = rest.chars().next()?;
    is_opener(rest).then_some((line.len() - rest.len(), quote))
}

/// Whether the flow collection that starts `text` closes on this line (quotes respected).
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    // A quote opens a quoted scalar only where a scalar starts, and `#` starts a comment
    // only after a space: in `[Meta's AI, C#]` both are plain text.
    let mut scalar_starts = true;
    let mut after_space = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(open) = quote {
            // A backslash escape in double quotes, a doubled quote in single ones.
            let escaped = (open == '"' && c == '\\')
                || (open == '\'' && c == open && chars.peek() == Some(&'\''));
            if escaped {
                chars.next();
            } else if c == open {
                quote = None;
                scalar_starts = false;
                after_space = false;
            }
            continue;
        }
        match c {
            '"' | '\'' if scalar_starts => quote = Some(c),
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return true;
                }
            }
            '#' if depth > 0 && after_space => return false,
            _ => {}
        }
        let space = c.is_whitespace();
        scalar_starts = matches!(c, '[' | '{' | ',' | ':') || (space && scalar_starts);
        after_space = space;
    }
    false
}

/// The first tab in the indentation of the error's line or a following line: where a
/// "found a tab" error really is.
fn indenting_tab(yaml: &str, error_at: usize) -> Option<usize> {
    let line_start = yaml[..error_at.min(yaml.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut start = line_start;
    for line in yaml[line_start..].split_inclusive('\n').take(3) {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Some(start + tab);
        }
        start += line.len();
    }
    None
}

/// The byte index in `rest` of the quote that ends a string opened just before it.
fn closing_quote(rest: &str, quote: char) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, next)| next == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

fn looks_like_key(line: &str) -> bool {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let key_len = trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(trimmed.len());
    key_len > 0 && trimmed[key_len..].starts_with(':')
}

/// A YAML comment, kept for `# newsval:` suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment<'a> {
    /// The text after `#`.
    pub text: Cow<'a, str>,
    pub span: Span,
}

/// A parsed frontmatter: its root node (absent for an empty document) and its
/// `# newsval:` directive comments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document<'a> {
    pub root: Option<Node<'a>>,
    pub comments: Vec<Comment<'a>>,
    /// Why YAML 1.2 rejects a document that only lenient parsers accept (an
    /// under-indented continuation of a quoted scalar or a flow collection...).
    pub lenient: Option<YamlError>,
}

/// YAML that does not parse or breaks a budget (`yaml-syntax`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub span: Span,
    pub message: String,
    /// A fix more specific than the generic YAML advice, when one is known.
    pub help: Option<String>,
}

impl YamlError {
    fn new(span: Span, message: impl Into<String>) -> Self {
        YamlError {
            span,
            message: message.into(),
            help: None,
        }
    }
}

/// A collection being read: where it starts, and where its children start in
/// [`Builder::pending`].
struct Frame {
    kind: Collection,
    /// Written in `[...]` or `{...}`: its end event's span is the closing bracket.
    flow: bool,
    start: usize,
    anchor: usize,
    first_child: usize,
}

#[derive(Clone, Copy)]
enum Collection {
    Mapping,
    Sequence,
}

/// Parses `yaml`, which starts at byte `offset` of its file, so every span is a file span.
/// The tree is built in `arena`, emptied first: what an earlier parse left there is gone.
pub fn parse<'a>(
    yaml: &'a str,
    offset: usize,
    arena: &'a mut Arena,
) -> Result<Document<'a>, YamlError> {
    if arena.0.allocated_bytes() > ARENA_KEEP_LIMIT {
        arena.0 = Bump::new();
    } else {
        arena.0.reset();
    }
    let bump: &'a Bump = &arena.0;
    // Strict first: what YAML 1.2 accepts is the rule. Only when that fails is the
    // document read as the lenient parsers (PyYAML, ruamel.yaml) read it, and then it
    // carries why YAML 1.2 rejects it, for a warning of its own.
    match parse_with(yaml, offset, bump, true) {
        Ok(document) => Ok(document),
        Err(strict) => {
            let mut document = parse_with(yaml, offset, bump, false)?;
            document.lenient = Some(strict);
            Ok(document)
        }
    }
}

fn parse_with<'a>(
    yaml: &'a str,
    offset: usize,
    bump: &'a Bump,
    strict: bool,
) -> Result<Document<'a>, YamlError> {
    let options = granit_parser::options! {
        flow_nesting_limit: NESTING_LIMIT,
        block_nesting_limit: NESTING_LIMIT,
        strict_indentation: strict,
    };
    let mut builder = Builder {
        bump,
        // Sized for a news item, so they do not grow (a copy and a dead copy each time)
        // on ordinary files; pages of the arena they leave untouched cost nothing.
        stack: bumpalo::collections::Vec::with_capacity_in(TYPICAL_DEPTH, bump),
        pending: bumpalo::collections::Vec::with_capacity_in(TYPICAL_PENDING, bump),
        anchors: HashMap::new(),
        alias_nodes: 0,
        alias_text: 0,
        nodes: 0,
        comments: 0,
        document: Document::default(),
        documents: 0,
    };
    for event in Parser::new_from_str_with_options(yaml, options) {
        let (event, span) = event.map_err(|e| syntax_error(yaml, offset, &e))?;
        let range = span.byte_range().unwrap_or(0..0);
        let span = Span::new(offset + range.start, offset + range.end);
        builder.event(event, span)?;
    }
    Ok(builder.document)
}

fn too_many_nodes(span: Span) -> YamlError {
    YamlError {
        span,
        message: format!(
            "the frontmatter has more than {NODE_LIMIT} keys and values; \
             a news item needs far fewer"
        ),
        help: None,
    }
}

fn too_many_comments(span: Span) -> YamlError {
    YamlError {
        span,
        message: format!(
            "the frontmatter has more than {COMMENT_LIMIT} comments; \
             a news item needs far fewer"
        ),
        help: None,
    }
}

/// The `yaml-syntax` finding for a parser error, blamed where the fix is.
fn syntax_error(yaml: &str, offset: usize, e: &granit_parser::ScanError) -> YamlError {
    let at = e.marker().byte_offset().unwrap_or(yaml.len());
    match unclosed_opener(yaml, at) {
        Some((open_at, opener)) => {
            let (what, swallows, close) = match opener {
                '"' => ("double quote", "string", '"'),
                '\'' => ("single quote", "string", '\''),
                '[' => ("`[`", "list", ']'),
                _ => ("`{`", "mapping", '}'),
            };
            YamlError {
                span: Span::new(offset + open_at, offset + open_at + 1),
                message: format!(
                    "this {what} is never closed, so the {swallows} swallows the keys below it ({})",
                    e.kind()
                ),
                help: Some(format!("close it with {close} at the end of its line")),
            }
        }
        None if e.kind().to_string().contains("tab") => {
            let tab = indenting_tab(yaml, at).unwrap_or(at);
            YamlError {
                span: Span::new(offset + tab, offset + tab + 1),
                message: format!("a tab where YAML needs spaces ({})", e.kind()),
                help: Some("indent with spaces; YAML does not allow tabs for indentation".into()),
            }
        }
        None if *e.kind() == granit_parser::ErrorKind::RecursionLimitExceeded => YamlError {
            span: Span::at(offset + at),
            message: format!("nested deeper than {NESTING_LIMIT} levels"),
            help: Some(
                "a news item is at most five levels deep; look for unbalanced `[` or `{`".into(),
            ),
        },
        None => YamlError::new(Span::at(offset + at), e.kind().to_string()),
    }
}

struct Builder<'a> {
    bump: &'a Bump,
    stack: bumpalo::collections::Vec<'a, Frame>,
    /// The finished children of the open collections, in order; a mapping's alternate
    /// key and value. A collection's run moves into the arena when it ends.
    pending: bumpalo::collections::Vec<'a, Node<'a>>,
    /// Each anchored node with its node count and scalar text bytes.
    anchors: HashMap<usize, (Node<'a>, usize, usize)>,
    alias_nodes: usize,
    alias_text: usize,
    /// Nodes written in the source so far, against [`NODE_LIMIT`].
    nodes: usize,
    /// Comments so far, against [`COMMENT_LIMIT`].
    comments: usize,
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
                return Err(too_many_nodes(span));
            }
        }
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Anchor(..) => {}
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError::new(
                        span,
                        "the frontmatter holds more than one YAML document",
                    ));
                }
            }
            Event::Comment(text, _) => {
                self.comments += 1;
                if self.comments > COMMENT_LIMIT {
                    return Err(too_many_comments(span));
                }
                // Only directives are kept: no other comment is read again.
                if is_directive(&text) {
                    self.document.comments.push(Comment { text, span });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let text = match text {
                    Cow::Borrowed(text) => text,
                    // Escapes and folded lines: the text differs from the source.
                    Cow::Owned(text) => self.bump.alloc_str(&text),
                };
                let tag = tag.map(|t| {
                    let text: &'a str = match t.core_suffix() {
                        Some(core) => self.bump.alloc_str(core),
                        // A local `!name` as written; any other custom tag in the verbatim
                        // form, so that `!<int>` (a local tag named `int`) is not `!!int`.
                        None if t.handle() == "!" => self.bump.alloc_str(&t.to_string()),
                        None => self
                            .bump
                            .alloc_str(&format!("!<{}{}>", t.handle(), t.suffix())),
                    };
                    &*self.bump.alloc(text)
                });
                let node = Node {
                    span,
                    value: Value::Scalar(Scalar { text, style, tag }),
                };
                self.complete(node, anchor);
            }
            Event::MappingStart(style, anchor, _) => {
                self.open(Collection::Mapping, style, span, anchor);
            }
            Event::SequenceStart(style, anchor, _) => {
                self.open(Collection::Sequence, style, span, anchor);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let children = self.pending.get(frame.first_child..).unwrap_or_default();
                // A block collection's end event comes at the next token, after any blank
                // lines and comments; it ends with its last child.
                let end = match children.last() {
                    Some(last) if !frame.flow => last.span.end,
                    _ => span.end,
                }
                .max(frame.start);
                let value = match frame.kind {
                    Collection::Mapping => Value::Mapping(self.bump.alloc_slice_fill_iter(
                        children.chunks_exact(2).map(|pair| (pair[0], pair[1])),
                    )),
                    Collection::Sequence => Value::Sequence(self.bump.alloc_slice_copy(children)),
                };
                self.pending.truncate(frame.first_child);
                let node = Node {
                    span: Span::new(frame.start, end),
                    value,
                };
                self.complete(node, frame.anchor);
            }
            Event::Alias(id) => self.alias(id, span)?,
            Event::UnresolvedAlias(name) => {
                return Err(YamlError::new(
                    span,
                    format!("alias `*{name}` refers to no anchor"),
                ));
            }
            // granit-parser's events are non-exhaustive; a new kind of presentation
            // event carries no data for the schema.
            _ => {}
        }
        Ok(())
    }

    /// A copy of an anchored node, within the alias budgets.
    fn alias(&mut self, id: usize, span: Span) -> Result<(), YamlError> {
        let Some((target, size, text)) = self.anchors.get(&id) else {
            return Err(YamlError::new(span, "alias to an unknown anchor"));
        };
        self.alias_nodes += size;
        if self.alias_nodes > ALIAS_NODE_BUDGET {
            return Err(YamlError {
                span,
                message: format!(
                    "aliases expand to more than {ALIAS_NODE_BUDGET} nodes (an alias bomb?)"
                ),
                help: Some("a news item needs no anchors or aliases; write the values out".into()),
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
                help: Some("a news item needs no anchors or aliases; write the values out".into()),
            });
        }
        // The copy shares the anchored node's children: an alias costs one node.
        let mut node = *target;
        node.span = span;
        self.complete(node, 0);
        Ok(())
    }

    fn open(&mut self, kind: Collection, style: StructureStyle, span: Span, anchor: usize) {
        self.stack.push(Frame {
            kind,
            flow: style == StructureStyle::Flow,
            start: span.start,
            anchor,
            first_child: self.pending.len(),
        });
    }

    fn complete(&mut self, node: Node<'a>, anchor: usize) {
        if anchor != 0 {
            let (nodes, text) = weight(&node);
            self.anchors.insert(anchor, (node, nodes, text));
        }
        if self.stack.is_empty() {
            self.document.root = Some(node);
        } else {
            self.pending.push(node);
        }
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

/// Whether a comment's text (after its `#`) is a `newsval:` directive: the only comments
/// the tree keeps, for the suppressions.
pub(crate) fn is_directive(comment: &str) -> bool {
    comment.trim_start().starts_with(DIRECTIVE_PREFIX)
}

/// What starts a directive comment: `# newsval: ignore[rule]`.
pub(crate) const DIRECTIVE_PREFIX: &str = "newsval:";

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Resolved {
        Scalar {
            text,
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
        let mut arena = Arena::new();
        let doc = parse("a: \"x\"\nb: [1, 2]\n", 4, &mut arena).unwrap();
        let root = doc.root.unwrap();
        let Value::Mapping(entries) = root.value else {
            panic!("not a mapping")
        };
        assert_eq!(entries[0].0.span, Span::new(4, 5));
        assert_eq!(entries[0].1.span, Span::new(7, 10));
        assert_eq!(entries[1].1.span.start, 4 + 10);
    }

    /// Every file's tree is written and walked: its nodes stay small.
    #[test]
    fn a_node_is_48_bytes() {
        assert_eq!(std::mem::size_of::<Node<'_>>(), 48);
        let mut arena = Arena::new();
        let doc = parse("a: !!str 1\nb: !custom x\n", 0, &mut arena).unwrap();
        let Some(Node {
            value: Value::Mapping(entries),
            ..
        }) = doc.root
        else {
            panic!("not a mapping")
        };
        let tags: Vec<_> = entries
            .iter()
            .map(|(_, v)| match v.value {
                Value::Scalar(s) => (s.tag.copied(), s.resolve()),
                _ => (None, Resolved::Null),
            })
            .collect();
        assert_eq!(
            tags,
            [
                (Some("str"), Resolved::Str),
                (Some("!custom"), Resolved::Str)
            ]
        );
    }

    #[test]
    fn an_arena_serves_file_after_file() {
        let first = "title: \"a\\tb\"\nrelated:\n  - {webUrl: x, quality: 1}\n";
        let second = "other: [1, [2, 3]]\n";
        let mut arena = Arena::new();
        let before = format!("{:?}", parse(first, 0, &mut arena).unwrap());
        let other = format!("{:?}", parse(second, 0, &mut arena).unwrap());
        let after = format!("{:?}", parse(first, 0, &mut arena).unwrap());
        assert_eq!(before, after);
        assert_eq!(
            other,
            format!("{:?}", parse(second, 0, &mut Arena::new()).unwrap())
        );
        assert!(before.contains("a\\tb"), "{before}");
    }

    #[test]
    fn a_hostile_tree_is_not_kept_after_its_file() {
        let huge: String = (0..20_000).map(|i| format!("k{i}: v\n")).collect();
        let mut arena = Arena::new();
        assert!(parse(&huge, 0, &mut arena).is_ok());
        assert!(arena.0.allocated_bytes() > ARENA_KEEP_LIMIT);
        assert!(parse("a: 1\n", 0, &mut arena).is_ok());
        assert!(arena.0.allocated_bytes() <= ARENA_KEEP_LIMIT);
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
        let err = parse(&yaml, 0, &mut Arena::new()).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
    }

    /// Regression: a 1 MB escaped scalar aliased 9,000 times is only 9,000 nodes, but
    /// copying it took 10 s and 1.4 GB (fixtures/hostile alias-bomb-big-scalar.md).
    #[test]
    fn alias_bomb_of_text_stops_at_the_budget() {
        let big = "x\\n".repeat(100_000);
        let yaml = format!("a: &a \"{big}\"\nb: [{}]\n", vec!["*a"; 20].join(", "));
        let err = parse(&yaml, 0, &mut Arena::new()).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
        // A few copies of a short anchored text are fine.
        assert!(parse("a: &a \"x\\ny\"\nb: [*a, *a]\n", 0, &mut Arena::new()).is_ok());
    }

    /// Regression: 900,000 keys in 10 MiB took over 10 s (2 s with the findings cap)
    /// and 190 MB to build and check (fixtures/hostile many-unknown-keys.md).
    #[test]
    fn node_count_stops_at_the_limit() {
        let yaml: String = (0..NODE_LIMIT / 2 + 1)
            .map(|i| format!("k{i}: 1\n"))
            .collect();
        let err = parse(&yaml, 0, &mut Arena::new()).unwrap_err();
        assert!(err.message.contains("more than"), "{}", err.message);
        let yaml: String = (0..NODE_LIMIT / 2 - 1)
            .map(|i| format!("k{i}: 1\n"))
            .collect();
        assert!(parse(&yaml, 0, &mut Arena::new()).is_ok());
    }

    #[test]
    fn comment_count_stops_at_the_limit() {
        let at_limit = format!("a: 1\n{}", "#\n".repeat(COMMENT_LIMIT));
        assert!(parse(&at_limit, 0, &mut Arena::new()).is_ok());
        let over = format!("{at_limit}# one more\n");
        let err = parse(&over, 0, &mut Arena::new()).unwrap_err();
        assert!(err.message.contains("comments"), "{}", err.message);
        assert_eq!(err.span.start, at_limit.len());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let yaml = "[".repeat(100_000);
        assert!(parse(&yaml, 0, &mut Arena::new()).is_err());
        let mut block = String::new();
        for depth in 0..200 {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        assert!(parse(&block, 0, &mut Arena::new()).is_err());
    }

    #[test]
    fn an_unclosed_quote_is_blamed_not_the_next_key() {
        let yaml = "a: 1\ntitle: \"Unclosed\nexcerpt: \"text\"\nb: 2\n";
        let err = parse(yaml, 4, &mut Arena::new()).unwrap_err();
        assert_eq!(err.span.start, 4 + yaml.find('"').unwrap());
        assert!(err.message.contains("never closed"), "{}", err.message);
        let list = "a: 1\ntopics: [AI, Facebook AI\nrelated:\n  - x\n";
        let err = parse(list, 0, &mut Arena::new()).unwrap_err();
        assert_eq!(err.span.start, list.find('[').unwrap(), "{}", err.message);
        assert!(
            err.message.contains("`[` is never closed"),
            "{}",
            err.message
        );
        // A quoted list item that holds `: ` is no key.
        assert_eq!(opening_quote("  - \"a: b"), Some((4, '"')));
        assert_eq!(opening_quote("\"title\": \"x"), Some((9, '"')));
        assert_eq!(opening_quote("\"continued"), None);
        // The first key of a list item, after a closed list with an apostrophe in it.
        let item =
            "topics: [Meta's AI, C#]\nrelated:\n  - title: \"Unclosed\n    excerpt: \"text\"\n";
        let err = parse(item, 0, &mut Arena::new()).unwrap_err();
        assert_eq!(err.span.start, item.find('"').unwrap(), "{}", err.message);
        assert!(err.message.contains("never closed"), "{}", err.message);
        // A legitimate multi-line flow mapping is no suspect for a later error.
        let fine = "provider: {name: Axios,\n  domain: axios.com}\nb: [\n";
        let err = parse(fine, 0, &mut Arena::new()).unwrap_err();
        assert!(!err.message.contains("never closed"), "{}", err.message);
        // A legitimate multi-line quoted string is no suspect.
        let fine = "title: \"one\n  two\"\nb: [\n";
        let err = parse(fine, 0, &mut Arena::new()).unwrap_err();
        assert!(!err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn a_tab_is_blamed_where_it_is() {
        let yaml = "provider:\n\tname: Axios\n";
        let err = parse(yaml, 0, &mut Arena::new()).unwrap_err();
        assert_eq!(err.span.start, yaml.find('\t').unwrap(), "{}", err.message);
        assert!(err.help.unwrap_or_default().contains("spaces"));
    }

    #[test]
    fn second_document_is_an_error() {
        assert!(parse("a: 1\n--- b\n", 0, &mut Arena::new()).is_err());
    }

    #[test]
    fn keeps_directive_comments_only() {
        let mut arena = Arena::new();
        let doc = parse("# a note\na: 1 # newsval: ignore[x]\n#\n", 0, &mut arena).unwrap();
        assert_eq!(doc.comments.len(), 1, "{:?}", doc.comments);
        assert_eq!(doc.comments[0].text, " newsval: ignore[x]");
        assert_eq!(doc.comments[0].span, Span::new(14, 34));
    }

    fn root_value<'a>(yaml: &'a str, arena: &'a mut Arena) -> Node<'a> {
        let Some(Node {
            value: Value::Mapping(entries),
            ..
        }) = parse(yaml, 0, arena).unwrap().root
        else {
            panic!("not a mapping")
        };
        entries[0].1
    }

    #[test]
    fn a_flow_collection_ends_after_its_bracket_a_block_one_with_its_last_child() {
        for (yaml, spanned) in [
            ("p: [Axios, axios.com]\nq: 1\n", "[Axios, axios.com]"),
            ("p: {name: Axios}  \nq: 1\n", "{name: Axios}"),
            ("p: [ ]\n", "[ ]"),
            ("p:\n  - a\n  - b\n\n# note\nq: 1\n", "- a\n  - b"),
        ] {
            let mut arena = Arena::new();
            let node = root_value(yaml, &mut arena);
            assert_eq!(&yaml[node.span.start..node.span.end], spanned, "{yaml:?}");
        }
    }

    #[test]
    fn a_verbatim_local_tag_is_not_a_core_one() {
        for (yaml, tag, resolved) in [
            ("q: !<int> 21\n", "!<int>", Resolved::Str),
            ("q: !<null> x\n", "!<null>", Resolved::Str),
            (
                "q: !<tag:yaml.org,2002:int> 21\n",
                "int",
                Resolved::Int(Some(21)),
            ),
            ("q: !local 21\n", "!local", Resolved::Str),
        ] {
            let mut arena = Arena::new();
            let Value::Scalar(s) = root_value(yaml, &mut arena).value else {
                panic!("not a scalar")
            };
            assert_eq!(
                (s.tag.copied(), s.resolve()),
                (Some(tag), resolved),
                "{yaml:?}"
            );
        }
    }

    #[test]
    fn quotes_and_hashes_inside_plain_flow_scalars_are_text() {
        assert!(balanced("[Meta's AI, C# news, Facebook AI]"));
        assert!(balanced("[it's, 'a '' b', \"c\\\" ]\"]"));
        assert!(balanced("{name: O'Reilly, domain: oreilly.com}"));
        assert!(!balanced("['a, b]"));
        assert!(!balanced("[a, # b]"));
        assert!(!balanced("[Meta's AI, AI"));
    }

    #[test]
    fn an_opener_after_the_error_is_not_blamed() {
        // The parser's error is at `b:`, before the `[` on its line.
        let yaml = "*x: [a,\nb: c]\n";
        assert_eq!(unclosed_opener(yaml, 1), None);
        assert!(parse(yaml, 0, &mut Arena::new()).is_err());
    }

    #[test]
    fn the_opener_is_looked_for_near_the_error_only() {
        let near = "a: [x\nb: 1\n";
        assert_eq!(unclosed_opener(near, near.len() - 1), Some((3, '[')));
        let far = format!("a: [x\nb: 1\n{}", "\n".repeat(OPENER_SEARCH_LINES + 1));
        assert_eq!(unclosed_opener(&far, far.len() - 1), None);
    }
}
