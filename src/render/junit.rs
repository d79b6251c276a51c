//! The JUnit XML format, as GitLab (`artifacts: reports: junit:`) and Jenkins read it:
//! one `<testsuite>` per checked file, one failing `<testcase>` per diagnostic (warnings
//! too, with `type` naming the rule and the message starting with the severity), and one
//! passing `<testcase>` for a clean file. Built with `quick-junit`, nextest's writer.
//!
//! ```xml
//! <testsuite name="a.md" tests="1" disabled="0" errors="0" failures="1">
//!   <testcase name="invalid-type at 9:10" classname="a.md">
//!     <failure message="error: quality must be an integer" type="invalid-type">…</failure>
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::Emitter;
use crate::{Diagnostic, Report};

pub struct Junit;

/// The name of the one test case of a clean file.
const CLEAN_CASE: &str = "no problems";

impl Emitter for Junit {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in &report.diagnostics {
            by_file.entry(&d.path).or_default().push(d);
        }
        // Every checked file, and every path a diagnostic names (a hand-built report may
        // list no files).
        let files: BTreeSet<&str> = report
            .files
            .iter()
            .map(String::as_str)
            .chain(by_file.keys().copied())
            .collect();
        let mut junit = quick_junit::Report::new("newsval");
        for file in files {
            let mut suite = TestSuite::new(file);
            match by_file.get(file) {
                Some(diagnostics) => {
                    suite.add_test_cases(diagnostics.iter().map(|d| test_case(d)));
                }
                None => {
                    let mut case = TestCase::new(CLEAN_CASE, TestCaseStatus::success());
                    case.set_classname(file);
                    suite.add_test_case(case);
                }
            }
            junit.add_test_suite(suite);
        }
        // Serialized whole first: the writer's own errors (a closed pipe) stay io::Errors.
        let xml = junit.to_string().map_err(io::Error::other)?;
        out.write_all(xml.as_bytes())?;
        if !xml.ends_with('\n') {
            writeln!(out)?;
        }
        Ok(())
    }
}

fn test_case(d: &Diagnostic) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status
        .set_message(format!("{}: {}", d.severity, d.message))
        .set_type(d.rule.id());
    let mut description = format!(
        "{}:{}:{}: {}[{}]: {}",
        d.path, d.start.line, d.start.column, d.severity, d.rule, d.message
    );
    if let Some(field) = &d.field {
        description.push_str(&format!("\nfield: {field}"));
    }
    if let Some(help) = &d.help {
        description.push_str(&format!("\nhelp: {help}"));
    }
    status.set_description(description);
    let name = format!("{} at {}:{}", d.rule, d.start.line, d.start.column);
    let mut case = TestCase::new(name, status);
    case.set_classname(d.path.as_str());
    case
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{render, report};

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&Junit, &report()));
    }

    /// A real XML parser reads it back: one suite per file, one case per diagnostic, a
    /// passing case for the clean file, and the awkward characters intact.
    #[test]
    fn parses_as_xml_with_one_suite_per_file() {
        let report = report();
        let xml = render(&Junit, &report);
        let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let suites: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        let names: Vec<_> = suites.iter().filter_map(|s| s.attribute("name")).collect();
        assert_eq!(names, report.files);
        let cases = |i: usize| {
            suites[i]
                .children()
                .filter(|n| n.has_tag_name("testcase"))
                .collect::<Vec<_>>()
        };
        // items/clean.md: one passing case.
        let clean = cases(1);
        assert_eq!(clean.len(), 1);
        assert!(clean[0].children().all(|n| !n.is_element()));
        // The odd name: three failing cases, text as written.
        let odd = cases(2);
        assert_eq!(odd.len(), 3);
        let failure = odd[1]
            .children()
            .find(|n| n.has_tag_name("failure"))
            .expect("a failure");
        assert_eq!(failure.attribute("type"), Some("unknown-value"));
        assert!(
            failure
                .text()
                .expect("a description")
                .contains("`Bérichte: 50%, <b>&amp;</b>`")
        );
        assert_eq!(root.attribute("failures"), Some("4"));
    }

    #[test]
    fn an_empty_run_is_an_empty_report() {
        let xml = render(&Junit, &Report::default());
        roxmltree::Document::parse(&xml).expect("well-formed XML");
    }
}
