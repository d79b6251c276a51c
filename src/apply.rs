//! `--fix` and `--diff` over a run's files: each file with a fix is fixed, checked
//! again until nothing more applies, and written atomically (a temporary file renamed
//! over it), or only shown as a diff. The run's diagnostics of those files become those
//! of the fixed text.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use crate::fix::{Applicability, apply};
use crate::{Diagnostic, Report, Rule, Settings};

/// How far `--fix` may go, and whether it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixMode {
    /// Apply the guessing fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Write nothing; collect the changes as diffs (`--diff`).
    pub diff_only: bool,
}

impl FixMode {
    fn allows(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// What `--fix` did to a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixSummary {
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixed: usize,
    /// Problems left that `--unsafe-fixes` would fix.
    pub unsafe_fixable: usize,
    /// Each changed file: its path as shown, the text before and after.
    pub changes: Vec<(String, String, String)>,
    /// Files that could not be read or written, with why.
    pub failures: Vec<(String, String)>,
}

/// At most this many rounds of fix-and-check per file: a fix that keeps producing
/// another cannot loop forever.
const MAX_ROUNDS: usize = 10;

/// The fixed text of one file and how many fixes it took, with the diagnostics of the
/// result.
pub fn fix_text(
    name: &str,
    text: &str,
    settings: &Settings,
    mode: FixMode,
) -> (String, usize, Vec<Diagnostic>) {
    let mut text = text.to_owned();
    let mut fixed = 0;
    let mut diagnostics = crate::check_bytes(name, text.as_bytes(), settings);
    for _ in 0..MAX_ROUNDS {
        let fixes = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|fix| mode.allows(fix.applicability));
        let (next, applied) = apply(&text, fixes);
        if applied == 0 || next == text {
            break;
        }
        text = next;
        fixed += applied;
        diagnostics = crate::check_bytes(name, text.as_bytes(), settings);
    }
    (text, fixed, diagnostics)
}

/// Fixes the files of `report` that have a fix `mode` allows, and puts the diagnostics
/// of the fixed text in the report in place of theirs (a cross-file `duplicate-item` is
/// kept: no fix changes an originalUrl).
pub fn fix_report(report: &mut Report, settings: &Settings, mode: FixMode) -> FixSummary {
    let mut summary = FixSummary::default();
    let paths: BTreeSet<String> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|fix| mode.allows(fix.applicability))
        })
        .map(|d| d.path.clone())
        .collect();
    for path in paths {
        let before = match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            // Standard input, or a file that changed under us: nothing to write back.
            Ok(Err(_)) | Err(_) => continue,
        };
        let (after, fixed, diagnostics) = fix_text(&path, &before, settings, mode);
        if fixed == 0 {
            continue;
        }
        if !mode.diff_only
            && let Err(error) = write_atomically(Path::new(&path), &after)
        {
            summary.failures.push((path, error.to_string()));
            continue;
        }
        summary.fixed += fixed;
        report
            .diagnostics
            .retain(|d| d.path != path || d.rule == Rule::DuplicateItem);
        report.diagnostics.extend(diagnostics);
        summary.changes.push((path, before, after));
    }
    report.diagnostics.sort_by(Diagnostic::sort_key_cmp);
    if !mode.unsafe_fixes {
        summary.unsafe_fixable = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == Applicability::Unsafe)
            })
            .count();
    }
    summary
}

/// Writes `text` to a temporary file beside `path`, with its permissions, then renames
/// it over `path`: an interrupted run leaves the old file or the new one, never half.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.as_file().set_permissions(permissions)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
