//! The label of every field of Mimecast's form that a surface names, keyed as the contract keys
//! the fields (`issuer_url`, `enforce_saml`, …): the one set of words the CLI, the web page and
//! the extension show for them.

use crate::fill_plan::Checkbox;
use crate::rules::Field;
use std::collections::BTreeMap;

/// The form's fields, each with its contract key.
const FIELDS: [(&str, Field); 8] = [
    ("issuer_url", Field::IssuerUrl),
    ("login_url", Field::LoginUrl),
    ("logout_url", Field::LogoutUrl),
    ("certificate", Field::Certificate),
    ("metadata_url", Field::MetadataUrl),
    ("provider", Field::Provider),
    ("password_context", Field::PasswordContext),
    ("integrated_context", Field::IntegratedContext),
];

/// The boxes that are not also findings' fields.
const BOXES: [(&str, Checkbox); 2] = [
    ("enforce_saml", Checkbox::EnforceSaml),
    ("allow_sso", Checkbox::AllowSso),
];

/// Every form field's label, by its contract key.
pub fn form_labels() -> BTreeMap<&'static str, &'static str> {
    FIELDS
        .iter()
        .map(|(key, field)| (*key, field.label()))
        .chain(BOXES.iter().map(|(key, checkbox)| (*key, checkbox.label())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_contract_names() {
        for (key, field) in FIELDS {
            assert_eq!(serde_json::to_value(field).unwrap(), key);
        }
        for (key, checkbox) in BOXES {
            assert_eq!(serde_json::to_value(checkbox).unwrap(), key);
        }
        assert_eq!(
            form_labels()["certificate"],
            "Identity Provider Certificate"
        );
    }
}
