//! Reading text eight bytes at a time ("SIMD within a register"): whether a word of eight bytes
//! holds a given byte or a control character, and a scan that skips such words whole. The
//! escapers and the compiler's sanitiser copy long runs of plain text between the few bytes they
//! act on, and a look at each byte was several percent of a large build's instructions.

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `index`, when there are eight.
pub fn word_at(bytes: &[u8], index: usize) -> Option<u64> {
    let chunk = bytes.get(index..index + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// Nonzero exactly when one of the eight bytes in `word` is `byte` (the high bit of that byte is
/// set, and a borrow may set a later one's too). Masks combine with `|` into one test.
pub fn byte_mask(word: u64, byte: u8) -> u64 {
    let differences = word ^ (LOW_BITS * u64::from(byte));
    differences.wrapping_sub(LOW_BITS) & !differences & HIGH_BITS
}

/// Nonzero exactly when one of the eight bytes in `word` is under 0x20 (a control character,
/// tab or newline), in the same form as [`byte_mask`].
pub fn control_mask(word: u64) -> u64 {
    word.wrapping_sub(LOW_BITS * 0x20) & !word & HIGH_BITS
}

/// Whether any of the eight bytes in `word` is `byte`.
pub fn has_byte(word: u64, byte: u8) -> bool {
    byte_mask(word, byte) != 0
}

/// Whether any of the eight bytes in `word` is under 0x20 (a control character, tab or newline).
pub fn has_control(word: u64) -> bool {
    control_mask(word) != 0
}

/// Calls `visit` with the index of every byte of `bytes` that `is_special` picks, in order.
/// Words of eight bytes for which `may_hold_special` is false are skipped whole, so it must be
/// true of every word holding a special byte.
pub fn each_special(
    bytes: &[u8],
    may_hold_special: impl Fn(u64) -> bool,
    is_special: impl Fn(u8) -> bool,
    mut visit: impl FnMut(usize),
) {
    let mut index = 0;
    while index < bytes.len() {
        if let Some(word) = word_at(bytes, index)
            && !may_hold_special(word)
        {
            index += 8;
            continue;
        }
        let end = bytes.len().min(index + 8);
        for (offset, &byte) in bytes[index..end].iter().enumerate() {
            if is_special(byte) {
                visit(index + offset);
            }
        }
        index = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The word tests answer exactly what a byte-by-byte look would, so skipping a word they
        /// pass skips nothing the byte loops act on.
        #[test]
        fn word_tests_agree_with_each_byte(bytes in proptest::array::uniform8(proptest::num::u8::ANY), byte: u8) {
            let word = u64::from_le_bytes(bytes);
            proptest::prop_assert_eq!(has_byte(word, byte), bytes.contains(&byte));
            proptest::prop_assert_eq!(has_control(word), bytes.iter().any(|&b| b < 0x20));
        }

        /// The scan visits exactly the special bytes, in order, wherever they fall in a word.
        #[test]
        fn the_scan_visits_what_a_byte_loop_finds(bytes in proptest::collection::vec(proptest::prop_oneof![8 => b'a'..=b'z', 1 => proptest::num::u8::ANY], 0..40)) {
            let special = |byte: u8| byte == b'&' || byte < 0x20;
            let mut visited = Vec::new();
            each_special(&bytes, |word| byte_mask(word, b'&') | control_mask(word) != 0, special, |index| visited.push(index));
            let expected: Vec<usize> = (0..bytes.len()).filter(|&index| special(bytes[index])).collect();
            proptest::prop_assert_eq!(visited, expected);
        }
    }
}
