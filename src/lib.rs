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
pub mod suggest;
mod suppress;
pub mod value;
pub mod yaml;

use std::borrow::Cow;
use std::collections::HashSet;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Mutex;

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
}

impl Settings {
    /// Settings from a config, with the clock pinned at `now`.
    pub fn new(config: Config, now: DateTime<Utc>) -> Self {
        let rules = RuleSettings {
            now,
            future_tolerance: config.future_tolerance,
            hosting_platforms: config.hosting_platforms.clone(),
        };
        let root = std::env::current_dir()
            .map(|cwd| cwd.join(&config.root))
            .unwrap_or_else(|_| config.root.clone());
        Settings {
            config,
            rules,
            list_files: false,
            threads: None,
            root,
        }
    }

    /// The schema a file is checked against: its collection's, or the news item's.
    /// `path` is the file as shown, relative to the working directory or absolute.
    pub fn schema_for(&self, path: &str) -> &schema::Schema {
        if self.config.collections.is_empty() {
            return &self.config.schema;
        }
        let path = std::path::Path::new(path);
        let absolute = std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        self.config
            .collections
            .iter()
            .find(|collection| collection.covers(relative))
            .map_or(&self.config.schema, |collection| &collection.schema)
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
    let roots = discover::roots(inputs.iter().filter_map(|i| match i {
        Input::Path(p) => Some(p.as_path()),
        Input::Bytes { .. } => None,
    }));
    let duplicate_item = settings.config.severity(Rule::DuplicateItem);
    let keep = Keep {
        every_path: discover::overlap(&roots),
        url: duplicate_item.is_some(),
    };
    let done = Mutex::new(Collected::default());
    if !roots.is_empty() {
        discover::walk(
            &roots,
            &settings.config,
            no_exclude,
            settings.walk_threads(),
            || FileChecker {
                settings,
                keep,
                files: 0,
                seen: Vec::new(),
                flagged: Vec::new(),
                shown: Vec::new(),
                buffer: Vec::new(),
                arena: yaml::Arena::new(),
                done: &done,
            },
        )?;
    }
    let collected = done.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut seen = joined(collected.seen);
    let mut files_checked = collected.files;
    if keep.every_path {
        // A file named twice (`items items/a.md`, `items ./items`) was checked twice; one
        // check of it is kept. The sorts stay on this thread (a few ms at 100k files): a
        // run with no parallel work does not start the thread pool. Of two records of one
        // path, the one with an originalUrl is kept: a walk problem has none.
        one_per_path(&mut seen, |file| file.path, |a, b| b.url.cmp(&a.url));
        files_checked = seen.len();
    }
    let mut flagged = joined(collected.flagged);
    // A file's check is kept over a walk problem at the same path.
    one_per_path(
        &mut flagged,
        |file| file.path,
        |a, b| {
            a.walk_problem
                .cmp(&b.walk_problem)
                .then_with(|| spelling_order(a.shown(), b.shown()))
        },
    );
    let mut diagnostics: Vec<Diagnostic> = flagged
        .into_iter()
        .flat_map(|file| file.diagnostics)
        .collect();
    let stdin: Vec<(&String, &Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Bytes { name, bytes } => Some((name, bytes)),
            Input::Path(_) => None,
        })
        .collect();
    let mut stdin_urls = Vec::new();
    let mut arena = yaml::Arena::new();
    for (index, &(name, bytes)) in stdin.iter().enumerate() {
        let limit = settings.config.size_limit;
        // Standard input is read only up to one byte past the limit.
        let outcome = if bytes.len() as u64 > limit {
            check::read_failure(name, &read::over_limit(limit), settings)
        } else {
            check::check_bytes(name, bytes, settings, &mut arena)
        };
        stdin_urls.extend(url_hash(&outcome).map(|hash| (hash, index)));
        diagnostics.extend(outcome.diagnostics);
    }
    if let Some(severity) = duplicate_item {
        // Only the sources whose originalUrl hash is shared are read again for the
        // details (path, line, source line); the rule then compares the URLs themselves.
        seen.sort_unstable_by_key(|file| file.url);
        let (shared_files, shared_stdin) = shared_urls(&seen, &stdin_urls);
        let mut original_urls: Vec<_> = shared_stdin
            .into_iter()
            .filter_map(|index| {
                let &(name, bytes) = stdin.get(index)?;
                check::original_url(name, bytes, settings, &mut arena)
            })
            .collect();
        if !shared_files.is_empty() {
            original_urls.extend(reread_original_urls(
                &roots,
                &shared_files,
                settings,
                no_exclude,
            )?);
        }
        diagnostics.extend(
            rules::corpus::duplicate_items(original_urls)
                .into_iter()
                .map(|d| Diagnostic { severity, ..d }),
        );
    }
    diagnostics.sort_by(Diagnostic::sort_key_cmp);
    files_checked += stdin.len();
    let mut files = Vec::new();
    if settings.list_files {
        let mut shown = joined(collected.shown);
        one_per_path(
            &mut shown,
            |&(path, _)| path,
            |a, b| spelling_order(&a.1, &b.1),
        );
        files.extend(shown.into_iter().map(|(_, name)| name));
        files.extend(stdin.iter().map(|&(name, _)| name.clone()));
        files.sort();
    }
    Ok(Report {
        files_checked,
        files,
        diagnostics,
    })
}

/// The walk threads' parts as one list. Each part is appended to the largest, which
/// grows in place where it can, rather than all copied into a new list: at 100k files
/// that copy was the run's peak.
fn joined<T>(mut parts: Vec<Vec<T>>) -> Vec<T> {
    parts.sort_unstable_by_key(|part| std::cmp::Reverse(part.len()));
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    let rest: Vec<Vec<T>> = parts.collect();
    all.reserve_exact(rest.iter().map(Vec::len).sum());
    for mut part in rest {
        all.append(&mut part);
    }
    all
}

/// The files (by key) and the standard inputs (by index) whose originalUrl hash
/// appears more than once among them all; `seen` is sorted by `url`.
fn shared_urls(seen: &[Seen], stdin_urls: &[(u64, usize)]) -> (HashSet<u64>, Vec<usize>) {
    let in_stdin = |url: u64| stdin_urls.iter().filter(|&&(u, _)| u == url).count();
    let in_files = |url: u64| {
        seen.partition_point(|file| file.url <= url) - seen.partition_point(|file| file.url < url)
    };
    let files = seen
        .chunk_by(|a, b| a.url == b.url)
        .filter(|group| group[0].url != NO_URL && group.len() + in_stdin(group[0].url) > 1)
        .flatten()
        .map(|file| file.path)
        .collect();
    let stdin = stdin_urls
        .iter()
        .filter(|&&(url, _)| in_stdin(url) + in_files(url) > 1)
        .map(|&(_, index)| index)
        .collect();
    (files, stdin)
}

/// The originalUrl details of the `shared` files, found by walking the inputs again.
///
/// The first walk keeps 16 bytes for each file with an originalUrl rather than its path;
/// the price is this second walk (no reads but of the `shared` files), and only in a run
/// where two files share an originalUrl hash.
fn reread_original_urls(
    roots: &[discover::Root],
    shared: &HashSet<u64>,
    settings: &Settings,
    no_exclude: bool,
) -> Result<Vec<rules::corpus::OriginalUrl>, Error> {
    let done = Mutex::new(Vec::new());
    discover::walk(
        roots,
        &settings.config,
        no_exclude,
        settings.walk_threads(),
        || UrlRereader {
            settings,
            shared,
            found: Vec::new(),
            buffer: Vec::new(),
            arena: yaml::Arena::new(),
            done: &done,
        },
    )?;
    let mut found = done.into_inner().unwrap_or_else(|e| e.into_inner());
    // A file named twice, or linked, is found twice; it must not duplicate itself.
    one_per_path(
        &mut found,
        |&(path, _)| path,
        |a, b| spelling_order(&a.1.path, &b.1.path),
    );
    Ok(found.into_iter().map(|(_, url)| url).collect())
}

/// A walk thread's share of the second walk: rereads the files whose key is `shared`.
struct UrlRereader<'a> {
    settings: &'a Settings,
    shared: &'a HashSet<u64>,
    /// Each reread file's details, keyed by the file it is ([`read::FileIdentity`]).
    found: Vec<(u64, rules::corpus::OriginalUrl)>,
    /// The reread files' bytes and YAML trees in turn, as in [`FileChecker`].
    buffer: Vec<u8>,
    arena: yaml::Arena,
    done: &'a Mutex<Vec<(u64, rules::corpus::OriginalUrl)>>,
}

impl discover::Sink for UrlRereader<'_> {
    fn found(&mut self, found: discover::Found, root: &discover::Root) {
        let discover::Found::File(path) = found else {
            return;
        };
        let key = root.key(&path);
        if !self.shared.contains(&key) {
            return;
        }
        let limit = self.settings.config.size_limit;
        let Ok(identity) = read::read_file_into(&path, limit, &mut self.buffer) else {
            return;
        };
        if let Some(url) = check::original_url(
            &display_path(&path),
            &self.buffer,
            self.settings,
            &mut self.arena,
        ) {
            // A file met twice through a linked folder is one file, not two sharing a URL.
            let file = identity.map_or(key, hash_of);
            self.found.push((file, url));
        }
    }
}

impl Drop for UrlRereader<'_> {
    fn drop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.append(&mut self.found);
    }
}

/// `Seen::url` of a file without a valid originalUrl (a real hash of 0 is moved to 1).
const NO_URL: u64 = 0;

/// What a run keeps of each checked file besides its diagnostics.
#[derive(Debug, Clone, Copy)]
struct Keep {
    /// A [`Seen`] for every file, so that a file the walk finds twice counts once; only
    /// when the inputs overlap ([`discover::overlap`]).
    every_path: bool,
    /// The originalUrl hash, for `duplicate-item`: a [`Seen`] for each file that has one.
    url: bool,
}

/// What the run keeps of a checked file that [`Keep`] asks for: 16 bytes, and none for
/// a file when neither `duplicate-item` nor overlapping inputs need it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// [`discover::Root::key`] of the file.
    path: u64,
    /// A hash of its originalUrl, for `duplicate-item`, or [`NO_URL`].
    url: u64,
}

/// A file with something to report, or a place the walk could not enter.
struct Flagged {
    path: u64,
    /// The walk could not reach it: it was not read.
    walk_problem: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Flagged {
    /// The file's path as its diagnostics show it.
    fn shown(&self) -> &str {
        self.diagnostics.first().map_or("", |d| d.path.as_str())
    }
}

/// Which of one file's spellings (`./items/a.md`, `items//a.md`) a run shows: the
/// shortest, then the first in byte order, so the walk's order never decides.
fn spelling_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Of the records a file found more than once left (one per time it was found), keeps
/// the one `first` orders first; `list` ends sorted by `path`, the file's key (a
/// [`discover::Root::key`], or a hash of a [`read::FileIdentity`] in the reread).
fn one_per_path<T>(
    list: &mut Vec<T>,
    path: impl Fn(&T) -> u64,
    first: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    list.sort_unstable_by(|a, b| path(a).cmp(&path(b)).then_with(|| first(a, b)));
    list.dedup_by(|later, kept| path(later) == path(kept));
}

/// What the walk threads hand to the run, one part per thread.
#[derive(Default)]
struct Collected {
    /// How many files and walk problems the threads were handed.
    files: usize,
    seen: Vec<Vec<Seen>>,
    flagged: Vec<Vec<Flagged>>,
    /// Every file's key and display path, only when [`Settings::list_files`] asks.
    shown: Vec<Vec<(u64, String)>>,
}

/// One walk thread's checks: each file the walk hands it is checked on the spot, and
/// the outcomes go to the run when the walk is over.
struct FileChecker<'a> {
    settings: &'a Settings,
    keep: Keep,
    files: usize,
    seen: Vec<Seen>,
    flagged: Vec<Flagged>,
    shown: Vec<(u64, String)>,
    /// Every file's bytes in turn: one allocation a thread, not one a file.
    buffer: Vec<u8>,
    /// Every file's YAML tree in turn, for the same reason.
    arena: yaml::Arena,
    done: &'a Mutex<Collected>,
}

impl discover::Sink for FileChecker<'_> {
    fn found(&mut self, found: discover::Found, root: &discover::Root) {
        let shown = display_path(found.path());
        let key = root.key(found.path());
        let (outcome, walk_problem) = match &found {
            discover::Found::File(path) => (
                check::check_path(
                    path,
                    &shown,
                    self.settings,
                    &mut self.buffer,
                    &mut self.arena,
                ),
                false,
            ),
            discover::Found::Problem { message, .. } => (
                check::read_failure(
                    &shown,
                    &read::ReadError::Unreadable(message.clone()),
                    self.settings,
                ),
                true,
            ),
        };
        self.files += 1;
        let url = self.keep.url.then(|| url_hash(&outcome)).flatten();
        if self.keep.every_path || url.is_some() {
            let url = url.unwrap_or(NO_URL);
            self.seen.push(Seen { path: key, url });
        }
        if !outcome.diagnostics.is_empty() {
            let mut diagnostics = outcome.diagnostics;
            // Kept to the end of the run: without this, one diagnostic holds room for four.
            diagnostics.shrink_to_fit();
            self.flagged.push(Flagged {
                path: key,
                walk_problem,
                diagnostics,
            });
        }
        if self.settings.list_files {
            self.shown.push((key, shown.into_owned()));
        }
    }
}

impl Drop for FileChecker<'_> {
    fn drop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.files += self.files;
        done.seen.push(std::mem::take(&mut self.seen));
        done.flagged.push(std::mem::take(&mut self.flagged));
        done.shown.push(std::mem::take(&mut self.shown));
    }
}

fn hash_of(value: impl std::hash::Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

fn url_hash(outcome: &check::FileOutcome) -> Option<u64> {
    let url = &outcome.original_url.as_ref()?.url;
    Some(hash_of(url.as_str()).max(1))
}

/// Checks one file's bytes on their own (no walk, no cross-file rules).
pub fn check_bytes(name: &str, bytes: &[u8], settings: &Settings) -> Vec<Diagnostic> {
    let mut diagnostics =
        check::check_bytes(name, bytes, settings, &mut yaml::Arena::new()).diagnostics;
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

/// How a path is shown: as found, without a leading `./`. Borrowed from the path when it
/// is UTF-8, so a clean file costs no string.
fn display_path(path: &std::path::Path) -> Cow<'_, str> {
    fn without_dot_slash(shown: &str) -> &str {
        match shown.strip_prefix("./") {
            Some(rest) if !rest.is_empty() => rest,
            _ => shown,
        }
    }
    match path.to_string_lossy() {
        Cow::Borrowed(shown) => Cow::Borrowed(without_dot_slash(shown)),
        Cow::Owned(shown) => Cow::Owned(without_dot_slash(&shown).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_path_is_shown_without_a_copy_or_its_leading_dot_slash() {
        let shown = display_path(std::path::Path::new("./items/a.md"));
        assert!(matches!(shown, Cow::Borrowed("items/a.md")), "{shown:?}");
        assert_eq!(display_path(std::path::Path::new("./")), "./");
        assert_eq!(
            display_path(std::path::Path::new("items/./a.md")),
            "items/./a.md"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_shown_with_a_replacement_character() {
        use std::os::unix::ffi::OsStrExt;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(b"./caf\xe9.md"));
        assert_eq!(display_path(path), "caf\u{fffd}.md");
    }

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
        let folder_twice = [inputs[0].clone(), inputs[0].clone()];
        let twice = check(&folder_twice, &settings, false).expect("a report");
        let report = check(&inputs, &settings, false).expect("a report");
        assert_eq!(report.files_checked, 2);
        assert_eq!(
            report.files,
            [
                "fixtures/rules/duplicate-item/bad/a.md",
                "fixtures/rules/duplicate-item/bad/b.md"
            ]
        );
        assert_eq!(twice, report);
    }

    #[test]
    fn a_folder_named_twice_counts_its_files_once_with_duplicate_item_off() {
        let mut config = Config::default();
        config.rules.insert(Rule::DuplicateItem, config::Level::Off);
        let settings = Settings::new(config, Utc::now());
        let folder = Input::Path(PathBuf::from("fixtures/rules/duplicate-item/bad"));
        let once = check(std::slice::from_ref(&folder), &settings, false).expect("a report");
        let twice = check(&[folder.clone(), folder], &settings, false).expect("a report");
        assert_eq!(once.files_checked, 2);
        assert!(once.diagnostics.is_empty(), "{:?}", once.diagnostics);
        assert_eq!(twice, once);
    }

    fn seen(path: u64, url: u64) -> Seen {
        Seen { path, url }
    }

    #[test]
    fn only_shared_url_hashes_are_read_again() {
        // Sorted by url, as `check` hands them over.
        let files = [
            seen(10, NO_URL),
            seen(11, NO_URL),
            seen(1, 5),
            seen(2, 7),
            seen(3, 7),
        ];
        let (shared, stdin) = shared_urls(&files, &[]);
        assert_eq!(shared, HashSet::from([2, 3]));
        assert!(stdin.is_empty());

        // Standard input shares a hash with one file, and two inputs share another.
        let (shared, stdin) = shared_urls(&files, &[(5, 0), (9, 1), (9, 2), (8, 3)]);
        assert_eq!(shared, HashSet::from([1, 2, 3]));
        assert_eq!(stdin, [0, 1, 2]);
    }

    #[test]
    fn one_record_per_path_is_kept_the_preferred_one() {
        let mut records = vec![
            (2, "items//b.md"),
            (1, "./a.md"),
            (2, "items/b.md"),
            (1, "a.md"),
        ];
        one_per_path(
            &mut records,
            |&(path, _)| path,
            |a, b| spelling_order(a.1, b.1),
        );
        assert_eq!(records, [(1, "a.md"), (2, "items/b.md")]);
    }

    #[test]
    fn parts_are_joined_whole() {
        let joined = joined(vec![vec![1], vec![2, 3, 4], vec![], vec![5, 6]]);
        let mut sorted = joined.clone();
        sorted.sort();
        assert_eq!(sorted, [1, 2, 3, 4, 5, 6]);
        assert!(super::joined(Vec::<Vec<u8>>::new()).is_empty());
    }
}
