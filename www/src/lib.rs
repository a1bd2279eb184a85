//! The offline web page: the core compiled to wasm, with its DOM glue in Rust.
//!
//! index.html holds the page's structure; each module here fills in one part of it from the
//! core's answers, and the labels of Mimecast's fields are the core's. The page makes no request of its own after loading: everything is
//! computed here, in the browser.

mod check_mode;
mod dom;
mod entra_side;
mod import;
mod render;
mod sample;
mod test_sso;

use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Runs once the module is instantiated: wires up the three parts of the page.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    // Outside a page (the build's instantiation check in Node) there is nothing to wire up.
    if web_sys::window().and_then(|w| w.document()).is_none() {
        return Ok(());
    }
    let import = import::start()?;
    entra_side::start()?;
    check_mode::start()?;
    test_sso::start()?;

    load_sample_if_asked(&import)?;
    let window = dom::window()?;
    dom::on(&import, &window, "hashchange", |import, _| {
        let _ = load_sample_if_asked(import);
    });

    // Tests and scripts wait for this before driving the page.
    dom::document()?
        .document_element()
        .ok_or_else(|| JsValue::from_str("no root element"))?
        .set_attribute("data-ready", "")?;
    Ok(())
}

/// `#sample` loads the embedded Entra sample into the import box.
fn load_sample_if_asked(import: &Rc<import::Import>) -> Result<(), JsValue> {
    if dom::window()?.location().hash()? == sample::FRAGMENT {
        import.load_text(sample::ENTRA_APP_METADATA);
    }
    Ok(())
}

/// The crate version, as the core's bindings export theirs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
