//! The label of every field of Mimecast's form that a surface names, keyed as the contract keys
//! the fields (`issuer_url`, `enforce_saml`, …): the one set of words the CLI, the web page and
//! the extension show for them.

use crate::fill_plan::Checkbox;
use crate::rules::Field;
use serde::{Serialize, Serializer};

/// A field of the form: one that findings name, or a box that only Fill sets.
#[derive(Clone, Copy)]
enum Part {
    Field(Field),
    Box(Checkbox),
}

/// The form's fields by contract key, in key order.
const PARTS: [(&str, Part); 10] = [
    ("allow_sso", Part::Box(Checkbox::AllowSso)),
    ("certificate", Part::Field(Field::Certificate)),
    ("enforce_saml", Part::Box(Checkbox::EnforceSaml)),
    ("integrated_context", Part::Field(Field::IntegratedContext)),
    ("issuer_url", Part::Field(Field::IssuerUrl)),
    ("login_url", Part::Field(Field::LoginUrl)),
    ("logout_url", Part::Field(Field::LogoutUrl)),
    ("metadata_url", Part::Field(Field::MetadataUrl)),
    ("password_context", Part::Field(Field::PasswordContext)),
    ("provider", Part::Field(Field::Provider)),
];

/// Every form field's label, by its contract key, in key order; serialized as an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels(Vec<(&'static str, &'static str)>);

impl Labels {
    /// The label of the field with this contract key.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.0
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, label)| *label)
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// Every form field's label, by its contract key.
pub fn form_labels() -> Labels {
    Labels(
        PARTS
            .iter()
            .map(|&(key, part)| match part {
                Part::Field(field) => (key, field.label()),
                Part::Box(checkbox) => (key, checkbox.label()),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_contract_names_in_order() {
        for (key, part) in PARTS {
            let name = match part {
                Part::Field(field) => serde_json::to_value(field).unwrap(),
                Part::Box(checkbox) => serde_json::to_value(checkbox).unwrap(),
            };
            assert_eq!(name, key);
        }
        assert!(PARTS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert_eq!(
            form_labels().get("certificate"),
            Some("Identity Provider Certificate")
        );
        let json = serde_json::to_value(form_labels()).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 10);
        assert_eq!(json["enforce_saml"], "Enforce SAML Authentication");
    }
}
