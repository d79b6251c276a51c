//! One run: walk the inputs, check each file in parallel where it is found, collect
//! the outcomes, add the cross-file `duplicate-item`, and sort; the same report for any
//! thread count.

use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::identity::{NO_URL, Seen, display_path, one_per_path, spelling_order, url_hash};
use crate::rules::{self, Rule};
use crate::{
    Error, Input, Report, Settings, check, discover, read, repository, reread, stdin, yaml,
};

/// Checks every input, files in parallel; the report is the same for any thread count.
pub(crate) fn run(
    inputs: &[Input],
    settings: &Settings,
    no_exclude: bool,
) -> Result<Report, Error> {
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
    let stdin = stdin::Stdin::of(inputs);
    let mut arena = yaml::Arena::new();
    let stdin_urls = stdin.check(settings, &mut arena, &mut diagnostics);
    if let Some(severity) = duplicate_item {
        // Only the sources whose originalUrl hash is shared are read again for the
        // details (path, line, source line); the rule then compares the URLs themselves.
        seen.sort_unstable_by_key(|file| file.url);
        let (mut shared_files, shared_stdin) = reread::shared_urls(&seen, &stdin_urls);
        // Files named one by one are some of a repository's: the others under the
        // config's folder may hold the same item.
        let others = if settings.config.source.is_some()
            && !roots.is_empty()
            && roots.iter().all(|root| !root.is_dir())
        {
            let given = roots
                .iter()
                .map(|root| root.resolved().to_path_buf())
                .collect();
            let hashes = seen
                .iter()
                .map(|file| file.url)
                .filter(|&url| url != NO_URL)
                .collect();
            let others = repository::other_items(&given, &hashes, settings, no_exclude)?;
            let matched: std::collections::HashSet<u64> = others
                .iter()
                .map(|other| crate::identity::hash_of(other.url.as_str()).max(1))
                .collect();
            shared_files.extend(
                seen.iter()
                    .filter(|file| matched.contains(&file.url))
                    .map(|file| file.path),
            );
            others
        } else {
            Vec::new()
        };
        let mut original_urls = stdin.original_urls(&shared_stdin, settings, &mut arena);
        if !shared_files.is_empty() {
            original_urls.extend(reread::reread_original_urls(
                &roots,
                &shared_files,
                settings,
                no_exclude,
            )?);
        }
        let across = repository::duplicates(&original_urls, &others);
        diagnostics.extend(
            rules::corpus::duplicate_items(original_urls)
                .into_iter()
                .chain(across)
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
        files.extend(stdin.names());
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

/// What a run keeps of each checked file besides its diagnostics.
#[derive(Debug, Clone, Copy)]
struct Keep {
    /// A [`Seen`] for every file, so that a file the walk finds twice counts once; only
    /// when the inputs overlap ([`discover::overlap`]).
    every_path: bool,
    /// The originalUrl hash, for `duplicate-item`: a [`Seen`] for each file that has one.
    url: bool,
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::Utc;

    use super::*;
    use crate::{Config, config};

    #[test]
    fn the_list_of_files_is_kept_only_when_asked_for() {
        let mut settings = Settings::new(Config::default(), Utc::now());
        let inputs = [Input::Path(PathBuf::from(
            "fixtures/rules/duplicate-item/bad",
        ))];
        let report = crate::check(&inputs, &settings, false).expect("a report");
        assert_eq!(report.files_checked, 2);
        assert!(report.files.is_empty());

        settings.list_files = true;
        let folder_twice = [inputs[0].clone(), inputs[0].clone()];
        let twice = crate::check(&folder_twice, &settings, false).expect("a report");
        let report = crate::check(&inputs, &settings, false).expect("a report");
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
        let twice = crate::check(&[folder.clone(), folder], &settings, false).expect("a report");
        assert_eq!(once.files_checked, 2);
        assert!(once.diagnostics.is_empty(), "{:?}", once.diagnostics);
        assert_eq!(twice, once);
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
