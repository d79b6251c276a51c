//! The second walk of `duplicate-item`: the first keeps a 16-byte hash of each file's
//! originalUrl, and only the files (and standard inputs) whose hash is shared are read
//! again here for the details a diagnostic shows.

use std::collections::HashSet;
use std::sync::Mutex;

use crate::identity::{NO_URL, Seen, display_path, hash_of, one_per_path, spelling_order};
use crate::{Error, Settings, check, discover, read, rules, yaml};

/// The files (by key) and the standard inputs (by index) whose originalUrl hash
/// appears more than once among them all; `seen` is sorted by `url`.
pub(crate) fn shared_urls(
    seen: &[Seen],
    stdin_urls: &[(u64, usize)],
) -> (HashSet<u64>, Vec<usize>) {
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
pub(crate) fn reread_original_urls(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
