//! Test SSO: a pasted SAML response (or AuthnRequest, or Entra error) through the core's
//! `check_response`, judged against what the page already holds: the metadata imported in part 1
//! (its Issuer URL and certificate, as Mimecast's profile would hold them), and the region and
//! account code of part 2.

use std::rc::Rc;

use mimecast_sso::datetime::from_unix_millis;
use mimecast_sso::pem::decode_base64;
use mimecast_sso::service_provider::{AccountCode, region};
use mimecast_sso::{Field, InspectOptions, ResponseOptions, check_response, inspect};
use wasm_bindgen::JsValue;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{self, Pause, append, by_id, clear, log_error, on};
use crate::render;

struct TestSso {
    text: HtmlTextAreaElement,
    results: HtmlElement,
    import: HtmlTextAreaElement,
    region: HtmlSelectElement,
    account_code: HtmlInputElement,
    typing: Pause,
}

pub fn start() -> Result<(), JsValue> {
    let part = Rc::new(TestSso {
        text: by_id("test-sso-text")?,
        results: by_id("test-sso-results")?,
        import: by_id("import-text")?,
        region: by_id("region")?,
        account_code: by_id("account-code")?,
        typing: Pause::default(),
    });
    // The verdict follows the pasted text and the values it is judged against.
    let sources: [(web_sys::EventTarget, &str); 4] = [
        (part.text.clone().into(), "input"),
        (part.import.clone().into(), "input"),
        (part.region.clone().into(), "change"),
        (part.account_code.clone().into(), "input"),
    ];
    for (target, event) in sources {
        on(&part, &target, event, |part, _| {
            let again = part.clone();
            part.typing.then(move || log_error(again.show()));
        });
    }
    Ok(())
}

impl TestSso {
    /// Mimecast's profile as part 1 and 2 give it, and what that was taken from.
    fn options(&self, mut options: ResponseOptions) -> (ResponseOptions, Vec<String>) {
        let now = options.now;
        let mut against = Vec::new();
        let imported = self.import.value();
        if !imported.trim().is_empty()
            && let Ok(inspection) = inspect(imported.as_bytes(), &InspectOptions::at(now))
        {
            if let Some(issuer) = inspection.mimecast.issuer_url.clone() {
                against.push(format!("{} {issuer}", Field::IssuerUrl.label()));
                options.issuer = Some(issuer);
            }
            if let Some(der) = inspection
                .mimecast
                .certificate
                .as_deref()
                .and_then(|text| decode_base64(text).ok())
            {
                against.push("the imported certificate".to_string());
                options.certificate = Some(der);
            }
        }
        if let (Some(region), Ok(account)) = (
            region(&self.region.value()),
            AccountCode::parse(&self.account_code.value()),
        ) {
            against.push(format!("{} account {account}", region.name));
            options.service_provider = Some((region, account));
        }
        (options, against)
    }

    fn show(&self) -> Result<(), JsValue> {
        clear(&self.results);
        let text = self.text.value();
        if text.trim().is_empty() {
            return Ok(());
        }
        let now =
            from_unix_millis(dom::now_millis()).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let (options, against) = self.options(ResponseOptions::at(now));
        let report = match check_response(text.as_bytes(), &options) {
            Ok(report) => report,
            Err(error) => {
                let line = append(&self.results, "p", "error-text", &error.to_string())?;
                line.set_attribute("data-code", error.code())?;
                return Ok(());
            }
        };
        let verdict = append(&self.results, "p", "verdict", &report.verdict.sentence)?;
        verdict.set_attribute(
            "data-verdict",
            if report.passes() { "pass" } else { "fail" },
        )?;
        append(
            &self.results,
            "p",
            "hint",
            &if against.is_empty() {
                "Judged on its own: import the metadata and choose the region and account code to check it against your setup.".to_string()
            } else {
                format!("Judged against {}.", against.join(", "))
            },
        )?;
        render::findings(&self.results, &report.findings)?;
        if let Some(assertion) = &report.assertion {
            let values = append(&self.results, "dl", "response-values", "")?;
            for (label, value) in [
                ("Issuer", assertion.issuer.clone()),
                ("NameID", assertion.name_id.clone()),
                ("Audience", Some(assertion.audiences.join(", "))),
                ("Recipient", assertion.recipient.clone()),
            ] {
                append(&values, "dt", "", label)?;
                append(&values, "dd", "", value.as_deref().unwrap_or("(none)"))?;
            }
        }
        if let Some(certificate) = &report.signature.certificate {
            render::certificate_details(&self.results, certificate)?;
        }
        Ok(())
    }
}
