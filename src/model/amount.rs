//! Amounts as printed in disclosures, parsed exactly into [`Decimal`].

use rust_decimal::Decimal;

/// Why a printed amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an amount: `{text}` (expected digits with an optional sign, decimal point and thousands separators)")]
pub struct AmountError {
    pub text: String,
}

/// Parses one printed amount cell, strictly and exactly: a cell either reads
/// as the one number it prints or is an error, never a different number.
///
/// * a blank cell (or a lone dash, which some regions print for "none") is
///   `Ok(None)`: nothing here, which is not the same as zero;
/// * an optional minus sign (`-`, `－`, `−`), digits (ASCII or full-width),
///   at most one decimal point (`.` or `．`) followed by digits;
/// * thousands separators (`,`, `，`, a space, U+3000, NBSP) only between
///   groups of exactly three digits before the point, one kind per number:
///   `3,264.56` and `2 620 000` read, while `1.234,56` (a decimal comma),
///   `1234,56`, `12 34`, `3,2,4,4.56` and `3244.56 20` (two numbers) do not;
/// * at most 28 significant digits and 28 decimals, rust_decimal's exact
///   range: a longer figure is refused rather than rounded.
pub fn parse_amount(text: &str) -> Result<Option<Decimal>, AmountError> {
    let fail = || AmountError {
        text: text.trim().to_string(),
    };
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}';
    let body = text.trim_matches(is_space);
    if body.is_empty() || body.chars().all(|c| matches!(c, '-' | '－' | '−' | '—')) {
        return Ok(None);
    }
    let (negative, body) = match body.chars().next() {
        Some(c @ ('-' | '－' | '−')) => (true, &body[c.len_utf8()..]),
        _ => (false, body),
    };
    // Digits as ASCII, the integer part's groups checked as they go.
    let mut int_digits = String::new();
    let mut frac_digits: Option<String> = None;
    let mut separator: Option<char> = None;
    let mut group_len = 0usize; // digits since the last separator
    let mut groups = 0usize; // separators seen
    for ch in body.chars() {
        let digit = match ch {
            '0'..='9' => Some(ch),
            // Full-width digits sit at a fixed offset from ASCII ones.
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        if let Some(d) = digit {
            match frac_digits.as_mut() {
                Some(frac) => frac.push(d),
                None => {
                    int_digits.push(d);
                    group_len += 1;
                }
            }
            continue;
        }
        match ch {
            '.' | '．' if frac_digits.is_none() => {
                if int_digits.is_empty() || (groups > 0 && group_len != 3) {
                    return Err(fail());
                }
                frac_digits = Some(String::new());
            }
            ',' | '，' | ' ' | '\u{3000}' | '\u{a0}' if frac_digits.is_none() => {
                let first_ok = groups > 0 || (1..=3).contains(&group_len);
                let later_ok = groups == 0 || group_len == 3;
                let same_kind = separator.is_none_or(|s| s == ch);
                if !(first_ok && later_ok && same_kind) {
                    return Err(fail());
                }
                separator = Some(ch);
                groups += 1;
                group_len = 0;
            }
            _ => return Err(fail()),
        }
    }
    if int_digits.is_empty() || (groups > 0 && group_len != 3) {
        return Err(fail());
    }
    // A grouped number never starts with 0: `0,620` is not 620.
    if groups > 0 && int_digits.starts_with('0') {
        return Err(fail());
    }
    if frac_digits.as_deref() == Some("") {
        return Err(fail()); // `1.`: a point with no digits after it
    }
    let frac = frac_digits.unwrap_or_default();
    let significant = int_digits.trim_start_matches('0').len() + frac.len();
    if frac.len() > 28 || significant > 28 {
        return Err(fail());
    }
    let mut normalized = String::with_capacity(int_digits.len() + frac.len() + 2);
    if negative {
        normalized.push('-');
    }
    normalized.push_str(&int_digits);
    if !frac.is_empty() {
        normalized.push('.');
        normalized.push_str(&frac);
    }
    Decimal::from_str_exact(&normalized)
        .map(Some)
        .map_err(|_| fail())
}

/// Formats an amount as printed, with thousands separators: `3,264.56`.
/// The decimals are the figure's own (`20.00` stays `20.00`, `2620000`
/// stays `2,620,000`): a figure is never rounded or padded for display.
pub fn format_amount(amount: Decimal) -> String {
    let text = amount.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + text.len() / 3 + 2);
    if amount.is_sign_negative() && !amount.is_zero() {
        grouped.push('-');
    }
    let digits = int_part.len();
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(frac) = frac_part {
        grouped.push('.');
        grouped.push_str(frac);
    }
    grouped
}

/// How many characters [`format_amount`] prints for `amount`, counted
/// without formatting it (measuring thousands of figures at load).
pub fn amount_width(amount: Decimal) -> usize {
    let scale = amount.scale() as usize;
    let mut mantissa = amount.mantissa().unsigned_abs();
    let mut digits: usize = 0;
    while mantissa > 0 {
        mantissa /= 10;
        digits += 1;
    }
    // `0.05`: the integer part is at least one digit.
    let int_digits = digits.saturating_sub(scale).max(1);
    let sign = usize::from(amount.is_sign_negative() && !amount.is_zero());
    let fraction = if scale > 0 { scale + 1 } else { 0 };
    sign + int_digits + (int_digits - 1) / 3 + fraction
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amount_width_is_the_printed_width() {
        for text in [
            "0",
            "0.00",
            "0.05",
            "-0.05",
            "7",
            "20.00",
            "999",
            "1000",
            "-1000",
            "2349.56",
            "1837.3632",
            "123456789.1234",
            "-6054.15408",
            "79228162514264337593543950335",
        ] {
            let v = d(text);
            assert_eq!(amount_width(v), format_amount(v).chars().count(), "{text}");
        }
        assert_eq!(
            amount_width(Decimal::MIN),
            format_amount(Decimal::MIN).len()
        );
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_and_blank() {
        assert_eq!(parse_amount("3244.56"), Ok(Some(d("3244.56"))));
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("  "), Ok(None));
        assert_eq!(parse_amount("-"), Ok(None));
        // Scale is kept: 20.00 prints back as 20.00.
        assert_eq!(parse_amount("20.00").unwrap().unwrap().to_string(), "20.00");
    }

    #[test]
    fn separators_full_width_and_spaces() {
        assert_eq!(parse_amount("3,264.56"), Ok(Some(d("3264.56"))));
        assert_eq!(parse_amount("2,620,000.00"), Ok(Some(d("2620000.00"))));
        assert_eq!(parse_amount("３２６４．５６"), Ok(Some(d("3264.56"))));
        assert_eq!(parse_amount("3 264.56"), Ok(Some(d("3264.56"))));
        assert_eq!(parse_amount("－41.60"), Ok(Some(d("-41.60"))));
        assert_eq!(parse_amount("３，２６４．５６"), Ok(Some(d("3264.56"))));
        assert_eq!(parse_amount("1\u{3000}234"), Ok(Some(d("1234"))));
        assert_eq!(parse_amount(" 24.00 "), Ok(Some(d("24.00"))));
        assert_eq!(parse_amount("0.50"), Ok(Some(d("0.50"))));
    }

    /// The reproducers: each was once read as a different number.
    #[test]
    fn ambiguous_or_over_precise_figures_are_refused() {
        for text in [
            "1.234,56",
            "1234,56",
            "3244.56 20",
            "12 34",
            "3,2,4,4.56",
            "1,23",
            "1,2345",
            "1,234 567",
            "1,234.567,8",
            "12345678901234567890123456.78901", // 31 digits
            "123456789012345678901234567.891",  // 30 digits
            "0.00000000000000000000000000001",  // 29 decimals
            "1.",
            "1..2",
            "--5",
            "5-",
            "—5",
            "0 620 020.00", // found by the fuzzer: was read as 620020.00
            "0,123",
        ] {
            assert!(
                parse_amount(text).is_err(),
                "{text} read as {:?}",
                parse_amount(text)
            );
        }
        // The longest exact figures still read, digit for digit.
        let exact = "1234567890123456789012345.678"; // 28 digits
        assert_eq!(parse_amount(exact).unwrap().unwrap().to_string(), exact);
        let tiny = "0.0000000000000000000000000001"; // 28 decimals
        assert_eq!(parse_amount(tiny).unwrap().unwrap().to_string(), tiny);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_amount("12.3x").is_err());
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("1-2").is_err());
        assert!(parse_amount(".5").is_err());
        assert!(parse_amount("合计").is_err());
        let err = parse_amount("12.3x").unwrap_err();
        assert!(err.to_string().contains("12.3x"));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_amount(d("3264.56")), "3,264.56");
        assert_eq!(format_amount(d("24.00")), "24.00");
        assert_eq!(format_amount(d("24")), "24");
        assert_eq!(format_amount(d("-231.83")), "-231.83");
        assert_eq!(format_amount(d("2620000")), "2,620,000");
        assert_eq!(format_amount(d("2620000.00")), "2,620,000.00");
        // Never rounded: three printed decimals stay three.
        assert_eq!(format_amount(d("999.999")), "999.999");
        assert_eq!(format_amount(d("-0.00")), "0.00");
    }
}
