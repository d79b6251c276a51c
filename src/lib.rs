//! newsval checks news-item files: Markdown or text files that open with a YAML
//! frontmatter describing an article.
//!
//! Data flows one way, one module per step:
//!
//! ```text
//! discover → read → frontmatter (split) → yaml (tree with spans) → rules (schema walk
//! builds the typed model; url, date, secured, lists; corpus across files)
//! → diagnostic → render → exit code (in the binary)
//! ```
//!
//! [`check`] runs the whole flow over paths and returns a [`Report`]; [`parse_item`]
//! turns one file's text into the typed [`model::NewsItem`] or its diagnostics.
//! The library never prints: problems in the files are [`Diagnostic`]s, and `Err` is
//! kept for failures of the tool itself (a missing path, a bad config).

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod check;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod frontmatter;
pub mod model;
pub mod read;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
mod suppress;
pub mod yaml;

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rayon::prelude::*;

pub use config::Config;
pub use diagnostic::{Diagnostic, Position, Severity, Span};
pub use rules::{Rule, RuleSettings};

/// Everything one run needs besides its inputs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub rules: RuleSettings,
    /// Fill [`Report::files`] (JUnit lists clean files too). Off, the run keeps no name
    /// of a clean file beyond what `duplicate-item` needs.
    pub list_files: bool,
}

impl Settings {
    /// Settings from a config, with the clock pinned at `now`.
    pub fn new(config: Config, now: DateTime<Utc>) -> Self {
        let rules = RuleSettings {
            categories: config.categories.clone(),
            types: config.types.clone(),
            now,
            future_tolerance: config.future_tolerance,
        };
        Settings {
            config,
            rules,
            list_files: false,
        }
    }
}

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder to walk.
    Path(PathBuf),
    /// Bytes read from standard input, shown under `name`.
    Bytes { name: String, bytes: Vec<u8> },
}

/// The outcome of a run: every diagnostic, sorted by path, line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub files_checked: usize,
    /// The display path of every checked file, sorted, when [`Settings::list_files`] asks
    /// for it (formats that list clean files too); empty otherwise.
    pub files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// A failure of the run itself, not a problem in a file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Discover(#[from] discover::DiscoverError),
}

/// Checks every input, files in parallel; the report is the same for any thread count.
pub fn check(inputs: &[Input], settings: &Settings, no_exclude: bool) -> Result<Report, Error> {
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Bytes { .. } => None,
        })
        .collect();
    let duplicate_item = settings.config.severity(Rule::DuplicateItem);
    let checked = Mutex::new(Vec::new());
    if !paths.is_empty() {
        discover::walk(&paths, &settings.config, no_exclude, || FileChecker {
            settings,
            keep_url: duplicate_item.is_some(),
            checked: Vec::new(),
            done: &checked,
        })?;
    }
    let mut checked = checked.into_inner().unwrap_or_else(|e| e.into_inner());
    // Byte order of the paths: as deterministic as `Path`'s component order, and a plain
    // memcmp, which matters at 100k files. A file named twice was checked twice; one
    // check of it is kept. The sorts stay on this thread (a few ms at 100k files): a run
    // with no parallel work does not start the thread pool.
    checked.sort_unstable_by(|a, b| {
        (a.path.as_os_str(), a.walk_problem).cmp(&(b.path.as_os_str(), b.walk_problem))
    });
    checked.dedup_by(|later, first| later.path == first.path);
    let mut diagnostics = Vec::new();
    let mut url_hashes = Vec::new();
    for (index, file) in checked.iter_mut().enumerate() {
        diagnostics.append(&mut file.diagnostics);
        url_hashes.extend(file.url_hash.map(|hash| (hash, index)));
    }
    let stdin: Vec<(&String, &Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Bytes { name, bytes } => Some((name, bytes)),
            Input::Path(_) => None,
        })
        .collect();
    for (index, &(name, bytes)) in stdin.iter().enumerate() {
        let limit = settings.config.size_limit;
        // Standard input is read only up to one byte past the limit.
        let outcome = if bytes.len() as u64 > limit {
            check::read_failure(name, &read::over_limit(limit), settings)
        } else {
            check::check_bytes(name, bytes, settings)
        };
        if duplicate_item.is_some() {
            url_hashes.extend(url_hash(&outcome).map(|hash| (hash, checked.len() + index)));
        }
        diagnostics.extend(outcome.diagnostics);
    }
    // Only files whose originalUrl hash is shared are read again for the details (path,
    // line, source line); the rule then compares the URLs themselves. With none, no
    // parallel iterator: even an empty one would start the thread pool.
    let shared = shared_hashes(url_hashes);
    if let (Some(severity), false) = (duplicate_item, shared.is_empty()) {
        let original_urls: Vec<_> = shared
            .into_par_iter()
            .filter_map(|index| match checked.get(index) {
                Some(file) if !file.walk_problem => {
                    let bytes = read::read_file(&file.path, settings.config.size_limit).ok()?;
                    check::original_url(&display_path(&file.path), &bytes, settings)
                }
                Some(_) => None,
                None => {
                    let &(name, bytes) = stdin.get(index - checked.len())?;
                    check::original_url(name, bytes, settings)
                }
            })
            .collect();
        diagnostics.extend(
            rules::corpus::duplicate_items(original_urls)
                .into_iter()
                .map(|d| Diagnostic { severity, ..d }),
        );
    }
    diagnostics.sort_by(Diagnostic::sort_key_cmp);
    let files_checked = checked.len() + stdin.len();
    // Shown again rather than kept from the check: a second string per file would be
    // most of what the run holds for a clean file.
    let mut files = Vec::new();
    if settings.list_files {
        files.extend(checked.iter().map(|file| display_path(&file.path)));
        files.extend(stdin.iter().map(|&(name, _)| name.clone()));
        files.sort();
    }
    Ok(Report {
        files_checked,
        files,
        diagnostics,
    })
}

/// What the run keeps of one checked file.
struct CheckedFile {
    /// Boxed: no spare capacity, 8 bytes less than a `PathBuf`.
    path: Box<std::path::Path>,
    /// The walk could not reach it: it was not read.
    walk_problem: bool,
    diagnostics: Vec<Diagnostic>,
    /// A hash of its originalUrl, when valid, for `duplicate-item`: 8 bytes a file
    /// instead of the URL, its line and its source line.
    url_hash: Option<u64>,
}

/// One walk thread's checks: each file the walk hands it is checked on the spot, and
/// the outcomes go to the run when the walk is over.
struct FileChecker<'a> {
    settings: &'a Settings,
    keep_url: bool,
    checked: Vec<CheckedFile>,
    done: &'a Mutex<Vec<CheckedFile>>,
}

impl discover::Sink for FileChecker<'_> {
    fn found(&mut self, found: discover::Found) {
        let shown = display_path(found.path());
        let (outcome, walk_problem) = match &found {
            discover::Found::File(path) => (check::check_path(path, &shown, self.settings), false),
            discover::Found::Problem { message, .. } => (
                check::read_failure(
                    &shown,
                    &read::ReadError::Unreadable(message.clone()),
                    self.settings,
                ),
                true,
            ),
        };
        self.checked.push(CheckedFile {
            path: found.into_path().into_boxed_path(),
            walk_problem,
            url_hash: if self.keep_url {
                url_hash(&outcome)
            } else {
                None
            },
            diagnostics: outcome.diagnostics,
        });
    }
}

impl Drop for FileChecker<'_> {
    fn drop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.append(&mut self.checked);
    }
}

fn url_hash(outcome: &check::FileOutcome) -> Option<u64> {
    let url = &outcome.original_url.as_ref()?.url;
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(url.as_str(), &mut hasher);
    Some(std::hash::Hasher::finish(&hasher))
}

/// The indices of the files whose originalUrl hash some other file shares.
fn shared_hashes(mut url_hashes: Vec<(u64, usize)>) -> Vec<usize> {
    url_hashes.sort_unstable();
    url_hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
        .flatten()
        .map(|&(_, index)| index)
        .collect()
}

/// Checks one file's bytes on their own (no walk, no cross-file rules).
pub fn check_bytes(name: &str, bytes: &[u8], settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics = check::check_bytes(name, bytes, settings).diagnostics;
    diagnostics.sort_by(Diagnostic::sort_key_cmp);
    diagnostics
}

/// Parses and checks one news item; the typed item when it has no errors.
///
/// ```
/// use newsval::{Config, Settings};
///
/// let text = "---\ncategory: news\ntitle: PyTorch moves\nexcerpt: It moves.\n\
///     publishedDateTime: 2022-09-12T13:00:00Z\n\
///     originalUrl: https://www.axios.com/a\nwebUrl: https://www.axios.com/a\n\
///     type: article\nquality: 21\nheat: -1\npublished: false\n\
///     provider: {name: Axios, domain: axios.com}\n---\n# Body\n";
/// let settings = Settings::new(Config::default(), chrono::Utc::now());
/// let item = newsval::parse_item(text, &settings).expect("a valid item");
/// assert_eq!(item.article.provider.domain, "axios.com");
/// assert_eq!(item.body_line, 14);
///
/// let broken = text.replace("quality: 21", "quality: \"21\"");
/// let diagnostics = newsval::parse_item(&broken, &settings).unwrap_err();
/// assert_eq!(diagnostics[0].rule.id(), "invalid-type");
/// assert_eq!((diagnostics[0].start.line, diagnostics[0].start.column), (9, 10));
/// ```
pub fn parse_item(text: &str, settings: &Settings) -> Result<model::NewsItem, Vec<Diagnostic>> {
    let (outcome, item) = check::check_text("<item>", text, settings);
    let has_errors = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    match item {
        Some(item) if !has_errors => Ok(item),
        _ => {
            let mut diagnostics = outcome.diagnostics;
            diagnostics.sort_by(Diagnostic::sort_key_cmp);
            Err(diagnostics)
        }
    }
}

/// How a path is shown: as found, without a leading `./`.
fn display_path(path: &std::path::Path) -> String {
    let shown = path.to_string_lossy();
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => shown.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_of_files_is_kept_only_when_asked_for() {
        let mut settings = Settings::new(Config::default(), Utc::now());
        let inputs = [Input::Path(PathBuf::from(
            "fixtures/rules/duplicate-item/bad",
        ))];
        let report = check(&inputs, &settings, false).expect("a report");
        assert_eq!(report.files_checked, 2);
        assert!(report.files.is_empty());

        settings.list_files = true;
        let report = check(&inputs, &settings, false).expect("a report");
        assert_eq!(report.files_checked, 2);
        assert_eq!(
            report.files,
            [
                "fixtures/rules/duplicate-item/bad/a.md",
                "fixtures/rules/duplicate-item/bad/b.md"
            ]
        );
    }
}
