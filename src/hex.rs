//! Bytes written as upper-case hex without separators, as openssl and Entra print thumbprints
//! and serials. Ten lines: the `hex` crate would do the same, and is not worth a dependency.

/// Upper-case hex without separators.
pub fn upper(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    push_upper(&mut text, bytes);
    text
}

/// Appends upper-case hex to `out`.
pub fn push_upper(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_upper_case_pairs() {
        assert_eq!(super::upper(&[0x00, 0x9A, 0xFF]), "009AFF");
        assert_eq!(super::upper(&[]), "");
    }
}
