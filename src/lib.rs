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

pub mod apply;
mod check;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fix;
pub mod frontmatter;
mod identity;
pub mod model;
pub mod read;
pub mod render;
mod repository;
mod reread;
pub mod rule;
pub mod rules;
mod run;
pub mod schema;
pub mod source;
mod stdin;
pub mod suggest;
mod suppress;
pub mod value;
pub mod yaml;

use std::borrow::Cow;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

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
    /// Worker threads for the walk and the checks; `None`, one per core.
    pub threads: Option<NonZeroUsize>,
    /// The config's folder, absolute: collection globs are relative to it.
    root: PathBuf,
    /// The working directory when the run started, which shown paths are relative to.
    cwd: PathBuf,
}

impl Settings {
    /// Settings from a config, with the clock pinned at `now`.
    pub fn new(config: Config, now: DateTime<Utc>) -> Self {
        let rules = RuleSettings {
            now,
            future_tolerance: config.future_tolerance,
            hosting_platforms: config.hosting_platforms.clone(),
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = cwd.join(&config.root);
        Settings {
            config,
            rules,
            list_files: false,
            threads: None,
            root,
            cwd,
        }
    }

    /// The schema a file is checked against: its collection's, or the news item's.
    /// `path` is the file as shown, relative to the working directory or absolute.
    pub fn schema_for(&self, path: &str) -> &schema::Schema {
        self.collection_for(path)
            .map_or(&self.config.schema, |collection| &collection.schema)
    }

    /// The collection a file belongs to, if any.
    pub fn collection_for(&self, path: &str) -> Option<&config::Collection> {
        if self.config.collections.is_empty() {
            return None;
        }
        let relative = self.relative(path);
        self.config
            .collections
            .iter()
            .find(|collection| collection.covers(&relative))
    }

    /// The severities a file is checked with: the run's, less its per-file ignores.
    pub fn severities_for(&self, path: &str) -> Cow<'_, rule::Severities> {
        if self.config.per_file_ignores.is_empty() {
            return Cow::Borrowed(&self.config.rules);
        }
        let relative = self.relative(path);
        let mut severities = Cow::Borrowed(&self.config.rules);
        for ignore in &self.config.per_file_ignores {
            if ignore.matches(&relative) {
                severities.to_mut().ignore(&ignore.rules);
            }
        }
        severities
    }

    /// A file's path from the config's folder (as shown when it is not under it).
    fn relative(&self, path: &str) -> PathBuf {
        let path = std::path::Path::new(path);
        self.cwd
            .join(path)
            .strip_prefix(&self.root)
            .map_or_else(|_| path.to_path_buf(), std::path::Path::to_path_buf)
    }

    /// How many threads a walk runs on.
    fn walk_threads(&self) -> usize {
        self.threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
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
    /// Adds the report of another run (files under another config) to this one, and
    /// keeps the order of one run: by path, line and column.
    pub fn merge(&mut self, other: Report) {
        self.files_checked += other.files_checked;
        self.files.extend(other.files);
        self.files.sort();
        self.diagnostics.extend(other.diagnostics);
        self.diagnostics.sort_by(Diagnostic::sort_key_cmp);
    }

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
    run::run(inputs, settings, no_exclude)
}

/// Checks one file's bytes on their own (no walk, no cross-file rules).
pub fn check_bytes(name: &str, bytes: &[u8], settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics =
        check::check_bytes(name, bytes, settings, &mut yaml::Arena::new()).diagnostics;
    diagnostics.sort_by(Diagnostic::sort_key_cmp);
    diagnostics
}

/// Reads one item of any collection as a generic value with positions: the frontmatter
/// when the file has no error against the schema `path` selects, or its diagnostics.
///
/// ```
/// use newsval::{Config, Settings};
/// let settings = Settings::new(Config::default(), chrono::Utc::now());
/// let text = include_str!("../fixtures/valid/000_6dff586fa6765838.txt");
/// let item = newsval::parse_value("item.md", text, &settings).expect("a valid item");
/// assert_eq!(item.get("title").and_then(|t| t.as_str()), Some("Meta moves PyTorch to Linux Foundation"));
/// assert_eq!(item.get("title").map(|t| t.start.line), Some(3));
/// ```
pub fn parse_value(
    path: &str,
    text: &str,
    settings: &Settings,
) -> Result<value::Item, Vec<Diagnostic>> {
    check::check_value(path, text, settings)
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
    let (outcome, item) = check::check_item("<item>", text, settings);
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
