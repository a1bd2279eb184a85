//! From whatever the admin handed over to the values of Mimecast's form, with findings.

use crate::certificate::Certificate;
use crate::entra::{self, EntraUrl, Tenant};
use crate::error::{InputError, list_some};
use crate::form_labels::{Labels, form_labels};
use crate::input::{self, Decoded, InputKind};
use crate::metadata::{self, Endpoint, Entity, KeyUse};
use crate::metadata_signature::{self, MetadataSignature};
use crate::rules::{self, Code, Field, Finding, FormView, date};
use crate::setup_block::SetupBlock;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

const HTTP_REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const HTTP_POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/// What to inspect against, and the admin's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectOptions {
    /// The instant certificates are judged at. The core never reads a clock.
    pub now: OffsetDateTime,
    /// Which identity provider of an aggregate to take.
    pub entity_id: Option<String>,
    /// The SHA-1 thumbprint of the signing certificate the admin chose.
    pub certificate: Option<String>,
    /// The URL the metadata was fetched from, when it was.
    pub metadata_url: Option<String>,
    /// Wrap the certificate at 64 columns instead of one line.
    pub wrap_certificate: bool,
    /// Verify the metadata document's own signature (`metadata_signature`). It costs more than
    /// reading the document; a caller that only wants the values may leave it out.
    pub verify_signature: bool,
}

impl InspectOptions {
    pub fn at(now: OffsetDateTime) -> Self {
        InspectOptions {
            now,
            entity_id: None,
            certificate: None,
            metadata_url: None,
            wrap_certificate: false,
            verify_signature: true,
        }
    }
}

/// Which of Entra's metadata documents this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntraDocument {
    /// Fetched with `?appid=`: carries the app's own signing certificate.
    App,
    /// The tenant-wide document: the tenant's keys.
    Tenant,
    /// The `/common` document with a `{tenantid}` placeholder.
    TenantIndependent,
}

/// The values for Mimecast's Authentication Profile form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MimecastValues {
    pub issuer_url: Option<String>,
    pub login_url: Option<String>,
    pub logout_url: Option<String>,
    pub certificate: Option<String>,
    pub metadata_url: Option<String>,
}

/// Everything found in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    pub input_kind: InputKind,
    pub entity_id: Option<String>,
    pub tenant_id: Option<String>,
    pub entra_document: Option<EntraDocument>,
    pub identity_providers: Vec<String>,
    pub mimecast: MimecastValues,
    pub single_sign_on: Vec<Endpoint>,
    pub single_logout: Vec<Endpoint>,
    pub signing_certificates: Vec<Certificate>,
    pub encryption_certificates: Vec<Certificate>,
    pub suggested_certificate: Option<usize>,
    pub chosen_certificate: Option<usize>,
    pub findings: Vec<Finding>,
    /// The metadata document's own signature; `None` when it is not signed (or not metadata).
    pub metadata_signature: Option<MetadataSignature>,
    /// The label of each form field, by its key: the words every surface shows for the values.
    pub labels: Labels,
}

/// Inspects metadata or certificates, detecting which it is.
pub fn inspect(bytes: &[u8], options: &InspectOptions) -> Result<Inspection, InputError> {
    match input::decode(bytes)? {
        Decoded::Metadata(xml) => inspect_metadata(&xml, options),
        Decoded::Certificates(ders) => inspect_certificates(&ders, options),
        Decoded::SetupBlock(block) => Ok(inspect_setup_block(block, options)),
    }
}

/// The Set-up block gives the URLs that metadata would, and the same findings on them.
fn inspect_setup_block(block: SetupBlock, options: &InspectOptions) -> Inspection {
    let mimecast = MimecastValues {
        issuer_url: block.identifier,
        login_url: block.login_url,
        logout_url: block.logout_url,
        certificate: None,
        metadata_url: options.metadata_url.clone(),
    };
    let findings = form_findings(&mimecast, &[], None, options);
    let tenant_id = tenant_of(&[
        mimecast.issuer_url.as_deref(),
        mimecast.login_url.as_deref(),
    ]);
    Inspection {
        input_kind: InputKind::EntraSetup,
        entity_id: mimecast.issuer_url.clone(),
        tenant_id,
        entra_document: None,
        identity_providers: Vec::new(),
        mimecast,
        single_sign_on: Vec::new(),
        single_logout: Vec::new(),
        signing_certificates: Vec::new(),
        encryption_certificates: Vec::new(),
        suggested_certificate: None,
        chosen_certificate: None,
        findings,
        metadata_signature: None,
        labels: form_labels(),
    }
}

fn inspect_metadata(xml: &[u8], options: &InspectOptions) -> Result<Inspection, InputError> {
    let wanted = options.entity_id.as_deref().map(str::trim);
    let entities = metadata::parse(xml, wanted)?;
    let identity_providers: Vec<String> = entities
        .iter()
        .filter(|entity| entity.identity_provider.is_some())
        .map(|entity| entity.entity_id.clone())
        .collect();
    let entity = select_entity(&entities, &identity_providers, wanted, xml)?;
    let Some(role) = entity.identity_provider.as_ref() else {
        return Err(no_identity_provider(std::slice::from_ref(entity)));
    };

    let mut findings = Vec::new();
    let mut signing: Vec<Certificate> = Vec::new();
    let mut encryption: Vec<Certificate> = Vec::new();
    let mut unreadable = 0usize;
    for key in &role.certificates {
        let certificates = match Certificate::all_in_text(&key.text, options.now) {
            Ok(certificates) => certificates,
            Err(InputError::PrivateKeyRefused) => return Err(InputError::PrivateKeyRefused),
            Err(error) => {
                if key.key_use != KeyUse::Encryption {
                    unreadable += 1;
                    findings.push(Finding::new(
                        Code::CertificateUnreadable,
                        Some(Field::Certificate),
                        format!(
                            "A signing certificate in the metadata is unreadable ({}), so it was left out: ask for fresh metadata if it was the one in use.",
                            error.to_string().trim_end_matches('.')
                        ),
                    ));
                }
                continue;
            }
        };
        for certificate in certificates {
            if key.key_use != KeyUse::Encryption
                && !signing.iter().any(|c| c.sha1 == certificate.sha1)
            {
                signing.push(certificate.clone());
            }
            if key.key_use != KeyUse::Signing
                && !encryption.iter().any(|c| c.sha1 == certificate.sha1)
            {
                encryption.push(certificate);
            }
        }
    }

    let login = preferred_endpoint(&role.single_sign_on);
    let logout = preferred_endpoint(&role.single_logout);
    let suggested = suggest(&signing);
    let chosen = choose(&signing, suggested, options.certificate.as_deref())?;
    let mimecast = MimecastValues {
        issuer_url: Some(entity.entity_id.clone()).filter(|id| !id.is_empty()),
        login_url: login.clone(),
        logout_url: logout.clone(),
        certificate: chosen.map(|index| certificate_value(&signing[index], options)),
        metadata_url: options.metadata_url.clone(),
    };

    if login.is_none() {
        findings.push(Finding::new(
            Code::NoLoginUrl,
            Some(Field::LoginUrl),
            "The metadata lists no HTTP-Redirect or HTTP-POST sign-on endpoint, which Mimecast needs: check that it is the identity provider's SAML 2.0 metadata.",
        ));
    }
    if logout.is_none() {
        findings.push(Finding::new(
            Code::NoLogoutUrl,
            Some(Field::LogoutUrl),
            "The metadata lists no logout endpoint (SingleLogoutService): leave Logout URL empty or, for Entra, use the Login URL.",
        ));
    }
    if signing.is_empty() && unreadable == 0 {
        findings.push(Finding::new(
            Code::CertificateUnreadable,
            Some(Field::Certificate),
            "The metadata holds no signing certificate for the identity provider: download the certificate from the identity provider separately.",
        ));
    }
    findings.extend(multiple_certificates_finding(&signing, suggested));
    findings.extend(form_findings(&mimecast, &signing, chosen, options));
    rules::order(&mut findings);

    let tenant_id = tenant_of(&[mimecast.issuer_url.as_deref(), login.as_deref()]);
    let entra_document = entra_document(&mimecast, &signing);
    let metadata_signature = if options.verify_signature {
        metadata_signature::verify(xml)
    } else {
        None
    };
    if let Some(MetadataSignature {
        valid: Some(false),
        problem,
        ..
    }) = &metadata_signature
    {
        findings.push(Finding::new(
            Code::MetadataSignatureInvalid,
            None,
            format!(
                "The metadata's own signature does not verify because {}, so its values may not be Entra's: download the Federation Metadata XML again and use it unedited.",
                problem.as_deref().unwrap_or("no reason given")
            ),
        ));
    }
    Ok(Inspection {
        metadata_signature,
        input_kind: InputKind::Metadata,
        entity_id: Some(entity.entity_id.clone()),
        tenant_id,
        entra_document,
        identity_providers,
        mimecast,
        single_sign_on: role.single_sign_on.clone(),
        single_logout: role.single_logout.clone(),
        signing_certificates: signing,
        encryption_certificates: encryption,
        suggested_certificate: suggested,
        chosen_certificate: chosen,
        findings,
        labels: form_labels(),
    })
}

fn inspect_certificates(
    ders: &[Vec<u8>],
    options: &InspectOptions,
) -> Result<Inspection, InputError> {
    let mut signing: Vec<Certificate> = Vec::new();
    for der in ders {
        let certificate = Certificate::from_der(der, options.now)?;
        if !signing.iter().any(|c| c.sha1 == certificate.sha1) {
            signing.push(certificate);
        }
    }
    let suggested = suggest(&signing);
    let chosen = choose(&signing, suggested, options.certificate.as_deref())?;
    let mimecast = MimecastValues {
        certificate: chosen.map(|index| certificate_value(&signing[index], options)),
        metadata_url: options.metadata_url.clone(),
        ..MimecastValues::default()
    };
    let mut findings: Vec<Finding> = multiple_certificates_finding(&signing, suggested)
        .into_iter()
        .collect();
    findings.extend(form_findings(&mimecast, &signing, chosen, options));
    rules::order(&mut findings);
    Ok(Inspection {
        metadata_signature: None,
        input_kind: InputKind::Certificate,
        entity_id: None,
        tenant_id: None,
        entra_document: None,
        identity_providers: Vec::new(),
        mimecast,
        single_sign_on: Vec::new(),
        single_logout: Vec::new(),
        signing_certificates: signing,
        encryption_certificates: Vec::new(),
        suggested_certificate: suggested,
        chosen_certificate: chosen,
        findings,
        labels: form_labels(),
    })
}

/// The rules of the form, run on the values the form would get.
fn form_findings(
    mimecast: &MimecastValues,
    signing: &[Certificate],
    chosen: Option<usize>,
    options: &InspectOptions,
) -> Vec<Finding> {
    let values = FormView {
        issuer_url: mimecast.issuer_url.as_deref(),
        login_url: mimecast.login_url.as_deref(),
        logout_url: mimecast.logout_url.as_deref(),
        // The one-line body: the wrapping option is a presentation, not a problem.
        certificate: chosen.map(|index| signing[index].base64.as_str()),
        metadata_url: mimecast.metadata_url.as_deref(),
        ..FormView::default()
    };
    rules::check_with(&values, options.now, chosen.map(|index| &signing[index]))
}

fn multiple_certificates_finding(
    signing: &[Certificate],
    suggested: Option<usize>,
) -> Option<Finding> {
    if signing.len() < 2 {
        return None;
    }
    let suggestion = match suggested.map(|index| &signing[index]) {
        Some(certificate) if certificate.is_valid() => format!(
            "{} (valid until {}) is suggested as the valid one that started last",
            certificate.sha1,
            date(&certificate.not_after)
        ),
        Some(certificate) => format!("none is valid now ({} ends last)", certificate.sha1),
        None => "none is readable".to_string(),
    };
    Some(Finding::new(
        Code::MultipleSigningCerts,
        Some(Field::Certificate),
        format!(
            "There are {} signing certificates and {suggestion}: check its thumbprint against the Active certificate in Entra before you save.",
            signing.len()
        ),
    ))
}

/// The suggestion: the certificate valid now with the latest notBefore; when none is valid, the
/// one that ends last. Ties keep document order.
pub fn suggest(signing: &[Certificate]) -> Option<usize> {
    let valid = signing
        .iter()
        .enumerate()
        .filter(|(_, certificate)| certificate.is_valid())
        .max_by(|(a_index, a), (b_index, b)| {
            a.not_before_at
                .cmp(&b.not_before_at)
                .then(b_index.cmp(a_index))
        })
        .map(|(index, _)| index);
    valid.or_else(|| {
        signing
            .iter()
            .enumerate()
            .max_by(|(a_index, a), (b_index, b)| {
                a.not_after_at
                    .cmp(&b.not_after_at)
                    .then(b_index.cmp(a_index))
            })
            .map(|(index, _)| index)
    })
}

fn choose(
    signing: &[Certificate],
    suggested: Option<usize>,
    wanted: Option<&str>,
) -> Result<Option<usize>, InputError> {
    let Some(wanted) = wanted else {
        return Ok(suggested);
    };
    let wanted: String = wanted
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .collect::<String>()
        .to_ascii_uppercase();
    signing
        .iter()
        .position(|certificate| certificate.sha1 == wanted)
        .map(Some)
        .ok_or_else(|| InputError::CertificateNotFound {
            thumbprint: wanted,
            available: list_some(&signing.iter().map(|c| c.sha1.clone()).collect::<Vec<_>>()),
        })
}

fn certificate_value(certificate: &Certificate, options: &InspectOptions) -> String {
    if options.wrap_certificate {
        certificate.wrapped_base64()
    } else {
        certificate.base64.clone()
    }
}

/// HTTP-Redirect first, else HTTP-POST: the bindings Mimecast sends users through.
fn preferred_endpoint(endpoints: &[Endpoint]) -> Option<String> {
    [HTTP_REDIRECT, HTTP_POST].iter().find_map(|binding| {
        endpoints
            .iter()
            .find(|endpoint| endpoint.binding == *binding && !endpoint.location.is_empty())
            .map(|endpoint| endpoint.location.clone())
    })
}

fn select_entity<'e, 'a>(
    entities: &'e [Entity<'a>],
    identity_providers: &[String],
    wanted: Option<&str>,
    xml: &[u8],
) -> Result<&'e Entity<'a>, InputError> {
    if let Some(wanted) = wanted {
        if let Some(entity) = entities
            .iter()
            .find(|entity| entity.identity_provider.is_some())
        {
            return Ok(entity);
        }
        if !entities.is_empty() {
            return Err(no_identity_provider(entities));
        }
        // Not found: read the whole document again to say what it does hold.
        let all = metadata::parse(xml, None)?;
        let available: Vec<String> = all
            .iter()
            .filter(|entity| entity.identity_provider.is_some())
            .map(|entity| entity.entity_id.clone())
            .collect();
        return Err(InputError::EntityNotFound {
            entity_id: wanted.to_string(),
            available: if available.is_empty() {
                "no identity provider".to_string()
            } else {
                list_some(&available)
            },
        });
    }
    match identity_providers.len() {
        0 => Err(no_identity_provider(entities)),
        1 => entities
            .iter()
            .find(|entity| entity.identity_provider.is_some())
            .ok_or_else(|| no_identity_provider(entities)),
        count => Err(InputError::SeveralIdentityProviders {
            count,
            listed: list_some(identity_providers),
            entity_ids: identity_providers.to_vec(),
        }),
    }
}

fn no_identity_provider(entities: &[Entity]) -> InputError {
    let hint = if entities
        .iter()
        .any(|entity| entity.service_provider.is_some())
    {
        ", only a service provider"
    } else {
        ""
    };
    InputError::NoIdentityProvider {
        hint: hint.to_string(),
    }
}

/// The first tenant GUID named by the issuer or the sign-in URL.
fn tenant_of(urls: &[Option<&str>]) -> Option<String> {
    urls.iter().find_map(|url| {
        let tenant = entra::entra_url((*url)?)?;
        tenant.tenant()?.id().map(str::to_string)
    })
}

fn entra_document(mimecast: &MimecastValues, signing: &[Certificate]) -> Option<EntraDocument> {
    let issuer = entra::entra_url(mimecast.issuer_url.as_deref()?)?;
    let EntraUrl::Issuer { tenant, .. } = issuer else {
        return None;
    };
    if tenant == Tenant::Independent {
        return Some(EntraDocument::TenantIndependent);
    }
    use crate::certificate::EntraKind;
    if signing
        .iter()
        .any(|certificate| certificate.entra_kind == Some(EntraKind::App))
    {
        Some(EntraDocument::App)
    } else {
        Some(EntraDocument::Tenant)
    }
}
