//! What newsval gives shells and `man`, generated from its clap definition: a completion
//! script per shell and the man pages, each compared whole with its snapshot, and the
//! bash script completing for real.

#![allow(clippy::expect_used)]

mod common;

use common::newsval;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

#[test]
fn completions_for_every_shell() {
    for shell in SHELLS {
        let run = newsval(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.transcript());
        assert_eq!(run.stderr, "", "{shell}");
        insta::assert_snapshot!(format!("completions-{shell}"), run.stdout);
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let run = newsval(&["completions", "tcsh"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        run.stderr
    );
}

/// What bash offers after `words` with the script loaded, as pressing TAB would.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let script = dir.path().join("newsval.bash");
    std::fs::write(&script, newsval(&["completions", "bash"]).stdout).expect("writable");
    let current = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    // A completion function is called with the command, the word being completed and
    // the word before it, and reads COMP_WORDS and COMP_CWORD.
    let call = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={current}; _newsval newsval '{}' '{}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words[current],
        words[current - 1],
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &call])
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_flags_and_values() {
    assert_eq!(bash_completes(&["newsval", "com"]), ["completions"]);
    assert_eq!(bash_completes(&["newsval", "check", "--for"]), ["--format"]);
    assert_eq!(
        bash_completes(&["newsval", "check", "--format", ""]),
        [
            "human", "concise", "json", "github", "sarif", "junit", "gitlab"
        ]
    );
    assert_eq!(
        bash_completes(&["newsval", "completions", "p"]),
        ["powershell"]
    );
}

/// `newsval manpage DIR` writes a page for newsval and one for each command it lists
/// (the hidden `manpage` itself and `help` left out), as the release ships them.
#[test]
fn man_pages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("man/man1");
    let run = newsval(&["manpage", out.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let names = common::sorted_names(&out);
    assert_eq!(
        names,
        [
            "newsval-check.1",
            "newsval-completions.1",
            "newsval-init.1",
            "newsval-rules.1",
            "newsval-schema.1",
            "newsval.1"
        ]
    );
    for name in names {
        let page = std::fs::read_to_string(out.join(&name)).expect("a page");
        // The version is redacted so a release does not churn the snapshots.
        let page = page.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("man-{name}"), page);
    }
}
