//! Finding messages kept as data until output: a Chinese and an English
//! template with typed arguments (figures, units, document text, nested
//! phrases), rendered in the reader's language only when printed. A figure
//! stays a [`Decimal`] until then, so JSON can carry it as a figure and the
//! same finding reads in either language.

use rust_decimal::Decimal;

use crate::i18n::Lang;
use crate::model::{format_amount, TableKind, Unit};

/// One argument of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text taken from the document (a row name, a code, an indicator value):
    /// printed as is in both languages.
    Doc(String),
    /// An amount as printed (scale kept: `20.00`).
    Amount(Decimal),
    /// A signed difference, its sign always shown: `+0.10`, `-231.83`.
    Signed(Decimal),
    /// An amount with its unit: `3,264.56 万元` / `3,264.56 wan yuan`.
    Figure(Decimal, Unit),
    /// A unit on its own.
    Unit(Unit),
    /// A count.
    Count(u64),
    /// A standard table's name in the reader's language.
    Table(TableKind),
    /// A phrase of its own (a column name, a list).
    Text(Box<Text>),
    /// Several arguments joined with `、` / `, `.
    List(Vec<Arg>),
}

/// A message in both languages with typed arguments. `{}` takes the next
/// argument; `{N}` the N-th (for English word order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
    pub args: Vec<Arg>,
}

impl Text {
    pub fn new(zh: &'static str, en: &'static str, args: Vec<Arg>) -> Text {
        Text { zh, en, args }
    }

    pub fn render(&self, lang: Lang) -> String {
        let template = match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        };
        let mut out = String::with_capacity(template.len() + 16 * self.args.len());
        let mut next = 0;
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let inside = &after[..close];
            let index = if inside.is_empty() {
                next += 1;
                Some(next - 1)
            } else {
                inside.parse::<usize>().ok()
            };
            match index.and_then(|i| self.args.get(i)) {
                Some(arg) => out.push_str(&arg.render(lang)),
                // A template names an argument it was not given: show the
                // placeholder rather than lose the rest of the message.
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Every figure in the message, in order (for tests and search).
    pub fn amounts(&self) -> Vec<Decimal> {
        let mut out = Vec::new();
        for arg in &self.args {
            arg.collect_amounts(&mut out);
        }
        out
    }
}

impl Arg {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Doc(s) => s.clone(),
            // Figures read as everywhere a person reads them: thousands
            // separators and the printed decimals (`format_amount`).
            Arg::Amount(d) => format_amount(*d),
            Arg::Signed(d) => signed(*d),
            Arg::Figure(d, unit) => match lang {
                Lang::Zh => format!("{} {}", format_amount(*d), unit.label()),
                Lang::En => format!("{} {}", format_amount(*d), unit_en(*unit)),
            },
            Arg::Unit(unit) => match lang {
                Lang::Zh => unit.label().to_string(),
                Lang::En => unit_en(*unit).to_string(),
            },
            Arg::Count(n) => n.to_string(),
            Arg::Table(kind) => table_name(*kind, lang).to_string(),
            Arg::Text(t) => t.render(lang),
            Arg::List(items) => items
                .iter()
                .map(|a| a.render(lang))
                .collect::<Vec<_>>()
                .join(match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                }),
        }
    }

    fn collect_amounts(&self, out: &mut Vec<Decimal>) {
        match self {
            Arg::Amount(d) | Arg::Signed(d) | Arg::Figure(d, _) => out.push(*d),
            Arg::Text(t) => out.extend(t.amounts()),
            Arg::List(items) => items.iter().for_each(|a| a.collect_amounts(out)),
            _ => {}
        }
    }
}

/// A signed difference with its sign always shown: `+0.10`, `-231.83`,
/// `+1,234.00`.
pub fn signed(d: Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format_amount(d)
    } else {
        format!("+{}", format_amount(d.abs()))
    }
}

/// A unit in English. 万元 stays a word of its own: "10k yuan" would read as
/// a figure.
pub fn unit_en(unit: Unit) -> &'static str {
    match unit {
        Unit::Yuan => "yuan",
        Unit::WanYuan => "wan yuan",
        Unit::YiYuan => "yi yuan",
    }
}

/// A standard table's name: the Chinese short name, or its English name.
pub fn table_name(kind: TableKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.short_name(),
        Lang::En => match kind {
            TableKind::IncomeExpenditureSummary => "income and expenditure summary (T1)",
            TableKind::Income => "income table (T2)",
            TableKind::Expenditure => "expenditure table (T3)",
            TableKind::FiscalGrantSummary => "fiscal grant summary (T4)",
            TableKind::GeneralPublicExpenditure => "general public budget expenditure (T5)",
            TableKind::GeneralPublicBasic => "general public budget basic expenditure (T6)",
            TableKind::GovernmentFundExpenditure => "government fund expenditure (T7)",
            TableKind::StateCapitalExpenditure => "state capital expenditure (T8)",
            TableKind::ThreePublicCosts => "three public costs table (T9)",
            TableKind::Other => "other table",
        },
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Doc(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Doc(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Doc(s.to_string())
    }
}

impl From<Decimal> for Arg {
    fn from(d: Decimal) -> Arg {
        Arg::Amount(d)
    }
}

impl From<Unit> for Arg {
    fn from(u: Unit) -> Arg {
        Arg::Unit(u)
    }
}

impl From<TableKind> for Arg {
    fn from(k: TableKind) -> Arg {
        Arg::Table(k)
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(Box::new(t))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Count(u64::from(n))
    }
}

impl From<crate::model::Code> for Arg {
    fn from(c: crate::model::Code) -> Arg {
        Arg::Doc(c.as_str().to_string())
    }
}

impl From<&crate::model::Code> for Arg {
    fn from(c: &crate::model::Code) -> Arg {
        Arg::Doc(c.as_str().to_string())
    }
}

/// `text!("中文{}", "English {}", arg, …)`: a [`Text`] with its arguments.
#[macro_export]
macro_rules! text {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::check::Text::new($zh, $en, vec![$($crate::check::Arg::from($arg)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn renders_both_languages_with_typed_figures() {
        let d = Decimal::from_str("2349.56").unwrap_or_default();
        let t = Text::new(
            "{}应为 {}，相差 {}",
            "{0} should be {1} (difference {2})",
            vec![
                Arg::Doc("2010301 行政运行".into()),
                Arg::Figure(d, Unit::WanYuan),
                Arg::Signed(Decimal::new(-1, 2)),
            ],
        );
        assert_eq!(
            t.render(Lang::Zh),
            "2010301 行政运行应为 2,349.56 万元，相差 -0.01"
        );
        assert_eq!(
            t.render(Lang::En),
            "2010301 行政运行 should be 2,349.56 wan yuan (difference -0.01)"
        );
        assert_eq!(t.amounts(), vec![d, Decimal::new(-1, 2)]);
    }

    #[test]
    fn indexed_arguments_reorder_and_missing_ones_stay_visible() {
        let t = Text::new(
            "{}比{}",
            "{1} than {0} {5}",
            vec![Arg::Count(1), Arg::Count(2)],
        );
        assert_eq!(t.render(Lang::Zh), "1比2");
        assert_eq!(t.render(Lang::En), "2 than 1 {5}");
    }
}
