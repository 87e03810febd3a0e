//! The headline figures of the Summary tab, computed once at load.

use rust_decimal::Decimal;

use crate::model::{percent_of, Disclosure, Side, TableKind, TableRow, Unit};

/// A part of a whole: `一般公共预算 3244.56 = 99.4 %`.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub label: String,
    pub amount: Decimal,
    /// Percent of the whole, one decimal; `None` when the whole is zero or unknown.
    pub percent: Option<Decimal>,
}

/// The year-over-year changes the narrative states (signed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearOverYear {
    pub total: Option<Decimal>,
    pub basic: Option<Decimal>,
    pub project: Option<Decimal>,
    pub three_public: Option<Decimal>,
}

/// One line of the 收支总表 as the Summary shows it: both sides of one 序号.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerLine {
    pub seq: Option<u32>,
    pub income: Option<(String, Option<Decimal>)>,
    pub expenditure: Option<(String, Option<Decimal>)>,
    /// Neither side has a figure.
    pub blank: bool,
}

/// Everything the Summary tab shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryView {
    pub unit: Unit,
    pub income_total: Option<Decimal>,
    pub income_sources: Vec<Share>,
    pub expenditure_total: Option<Decimal>,
    pub by_function: Vec<Share>,
    pub basic: Option<Decimal>,
    pub basic_percent: Option<Decimal>,
    pub personnel: Option<Decimal>,
    pub public_use: Option<Decimal>,
    pub project: Option<Decimal>,
    pub project_percent: Option<Decimal>,
    pub project_cards: usize,
    pub three_public: Option<Decimal>,
    pub running_costs: Option<Decimal>,
    pub year_over_year: YearOverYear,
    pub ledger: Vec<LedgerLine>,
    /// Indexes of every ledger line, and of those with a figure (what is
    /// shown while blank rows are hidden).
    pub all_lines: Vec<usize>,
    pub nonblank_lines: Vec<usize>,
}

impl SummaryView {
    pub fn build(doc: &Disclosure) -> SummaryView {
        let summary = doc.table(TableKind::IncomeExpenditureSummary);
        let income_side = summary.and_then(|t| t.side("收入"));
        let expenditure_side = summary.and_then(|t| t.side("支出"));

        // 收入总计 / 支出总计; a region that prints no 总计 (Jiangsu: 收入合计)
        // totals with 合计.
        let grand = |s: &Side| figure_of(s, "总计").or_else(|| figure_of(s, "合计"));
        let income_total = income_side.and_then(grand);
        let expenditure_total = expenditure_side.and_then(grand);
        let income_sources = income_side
            .map(|s| shares(s, income_total))
            .unwrap_or_default();
        let by_function = expenditure_side
            .map(|s| shares(s, expenditure_total))
            .unwrap_or_default();

        // 基本 / 项目 from 支出总表 (all funds); the 人员 / 公用 split from
        // 基本支出表, the only table that prints it. Every figure is shown in
        // the 收支总表's unit; a table printed in another (the 三公 table in
        // 万元 beside tables in 元) is converted.
        let unit = summary.map(|t| t.unit).unwrap_or(doc.department.unit);
        // A figure of another table in the Summary's unit; `None` rather
        // than a clamped figure when the conversion overflows.
        let convert =
            |table: &crate::model::BudgetTable, v: Decimal| table.unit.checked_convert(v, unit);
        let total_of = |kind: TableKind, column: &str| {
            let table = doc.table(kind)?;
            convert(table, table.main_side()?.total_in(column)?)
        };
        let basic = total_of(TableKind::Expenditure, "基本支出");
        let project = total_of(TableKind::Expenditure, "项目支出");
        let basic_table = doc.table(TableKind::GeneralPublicBasic);
        let (personnel, public_use) = basic_table.map_or((None, None), |t| {
            let (p, u) = t.basic_split();
            (p.and_then(|v| convert(t, v)), u.and_then(|v| convert(t, v)))
        });

        let stated = crate::check::narrative_figures(doc);
        let in_unit = |v: Option<Decimal>| v.and_then(|v| Unit::WanYuan.checked_convert(v, unit));

        let t9 = doc.table(TableKind::ThreePublicCosts);
        let three_public = t9.and_then(|t| convert(t, t.three_public_total()?));
        let running_row = t9.and_then(|t| convert(t, t.running_costs_row()?));

        let ledger = summary.map(ledger_lines).unwrap_or_default();
        SummaryView {
            unit,
            income_total,
            income_sources,
            expenditure_total,
            by_function,
            basic,
            basic_percent: percent(basic, expenditure_total),
            personnel,
            public_use,
            project,
            project_percent: percent(project, expenditure_total),
            project_cards: doc.projects.len(),
            three_public,
            // As the 三公 table prints it (Shanghai), else as the narrative
            // states it; where neither does, the 公用经费 of 基本支出表, which
            // is what 机关运行经费 means in this template.
            running_costs: running_row
                .or_else(|| in_unit(stated.running_costs))
                .or(public_use),
            year_over_year: YearOverYear {
                total: in_unit(stated.total_change),
                basic: in_unit(stated.basic_change),
                project: in_unit(stated.project_change),
                three_public: in_unit(stated.three_public_change),
            },
            all_lines: (0..ledger.len()).collect(),
            nonblank_lines: (0..ledger.len()).filter(|&i| !ledger[i].blank).collect(),
            ledger,
        }
    }
}

/// Rows that are totals or carry-overs rather than sources or functions.
fn is_total_line(name: &str) -> bool {
    ["合计", "总计", "小计", "结转", "结余"]
        .iter()
        .any(|w| name.contains(w))
}

/// A sub-item printed under a source (`1.一般公共预算` under 一、财政拨款):
/// numbered with an Arabic digit and a point rather than 一、.
fn is_sub_item(name: &str) -> bool {
    let t = name.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && t[digits..].starts_with(['.', '．', '、'])
}

fn figure_of(side: &Side, word: &str) -> Option<Decimal> {
    side.rows
        .iter()
        .find(|r| r.name.contains(word))
        .and_then(|r| r.amount(0))
}

fn percent(part: Option<Decimal>, whole: Option<Decimal>) -> Option<Decimal> {
    percent_of(part?, whole?)
}

fn shares(side: &Side, whole: Option<Decimal>) -> Vec<Share> {
    side.rows
        .iter()
        .filter(|r| !is_total_line(&r.name))
        .filter_map(|r| {
            let amount = r.amount(0)?;
            // A sub-item is part of the line above: indented, not a
            // share of its own beside it.
            let label = if is_sub_item(&r.name) {
                format!("  {}", r.name.trim())
            } else {
                strip_numbering(&r.name).to_string()
            };
            Some(Share {
                label,
                amount,
                percent: percent(Some(amount), whole),
            })
        })
        .collect()
}

/// `一、一般公共服务支出` → `一般公共服务支出`.
pub fn strip_numbering(name: &str) -> &str {
    match name.find('、') {
        Some(i)
            if name[..i]
                .chars()
                .all(|c| "一二三四五六七八九十百0123456789".contains(c)) =>
        {
            &name[i + '、'.len_utf8()..]
        }
        _ => name,
    }
}

/// Pairs the two sides by 序号 (or by position where none is printed).
fn ledger_lines(table: &crate::model::BudgetTable) -> Vec<LedgerLine> {
    let income = table.side("收入");
    let expenditure = table.side("支出");
    let entry = |r: &TableRow| (r.name.clone(), r.amount(0));
    let mut seqs: Vec<u32> = table
        .sides
        .iter()
        .flat_map(|s| s.rows.iter().filter_map(|r| r.seq))
        .collect();
    seqs.sort_unstable();
    seqs.dedup();
    let lines: Vec<LedgerLine> = if seqs.is_empty() {
        let n = table.sides.iter().map(|s| s.rows.len()).max().unwrap_or(0);
        (0..n)
            .map(|i| {
                let inc = income.and_then(|s| s.rows.get(i)).map(entry);
                let exp = expenditure.and_then(|s| s.rows.get(i)).map(entry);
                ledger_line(None, inc, exp)
            })
            .collect()
    } else {
        seqs.into_iter()
            .map(|seq| {
                let find = |s: Option<&Side>| {
                    s.and_then(|s| s.rows.iter().find(|r| r.seq == Some(seq)))
                        .map(entry)
                };
                ledger_line(Some(seq), find(income), find(expenditure))
            })
            .collect()
    };
    lines
}

fn ledger_line(
    seq: Option<u32>,
    income: Option<(String, Option<Decimal>)>,
    expenditure: Option<(String, Option<Decimal>)>,
) -> LedgerLine {
    let blank = income.as_ref().is_none_or(|(_, a)| a.is_none())
        && expenditure.as_ref().is_none_or(|(_, a)| a.is_none());
    LedgerLine {
        seq,
        income,
        expenditure,
        blank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_stripped_only_when_it_is_numbering() {
        assert_eq!(strip_numbering("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_numbering("十二、城乡社区支出"), "城乡社区支出");
        assert_eq!(strip_numbering("本年收入合计"), "本年收入合计");
        assert_eq!(strip_numbering("其中、某某"), "其中、某某");
    }
}
