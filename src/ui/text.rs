//! Text measured by display width: a CJK character takes two columns.
//! Never `len()` or `chars().count()` for layout.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Cuts `text` to at most `max` columns, ending with `…` when cut. A wide
/// character that would straddle the edge is dropped and the gap padded,
/// so the result is exactly as wide as promised.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - 1; // room for the ellipsis
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    used += 1;
    while used < max {
        out.push(' ');
        used += 1;
    }
    out
}

/// `text` truncated or padded on the right to exactly `cols` columns.
pub fn fit_left(text: &str, cols: usize) -> String {
    let mut out = truncate(text, cols);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Wraps `text` into lines of at most `cols` display columns.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > cols && !current.is_empty() {
            // Chinese typesetting never starts a line with closing
            // punctuation (、。，）…): carry the last character down with it.
            let carried = if NO_LINE_START.contains(ch) && current.chars().count() > 1 {
                current.pop()
            } else {
                None
            };
            lines.push(std::mem::take(&mut current));
            used = 0;
            if let Some(c) = carried {
                current.push(c);
                used = c.width().unwrap_or(0);
            }
        }
        current.push(ch);
        used += w;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Punctuation that may not begin a line.
const NO_LINE_START: &str = "、。，．；：？！）》」』】〕”’%％";

/// `text` truncated or padded on the left to exactly `cols` columns.
pub fn fit_right(text: &str, cols: usize) -> String {
    let cut = truncate(text, cols);
    let w = cut.width();
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

/// A horizontal bar of `percent` (0..=100) over `cols` columns, in braille
/// cells: they have one unambiguous width in every terminal, unlike the
/// block elements (█ ▏), which CJK terminals may draw two columns wide.
pub fn bar(percent: Decimal, cols: usize) -> String {
    const PARTS: [char; 8] = ['⡀', '⡄', '⡆', '⡇', '⣇', '⣧', '⣷', '⣿'];
    let clamped = percent.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let eighths = (clamped * Decimal::from(cols * 8) / Decimal::ONE_HUNDRED)
        .round()
        .to_usize()
        .unwrap_or(0)
        // A share too small to round to a sliver still shows one.
        .max(usize::from(clamped > Decimal::ZERO && cols > 0));
    let mut out = String::with_capacity(cols * 3);
    out.extend(std::iter::repeat_n('⣿', eighths / 8));
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8 - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_cjk_as_two() {
        assert_eq!(width("行政运行"), 8);
        assert_eq!(width("2010301 行政运行"), 16);
        assert_eq!(width("…"), 1);
    }

    #[test]
    fn truncate_by_display_width_never_mid_character() {
        assert_eq!(truncate("行政运行", 8), "行政运行");
        assert_eq!(truncate("行政运行", 7), "行政运…");
        // 6 columns: 2 characters (4) + … (1) + pad (1).
        assert_eq!(truncate("行政运行", 6), "行政… ");
        assert_eq!(width(&truncate("行政运行", 6)), 6);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("行政", 1), "…");
    }

    #[test]
    fn wrap_keeps_closing_punctuation_off_the_line_start() {
        let lines = wrap("甲乙丙、丁", 6);
        assert_eq!(lines, ["甲乙", "丙、丁"]);
        assert!(lines.iter().all(|l| width(l) <= 6));
        assert_eq!(wrap("甲乙丙丁", 4), ["甲乙", "丙丁"]);
        assert_eq!(wrap("", 4), Vec::<String>::new());
    }

    #[test]
    fn fit_pads_to_exact_width() {
        assert_eq!(fit_left("行政", 6), "行政  ");
        assert_eq!(fit_right("24.00", 8), "   24.00");
        assert_eq!(
            width(&fit_left("其他国有土地使用权出让收入安排的支出", 11)),
            11
        );
    }

    #[test]
    fn bars_scale() {
        assert_eq!(bar(Decimal::ONE_HUNDRED, 4), "⣿⣿⣿⣿");
        assert_eq!(bar(Decimal::ZERO, 4), "");
        assert_eq!(bar(Decimal::from(50), 4), "⣿⣿");
        assert_eq!(bar(Decimal::from(150), 4), "⣿⣿⣿⣿");
        assert_eq!(bar(Decimal::new(6, 1), 10), "⡀");
    }
}
