//! Date rules: `invalid-date` (RFC 3339 with an offset, nothing looser) and `future-date`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use super::scalars::string;
use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};
use crate::fix::Applicability;
use crate::yaml::Node;

const FORMAT_HELP: &str = "expected an RFC 3339 date-time with an offset: YYYY-MM-DDTHH:MM:SS(.fff)Z or ±HH:MM, e.g. 2022-09-12T13:00:00Z";

/// An RFC 3339 date-time with `Z` or `±hh:mm` (`invalid-date`).
pub(crate) fn date_time(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) -> Option<DateTime<FixedOffset>> {
    let raw = string(checker, node, path, "a date-time", "2022-09-12T13:00:00Z")?;
    match parse_strict(raw) {
        Ok(at) => Some(at),
        Err(problem) => {
            let repair = fixed(raw);
            let help = match &repair {
                Some((shown, _, _)) => format!("write {shown}; {FORMAT_HELP}"),
                None => FORMAT_HELP.to_owned(),
            };
            let fix = repair.and_then(|(_, text, applicability)| {
                let applicability = applicability?;
                super::repair::replace_content(checker.source, node, applicability, &text)
            });
            checker.flag_fixed(
                Rule::InvalidDate,
                node.span,
                path,
                format!("{path} `{raw}` {problem}"),
                help,
                fix,
            );
            None
        }
    }
}

/// chrono's RFC 3339 parser also takes a space for `T`; SPEC does not.
///
/// A `T` goes straight to that parser: chrono's `%Y-%m-%d` parsing reads its format
/// string anew on every call, so the date-only test is kept for values that fail.
fn parse_strict(raw: &str) -> Result<DateTime<FixedOffset>, &'static str> {
    if raw.trim() != raw {
        return Err("has surrounding whitespace");
    }
    let separator = raw.as_bytes().get(10).copied();
    if matches!(separator, Some(b'T' | b't')) {
        return match DateTime::parse_from_rfc3339(raw) {
            Ok(at) => Ok(at),
            Err(_) if naive(raw).is_some() => Err("has no UTC offset"),
            Err(e) => Err(explain(raw, e.kind())),
        };
    }
    if NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok() {
        return Err("is a date without a time and UTC offset");
    }
    if separator == Some(b' ') {
        return Err("has a space where RFC 3339 needs `T` between date and time");
    }
    Err("is not an RFC 3339 date-time")
}

/// Which field of a well-formed but impossible date-time is off.
fn out_of_range(raw: &str) -> &'static str {
    let field = |range: std::ops::Range<usize>| raw.get(range).and_then(|t| t.parse::<u32>().ok());
    match (
        field(5..7),
        field(8..10),
        field(11..13),
        field(14..16),
        field(17..19),
    ) {
        (Some(month), ..) if !(1..=12).contains(&month) => "has a month outside 01-12",
        (_, Some(day), ..) if !(1..=31).contains(&day) => "has a day outside 01-31",
        (_, _, Some(hour), ..) if hour > 23 => "has an hour outside 00-23",
        (_, _, _, Some(minute), _) if minute > 59 => "has a minute outside 00-59",
        (_, _, _, _, Some(second)) if second > 60 => "has a second outside 00-59",
        _ if NaiveDate::parse_from_str(raw.get(..10).unwrap_or_default(), "%Y-%m-%d").is_err() => {
            "is not a real date (such as February 30)"
        }
        _ => "has an offset out of range (at most ±23:59)",
    }
}

/// Which part of an almost-RFC 3339 value is wrong, in words.
fn explain(raw: &str, kind: chrono::format::ParseErrorKind) -> &'static str {
    use chrono::format::ParseErrorKind;
    let tail = raw.get(19..).unwrap_or_default();
    let offset_without_colon = tail
        .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())
        .strip_prefix(['+', '-'])
        .is_some_and(|o| o.len() == 4 && o.bytes().all(|b| b.is_ascii_digit()));
    if offset_without_colon {
        return "has an offset without a colon; RFC 3339 writes it ±HH:MM";
    }
    let time = raw.get(11..).unwrap_or_default();
    if time.len() >= 5 && time.as_bytes().get(5) != Some(&b':') {
        return "has no seconds; RFC 3339 needs HH:MM:SS";
    }
    match kind {
        ParseErrorKind::OutOfRange | ParseErrorKind::Impossible => out_of_range(raw),
        ParseErrorKind::TooShort => "is cut short",
        ParseErrorKind::TooLong => "has extra text after the date-time",
        _ => "is not an RFC 3339 date-time",
    }
}

fn naive(raw: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
}

/// The value as it most likely should read, when that is clear (UTC assumed only for the hint).
fn fixed(raw: &str) -> Option<(String, String, Option<Applicability>)> {
    let trimmed = raw.trim();
    // Only the separator changes: `2022-09-12 13:00:00` keeps its digits as written.
    let with_t = match trimmed.as_bytes().get(10) {
        Some(b' ') => format!("{}T{}", &trimmed[..10], &trimmed[11..]),
        _ => trimmed.to_owned(),
    };
    if let Some(at) = naive(trimmed) {
        let shown = format!(
            "{}Z (if the time is UTC)",
            at.format("%Y-%m-%dT%H:%M:%S%.f")
        );
        return Some((shown, format!("{with_t}Z"), Some(Applicability::Unsafe)));
    }
    if let Ok(date) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Some((
            format!("{date}T00:00:00Z (with the real time)"),
            String::new(),
            None,
        ));
    }
    (with_t != raw && DateTime::parse_from_rfc3339(&with_t).is_ok())
        .then(|| (with_t.clone(), with_t, Some(Applicability::Safe)))
}

/// A calendar date, `YYYY-MM-DD` (`invalid-date`).
pub(crate) fn date(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) -> Option<NaiveDate> {
    let raw = string(checker, node, path, "a date", "2022-09-12")?;
    let well_formed = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|_| well_formed);
    if parsed.is_none() {
        let problem = if well_formed {
            "is not a real date (such as February 30)"
        } else {
            "is not a date of the form YYYY-MM-DD"
        };
        let help = match DateTime::parse_from_rfc3339(raw.trim()) {
            Ok(at) => format!(
                "write {}; expected a date YYYY-MM-DD, e.g. 2022-09-12",
                at.date_naive()
            ),
            Err(_) => "expected a date YYYY-MM-DD, e.g. 2022-09-12".to_owned(),
        };
        checker.flag(
            Rule::InvalidDate,
            node.span,
            path,
            format!("{path} `{raw}` {problem}"),
            help,
        );
    }
    parsed
}

/// An ISO 8601 duration such as `PT1H30M` or `P2W` (`invalid-date`).
pub(crate) fn duration(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) -> Option<()> {
    let raw = string(checker, node, path, "a duration", "PT1H30M")?;
    if is_iso_duration(raw) {
        return Some(());
    }
    checker.flag(
        Rule::InvalidDate,
        node.span,
        path,
        format!("{path} `{raw}` is not an ISO 8601 duration"),
        "expected PnYnMnWnDTnHnMnS with at least one part, e.g. PT1H30M, PT45S or P3D".to_owned(),
    );
    None
}

/// `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]` with at least one part, and one after a `T`.
fn is_iso_duration(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let parts = |text: &str, units: &[u8], fraction_last: bool| -> Option<usize> {
        let mut count = 0;
        let mut next_unit = 0;
        let mut number = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() || (c == '.' && fraction_last) {
                number.push(c);
                continue;
            }
            let unit = units[next_unit..].iter().position(|&u| u as char == c)? + next_unit;
            let fraction_ok = !number.contains('.') || unit == units.len() - 1;
            if number.is_empty() || number.starts_with('.') || number.ends_with('.') || !fraction_ok
            {
                return None;
            }
            number.clear();
            next_unit = unit + 1;
            count += 1;
        }
        number.is_empty().then_some(count)
    };
    let Some(date_parts) = parts(date, b"YMWD", false) else {
        return false;
    };
    match time {
        None => date_parts > 0,
        Some(time) => parts(time, b"HMS", true).is_some_and(|n| n > 0),
    }
}

/// `future-date`: the article's date after now (plus the configured tolerance).
pub(crate) fn not_in_future(
    checker: &mut Checker<'_>,
    at: DateTime<FixedOffset>,
    span: Span,
    path: &FieldPath<'_>,
) {
    let now = checker.settings.now;
    if at.to_utc() > now + checker.settings.future_tolerance {
        checker.report(
            Finding::new(
                Rule::FutureDate,
                span,
                format!(
                    "{path} {} is in the future (now is {})",
                    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                    now.format("%Y-%m-%dT%H:%M:%SZ")
                ),
            )
            .field(path.to_string())
            .help("check the date and its UTC offset; `--now` pins the clock"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in [
            "PT1H30M",
            "P3D",
            "P1Y2M3W4DT5H6M7S",
            "PT0.5S",
            "PT45S",
            "P2W",
        ] {
            assert!(is_iso_duration(ok), "{ok}");
        }
        for bad in [
            "", "P", "PT", "1H", "PT1H30", "P1H", "PT1.5H", "PT.5S", "pt1h", "P1DT", "PT1M1H",
        ] {
            assert!(!is_iso_duration(bad), "{bad}");
        }
    }

    #[test]
    fn accepts_rfc3339() {
        assert!(parse_strict("2022-09-12T13:00:00Z").is_ok());
        assert!(parse_strict("2022-09-12T13:00:00.123+02:00").is_ok());
        assert!(parse_strict("2022-09-12T13:00:00-05:30").is_ok());
    }

    #[test]
    fn rejects_the_usual_mistakes() {
        assert_eq!(
            parse_strict("2022-09-12"),
            Err("is a date without a time and UTC offset")
        );
        assert_eq!(
            parse_strict("2022-09-12 13:00:00Z"),
            Err("has a space where RFC 3339 needs `T` between date and time")
        );
        assert_eq!(
            parse_strict("2022-09-12T13:00:00"),
            Err("has no UTC offset")
        );
        assert_eq!(
            parse_strict("2022-09-12T13:00Z"),
            Err("has no seconds; RFC 3339 needs HH:MM:SS")
        );
        assert_eq!(
            parse_strict("2022-09-12T13:00:00+0200"),
            Err("has an offset without a colon; RFC 3339 writes it ±HH:MM")
        );
        assert_eq!(
            parse_strict("2022-13-12T13:00:00Z"),
            Err("has a month outside 01-12")
        );
        assert_eq!(
            parse_strict("2022-09-12T13:00:00+24:00"),
            Err("has an offset out of range (at most ±23:59)")
        );
        assert!(
            parse_strict("2022-02-30T13:00:00Z")
                .unwrap_err()
                .contains("real date")
        );
        assert!(parse_strict("12/09/2022").is_err());
        assert!(parse_strict("").is_err());
        assert!(parse_strict("2022-09-12T13:00:00Z ").is_err());
    }

    #[test]
    fn suggests_a_fix() {
        assert_eq!(
            fixed("2022-09-12T13:00:00"),
            Some((
                "2022-09-12T13:00:00Z (if the time is UTC)".to_owned(),
                "2022-09-12T13:00:00Z".to_owned(),
                Some(Applicability::Unsafe)
            ))
        );
        assert_eq!(
            fixed("2022-09-12 13:00:00.5"),
            Some((
                "2022-09-12T13:00:00.500Z (if the time is UTC)".to_owned(),
                "2022-09-12T13:00:00.5Z".to_owned(),
                Some(Applicability::Unsafe)
            ))
        );
        assert_eq!(
            fixed("2022-09-12 13:00:00+02:00"),
            Some((
                "2022-09-12T13:00:00+02:00".to_owned(),
                "2022-09-12T13:00:00+02:00".to_owned(),
                Some(Applicability::Safe)
            ))
        );
        assert_eq!(fixed("2022-09-12").map(|f| f.2), Some(None));
    }
}
