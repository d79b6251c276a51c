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
