//! The one code path the fuzz target and `tests/regressions.rs` share: arbitrary bytes
//! through decode → split → YAML → schema and rules → every emitter, with cheap
//! invariants that turn a wrong answer (not just a crash) into a failure.
//!
//! Two modes, chosen by the bytes:
//!
//! - no NUL byte: the bytes are one file, checked against the built-in news item;
//! - `CONFIG\0FILE`: the bytes before the first NUL are a `newsval.toml` (a user schema:
//!   `[schema]`, `[types.*]`, `[collections.*]`, rules...). A config that does not compile
//!   must be an error with a message; one that does has its schemas exported as JSON
//!   Schema and FILE checked under it as `fuzz.md`, `_news/fuzz.md` and a path the first
//!   collection's first glob matches.
//!
//! Included with `#[path]` by both, so a crash the fuzzer keeps in `fuzz/regressions/`
//! replays under plain `cargo test`, without nightly or cargo-fuzz.

use std::path::{Path, PathBuf};

use newsval::render::{Format, RenderOptions, emitter};
use newsval::{Config, Diagnostic, Report, Rule, Settings, Severity};

/// The clock is pinned so a run is a pure function of the bytes.
fn settings(config: Config) -> Settings {
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default(); // 2026-01-01
    Settings::new(config, now)
}

/// Checks `data` (one file, or a config and a file) and renders the result in every
/// format; panics when an invariant breaks.
pub(crate) fn exercise(data: &[u8]) {
    match data.iter().position(|&b| b == 0) {
        None => {
            let settings = settings(Config::default());
            let diagnostics = exercise_file("fuzz.md", data, &settings, true);
            render(vec!["fuzz.md".to_owned()], diagnostics);
        }
        Some(nul) => exercise_schema(&data[..nul], &data[nul + 1..]),
    }
}

/// A config drawn from the bytes, then a file checked under it.
fn exercise_schema(config: &[u8], file: &[u8]) {
    let text = String::from_utf8_lossy(config);
    let parse = || Config::from_toml(&text, Path::new("newsval.toml"), PathBuf::from("."));
    let config = match parse() {
        Ok(config) => config,
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty(), "{error:?}");
            assert_eq!(parse().map(|_| ()).map_err(|e| e.to_string()), Err(message));
            return;
        }
    };
    for schema in
        std::iter::once(&*config.schema).chain(config.collections.iter().map(|c| &c.schema))
    {
        let json = schema.json_schema().to_string();
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{json}"
        );
    }
    let mut names = vec!["fuzz.md".to_owned(), "_news/fuzz.md".to_owned()];
    if let Some(glob) = config.collections.first().and_then(|c| c.files.first()) {
        let name = path_matching(glob);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let settings = settings(config);
    let mut diagnostics = Vec::new();
    for name in &names {
        diagnostics.extend(exercise_file(name, file, &settings, false));
    }
    render(names, diagnostics);
}

/// A path `glob` likely matches: each wildcard or class one letter, each `{a,b}` its
/// first choice.
fn path_matching(glob: &str) -> String {
    let mut path = String::new();
    let mut chars = glob.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' | '?' => {
                if !path.ends_with('a') {
                    path.push('a');
                }
            }
            '[' => {
                chars.by_ref().find(|&c| c == ']');
                path.push('a');
            }
            '{' => {
                let mut first = true;
                for c in chars.by_ref() {
                    match c {
                        '}' => break,
                        ',' => first = false,
                        c if first => path.push(c),
                        _ => {}
                    }
                }
            }
            '\\' => path.extend(chars.next()),
            c => path.push(c),
        }
    }
    if path.is_empty() || path.ends_with('/') {
        path.push_str("fuzz.md");
    }
    path
}

/// Checks `data` as the file `name` and asserts the invariants of one file's check;
/// `builtin`: the settings are the defaults, so `parse_item` must agree.
fn exercise_file(name: &str, data: &[u8], settings: &Settings, builtin: bool) -> Vec<Diagnostic> {
    let diagnostics = newsval::check_bytes(name, data, settings);

    // Deterministic: the same bytes give the same diagnostics.
    assert_eq!(diagnostics, newsval::check_bytes(name, data, settings));

    for d in &diagnostics {
        assert!(d.start.line >= 1 && d.start.column >= 1, "{d:?}");
        assert!(d.start <= d.end, "{d:?}");
        assert!(
            d.span.start <= d.span.end && d.span.end <= data.len(),
            "{d:?}"
        );
        assert!(!d.message.is_empty(), "{d:?}");
    }

    // Never call a broken file clean: a file the library cannot turn into an item has
    // at least one error. A config may turn those rules down; then nothing is promised.
    let strict = [
        Rule::InvalidEncoding,
        Rule::MissingFrontmatter,
        Rule::UnclosedFrontmatter,
        Rule::YamlSyntax,
        Rule::InvalidType,
    ]
    .into_iter()
    .all(|rule| settings.config.severity(rule) == Some(Severity::Error));
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match std::str::from_utf8(data) {
        Ok(text) => {
            if builtin {
                // The typed model is the built-in schema's: only there must it agree.
                // An error a `# newsval:` directive silences leaves none in the report
                // but no typed item either (the model may not hold its value), so
                // with a directive only an item implies a clean file.
                let parsed = newsval::parse_item(text, settings);
                if parsed.is_ok() || !text.contains("newsval:") {
                    assert_eq!(parsed.is_ok(), !has_errors, "{diagnostics:?}");
                }
            } else if strict {
                // Any schema: the generic value is there exactly when nothing is wrong.
                let parsed = newsval::parse_value(name, text, settings);
                assert_eq!(parsed.is_ok(), !has_errors, "{diagnostics:?}");
            }
            if strict && newsval::frontmatter::split(text).is_err() {
                assert!(has_errors, "an unsplittable file was called clean");
            }
        }
        Err(_) => assert!(!strict || has_errors, "invalid UTF-8 was called clean"),
    }
    diagnostics
}

/// Renders the diagnostics of `files` in every format, with and without colour.
fn render(files: Vec<String>, diagnostics: Vec<Diagnostic>) {
    let report = Report {
        files_checked: files.len(),
        files,
        diagnostics,
    };
    for &format in Format::ALL {
        for color in [false, true] {
            for quiet in [false, true] {
                let mut out = Vec::new();
                let options = RenderOptions { color, quiet };
                if let Err(e) = emitter(format, options).emit(&report, &mut out) {
                    panic!("{format:?} failed to render: {e}");
                }
                if !color {
                    assert!(
                        std::str::from_utf8(&out).is_ok(),
                        "{format:?} wrote non-UTF-8"
                    );
                }
            }
        }
    }
    // The JSON model always round-trips (the `json` emitter is serde on this model).
    let json = serde_json::to_string(&report).unwrap_or_default();
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "{json}"
    );
}
