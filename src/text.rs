//! Characters in plain words, for messages: "a no-break space", never Rust escape syntax.

/// Whether a character is whitespace or invisible as admins meet it in copied values: Unicode
/// whitespace, the zero-width characters, the byte order mark and the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// The character in plain words, with an article: "a no-break space", "a curly quote (’)",
/// "the letter 'x'".
pub fn char_name(c: char) -> String {
    let named = match c {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' | '\r' | '\u{0085}' => "a line break",
        '\u{000B}' | '\u{000C}' => "a page break",
        '\u{00A0}' => "a no-break space",
        '\u{202F}' => "a narrow no-break space",
        '\u{2007}' => "a figure space",
        '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{1680}' => {
            "a typographic space"
        }
        '\u{3000}' => "an ideographic space",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a byte order mark",
        '\u{00AD}' => "a soft hyphen",
        '\u{FFFD}' => "a replacement character (�), left where a byte was not text",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_string();
    }
    match c {
        '‘' | '’' | '‚' | '‛' => format!("a curly quote ({c})"),
        '“' | '”' | '„' | '‟' => format!("a curly double quote ({c})"),
        '–' => "an en dash (–)".to_string(),
        '—' => "an em dash (—)".to_string(),
        '…' => "an ellipsis (…)".to_string(),
        '\\' => "a backslash (\\)".to_string(),
        c if c.is_control() => format!("an invisible control character (U+{:04X})", c as u32),
        c if c.is_ascii_alphabetic() => format!("the letter '{c}'"),
        c if c.is_ascii_digit() => format!("the digit '{c}'"),
        c if c.is_ascii() => format!("the character '{c}'"),
        c => format!("the character '{c}' (U+{:04X})", c as u32),
    }
}

/// Text from bytes that are mostly UTF-8: what is not (a Windows-1252 byte from a mail client or
/// a Windows editor, such as 0xA0 for a no-break space or 0x93 for a curly quote) is read as
/// Windows-1252, byte by byte.
pub fn from_mostly_utf8(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&byte| windows_1252(byte)));
    }
    text
}

/// One Windows-1252 byte as a character (the five bytes it leaves undefined as the C1 controls
/// they stand for, as browsers read them).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_windows_1252_bytes_among_utf8() {
        assert_eq!(
            from_mostly_utf8(b"\x93quoted\x94\xA0and\xC2\xA0utf-8"),
            "“quoted”\u{A0}and\u{A0}utf-8"
        );
    }

    #[test]
    fn names_characters_without_escapes() {
        for (c, name) in [
            ('\u{A0}', "a no-break space"),
            ('\u{200B}', "a zero-width space"),
            ('\n', "a line break"),
            ('’', "a curly quote (’)"),
            ('\u{1}', "an invisible control character (U+0001)"),
            ('é', "the character 'é' (U+00E9)"),
            ('x', "the letter 'x'"),
        ] {
            assert_eq!(char_name(c), name);
        }
        for c in ['\u{A0}', '\u{200B}', '\u{FEFF}', '\t', '\u{3000}'] {
            assert!(is_invisible(c));
            assert!(!char_name(c).contains('\\'));
        }
    }
}
