//! The Entra sample the page shows at `#sample` (what `make run` opens): an app's Federation
//! Metadata XML as Entra serves it, with its byte order mark and CRLF line ends.

/// Entra app metadata (tenant a15b04fc…, "Microsoft Azure Federated SSO Certificate") from the
/// reference corpus; its provenance is in tests/fixtures/corpus/PROVENANCE.md.
pub const ENTRA_APP_METADATA: &str =
    include_str!("../../tests/fixtures/corpus/metadata/azure-app-mathivanan-bom-crlf.xml");

/// The fragment that asks for the sample.
pub const FRAGMENT: &str = "#sample";
