//! URLs split into the parts the rules look at: scheme, host, path, query. The `url` crate
//! would do it to the WHATWG standard, but it links Unicode's IDNA tables into the wasm, for
//! hosts that are only ever compared with a list of ASCII names.

use std::borrow::Cow;

/// A URL split into the parts the rules look at. Only what is needed: scheme, host, path, query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// Lower-cased (borrowed when it already was).
    pub scheme: Cow<'a, str>,
    /// Lower-cased, without user or port.
    pub host: Cow<'a, str>,
    pub path: &'a str,
    pub query: Option<&'a str>,
}

impl<'a> Url<'a> {
    /// Splits `scheme://host[:port]/path?query#fragment`; `None` for anything else.
    pub fn parse(text: &'a str) -> Option<Self> {
        let text = text.trim();
        let (scheme, rest) = text.split_once("://")?;
        if scheme.is_empty()
            || !scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None;
        }
        let rest = rest.split('#').next().unwrap_or_default();
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return None;
        }
        let after = &rest[authority_end..];
        let (path, query) = match after.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (after, None),
        };
        Some(Url {
            scheme: lower(scheme),
            host: lower(host),
            path,
            query,
        })
    }

    pub fn is_https(&self) -> bool {
        self.scheme == "https"
    }

    /// The non-empty path segments.
    pub fn segments(&self) -> Vec<&'a str> {
        self.path
            .split('/')
            .filter(|segment| !segment.is_empty())
            .collect()
    }

    /// A query parameter's value (names compared without regard to case, as Entra does).
    pub fn query_value(&self, name: &str) -> Option<&'a str> {
        self.query?.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            key.eq_ignore_ascii_case(name).then_some(value)
        })
    }
}

fn lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}
