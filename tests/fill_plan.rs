//! The fill plan against the rules: what Fill leaves on a form is what the rules accept.
//! A profile that holds another tenant's settings, filled from real Entra metadata (with and
//! without its SingleLogoutService), must not end up flagged `tenant-mismatch`; and the Provider
//! option Fill chooses is the one `provider-not-entra` accepts.

mod common;

use common::{corpus, options};
use mimecast_sso::fill_plan::{FillPlan, plan};
use mimecast_sso::provider;
use mimecast_sso::{Field, FormValues, Inspection, check, inspect};

const OTHER_TENANT: &str = "413504eb-8622-47d2-aa72-ddbba4584471";

/// A profile set up for another tenant: every URL field holds its values.
fn other_tenants_profile() -> FormValues {
    FormValues {
        issuer_url: Some(format!("https://sts.windows.net/{OTHER_TENANT}/")),
        login_url: Some(format!(
            "https://login.microsoftonline.com/{OTHER_TENANT}/saml2"
        )),
        logout_url: Some(format!(
            "https://login.microsoftonline.com/{OTHER_TENANT}/saml2"
        )),
        certificate: None,
        metadata_url: Some(format!(
            "https://login.microsoftonline.com/{OTHER_TENANT}/federationmetadata/2007-06/federationmetadata.xml?appid=0e4c7f2a-1111-2222-3333-444455556666"
        )),
        provider: Some("Azure Active Directory".into()),
        password_context: Some(true),
        integrated_context: Some(false),
    }
}

/// The form after Fill wrote `plan`, as the extension writes it.
fn apply(plan: &FillPlan, form: &FormValues) -> FormValues {
    let mut form = form.clone();
    for step in &plan.text {
        let slot = match step.field {
            Field::IssuerUrl => &mut form.issuer_url,
            Field::LoginUrl => &mut form.login_url,
            Field::LogoutUrl => &mut form.logout_url,
            Field::Certificate => &mut form.certificate,
            Field::MetadataUrl => &mut form.metadata_url,
            other => panic!("a text step for {other:?}"),
        };
        *slot = Some(step.value.clone());
    }
    for step in &plan.boxes {
        use mimecast_sso::fill_plan::Checkbox;
        match step.field {
            Checkbox::PasswordContext => form.password_context = Some(step.checked),
            Checkbox::IntegratedContext => form.integrated_context = Some(step.checked),
            Checkbox::EnforceSaml | Checkbox::AllowSso => {}
        }
    }
    form.provider = Some(plan.provider.name.to_string());
    form
}

fn inspected(xml: &[u8], metadata_url: Option<&str>) -> Inspection {
    let mut options = options(None);
    options.metadata_url = metadata_url.map(str::to_string);
    inspect(xml, &options).unwrap()
}

/// The codes the rules give the form, at the tests' instant.
fn error_codes(form: &FormValues) -> Vec<&'static str> {
    check(form, options(None).now)
        .iter()
        .map(|finding| finding.code.as_str())
        .collect()
}

#[test]
fn filling_from_a_file_leaves_no_other_tenants_metadata_url() {
    let inspection = inspected(&corpus("azure-app-mathivanan-bom-crlf"), None);
    let before = other_tenants_profile();
    let plan = plan(inspection.input_kind, &inspection.mimecast);
    let after = apply(&plan, &before);
    assert_eq!(after.metadata_url.as_deref(), Some(""));
    let codes = error_codes(&after);
    assert!(!codes.contains(&"tenant-mismatch"), "{codes:?}");
    assert!(!codes.contains(&"authn-context-checked"), "{codes:?}");
    assert!(!codes.contains(&"provider-not-entra"), "{codes:?}");
}

#[test]
fn metadata_without_single_logout_empties_another_tenants_logout_url() {
    let xml = String::from_utf8(corpus("azure-app-mathivanan-bom-crlf")).unwrap();
    let start = xml.find("<SingleLogoutService").unwrap();
    let end = start + xml[start..].find("/>").unwrap() + 2;
    let without_logout = format!("{}{}", &xml[..start], &xml[end..]);
    let inspection = inspected(without_logout.as_bytes(), None);
    assert_eq!(inspection.mimecast.logout_url, None);
    let plan = plan(inspection.input_kind, &inspection.mimecast);
    let after = apply(&plan, &other_tenants_profile());
    assert_eq!(after.logout_url.as_deref(), Some(""));
    let codes = error_codes(&after);
    assert!(!codes.contains(&"tenant-mismatch"), "{codes:?}");
}

#[test]
fn metadata_from_its_url_writes_that_url() {
    let url = "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml?appid=3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    let inspection = inspected(&corpus("azure-app-mathivanan-bom-crlf"), Some(url));
    let plan = plan(inspection.input_kind, &inspection.mimecast);
    let after = apply(&plan, &other_tenants_profile());
    assert_eq!(after.metadata_url.as_deref(), Some(url));
    assert!(!error_codes(&after).contains(&"tenant-mismatch"));
}

#[test]
fn fill_chooses_exactly_the_providers_the_rule_accepts() {
    let issuer = "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/".to_string();
    for option in [
        "Microsoft Entra ID",
        "Azure Active Directory",
        "Okta",
        "Microsoft ADFS",
        "Ping Identity",
        "Central Directory",
    ] {
        let form = FormValues {
            issuer_url: Some(issuer.clone()),
            provider: Some(option.into()),
            ..FormValues::default()
        };
        let flagged = check(&form, options(None).now)
            .iter()
            .any(|finding| finding.code.as_str() == "provider-not-entra");
        assert_eq!(flagged, !provider::is_entra(option), "{option}");
    }
}
