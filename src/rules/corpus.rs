//! Cross-file rules over everything one run checks: `duplicate-item`.

use std::collections::HashMap;

use url::Url;

use super::Rule;
use crate::diagnostic::{Diagnostic, Position, Span};

/// Where one file's originalUrl sits, kept after the file's own checks are done.
#[derive(Debug, Clone)]
pub(crate) struct OriginalUrl {
    pub(crate) path: String,
    pub(crate) url: Url,
    pub(crate) span: Span,
    pub(crate) start: Position,
    pub(crate) end: Position,
    pub(crate) source_line: String,
    /// A `# newsval: ignore[duplicate-item]` covers this file's originalUrl.
    pub(crate) suppressed: bool,
}

impl OriginalUrl {
    /// `duplicate-item` on this file, naming `first`, which has the same originalUrl.
    pub(crate) fn duplicate_of(&self, first: &OriginalUrl) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            rule: Rule::DuplicateItem,
            severity: Rule::DuplicateItem.default_severity(),
            span: self.span,
            start: self.start,
            end: self.end,
            field: Some("originalUrl".into()),
            message: format!(
                "originalUrl is also the originalUrl of {}:{}",
                first.path, first.start.line
            ),
            help: Some(format!(
                "{} and {} are the same item; keep one file",
                first.path, self.path
            )),
            source_line: Some(self.source_line.clone()),
            fix: None,
        }
    }
}

/// `duplicate-item`: every file after the first (in path order) that reuses an
/// originalUrl gets one warning naming the file that has it first.
pub(crate) fn duplicate_items(mut urls: Vec<OriginalUrl>) -> Vec<Diagnostic> {
    urls.sort_by(|a, b| a.path.cmp(&b.path).then(a.start.cmp(&b.start)));
    let mut first_seen: HashMap<&Url, &OriginalUrl> = HashMap::new();
    let mut diagnostics = Vec::new();
    for entry in &urls {
        match first_seen.get(&entry.url) {
            Some(_) if entry.suppressed => {}
            Some(first) => diagnostics.push(entry.duplicate_of(first)),
            None => {
                first_seen.insert(&entry.url, entry);
            }
        }
    }
    diagnostics
}
