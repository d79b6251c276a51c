//! The walk: turns the PATHs of the command line into the files to check, in parallel,
//! honouring `.gitignore`, the include extensions and the config's exclude globs, and
//! hands each to the checks as it is found.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
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

/// An input PATH as written and as resolved (absolute, symlinks followed; a named file
/// keeps its own name), so that one folder named two ways (`items`, `/repo/items`, a
/// link to it) is known as one.
#[derive(Debug, Clone)]
pub struct Root {
    written: PathBuf,
    resolved: PathBuf,
    /// `resolved` already hashed: each found path's key starts from it.
    resolved_hashed: DefaultHasher,
    is_dir: bool,
    /// Something is there, if only a broken link (which the walk then reports).
    exists: bool,
}

/// Resolves every input PATH once ([`Root`]). A named file is its folder's resolved path
/// and its own name, and each folder is resolved once: pre-commit names hundreds of
/// files in a few folders, and resolving costs a system call per component.
pub fn roots<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<Root> {
    let mut folders: HashMap<&Path, PathBuf> = HashMap::new();
    paths
        .into_iter()
        .map(|written| {
            // One stat for both questions; a second only for a path that is not there or
            // a broken link, which `symlink_metadata` tells apart.
            let metadata = std::fs::metadata(written);
            let is_dir = metadata.as_ref().is_ok_and(|m| m.is_dir());
            let exists = metadata.is_ok() || std::fs::symlink_metadata(written).is_ok();
            let resolved = match (is_dir, written.file_name()) {
                (false, Some(name)) => {
                    let folder = match written.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => parent,
                        _ => Path::new("."),
                    };
                    folders
                        .entry(folder)
                        .or_insert_with(|| resolve(folder))
                        .join(name)
                }
                _ => resolve(written),
            };
            let mut resolved_hashed = DefaultHasher::new();
            hash_components(&mut resolved_hashed, &resolved);
            Root {
                written: written.to_path_buf(),
                resolved,
                resolved_hashed,
                is_dir,
                exists,
            }
        })
        .collect()
}

/// Whether the walk can find one file twice: only when one input is, or lies in,
/// another once both are resolved (`items items/a.md`, `items ./items`, `items
/// /repo/items`, `items` and a link to it).
pub fn overlap(roots: &[Root]) -> bool {
    let mut resolved: Vec<&Path> = roots.iter().map(|root| root.resolved()).collect();
    // Sorted by components, the paths inside a root come right after it.
    resolved.sort_unstable();
    resolved.windows(2).any(|pair| pair[1].starts_with(pair[0]))
}

/// A path that cannot be resolved is left as the walk will report it: not found.
fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

impl Root {
    pub fn resolved(&self) -> &Path {
        &self.resolved
    }

    /// Whether the input is a folder to walk (not a named file).
    pub fn is_dir(&self) -> bool {
        self.is_dir
    }

    /// The identity in a run of `path`, found under this root: a hash of it as reached
    /// from the resolved root, by components (`items//a.md` is `items/a.md`), so the same
    /// file has one key whichever way its root was named (`./items`, `/repo/items`).
    pub fn key(&self, path: &Path) -> u64 {
        let hasher = match path.strip_prefix(&self.written) {
            Ok(rest) => {
                let mut hasher = self.resolved_hashed.clone();
                hash_components(&mut hasher, rest);
                hasher
            }
            Err(_) => {
                let mut hasher = DefaultHasher::new();
                hash_components(&mut hasher, path);
                hasher
            }
        };
        hasher.finish()
    }
}

fn hash_components(hasher: &mut DefaultHasher, path: &Path) {
    for component in path.components() {
        // A component holds no `/`, so one after each keeps their bounds in the hash.
        hasher.write(component.as_os_str().as_encoded_bytes());
        hasher.write_u8(b'/');
    }
}

/// Why the walk could not start.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },
    #[error("invalid exclude glob: {0}")]
    Exclude(#[from] ignore::Error),
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// Takes what the walk finds, on the thread that found it.
///
/// Each walk thread gets its own sink, so a file is checked by the thread that found it
/// while the others go on walking (ripgrep searches in its walker the same way); sinks
/// are dropped when the walk ends.
pub trait Sink: Send {
    /// `root` is the input the walk found it under.
    fn found(&mut self, found: Found, root: &Root);
}

/// Expands `paths` into files and hands each, in no particular order, to a sink made by
/// `new_sink` for the thread that found it, on `threads` threads. The same file named
/// twice is found twice.
///
/// Files named explicitly are checked whatever their extension (pre-commit passes
/// names), but exclude globs still apply unless `no_exclude`.
pub fn walk<S: Sink>(
    roots: &[Root],
    config: &Config,
    no_exclude: bool,
    threads: usize,
    new_sink: impl Fn() -> S + Sync,
) -> Result<(), DiscoverError> {
    if let Some(missing) = roots.iter().find(|root| !root.exists) {
        return Err(DiscoverError::NotFound {
            path: missing.written.clone(),
        });
    }
    let excludes = if no_exclude {
        Gitignore::empty()
    } else {
        exclude_matcher(config)?
    };
    let (folders, files): (Vec<&Root>, Vec<&Root>) = roots.iter().partition(|root| root.is_dir);
    let files: Vec<&Root> = files
        .into_iter()
        .filter(|root| !is_excluded(&excludes, &root.written, false))
        .collect();
    let found = |sink: &mut S, file: &&Root| sink.found(Found::File(file.written.clone()), file);
    match files.len() {
        0 => {}
        // One file (a pre-commit run on a one-file commit) is checked right here: starting
        // worker threads would take about as long as the check.
        n if n == 1 || threads == 1 => {
            let mut sink = new_sink();
            files.iter().for_each(|file| found(&mut sink, file));
        }
        // pre-commit names hundreds of files at once: they are checked in parallel too,
        // on a pool started for them alone, so that a run of folders starts no idle one.
        _ => rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?
            .install(|| files.par_iter().for_each_init(&new_sink, found)),
    }
    for root in folders {
        let path = &root.written;
        let mut builder = WalkBuilder::new(path);
        builder
            .follow_links(true)
            .require_git(false)
            .threads(threads);
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
                            sink.found(Found::File(entry.into_path()), root);
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
                            sink.found(Found::Problem { path, message }, root);
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
    // The config's own folder (a walk of `.`) is never excluded: `/*` names what is
    // in it, not the folder itself.
    if !absolute.starts_with(root) || absolute.components().eq(root.components()) {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use super::*;

    #[test]
    fn inputs_overlap_only_when_one_is_or_lies_in_another() {
        let overlap = |paths: &[&str]| super::overlap(&roots(paths.iter().map(Path::new)));
        assert!(overlap(&["items", "items/a.md"]));
        assert!(overlap(&["items", "./items"]));
        assert!(overlap(&["items/", "items"]));
        assert!(overlap(&["a.md", "b.md", "a.md"]));
        assert!(overlap(&["items/d1/a.md", "other", "items"]));
        assert!(overlap(&[".", "items"]));
        assert!(!overlap(&["items", "items-2", "items2/a.md"]));
        assert!(!overlap(&["items/a.md", "items/b.md", "items/c"]));
        assert!(!overlap(&["."]));
        assert!(!overlap(&[]));
    }

    #[test]
    fn a_path_and_its_dotted_doubled_or_absolute_spelling_are_one_file() {
        let key_under = |root: &str, path: &str| roots([Path::new(root)])[0].key(Path::new(path));
        let seed = "valid/000_6dff586fa6765838.txt";
        let key = key_under("fixtures", &format!("fixtures/{seed}"));
        assert_eq!(key_under("./fixtures", &format!("./fixtures/{seed}")), key);
        assert_eq!(key_under("fixtures/", &format!("fixtures//{seed}")), key);
        assert_eq!(
            key_under("fixtures/valid", &format!("fixtures/{seed}")),
            key
        );
        let seed_path = format!("fixtures/{seed}");
        assert_eq!(key_under(&seed_path, &seed_path), key);
        let absolute = std::path::absolute("fixtures").expect("the working directory");
        let absolute = absolute.to_str().expect("a UTF-8 checkout path");
        assert_eq!(key_under(absolute, &format!("{absolute}/{seed}")), key);
        assert_ne!(key_under("fixtures", "fixtures/valid/b.md"), key);
    }
}
