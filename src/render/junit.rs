//! The JUnit XML format, as GitLab (`artifacts: reports: junit:`) and Jenkins read it:
//! one `<testsuite>` per checked file, one failing `<testcase>` per diagnostic (warnings
//! too, with `type` naming the rule and the message starting with the severity), and one
//! passing `<testcase>` for a clean file.
//!
//! Written suite by suite with `quick-xml`, in the layout of nextest's `quick-junit`
//! (whose string cleaning it uses): building a whole `quick_junit::Report` first took
//! about 2 KB a file, 200 MiB for 100k files.
//!
//! ```xml
//! <testsuite name="a.md" tests="1" skipped="0" errors="0" failures="1">
//!   <testcase name="invalid-type at 9:10" classname="a.md">
//!     <failure message="error: quality must be an integer" type="invalid-type">…</failure>
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use quick_junit::XmlString;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

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
        let failures = report.diagnostics.len();
        let tests = failures + (files.len() - by_file.len());
        let mut xml = Writer::new_with_indent(out, b' ', 4);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(BytesStart::new("testsuites").with_attributes(
            [
                ("name", "newsval"),
                ("tests", &tests.to_string()),
                ("skipped", "0"),
                ("failures", &failures.to_string()),
                ("errors", "0"),
            ],
        )))?;
        for file in files {
            let diagnostics = by_file.get(file).map(Vec::as_slice).unwrap_or_default();
            let file = XmlString::new(file);
            xml.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
                [
                    ("name", file.as_str()),
                    ("tests", &diagnostics.len().max(1).to_string()),
                    ("skipped", "0"),
                    ("errors", "0"),
                    ("failures", &diagnostics.len().to_string()),
                ],
            )))?;
            if diagnostics.is_empty() {
                xml.write_event(Event::Empty(
                    BytesStart::new("testcase")
                        .with_attributes([("name", CLEAN_CASE), ("classname", file.as_str())]),
                ))?;
            }
            for d in diagnostics {
                test_case(&mut xml, d, &file)?;
            }
            xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
        // The final newline.
        xml.write_indent()
    }
}

fn test_case(xml: &mut Writer<&mut dyn Write>, d: &Diagnostic, file: &XmlString) -> io::Result<()> {
    let name = XmlString::new(format!("{} at {}:{}", d.rule, d.start.line, d.start.column));
    xml.write_event(Event::Start(BytesStart::new("testcase").with_attributes([
        ("name", name.as_str()),
        ("classname", file.as_str()),
    ])))?;
    let message = XmlString::new(format!("{}: {}", d.severity, d.message));
    xml.write_event(Event::Start(BytesStart::new("failure").with_attributes([
        ("message", message.as_str()),
        ("type", d.rule.id()),
    ])))?;
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
    let description = XmlString::new(description);
    xml.write_event(Event::Text(BytesText::new(description.as_str())))?;
    xml.write_event(Event::End(BytesEnd::new("failure")))?;
    xml.write_event(Event::End(BytesEnd::new("testcase")))
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
