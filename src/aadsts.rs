//! Entra's sign-in error codes (AADSTS…) that a Mimecast setup meets: what each means for
//! Mimecast, and the fix, naming the field and, where it can, the right value.

use serde::Serialize;

/// One AADSTS code explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Aadsts {
    /// The number after "AADSTS".
    pub code: u32,
    /// What it means for a Mimecast setup.
    pub meaning: &'static str,
    /// What to change, and where.
    pub fix: &'static str,
}

impl Aadsts {
    /// `AADSTS50011`.
    pub fn name(&self) -> String {
        format!("AADSTS{}", self.code)
    }
}

/// The table, one entry per code.
pub const TABLE: &[Aadsts] = &[
    Aadsts {
        code: 50011,
        meaning: "the Reply URL that Mimecast sent is not one of the Reply URLs of the Entra app",
        fix: "in Entra's Basic SAML Configuration, set Reply URL (Assertion Consumer Service URL) to your region's https://{region}-api.mimecast.com/login/saml",
    },
    Aadsts {
        code: 700016,
        meaning: "no Entra app has the Identifier that Mimecast sent as its Issuer, or the app is in another tenant",
        fix: "in Entra's Basic SAML Configuration, set Identifier (Entity ID) to https://{region}-api.mimecast.com/sso/{ACCOUNTCODE}, exactly as Mimecast sends it, and use the Login URL of this tenant",
    },
    Aadsts {
        code: 70001,
        meaning: "the app Mimecast named (by its Identifier) is not found in this tenant or is disabled",
        fix: "in Entra's Basic SAML Configuration, set Identifier (Entity ID) to https://{region}-api.mimecast.com/sso/{ACCOUNTCODE}, and check that the enterprise app is enabled for sign-in",
    },
    Aadsts {
        code: 75011,
        meaning: "Mimecast asked for an authentication method (RequestedAuthnContext) that differs from how the user signed in to Entra",
        fix: "in Mimecast's Authentication Profile, untick Use Password protected Context and Use Integrated Authentication Context",
    },
    Aadsts {
        code: 50105,
        meaning: "the user is not assigned to the Entra app, which requires assignment (nested groups do not count)",
        fix: "in Entra, open the enterprise app's Users and groups and assign the user, or a group the user is a direct member of",
    },
    Aadsts {
        code: 750054,
        meaning: "the SAMLRequest or SAMLResponse did not arrive as a query or form parameter of the HTTP-Redirect or HTTP-POST binding",
        fix: "start the sign-in from Mimecast's sign-in page (or from My Apps) rather than a bookmarked Entra URL, and check that Mimecast's Login URL is the tenant's https://login.microsoftonline.com/{tenant}/saml2",
    },
    Aadsts {
        code: 75005,
        meaning: "the SAML request Entra received is malformed or not a supported SAML message",
        fix: "check that Mimecast's Login URL is exactly Entra's Login URL https://login.microsoftonline.com/{tenant}/saml2 and start the sign-in again from Mimecast",
    },
    Aadsts {
        code: 75008,
        meaning: "the request's Destination does not match the Entra endpoint that received it",
        fix: "set Mimecast's Login URL to Entra's Login URL exactly, https://login.microsoftonline.com/{tenant}/saml2, with no other host or path",
    },
    Aadsts {
        code: 76021,
        meaning: "the Entra app requires signed authentication requests, and Mimecast's request is not signed",
        fix: "in Entra's SAML Certificates section, turn off Require verification certificates (signed requests), since Mimecast does not sign its requests",
    },
    Aadsts {
        code: 76026,
        meaning: "the request's IssueInstant is too old, so Entra treats it as expired (a stale page or a wrong clock)",
        fix: "start the sign-in again from Mimecast's sign-in page, and check the clock of the computer",
    },
    Aadsts {
        code: 501241,
        meaning: "the source attribute chosen for the Name ID (Unique User Identifier) has no value for this user",
        fix: "in Entra's Attributes & Claims, set Unique User Identifier (Name ID) to user.mail (or user.userprincipalname when that is the address), and give the user that value",
    },
];

/// The table entry for a code.
pub fn lookup(code: u32) -> Option<&'static Aadsts> {
    TABLE.iter().find(|entry| entry.code == code)
}

/// The first AADSTS code in a text: Entra's page text, a StatusMessage, an error URL (already
/// percent-decoded), or the code alone (`AADSTS50011`, or a known number such as `50011`).
pub fn find_code(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = find_ignoring_case(&bytes[from..], b"AADSTS") {
        let digits_start = from + at + 6;
        let digits: &[u8] = &bytes[digits_start..];
        let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        if (1..=9).contains(&len)
            && let Ok(code) = std::str::from_utf8(&digits[..len])
                .unwrap_or_default()
                .parse::<u32>()
        {
            return Some(code);
        }
        from = digits_start;
    }
    let alone = text.trim();
    if (5..=6).contains(&alone.len()) && alone.bytes().all(|b| b.is_ascii_digit()) {
        return alone.parse().ok().filter(|code| lookup(*code).is_some());
    }
    None
}

fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// The sentence for a code: what it means and the fix; unknown codes point at Entra's lookup.
pub fn explain(code: u32) -> String {
    match lookup(code) {
        Some(entry) => format!("AADSTS{code}: {}; {}.", entry.meaning, entry.fix),
        None => format!(
            "AADSTS{code} is not an error a Mimecast setup usually meets: look it up at https://login.microsoftonline.com/error?code={code}."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_in_page_text_urls_and_alone() {
        assert_eq!(
            find_code("AADSTS50011: The redirect URI 'x' specified in the request does not match"),
            Some(50011)
        );
        assert_eq!(
            find_code(
                "https://login.microsoftonline.com/error?code=x&error_description=aadsts700016: app"
            ),
            Some(700016)
        );
        assert_eq!(find_code("  AADSTS75011 "), Some(75011));
        assert_eq!(find_code("501241"), Some(501241));
        assert_eq!(find_code("12345"), None);
        assert_eq!(find_code("AADSTS"), None);
    }

    #[test]
    fn every_entry_is_one_sentence() {
        for entry in TABLE {
            let sentence = explain(entry.code);
            assert_eq!(sentence.matches(". ").count(), 0, "{sentence}");
            assert!(sentence.ends_with('.'));
        }
    }
}
