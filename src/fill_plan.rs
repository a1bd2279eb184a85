//! What Fill writes, decided once: the text of each field (and which fields it empties so that
//! no other tenant's value stays behind), which Provider option counts as Entra ID, and the state
//! of each box. The extension finds the fields and writes what the plan says; it decides nothing.

use crate::input::InputKind;
use crate::inspect::MimecastValues;
use crate::provider;
use crate::rules::Field;
use serde::Serialize;

/// A box of the form that Fill sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checkbox {
    /// "Enforce SAML Authentication / Configuration for …": only in the sections the admin chose.
    EnforceSaml,
    /// "Allow Single Sign On".
    AllowSso,
    /// "Use Password protected Context": Entra refuses the request it makes (AADSTS75011).
    PasswordContext,
    /// "Use Integrated Authentication Context": likewise.
    IntegratedContext,
}

impl Checkbox {
    /// The label the Mimecast form gives the box.
    pub fn label(self) -> &'static str {
        match self {
            Checkbox::EnforceSaml => "Enforce SAML Authentication",
            Checkbox::AllowSso => "Allow Single Sign On",
            Checkbox::PasswordContext => Field::PasswordContext.label(),
            Checkbox::IntegratedContext => Field::IntegratedContext.label(),
        }
    }
}

/// One text field and what Fill puts in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextStep {
    pub field: Field,
    /// The field's label on the form, for the words about it.
    pub label: &'static str,
    pub value: String,
    /// The import has no value for the field, and an old one must not stay: Fill empties it.
    pub clear: bool,
}

/// One box and the state Fill leaves it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoxStep {
    pub field: Checkbox,
    pub label: &'static str,
    pub checked: bool,
}

/// Which Provider option Fill chooses: the first whose text holds one of `words` as a whole word,
/// case-insensitively (the definition the `provider-not-entra` rule uses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderChoice {
    pub words: &'static [&'static str],
    /// The name to show the admin when the choice must be made by hand.
    pub name: &'static str,
}

/// Everything Fill writes, in the order it writes it: the Provider first (choosing it may
/// re-render the form), then the text fields, then the boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FillPlan {
    pub provider: ProviderChoice,
    pub text: Vec<TextStep>,
    pub boxes: Vec<BoxStep>,
}

/// The plan for an import's values.
///
/// From metadata, every URL field is written: the Metadata URL is emptied when the metadata did
/// not come from a URL, and the Logout URL when the metadata has no SingleLogoutService, so that
/// no value of another tenant stays next to the new ones. From a certificate alone, only the
/// certificate is written: it says nothing about the URLs.
pub fn plan(kind: InputKind, values: &MimecastValues) -> FillPlan {
    let mut text = Vec::new();
    let mut step = |field: Field, value: &Option<String>, clearable: bool| match value {
        Some(value) => text.push(TextStep {
            field,
            label: field.label(),
            value: value.clone(),
            clear: false,
        }),
        None if clearable => text.push(TextStep {
            field,
            label: field.label(),
            value: String::new(),
            clear: true,
        }),
        None => {}
    };
    let from_metadata = kind == InputKind::Metadata;
    step(Field::IssuerUrl, &values.issuer_url, false);
    step(Field::LoginUrl, &values.login_url, false);
    step(Field::LogoutUrl, &values.logout_url, from_metadata);
    step(Field::Certificate, &values.certificate, false);
    step(Field::MetadataUrl, &values.metadata_url, from_metadata);

    let boxes = [
        (Checkbox::EnforceSaml, true),
        (Checkbox::AllowSso, true),
        (Checkbox::PasswordContext, false),
        (Checkbox::IntegratedContext, false),
    ]
    .into_iter()
    .map(|(field, checked)| BoxStep {
        field,
        label: field.label(),
        checked,
    })
    .collect();

    FillPlan {
        provider: ProviderChoice {
            words: provider::ENTRA_WORDS,
            name: provider::ENTRA_NAME,
        },
        text,
        boxes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENANT: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";

    fn metadata_values() -> MimecastValues {
        MimecastValues {
            issuer_url: Some(format!("https://sts.windows.net/{TENANT}/")),
            login_url: Some(format!("https://login.microsoftonline.com/{TENANT}/saml2")),
            logout_url: Some(format!("https://login.microsoftonline.com/{TENANT}/saml2")),
            certificate: Some("MIIC8DCC".into()),
            metadata_url: None,
        }
    }

    fn texts(plan: &FillPlan) -> Vec<(Field, &str, bool)> {
        plan.text
            .iter()
            .map(|step| (step.field, step.value.as_str(), step.clear))
            .collect()
    }

    #[test]
    fn metadata_from_a_file_writes_every_url_and_empties_the_metadata_url() {
        let values = metadata_values();
        let plan = plan(InputKind::Metadata, &values);
        let saml2 = values.login_url.as_deref().unwrap();
        assert_eq!(
            texts(&plan),
            [
                (
                    Field::IssuerUrl,
                    values.issuer_url.as_deref().unwrap(),
                    false
                ),
                (Field::LoginUrl, saml2, false),
                (Field::LogoutUrl, saml2, false),
                (Field::Certificate, "MIIC8DCC", false),
                (Field::MetadataUrl, "", true),
            ]
        );
    }

    #[test]
    fn metadata_without_single_logout_empties_the_logout_url() {
        let values = MimecastValues {
            logout_url: None,
            metadata_url: Some("https://login.microsoftonline.com/x".into()),
            ..metadata_values()
        };
        let plan = plan(InputKind::Metadata, &values);
        let logout = plan
            .text
            .iter()
            .find(|step| step.field == Field::LogoutUrl)
            .unwrap();
        assert_eq!((logout.value.as_str(), logout.clear), ("", true));
        let metadata_url = plan
            .text
            .iter()
            .find(|step| step.field == Field::MetadataUrl)
            .unwrap();
        assert!(!metadata_url.clear);
    }

    #[test]
    fn a_certificate_alone_writes_the_certificate_only() {
        let values = MimecastValues {
            certificate: Some("MIIC8DCC".into()),
            ..MimecastValues::default()
        };
        let plan = plan(InputKind::Certificate, &values);
        assert_eq!(texts(&plan), [(Field::Certificate, "MIIC8DCC", false)]);
    }

    #[test]
    fn boxes_enforce_and_allow_sso_and_untick_both_contexts() {
        let plan = plan(InputKind::Metadata, &metadata_values());
        let boxes: Vec<_> = plan.boxes.iter().map(|b| (b.field, b.checked)).collect();
        assert_eq!(
            boxes,
            [
                (Checkbox::EnforceSaml, true),
                (Checkbox::AllowSso, true),
                (Checkbox::PasswordContext, false),
                (Checkbox::IntegratedContext, false),
            ]
        );
    }

    #[test]
    fn the_provider_choice_is_the_rules_definition() {
        let plan = plan(InputKind::Metadata, &metadata_values());
        assert_eq!(plan.provider.words, provider::ENTRA_WORDS);
        assert!(provider::is_entra(plan.provider.name));
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(
            json["provider"]["words"],
            serde_json::json!(["entra", "azure"])
        );
        assert_eq!(json["text"][0]["field"], "issuer_url");
        assert_eq!(json["boxes"][0]["field"], "enforce_saml");
    }
}
