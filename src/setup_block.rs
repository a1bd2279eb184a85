//! The text of the "Set up Mimecast" block on Entra's SAML-based Sign-on page, as the admin
//! copies it from the portal: "Login URL", "Microsoft Entra Identifier" (formerly "Azure AD
//! Identifier") and "Logout URL", each followed by its value on the same line (after a tab, a
//! colon or spaces) or on a following line, with or without blank lines between.

/// The values the block holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetupBlock {
    pub login_url: Option<String>,
    /// Entra's Identifier: Mimecast's Issuer URL.
    pub identifier: Option<String>,
    pub logout_url: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Login,
    Identifier,
    Logout,
}

/// The labels, as the portal has worded them, lower case.
const LABELS: &[(&str, Label)] = &[
    ("login url", Label::Login),
    ("microsoft entra identifier", Label::Identifier),
    ("azure ad identifier", Label::Identifier),
    ("entra identifier", Label::Identifier),
    ("logout url", Label::Logout),
];

/// The label a line starts with, and what follows it on that line.
fn label_of(line: &str) -> Option<(Label, &str)> {
    let lower = line.to_ascii_lowercase();
    LABELS.iter().find_map(|(text, label)| {
        if !lower.starts_with(text) {
            return None;
        }
        // ASCII labels: the byte length is the same in `line`.
        let rest = line.get(text.len()..)?;
        let rest = rest
            .trim_start_matches(|c: char| c == ':' || c == '\t' || crate::text::is_invisible(c));
        // "Login URL" must not be the start of a longer word ("Login URLs are…").
        let boundary = line.len() == text.len()
            || line[text.len()..].starts_with(|c: char| !c.is_ascii_alphanumeric());
        boundary.then_some((*label, rest))
    })
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Reads the block; `None` unless at least two of its labels are there, each with a URL.
pub fn read(text: &str) -> Option<SetupBlock> {
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim_matches(crate::text::is_invisible))
        .filter(|line| !line.is_empty())
        .collect();
    let mut block = SetupBlock::default();
    let mut found = 0;
    for (index, line) in lines.iter().enumerate() {
        let Some((label, rest)) = label_of(line) else {
            continue;
        };
        let value = if looks_like_url(rest) {
            rest
        } else {
            match lines.get(index + 1) {
                Some(next) if looks_like_url(next) => next,
                _ => continue,
            }
        };
        // The value as copied: the URL up to the first whitespace (a "Copy" button's text may
        // follow it on the line).
        let value = value.split(['\t', ' ']).next().unwrap_or(value).to_string();
        let slot = match label {
            Label::Login => &mut block.login_url,
            Label::Identifier => &mut block.identifier,
            Label::Logout => &mut block.logout_url,
        };
        if slot.is_none() {
            *slot = Some(value);
            found += 1;
        }
    }
    (found >= 2).then_some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";

    #[test]
    fn reads_labels_on_their_own_lines_and_beside_their_values() {
        let own_lines = format!(
            "Login URL\nhttps://login.microsoftonline.com/{T}/saml2\n\nMicrosoft Entra Identifier\nhttps://sts.windows.net/{T}/\n\nLogout URL\nhttps://login.microsoftonline.com/{T}/saml2\n"
        );
        let beside = format!(
            "Login URL\thttps://login.microsoftonline.com/{T}/saml2\nAzure AD Identifier\thttps://sts.windows.net/{T}/\nLogout URL\thttps://login.microsoftonline.com/{T}/saml2"
        );
        for text in [own_lines, beside] {
            let block = read(&text).unwrap();
            assert_eq!(
                block.identifier,
                Some(format!("https://sts.windows.net/{T}/"))
            );
            assert_eq!(
                block.login_url,
                Some(format!("https://login.microsoftonline.com/{T}/saml2"))
            );
        }
        assert_eq!(read("Login URL is where users sign in."), None);
    }
}
