//! SSO Autofill for Mimecast: the core.
//!
//! Takes anything Microsoft Entra ID hands an admin — federation metadata (one entity or an
//! aggregate), certificates as PEM, base64 or DER — and returns the values for Mimecast's SAML
//! Authentication Profile form, with findings from rules that have stable codes.
//!
//! The core is pure: no DOM, no clock (`now` is always an argument), no network, and it aims to
//! be panic-free on any input. The CLI (`src/main.rs`) and the wasm bindings
//! (`src/bindings.rs`) are thin adapters over it.

pub mod aadsts;
pub mod authn_request;
pub mod c14n;
pub mod certificate;
pub mod certificate_der;
pub mod datetime;
mod der;
pub mod entra;
pub mod error;
pub mod fill_plan;
pub mod form_labels;
pub mod hex;
pub mod input;
pub mod inspect;
pub mod metadata;
pub mod metadata_signature;
pub mod metadata_url;
pub mod observation;
pub mod oid;
pub mod pem;
pub mod provider;
pub mod response_check;
pub mod response_error;
pub mod rfc2253;
pub mod rsa_verify;
pub mod rules;
pub mod saml_input;
pub mod saml_response;
pub mod sections;
pub mod service_provider;
pub mod setup_block;
pub mod text;
pub mod url;
mod xml_reader;
pub mod xml_signature;
pub mod xml_tree;

#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
#[doc(hidden)]
pub mod bindings;

pub use certificate::{Certificate, EntraKind, Validity, ValidityStatus};
pub use error::InputError;
pub use fill_plan::FillPlan;
pub use input::{InputKind, classify};
pub use inspect::{EntraDocument, InspectOptions, Inspection, MimecastValues, inspect};
pub use metadata::Endpoint;
pub use response_check::{ResponseOptions, ResponseReport, check_response};
pub use response_error::ResponseError;
pub use rules::{Code, Field, Finding, FormValues, Severity, check};
