//! Quick import: a dropped or picked file, or pasted text, through the core's `inspect`, and the
//! result on the page. A pasted metadata URL cannot be fetched from this offline page: the admin
//! is told how to get the file, and still sees what the core says of the URL itself.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use mimecast_sso::datetime::from_unix_millis;
use mimecast_sso::{Field, InputError, InputKind, InspectOptions, Inspection, classify};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    DragEvent, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use crate::dom::{self, Pause, append, by_id, clear, keep, log_error, on, show};
use crate::render;

/// What was last handed over, kept so that choosing a certificate can inspect it again.
#[derive(Clone)]
enum Source {
    Text(String),
    File { name: String, bytes: Vec<u8> },
}

pub struct Import {
    textbox: HtmlTextAreaElement,
    inspect_button: HtmlButtonElement,
    file_input: HtmlInputElement,
    drop_zone: HtmlElement,
    status: HtmlElement,
    results: HtmlElement,
    source: RefCell<Option<Source>>,
    /// The identity providers of the last input, when it holds several, and the one chosen.
    providers: RefCell<Vec<String>>,
    chosen_provider: RefCell<Option<String>>,
    file_reader: RefCell<Option<FileReader>>,
    typing: Pause,
}

pub fn start() -> Result<Rc<Import>, JsValue> {
    let import = Rc::new(Import {
        textbox: by_id("import-text")?,
        inspect_button: by_id("inspect")?,
        file_input: by_id("import-file")?,
        drop_zone: by_id("import")?,
        status: by_id("import-status")?,
        results: by_id("import-results")?,
        source: RefCell::new(None),
        providers: RefCell::new(Vec::new()),
        chosen_provider: RefCell::new(None),
        file_reader: RefCell::new(None),
        typing: Pause::default(),
    });

    on(&import, &import.textbox, "input", |import, _| {
        import.typed()
    });
    on(&import, &import.inspect_button, "click", |import, _| {
        import.inspect_text()
    });
    on(&import, &import.file_input, "change", |import, _| {
        if let Some(file) = import.file_input.files().and_then(|files| files.get(0)) {
            import.read_file(file);
        }
    });

    // A file dropped anywhere on the page is imported, rather than opened in place of the page.
    let window = dom::window()?;
    for event in ["dragenter", "dragover"] {
        let import = import.clone();
        keep(EventListener::new_with_options(
            &window,
            event,
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                e.prevent_default();
                let _ = import.drop_zone.class_list().add_1("dropping");
            },
        ));
    }
    for event in ["dragleave", "dragend"] {
        let import = import.clone();
        keep(EventListener::new(&window, event, move |_| {
            let _ = import.drop_zone.class_list().remove_1("dropping");
        }));
    }
    {
        let import = import.clone();
        keep(EventListener::new_with_options(
            &window,
            "drop",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                e.prevent_default();
                let _ = import.drop_zone.class_list().remove_1("dropping");
                if let Some(drag) = e.dyn_ref::<DragEvent>() {
                    import.dropped(drag);
                }
            },
        ));
    }
    Ok(import)
}

impl Import {
    /// Puts text in the box and inspects it, as a paste would (the embedded sample).
    pub fn load_text(self: &Rc<Self>, text: &str) {
        self.textbox.set_value(text);
        self.inspect_text();
    }

    /// Typing or pasting: inspect once the text stops changing for a moment.
    fn typed(self: &Rc<Self>) {
        let import = self.clone();
        self.typing.then(move || import.inspect_text());
    }

    fn inspect_text(self: &Rc<Self>) {
        self.typing.cancel();
        let text = self.textbox.value();
        if text.trim().is_empty() {
            self.source.replace(None);
            self.clear_results();
            return;
        }
        match classify(&text) {
            InputKind::MetadataUrl => self.show_metadata_url(&text),
            InputKind::PrivateKey => {
                // Refused, and not left on the page either.
                self.textbox.set_value("");
                self.source.replace(None);
                let _ = self.show_error(&InputError::PrivateKeyRefused);
            }
            _ => {
                self.new_source(Source::Text(text));
                self.inspect_source(None);
            }
        }
    }

    fn dropped(self: &Rc<Self>, drag: &DragEvent) {
        let Some(transfer) = drag.data_transfer() else {
            return;
        };
        if let Some(file) = transfer.files().and_then(|files| files.get(0)) {
            self.read_file(file);
        } else if let Ok(text) = transfer.get_data("text/plain")
            && !text.trim().is_empty()
        {
            self.load_text(&text);
        }
    }

    fn read_file(self: &Rc<Self>, file: web_sys::File) {
        let name = file.name();
        let import = self.clone();
        let reader = read_file_bytes(&file, move |read| match read {
            Ok(bytes) => {
                // The box would show something other than what was inspected: empty it.
                import.textbox.set_value("");
                import.new_source(Source::File { name, bytes });
                import.inspect_source(None);
            }
            Err(message) => {
                import.clear_results();
                import.status.set_text_content(Some(&message));
            }
        });
        self.file_reader.replace(Some(reader));
        // Picking the same file again must fire `change` again.
        self.file_input.set_value("");
    }

    /// Another input: no identity provider chosen yet.
    fn new_source(&self, source: Source) {
        self.source.replace(Some(source));
        self.providers.replace(Vec::new());
        self.chosen_provider.replace(None);
    }

    /// Inspects what was handed over, with the identity provider and the signing certificate
    /// the admin chose, if any.
    fn inspect_source(self: &Rc<Self>, chosen_sha1: Option<String>) {
        let Some(source) = self.source.borrow().clone() else {
            return;
        };
        let now = match from_unix_millis(dom::now_millis()) {
            Ok(now) => now,
            Err(error) => {
                let _ = self.show_error(&error);
                return;
            }
        };
        let mut options = InspectOptions::at(now);
        options.certificate = chosen_sha1;
        options.entity_id = self.chosen_provider.borrow().clone();
        let bytes = match &source {
            Source::Text(text) => text.as_bytes(),
            Source::File { bytes, .. } => bytes.as_slice(),
        };
        let result = mimecast_sso::inspect(bytes, &options);
        let shown = match result {
            Ok(inspection) => self.show_inspection(&source, &inspection),
            Err(InputError::SeveralIdentityProviders {
                count, entity_ids, ..
            }) => {
                self.providers.replace(entity_ids);
                self.show_provider_choice(count)
            }
            Err(error) => self.show_error(&error),
        };
        log_error(shown);
    }

    fn clear_results(&self) {
        self.status.set_text_content(None);
        clear(&self.results);
        show(&self.results, false);
    }

    fn show_error(&self, error: &InputError) -> Result<(), JsValue> {
        self.clear_results();
        // The core says what is wrong; the page adds how to act here.
        let message = match error {
            InputError::Empty => "The input is empty: paste or drop Entra's Federation Metadata XML, its metadata URL or its certificate.".to_string(),
            error => error.to_string(),
        };
        self.status.set_text_content(Some(&message));
        self.status.set_attribute("data-error", error.code())?;
        Ok(())
    }

    /// Several identity providers and none chosen: the page's way to choose, and nothing else.
    fn show_provider_choice(self: &Rc<Self>, count: usize) -> Result<(), JsValue> {
        self.clear_results();
        self.status.set_text_content(Some(&format!(
            "This metadata holds {count} identity providers: choose one in the Identity provider list."
        )));
        self.status
            .set_attribute("data-error", "several-identity-providers")?;
        self.provider_choice(&self.results)?;
        show(&self.results, true);
        Ok(())
    }

    /// A select named "Identity provider" listing every identity provider of the input;
    /// choosing one inspects again with it.
    fn provider_choice(self: &Rc<Self>, parent: &HtmlElement) -> Result<(), JsValue> {
        let providers = self.providers.borrow();
        let part = append(parent, "div", "provider-choice result-part", "")?;
        let label = append(&part, "label", "", "Identity provider")?;
        label.set_attribute("for", "identity-provider")?;
        let select = dom::document()?
            .create_element("select")?
            .dyn_into::<HtmlSelectElement>()?;
        select.set_id("identity-provider");
        let chosen = self.chosen_provider.borrow().clone();
        if chosen.is_none() {
            let placeholder = append(&select, "option", "", "Choose an identity provider")?;
            placeholder.set_attribute("value", "")?;
        }
        for entity_id in providers.iter() {
            let option = append(&select, "option", "", entity_id)?
                .dyn_into::<web_sys::HtmlOptionElement>()?;
            option.set_value(entity_id);
            option.set_selected(chosen.as_deref() == Some(entity_id.as_str()));
        }
        part.append_child(&select)?;
        let import = self.clone();
        let target = select.clone();
        keep(EventListener::new(&select, "change", move |_| {
            let value = target.value();
            if value.is_empty() {
                return;
            }
            import.chosen_provider.replace(Some(value));
            import.inspect_source(None);
            if let Ok(again) = dom::by_id::<HtmlElement>("identity-provider") {
                let _ = again.focus();
            }
        }));
        Ok(())
    }

    fn show_metadata_url(self: &Rc<Self>, text: &str) {
        self.source.replace(None);
        self.clear_results();
        let read = match mimecast_sso::metadata_url::read(text) {
            Ok(read) => read,
            Err(error) => {
                let _ = self.show_error(&error);
                return;
            }
        };
        self.status.set_text_content(Some(
            "This page works offline and cannot fetch that URL: open it in your browser, save the XML it shows, and drop the file here.",
        ));
        let _ = self.status.remove_attribute("data-error");
        let shown = (|| -> Result<(), JsValue> {
            append(&self.results, "h3", "", "What the URL itself says")?;
            let list = append(&self.results, "dl", "values", "")?;
            render::value_row(
                &list,
                "metadata_url",
                Field::MetadataUrl.label(),
                Some(&read.url),
                "",
            )?;
            render::findings(&self.results, &read.findings)?;
            show(&self.results, true);
            Ok(())
        })();
        log_error(shown);
    }

    fn show_inspection(
        self: &Rc<Self>,
        source: &Source,
        inspection: &Inspection,
    ) -> Result<(), JsValue> {
        self.clear_results();
        let _ = self.status.remove_attribute("data-error");
        let what = inspection.input_kind.noun();
        let from = match source {
            Source::Text(_) => "the pasted text".to_owned(),
            Source::File { name, .. } => format!("the file {name}"),
        };
        self.status
            .set_text_content(Some(&format!("Read {what} from {from}.")));

        let results = &self.results;
        if self.providers.borrow().len() > 1 {
            self.provider_choice(results)?;
        }
        let form = append(results, "section", "result-part", "")?;
        form.set_attribute("aria-labelledby", "for-mimecast")?;
        append(&form, "h3", "", "For the Mimecast form")?.set_id("for-mimecast");
        let list = append(&form, "dl", "values mimecast-values", "")?;
        let values = &inspection.mimecast;
        let absent = match inspection.input_kind {
            InputKind::Metadata => "Not in this metadata",
            InputKind::Certificate => "Not in a certificate: use the metadata",
            InputKind::EntraSetup => "Not in the Set up block: use the metadata",
            // An inspection is of metadata, certificates or the Set up block only.
            InputKind::MetadataUrl | InputKind::PrivateKey | InputKind::Text => "Not in this input",
        };
        let label = |field: &'static str| inspection.labels.get(field).unwrap_or(field);
        for (field, value) in [
            ("issuer_url", &values.issuer_url),
            ("login_url", &values.login_url),
            ("logout_url", &values.logout_url),
        ] {
            render::value_row(&list, field, label(field), value.as_deref(), absent)?;
        }
        render::value_row(
            &list,
            "certificate",
            label("certificate"),
            values.certificate.as_deref(),
            "No usable signing certificate",
        )?;

        if inspection.signing_certificates.len() > 1 {
            self.certificate_choice(results, inspection)?;
        }
        if let Some(chosen) = inspection
            .chosen_certificate
            .and_then(|i| inspection.signing_certificates.get(i))
        {
            let part = append(results, "section", "result-part", "")?;
            part.set_attribute("aria-labelledby", "certificate-heading")?;
            append(&part, "h3", "", "The certificate")?.set_id("certificate-heading");
            render::certificate_details(&part, chosen)?;
        }

        let part = append(results, "section", "result-part", "")?;
        part.set_attribute("aria-labelledby", "findings-heading")?;
        append(&part, "h3", "", "Findings")?.set_id("findings-heading");
        render::findings(&part, &inspection.findings)?;
        show(results, true);
        Ok(())
    }

    /// One radio button per signing certificate; choosing one inspects again with it.
    fn certificate_choice(
        self: &Rc<Self>,
        parent: &HtmlElement,
        inspection: &Inspection,
    ) -> Result<(), JsValue> {
        let fieldset = append(parent, "fieldset", "certificate-choice result-part", "")?;
        append(
            &fieldset,
            "legend",
            "",
            &format!(
                "This metadata lists {} signing certificates: choose the one Entra shows as Active",
                inspection.signing_certificates.len()
            ),
        )?;
        for (index, certificate) in inspection.signing_certificates.iter().enumerate() {
            let option = append(&fieldset, "label", "choice", "")?;
            let radio = dom::document()?
                .create_element("input")?
                .dyn_into::<HtmlInputElement>()?;
            radio.set_type("radio");
            radio.set_name("signing-certificate");
            radio.set_value(&certificate.sha1);
            radio.set_checked(inspection.chosen_certificate == Some(index));
            option.append_child(&radio)?;
            let text = append(&option, "span", "choice-text", "")?;
            let mut title = certificate.subject.clone();
            if inspection.suggested_certificate == Some(index) {
                title.push_str(" (suggested)");
            }
            append(&text, "strong", "", &title)?;
            append(
                &text,
                "span",
                "choice-detail",
                &format!(
                    "Thumbprint {} · {} to {} · {}",
                    certificate.sha1,
                    certificate.validity.from,
                    certificate.validity.until,
                    certificate.validity.sentence
                ),
            )?;
            let import = self.clone();
            let sha1 = certificate.sha1.clone();
            keep(EventListener::new(&radio, "change", move |_| {
                import.inspect_source(Some(sha1.clone()));
                // The list is rebuilt: keep the keyboard on the chosen option.
                if let Ok(again) = dom::document().and_then(|d| {
                    d.query_selector(&format!(
                        "input[name=signing-certificate][value=\"{sha1}\"]"
                    ))
                }) && let Some(again) = again.and_then(|e| e.dyn_into::<HtmlElement>().ok())
                {
                    let _ = again.focus();
                }
            }));
        }
        Ok(())
    }
}

/// Reads a picked or dropped file as bytes; the returned reader must be kept until it calls back.
pub fn read_file_bytes(
    file: &web_sys::File,
    done: impl FnOnce(Result<Vec<u8>, String>) + 'static,
) -> FileReader {
    let file = gloo::file::File::from(file.clone());
    let name = file.name();
    gloo::file::callbacks::read_as_bytes(&file, move |read| {
        done(read.map_err(|error| {
            format!("The file {name} could not be read ({error}): save it again and retry.")
        }))
    })
}
