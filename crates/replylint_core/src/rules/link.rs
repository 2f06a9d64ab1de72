//! `link`: links a customer should not be sent: `http://`, URL
//! shorteners, and domains outside the configured allowlist.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports `http://` links, links through URL shorteners, and links to
    /// domains outside `allowed-domains`.
    ///
    /// Every link counts, with or without a scheme
    /// (`https://brand.com/help`, `www.brand.com`, `bit.ly/3xYz`,
    /// `brand.com/help`). Reported:
    /// - an `http://` link: the page travels unencrypted and browsers flag
    ///   it as "not secure". The unsafe fix writes `https://` (check that
    ///   the site serves it);
    /// - a link through a URL shortener (`bit.ly`, `tinyurl.com`, `ow.ly`,
    ///   `is.gd`, `cutt.ly`…, listed in `rules/lexicon/links.toml`): it
    ///   hides where it leads;
    /// - when `allowed-domains` is set, a link to any other domain (the
    ///   listed domains and their subdomains are fine).
    ///
    /// Not reported: links to the local machine (`http://localhost`,
    /// `127.0.0.1`, private network addresses), which are broken rather
    /// than insecure; the links platforms wrap every URL in by themselves
    /// (X's `t.co`, LinkedIn's `lnkd.in`), which show up in exported
    /// replies; a company's own short domains (`amzn.to`, `aka.ms`,
    /// `youtu.be`), which are not on the shortener list; a link whose host
    /// is a template placeholder (`https://{{shop_domain}}/orders`), whose
    /// scheme is still checked. A domain written without a scheme or `www.`
    /// and without a path counts only in lower case (`brand.com`), so that
    /// a missing space after a full stop (`ordine.Il pacco`) is not a link.
    ///
    /// ## Why is this bad?
    /// Customers are taught to distrust exactly these links: plain HTTP,
    /// shortened links and unfamiliar domains are what phishing messages
    /// use. A reply that contains them looks like one, and an unencrypted
    /// link can be tampered with on the way.
    ///
    /// ## Example
    /// ```text
    /// You can track your parcel here: http://bit.ly/3xYzAbc
    /// ```
    /// Use instead:
    /// ```text
    /// You can track your parcel here: https://brand.com/track/48213
    /// ```
    ///
    /// ## Options
    /// - `allowed-domains` (top level): the domains links may point to,
    ///   each with its subdomains (`["brand.com", "brand-help.zendesk.com"]`).
    ///   Empty or unset: any domain is fine (shorteners and `http://` are
    ///   still reported). A shortener listed here is fine too.
    pub struct Link {
        id: "link",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Link {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let allowed = &cx.settings.allowed_domains;
        for link in find(body) {
            let url = &body[link.span.clone()];
            let host = link.host.as_deref();
            if host.is_some_and(is_local) {
                continue;
            }
            if let Some(scheme) = link.scheme.clone()
                && body[scheme.clone()].eq_ignore_ascii_case("http")
            {
                sink.report(
                    link.span.clone(),
                    format!("insecure link `{url}`: use `https://`"),
                )
                .with_help(
                    "link to the `https://` address; browsers mark `http://` pages as not secure",
                )
                .with_fix(Fix::unsafe_(vec![Edit::replace(
                    Span::from(scheme),
                    "https",
                )]));
            }
            let Some(host) = host else { continue };
            if domain_listed(host, allowed) || domain_listed(host, &LISTS.wrappers) {
                continue;
            }
            if let Some(shortener) = LISTS
                .shorteners
                .iter()
                .find(|s| domain_listed(host, std::slice::from_ref(s)))
            {
                sink.report(
                    link.span.clone(),
                    format!("link through the URL shortener `{shortener}` hides where it leads"),
                )
                .with_help("link to the full address on the company's own domain");
                continue;
            }
            if !allowed.is_empty() {
                sink.report(
                    link.span.clone(),
                    format!("link to `{host}`, which is not in `allowed-domains`"),
                )
                .with_help(
                    "link to one of the company's domains, or add this one to `allowed-domains`",
                );
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    shorteners: Vec<String>,
    wrappers: Vec<String>,
    local: Vec<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    crate::lang::builtin::load("links", |source| source.read())
});

/// One link in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: Range<usize>,
    /// The scheme (`http`, `https`) without `://`, if written.
    pub scheme: Option<Range<usize>>,
    /// The host, lower case, without user, port or trailing dot; `None`
    /// when it is a template placeholder.
    pub host: Option<String>,
}

/// Links with a scheme: `http://` or `https://` (any case) and everything
/// up to white space or a character that cannot be in a URL, as
/// `(?i)(?-u:\b)(https?)://[^\s<>"'`]+` finds them (tested against it),
/// without the regex's build (8 % of a draft's instructions): each
/// `(whole match, scheme)`. The scheme starts a word
/// ([`crate::analysis::tokens::is_boundary`], checked after the match:
/// `请访问https://…` has a link, `xhttps://…` none).
fn with_scheme(text: &str) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    memchr::memmem::find_iter(bytes, b"://").filter_map(move |colon| {
        let http = |at: usize| bytes[at..at + 4].eq_ignore_ascii_case(b"http");
        // `s` folds to `ſ` too under `(?i)`.
        let start = if colon >= 5 && bytes[colon - 1].eq_ignore_ascii_case(&b's') && http(colon - 5) {
            colon - 5
        } else if colon >= 6 && bytes[colon - 2..colon] == *"ſ".as_bytes() && http(colon - 6) {
            colon - 6
        } else if colon >= 4 && http(colon - 4) {
            colon - 4
        } else {
            return None;
        };
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if start < from || (start > 0 && word(bytes[start - 1])) {
            return None;
        }
        let rest = &text[colon + 3..];
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        from = colon + 3 + len;
        Some((start..from, start..colon))
    })
}

/// Every link in `text`: with a scheme, then the scheme-less ones
/// twitter-text finds (`www.brand.com`, `bit.ly/x`, `brand.com`).
pub fn find(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (all, scheme) in with_scheme(text) {
        if !crate::analysis::tokens::is_boundary(text, all.start) {
            continue;
        }
        let span = all.start..all.start + trim_end(&text[all]);
        let rest = &text[scheme.end + 3..span.end];
        out.push(Found {
            host: host_of(rest),
            span,
            scheme: Some(scheme),
        });
    }
    let with_scheme: Vec<Range<usize>> = out.iter().map(|f| f.span.clone()).collect();
    for r in crate::text::tweet::urls(text) {
        let Some(url) = text.get(r.clone()) else {
            continue;
        };
        // Links with a scheme are sorted and do not overlap.
        let i = with_scheme.partition_point(|s| s.start < r.end);
        if (i > 0 && with_scheme[i - 1].end > r.start) || url.contains("://") {
            continue;
        }
        let span = r.start..r.start + trim_end(url);
        let url = &text[span.clone()];
        let has_path = url.contains(['/', '?', '#']);
        let lower = url.to_lowercase();
        if !has_path && !lower.starts_with("www.") && lower != url {
            continue;
        }
        out.push(Found {
            host: host_of(url),
            span,
            scheme: None,
        });
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// Length of `url` without the punctuation that ends the sentence around
/// it, and without a closing bracket it did not open.
fn trim_end(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let s = &url[..end];
        let Some(last) = s.chars().next_back() else {
            return end;
        };
        let unbalanced = |open: char, close: char| {
            last == close && s.matches(close).count() > s.matches(open).count()
        };
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | '~')
            || unbalanced('(', ')')
            || unbalanced('[', ']')
        {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

/// The host of a URL without its scheme (`user@host:port/path`), lower
/// case; `None` when it holds a template placeholder.
fn host_of(rest: &str) -> Option<String> {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains(['{', '}', '%', '<', '>', '[', ']']) && !authority.starts_with('[') {
        return None;
    }
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    let host = host.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Whether `host` is one of `domains` or a subdomain of one. Entries may
/// be written as URLs or with a `*.` prefix.
fn domain_listed(host: &str, domains: &[String]) -> bool {
    domains.iter().any(|d| {
        let d = d.trim().to_lowercase();
        let d = d
            .strip_prefix("https://")
            .or_else(|| d.strip_prefix("http://"))
            .unwrap_or(&d);
        let d = d.trim_start_matches("*.").trim_start_matches('.');
        let d = d
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches('.');
        !d.is_empty() && (host == d || host.strip_suffix(d).is_some_and(|p| p.ends_with('.')))
    })
}

/// Hosts on the local machine or a private network.
fn is_local(host: &str) -> bool {
    if LISTS.local.iter().any(|l| l == host)
        || host.ends_with(".localhost")
        || host.ends_with(".local")
    {
        return true;
    }
    let Ok(ip) = host.parse::<std::net::Ipv4Addr>() else {
        return false;
    };
    ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`with_scheme`] stands for.
    fn by_regex(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
        let re = regex::Regex::new(r#"(?i)(?-u:\b)(https?)://[^\s<>"'`]+"#).unwrap();
        re.captures_iter(text)
            .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
            .collect()
    }

    #[test]
    fn links_with_a_scheme_are_what_the_regex_finds() {
        for text in [
            "see https://a.com/x and HTTP://b.org, ok",
            "xhttps://a.com _http://b http://c.com?u=http://d.com",
            "https:// http://\u{a0}x http://<a> httpſ://long.s HTTPſ://x",
            "请访问https://例子.cn/路径。 ahttp://x 9https://y",
            "http://a.com\r\nhttps://b.com\thttp://c'd\"e`f",
            "hhttps://x https://https://x ://x http:/x",
        ] {
            assert_eq!(with_scheme(text).collect::<Vec<_>>(), by_regex(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn links_with_a_scheme_are_what_the_regex_finds_in_any_text(
            text in "([hHtTpPsSſ:/x_ .\n<\"é请]|https?://|HTTPS://){0,16}"
        ) {
            prop_assert_eq!(with_scheme(&text).collect::<Vec<_>>(), by_regex(&text));
        }
    }

    fn links(text: &str) -> Vec<(&str, Option<String>)> {
        find(text)
            .into_iter()
            .map(|f| (&text[f.span], f.host))
            .collect()
    }

    #[test]
    fn a_scheme_right_after_another_writing_system_starts_a_link() {
        assert_eq!(
            links("请访问https://brand.com/help"),
            [("https://brand.com/help", Some("brand.com".to_owned()))]
        );
        assert!(find("xhttps://brand.com/help").iter().all(|f| f.scheme.is_none()));
    }

    #[test]
    fn links_with_and_without_scheme() {
        assert_eq!(
            links("See https://Brand.com:443/help?x=1. Or www.brand.it, or bit.ly/3xYz!"),
            [
                (
                    "https://Brand.com:443/help?x=1",
                    Some("brand.com".to_owned())
                ),
                ("www.brand.it", Some("www.brand.it".to_owned())),
                ("bit.ly/3xYz", Some("bit.ly".to_owned())),
            ]
        );
        assert_eq!(
            links("[help](https://brand.com/help) (https://brand.com/a_(b))"),
            [
                ("https://brand.com/help", Some("brand.com".to_owned())),
                ("https://brand.com/a_(b)", Some("brand.com".to_owned())),
            ]
        );
        assert_eq!(
            links("https://{{shop}}/orders"),
            [("https://{{shop}}/orders", None)]
        );
    }

    #[test]
    fn not_links() {
        assert!(links("l'ordine.Il pacco arriva domani").is_empty());
        assert!(links("write to help@brand.com").is_empty());
        assert!(links("version 2.5, e.g. this").is_empty());
    }

    #[test]
    fn domains_and_subdomains() {
        let allowed = ["brand.com".to_owned(), "*.help.example".to_owned()];
        assert!(domain_listed("brand.com", &allowed));
        assert!(domain_listed("www.brand.com", &allowed));
        assert!(!domain_listed("evilbrand.com", &allowed));
        assert!(!domain_listed("brand.com.evil.io", &allowed));
        assert!(domain_listed("eu.help.example", &allowed));
        assert!(is_local("localhost"));
        assert!(is_local("192.168.1.1"));
        assert!(!is_local("8.8.8.8"));
    }
}
