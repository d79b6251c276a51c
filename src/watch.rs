//! `newsval check --watch`: checks once, then again whenever a file under the PATHs
//! changes, and prints only what changed in the result: the problems that are new, the
//! ones that are gone, and the summary.

use std::collections::HashSet;
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use newsval::Diagnostic;
use newsval::render::{self, RenderOptions};
use notify::{RecursiveMode, Watcher};

/// How long to wait after a change for the others of the same save (an editor writes a
/// temporary file, renames it, touches the folder).
const SETTLE: Duration = Duration::from_millis(150);

/// A problem as the watch compares them: where and what, not its snippet.
fn key(d: &Diagnostic) -> (String, usize, usize, &'static str, String) {
    (
        d.path.clone(),
        d.start.line,
        d.start.column,
        d.rule.id(),
        d.message.clone(),
    )
}

/// Runs `check` now and after every change under `paths`, until interrupted.
pub(crate) fn watch(
    paths: &[std::path::PathBuf],
    options: RenderOptions,
    out: &mut dyn Write,
    check: &dyn Fn() -> anyhow::Result<newsval::Report>,
) -> anyhow::Result<()> {
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(events).context("cannot watch the files")?;
    for path in paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", path.display()))?;
    }
    let emitter = render::emitter(
        render::Format::Human,
        RenderOptions {
            quiet: true,
            ..options
        },
    );
    let mut shown = check()?;
    emitter.emit(&shown, out)?;
    writeln!(out, "{}", render::summary_line(&shown))?;
    writeln!(out, "Watching for changes; Ctrl-C stops.")?;
    out.flush()?;
    while changes.recv().is_ok() {
        std::thread::sleep(SETTLE);
        while changes.try_recv().is_ok() {}
        let report = check()?;
        let before: HashSet<_> = shown.diagnostics.iter().map(key).collect();
        let after: HashSet<_> = report.diagnostics.iter().map(key).collect();
        let gone: Vec<&Diagnostic> = shown
            .diagnostics
            .iter()
            .filter(|d| !after.contains(&key(d)))
            .collect();
        let new = newsval::Report {
            diagnostics: report
                .diagnostics
                .iter()
                .filter(|d| !before.contains(&key(d)))
                .cloned()
                .collect(),
            ..newsval::Report::default()
        };
        if gone.is_empty() && new.diagnostics.is_empty() {
            continue;
        }
        for d in gone {
            writeln!(
                out,
                "gone: {}:{}:{}: {}[{}]: {}",
                d.path, d.start.line, d.start.column, d.severity, d.rule, d.message
            )?;
        }
        emitter.emit(&new, out)?;
        writeln!(out, "{}", render::summary_line(&report))?;
        out.flush()?;
        shown = report;
    }
    Ok(())
}
