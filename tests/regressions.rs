//! Replays every input the fuzzer ever kept (`fuzz/regressions/`) through the same
//! harness the fuzz target runs, so a fixed crash stays fixed under plain `cargo test`.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

#[test]
fn fuzz_regressions_replay_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions exists") {
        let path = entry.expect("a readable entry").path();
        if path.file_name().is_some_and(|n| n == "README.md") || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).expect("a readable regression");
        let outcome = std::panic::catch_unwind(|| harness::exercise(&bytes));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        replayed += 1;
    }
    eprintln!("replayed {replayed} fuzz regressions");
}

/// The fuzz seeds of the schema mode (`fuzz/seeds/`, `CONFIG\0FILE`) replay through the
/// harness, and each config compiles, but those named `error-`, which must not: a seed
/// whose config broke would only seed the error path.
#[test]
fn fuzz_seeds_replay_clean_and_their_configs_compile() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/seeds exists") {
        let path = entry.expect("a readable entry").path();
        let bytes = std::fs::read(&path).expect("a readable seed");
        let nul = bytes.iter().position(|&b| b == 0).expect("CONFIG\0FILE");
        let config = std::str::from_utf8(&bytes[..nul]).expect("a UTF-8 config");
        let compiled = newsval::Config::from_toml(
            config,
            Path::new("newsval.toml"),
            std::path::PathBuf::from("."),
        );
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert_eq!(
            compiled.is_err(),
            name.contains("error-"),
            "{name}: {:?}",
            compiled.err().map(|e| e.to_string())
        );
        let outcome = std::panic::catch_unwind(|| harness::exercise(&bytes));
        assert!(outcome.is_ok(), "{} fails", path.display());
        replayed += 1;
    }
    assert!(replayed >= 10, "{replayed} seeds");
}

/// Regression: standard input over the size limit was checked truncated to the limit,
/// so a valid item followed by a 1 GiB body was called clean (hostile corpus, stdin).
#[test]
fn bytes_over_the_size_limit_are_unreadable_not_truncated() {
    let config = newsval::Config {
        size_limit: 64,
        ..newsval::Config::default()
    };
    let settings = newsval::Settings::new(config, chrono::Utc::now());
    let bytes = b"---\ntitle: x\n---\n"
        .iter()
        .copied()
        .chain([b'x'; 100])
        .collect();
    let input = newsval::Input::Bytes {
        name: "<stdin>".into(),
        bytes,
    };
    let report = newsval::check(&[input], &settings, false).expect("the check runs");
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["unreadable-file"]);
}

fn seed() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/000_6dff586fa6765838.txt"),
    )
    .expect("the seed")
}

/// `text` checked as one file with `config`, the clock at now.
fn check(text: &str, config: newsval::Config) -> Vec<newsval::Diagnostic> {
    let settings = newsval::Settings::new(config, chrono::Utc::now());
    newsval::check_bytes("item.md", text.as_bytes(), &settings)
}

/// The seed with 1,500 unknown keys (after `head`, at the top of the frontmatter) and
/// `quality` out of range below them, checked with `config`: (rule, line) of each finding.
fn seed_under_unknown_keys(head: &str, config: newsval::Config) -> Vec<(&'static str, usize)> {
    let seed = seed();
    let unknown: String = (0..1500).map(|i| format!("k{i}: 1\n")).collect();
    let text = seed
        .replacen("---\n", &format!("---\n{head}{unknown}"), 1)
        .replacen("heat: -1", "heat: -2", 1);
    check(&text, config)
        .iter()
        .map(|d| (d.rule.id(), d.start.line))
        .collect()
}

/// Regression: findings past a file's 1,000 were counted before suppressions applied,
/// so `ignore-file[unknown-field]` over 1,500 unknown keys still reported "500 more
/// problems" (an error), and an error among the dropped ones was named only by count.
#[test]
fn suppressed_findings_take_no_place_under_the_limit() {
    let found = seed_under_unknown_keys(
        "# newsval: ignore-file[unknown-field]\n",
        newsval::Config::default(),
    );
    assert_eq!(found, [("out-of-range", 1511)]);
}

/// Regression: findings of a rule turned off in the config were counted toward a file's
/// 1,000 and dropped only when rendered, so with `unknown-field = "off"` an error past
/// 1,000 unknown keys was lost with them and the file passed.
#[test]
fn findings_of_a_rule_turned_off_take_no_place_under_the_limit() {
    let mut config = newsval::Config::default();
    config
        .rules
        .insert(newsval::Rule::UnknownField, newsval::config::Level::Off);
    assert_eq!(
        seed_under_unknown_keys("", config),
        [("out-of-range", 1510)]
    );
}

/// Regression: `unused-suppression` findings were added after the limit was applied, so
/// a file of 1,500 directives that silence nothing listed all 1,500 (and a 10 MiB file
/// of them, 100,000).
#[test]
fn unused_suppressions_stop_at_the_limit_too() {
    let seed = seed();
    let directives = "# newsval: ignore[future-date]\n".repeat(1500);
    let text = seed.replacen("---\n", &format!("---\n{directives}"), 1);
    let diagnostics = check(&text, newsval::Config::default());
    assert_eq!(diagnostics.len(), newsval::rules::MAX_FINDINGS_PER_FILE + 1);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.rule == newsval::Rule::UnusedSuppression)
    );
    let last = &diagnostics[newsval::rules::MAX_FINDINGS_PER_FILE];
    assert!(
        last.message.starts_with("500 more problems"),
        "{}",
        last.message
    );
}

/// The summary of a file's findings past the limit, for the seed with 1,500 repeated
/// topics (warnings) and `edit` made below them.
fn summary_past_repeated_topics(edit: (&str, &str)) -> newsval::Diagnostic {
    let topics = "  - AI\n".repeat(1500);
    let text = seed()
        .replacen("topics:\n", &format!("topics:\n{topics}"), 1)
        .replacen(edit.0, edit.1, 1);
    let mut diagnostics = check(&text, newsval::Config::default());
    assert_eq!(diagnostics.len(), newsval::rules::MAX_FINDINGS_PER_FILE + 1);
    diagnostics.pop().expect("the summary")
}

/// Regression: the summary of the findings past a file's 1,000 took the first one's rule
/// and severity, so an error behind 1,500 repeated topics (warnings) was only counted,
/// and the file passed with exit code 0. Then, once named, an unknown key past the limit
/// had no message, as findings there were only counted.
#[test]
fn an_error_past_the_limit_is_not_hidden_behind_warnings() {
    for (edit, field, message) in [
        (
            ("    quality: 71", "    quality: -71"),
            "related[0].quality",
            "related[0].quality must be 0 or more, found -71",
        ),
        (
            ("    quality: 71", "    quality: 71\n    zzz: 1"),
            "related[0].zzz",
            "unknown field `zzz`",
        ),
    ] {
        let last = summary_past_repeated_topics(edit);
        assert_eq!(
            (last.severity, last.field.as_deref()),
            (newsval::Severity::Error, Some(field)),
            "{last:#?}"
        );
        let expected = format!(
            "501 more problems in this file are not listed (at most 1000 are); the first \
             error among them: {message}"
        );
        assert!(last.message.starts_with(&expected), "{}", last.message);
    }
}
