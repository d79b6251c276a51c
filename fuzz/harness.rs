//! The one code path the fuzz target and `tests/regressions.rs` share: arbitrary bytes
//! through decode → split → YAML → schema and rules → every emitter, with cheap
//! invariants that turn a wrong answer (not just a crash) into a failure.
//!
//! Included with `#[path]` by both, so a crash the fuzzer keeps in `fuzz/regressions/`
//! replays under plain `cargo test`, without nightly or cargo-fuzz.

use newsval::render::{Format, RenderOptions, emitter};
use newsval::{Config, Report, Settings, Severity};

/// The clock is pinned so a run is a pure function of the bytes.
fn settings() -> Settings {
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default(); // 2026-01-01
    Settings::new(Config::default(), now)
}

/// Checks `data` as one file and renders the result in every format; panics when an
/// invariant breaks.
pub(crate) fn exercise(data: &[u8]) {
    let settings = settings();
    let diagnostics = newsval::check_bytes("fuzz.md", data, &settings);

    // Deterministic: the same bytes give the same diagnostics.
    assert_eq!(
        diagnostics,
        newsval::check_bytes("fuzz.md", data, &settings)
    );

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
    // at least one error, and `parse_item` agrees with `check_bytes`.
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match std::str::from_utf8(data) {
        Ok(text) => {
            let parsed = newsval::parse_item(text, &settings);
            assert_eq!(parsed.is_ok(), !has_errors, "{diagnostics:?}");
            if newsval::frontmatter::split(text).is_err() {
                assert!(has_errors, "an unsplittable file was called clean");
            }
        }
        Err(_) => assert!(has_errors, "invalid UTF-8 was called clean"),
    }

    let report = Report {
        files_checked: 1,
        files: vec!["fuzz.md".to_owned()],
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
