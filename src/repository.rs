//! `duplicate-item` across the repository: when a run checks some files of a repository
//! (pre-commit passes only the staged ones), their originalUrls are also compared with
//! those of every other item under the config's folder, and only the files given are
//! reported. The other items are not checked: a line scan finds each one's originalUrl,
//! and only those whose URL hash matches a given file's are parsed for the details.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::identity::hash_of;
use crate::rules::corpus::OriginalUrl;
use crate::{Error, Settings, check, discover, read, yaml};

/// The items under the config's folder, other than `given` (resolved paths), whose
/// originalUrl hashes to one of `hashes`. A given file met under another path (through
/// a linked folder) is known by its identity.
pub(crate) fn other_items(
    given: &HashSet<PathBuf>,
    hashes: &HashSet<u64>,
    settings: &Settings,
    no_exclude: bool,
) -> Result<Vec<OriginalUrl>, Error> {
    let Some(root) = settings.config.source.as_deref().and_then(Path::parent) else {
        return Ok(Vec::new());
    };
    let root = std::fs::canonicalize(if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    })
    .map_err(|_| discover::DiscoverError::NotFound {
        path: root.to_path_buf(),
    })?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let given_files: HashSet<(u64, u64)> = given
        .iter()
        .filter_map(|path| read::identity(&std::fs::metadata(path).ok()?))
        .collect();
    let roots = discover::roots([root.as_path()]);
    let done = Mutex::new(Vec::new());
    discover::walk(
        &roots,
        &settings.config,
        no_exclude,
        settings.walk_threads(),
        || OtherItems {
            given,
            given_files: &given_files,
            hashes,
            settings,
            cwd: &cwd,
            found: Vec::new(),
            buffer: Vec::new(),
            arena: yaml::Arena::new(),
            done: &done,
        },
    )?;
    Ok(done.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// `duplicate-item` for a given file whose originalUrl another item of the repository
/// also has: reported on the given file only.
pub(crate) fn duplicates(given: &[OriginalUrl], others: &[OriginalUrl]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for entry in given.iter().filter(|entry| !entry.suppressed) {
        let Some(other) = others
            .iter()
            .filter(|o| o.url == entry.url)
            .min_by(|a, b| a.path.cmp(&b.path))
        else {
            continue;
        };
        diagnostics.push(entry.duplicate_of(other));
    }
    diagnostics
}

/// The originalUrl of a file, as a line scan of its frontmatter finds it: the first
/// `originalUrl:` at the start of a line, its value unquoted. Enough to compare hashes;
/// a match is then parsed for real.
fn scan_original_url(text: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(text).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return None;
        }
        if let Some(value) = line.strip_prefix("originalUrl:") {
            let value = value.split(" #").next().unwrap_or(value).trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            let url = url::Url::parse(value).ok()?;
            return Some(hash_of(url.as_str()).max(1));
        }
    }
    None
}

struct OtherItems<'a> {
    given: &'a HashSet<PathBuf>,
    given_files: &'a HashSet<(u64, u64)>,
    hashes: &'a HashSet<u64>,
    settings: &'a Settings,
    cwd: &'a Path,
    found: Vec<OriginalUrl>,
    buffer: Vec<u8>,
    arena: yaml::Arena,
    done: &'a Mutex<Vec<OriginalUrl>>,
}

impl discover::Sink for OtherItems<'_> {
    fn found(&mut self, found: discover::Found, _root: &discover::Root) {
        let discover::Found::File(path) = found else {
            return;
        };
        if self.given.contains(&path) {
            return;
        }
        let limit = self.settings.config.size_limit;
        match read::read_file_into(&path, limit, &mut self.buffer) {
            Ok(Some(identity)) if self.given_files.contains(&identity) => return,
            Ok(_) => {}
            Err(_) => return,
        }
        if !scan_original_url(&self.buffer).is_some_and(|hash| self.hashes.contains(&hash)) {
            return;
        }
        let shown = path.strip_prefix(self.cwd).unwrap_or(&path);
        let shown = crate::identity::display_path(shown);
        if let Some(url) = check::original_url(&shown, &self.buffer, self.settings, &mut self.arena)
        {
            self.found.push(url);
        }
    }
}

impl Drop for OtherItems<'_> {
    fn drop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.append(&mut self.found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_finds_the_url_as_the_parser_reads_it() {
        let hash = |url: &str| Some(hash_of(url).max(1));
        let item = |line: &str| format!("---\ntitle: x\n{line}\n---\nbody\noriginalUrl: no\n");
        assert_eq!(
            scan_original_url(item("originalUrl: \"https://a.com/x\"").as_bytes()),
            hash("https://a.com/x")
        );
        assert_eq!(
            scan_original_url(item("originalUrl: 'https://A.com/x' # c").as_bytes()),
            hash("https://a.com/x")
        );
        assert_eq!(
            scan_original_url(item("originalUrl: https://a.com").as_bytes()),
            hash("https://a.com/")
        );
        assert_eq!(
            scan_original_url(item("webUrl: https://a.com").as_bytes()),
            None
        );
        assert_eq!(
            scan_original_url(b"no frontmatter\noriginalUrl: https://a.com\n"),
            None
        );
    }
}
