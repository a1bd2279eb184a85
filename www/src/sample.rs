//! The Entra sample the page shows at `#sample` (what `make run` opens): an app's Federation
//! Metadata XML as Entra serves it, with its byte order mark and CRLF line ends.

/// Entra app metadata (tenant a15b04fc…, "Microsoft Azure Federated SSO Certificate"): the
/// product's sample, with its provenance in assets/PROVENANCE.md.
pub const ENTRA_APP_METADATA: &str = include_str!("../../assets/entra-app-federation-metadata.xml");

/// The fragment that asks for the sample.
pub const FRAGMENT: &str = "#sample";
