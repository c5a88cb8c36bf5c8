//! Reads the flat YAML front matter nearly every file is written in (one `key: value` a line)
//! without a YAML parser, and gives up on anything else, which the full parser then reads.
//!
//! serde_norway (libyaml) took 14 µs a file, a tenth of a 10,000-article build's CPU, for front
//! matter that is a title, a date and two short lists. It still pays: checking the 10,000-article
//! synthetic corpus (`--check`) took 1.21 s of CPU with this reader and 1.38 s without it
//! (measured 2026-12-07), 0.17 s or about 4% of a full build's CPU. The values read here are exactly those
//! serde_norway resolves the same text to; a property test holds the two readers together, and
//! where this reader is unsure (numbers other than plain integers, escapes, block or multi-line
//! values, anchors, tags, colons in plain text, odd characters) it answers `None` rather than
//! guess. So every error message, and every edge of YAML, still comes from the YAML parser.

use std::collections::BTreeMap;

use crate::read::value::Value;

/// The longest key read here; libyaml refuses implicit keys over 1,024 characters.
const LONGEST_KEY: usize = 100;

/// The fields of flat front matter, or `None` when the text needs a real YAML parser.
pub fn parse(text: &str) -> Option<BTreeMap<String, Value>> {
    if !text.chars().all(is_plain_char) {
        return None;
    }
    let mut fields = BTreeMap::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // A lone carriage return is a line break to YAML.
        if line.contains('\r') {
            return None;
        }
        if line.bytes().all(|byte| byte == b' ') || line.starts_with('#') {
            continue;
        }
        let (key, rest) = split_key(line)?;
        let value = read_value(rest)?;
        // libyaml's loader refuses a repeated key; so must this reader.
        if fields.insert(key.to_owned(), value).is_some() {
            return None;
        }
    }
    Some(fields)
}

/// Characters that mean the same in every YAML context: no tabs, no line breaks but `\n` (and
/// `\r` before it), no controls, no byte-order mark or non-characters.
fn is_plain_char(character: char) -> bool {
    match character {
        '\n' | '\r' => true,
        ' '..='~' => true,
        '\0'..='\u{9f}' => false,
        '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// `key: rest`, for a key that YAML resolves to the same text, followed by a space or nothing.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let length = bytes
        .iter()
        .position(|&byte| !(byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'))?;
    if length > LONGEST_KEY || bytes[length] != b':' {
        return None;
    }
    let key = &line[..length];
    let rest = &line[length + 1..];
    if !(rest.is_empty() || rest.starts_with(' ')) || !matches!(resolve_plain(key)?, Value::Text(_))
    {
        return None;
    }
    Some((key, rest))
}

/// The value after `key:`, which starts with a space or is empty.
fn read_value(rest: &str) -> Option<Value> {
    let value = rest.trim_start_matches(' ');
    match value.as_bytes().first() {
        None | Some(b'#') => Some(Value::Null),
        Some(b'"' | b'\'') => {
            let (text, tail) = quoted(value)?;
            only_comment(tail).then(|| Value::Text(text.to_owned()))
        }
        Some(b'[') => flow_sequence(&value[1..]),
        Some(_) => {
            // A plain scalar runs to the end of the line or to a comment, which needs a space
            // before its `#`.
            let end = value.find(" #").unwrap_or(value.len());
            let plain = value[..end].trim_end_matches(' ');
            if !is_block_plain(plain) {
                return None;
            }
            resolve_plain(plain)
        }
    }
}

/// A single-line quoted scalar with nothing to unescape, and what follows its closing quote.
fn quoted(value: &str) -> Option<(&str, &str)> {
    let quote = value.as_bytes()[0];
    let inner = &value[1..];
    let close = inner.bytes().position(|byte| byte == quote)?;
    let text = &inner[..close];
    if quote == b'"' && text.contains('\\') {
        return None;
    }
    // `''` inside single quotes is an escaped quote: the tail then starts with a quote and is
    // refused by the caller.
    Some((text, &inner[close + 1..]))
}

/// Spaces, then optionally a comment that a space sets apart.
fn only_comment(tail: &str) -> bool {
    let rest = tail.trim_start_matches(' ');
    rest.is_empty() || (rest.starts_with('#') && rest.len() < tail.len())
}

/// `[item, item]` on one line (the opening bracket already read), items quoted or plain words.
fn flow_sequence(mut rest: &str) -> Option<Value> {
    let mut items = Vec::new();
    rest = rest.trim_start_matches(' ');
    if let Some(tail) = rest.strip_prefix(']') {
        return only_comment(tail).then_some(Value::List(items));
    }
    loop {
        rest = rest.trim_start_matches(' ');
        let after_item = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (text, tail) = quoted(rest)?;
                items.push(Value::Text(text.to_owned()));
                tail
            }
            _ => {
                let end = rest.find([',', ']'])?;
                let plain = rest[..end].trim_end_matches(' ');
                if !is_flow_plain(plain) {
                    return None;
                }
                items.push(resolve_plain(plain)?);
                &rest[end..]
            }
        };
        let after_item = after_item.trim_start_matches(' ');
        match after_item.as_bytes().first()? {
            b',' => rest = &after_item[1..],
            b']' => return only_comment(&after_item[1..]).then_some(Value::List(items)),
            _ => return None,
        }
    }
}

/// Plain text that reads the same in block context: it starts with a letter (or is a date or
/// integer, which `resolve_plain` checks) and holds nothing YAML could read as structure.
fn is_block_plain(plain: &str) -> bool {
    let Some(&first) = plain.as_bytes().first() else {
        return false;
    };
    (first.is_ascii_alphanumeric() || !first.is_ascii())
        && !plain.contains([':', '[', ']', '{', '}'])
        && !plain.contains(" #")
}

/// Plain text that reads the same inside `[...]`, where commas and brackets end it.
fn is_flow_plain(plain: &str) -> bool {
    is_block_plain(plain) && !plain.contains(['#', '"', '\'', ','])
}

/// What serde_norway resolves an untagged plain scalar to, for the forms read here; `None` for
/// any other form, however it resolves.
fn resolve_plain(plain: &str) -> Option<Value> {
    match plain {
        "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let bytes = plain.as_bytes();
    if bytes[0].is_ascii_digit() {
        if is_date(bytes) {
            return Some(Value::Text(plain.to_owned()));
        }
        return is_plain_integer(bytes).then(|| Value::Number(plain.to_owned()));
    }
    // Spellings of null, booleans and special floats that some YAML versions resolve and
    // others do not: left to the parser.
    const AMBIGUOUS: [&str; 12] = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ];
    if AMBIGUOUS
        .iter()
        .any(|word| plain.eq_ignore_ascii_case(word))
    {
        return None;
    }
    Some(Value::Text(plain.to_owned()))
}

/// `YYYY-MM-DD`, which YAML 1.2's core schema leaves as text.
fn is_date(bytes: &[u8]) -> bool {
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// A decimal integer that prints back the same: no sign, no leading zero, within `u64`.
fn is_plain_integer(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
        && (bytes == b"0" || (bytes[0] != b'0' && bytes.len() <= 18))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::front_matter::{Split, Syntax, parse_yaml_slowly};

    fn text(value: &str) -> Value {
        Value::Text(value.to_owned())
    }

    /// What the YAML parser makes of the same text, as fields.
    fn by_yaml_parser(front_matter: &str) -> Result<BTreeMap<String, Value>, String> {
        let split = Split {
            syntax: Syntax::Yaml,
            front_matter,
            front_matter_first_line: 2,
            body: "",
            body_first_line: 3,
        };
        match parse_yaml_slowly(&split) {
            Ok(Value::Map(fields)) => Ok(fields),
            Ok(Value::Null) => Ok(BTreeMap::new()),
            Ok(other) => Err(format!("not a map: {other:?}")),
            Err(error) => Err(error.to_string()),
        }
    }

    #[test]
    fn reads_the_usual_front_matter() {
        let front_matter = "title: \"How we cut p99 by half\"\ndate: 2026-11-01\n\
            categories: [\"Architecture\"]\ntags: [Performance, 'Cost', \"Rust & WebAssembly\"]\n\
            description: A plain line, with a comma # and a comment\ndraft: false\n\
            weight: 12\nupdated:\n# a comment line\n\n  \nsummary: ''\nlist: [ ]\r\nauthor: Ada Lovelace\n";
        let fields = parse(front_matter).expect("flat front matter is read without a parser");
        assert_eq!(fields["title"], text("How we cut p99 by half"));
        assert_eq!(fields["date"], text("2026-11-01"));
        assert_eq!(
            fields["categories"],
            Value::List(vec![text("Architecture")])
        );
        assert_eq!(
            fields["tags"],
            Value::List(vec![
                text("Performance"),
                text("Cost"),
                text("Rust & WebAssembly")
            ])
        );
        assert_eq!(fields["description"], text("A plain line, with a comma"));
        assert_eq!(fields["draft"], Value::Bool(false));
        assert_eq!(fields["weight"], Value::Number("12".to_owned()));
        assert_eq!(fields["updated"], Value::Null);
        assert_eq!(fields["summary"], text(""));
        assert_eq!(fields["list"], Value::List(Vec::new()));
        assert_eq!(fields["author"], text("Ada Lovelace"));
        assert_eq!(Ok(fields), by_yaml_parser(front_matter));
        assert_eq!(parse(""), Some(BTreeMap::new()));
    }

    #[test]
    fn leaves_everything_else_to_the_parser() {
        for front_matter in [
            "title: Rust: a retrospective\n",
            "title: \"an \\\"escaped\\\" quote\"\n",
            "title: 'it''s'\n",
            "tags:\n  - a\n  - b\n",
            "tags:\n- a\n",
            "summary: >\n  folded\n",
            "title: &anchor A\n",
            "title: !tag A\n",
            "weight: 03\n",
            "weight: 1.5\n",
            "weight: -1\n",
            "draft: yes\n",
            "draft: tRUE\n",
            "title: a\ntitle: b\n",
            "title:\tA\n",
            "title: A\u{85}B\n",
            "true: x\n",
            "\"title\": A\n",
            "title: [a, b\n",
            "tags: [a, [b]]\n",
            "title: \"A\" trailing\n",
            "title:A\n",
            "title : A\n",
            "  title: A\n",
            "---\n",
            "%YAML 1.2\n",
        ] {
            assert_eq!(parse(front_matter), None, "{front_matter:?}");
        }
    }

    /// A piece of a value: mostly words, sometimes one of the characters and words that change
    /// how YAML reads a line.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            6 => "[A-Za-z\u{e9}\u{a0} ]{1,5}",
            1 => "(\"|'|''|\\[|\\]|, |,|#| #|: |:|\\\\|\t|\u{85}|\u{feff}|\r|&a|\\*a|!t|\\||>|\\{|\\}|-|@|`|%)",
            1 => "(null|NULL|nUll|true|False|no|On|nan|\\.inf|~|0|07|42|-3|1e3|0x1f|2026-11-01|12:30)",
        ]
    }

    /// A value as authors write them, plain, quoted or a one-line list, built from `piece`s.
    fn value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = || proptest::collection::vec(piece(), 0..4).prop_map(|pieces| pieces.concat());
        prop_oneof![
            pieces(),
            pieces().prop_map(|text| format!("\"{text}\"")),
            pieces().prop_map(|text| format!("'{text}'")),
            proptest::collection::vec(
                prop_oneof![pieces(), pieces().prop_map(|text| format!("\"{text}\""))],
                0..4,
            )
            .prop_map(|items| format!("[{}]", items.join(","))),
            (pieces(), "( #|#|)", pieces()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Whatever this reader accepts, the YAML parser reads to the same fields. Keys,
        /// separators and values mostly take the usual forms, sometimes ones that change how YAML
        /// reads the line, so the reader's refusals are exercised as well as its answers.
        #[test]
        fn agrees_with_the_yaml_parser(
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        8 => "(title|date|tags|_x|a-b|k1|description|draft|weight|summary)",
                        1 => "(null|True|y|inf|#c|- a|  title| title|\"t\"|%Y|---|)",
                    ],
                    proptest::prop_oneof![8 => ": ", 1 => "(:|:  | :|:\t|::|)"],
                    value(),
                ),
                0..5,
            )
        ) {
            let front_matter: String = lines
                .iter()
                .map(|(key, separator, value)| format!("{key}{separator}{value}\n"))
                .collect();
            if let Some(fields) = parse(&front_matter) {
                proptest::prop_assert_eq!(Ok(fields), by_yaml_parser(&front_matter), "{:?}", front_matter);
            }
        }
    }
}
