//! Turns the core's answers into page content: findings, certificate details with their
//! validity timeline, and labelled values with copy buttons. Nothing here decides anything: the
//! status, the days left and the share of the lifetime gone all come from the core.

use mimecast_sso::{Certificate, Finding, Severity, ValidityStatus};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use crate::dom::{append, copy_button};

/// A list of findings, worst first as the core orders them, or a line saying there are none.
pub fn findings(parent: &HtmlElement, findings: &[Finding]) -> Result<(), JsValue> {
    if findings.is_empty() {
        append(parent, "p", "no-findings", "No problems found.")?;
        return Ok(());
    }
    let list = append(parent, "ul", "findings", "")?;
    for finding in findings {
        let item = append(
            &list,
            "li",
            &format!("finding {}", severity_class(finding.severity)),
            "",
        )?;
        item.set_attribute("data-code", finding.code.as_str())?;
        append(&item, "span", "severity", severity_label(finding.severity))?;
        let body = append(&item, "div", "finding-body", "")?;
        append(&body, "p", "message", &finding.message)?;
        if let Some(fix) = &finding.fix {
            let fix_line = append(&body, "p", "fix", "")?;
            let what = finding.field.map(|f| f.label()).unwrap_or("value");
            append(
                &fix_line,
                "span",
                "fix-label",
                &format!("Use this {what}: "),
            )?;
            append(&fix_line, "code", "value", fix)?;
            let copy = copy_button(&format!("corrected {what}"), fix)?;
            fix_line.append_child(&copy)?;
        }
        append(&body, "p", "code", finding.code.as_str())?;
    }
    Ok(())
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// One labelled value for the Mimecast form, with a copy button, or a note when it is absent.
/// `data-field` names it with the contract's key for the tests.
pub fn value_row(
    list: &HtmlElement,
    field: &str,
    label: &str,
    value: Option<&str>,
    absent: &str,
) -> Result<(), JsValue> {
    append(list, "dt", "", label)?;
    let cell = append(list, "dd", "", "")?;
    match value {
        Some(value) => {
            let class = if field == "certificate" {
                "value certificate-text"
            } else {
                "value"
            };
            let text = append(&cell, "code", class, value)?;
            text.set_attribute("data-field", field)?;
            if field == "certificate" {
                // A long value in a scrolling box: reachable by keyboard to scroll it.
                text.set_tab_index(0);
                text.set_attribute("aria-label", label)?;
            }
            let copy = copy_button(label, value)?;
            cell.append_child(&copy)?;
        }
        None => {
            let note = append(&cell, "span", "absent", absent)?;
            note.set_attribute("data-field", field)?;
            note.set_attribute("data-absent", "")?;
        }
    }
    Ok(())
}

/// Subject, issuer, dates, thumbprints and key of one certificate, with its timeline.
pub fn certificate_details(parent: &HtmlElement, certificate: &Certificate) -> Result<(), JsValue> {
    let details = append(parent, "div", "certificate-details", "")?;
    details.set_attribute("data-sha1", &certificate.sha1)?;
    timeline(&details, certificate)?;
    let list = append(&details, "dl", "values", "")?;
    let rows: [(&str, &str, String); 5] = [
        ("subject", "Subject", certificate.subject.clone()),
        ("issuer", "Issued by", certificate.issuer.clone()),
        ("sha1", "SHA-1 thumbprint", certificate.sha1.clone()),
        ("sha256", "SHA-256 fingerprint", certificate.sha256.clone()),
        ("serial", "Serial number", certificate.serial.clone()),
    ];
    for (field, label, value) in rows {
        append(&list, "dt", "", label)?;
        let cell = append(&list, "dd", "", "")?;
        let text = append(&cell, "code", "value", &value)?;
        text.set_attribute("data-cert-field", field)?;
        if matches!(field, "sha1" | "sha256") {
            let copy = copy_button(label, &value)?;
            cell.append_child(&copy)?;
        }
    }
    for (field, label, at) in [
        ("not_before", "Valid from", &certificate.not_before),
        ("not_after", "Valid until", &certificate.not_after),
    ] {
        append(&list, "dt", "", label)?;
        let cell = append(&list, "dd", "", "")?;
        let time = append(&cell, "time", "", &readable_instant(at))?;
        time.set_attribute("datetime", at)?;
        time.set_attribute("data-cert-field", field)?;
    }
    append(&list, "dt", "", "Key")?;
    append(&list, "dd", "", &key_description(certificate))?;
    Ok(())
}

fn key_description(certificate: &Certificate) -> String {
    match certificate.key_bits {
        Some(bits) => format!(
            "{} {} bits, signed with {}",
            certificate.key_algorithm, bits, certificate.signature_algorithm
        ),
        None => format!(
            "{}, signed with {}",
            certificate.key_algorithm, certificate.signature_algorithm
        ),
    }
}

/// A bar from notBefore to notAfter with a marker at today, and the status in words.
pub fn timeline(parent: &HtmlElement, certificate: &Certificate) -> Result<(), JsValue> {
    let validity = &certificate.validity;
    let status = status_text(
        validity.status,
        validity.days_remaining,
        &certificate.not_before,
    );
    let box_ = append(
        parent,
        "div",
        &format!("timeline {}", status_class(validity.status)),
        "",
    )?;
    let percent = (validity.elapsed.clamp(0.0, 1.0) * 100.0 * 10.0).round() / 10.0;
    box_.set_attribute(
        "aria-label",
        &format!(
            "Validity: from {} to {}; today is {}% of the way through. {}",
            readable_date(&certificate.not_before),
            readable_date(&certificate.not_after),
            percent,
            status
        ),
    )?;
    box_.set_attribute("role", "img")?;
    append(&box_, "p", "status", &status)?.set_attribute("aria-hidden", "true")?;
    let track = append(&box_, "div", "track", "")?;
    track.set_attribute("aria-hidden", "true")?;
    let used = append(&track, "div", "used", "")?;
    used.style().set_property("width", &format!("{percent}%"))?;
    let today = append(&track, "div", "today", "")?;
    today.style().set_property("left", &format!("{percent}%"))?;
    let label = append(&today, "span", "today-label", "Today")?;
    // Keep the label inside the track at either end.
    if percent > 85.0 {
        label.class_list().add_1("end")?;
    } else if percent < 15.0 {
        label.class_list().add_1("start")?;
    }
    let ends = append(&box_, "div", "ends", "")?;
    ends.set_attribute("aria-hidden", "true")?;
    append(&ends, "span", "", &readable_date(&certificate.not_before))?;
    append(&ends, "span", "", &readable_date(&certificate.not_after))?;
    Ok(())
}

fn status_class(status: ValidityStatus) -> &'static str {
    match status {
        ValidityStatus::Valid => "valid",
        ValidityStatus::ExpiresSoon => "expires-soon",
        ValidityStatus::Expired => "expired",
        ValidityStatus::NotYetValid => "not-yet-valid",
    }
}

/// The validity status in words, from the core's status and day count.
pub fn status_text(status: ValidityStatus, days_remaining: i64, not_before: &str) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    match status {
        ValidityStatus::Valid => format!("Valid: {} left.", days(days_remaining)),
        ValidityStatus::ExpiresSoon => {
            format!(
                "Expires soon: {} left. Renew it in Entra.",
                days(days_remaining)
            )
        }
        ValidityStatus::Expired => format!("Expired {} ago.", days(-days_remaining)),
        ValidityStatus::NotYetValid => {
            format!("Not valid yet: it starts on {}.", readable_date(not_before))
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2025-03-22T13:10:28Z` as `22 Mar 2025`; anything else as it is.
pub fn readable_date(rfc3339: &str) -> String {
    let date = rfc3339.get(..10).unwrap_or(rfc3339);
    let mut parts = date.split('-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return rfc3339.to_owned();
    };
    let month = month
        .parse::<usize>()
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m));
    match (month, day.parse::<u8>()) {
        (Some(month), Ok(day)) if year.len() == 4 => format!("{day} {month} {year}"),
        _ => rfc3339.to_owned(),
    }
}

/// `2025-03-22T13:10:28Z` as `22 Mar 2025, 13:10:28 UTC`.
pub fn readable_instant(rfc3339: &str) -> String {
    match rfc3339.get(11..19) {
        Some(clock) if rfc3339.ends_with('Z') => format!("{}, {clock} UTC", readable_date(rfc3339)),
        _ => readable_date(rfc3339),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_an_admin_writes_them() {
        assert_eq!(readable_date("2025-03-22T13:10:28Z"), "22 Mar 2025");
        assert_eq!(readable_date("2025-12-01T00:00:00Z"), "1 Dec 2025");
        assert_eq!(
            readable_instant("2025-03-22T13:10:28Z"),
            "22 Mar 2025, 13:10:28 UTC"
        );
        assert_eq!(readable_date("garbage"), "garbage");
        assert_eq!(readable_date("2025-13-01"), "2025-13-01");
        assert_eq!(readable_date(""), "");
    }

    #[test]
    fn status_says_days_in_words() {
        assert_eq!(
            status_text(ValidityStatus::Valid, 120, ""),
            "Valid: 120 days left."
        );
        assert_eq!(
            status_text(ValidityStatus::Expired, -1, ""),
            "Expired 1 day ago."
        );
        assert_eq!(
            status_text(ValidityStatus::NotYetValid, 400, "2030-01-02T00:00:00Z"),
            "Not valid yet: it starts on 2 Jan 2030."
        );
    }
}
