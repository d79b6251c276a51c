//! Suppressions: `# newsval: ignore[rule, ...]` comments in the frontmatter silence
//! findings on their own line (or, alone on a line, on the next line with content);
//! `# newsval: ignore-file[rule, ...]` silences them in the whole file. A suppression
//! that silences nothing is itself reported (`unused-suppression`), as ruff does.

use std::collections::HashMap;

use crate::diagnostic::{Finding, Span};
use crate::rule::Rule;
use crate::rule::Severities;
use crate::source::LineIndex;
use crate::yaml::{Comment, DIRECTIVE_PREFIX as PREFIX, is_directive};

const FORMS: &str = "write `# newsval: ignore[rule-id, ...]` (this line or the next) or `# newsval: ignore-file[rule-id, ...]`";

/// One rule named in one directive.
#[derive(Debug)]
struct Entry {
    rule: Rule,
    /// The line it applies to; `None` for the whole file.
    line: Option<usize>,
    /// The comment it came from, where an unused entry is reported.
    span: Span,
    used: bool,
}

/// A file's directives, read before its rules run: a finding they silence is dropped as
/// it is reported, so it never takes a place under the findings limit.
#[derive(Debug)]
pub(crate) struct Suppressions {
    entries: Vec<Entry>,
    /// The entries by what they silence: a finding looks up its rule file-wide and on its
    /// line instead of being compared with every entry, and the entries of one target are
    /// marked used once, so a file of many directives and findings stays linear.
    by_target: HashMap<(Rule, Option<usize>), Vec<usize>>,
    /// Directives that cannot be read or name no rule (`unused-suppression`).
    problems: Vec<Finding>,
}

impl Suppressions {
    /// The directives among `comments`; `None` when there are none.
    pub(crate) fn read(
        comments: &[Comment<'_>],
        text: &str,
        index: &LineIndex<'_>,
    ) -> Option<Self> {
        let directives: Vec<&Comment<'_>> =
            comments.iter().filter(|c| is_directive(&c.text)).collect();
        if directives.is_empty() {
            return None;
        }
        let (entries, problems) = entries(&directives, text, index);
        let mut by_target: HashMap<(Rule, Option<usize>), Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            by_target
                .entry((entry.rule, entry.line))
                .or_default()
                .push(i);
        }
        Some(Suppressions {
            entries,
            by_target,
            problems,
        })
    }

    /// Whether a directive silences `rule` on `line`; the entries that do are then used.
    pub(crate) fn silences(&mut self, rule: Rule, line: usize) -> bool {
        let mut silenced = false;
        for target in [(rule, None), (rule, Some(line))] {
            if let Some(unmarked) = self.by_target.get_mut(&target) {
                for i in unmarked.drain(..) {
                    self.entries[i].used = true;
                }
                silenced = true;
            }
        }
        silenced
    }

    /// One `unused-suppression` per entry that silenced nothing (or cannot be read), and
    /// where `duplicate-item` is silenced (a line, or `None` for the whole file): that
    /// rule is decided only after every file has been checked.
    pub(crate) fn finish(self, severities: &Severities) -> (Vec<Finding>, Vec<Option<usize>>) {
        let mut problems = self.problems;
        let mut duplicate_item = Vec::new();
        for entry in self.entries {
            if entry.rule == Rule::DuplicateItem {
                duplicate_item.push(entry.line);
                continue;
            }
            // A rule turned off in the config has nothing to silence; that is not a mistake.
            if entry.used || severities.of(entry.rule).is_none() {
                continue;
            }
            let scope = if entry.line.is_some() {
                "on its line"
            } else {
                "in this file"
            };
            problems.push(
                Finding::new(
                    Rule::UnusedSuppression,
                    entry.span,
                    format!(
                        "the suppression of `{}` silences nothing {scope}",
                        entry.rule
                    ),
                )
                .help("remove it, or move it to the line that has the problem"),
            );
        }
        (problems, duplicate_item)
    }
}

/// Each rule each directive names, and the directives that cannot be read.
fn entries(
    directives: &[&Comment<'_>],
    text: &str,
    index: &LineIndex<'_>,
) -> (Vec<Entry>, Vec<Finding>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut scanned = None;
    for &comment in directives {
        match parse(comment.text.trim_start()) {
            Ok((file_wide, names)) => {
                let line = (!file_wide).then(|| target_line(comment, text, index, &mut scanned));
                for name in names {
                    match name.parse::<Rule>() {
                        Ok(rule) => entries.push(Entry {
                            rule,
                            line,
                            span: comment.span,
                            used: false,
                        }),
                        Err(unknown) => problems.push(
                            Finding::new(
                                Rule::UnusedSuppression,
                                comment.span,
                                format!(
                                    "`{name}` is not a rule, so this suppression silences nothing"
                                ),
                            )
                            .help(match unknown.suggestion {
                                Some(s) => format!("did you mean `{s}`?"),
                                None => "`newsval rules` lists the rule ids".to_owned(),
                            }),
                        ),
                    }
                }
            }
            Err(problem) => problems.push(
                Finding::new(
                    Rule::UnusedSuppression,
                    comment.span,
                    format!("this newsval comment is not a suppression: {problem}"),
                )
                .help(FORMS),
            ),
        }
    }
    (entries, problems)
}

/// `ignore[a, b]` or `ignore-file[a]` after the `newsval:` prefix.
fn parse(text: &str) -> Result<(bool, Vec<&str>), &'static str> {
    let rest = text.strip_prefix(PREFIX).unwrap_or(text).trim();
    let (file_wide, list) = if let Some(list) = rest.strip_prefix("ignore-file") {
        (true, list)
    } else if let Some(list) = rest.strip_prefix("ignore") {
        (false, list)
    } else {
        return Err("expected `ignore[...]` or `ignore-file[...]`");
    };
    let list = list.trim_start();
    let Some(inner) = list.strip_prefix('[').and_then(|l| l.split_once(']')) else {
        return Err("the rule ids go in brackets");
    };
    let (inner, after) = inner;
    if !after.trim().is_empty() {
        return Err("unexpected text after `]`");
    }
    let names: Vec<&str> = inner
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Err("no rule ids in the brackets");
    }
    Ok((file_wide, names))
}

/// Where the last search for a directive's target line stopped: at the content line it
/// found (its offset and number), or past the end of the text (`line` is `None`).
#[derive(Debug, Clone, Copy)]
struct Scanned {
    until: usize,
    line: Option<usize>,
}

/// The line a line directive applies to: its own line when it ends a line with content,
/// else the next line that has content other than a comment.
///
/// Directives come in file order, and those above one content line share it: a directive
/// before where the last search stopped takes its answer, so every line is searched once
/// however many directives there are (`scanned` carries that from one call to the next).
fn target_line(
    comment: &Comment<'_>,
    text: &str,
    index: &LineIndex<'_>,
    scanned: &mut Option<Scanned>,
) -> usize {
    let line = index.line(comment.span.start);
    let own = index.line_text(comment.span.start);
    let before = own.find('#').map_or(own, |hash| &own[..hash]);
    if !before.trim().is_empty() {
        return line;
    }
    if let Some(last) = *scanned
        && comment.span.end < last.until
    {
        return last.line.unwrap_or(line + 1);
    }
    // The lines after the directive's own, read straight from the text: a search past
    // millions of blank lines does not look each one up in the index.
    let rest = text.get(comment.span.end..).unwrap_or_default();
    let mut offset = rest
        .find('\n')
        .map_or(text.len(), |i| comment.span.end + i + 1);
    let mut found = None;
    for next in text.get(offset..).unwrap_or_default().split_inclusive('\n') {
        let content = next.trim();
        if !content.is_empty() && !content.starts_with('#') {
            found = Some(index.line(offset));
            break;
        }
        offset += next.len();
    }
    let until = if found.is_some() {
        offset
    } else {
        text.len() + 1
    };
    *scanned = Some(Scanned { until, line: found });
    found.unwrap_or(line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_directives_share_the_next_content_line() {
        let text = "a: 1 # newsval: ignore[x]\n# newsval: ignore[x]\n\n# other\n# newsval: ignore[x]\nb: 2\n# newsval: ignore[x]\nc: 3\n# newsval: ignore[x]\n\n";
        let mut arena = crate::yaml::Arena::new();
        let comments = crate::yaml::parse(text, 0, &mut arena).unwrap().comments;
        let index = LineIndex::new(text);
        let mut scanned = None;
        let lines: Vec<usize> = comments
            .iter()
            .map(|c| target_line(c, text, &index, &mut scanned))
            .collect();
        assert_eq!(lines, [1, 6, 6, 8, 10]);
    }

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse("newsval: ignore[future-date, untrimmed-text]"),
            Ok((false, vec!["future-date", "untrimmed-text"]))
        );
        assert_eq!(
            parse("newsval:ignore-file[ duplicate-topic ]"),
            Ok((true, vec!["duplicate-topic"]))
        );
        assert!(parse("newsval: ignore").is_err());
        assert!(parse("newsval: ignore[]").is_err());
        assert!(parse("newsval: skip[future-date]").is_err());
        assert!(parse("newsval: ignore[future-date] extra").is_err());
    }
}
