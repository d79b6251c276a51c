//! One file through the whole flow: read → decode → split → YAML → schema and rules →
//! diagnostics with lines and columns. Nothing here touches more than one file.

use std::path::Path;

use crate::Settings;
use crate::diagnostic::{Diagnostic, Finding, Span};
use crate::frontmatter::{self, SplitError};
use crate::model::NewsItem;
use crate::read::{self, ReadError};
use crate::rules::corpus::OriginalUrl;
use crate::rules::{Checker, Rule};
use crate::source::LineIndex;
use crate::{suppress, yaml};

/// What checking one file produced.
#[derive(Debug)]
pub(crate) struct FileOutcome {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The parsed originalUrl, for the cross-file `duplicate-item`. The run keeps only a
    /// hash of it per file; [`original_url`] rebuilds the details when two files share one.
    pub(crate) original_url: Option<SeenUrl>,
}

/// A file's originalUrl as its own check saw it.
#[derive(Debug)]
pub(crate) struct SeenUrl {
    pub(crate) url: url::Url,
    pub(crate) span: Span,
    /// A `# newsval: ignore[duplicate-item]` covers it.
    pub(crate) suppressed: bool,
}

/// Reads the file at `path` into `buffer` and checks it, shown as `display` in diagnostics,
/// its YAML tree built in `arena`.
pub(crate) fn check_path(
    path: &Path,
    display: &str,
    settings: &Settings,
    buffer: &mut Vec<u8>,
    arena: &mut yaml::Arena,
) -> FileOutcome {
    match read::read_file_into(path, settings.config.size_limit, buffer) {
        Ok(_) => check_bytes(display, buffer, settings, arena),
        Err(error) => read_failure(display, &error, settings),
    }
}

/// Checks bytes that came from somewhere (a file, standard input).
pub(crate) fn check_bytes(
    display: &str,
    bytes: &[u8],
    settings: &Settings,
    arena: &mut yaml::Arena,
) -> FileOutcome {
    match read::decode(bytes) {
        Ok(text) => check_text(display, text, settings, arena),
        Err(error) => {
            // The valid prefix is text, so the bad byte still gets a line and column.
            let offset = match &error {
                ReadError::Encoding { offset, .. } => *offset,
                ReadError::Unreadable(_) => 0,
            };
            let prefix = read::decode(&bytes[..offset]).unwrap_or_default();
            let finding = Finding::new(rule_of(&error), Span::at(offset), error.to_string())
                .help("save the file as UTF-8");
            FileOutcome {
                diagnostics: to_diagnostics(display, prefix, vec![finding], settings),
                original_url: None,
            }
        }
    }
}

pub(crate) fn read_failure(display: &str, error: &ReadError, settings: &Settings) -> FileOutcome {
    let finding = Finding::new(rule_of(error), Span::at(0), error.to_string());
    FileOutcome {
        diagnostics: to_diagnostics(display, "", vec![finding], settings),
        original_url: None,
    }
}

fn rule_of(error: &ReadError) -> Rule {
    match error {
        ReadError::Unreadable(_) => Rule::UnreadableFile,
        ReadError::Encoding { .. } => Rule::InvalidEncoding,
    }
}

/// Checks decoded text.
pub(crate) fn check_text(
    display: &str,
    text: &str,
    settings: &Settings,
    arena: &mut yaml::Arena,
) -> FileOutcome {
    check_text_and_item(display, text, settings, arena, false).0
}

/// [`check_text`], and the typed item when the file is valid.
pub(crate) fn check_item(
    display: &str,
    text: &str,
    settings: &Settings,
) -> (FileOutcome, Option<NewsItem>) {
    check_text_and_item(display, text, settings, &mut yaml::Arena::new(), true)
}

/// A check of many files wants no item: it would copy each body only to drop it.
/// One file of any collection: its frontmatter as a generic value, or its diagnostics.
pub(crate) fn check_value(
    display: &str,
    text: &str,
    settings: &Settings,
) -> Result<crate::value::Item, Vec<Diagnostic>> {
    let mut diagnostics = check_text(display, text, settings, &mut yaml::Arena::new()).diagnostics;
    if diagnostics
        .iter()
        .any(|d| d.severity == crate::Severity::Error)
    {
        diagnostics.sort_by(Diagnostic::sort_key_cmp);
        return Err(diagnostics);
    }
    let mut arena = yaml::Arena::new();
    let root = frontmatter::split(text).ok().and_then(|split| {
        let document = yaml::parse(split.frontmatter, split.frontmatter_offset, &mut arena).ok()?;
        let lines = LineIndex::new(text);
        document
            .root
            .map(|root| crate::value::Item::from_node(&root, &lines))
    });
    root.ok_or(diagnostics)
}

fn check_text_and_item(
    display: &str,
    text: &str,
    settings: &Settings,
    arena: &mut yaml::Arena,
    want_item: bool,
) -> (FileOutcome, Option<NewsItem>) {
    let severities = settings.severities_for(display);
    let mut checker = Checker::new(&settings.rules, &severities, text);
    let mut item = None;
    let mut original_url = None;
    match frontmatter::split(text) {
        Err(SplitError::Missing) => {
            let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let first_line_end = text[at..].find(['\r', '\n']).map_or(text.len(), |e| at + e);
            let (message, help) = if has_cr_only_line_ends(&text[at..]) {
                (
                    "the file's lines end in a lone CR (classic Mac OS line endings), so its \
                     first line is not `---`",
                    "convert the line endings to LF or CRLF, e.g. `tr '\\r' '\\n'`",
                )
            } else if text.trim().is_empty() {
                (
                    "the file is empty; a news item starts with `---` and its frontmatter",
                    START_HELP,
                )
            } else {
                (
                    "the file does not start with a `---` line, so it has no frontmatter",
                    START_HELP,
                )
            };
            checker.report(
                Finding::new(
                    Rule::MissingFrontmatter,
                    Span::new(at, first_line_end),
                    message,
                )
                .help(help),
            );
        }
        Err(SplitError::Unclosed { opening }) => checker.report(
            Finding::new(
                Rule::UnclosedFrontmatter,
                Span::new(opening.start, opening.end),
                "the frontmatter opened here is never closed",
            )
            .help("end the frontmatter with a line `---` (or `...`) before the body"),
        ),
        Ok(split) => match yaml::parse(split.frontmatter, split.frontmatter_offset, arena) {
            Err(error) => checker.report(
                Finding::new(Rule::YamlSyntax, error.span, format!("invalid YAML: {}", error.message))
                    .help(error.help.unwrap_or_else(|| "fix the YAML syntax; quote values that contain `: `, `#`, or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `'`, `\"`, `%` or `@`".to_owned())),
            ),
            Ok(document) => {
                if let Some(strict) = &document.lenient {
                    checker.report(
                        Finding::new(
                            Rule::LenientYaml,
                            strict.span,
                            format!(
                                "YAML 1.2 rejects this, though lenient parsers accept it: {}",
                                strict.message
                            ),
                        )
                        .help(LENIENT_HELP),
                    );
                }
                match &document.root {
                Some(root) => {
                    // Read before the rules run, so what they silence is dropped as it comes.
                    if !document.comments.is_empty() {
                        let suppressions = suppress::Suppressions::read(&document.comments, text, checker.lines());
                        checker.suppressions = suppressions;
                    }
                    let schema = settings.schema_for(display);
                    let mark = checker.mark();
                    let walked = crate::schema::walk::check_root(&mut checker, schema, root);
                    if want_item && !checker.has_errors_since(mark) {
                        item = crate::model::Article::from_node(root).map(|article| NewsItem {
                            article,
                            body: split.body.to_owned(),
                            body_line: split.body_line,
                        });
                    }
                    original_url = walked.original_url.map(|(url, span)| SeenUrl {
                        url,
                        span,
                        suppressed: false,
                    });
                    if let Some(suppressions) = checker.suppressions.take() {
                        let (problems, silenced) = suppressions.finish(&severities);
                        // Through `report`, so they too stop at the file's limit.
                        problems.into_iter().for_each(|problem| checker.report(problem));
                        if let Some(url) = &mut original_url {
                            let line = checker.lines().line(url.span.start);
                            url.suppressed = silenced.iter().any(|l| l.is_none_or(|l| l == line));
                        }
                    }
                }
                None => checker.report(
                    Finding::new(
                        Rule::InvalidType,
                        Span::at(split.frontmatter_offset),
                        "the frontmatter is empty; expected a mapping of the article's fields",
                    )
                    .help("write the fields between the `---` lines, one `key: value` per line"),
                ),
            }
            }
        },
    }
    // Most files are clean: their lines are indexed only when there is something to show.
    let (findings, lines) = checker.finish();
    let diagnostics = if findings.is_empty() {
        Vec::new()
    } else {
        let lines = lines.unwrap_or_else(|| LineIndex::new(text));
        to_diagnostics_with(display, &lines, findings, &severities)
    };
    (
        FileOutcome {
            diagnostics,
            original_url,
        },
        item,
    )
}

/// How a news item starts, for a file that does not.
/// YAML 1.2 (sections 6.1 and 7.3): the lines that continue a quoted scalar or a flow
/// collection are indented more than the key that holds it, and indentation is spaces.
const LENIENT_HELP: &str = "YAML 1.2 needs the continuation lines of a quoted value or a `[...]`/`{...}` list indented more than its key, and spaces (no tabs) as indentation; PyYAML and ruamel.yaml accept this, strict parsers do not";

const START_HELP: &str = "start the file with a line `---`, the YAML fields, then another `---`";

/// A `---` line ended by a CR with no LF after it: lines the spec does not accept
/// (LF or CRLF only), which would otherwise read as one long first line.
fn has_cr_only_line_ends(text: &str) -> bool {
    text.strip_prefix("---")
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .is_some_and(|rest| rest.starts_with('\r') && !rest.starts_with("\r\n"))
}

/// The originalUrl of a file's bytes with its position and source line, for the
/// `duplicate-item` diagnostic; `None` when the file has no valid originalUrl.
pub(crate) fn original_url(
    display: &str,
    bytes: &[u8],
    settings: &Settings,
    arena: &mut yaml::Arena,
) -> Option<OriginalUrl> {
    let text = read::decode(bytes).ok()?;
    let seen = check_text(display, text, settings, arena).original_url?;
    let index = LineIndex::new(text);
    Some(OriginalUrl {
        path: display.to_owned(),
        start: index.position(seen.span.start),
        end: index.position(seen.span.end),
        source_line: index.line_text(seen.span.start).to_owned(),
        url: seen.url,
        span: seen.span,
        suppressed: seen.suppressed,
    })
}

/// Lines up to this many bytes are kept whole for the snippet; longer ones (a 10 MB
/// one-line flow mapping) are cut shortly after the column, or dropped when the column
/// is far in, so a thousand diagnostics on one huge line stay small.
const MAX_SOURCE_LINE: usize = 16 * 1024;
/// Bytes kept after the column when a long line is cut: more than a snippet shows.
const SOURCE_LINE_TAIL: usize = 512;

/// The source line holding `offset`, as the renderers need it.
fn source_line(index: &LineIndex<'_>, offset: usize) -> Option<String> {
    let line = index.line_text(offset);
    if line.len() <= MAX_SOURCE_LINE {
        return Some(line.to_owned());
    }
    let column_at = offset.saturating_sub(index.line_start(offset));
    let mut cut = column_at.saturating_add(SOURCE_LINE_TAIL);
    if cut > MAX_SOURCE_LINE {
        return None;
    }
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(line[..cut].to_owned())
}

fn to_diagnostics(
    display: &str,
    text: &str,
    findings: Vec<Finding>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let severities = settings.severities_for(display);
    to_diagnostics_with(display, &LineIndex::new(text), findings, &severities)
}

/// Gives findings their severity (or drops those turned off) and their line and column.
fn to_diagnostics_with(
    display: &str,
    index: &LineIndex<'_>,
    findings: Vec<Finding>,
    severities: &crate::rule::Severities,
) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .filter_map(|f| {
            let severity = severities.of_finding(f.rule, f.demoted)?;
            Some(Diagnostic {
                path: display.to_owned(),
                rule: f.rule,
                severity,
                start: index.position(f.span.start),
                end: index.position(f.span.end),
                source_line: source_line(index, f.span.start).filter(|line| !line.is_empty()),
                span: f.span,
                field: f.field,
                message: f.message,
                help: f.help,
                fix: f.fix,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cr_only_line_ends_are_named() {
        assert!(has_cr_only_line_ends("---\rcategory: news\r---\r"));
        assert!(has_cr_only_line_ends("--- \rcategory: news"));
        assert!(!has_cr_only_line_ends("---\r\ncategory: news\r\n"));
        assert!(!has_cr_only_line_ends("---\ncategory: news\r"));
        assert!(!has_cr_only_line_ends("title: x\r"));
    }
}
