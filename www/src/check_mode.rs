//! Check mode: the values now in the Mimecast form, pasted here, through the core's `check`.

use std::rc::Rc;

use mimecast_sso::datetime::from_unix_millis;
use mimecast_sso::{FormValues, check};
use wasm_bindgen::JsValue;
use web_sys::{
    HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

use crate::dom::{self, Pause, append, by_id, clear, log_error, on};
use crate::render;

struct CheckMode {
    provider: HtmlSelectElement,
    issuer_url: HtmlInputElement,
    login_url: HtmlInputElement,
    logout_url: HtmlInputElement,
    certificate: HtmlTextAreaElement,
    metadata_url: HtmlInputElement,
    password_context: HtmlInputElement,
    integrated_context: HtmlInputElement,
    button: HtmlButtonElement,
    results: HtmlElement,
    typing: Pause,
}

pub fn start() -> Result<(), JsValue> {
    let mode = Rc::new(CheckMode {
        provider: by_id("check-provider")?,
        issuer_url: by_id("check-issuer-url")?,
        login_url: by_id("check-login-url")?,
        logout_url: by_id("check-logout-url")?,
        certificate: by_id("check-certificate")?,
        metadata_url: by_id("check-metadata-url")?,
        password_context: by_id("check-password-context")?,
        integrated_context: by_id("check-integrated-context")?,
        button: by_id("run-check")?,
        results: by_id("check-results")?,
        typing: Pause::default(),
    });
    let form: HtmlElement = by_id("check-form")?;
    // Any change in the form checks again once typing pauses; the button checks at once.
    for event in ["input", "change"] {
        on(&mode, &form, event, |mode, _| {
            let again = mode.clone();
            mode.typing.then(move || log_error(again.show()));
        });
    }
    on(&mode, &mode.button, "click", |mode, _| {
        mode.typing.cancel();
        log_error(mode.show());
    });
    Ok(())
}

impl CheckMode {
    /// Every field is on the form, so an empty one is `""`, not absent.
    fn values(&self) -> FormValues {
        FormValues {
            issuer_url: Some(self.issuer_url.value()),
            login_url: Some(self.login_url.value()),
            logout_url: Some(self.logout_url.value()),
            certificate: Some(self.certificate.value()),
            metadata_url: Some(self.metadata_url.value()),
            provider: Some(self.provider.value()),
            password_context: Some(self.password_context.checked()),
            integrated_context: Some(self.integrated_context.checked()),
        }
    }

    fn show(&self) -> Result<(), JsValue> {
        clear(&self.results);
        let values = self.values();
        let typed = [
            &values.issuer_url,
            &values.login_url,
            &values.logout_url,
            &values.certificate,
            &values.metadata_url,
        ]
        .into_iter()
        .any(|value| value.as_deref().is_some_and(|v| !v.trim().is_empty()));
        if !typed {
            append(
                &self.results,
                "p",
                "hint",
                "Paste at least one value from the Mimecast form to check it.",
            )?;
            return Ok(());
        }
        let now =
            from_unix_millis(dom::now_millis()).map_err(|e| JsValue::from_str(&e.to_string()))?;
        render::findings(&self.results, &check(&values, now))
    }
}
