//! The TypeScript declarations in src/bindings.rs against what the core really serializes: every
//! value the bindings return, for real inputs (the corpus, certificates, Entra's Set-up block,
//! SAML responses), must have exactly the keys and value types its interface declares. The
//! extension type-checks against these declarations (`tsc` in `make lint`), so a field added,
//! renamed or made nullable in Rust without them fails here.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{corpus, corpus_names, options};
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::observation::{ObserveOptions, observe};
use mimecast_sso::response_check::{ResponseOptions, check_response};
use mimecast_sso::{FormValues, check, classify, fill_plan, inspect, metadata_url};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// `export interface Name { field: Type; other?: Type }` and `export type Name = Type;`.
struct Declarations {
    interfaces: BTreeMap<String, Vec<(String, bool, String)>>,
    aliases: BTreeMap<String, String>,
}

fn declarations() -> Declarations {
    let source =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/bindings.rs"))
            .unwrap();
    let start = source.find("const TYPES: &'static str = r#\"").unwrap();
    let text = &source[start..];
    let text = &text[text.find('\n').unwrap()..text.find("\"#;").unwrap()];
    let mut interfaces = BTreeMap::new();
    let mut aliases = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("export type ") {
            let (name, body) = rest.split_once(" = ").unwrap();
            aliases.insert(name.to_string(), body.trim_end_matches(';').to_string());
        } else if let Some(rest) = line.strip_prefix("export interface ") {
            let (name, body) = rest.split_once(" {").unwrap();
            if name.contains(" extends ") {
                continue; // CoreError: thrown, not serialized
            }
            let body = body.trim().trim_end_matches('}').trim();
            let fields = body
                .split("; ")
                .map(|field| {
                    let (key, ty) = field.split_once(": ").unwrap();
                    let optional = key.ends_with('?');
                    (
                        key.trim_end_matches('?').to_string(),
                        optional,
                        ty.to_string(),
                    )
                })
                .collect();
            interfaces.insert(name.to_string(), fields);
        }
    }
    Declarations {
        interfaces,
        aliases,
    }
}

/// Splits `A | B<C | D> | "e | f"` at its top-level bars.
fn alternatives(ty: &str) -> Vec<&str> {
    let (mut depth, mut quoted, mut start, mut parts) = (0, false, 0, Vec::new());
    for (index, c) in ty.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => depth += 1,
            '>' if !quoted => depth -= 1,
            '|' if !quoted && depth == 0 => {
                parts.push(ty[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(ty[start..].trim());
    parts
}

impl Declarations {
    /// Why `value` is not a `ty`, if it is not; records each declaration it meets in `seen`.
    fn mismatch(
        &self,
        value: &Value,
        ty: &str,
        at: &str,
        seen: &mut BTreeSet<String>,
    ) -> Option<String> {
        let options = alternatives(ty);
        if options.len() > 1 {
            let misses: Vec<String> = options
                .iter()
                .filter_map(|option| self.mismatch(value, option, at, seen))
                .collect();
            return (misses.len() == options.len()).then(|| misses.join("; "));
        }
        let wrong = || Some(format!("{at}: {value} is not {ty}"));
        match ty {
            "string" => return (!value.is_string()).then(wrong).flatten(),
            "number" => return (!value.is_number()).then(wrong).flatten(),
            "boolean" => return (!value.is_boolean()).then(wrong).flatten(),
            "null" => return (!value.is_null()).then(wrong).flatten(),
            _ => {}
        }
        if let Some(literal) = ty.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            return (value.as_str() != Some(literal)).then(wrong).flatten();
        }
        if let Some(item) = ty.strip_suffix("[]") {
            let Some(items) = value.as_array() else {
                return wrong();
            };
            return items
                .iter()
                .enumerate()
                .find_map(|(index, v)| self.mismatch(v, item, &format!("{at}[{index}]"), seen));
        }
        if let Some(item) = ty
            .strip_prefix("Record<string, ")
            .and_then(|t| t.strip_suffix('>'))
        {
            let Some(map) = value.as_object() else {
                return wrong();
            };
            return map
                .iter()
                .find_map(|(key, v)| self.mismatch(v, item, &format!("{at}.{key}"), seen));
        }
        if let Some(alias) = self.aliases.get(ty) {
            seen.insert(ty.to_string());
            return self.mismatch(value, alias, at, seen);
        }
        let Some(fields) = self.interfaces.get(ty) else {
            return Some(format!("{at}: {ty} is not declared"));
        };
        seen.insert(ty.to_string());
        let Some(object) = value.as_object() else {
            return wrong();
        };
        for key in object.keys() {
            if !fields.iter().any(|(name, _, _)| name == key) {
                return Some(format!("{at}: {ty} does not declare `{key}`"));
            }
        }
        fields
            .iter()
            .find_map(|(name, optional, field_ty)| match object.get(name) {
                None if *optional => None,
                None => Some(format!("{at}: {ty}.{name} is declared but not serialized")),
                Some(v) => self.mismatch(v, field_ty, &format!("{at}.{name}"), seen),
            })
    }

    fn assert_is(
        &self,
        value: impl serde::Serialize,
        ty: &str,
        what: &str,
        seen: &mut BTreeSet<String>,
    ) {
        let value = serde_json::to_value(value).unwrap();
        if let Some(problem) = self.mismatch(&value, ty, what, seen) {
            panic!("{problem}");
        }
    }
}

fn fixture_files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && !path.extension().is_some_and(|e| e == "md" || e == "sh"))
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_returned_shape_is_the_declared_one() {
    let declared = declarations();
    let mut seen = BTreeSet::new();
    let mut inputs: Vec<(String, Vec<u8>)> = corpus_names()
        .into_iter()
        .map(|name| (name.clone(), corpus(&name)))
        .collect();
    inputs.extend(fixture_files("certificates"));
    inputs.extend(fixture_files("entra-setup"));
    let mut inspected = 0;
    for (name, bytes) in &inputs {
        let Ok(inspection) = inspect(bytes, &options(None)) else {
            continue;
        };
        inspected += 1;
        declared.assert_is(&inspection, "Inspection", name, &mut seen);
        let plan = fill_plan::plan(inspection.input_kind, &inspection.mimecast);
        declared.assert_is(&plan, "FillPlan", name, &mut seen);
        declared.assert_is(
            classify(&String::from_utf8_lossy(bytes)),
            "TextKind",
            name,
            &mut seen,
        );
    }
    assert!(inspected > 40, "only {inspected} inputs inspected");

    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    let values = FormValues {
        issuer_url: Some("https://sts.windows.net/x/".into()),
        certificate: Some("MIIB".into()),
        password_context: Some(true),
        ..FormValues::default()
    };
    let findings = json!({
        "findings": check(&values, now),
        "labels": mimecast_sso::form_labels::form_labels(),
    });
    declared.assert_is(findings, "Findings", "check", &mut seen);

    let url = "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml?appid=3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    declared.assert_is(
        metadata_url::read(url).unwrap(),
        "MetadataUrl",
        url,
        &mut seen,
    );

    let mut responses = fixture_files("responses/entra");
    responses.extend(fixture_files("responses/python3-saml/files"));
    responses.push((
        "AADSTS50011".into(),
        b"AADSTS50011: The redirect URI does not match.".to_vec(),
    ));
    for (name, bytes) in &responses {
        if let Ok(report) = check_response(bytes, &ResponseOptions::at(now)) {
            declared.assert_is(&report, "ResponseReport", name, &mut seen);
        }
        // The same message as the extension sees it: posted to Mimecast's sign-in URL.
        let body = format!("SAMLResponse={}", STANDARD.encode(bytes)).replace('+', "%2B");
        let options = ObserveOptions {
            now,
            issuer: None,
            certificate: None,
            account_code: None,
        };
        if let Some(observation) = observe(
            "https://eu-api.mimecast.com/login/saml",
            Some(body.as_bytes()),
            &options,
        ) {
            declared.assert_is(&observation, "Observation", name, &mut seen);
        }
    }

    // Every shape a function returns was met, down to the nested ones.
    for shape in [
        "Inspection",
        "Certificate",
        "Validity",
        "MimecastValues",
        "Endpoint",
        "Finding",
        "MetadataSignature",
        "FillPlan",
        "TextStep",
        "BoxStep",
        "ProviderChoice",
        "Findings",
        "MetadataUrl",
        "ResponseReport",
        "Status",
        "AssertionReport",
        "SignatureReport",
        "SignatureDetail",
        "Observation",
        "Verdict",
        "TextKind",
        "Field",
        "Severity",
        "InputKind",
    ] {
        assert!(seen.contains(shape), "no value of {shape} was checked");
    }
}
