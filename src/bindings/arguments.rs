//! The functions' arguments, read from plain JavaScript objects field by field.
//!
//! Read here with `Reflect` rather than deserialized by serde-wasm-bindgen: serde's
//! deserializers link its error machinery, which formats floating-point numbers ("invalid type:
//! floating point `1.5`"): 8.6 KB of the core's gzipped wasm, of a 180 KB budget. The shapes are
//! few and flat, and the rules serde applied are kept: absent and `null` are the same, a text
//! field takes only a string, a box only `true` or `false`, and the form's values name only
//! the form's fields. The results go out through serde-wasm-bindgen as before.

use crate::InputKind;
use crate::inspect::MimecastValues;
use crate::rules::FormValues;
use crate::sections::Section;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Why an argument is refused: one sentence, naming what and which field.
pub struct Refused(pub String);

/// `now` as JavaScript gives it: an RFC 3339 string or epoch milliseconds.
pub enum Now {
    Text(String),
    Millis(f64),
}

/// One object argument: "the {what} are not understood" when a field is not as declared.
pub struct Fields {
    object: JsValue,
    what: &'static str,
}

impl Fields {
    /// `value` as an object (not `null`, not an array).
    pub fn of(value: &JsValue, what: &'static str) -> Result<Fields, Refused> {
        if !value.is_object() || Array::is_array(value) {
            return Err(Refused(format!(
                "The {what} are not understood: they must be an object."
            )));
        }
        Ok(Fields {
            object: value.clone(),
            what,
        })
    }

    /// Refuses a field not in `names`.
    pub fn only(self, names: &[&str]) -> Result<Fields, Refused> {
        let object: &Object = self.object.unchecked_ref();
        for key in Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !names.contains(&key.as_str()) {
                return Err(self.refused(&key, "is not one of its fields"));
            }
        }
        Ok(self)
    }

    fn refused(&self, name: &str, problem: &str) -> Refused {
        Refused(format!(
            "The {} are not understood: `{name}` {problem}.",
            self.what
        ))
    }

    /// The field's value; `None` when it is absent or `null`.
    pub fn value(&self, name: &str) -> Option<JsValue> {
        Reflect::get(&self.object, &JsValue::from_str(name))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }

    /// The field read by `read`; `problem` when it is there but `read` refuses it.
    fn typed<T>(
        &self,
        name: &str,
        read: fn(&JsValue) -> Option<T>,
        problem: &str,
    ) -> Result<Option<T>, Refused> {
        self.value(name)
            .map(|value| read(&value).ok_or_else(|| self.refused(name, problem)))
            .transpose()
    }

    pub fn text(&self, name: &str) -> Result<Option<String>, Refused> {
        self.typed(name, JsValue::as_string, "must be text")
    }

    /// The field's value; refused when it is absent or `null`.
    pub fn required(&self, name: &str) -> Result<JsValue, Refused> {
        self.value(name)
            .ok_or_else(|| self.refused(name, "is missing"))
    }

    pub fn required_text(&self, name: &str) -> Result<String, Refused> {
        self.text(name)?
            .ok_or_else(|| self.refused(name, "is missing"))
    }

    pub fn flag(&self, name: &str) -> Result<Option<bool>, Refused> {
        self.typed(name, JsValue::as_bool, "must be true or false")
    }

    /// `now`: an RFC 3339 string or epoch milliseconds; required.
    pub fn now(&self) -> Result<Now, Refused> {
        let value = self.required("now")?;
        if let Some(text) = value.as_string() {
            return Ok(Now::Text(text));
        }
        value
            .as_f64()
            .map(Now::Millis)
            .ok_or_else(|| self.refused("now", "must be an RFC 3339 time or epoch milliseconds"))
    }
}

/// The form's values (`FormValues`): only its own fields.
pub fn form_values(value: &JsValue, what: &'static str) -> Result<FormValues, Refused> {
    let fields = Fields::of(value, what)?.only(&[
        "issuer_url",
        "login_url",
        "logout_url",
        "certificate",
        "metadata_url",
        "provider",
        "password_context",
        "integrated_context",
    ])?;
    let MimecastValues {
        issuer_url,
        login_url,
        logout_url,
        certificate,
        metadata_url,
    } = text_values(&fields)?;
    Ok(FormValues {
        issuer_url,
        login_url,
        logout_url,
        certificate,
        metadata_url,
        provider: fields.text("provider")?,
        password_context: fields.flag("password_context")?,
        integrated_context: fields.flag("integrated_context")?,
    })
}

/// An inspection's `mimecast` values.
fn mimecast_values(value: &JsValue, what: &'static str) -> Result<MimecastValues, Refused> {
    text_values(&Fields::of(value, what)?)
}

/// The values of the form's text fields that Fill writes.
fn text_values(fields: &Fields) -> Result<MimecastValues, Refused> {
    Ok(MimecastValues {
        issuer_url: fields.text("issuer_url")?,
        login_url: fields.text("login_url")?,
        logout_url: fields.text("logout_url")?,
        certificate: fields.text("certificate")?,
        metadata_url: fields.text("metadata_url")?,
    })
}

/// What `fillPlan` reads of an inspection: its `input_kind` and its `mimecast` values.
pub fn plan_inputs(value: &JsValue) -> Result<(InputKind, MimecastValues), Refused> {
    let inspection = Fields::of(value, "inspection")?;
    let input_kind = InputKind::from_name(&inspection.required_text("input_kind")?)
        .ok_or_else(|| inspection.refused("input_kind", "is not a kind of input"))?;
    let mimecast = inspection.required("mimecast")?;
    Ok((
        input_kind,
        mimecast_values(&mimecast, "inspection's mimecast values")?,
    ))
}

/// A profile's SAML sections: `[{name, values?}]`.
pub fn sections(value: &JsValue) -> Result<Vec<Section>, Refused> {
    if !Array::is_array(value) {
        return Err(Refused(
            "The sections are not understood: they must be a list.".to_string(),
        ));
    }
    Array::from(value)
        .iter()
        .map(|section| {
            let fields = Fields::of(&section, "sections")?;
            Ok(Section {
                name: fields.required_text("name")?,
                values: match fields.value("values") {
                    Some(values) => form_values(&values, "sections' values")?,
                    None => FormValues::default(),
                },
            })
        })
        .collect()
}
