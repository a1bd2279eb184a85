//! Turns the core's answers into page content: findings, certificate details with their
//! validity timeline, and labelled values with copy buttons. Nothing here decides anything: the
//! status, its sentence, the dates and the share of the lifetime gone all come from the core.

use mimecast_sso::datetime::readable_instant;
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
    let box_ = append(
        parent,
        "div",
        &format!("timeline {}", status_class(validity.status)),
        "",
    )?;
    let percent = validity.percent;
    box_.set_attribute("aria-label", &validity.timeline)?;
    box_.set_attribute("role", "img")?;
    append(&box_, "p", "status", &validity.sentence)?.set_attribute("aria-hidden", "true")?;
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
    append(&ends, "span", "", &validity.from)?;
    append(&ends, "span", "", &validity.until)?;
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
