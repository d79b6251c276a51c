//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newsval::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "newsval",
    version,
    about = "Validate news-item files: YAML frontmatter, exact positions, friendly messages"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check files and folders (default: the current folder).
    Check(CheckArgs),
    /// List every rule, or explain one with a failing and a passing example.
    Rules {
        /// A rule id such as `invalid-date`.
        rule: Option<String>,
    },
    /// Write a commented default newsval.toml in the current folder.
    Init {
        /// Replace an existing newsval.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema (draft 2020-12) of the frontmatter, for editors and tools;
    /// or the schema's description, or its field tables.
    Schema(SchemaArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell or elvish).
    Completions {
        /// The shell to complete newsval in.
        shell: clap_complete::Shell,
    },
    /// Write the man pages (newsval.1 and one per command) into a folder; the release
    /// ships them.
    #[command(hide = true)]
    Manpage {
        /// The folder to write into; created if missing.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The JSON Schema of this collection of the config (default: the news item).
    #[arg(long, value_name = "NAME")]
    pub(crate) collection: Option<String>,

    /// Print the built-in news item's description, in the form `newsval.toml` takes.
    #[arg(long, conflicts_with = "collection")]
    pub(crate) description: bool,

    /// Print the schema's fields as Markdown tables, for documentation.
    #[arg(long, conflicts_with = "description")]
    pub(crate) markdown: bool,

    /// Use this config instead of looking for `newsval.toml`.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to check; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,

    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    /// Print only problems, no summary.
    #[arg(long, short)]
    pub(crate) quiet: bool,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub(crate) deny_warnings: bool,

    /// Report problems but exit 0 (usage errors still exit 2).
    #[arg(long, conflicts_with = "deny_warnings")]
    pub(crate) exit_zero: bool,

    /// Pin the clock for `future-date`, as an RFC 3339 date-time.
    #[arg(long, value_name = "DATE-TIME", value_parser = parse_now)]
    pub(crate) now: Option<chrono::DateTime<chrono::Utc>>,

    /// Use this config instead of looking for newsval.toml.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// The name standard input (`-`) is shown under.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,

    /// Check files even when the config's exclude globs match them.
    #[arg(long)]
    pub(crate) no_exclude: bool,

    /// Worker threads for the walk and the checks (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) threads: Option<std::num::NonZeroUsize>,

    /// Check only these rules (comma-separated ids; `newsval rules` lists them).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub(crate) select: Vec<String>,

    /// Do not check these rules (comma-separated ids).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,

    /// Print how many problems each rule found, instead of each problem.
    #[arg(long)]
    pub(crate) statistics: bool,

    /// Apply the fixes that cannot change what an item means (quotes around a number,
    /// surrounding spaces, a space for `T`, an uppercase domain, a repeated topic...).
    #[arg(long)]
    pub(crate) fix: bool,

    /// With --fix or --diff, apply the fixes that guess too (a did-you-mean, `Z` for a
    /// missing offset, `https` for `http`).
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing; exit 1 if there are any.
    #[arg(long)]
    pub(crate) diff: bool,

    /// Check again whenever a file under the PATHs changes, printing only what changed.
    #[arg(long, conflicts_with_all = ["fix", "diff", "show_settings", "statistics"])]
    pub(crate) watch: bool,

    /// Print, for each PATH, the config, collection and rule settings it is checked
    /// with, and check nothing.
    #[arg(long)]
    pub(crate) show_settings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_now(value: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|d| d.to_utc())
        .map_err(|e| format!("expected an RFC 3339 date-time such as 2026-01-01T00:00:00Z ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
