//! The `newsval` binary: parses the command line, loads the config, calls the library,
//! renders the report and picks the exit code (0 clean, 1 problems, 2 usage).

mod cli;
mod watch;

use std::collections::HashMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorChoice, Command, SchemaArgs};
use newsval::apply::{FixMode, FixSummary};
use newsval::config::Config;
use newsval::render::{self, Format, RenderOptions};
use newsval::{Input, Rule, Settings};

const EXIT_CLEAN: u8 = 0;
const EXIT_PROBLEMS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(EXIT_CLEAN);
            }
            eprintln!("newsval: error: {error:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The PATH `-`: standard input.
fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { rule } => rules(rule.as_deref()),
        Command::Init { force } => init(force),
        Command::Schema(args) => schema(&args),
        Command::Completions { shell } => completions(shell),
        Command::Manpage { dir } => manpage(&dir),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    // Checking `.` instead of the buffer an editor piped in would be a silent surprise.
    if args.stdin_filename.is_some() && !args.paths.iter().any(|path| is_stdin(path)) {
        anyhow::bail!(
            "--stdin-filename names standard input, but no PATH is `-`; add `-` to read it"
        );
    }
    let select = rule_ids(&args.select, "--select")?;
    let ignore = rule_ids(&args.ignore, "--ignore")?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let settings_of = |mut config: Config| {
        if !select.is_empty() {
            config.rules.select(&select);
        }
        config.rules.ignore(&ignore);
        let mut settings = Settings::new(config, now);
        settings.list_files = args.format == Format::Junit;
        settings.threads = args.threads;
        settings
    };
    let fixing = (args.fix || args.diff).then_some(FixMode {
        unsafe_fixes: args.unsafe_fixes,
        diff_only: args.diff,
    });
    if args.show_settings {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        for (config, paths) in configs_of(&args)? {
            let settings = settings_of(config);
            for path in paths {
                show_settings(&settings, &path, &mut out)?;
            }
        }
        out.flush()?;
        return Ok(EXIT_CLEAN);
    }
    if args.watch {
        let color = color_of(args.color);
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let options = RenderOptions { color, quiet: true };
        let check = || check_all(&args, &settings_of, None).map(|(report, _)| report);
        watch::watch(&args.paths, options, &mut out, &check)?;
        return Ok(EXIT_CLEAN);
    }
    let (report, fixed) = check_all(&args, &settings_of, fixing)?;
    for (path, error) in &fixed.failures {
        eprintln!("newsval: error: cannot write the fixes of {path}: {error}");
    }
    if args.diff {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        render::write_diff(&fixed.changes, &mut out)?;
        out.flush()?;
        let failed = !fixed.changes.is_empty() || !fixed.failures.is_empty();
        return Ok(if failed { EXIT_PROBLEMS } else { EXIT_CLEAN });
    }
    let color = color_of(args.color);
    let format = args.format;
    let emitter = render::emitter(
        format,
        RenderOptions {
            color,
            quiet: args.quiet,
        },
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    if args.statistics {
        render::write_statistics(&report, &mut out)?;
    } else {
        emitter.emit(&report, &mut out)?;
    }
    if fixing.is_some() && !args.quiet && matches!(format, Format::Human | Format::Concise) {
        writeln!(
            out,
            "{}",
            render::fix_line(fixed.fixed, fixed.unsafe_fixable)
        )?;
    }
    out.flush()?;
    if format == Format::Github
        && let Err(error) = append_step_summary(&report)
    {
        // The check itself ran; a summary that cannot be written must not change its verdict.
        eprintln!("newsval: warning: {error:#}");
    }
    let failed = !args.exit_zero
        && (report.errors() > 0
            || (args.deny_warnings && report.warnings() > 0)
            || !fixed.failures.is_empty());
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_CLEAN })
}

/// Appends the Markdown summary to the file `GITHUB_STEP_SUMMARY` names, when it names one.
/// The config each PATH is checked under, with the PATHs that share it, in the order
/// first met: `--config` for all; else the `newsval.toml` nearest above each PATH (above
/// the working directory for standard input), so `newsval check /repo/items` from
/// elsewhere still uses `/repo/newsval.toml`.
fn configs_of(args: &CheckArgs) -> anyhow::Result<Vec<(Config, Vec<PathBuf>)>> {
    if let Some(path) = &args.config {
        return Ok(vec![(Config::load(path)?, args.paths.clone())]);
    }
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let mut groups: Vec<(Config, Vec<PathBuf>)> = Vec::new();
    // pre-commit names hundreds of files in a few folders: each folder is looked up once.
    let mut by_folder: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for path in &args.paths {
        let folder = if is_stdin(path) || path.is_dir() {
            cwd.join(if is_stdin(path) { Path::new(".") } else { path })
        } else {
            cwd.join(path.parent().unwrap_or(Path::new(".")))
        };
        let source = match by_folder.get(&folder) {
            Some(source) => source.clone(),
            None => {
                let source = Config::find(&folder);
                by_folder.insert(folder, source.clone());
                source
            }
        };
        match groups
            .iter_mut()
            .find(|(config, _)| config.source == source)
        {
            Some((_, paths)) => paths.push(path.clone()),
            None => {
                let config = match &source {
                    Some(file) => Config::load(file)?,
                    None => Config::discover(&cwd)?,
                };
                groups.push((config, vec![path.clone()]));
            }
        }
    }
    Ok(groups)
}

/// Whether to colour the output: `--color`, or a terminal that did not set NO_COLOR.
fn color_of(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Checks every PATH under its config, fixing when asked; one report for all.
fn check_all(
    args: &CheckArgs,
    settings_of: &dyn Fn(Config) -> Settings,
    fixing: Option<FixMode>,
) -> anyhow::Result<(newsval::Report, FixSummary)> {
    let mut report = newsval::Report::default();
    let mut fixed = FixSummary::default();
    for (config, paths) in configs_of(args)? {
        let settings = settings_of(config);
        let mut inputs = Vec::with_capacity(paths.len());
        for path in paths {
            if is_stdin(&path) {
                let mut bytes = Vec::new();
                io::stdin()
                    .lock()
                    .take(settings.config.size_limit.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .context("cannot read standard input")?;
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".into());
                inputs.push(Input::Bytes { name, bytes });
            } else {
                inputs.push(Input::Path(path));
            }
        }
        let mut part = newsval::check(&inputs, &settings, args.no_exclude)?;
        if let Some(mode) = fixing {
            let summary = newsval::apply::fix_report(&mut part, &settings, mode);
            fixed.fixed += summary.fixed;
            fixed.unsafe_fixable += summary.unsafe_fixable;
            fixed.changes.extend(summary.changes);
            fixed.failures.extend(summary.failures);
        }
        report.merge(part);
    }
    Ok((report, fixed))
}

/// `--show-settings` for one PATH: which config, which collection, which rules.
fn show_settings(settings: &Settings, path: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = path.to_string_lossy();
    writeln!(out, "{shown}")?;
    match &settings.config.source {
        Some(file) => writeln!(out, "  config: {}", file.display())?,
        None => writeln!(out, "  config: none (the defaults)")?,
    }
    match settings.collection_for(&shown) {
        Some(collection) => writeln!(
            out,
            "  collection: {} (files {})",
            collection.name,
            collection.files.join(", ")
        )?,
        None => writeln!(out, "  collection: none (the built-in news item)")?,
    }
    let severities = settings.severities_for(&shown);
    let mut changed = Vec::new();
    let mut off = Vec::new();
    for rule in Rule::ALL {
        match severities.of(rule) {
            None => off.push(rule.id()),
            Some(severity) if severity != rule.default_severity() => {
                changed.push(format!("{} = {severity}", rule.id()));
            }
            Some(_) => {}
        }
    }
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(", ")
        }
    };
    writeln!(
        out,
        "  rules off: {}",
        list(off.into_iter().map(str::to_owned).collect())
    )?;
    writeln!(out, "  severities changed: {}", list(changed))?;
    Ok(())
}

/// Rule ids from `--select` or `--ignore`; a misspelt one is a usage error.
fn rule_ids(names: &[String], flag: &str) -> anyhow::Result<Vec<Rule>> {
    names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(|name| name.parse::<Rule>().with_context(|| flag.to_owned()))
        .collect()
}

fn append_step_summary(report: &newsval::Report) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .with_context(|| format!("cannot open GITHUB_STEP_SUMMARY {}", path.display()))?;
    let mut out = io::BufWriter::new(file);
    render::write_step_summary(report, &mut out)
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write GITHUB_STEP_SUMMARY {}", path.display()))
}

fn load_config(path: Option<&std::path::Path>) -> anyhow::Result<Config> {
    Ok(match path {
        Some(path) => Config::load(path)?,
        None => Config::discover(
            &std::env::current_dir().context("cannot read the working directory")?,
        )?,
    })
}

fn schema(args: &SchemaArgs) -> anyhow::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.description {
        out.write_all(newsval::schema::BUILTIN.as_bytes())?;
        out.flush()?;
        return Ok(EXIT_CLEAN);
    }
    let config = load_config(args.config.as_deref())?;
    let schema = match &args.collection {
        None => &config.schema,
        Some(name) => match config.collections.iter().find(|c| &c.name == name) {
            Some(collection) => &collection.schema,
            None => {
                let names: Vec<&str> = config.collections.iter().map(|c| c.name.as_str()).collect();
                let hint = match newsval::suggest::did_you_mean(name, names.iter().copied()) {
                    Some(s) => format!("; did you mean `{s}`?"),
                    None if names.is_empty() => "; the config declares none".to_owned(),
                    None => format!("; the collections are: {}", names.join(", ")),
                };
                anyhow::bail!("no collection `{name}` in the config{hint}");
            }
        },
    };
    if args.markdown {
        out.write_all(schema.markdown().as_bytes())?;
    } else {
        let text = serde_json::to_string_pretty(&schema.json_schema())?;
        writeln!(out, "{text}")?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    // Generated into memory: clap_complete panics on a write error, and a closed pipe
    // (`newsval completions bash | head`) must end quietly like every other command.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newsval", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// Writes `newsval.1` and a page per visible command (`newsval-check.1`...) into `dir`,
/// all generated from the same clap definition as `--help`.
fn manpage(dir: &std::path::Path) -> anyhow::Result<u8> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    // Every page names the release it documents, a command's page too.
    let source = format!("newsval {}", env!("CARGO_PKG_VERSION"));
    let commands = command.get_subcommands().filter(|c| !c.is_hide_set());
    for page in std::iter::once(&command).chain(commands) {
        clap_mangen::Man::new(page.clone())
            .source(source.clone())
            .generate_to(dir)
            .with_context(|| format!("cannot write the man pages into {}", dir.display()))?;
    }
    Ok(EXIT_CLEAN)
}

fn rules(rule: Option<&str>) -> anyhow::Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match rule {
        None => {
            let width = Rule::ALL.iter().map(|r| r.id().len()).max().unwrap_or(0);
            for rule in Rule::ALL {
                writeln!(
                    out,
                    "{:width$}  {:7}  {}",
                    rule.id(),
                    rule.default_severity().as_str(),
                    rule.summary()
                )?;
            }
        }
        Some(name) => {
            let rule: Rule = name.parse()?;
            let example = rule.example();
            writeln!(
                out,
                "{} ({} by default)\n",
                rule.id(),
                rule.default_severity()
            )?;
            writeln!(out, "Fires on: {}\n", with_period(rule.summary()))?;
            writeln!(out, "Fails:\n\n{}", indent(example.bad))?;
            if example.checkable {
                // Show what newsval says of the example, so the text can never drift.
                let settings = Settings::new(Config::default(), chrono::Utc::now());
                let report = newsval::Report {
                    files_checked: 1,
                    files: vec!["example.md".to_owned()],
                    diagnostics: newsval::check_bytes(
                        "example.md",
                        example.bad.as_bytes(),
                        &settings,
                    ),
                };
                let mut said = Vec::new();
                let options = RenderOptions {
                    color: false,
                    quiet: true,
                };
                render::emitter(Format::Human, options).emit(&report, &mut said)?;
                writeln!(
                    out,
                    "newsval says:\n\n{}",
                    indent(&String::from_utf8_lossy(&said))
                )?;
            }
            writeln!(out, "Passes:\n\n{}", indent(example.good))?;
        }
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn init(force: bool) -> anyhow::Result<u8> {
    let path = std::path::Path::new(newsval::config::FILE_NAME);
    if path.exists() && !force {
        anyhow::bail!(
            "{} already exists; use --force to replace it",
            path.display()
        );
    }
    std::fs::write(path, newsval::config::DEFAULT_CONFIG_TOML)
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(EXIT_CLEAN)
}

/// A sentence's final period, unless it already ends in one (or in "...").
fn with_period(text: &str) -> String {
    if text.ends_with('.') {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
