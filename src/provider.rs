//! Which Provider choice of the Mimecast form is Microsoft Entra ID. One definition, read by the
//! `provider-not-entra` rule and handed to the extension in the fill plan, so that Fill chooses
//! exactly the option the rule accepts.

/// Words of a Provider option that name Entra ID: "Microsoft Entra ID" today, "Azure Active
/// Directory" (or "Azure AD") before. Matched as whole words, case-insensitively.
pub const ENTRA_WORDS: &[&str] = &["entra", "azure"];

/// What Fill chooses when a choice has to be named to the admin.
pub const ENTRA_NAME: &str = "Microsoft Entra ID";

/// The alphanumeric words of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether a Provider option's text names Entra ID ("Microsoft Entra ID", "Azure Active
/// Directory", "Azure AD"); "Microsoft ADFS" or "Central Directory" do not. The words compared
/// are ASCII, and no other letter lower-cases to one of theirs, so an ASCII comparison is the
/// Unicode one (without linking Unicode's case tables into the wasm).
pub fn is_entra(text: &str) -> bool {
    words(text).any(|word| {
        ENTRA_WORDS
            .iter()
            .any(|entra| word.eq_ignore_ascii_case(entra))
    })
}

/// Whether the Provider shows a placeholder ("Please Select…", "-- Select --", "Select a
/// provider", "None") rather than a provider.
pub fn is_placeholder(text: &str) -> bool {
    let words = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    words.is_empty()
        || words == "none"
        || ["select", "please select", "please choose", "choose"]
            .iter()
            .any(|start| words.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_under_each_of_its_names() {
        for text in [
            "Microsoft Entra ID",
            "Azure Active Directory",
            "azure ad",
            "Entra ID (Azure AD)",
            " MICROSOFT ENTRA ID ",
            "Azure-AD",
        ] {
            assert!(is_entra(text), "{text}");
        }
    }

    #[test]
    fn other_providers_and_look_alikes_are_not_entra() {
        for text in [
            "Okta",
            "Microsoft ADFS",
            "Microsoft Active Directory Federation Services",
            "Central Directory",
            "Azurexyz",
            "Entraé ID",
            "\u{FF21}\u{FF5A}\u{FF55}\u{FF52}\u{FF45} AD",
            "Google Workspace",
            "",
            "Please Select...",
        ] {
            assert!(!is_entra(text), "{text}");
        }
    }

    #[test]
    fn placeholders() {
        for text in [
            "Please Select...",
            "-- Select --",
            "Select a provider",
            "",
            "None",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        assert!(!is_placeholder("Okta"));
    }
}
