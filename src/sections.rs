//! The check across the SAML sections of one Authentication Profile (today's profile holds one
//! for Administrators and one for Mimecast Web Apps, each with its own values): two sections that
//! name different Entra tenants or different certificates get a `sections-disagree` warning.

use crate::entra;
use crate::rules::{Code, Field, Finding, FormValues};
use serde::Deserialize;

/// One section as the form shows it: its name ("Administrators") and its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Section {
    pub name: String,
    #[serde(default)]
    pub values: FormValues,
}

/// The Entra tenant a section's URLs name (the Issuer URL's first, as the rules do).
fn tenant_of(values: &FormValues) -> Option<String> {
    [
        &values.issuer_url,
        &values.login_url,
        &values.logout_url,
        &values.metadata_url,
    ]
    .into_iter()
    .filter_map(|value| value.as_deref())
    .find_map(|value| Some(entra::entra_url(value.trim())?.tenant()?.id()?.to_string()))
}

/// The certificate's base64 body, without BEGIN/END lines or whitespace.
fn certificate_of(values: &FormValues) -> Option<String> {
    let text = values.certificate.as_deref()?;
    let body: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("-----"))
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    Some(body).filter(|body| !body.is_empty())
}

/// Compares every section with the first that has a value; one finding per disagreeing section.
pub fn check_sections(sections: &[Section]) -> Vec<Finding> {
    [
        disagreements(sections, Field::IssuerUrl, tenant_of, other_tenant),
        disagreements(
            sections,
            Field::Certificate,
            certificate_of,
            other_certificate,
        ),
    ]
    .concat()
}

fn other_tenant(name: &str, tenant: &str, first: &str, reference: &str) -> String {
    format!(
        "{name} names Entra tenant {tenant}, but {first} names tenant {reference}: fill both sections from the same tenant's metadata, unless they are meant to differ."
    )
}

fn other_certificate(name: &str, _: &str, first: &str, _: &str) -> String {
    format!(
        "{name} holds another Identity Provider Certificate than {first}: fill both sections from the same metadata, unless they are meant to differ."
    )
}

/// A `sections-disagree` finding on `field` for each section whose value (as `value_of` reads
/// it) differs from the first section's that has one; `message` words it from its name, its
/// value, the first's name and the first's value.
fn disagreements(
    sections: &[Section],
    field: Field,
    value_of: fn(&FormValues) -> Option<String>,
    message: fn(&str, &str, &str, &str) -> String,
) -> Vec<Finding> {
    let mut valued = sections
        .iter()
        .filter_map(|section| Some((section.name.as_str(), value_of(&section.values)?)));
    let Some((first, reference)) = valued.next() else {
        return Vec::new();
    };
    valued
        .filter(|(_, value)| *value != reference)
        .map(|(name, value)| {
            Finding::new(
                Code::SectionsDisagree,
                Some(field),
                message(name, &value, first, &reference),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";
    const B: &str = "413504eb-8622-47d2-aa72-ddbba4584471";

    fn section(name: &str, tenant: Option<&str>, certificate: Option<&str>) -> Section {
        Section {
            name: name.into(),
            values: FormValues {
                issuer_url: tenant.map(|t| format!("https://sts.windows.net/{t}/")),
                certificate: certificate.map(str::to_string),
                ..FormValues::default()
            },
        }
    }

    fn codes(findings: &[Finding]) -> Vec<(&'static str, Option<Field>)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.field))
            .collect()
    }

    #[test]
    fn sections_of_one_tenant_and_certificate_agree() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIC\n8DCC\n-----END CERTIFICATE-----\n";
        let sections = [
            section("Administrators", Some(A), Some("MIIC8DCC")),
            section("Mimecast Web Apps", Some(A), Some(pem)),
        ];
        assert_eq!(check_sections(&sections), vec![]);
    }

    #[test]
    fn different_tenants_are_named_with_both_sections() {
        let sections = [
            section("Administrators", Some(A), None),
            section("Mimecast Web Apps", Some(B), None),
        ];
        let findings = check_sections(&sections);
        assert_eq!(
            codes(&findings),
            [("sections-disagree", Some(Field::IssuerUrl))]
        );
        assert_eq!(findings[0].severity, crate::Severity::Warning);
        assert!(
            findings[0]
                .message
                .starts_with("Mimecast Web Apps names Entra tenant 413504eb")
        );
        assert!(
            findings[0]
                .message
                .contains("Administrators names tenant a15b04fc")
        );
    }

    #[test]
    fn different_certificates_are_a_warning_on_the_certificate() {
        let sections = [
            section("Administrators", Some(A), Some("MIIC8DCC")),
            section("Mimecast Web Apps", Some(A), Some("MIIC4jCC")),
        ];
        assert_eq!(
            codes(&check_sections(&sections)),
            [("sections-disagree", Some(Field::Certificate))]
        );
    }

    #[test]
    fn an_empty_or_single_section_says_nothing() {
        assert_eq!(check_sections(&[]), vec![]);
        assert_eq!(
            check_sections(&[section("Administrators", Some(A), None)]),
            vec![]
        );
        let sections = [
            section("Administrators", Some(A), Some("MIIC")),
            section("Mimecast Web Apps", None, None),
        ];
        assert_eq!(check_sections(&sections), vec![]);
    }
}
