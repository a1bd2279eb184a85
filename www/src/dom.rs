//! Small DOM helpers: finding the page's elements, building new ones, copying, downloading.
//!
//! The page's static structure is in index.html; these helpers fill it in. A missing element
//! is a bug in index.html, reported once as an error from `start`, never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, Window};

/// How long typing pauses before the page reads what was typed.
const TYPING_PAUSE_MS: u32 = 250;

pub fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// The element with this id, as the type index.html gives it.
pub fn by_id<T: JsCast>(id: &str) -> Result<T, JsValue> {
    document()?
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("index.html has no #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the element type the page expects")))
}

/// A new element with an optional class and text.
pub fn element(tag: &str, class: &str, text: &str) -> Result<HtmlElement, JsValue> {
    let created = document()?.create_element(tag)?.dyn_into::<HtmlElement>()?;
    if !class.is_empty() {
        created.set_class_name(class);
    }
    if !text.is_empty() {
        created.set_text_content(Some(text));
    }
    Ok(created)
}

/// Appends a new element to `parent` and returns it.
pub fn append(
    parent: &Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<HtmlElement, JsValue> {
    let child = element(tag, class, text)?;
    parent.append_child(&child)?;
    Ok(child)
}

/// Removes every child of `parent`.
pub fn clear(parent: &Element) {
    parent.set_text_content(None);
}

/// Shows or hides an element with the `hidden` attribute (so assistive technology skips it too).
pub fn show(target: &HtmlElement, visible: bool) {
    target.set_hidden(!visible);
}

/// Keeps an event listener for the life of the page.
pub fn keep(listener: EventListener) {
    listener.forget();
}

/// Runs `action` on a part of the page each time `target` fires `event`, for the life of the page.
pub fn on<T: 'static>(
    part: &Rc<T>,
    target: &EventTarget,
    event: &'static str,
    action: impl Fn(&Rc<T>, &Event) + 'static,
) {
    let part = part.clone();
    keep(EventListener::new(target, event, move |e| action(&part, e)));
}

/// Waits for typing to pause before acting: each new wait cancels the one before.
#[derive(Default)]
pub struct Pause(RefCell<Option<Timeout>>);

impl Pause {
    /// Runs `action` once typing has paused, unless typing starts again first.
    pub fn then(&self, action: impl FnOnce() + 'static) {
        // Replacing the previous timeout drops it, which cancels it.
        self.0.replace(Some(Timeout::new(TYPING_PAUSE_MS, action)));
    }

    /// Drops the wait, if any, for a caller that acts at once instead.
    pub fn cancel(&self) {
        self.0.replace(None);
    }
}

/// Logs a failure to fill in the page: a bug in the page, not something the admin can act on.
pub fn log_error(result: Result<(), JsValue>) {
    if let Err(error) = result {
        web_sys::console::error_1(&error);
    }
}

/// Now, in milliseconds since the epoch: the core never reads a clock.
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}

/// A button that copies `value` to the clipboard; its accessible name says what it copies.
pub fn copy_button(what: &str, value: &str) -> Result<HtmlElement, JsValue> {
    let button = element("button", "copy", "Copy")?;
    button.set_attribute("type", "button")?;
    button.set_attribute("aria-label", &format!("Copy {what}"))?;
    button.set_attribute("data-copy", value)?;
    let value = value.to_owned();
    let target = button.clone();
    keep(EventListener::new(&button, "click", move |_| {
        let copied = copy_text(&value);
        target.set_text_content(Some(if copied { "Copied" } else { "Select and copy" }));
        let reset = target.clone();
        Timeout::new(1600, move || {
            reset.set_text_content(Some("Copy"));
        })
        .forget();
    }));
    Ok(button)
}

/// Copies text: the asynchronous Clipboard API where the page is a secure context (https,
/// localhost), else the older selection-based command, which works from plain http too.
pub fn copy_text(text: &str) -> bool {
    let Ok(window) = window() else { return false };
    if window.is_secure_context() {
        // The promise is left to settle on its own: both paths give the same feedback.
        let _ = window.navigator().clipboard().write_text(text);
        return true;
    }
    copy_by_selection(text).unwrap_or(false)
}

fn copy_by_selection(text: &str) -> Result<bool, JsValue> {
    let document = document()?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let scratch = document
        .create_element("textarea")?
        .dyn_into::<web_sys::HtmlTextAreaElement>()?;
    scratch.set_value(text);
    scratch.set_attribute("readonly", "")?;
    scratch.set_class_name("offscreen");
    body.append_child(&scratch)?;
    scratch.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .map(|html| html.exec_command("copy").unwrap_or(false))
        .unwrap_or(false);
    scratch.remove();
    Ok(copied)
}

/// Offers `text` as a file download, as a link click would.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link = document()?
        .create_element("a")?
        .dyn_into::<web_sys::HtmlAnchorElement>()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoked later, not now: some browsers start the download after the click returns.
    Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
