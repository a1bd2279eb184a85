//! SSO Autofill for Mimecast: the core.
//!
//! Takes anything Microsoft Entra ID hands an admin — federation metadata (one entity or an
//! aggregate), certificates as PEM, base64 or DER — and returns the values for Mimecast's SAML
//! Authentication Profile form, with findings from rules that have stable codes.
//!
//! The core is pure: no DOM, no clock (`now` is always an argument), no network, and it aims to
//! be panic-free on any input. The CLI (`src/main.rs`) and the wasm bindings
//! (`src/bindings.rs`) are thin adapters over it.

pub mod certificate;
pub mod datetime;
mod der;
pub mod entra;
pub mod error;
pub mod input;
pub mod inspect;
pub mod metadata;
pub mod metadata_url;
pub mod pem;
pub mod rules;
pub mod service_provider;
pub mod setup_block;
pub mod text;
pub mod url;

#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
#[doc(hidden)]
pub mod bindings;

pub use certificate::{Certificate, EntraKind, Validity, ValidityStatus};
pub use error::InputError;
pub use input::{TextKind, classify};
pub use inspect::{EntraDocument, InputKind, InspectOptions, Inspection, MimecastValues, inspect};
pub use metadata::Endpoint;
pub use rules::{Code, Field, Finding, FormValues, Severity, check};
