//! Amounts as printed in disclosures, parsed exactly into [`Decimal`].

use rust_decimal::Decimal;
use std::str::FromStr;

/// Why a printed amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an amount: `{text}` (expected digits with an optional sign, decimal point and thousands separators)")]
pub struct AmountError {
    pub text: String,
}

/// Parses one printed amount cell.
///
/// * a blank cell (or a lone dash, which some regions print for "none") is
///   `Ok(None)`: nothing here, which is not the same as zero;
/// * thousands separators (`3,264.56`, `3，264.56`), spaces inside the number
///   (`3 264.56`), full-width digits and points (`３２６４．５６`) and the
///   minus signs `-`, `－`, `−` are accepted;
/// * anything else (`12.3x`, `1.2.3`) is an error naming the text.
pub fn parse_amount(text: &str) -> Result<Option<Decimal>, AmountError> {
    let mut normalized = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '0'..='9' | '.' => normalized.push(ch),
            '０'..='９' => {
                // Full-width digits sit at a fixed offset from ASCII ones.
                let ascii = (ch as u32 - '０' as u32) as u8 + b'0';
                normalized.push(ascii as char);
            }
            '．' => normalized.push('.'),
            '-' | '－' | '−' | '—' => normalized.push('-'),
            ',' | '，' | ' ' | '\u{3000}' | '\u{a0}' | '\t' => {}
            _ => {
                return Err(AmountError {
                    text: text.trim().to_string(),
                })
            }
        }
    }
    if normalized.is_empty() || normalized.chars().all(|c| c == '-') {
        return Ok(None);
    }
    let well_formed = {
        let body = normalized.strip_prefix('-').unwrap_or(&normalized);
        !body.is_empty()
            && !body.contains('-')
            && body.matches('.').count() <= 1
            && !body.starts_with('.')
            && !body.ends_with('.')
    };
    if !well_formed {
        return Err(AmountError {
            text: text.trim().to_string(),
        });
    }
    Decimal::from_str(&normalized)
        .map(Some)
        .map_err(|_| AmountError {
            text: text.trim().to_string(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
