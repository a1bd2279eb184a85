//! Times `mimecast_sso::check_response` on one SAML response (base64, as Entra posts it),
//! verified with the configured certificate: one TSV line, as the peer's script prints it.
//!
//! ```text
//! mimecast-sso-bench-response RUNS RESPONSE.xml CERT.pem ISSUER REGION ACCOUNT NOW
//! ```
//!
//! Output columns: runs, median ms, min ms, the verdict (`valid` or the finding codes).

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::input::{Decoded, decode};
use mimecast_sso::service_provider::{AccountCode, region};
use mimecast_sso::{ResponseOptions, check_response};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [runs, response, cert, issuer, region_code, account, now] = args.as_slice() else {
        panic!("usage: RUNS RESPONSE.xml CERT.pem ISSUER REGION ACCOUNT NOW");
    };
    let runs: usize = runs.parse().expect("RUNS");
    let xml = std::fs::read(response).expect("response");
    let b64 = base64_encode(&xml);
    let Decoded::Certificates(mut ders) =
        decode(&std::fs::read(cert).expect("cert")).expect("cert")
    else {
        panic!("not a certificate")
    };
    let options = ResponseOptions {
        issuer: Some(issuer.clone()),
        certificate: Some(ders.remove(0)),
        service_provider: Some((
            region(region_code).expect("region"),
            AccountCode::parse(account).expect("account"),
        )),
        ..ResponseOptions::at(parse_rfc3339(now).expect("now"))
    };
    let report = check_response(b64.as_bytes(), &options).expect("a response");
    let verdict = if report.signature.valid == Some(true) && report.findings.is_empty() {
        "valid".to_string()
    } else {
        report
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    for _ in 0..runs.min(20) {
        std::hint::black_box(check_response(b64.as_bytes(), &options).ok());
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(check_response(std::hint::black_box(b64.as_bytes()), &options).ok());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("{runs}\t{:.4}\t{:.4}\t{verdict}", times[runs / 2], times[0]);
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
