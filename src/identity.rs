//! How one run tells files apart: the key of a path, a hash of its originalUrl, and the
//! spelling of the path that output shows.

use std::borrow::Cow;

use crate::check;

/// `Seen::url` of a file without a valid originalUrl (a real hash of 0 is moved to 1).
pub(crate) const NO_URL: u64 = 0;

/// What the run keeps of a checked file that [`Keep`] asks for: 16 bytes, and none for
/// a file when neither `duplicate-item` nor overlapping inputs need it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen {
    /// [`discover::Root::key`] of the file.
    pub(crate) path: u64,
    /// A hash of its originalUrl, for `duplicate-item`, or [`NO_URL`].
    pub(crate) url: u64,
}

/// Which of one file's spellings (`./items/a.md`, `items//a.md`) a run shows: the
/// shortest, then the first in byte order, so the walk's order never decides.
pub(crate) fn spelling_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Of the records a file found more than once left (one per time it was found), keeps
/// the one `first` orders first; `list` ends sorted by `path`, the file's key (a
/// [`discover::Root::key`], or a hash of a [`read::FileIdentity`] in the reread).
pub(crate) fn one_per_path<T>(
    list: &mut Vec<T>,
    path: impl Fn(&T) -> u64,
    first: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    list.sort_unstable_by(|a, b| path(a).cmp(&path(b)).then_with(|| first(a, b)));
    list.dedup_by(|later, kept| path(later) == path(kept));
}

pub(crate) fn hash_of(value: impl std::hash::Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

pub(crate) fn url_hash(outcome: &check::FileOutcome) -> Option<u64> {
    let url = &outcome.original_url.as_ref()?.url;
    Some(hash_of(url.as_str()).max(1))
}

/// How a path is shown: as found, without a leading `./`. Borrowed from the path when it
/// is UTF-8, so a clean file costs no string.
pub(crate) fn display_path(path: &std::path::Path) -> Cow<'_, str> {
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
}
