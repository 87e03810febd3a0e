//! Indicator values (指标值): `≥98 百分比`, `≤622600 万元`, `每日更新`, `不涉及`.
//!
//! The raw text is kept verbatim; the parse says what a reviewer reads from it
//! (comparator, number, unit) and whether it can be read at all.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A parsed 指标值.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// The cell exactly as printed.
    pub raw: String,
    pub comparator: Option<Comparator>,
    /// The number as printed (`150150` stays 150150 even when garbled).
    pub number: Option<Decimal>,
    /// Normalised unit; `None` when none is printed.
    pub unit: Option<IndicatorUnit>,
    /// The unit text as printed after the number, trimmed (`百份比`, `套（个）`).
    pub unit_text: String,
    pub status: ValueStatus,
}

/// How a target compares: `≥ ≤ = > <` or the words that mean them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::Eq => "=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
        }
    }
}

/// A unit of an indicator value, normalised across spellings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorUnit {
    /// 百分比 / 百分率 / 百份比 / % / ％
    Percent,
    /// 元
    Yuan,
    /// 万元
    WanYuan,
    /// 天 / 日
    Day,
    /// 次
    Times,
    /// 条
    Entry,
    /// 小时
    Hour,
    /// 分钟
    Minute,
    /// 套
    Set,
    /// 台
    Machine,
    /// 份
    Copy,
    /// 本
    Volume,
    /// 月 / 个月
    Month,
    /// 年
    Year,
    /// 个 / 件
    Piece,
    /// 篇
    Article,
    /// 人 / 人次
    Person,
    /// 块
    Board,
    /// m² / 平方米 / ㎡
    SquareMetre,
    /// Any other unit, as printed (`次/周`, `万份`).
    Other(String),
}

impl IndicatorUnit {
    /// Normalises a printed unit. Alternatives in brackets name the same
    /// count (`套（个）` is 套), and a unit printed in brackets (`(平方米)`)
    /// is unwrapped.
    pub fn normalize(text: &str) -> Option<IndicatorUnit> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        let unwrapped = strip_outer_brackets(trimmed);
        let primary = match unwrapped.find(['（', '(']) {
            Some(0) | None => unwrapped,
            Some(i) => &unwrapped[..i],
        };
        let key: String = primary.chars().filter(|c| !c.is_whitespace()).collect();
        let unit = match key.as_str() {
            "%" | "％" | "百分比" | "百分率" | "百份比" | "百分点" => {
                IndicatorUnit::Percent
            }
            "元" => IndicatorUnit::Yuan,
            "万元" => IndicatorUnit::WanYuan,
            "天" | "日" => IndicatorUnit::Day,
            "次" => IndicatorUnit::Times,
            "条" => IndicatorUnit::Entry,
            "小时" | "时" => IndicatorUnit::Hour,
            "分钟" => IndicatorUnit::Minute,
            "套" => IndicatorUnit::Set,
            "台" => IndicatorUnit::Machine,
            "份" => IndicatorUnit::Copy,
            "本" => IndicatorUnit::Volume,
            "月" | "个月" => IndicatorUnit::Month,
            "年" => IndicatorUnit::Year,
            "个" | "件" => IndicatorUnit::Piece,
            "篇" => IndicatorUnit::Article,
            "人" | "人次" => IndicatorUnit::Person,
            "块" => IndicatorUnit::Board,
            "m2" | "m²" | "㎡" | "平方米" | "平米" => IndicatorUnit::SquareMetre,
            _ => IndicatorUnit::Other(key),
        };
        Some(unit)
    }

    /// Short display form: `%`, `万元`, `m²`.
    pub fn label(&self) -> &str {
        match self {
            IndicatorUnit::Percent => "%",
            IndicatorUnit::Yuan => "元",
            IndicatorUnit::WanYuan => "万元",
            IndicatorUnit::Day => "天",
            IndicatorUnit::Times => "次",
            IndicatorUnit::Entry => "条",
            IndicatorUnit::Hour => "小时",
            IndicatorUnit::Minute => "分钟",
            IndicatorUnit::Set => "套",
            IndicatorUnit::Machine => "台",
            IndicatorUnit::Copy => "份",
            IndicatorUnit::Volume => "本",
            IndicatorUnit::Month => "月",
            IndicatorUnit::Year => "年",
            IndicatorUnit::Piece => "个",
            IndicatorUnit::Article => "篇",
            IndicatorUnit::Person => "人",
            IndicatorUnit::Board => "块",
            IndicatorUnit::SquareMetre => "m²",
            IndicatorUnit::Other(s) => s,
        }
    }
}

/// Whether a value can be read as a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueStatus {
    /// A number (with comparator and unit where printed).
    Clean,
    /// Words only, no figure: `每日更新`.
    TextOnly,
    /// 不涉及 / 无: the indicator does not apply.
    NotApplicable,
    /// Printed, but not as a readable target.
    Garbled(Garble),
}

/// What is wrong with a garbled value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Garble {
    /// A blank cell.
    Blank,
    /// A unit with no number: `百分比`.
    UnitWithoutNumber,
    /// The comparator and number printed twice: `≥80≥80%`.
    DuplicatedTarget,
    /// The digits printed twice: `≤150150台` (150 typed twice).
    DuplicatedDigits,
    /// Nothing of the form comparator, number, unit.
    Unreadable,
}

const NOT_APPLICABLE: [&str; 6] = ["不涉及", "无", "/", "—", "-", "不适用"];

/// Words that act as comparators, longest first so 不低于 wins over 低于.
const WORD_COMPARATORS: [(&str, Comparator); 13] = [
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不大于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("至少", Comparator::Ge),
    ("大于", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("等于", Comparator::Eq),
];

impl IndicatorValue {
    /// Parses a 指标值 cell. Never fails: what cannot be read is kept raw and
    /// marked [`ValueStatus::Garbled`] or [`ValueStatus::TextOnly`].
    pub fn parse(raw: &str) -> IndicatorValue {
        let mut value = IndicatorValue {
            raw: raw.to_string(),
            comparator: None,
            number: None,
            unit: None,
            unit_text: String::new(),
            status: ValueStatus::Clean,
        };
        let text = clean_markup(raw);
        let text = text.trim();
        if text.is_empty() {
            value.status = ValueStatus::Garbled(Garble::Blank);
            return value;
        }
        if NOT_APPLICABLE.contains(&text) {
            value.status = ValueStatus::NotApplicable;
            return value;
        }

        let (comparator, rest) = take_comparator(text);
        value.comparator = comparator;
        let rest = rest.trim_start();
        let (digits, after) = take_number(rest);

        if digits.is_empty() {
            // No number where one belongs.
            if IndicatorUnit::normalize(rest)
                .is_some_and(|u| u != IndicatorUnit::Other(compact(rest)))
            {
                value.unit_text = rest.trim().to_string();
                value.unit = IndicatorUnit::normalize(rest);
                value.status = ValueStatus::Garbled(Garble::UnitWithoutNumber);
            } else if comparator.is_some() {
                value.status = ValueStatus::Garbled(Garble::Unreadable);
            } else {
                value.status = ValueStatus::TextOnly;
            }
            return value;
        }

        value.number = Decimal::from_str(&digits).ok();
        let after = after.trim();
        // A second comparator after the number: the target was typed twice.
        if take_comparator(after).0.is_some() {
            value.status = ValueStatus::Garbled(Garble::DuplicatedTarget);
            let (_, tail) = take_comparator(after);
            let (_, unit_part) = take_number(tail.trim_start());
            value.unit_text = unit_part.trim().to_string();
            value.unit = IndicatorUnit::normalize(unit_part);
            return value;
        }
        value.unit_text = after.to_string();
        value.unit = IndicatorUnit::normalize(after);
        if value.number.is_none() {
            value.status = ValueStatus::Garbled(Garble::Unreadable);
        } else if has_doubled_digits(&digits) {
            value.status = ValueStatus::Garbled(Garble::DuplicatedDigits);
        } else if after.chars().any(|c| c.is_ascii_digit())
            && value.unit != Some(IndicatorUnit::SquareMetre)
        {
            // Numbers left after the unit: a sentence, not a target.
            value.status = ValueStatus::TextOnly;
        }
        value
    }

    /// `≥ 98 %`-style display of the parse; falls back to the raw text.
    pub fn display(&self) -> String {
        match (&self.status, self.number) {
            (ValueStatus::Clean, Some(number)) => {
                let mut s = String::new();
                if let Some(c) = self.comparator {
                    s.push_str(c.symbol());
                }
                s.push_str(&number.normalize().to_string());
                if let Some(u) = &self.unit {
                    if *u != IndicatorUnit::Percent {
                        s.push(' ');
                    }
                    s.push_str(u.label());
                }
                s
            }
            _ => self.raw.clone(),
        }
    }
}

/// `<sup>2</sup>` → `²`, other tags and `**` removed.
fn clean_markup(raw: &str) -> String {
    let mut text = raw
        .replace("<sup>2</sup>", "²")
        .replace("<sup>3</sup>", "³");
    while let Some(start) = text.find('<') {
        match text[start..].find('>') {
            Some(end) => text.replace_range(start..start + end + 1, ""),
            None => break,
        }
    }
    text.replace("**", "")
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn strip_outer_brackets(s: &str) -> &str {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim();
        }
    }
    s
}

fn take_comparator(text: &str) -> (Option<Comparator>, &str) {
    let symbols: [(&str, Comparator); 12] = [
        (">=", Comparator::Ge),
        ("<=", Comparator::Le),
        ("≥", Comparator::Ge),
        ("≧", Comparator::Ge),
        ("≤", Comparator::Le),
        ("≦", Comparator::Le),
        ("＞", Comparator::Gt),
        ("＜", Comparator::Lt),
        (">", Comparator::Gt),
        ("<", Comparator::Lt),
        ("＝", Comparator::Eq),
        ("=", Comparator::Eq),
    ];
    for (prefix, comparator) in symbols.iter().chain(WORD_COMPARATORS.iter()) {
        if let Some(rest) = text.strip_prefix(prefix) {
            return (Some(*comparator), rest);
        }
    }
    (None, text)
}

/// Splits a leading number (ASCII or full-width digits, one point, thousands
/// commas) from the rest. Returns the ASCII digits.
fn take_number(text: &str) -> (String, &str) {
    let mut digits = String::new();
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        let ascii = match ch {
            '0'..='9' | '.' => ch,
            '０'..='９' => char::from(b'0' + (ch as u32 - '０' as u32) as u8),
            '．' => '.',
            ',' if !digits.is_empty() => {
                end = i + ch.len_utf8();
                continue;
            }
            _ => break,
        };
        digits.push(ascii);
        end = i + ch.len_utf8();
    }
    if digits.chars().all(|c| c == '.') {
        return (String::new(), text);
    }
    (digits, &text[end..])
}

/// `150150` is `150` typed twice. Only whole numbers whose halves have three
/// or more digits count, so `1010`, `2020` and `10000` are left alone.
fn has_doubled_digits(digits: &str) -> bool {
    if digits.contains('.') || digits.len() < 6 || !digits.len().is_multiple_of(2) {
        return false;
    }
    let (a, b) = digits.split_at(digits.len() / 2);
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn clean_values() {
        let v = IndicatorValue::parse("≥98 百分比");
        assert_eq!(v.comparator, Some(Comparator::Ge));
        assert_eq!(v.number, Some(d("98")));
        assert_eq!(v.unit, Some(IndicatorUnit::Percent));
        assert_eq!(v.status, ValueStatus::Clean);
        assert_eq!(v.display(), "≥98%");

        let v = IndicatorValue::parse("≤622600 万元");
        assert_eq!(
            (v.comparator, v.number, v.unit.clone(), v.status.clone()),
            (
                Some(Comparator::Le),
                Some(d("622600")),
                Some(IndicatorUnit::WanYuan),
                ValueStatus::Clean
            )
        );
        assert_eq!(v.raw, "≤622600 万元");

        let v = IndicatorValue::parse("12月");
        assert_eq!((v.comparator, v.number), (None, Some(d("12"))));
        assert_eq!(v.unit, Some(IndicatorUnit::Month));

        for (raw, unit) in [
            ("100百分率", IndicatorUnit::Percent),
            ("100百份比", IndicatorUnit::Percent),
            ("≥95%", IndicatorUnit::Percent),
            ("≤6套（个）", IndicatorUnit::Set),
            ("≥3500个（件）", IndicatorUnit::Piece),
            ("≤30分钟", IndicatorUnit::Minute),
            ("≤2 小时", IndicatorUnit::Hour),
            ("≥3 次/周", IndicatorUnit::Other("次/周".into())),
        ] {
            let v = IndicatorValue::parse(raw);
            assert_eq!(v.unit, Some(unit), "{raw}");
            assert_eq!(v.status, ValueStatus::Clean, "{raw}");
        }
        let v = IndicatorValue::parse("100百份比");
        assert_eq!(v.unit_text, "百份比", "the typo stays visible");
    }

    #[test]
    fn square_metres_with_markup() {
        let v = IndicatorValue::parse("78 m <sup>2</sup>");
        assert_eq!(v.raw, "78 m <sup>2</sup>");
        assert_eq!(v.number, Some(d("78")));
        assert_eq!(v.unit, Some(IndicatorUnit::SquareMetre));
        assert_eq!(v.status, ValueStatus::Clean);
        let v = IndicatorValue::parse("≥13459.00(平方米)");
        assert_eq!(v.number, Some(d("13459.00")));
        assert_eq!(v.unit, Some(IndicatorUnit::SquareMetre));
    }

    #[test]
    fn shanghai_forms() {
        let v = IndicatorValue::parse("=100.00(%)");
        assert_eq!(v.comparator, Some(Comparator::Eq));
        assert_eq!(v.unit, Some(IndicatorUnit::Percent));
        let v = IndicatorValue::parse("不低于50%");
        assert_eq!(v.comparator, Some(Comparator::Ge));
        assert_eq!(v.number, Some(d("50")));
        assert_eq!(v.status, ValueStatus::Clean);
    }

    #[test]
    fn bare_number_is_clean_without_unit() {
        let v = IndicatorValue::parse("10");
        assert_eq!(v.number, Some(d("10")));
        assert_eq!(v.unit, None);
        assert_eq!(v.status, ValueStatus::Clean);
    }

    #[test]
    fn text_and_not_applicable() {
        assert_eq!(
            IndicatorValue::parse("每日更新").status,
            ValueStatus::TextOnly
        );
        assert_eq!(
            IndicatorValue::parse("不涉及").status,
            ValueStatus::NotApplicable
        );
    }

    #[test]
    fn garbled_values() {
        let cases = [
            ("≤150150台", Garble::DuplicatedDigits),
            ("≤300300份（套）", Garble::DuplicatedDigits),
            ("≥80≥80%", Garble::DuplicatedTarget),
            ("百分比", Garble::UnitWithoutNumber),
            ("", Garble::Blank),
        ];
        for (raw, garble) in cases {
            assert_eq!(
                IndicatorValue::parse(raw).status,
                ValueStatus::Garbled(garble),
                "{raw}"
            );
        }
        let v = IndicatorValue::parse("≥80≥80%");
        assert_eq!(v.unit, Some(IndicatorUnit::Percent));
        // Plausible numbers are not mistaken for doubled digits.
        for raw in ["≥10000 条", "100百分比", "≥1010次", "2020年", "≥350 天"] {
            assert_eq!(
                IndicatorValue::parse(raw).status,
                ValueStatus::Clean,
                "{raw}"
            );
        }
    }
}
