//! Text measured by display width: a CJK character takes two columns.
//! Never `len()` or `chars().count()` for layout.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Whether `ch` belongs to a figure as printed: digits (ASCII or
/// full-width), separators, signs, comparators and `%`. A run of these that
/// holds a digit is one token that is shown whole or not at all.
pub fn is_figure_char(ch: char) -> bool {
    ch.is_ascii_digit()
        || ('０'..='９').contains(&ch)
        || matches!(
            ch,
            '.' | ','
                | '%'
                | '-'
                | '+'
                | '−'
                | '－'
                | '．'
                | '，'
                | '≤'
                | '≥'
                | '<'
                | '>'
                | '='
                | '％'
        )
}

/// Whether `text` is a single figure token (`3,264.56`, `-41.60`, `99.4%`).
pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(is_figure_char) && t.chars().any(|c| c.is_ascii_digit())
}

/// Cuts `text` to at most `max` columns, ending with `…` when cut. A wide
/// character that would straddle the edge is dropped and the gap padded,
/// so the result is exactly as wide as promised. A figure is never cut: if
/// the edge falls inside one (`-41.60`, `2010301`), the whole figure goes,
/// so what is left cannot be misread as another number.
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
    // Byte offset in `out` and width before the figure run being copied.
    let mut run_start: Option<(usize, usize)> = None;
    let mut next = None;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > budget {
            next = Some(ch);
            break;
        }
        if is_figure_char(ch) {
            run_start.get_or_insert((out.len(), used));
        } else {
            run_start = None;
        }
        out.push(ch);
        used += w;
    }
    if let (Some((at, width_before)), Some(ch)) = (run_start, next) {
        let run = &out[at..];
        let run_has_digit = run
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if is_figure_char(ch) && (run_has_digit || ch.is_ascii_digit()) {
            out.truncate(at);
            used = width_before;
        }
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

/// Wraps `text` into lines of at most `cols` display columns. A figure
/// (`2024`, `≤150150`, `3,264.56`) is never split across lines: it moves to
/// the next line whole. One too wide for any line is shown as `#`s, a
/// marker that cannot be read as a number.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for token in tokens(text) {
        let w = token.width();
        if is_figure(token) && w > 1 {
            if w > cols {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                lines.push("#".repeat(cols.max(1)));
                used = 0;
                continue;
            }
            if used + w > cols && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push_str(token);
            used += w;
            continue;
        }
        for ch in token.chars() {
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
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `text` split into figure runs and the text between them.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_figure = None;
    for (i, ch) in text.char_indices() {
        let figure = is_figure_char(ch);
        match in_figure {
            Some(f) if f != figure => {
                out.push(&text[start..i]);
                start = i;
            }
            _ => {}
        }
        in_figure = Some(figure);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Punctuation that may not begin a line.
const NO_LINE_START: &str = "、。，．；：？！）》」』】〕”’%％";

/// `text` truncated or padded on the left to exactly `cols` columns. A
/// figure too wide for the column is shown as `#`s (as a spreadsheet does),
/// never as a shorter number.
pub fn fit_right(text: &str, cols: usize) -> String {
    if text.width() > cols && is_figure(text) {
        return "#".repeat(cols);
    }
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

/// A change with its sign: `+1,200.00`, `-38.50`, `0` (never `+0`).
pub fn signed_amount(change: rust_decimal::Decimal) -> String {
    let text = crate::model::format_amount(change);
    if change.is_sign_positive() && !change.is_zero() {
        format!("+{text}")
    } else {
        text
    }
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
    fn a_figure_is_never_cut() {
        // The edge inside −41.60: the whole figure goes, not `-4`.
        assert_eq!(truncate("三公经费 -41.60 万元", 13), "三公经费 …   ");
        assert_eq!(truncate("合计 3,264.56", 11), "合计 …     ");
        // A figure that ends right at the edge stays.
        assert_eq!(truncate("合计 24.00 万元", 11), "合计 24.00…");
        assert_eq!(fit_right("3,264.56", 5), "#####");
        assert_eq!(fit_right("行政运行", 5), "行政…");
    }

    #[test]
    fn wrap_never_splits_a_figure() {
        assert_eq!(wrap("比上年减少2024年", 12), ["比上年减少", "2024年"]);
        assert_eq!(wrap("≤150150台", 6), ["######", "台"]);
        assert_eq!(wrap("目标≤150150台", 10), ["目标", "≤150150台"]);
        for cols in 4..20 {
            for line in wrap("支出3,264.56万元，比上年减少231.83万元", cols) {
                assert!(width(&line) <= cols);
                assert!(
                    !line.starts_with(|c: char| c.is_ascii_digit())
                        || line.starts_with("3,264.56")
                        || line.starts_with("231.83")
                        || line.starts_with('#'),
                    "{line}"
                );
            }
        }
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
