//! Check mode: the values now in the Mimecast form, pasted here, through the core's `check`.
//!
//! The form is built from the core's fields, under the core's labels, so the page asks for each
//! field in the words the findings name it by.

use std::rc::Rc;

use mimecast_sso::datetime::from_unix_millis;
use mimecast_sso::{Field, FormValues, check};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::dom::{self, Pause, append, by_id, clear, element, log_error, on};
use crate::render;

/// The Provider names the Mimecast console has offered for Entra, and one for any other.
const PROVIDERS: &[&str] = &["Azure Active Directory", "Microsoft Entra ID", "Other"];

/// The form's fields, in the order Mimecast's form shows them, with their element ids.
const FORM: [(Field, &str); 8] = [
    (Field::Provider, "check-provider"),
    (Field::MetadataUrl, "check-metadata-url"),
    (Field::IssuerUrl, "check-issuer-url"),
    (Field::LoginUrl, "check-login-url"),
    (Field::LogoutUrl, "check-logout-url"),
    (Field::Certificate, "check-certificate"),
    (Field::PasswordContext, "check-password-context"),
    (Field::IntegratedContext, "check-integrated-context"),
];

/// A field's element on the page.
enum Control {
    Choice(HtmlSelectElement),
    Text(HtmlInputElement),
    LongText(HtmlTextAreaElement),
    Box(HtmlInputElement),
}

impl Control {
    fn text(&self) -> Option<String> {
        match self {
            Control::Choice(select) => Some(select.value()),
            Control::Text(input) => Some(input.value()),
            Control::LongText(area) => Some(area.value()),
            Control::Box(_) => None,
        }
    }

    fn checked(&self) -> Option<bool> {
        match self {
            Control::Box(input) => Some(input.checked()),
            _ => None,
        }
    }
}

struct CheckMode {
    controls: Vec<(Field, Control)>,
    results: HtmlElement,
    typing: Pause,
}

pub fn start() -> Result<(), JsValue> {
    let form: HtmlElement = by_id("check-form")?;
    let controls = build_form(&form)?;
    let button = append(&form, "div", "field wide", "")?;
    let button = append(&button, "button", "primary", "Check")?;
    button.set_attribute("type", "button")?;
    let mode = Rc::new(CheckMode {
        controls,
        results: by_id("check-results")?,
        typing: Pause::default(),
    });
    // Any change in the form checks again once typing pauses; the button checks at once.
    for event in ["input", "change"] {
        on(&mode, &form, event, |mode, _| {
            let again = mode.clone();
            mode.typing.then(move || log_error(again.show()));
        });
    }
    on(&mode, &button, "click", |mode, _| {
        mode.typing.cancel();
        log_error(mode.show());
    });
    Ok(())
}

/// Adds a labelled control for each of the form's fields to `form`; the boxes share one row.
fn build_form(form: &Element) -> Result<Vec<(Field, Control)>, JsValue> {
    let boxes = element("div", "field wide checkboxes", "")?;
    let mut controls = Vec::with_capacity(FORM.len());
    for (field, id) in FORM {
        // Each field asks as Mimecast's form does: a list, a box, the certificate's text, a URL.
        let control = match field {
            Field::Provider => {
                let select: HtmlSelectElement =
                    dom::document()?.create_element("select")?.dyn_into()?;
                for name in PROVIDERS {
                    append(&select, "option", "", name)?;
                }
                Control::Choice(select)
            }
            Field::Certificate => {
                let area: HtmlTextAreaElement =
                    dom::document()?.create_element("textarea")?.dyn_into()?;
                area.set_rows(4);
                area.set_attribute("autocomplete", "off")?;
                area.set_spellcheck(false);
                Control::LongText(area)
            }
            Field::PasswordContext | Field::IntegratedContext => Control::Box(input("checkbox")?),
            _ => Control::Text(input("url")?),
        };
        let element: &HtmlElement = match &control {
            Control::Choice(select) => select,
            Control::Text(input) | Control::Box(input) => input,
            Control::LongText(area) => area,
        };
        element.set_id(id);
        if let Control::Box(_) = control {
            let label = append(&boxes, "label", "", "")?;
            label.append_child(element)?;
            label.append_with_str_1(&format!(" {}", field.label()))?;
        } else {
            let wide = matches!(control, Control::LongText(_));
            let row = append(form, "div", if wide { "field wide" } else { "field" }, "")?;
            let label = append(&row, "label", "", field.label())?;
            label.set_attribute("for", id)?;
            row.append_child(element)?;
        }
        controls.push((field, control));
    }
    form.append_child(&boxes)?;
    Ok(controls)
}

/// An input of this type that no browser fills in or spell-checks: the values are pasted.
fn input(kind: &str) -> Result<HtmlInputElement, JsValue> {
    let input: HtmlInputElement = dom::document()?.create_element("input")?.dyn_into()?;
    input.set_type(kind);
    if kind != "checkbox" {
        input.set_attribute("autocomplete", "off")?;
        input.set_spellcheck(false);
    }
    Ok(input)
}

impl CheckMode {
    fn control(&self, field: Field) -> Option<&Control> {
        self.controls
            .iter()
            .find(|(known, _)| *known == field)
            .map(|(_, control)| control)
    }

    fn text(&self, field: Field) -> Option<String> {
        self.control(field).and_then(Control::text)
    }

    fn checked(&self, field: Field) -> Option<bool> {
        self.control(field).and_then(Control::checked)
    }

    /// Every field is on the form, so an empty one is `""`, not absent.
    fn values(&self) -> FormValues {
        FormValues {
            issuer_url: self.text(Field::IssuerUrl),
            login_url: self.text(Field::LoginUrl),
            logout_url: self.text(Field::LogoutUrl),
            certificate: self.text(Field::Certificate),
            metadata_url: self.text(Field::MetadataUrl),
            provider: self.text(Field::Provider),
            password_context: self.checked(Field::PasswordContext),
            integrated_context: self.checked(Field::IntegratedContext),
        }
    }

    fn show(&self) -> Result<(), JsValue> {
        clear(&self.results);
        // The Provider always has a value; the check waits for one that was pasted.
        let typed = self.controls.iter().any(|(field, control)| {
            *field != Field::Provider && control.text().is_some_and(|v| !v.trim().is_empty())
        });
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
        render::findings(&self.results, &check(&self.values(), now))
    }
}
