//! The text keys a search compares: normalised labels, pinyin initials and
//! full pinyin, and a character mask for cheap rejection before fuzzy scoring.
//!
//! The same normalisation is applied to labels (once, at build time) and to
//! the query (once per keystroke), so the two always meet on equal terms.

use pinyin::ToPinyin;

/// Folds a full-width ASCII form (`３`, `Ｂ`, `（`) to its ASCII twin. Labels
/// mix the two freely (`基本工作经费 B（市长热线)`), and so do typed queries.
pub(crate) fn fold_width(c: char) -> char {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        // The full-width block mirrors ASCII 0x21..=0x7E at a fixed offset.
        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
    } else {
        c
    }
}

/// Appends `text` normalised for matching: whitespace dropped (labels are
/// spaced inconsistently: `基本工作经费 B` / `基本工作经费B`), full-width
/// forms folded, lower case.
pub(crate) fn push_normalized(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        let c = fold_width(c);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Appends the pinyin initials and the full toneless pinyin of `text`.
///
/// Each Chinese character contributes its default reading (the `pinyin`
/// crate's first reading: 长 is `chang`, so 市长 is `shichang` / `sc`, not
/// `shizhang` / `sz`). ASCII letters and digits are kept, lower-cased;
/// everything else (punctuation, brackets) is dropped. `syllable_start` is
/// called with the offset in `full` where each syllable (or run of ASCII)
/// begins, so matches that start mid-syllable can be ranked lower.
pub(crate) fn push_pinyin(
    text: &str,
    initials: &mut String,
    full: &mut String,
    mut syllable_start: impl FnMut(usize),
) {
    let mut in_ascii_run = false;
    for c in text.chars() {
        let c = fold_width(c);
        if let Some(reading) = c.to_pinyin() {
            syllable_start(full.len());
            // ü is typed as v on every pinyin keyboard.
            full.extend(
                reading
                    .plain()
                    .chars()
                    .map(|c| if c == 'ü' { 'v' } else { c }),
            );
            initials.push_str(reading.first_letter());
            in_ascii_run = false;
        } else if c.is_ascii_alphanumeric() {
            if !in_ascii_run {
                syllable_start(full.len());
            }
            let lower = c.to_ascii_lowercase();
            full.push(lower);
            initials.push(lower);
            in_ascii_run = true;
        } else {
            in_ascii_run = false;
        }
    }
}

/// A 64-bit summary of which characters a key contains: one bit per ASCII
/// letter and digit, the rest hashed into the remaining 28 bits. A key can
/// only fuzzy-match a query whose mask is a subset of its own.
pub(crate) fn char_mask(key: &str) -> u64 {
    key.chars().fold(0, |mask, c| mask | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        // Fibonacci hashing spreads neighbouring code points (CJK runs) apart.
        _ => 1 << (36 + (c as u32).wrapping_mul(2_654_435_769) % 28),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinyin_of(text: &str) -> (String, String, Vec<usize>) {
        let (mut initials, mut full, mut starts) = (String::new(), String::new(), Vec::new());
        push_pinyin(text, &mut initials, &mut full, |s| starts.push(s));
        (initials, full, starts)
    }

    #[test]
    fn initials_and_full_pinyin() {
        let (initials, full, starts) = pinyin_of("行政运行");
        assert_eq!(initials, "xzyx");
        assert_eq!(full, "xingzhengyunxing");
        assert_eq!(starts, [0, 4, 9, 12]);
        assert_eq!(pinyin_of("公务用车运行维护费").0, "gwycyxwhf");
    }

    #[test]
    fn ascii_runs_are_kept_and_punctuation_dropped() {
        let (initials, full, starts) = pinyin_of("经费 B（热线)");
        assert_eq!(initials, "jfbrx");
        assert_eq!(full, "jingfeibrexian");
        assert_eq!(starts, [0, 4, 7, 8, 10]);
        assert_eq!(pinyin_of("１２345热线").0, "12345rx");
    }

    #[test]
    fn normalisation_folds_width_case_and_space() {
        let mut out = String::new();
        push_normalized(&mut out, "基本工作经费 Ｂ（市长热线)");
        assert_eq!(out, "基本工作经费b(市长热线)");
        out.clear();
        push_normalized(&mut out, " ２０１０３０１\u{3000}");
        assert_eq!(out, "2010301");
    }

    #[test]
    fn masks_reject_missing_characters() {
        let key = char_mask("gwycyxwhf");
        assert_eq!(char_mask("gwyc") & !key, 0);
        assert_ne!(char_mask("gwyq") & !key, 0);
        let name = char_mask("公务用车运行维护费");
        assert_eq!(char_mask("公车") & !name, 0);
    }
}
