//! The Entra side: from the Mimecast region and account code, the values for Entra's Basic SAML
//! Configuration, for IdP- and SP-initiated sign-in, and the SP metadata file to upload there.
//! Every value, message and the file itself come from the core (`service_provider`).

use std::cell::RefCell;
use std::rc::Rc;

use mimecast_sso::service_provider::{
    REGIONS, ServiceProvider, read_service_provider, service_provider,
};
use wasm_bindgen::JsValue;
use web_sys::{
    HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlOptionElement, HtmlSelectElement,
};

use crate::dom::{self, append, by_id, clear, on};
use crate::import::read_file_bytes;

struct EntraSide {
    region: HtmlSelectElement,
    account_code: HtmlInputElement,
    message: HtmlElement,
    values: HtmlElement,
    download: HtmlButtonElement,
    sp_file: HtmlInputElement,
    sp_file_result: HtmlElement,
    current: RefCell<Option<ServiceProvider>>,
    file_reader: RefCell<Option<gloo::file::callbacks::FileReader>>,
}

pub fn start() -> Result<(), JsValue> {
    let side = Rc::new(EntraSide {
        region: by_id("region")?,
        account_code: by_id("account-code")?,
        message: by_id("entra-message")?,
        values: by_id("entra-values")?,
        download: by_id("download-sp-metadata")?,
        sp_file: by_id("sp-metadata-file")?,
        sp_file_result: by_id("sp-metadata-read")?,
        current: RefCell::new(None),
        file_reader: RefCell::new(None),
    });
    fill_regions(&side.region)?;
    let hint: HtmlElement = by_id("region-hint")?;
    hint.set_text_content(Some(&region_hint()));

    on(&side, &side.region, "change", |side, _| {
        let _ = side.update();
    });
    on(&side, &side.account_code, "input", |side, _| {
        let _ = side.update();
    });
    on(&side, &side.download, "click", |side, _| {
        let _ = side.download_metadata();
    });
    on(&side, &side.sp_file, "change", |side, _| {
        side.read_sp_file()
    });
    side.update()
}

/// The region list comes from the core, named in words.
fn fill_regions(select: &HtmlSelectElement) -> Result<(), JsValue> {
    let placeholder = HtmlOptionElement::new_with_text_and_value("Choose a region", "")?;
    select.add_with_html_option_element(&placeholder)?;
    for region in REGIONS {
        let option = HtmlOptionElement::new_with_text_and_value(region.name, region.code)?;
        option.set_title(region.api_host);
        select.add_with_html_option_element(&option)?;
    }
    Ok(())
}

/// Where to find the account code, and which region each known start of one means.
fn region_hint() -> String {
    let prefixes: Vec<String> = REGIONS
        .iter()
        .filter_map(|r| r.account_code_prefix.map(|p| format!("{p}… {}", r.name)))
        .collect();
    format!(
        "The account code is under Account › Settings in the Mimecast console; its start tells the region ({}).",
        prefixes.join(", ")
    )
}

impl EntraSide {
    fn update(&self) -> Result<(), JsValue> {
        clear(&self.values);
        self.message.set_text_content(None);
        self.account_code.remove_attribute("aria-invalid")?;
        self.download.set_disabled(true);
        self.current.replace(None);

        let region = self.region.value();
        let typed = self.account_code.value();
        if region.is_empty() {
            self.message
                .set_text_content(Some("Choose the Mimecast region your account is in."));
            return Ok(());
        }
        if typed.trim().is_empty() {
            self.message.set_text_content(Some(
                "Type your Mimecast account code (Account > Settings in the Mimecast console).",
            ));
            return Ok(());
        }
        match service_provider(&region, &typed) {
            Ok(values) => {
                self.message
                    .set_text_content(Some(&values.warnings.join(" ")));
                self.render(&values)?;
                self.download.set_disabled(false);
                self.current.replace(Some(values));
            }
            Err(error) => {
                self.account_code.set_attribute("aria-invalid", "true")?;
                self.message.set_text_content(Some(&error.to_string()));
            }
        }
        Ok(())
    }

    fn render(&self, values: &ServiceProvider) -> Result<(), JsValue> {
        let modes = [
            (
                "idp",
                "IdP-initiated",
                "Users start from My Apps or the Mimecast tile.",
                false,
            ),
            (
                "sp",
                "SP-initiated",
                "Users start at a Mimecast sign-in page.",
                true,
            ),
        ];
        for (mode, title, hint, with_sign_on) in modes {
            let group = append(&self.values, "section", "mode", "")?;
            group.set_attribute("data-mode", mode)?;
            group.set_attribute("aria-label", title)?;
            let head = append(&group, "div", "mode-head", "")?;
            append(&head, "h4", "", title)?;
            append(&head, "p", "hint", hint)?;
            let list = append(&group, "dl", "values", "")?;
            value_row(
                &list,
                mode,
                title,
                "identifier",
                "Identifier (Entity ID)",
                &values.identifier,
            )?;
            value_row(
                &list,
                mode,
                title,
                "reply_url",
                "Reply URL (Assertion Consumer Service URL)",
                &values.reply_url,
            )?;
            if with_sign_on {
                value_row(
                    &list,
                    mode,
                    title,
                    "sign_on_url",
                    "Sign-on URL",
                    &values.sign_on_url,
                )?;
            } else {
                append(&list, "dt", "", "Sign-on URL")?;
                let empty = append(&list, "dd", "", "")?;
                append(&empty, "span", "leave-empty", "Leave empty")?;
            }
        }
        Ok(())
    }

    fn download_metadata(&self) -> Result<(), JsValue> {
        let current = self.current.borrow();
        let Some(values) = current.as_ref() else {
            return Ok(());
        };
        let file_name = format!(
            "mimecast-sp-metadata-{}-{}.xml",
            values.region,
            values.account_code.as_str()
        );
        dom::download(
            &file_name,
            "application/samlmetadata+xml",
            &values.metadata_xml,
        )
    }

    /// Reads an SP metadata file back through the core and says whether it holds these values.
    fn read_sp_file(self: &Rc<Self>) {
        let Some(file) = self.sp_file.files().and_then(|files| files.get(0)) else {
            return;
        };
        let side = self.clone();
        let reader = read_file_bytes(&file, move |bytes| {
            let _ = side.show_sp_file(bytes);
        });
        self.file_reader.replace(Some(reader));
    }

    fn show_sp_file(&self, bytes: Result<Vec<u8>, String>) -> Result<(), JsValue> {
        clear(&self.sp_file_result);
        let read = match bytes {
            Ok(bytes) => read_service_provider(&bytes).map_err(|e| e.to_string()),
            Err(message) => Err(message),
        };
        match read {
            Ok(read) => {
                let list = append(&self.sp_file_result, "dl", "values", "")?;
                value_row(
                    &list,
                    "file",
                    "in the file",
                    "identifier",
                    "Identifier (Entity ID)",
                    &read.identifier,
                )?;
                value_row(
                    &list,
                    "file",
                    "in the file",
                    "reply_url",
                    "Reply URL",
                    &read.reply_url,
                )?;
                let verdict = match self.current.borrow().as_ref() {
                    Some(current)
                        if current.identifier == read.identifier
                            && current.reply_url == read.reply_url =>
                    {
                        "The file holds the same Identifier and Reply URL as above."
                    }
                    Some(_) => {
                        "The file holds other values than the ones above: check the region and account code."
                    }
                    None => "Choose the region and type the account code above to compare.",
                };
                let note = append(&self.sp_file_result, "p", "verdict", verdict)?;
                note.set_attribute("role", "status")?;
            }
            Err(message) => {
                let note = append(&self.sp_file_result, "p", "error-text", &message)?;
                note.set_attribute("role", "alert")?;
            }
        }
        Ok(())
    }
}

/// One labelled value with its copy button; `data-field` and `data-mode` name it for the tests.
fn value_row(
    list: &HtmlElement,
    mode: &str,
    mode_title: &str,
    field: &str,
    label: &str,
    value: &str,
) -> Result<(), JsValue> {
    append(list, "dt", "", label)?;
    let cell = append(list, "dd", "", "")?;
    let text = append(&cell, "code", "value", value)?;
    text.set_attribute("data-field", field)?;
    text.set_attribute("data-mode", mode)?;
    let short = label.split(" (").next().unwrap_or(label);
    let copy = dom::copy_button(&format!("{short}, {mode_title}"), value)?;
    cell.append_child(&copy)?;
    Ok(())
}
