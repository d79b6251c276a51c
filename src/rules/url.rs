//! URL rules: `invalid-url`, `unsupported-scheme`, `insecure-url`, `invalid-domain`
//! and `domain-mismatch`. Parsing is the `url` crate's (WHATWG); the stricter
//! checks here catch what browsers forgive but feeds do not.

use url::{Host, Url};

use super::scalars::string;
use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};
use crate::yaml::Node;

const EXAMPLE_URL: &str = "\"https://www.example.com/2022/09/12/story\"";

/// An absolute `http`/`https` URL with a host (`invalid-url`, `unsupported-scheme`).
pub(crate) fn url(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    relative: bool,
) -> Option<Url> {
    let raw = string(checker, node, path, "a URL", EXAMPLE_URL)?;
    let invalid = |checker: &mut Checker<'_>, message: String, help: &str| {
        checker.report(
            Finding::new(Rule::InvalidUrl, node.span, message)
                .field(path.to_string())
                .help(help),
        );
        None
    };
    if raw.is_empty() {
        return invalid(
            checker,
            format!("{path} is empty"),
            "write an absolute URL such as https://www.example.com/story",
        );
    }
    if raw.chars().any(char::is_whitespace) {
        return invalid(
            checker,
            format!("{path} contains whitespace"),
            "remove surrounding spaces and line breaks; encode a space inside as %20",
        );
    }
    let parsed = match Url::parse(raw) {
        Ok(parsed) => parsed,
        Err(url::ParseError::RelativeUrlWithoutBase) if relative && is_site_path(raw) => {
            // A site-relative path, resolved against a placeholder site so that the list
            // rules can compare it; only its path is ever shown.
            return SITE.join(raw).ok();
        }
        Err(url::ParseError::RelativeUrlWithoutBase) if relative => {
            return invalid(
                checker,
                format!("{path} `{raw}` is a relative URL"),
                "write an absolute URL, or a path from the site's root such as /assets/logo.png",
            );
        }
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return invalid(
                checker,
                format!("{path} `{raw}` is a relative URL"),
                "write the absolute URL, with https:// and the host",
            );
        }
        Err(e) => {
            return invalid(
                checker,
                format!("{path} `{raw}` is not a valid URL: {e}"),
                "write an absolute URL such as https://www.example.com/story",
            );
        }
    };
    let scheme = parsed.scheme();
    if scheme != "http" && scheme != "https" {
        checker.flag(
            Rule::UnsupportedScheme,
            node.span,
            path,
            format!("{path} uses the `{scheme}:` scheme; only http and https are allowed"),
            "link to the web page with an https:// URL".to_owned(),
        );
        return None;
    }
    // The WHATWG parser forgives `https:/host` and `https:\\host`; a feed reader may not.
    if !raw[scheme.len()..].starts_with("://") {
        return invalid(
            checker,
            format!("{path} `{raw}` needs `//` after `{scheme}:`"),
            &format!("write it as {parsed}"),
        );
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return invalid(
            checker,
            format!("{path} `{raw}` has no host"),
            "write an absolute URL such as https://www.example.com/story",
        );
    }
    Some(parsed)
}

/// `insecure-url`: an image served over plain `http:`.
/// The placeholder site that site-relative paths are resolved against.
static SITE: std::sync::LazyLock<Url> = std::sync::LazyLock::new(|| {
    Url::parse("https://site.invalid/").unwrap_or_else(|_| unreachable!("a valid URL"))
});

/// `/assets/logo.png`: a path from the site's root, not `//host/...` (scheme-relative).
fn is_site_path(raw: &str) -> bool {
    raw.starts_with('/') && !raw.starts_with("//")
}

pub(crate) fn prefer_https(
    checker: &mut Checker<'_>,
    url: &Url,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) {
    let span = node.span;
    if url.scheme() == "http" {
        let mut secure = url.clone();
        let help = match secure.set_scheme("https") {
            Ok(()) => format!("use https: {secure}"),
            Err(()) => "use an https URL".to_owned(),
        };
        let fix = super::repair::https(checker.source, node);
        checker.flag_fixed(
            Rule::InsecureUrl,
            span,
            path,
            format!("{path} uses http; images should be served over https"),
            help,
            fix,
        );
    }
}

/// A bare lowercase host name with at least one dot (`invalid-domain`).
pub(crate) fn domain<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node<'_>,
    path: &FieldPath<'_>,
) -> Option<&'n str> {
    let raw = string(checker, node, path, "a domain", "axios.com")?;
    let Some(problem) = domain_problem(raw) else {
        return Some(raw);
    };
    let fixed = domain_suggestion(raw);
    let fix = fixed.as_deref().and_then(|d| {
        super::repair::replace_content(checker.source, node, crate::fix::Applicability::Safe, d)
    });
    let suggestion = fixed
        .map(|d| format!("write `{d}`"))
        .unwrap_or_else(|| "write a bare host name such as `axios.com`".to_owned());
    let shown = if raw.is_empty() {
        String::new()
    } else {
        format!(" `{raw}`")
    };
    checker.flag_fixed(
        Rule::InvalidDomain,
        node.span,
        path,
        format!("{path}{shown} {problem}"),
        suggestion,
        fix,
    );
    None
}

/// Why `raw` is not a bare lowercase host name, or `None` when it is.
/// Whether `raw` is a valid bare host name, as `provider.domain` must be.
pub(crate) fn is_domain(raw: &str) -> bool {
    domain_problem(raw).is_none()
}

fn domain_problem(raw: &str) -> Option<&'static str> {
    if raw.is_empty() {
        return Some("is empty");
    }
    if raw.chars().any(char::is_whitespace) {
        return Some("contains whitespace");
    }
    if raw.contains("://") {
        return Some("has a scheme; the domain is the host name alone");
    }
    if raw.contains('/') {
        return Some("has a path; the domain is the host name alone");
    }
    if raw.contains(':') {
        return Some("has a port or scheme; the domain is the host name alone");
    }
    if raw.ends_with('.') {
        return Some("ends with a dot");
    }
    if raw.chars().any(char::is_uppercase) {
        return Some("is not lowercase");
    }
    if !raw.contains('.') {
        return Some("needs at least one dot (like `axios.com`)");
    }
    match Host::parse(raw) {
        Ok(Host::Domain(parsed)) if parsed == raw => {
            let labels_ok = raw.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            (!labels_ok || raw.len() > 253).then_some("is not a valid host name")
        }
        Ok(Host::Domain(_)) => Some("is not in its canonical form (punycode, lowercase)"),
        Ok(Host::Ipv4(_) | Host::Ipv6(_)) => Some("is an IP address, not a host name"),
        Err(_) => Some("is not a valid host name"),
    }
}

/// The host name the user most likely meant, when it can be recovered.
fn domain_suggestion(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let host = if trimmed.contains("://") {
        Url::parse(trimmed).ok()?.host_str()?.to_owned()
    } else {
        let cut = trimmed.split(['/', ':']).next().unwrap_or(trimmed);
        cut.to_lowercase()
    };
    let host = host.trim_end_matches('.').to_owned();
    // An internationalised name is written in its punycode form (`xn--...`).
    let host = match Host::parse(&host) {
        Ok(Host::Domain(ascii)) => ascii,
        _ => host,
    };
    (domain_problem(&host).is_none() && host != raw).then_some(host)
}

/// `domain-mismatch`: the URL's host must be the provider's domain or a subdomain of it.
pub(crate) fn host_within(
    checker: &mut Checker<'_>,
    url: &Url,
    span: Span,
    path: &FieldPath<'_>,
    domain: &str,
    domain_path: &dyn std::fmt::Display,
) {
    let Some(host) = url.host_str() else {
        return;
    };
    let within = |domain: &str| {
        host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|rest| rest.ends_with('.'))
    };
    let platform = || {
        checker
            .settings
            .hosting_platforms
            .iter()
            .any(|platform| within(platform))
    };
    if !within(domain) && !platform() {
        checker.flag(
            Rule::DomainMismatch,
            span,
            path,
            format!("{path} host `{host}` is not `{domain}` or a subdomain of it"),
            format!("make {domain_path} match the URL's site, or fix the URL"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(domain_problem("axios.com"), None);
        assert_eq!(domain_problem("about.fb.com"), None);
        assert_eq!(domain_problem("xn--bcher-kva.example"), None);
        assert!(domain_problem("Axios.com").is_some());
        assert!(domain_problem("https://axios.com").is_some());
        assert!(domain_problem("axios.com/").is_some());
        assert!(domain_problem("axios.com:443").is_some());
        assert!(domain_problem("axios.com.").is_some());
        assert!(domain_problem("axios").is_some());
        assert!(domain_problem("axios .com").is_some());
        assert!(domain_problem("192.168.0.1").is_some());
        assert!(domain_problem("-bad.com").is_some());
        assert!(domain_problem("bücher.example").is_some());
        assert!(domain_problem("a..com").is_some());
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            domain_suggestion("https://www.Axios.com/x").as_deref(),
            Some("www.axios.com")
        );
        assert_eq!(domain_suggestion("Axios.com").as_deref(), Some("axios.com"));
        assert_eq!(
            domain_suggestion("axios.com.").as_deref(),
            Some("axios.com")
        );
        assert_eq!(domain_suggestion("axios"), None);
        assert_eq!(
            domain_suggestion("bücher.de").as_deref(),
            Some("xn--bcher-kva.de")
        );
    }
}
