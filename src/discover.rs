//! The walk: turns the PATHs of the command line into the files to check, in parallel,
//! honouring `.gitignore`, the include extensions and the config's exclude globs, and
//! hands each to the checks as it is found.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;

use crate::config::Config;

/// A file to check, or a place the walk could not enter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    File(PathBuf),
    /// The walk failed here (a symlink loop, a folder without permission...).
    Problem {
        path: PathBuf,
        message: String,
    },
}

impl Found {
    /// The file or the place the walk failed.
    pub fn path(&self) -> &Path {
        match self {
            Found::File(path) | Found::Problem { path, .. } => path,
        }
    }
}

/// Why the walk could not start.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },
    #[error("invalid exclude glob: {0}")]
    Exclude(#[from] ignore::Error),
}

/// Takes what the walk finds, on the thread that found it.
///
/// Each walk thread gets its own sink, so a file is checked by the thread that found it
/// while the others go on walking (ripgrep searches in its walker the same way); sinks
/// are dropped when the walk ends.
pub trait Sink: Send {
    fn found(&mut self, found: Found);
}

/// Expands `paths` into files and hands each, in no particular order, to a sink made by
/// `new_sink` for the thread that found it. The same file named twice is found twice.
///
/// Files named explicitly are checked whatever their extension (pre-commit passes
/// names), but exclude globs still apply unless `no_exclude`.
pub fn walk<S: Sink>(
    paths: &[PathBuf],
    config: &Config,
    no_exclude: bool,
    new_sink: impl Fn() -> S + Sync,
) -> Result<(), DiscoverError> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(DiscoverError::NotFound { path: path.clone() });
        }
    }
    let excludes = if no_exclude {
        Gitignore::empty()
    } else {
        exclude_matcher(config)?
    };
    let (folders, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|path| path.is_dir());
    let files: Vec<&PathBuf> = files
        .into_iter()
        .filter(|path| !is_excluded(&excludes, path, false))
        .collect();
    match files.as_slice() {
        // One file (a pre-commit run on a one-file commit) is checked right here: starting
        // the thread pool would take about as long as the check.
        [] => {}
        [file] => new_sink().found(Found::File((*file).clone())),
        // pre-commit names hundreds of files at once: they are checked in parallel too.
        _ => files.par_iter().for_each_init(&new_sink, |sink, path| {
            sink.found(Found::File((*path).clone()))
        }),
    }
    for path in folders {
        let mut builder = WalkBuilder::new(path);
        builder
            .follow_links(true)
            .require_git(false)
            .threads(rayon::current_num_threads());
        let extensions = &config.extensions;
        let excludes = &excludes;
        let new_sink = &new_sink;
        builder.build_parallel().run(|| {
            let mut sink = new_sink();
            Box::new(move |entry| {
                match entry {
                    Ok(entry) => {
                        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                        if is_excluded(excludes, entry.path(), is_dir) {
                            return if is_dir {
                                WalkState::Skip
                            } else {
                                WalkState::Continue
                            };
                        }
                        if !is_dir && entry.depth() > 0 && has_extension(entry.path(), extensions) {
                            sink.found(Found::File(entry.into_path()));
                        }
                    }
                    Err(error) => {
                        let path = error_path(&error).unwrap_or_else(|| path.clone());
                        // A broken link or loop named `notes` is no news item; a folder
                        // that cannot be read may hold some, so that is reported.
                        let relevant = has_extension(&path, extensions)
                            || (!matches!(error, ignore::Error::Loop { .. }) && path.is_dir());
                        if relevant {
                            let message = crate::read::broken_link(&path)
                                .unwrap_or_else(|| walk_message(&error));
                            sink.found(Found::Problem { path, message });
                        }
                    }
                }
                WalkState::Continue
            })
        });
    }
    Ok(())
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn exclude_matcher(config: &Config) -> Result<Gitignore, ignore::Error> {
    let root = std::path::absolute(&config.root).unwrap_or_else(|_| config.root.clone());
    let mut builder = GitignoreBuilder::new(root);
    for glob in &config.exclude {
        builder.add_line(None, glob)?;
    }
    builder.build()
}

fn is_excluded(excludes: &Gitignore, path: &Path, is_dir: bool) -> bool {
    if excludes.is_empty() {
        return false;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = excludes.path();
    if !absolute.starts_with(root) {
        return false;
    }
    excludes
        .matched_path_or_any_parents(&absolute, is_dir)
        .is_ignore()
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

fn walk_message(error: &ignore::Error) -> String {
    match error {
        ignore::Error::Loop { ancestor, .. } => format!(
            "a symbolic link loop leads back to {}; not followed",
            ancestor.display()
        ),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_message(err),
        ignore::Error::Io(e) => format!("cannot read: {e}"),
        other => other.to_string(),
    }
}
