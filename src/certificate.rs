//! X.509 certificates described the way openssl and Entra's portal do: names, dates, thumbprints,
//! key, and where the certificate stands at a given instant. x509-parser reads each part; the
//! structure around them is walked here (see `Parts`). Getting the DER out of what the admin
//! handed over is `certificate_der`'s job.

use crate::datetime::{format_rfc3339, readable_date};
use crate::der;
use crate::error::InputError;
use crate::pem::wrap64;
use crate::rfc2253::rfc2253;
use crate::{hex, oid};
use ::time::OffsetDateTime;
use base64::Engine;
use base64::engine::general_purpose;
use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::der_parser::asn1_rs::{Any, BitString, Class, FromDer as _, Tag};
use x509_parser::prelude::*;
use x509_parser::public_key::{ECPoint, RSAPublicKey};

/// Certificates within this many days of their end are flagged (Entra mails at 60, 30 and 7).
pub const EXPIRES_SOON_DAYS: i64 = 60;
/// One certificate, described.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certificate {
    /// The DER as base64, one line, no BEGIN/END: what Mimecast's certificate field wants.
    pub base64: String,
    /// SHA-1 of the DER, 40 upper-case hex digits: Entra's "Thumbprint".
    pub sha1: String,
    /// SHA-256 of the DER, 64 upper-case hex digits.
    pub sha256: String,
    /// Subject and issuer as RFC 2253 strings, as `openssl x509 -nameopt RFC2253` prints them.
    pub subject: String,
    pub issuer: String,
    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it.
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    /// "RSA", "EC", "Ed25519", …
    pub key_algorithm: String,
    pub key_bits: Option<u32>,
    /// openssl's long name, e.g. "sha256WithRSAEncryption".
    pub signature_algorithm: String,
    pub self_signed: bool,
    pub entra_kind: Option<EntraKind>,
    pub validity: Validity,
    #[serde(skip)]
    pub not_before_at: OffsetDateTime,
    #[serde(skip)]
    pub not_after_at: OffsetDateTime,
}

/// Which of Entra's two kinds of signing certificate this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntraKind {
    /// "Microsoft Azure Federated SSO Certificate": the app's own, what Mimecast needs.
    App,
    /// The tenant-wide token-signing key (`CN=accounts.accesscontrol.windows.net`), found in
    /// metadata fetched without `?appid=`: Mimecast would reject every sign-in with it.
    TenantKey,
}

/// Where a certificate stands at the instant the caller passed in, with the words and numbers
/// every surface shows for it: the surfaces compose none of their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validity {
    pub status: ValidityStatus,
    /// Whole days until notAfter (negative once expired).
    pub days_remaining: i64,
    /// The share of the lifetime gone, 0 to 1: where "today" sits on a timeline.
    pub elapsed: f64,
    /// `elapsed` as a percentage to a tenth: where a timeline draws "today".
    pub percent: f64,
    /// notBefore and notAfter as an admin writes dates ("22 Mar 2025"): a timeline's two ends.
    pub from: String,
    pub until: String,
    /// Where the certificate stands, in one sentence: "Valid: 120 days left."
    pub sentence: String,
    /// The timeline in words, for its accessible name: "Validity: from 22 Mar 2022 to
    /// 22 Mar 2025; today is 83% of the way through. Valid: 120 days left."
    pub timeline: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValidityStatus {
    Valid,
    ExpiresSoon,
    Expired,
    NotYetValid,
}

impl Certificate {
    /// Reads a DER certificate and describes it as of `now`.
    pub fn from_der(der_bytes: &[u8], now: OffsetDateTime) -> Result<Self, InputError> {
        Self::from_der_with_base64(der_bytes, None, now)
    }

    /// Every certificate in text (PEM, base64 however wrapped, base64 of PEM), described as of
    /// `now`; the base64 the text already held is kept when it is the standard encoding.
    pub(crate) fn all_in_text(text: &str, now: OffsetDateTime) -> Result<Vec<Self>, InputError> {
        crate::certificate_der::read_text(text)?
            .into_iter()
            .map(|der| Self::from_der_with_base64(&der.der, der.base64, now))
            .collect()
    }

    /// `from_der`, given the DER's standard base64 encoding when the input already held it.
    fn from_der_with_base64(
        der_bytes: &[u8],
        base64: Option<String>,
        now: OffsetDateTime,
    ) -> Result<Self, InputError> {
        if let Some(problem) = der::structure_problem(der_bytes) {
            return Err(InputError::CertificateUnreadable { detail: problem });
        }
        let parts = Parts::read(der_bytes).map_err(|reason| InputError::CertificateUnreadable {
            detail: match reason {
                Unreadable::StrayBytes(count) => {
                    format!("{count} stray bytes follow the certificate")
                }
                Unreadable::EndsEarly => {
                    "it is not a valid X.509 certificate (it ends early)".to_string()
                }
                Unreadable::Invalid(error) => format!(
                    "it is not a valid X.509 certificate ({})",
                    x509_error_words(&error)
                ),
            },
        })?;
        let not_before_at = parts.validity.not_before.to_datetime();
        let not_after_at = parts.validity.not_after.to_datetime();
        let subject = rfc2253(&parts.subject);
        let (key_algorithm, key_bits) = key_description(&parts.public_key);
        Ok(Certificate {
            base64: base64.unwrap_or_else(|| general_purpose::STANDARD.encode(der_bytes)),
            sha1: hex::upper(&Sha1::digest(der_bytes)),
            sha256: hex::upper(&Sha256::digest(der_bytes)),
            issuer: rfc2253(&parts.issuer),
            serial: serial_hex(parts.serial),
            not_before: format_rfc3339(not_before_at),
            not_after: format_rfc3339(not_after_at),
            key_algorithm,
            key_bits,
            signature_algorithm: oid::signature_algorithm_name(
                &parts.signature_algorithm.algorithm,
            )
            .into_owned(),
            self_signed: parts.subject.as_raw() == parts.issuer.as_raw(),
            entra_kind: entra_kind(&subject),
            validity: validity(not_before_at, not_after_at, now),
            not_before_at,
            not_after_at,
            subject,
        })
    }

    /// The base64 body wrapped at 64 columns, for forms that want PEM-like lines.
    pub fn wrapped_base64(&self) -> String {
        wrap64(&self.base64)
    }

    /// Whether it is valid at `now` (expiring soon still counts as valid).
    pub fn is_valid(&self) -> bool {
        matches!(
            self.validity.status,
            ValidityStatus::Valid | ValidityStatus::ExpiresSoon
        )
    }
}

/// The parts of a certificate that are described here, each read by x509-parser's own parser.
///
/// The structure around them is walked here rather than by `X509CertificateParser`, which would
/// also link every extension's parser (a fifth of the wasm) to read extensions nothing here
/// uses: they are checked only for their envelope, as openssl's decoder does.
struct Parts<'a> {
    serial: &'a [u8],
    issuer: X509Name<'a>,
    validity: x509_parser::certificate::Validity,
    subject: X509Name<'a>,
    public_key: SubjectPublicKeyInfo<'a>,
    signature_algorithm: AlgorithmIdentifier<'a>,
}

enum Unreadable {
    EndsEarly,
    Invalid(X509Error),
    StrayBytes(usize),
}

impl<E: Into<X509Error>> From<x509_parser::nom::Err<E>> for Unreadable {
    fn from(error: x509_parser::nom::Err<E>) -> Self {
        match error {
            x509_parser::nom::Err::Incomplete(_) => Unreadable::EndsEarly,
            x509_parser::nom::Err::Error(error) | x509_parser::nom::Err::Failure(error) => {
                Unreadable::Invalid(error.into())
            }
        }
    }
}

/// One DER element of the given tag, or the error to report.
fn element<'a>(
    input: &'a [u8],
    class: Class,
    tag: Tag,
    error: X509Error,
) -> Result<(&'a [u8], Any<'a>), Unreadable> {
    let (rest, any) = Any::from_der(input)?;
    if any.class() != class || any.tag() != tag {
        return Err(Unreadable::Invalid(error));
    }
    Ok((rest, any))
}

impl<'a> Parts<'a> {
    /// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    fn read(der_bytes: &'a [u8]) -> Result<Self, Unreadable> {
        let (rest, certificate) = element(
            der_bytes,
            Class::Universal,
            Tag::Sequence,
            X509Error::InvalidCertificate,
        )?;
        if !rest.is_empty() {
            return Err(Unreadable::StrayBytes(rest.len()));
        }
        let (i, tbs) = element(
            certificate.data,
            Class::Universal,
            Tag::Sequence,
            X509Error::InvalidTbsCertificate,
        )?;
        let (i, signature_algorithm) = AlgorithmIdentifier::from_der(i)?;
        let (i, _) = BitString::from_der(i)
            .map_err(|_| Unreadable::Invalid(X509Error::InvalidSignatureValue))?;
        if !i.is_empty() {
            return Err(Unreadable::Invalid(X509Error::InvalidCertificate));
        }
        let mut parts = Self::read_tbs(tbs.data)?;
        parts.signature_algorithm = signature_algorithm;
        Ok(parts)
    }

    /// TBSCertificate ::= SEQUENCE { version [0] DEFAULT v1, serialNumber, signature, issuer,
    /// validity, subject, subjectPublicKeyInfo, issuerUniqueID [1] OPTIONAL,
    /// subjectUniqueID [2] OPTIONAL, extensions [3] OPTIONAL }
    fn read_tbs(mut i: &'a [u8]) -> Result<Self, Unreadable> {
        if i.first() == Some(&0xA0) {
            let (rest, version) =
                element(i, Class::ContextSpecific, Tag(0), X509Error::InvalidVersion)?;
            let (inner, _) = u32::from_der(version.data)
                .map_err(|_| Unreadable::Invalid(X509Error::InvalidVersion))?;
            if !inner.is_empty() {
                return Err(Unreadable::Invalid(X509Error::InvalidVersion));
            }
            i = rest;
        }
        let (i, serial) = element(i, Class::Universal, Tag::Integer, X509Error::InvalidSerial)?;
        let (i, signature) = AlgorithmIdentifier::from_der(i)?;
        let (i, issuer) = X509Name::from_der(i)?;
        let (i, validity) = x509_parser::certificate::Validity::from_der(i)?;
        let (i, subject) = X509Name::from_der(i)?;
        let (mut i, public_key) = SubjectPublicKeyInfo::from_der(i)?;
        // The optional parts, each at most once and in order.
        let mut next = 1u32;
        while !i.is_empty() {
            let (rest, any) = Any::from_der(i)?;
            let number = any.tag().0;
            if any.class() != Class::ContextSpecific || number < next || number > 3 {
                return Err(Unreadable::Invalid(X509Error::InvalidTbsCertificate));
            }
            if number == 3 {
                check_extensions_envelope(any.data)?;
            }
            next = number + 1;
            i = rest;
        }
        Ok(Parts {
            serial: serial.data,
            issuer,
            validity,
            subject,
            public_key,
            signature_algorithm: signature,
        })
    }
}

/// Extensions ::= SEQUENCE OF SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
/// extnValue OCTET STRING }: the envelope only.
fn check_extensions_envelope(explicit: &[u8]) -> Result<(), Unreadable> {
    let invalid = || X509Error::InvalidExtensions;
    let (rest, list) = element(explicit, Class::Universal, Tag::Sequence, invalid())?;
    if !rest.is_empty() {
        return Err(Unreadable::Invalid(invalid()));
    }
    let mut i = list.data;
    while !i.is_empty() {
        let (rest, extension) = element(i, Class::Universal, Tag::Sequence, invalid())?;
        let (mut inner, _) = element(extension.data, Class::Universal, Tag::Oid, invalid())?;
        if inner.first() == Some(&0x01) {
            inner = element(inner, Class::Universal, Tag::Boolean, invalid())?.0;
        }
        let (inner, _) = element(inner, Class::Universal, Tag::OctetString, invalid())?;
        if !inner.is_empty() {
            return Err(Unreadable::Invalid(invalid()));
        }
        i = rest;
    }
    Ok(())
}

/// The RSA public key of a DER certificate, as its big-endian modulus and exponent; `None` when
/// the certificate is unreadable or its key is not RSA.
pub fn rsa_public_key(der_bytes: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let parts = Parts::read(der_bytes).ok()?;
    let rsa = rsa_key(&parts.public_key)?;
    Some((rsa.modulus.to_vec(), rsa.exponent.to_vec()))
}

/// The key of an `rsaEncryption` SubjectPublicKeyInfo: RSAPublicKey ::= SEQUENCE { modulus
/// INTEGER, publicExponent INTEGER } (RFC 8017, A.1.1), read as x509-parser reads it, with the
/// DER reader that walks the certificate. `SubjectPublicKeyInfo::parsed` would read it too, but
/// it links der-parser's generic object parser for key types nothing here reads.
fn rsa_key<'a>(spki: &'a SubjectPublicKeyInfo) -> Option<RSAPublicKey<'a>> {
    if oid::key_algorithm_name(&spki.algorithm.algorithm) != "RSA" {
        return None;
    }
    let invalid = || X509Error::InvalidSPKI;
    let key: &[u8] = &spki.subject_public_key.data;
    let (_, sequence) = element(key, Class::Universal, Tag::Sequence, invalid()).ok()?;
    let (i, modulus) = element(sequence.data, Class::Universal, Tag::Integer, invalid()).ok()?;
    let (_, exponent) = element(i, Class::Universal, Tag::Integer, invalid()).ok()?;
    Some(RSAPublicKey {
        modulus: modulus.data,
        exponent: exponent.data,
    })
}

/// A percentage given in tenths, written as `f64`'s `Display` writes it ("89", "89.5").
struct Tenths(u32);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.0 % 10 {
            0 => write!(f, "{}", self.0 / 10),
            tenth => write!(f, "{}.{tenth}", self.0 / 10),
        }
    }
}

fn validity(
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    now: OffsetDateTime,
) -> Validity {
    let days_remaining = (not_after - now).whole_days();
    let lifetime = (not_after - not_before).as_seconds_f64();
    let elapsed = if lifetime > 0.0 {
        ((now - not_before).as_seconds_f64() / lifetime).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let status = if now < not_before {
        ValidityStatus::NotYetValid
    } else if now > not_after {
        ValidityStatus::Expired
    } else if (not_after - now).whole_seconds() <= EXPIRES_SOON_DAYS * 86_400 {
        ValidityStatus::ExpiresSoon
    } else {
        ValidityStatus::Valid
    };
    // Tenths of a percent, whole: the words are written from integers, so that the wasm does not
    // link Rust's floating-point printer for one number.
    let tenths = (elapsed * 1000.0).round() as u32;
    let elapsed = f64::from(tenths) / 1000.0;
    let percent = f64::from(tenths) / 10.0;
    let from = readable_date(&format_rfc3339(not_before));
    let until = readable_date(&format_rfc3339(not_after));
    let sentence = validity_sentence(status, days_remaining, &from);
    Validity {
        status,
        days_remaining,
        elapsed,
        percent,
        timeline: format!(
            "Validity: from {from} to {until}; today is {}% of the way through. {sentence}",
            Tenths(tenths)
        ),
        from,
        until,
        sentence,
    }
}

/// The status in words, from the status and the day count; `from` is the first day, for a
/// certificate not valid yet.
fn validity_sentence(status: ValidityStatus, days_remaining: i64, from: &str) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    match status {
        ValidityStatus::Valid => format!("Valid: {} left.", days(days_remaining)),
        ValidityStatus::ExpiresSoon => format!(
            "Expires soon: {} left. Renew it in Entra.",
            days(days_remaining)
        ),
        ValidityStatus::Expired => format!("Expired {} ago.", days(-days_remaining)),
        ValidityStatus::NotYetValid => format!("Not valid yet: it starts on {from}."),
    }
}

fn entra_kind(subject: &str) -> Option<EntraKind> {
    match subject {
        "CN=Microsoft Azure Federated SSO Certificate" => Some(EntraKind::App),
        "CN=accounts.accesscontrol.windows.net"
        | "CN=login.microsoftonline.us"
        | "CN=accounts.accesscontrol.chinacloudapi.cn" => Some(EntraKind::TenantKey),
        _ => None,
    }
}

/// The serial as openssl prints it: a signed big number in hex, without sign-padding bytes, at
/// least one byte. Some real certificates have negative serials (a DER INTEGER is signed).
fn serial_hex(raw: &[u8]) -> String {
    let negative = raw.first().is_some_and(|&byte| byte & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement: invert, then add one.
        let mut bytes: Vec<u8> = raw.iter().map(|byte| !byte).collect();
        for byte in bytes.iter_mut().rev() {
            let (sum, carry) = byte.overflowing_add(1);
            *byte = sum;
            if !carry {
                break;
            }
        }
        bytes
    } else {
        raw.to_vec()
    };
    let first_significant = magnitude
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(magnitude.len().saturating_sub(1));
    let digits = hex::upper(&magnitude[first_significant.min(magnitude.len())..]);
    if negative {
        format!("-{digits}")
    } else {
        digits
    }
}

fn key_description(spki: &SubjectPublicKeyInfo) -> (String, Option<u32>) {
    let name = oid::key_algorithm_name(&spki.algorithm.algorithm).into_owned();
    let bits = match name.as_str() {
        "RSA" => rsa_key(spki).map(|rsa| significant_bits(rsa.modulus)),
        "EC" => u32::try_from(ECPoint::from(&*spki.subject_public_key.data).key_size())
            .ok()
            .filter(|&bits| bits > 0),
        "Ed25519" => Some(256),
        "Ed448" => Some(456),
        _ => None,
    };
    (name, bits)
}

fn significant_bits(unsigned: &[u8]) -> u32 {
    let start = unsigned.iter().position(|&byte| byte != 0);
    match start {
        None => 0,
        Some(start) => {
            let len = (unsigned.len() - start) as u32;
            (len - 1) * 8 + (8 - unsigned[start].leading_zeros())
        }
    }
}

/// What x509-parser's error means, in words (its Display shows the DER parser's debug values).
fn x509_error_words(error: &X509Error) -> &'static str {
    match error {
        X509Error::InvalidVersion => "its version is not 1, 2 or 3",
        X509Error::InvalidSerial => "its serial number is malformed",
        X509Error::InvalidAlgorithmIdentifier | X509Error::InvalidSignatureValue => {
            "its signature is malformed"
        }
        X509Error::InvalidX509Name => "a name in it is malformed",
        X509Error::InvalidDate => "a date in it is malformed",
        X509Error::InvalidSPKI => "its public key is malformed",
        X509Error::InvalidExtensions | X509Error::DuplicateExtensions => {
            "its extensions are malformed"
        }
        X509Error::InvalidTbsCertificate => "its signed part is malformed",
        _ => "its DER structure is broken",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_drops_sign_padding_only() {
        assert_eq!(serial_hex(&[0x00, 0x9A, 0x01]), "9A01");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[0x01]), "01");
        assert_eq!(serial_hex(&[]), "");
        assert_eq!(serial_hex(&[0xFF]), "-01");
        assert_eq!(serial_hex(&[0xB1, 0x18]), "-4EE8");
    }

    #[test]
    fn writes_tenths_of_a_percent_as_the_float_would_be_written() {
        for tenths in 0..=1000 {
            let float = f64::from(tenths) / 10.0;
            assert_eq!(Tenths(tenths).to_string(), float.to_string());
        }
    }

    #[test]
    fn says_the_validity_in_words() {
        let at = |text: &str| crate::datetime::parse_rfc3339(text).unwrap();
        let (start, end) = (at("2022-03-22T13:10:33Z"), at("2025-03-22T13:10:28Z"));
        let valid = validity(start, end, at("2024-11-22T00:00:00Z"));
        assert_eq!(valid.sentence, "Valid: 120 days left.");
        assert_eq!(
            (valid.from.as_str(), valid.until.as_str()),
            ("22 Mar 2022", "22 Mar 2025")
        );
        assert_eq!(valid.percent, 89.0);
        assert_eq!(
            valid.timeline,
            "Validity: from 22 Mar 2022 to 22 Mar 2025; today is 89% of the way through. Valid: 120 days left."
        );
        let soon = validity(start, end, at("2025-03-20T00:00:00Z"));
        assert_eq!(
            soon.sentence,
            "Expires soon: 2 days left. Renew it in Entra."
        );
        assert_eq!(
            validity(start, end, at("2025-03-24T00:00:00Z")).sentence,
            "Expired 1 day ago."
        );
        assert_eq!(
            validity(start, end, at("2022-01-01T00:00:00Z")).sentence,
            "Not valid yet: it starts on 22 Mar 2022."
        );
    }

    #[test]
    fn counts_modulus_bits() {
        assert_eq!(significant_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(significant_bits(&[0x01, 0x00]), 9);
        assert_eq!(significant_bits(&[0x00]), 0);
    }
}
