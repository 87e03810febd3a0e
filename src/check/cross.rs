//! Checks across tables (catalogue C): the summary tables against the detail
//! tables, 类 by 类, fund by fund, code by code, and 三公 against the
//! economic classification.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::tables::{summary_side, SummarySide};
use super::{
    convert, figures_agree, figures_differ, find_table, overflow, row_where, squeeze,
    strip_numbering, total_row, Arg, Figure, Figures, Finding, Found, Outcome, Rule, Severity,
    Text,
};
use crate::model::{CodeScheme, Disclosure, Place, Side, TableKind, Unit};
use crate::text;

/// Whether `a` is more than `b`, beyond the rounding of the coarser one when
/// they are printed in different units. Figures too large to convert are
/// reported by the sum rules; here they do not count as more.
fn exceeds(a: Figure, b: Figure) -> bool {
    match figures_differ(a, b) {
        Ok(Some((diff, _))) => diff > Decimal::ZERO,
        _ => false,
    }
}

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "cross.summary-vs-income",
        title: "收支总表收入 = 收入总表合计",
        title_en: "T1 income equals the T2 total",
        check: summary_vs_income,
    },
    Rule {
        id: "cross.summary-vs-expenditure",
        title: "收支总表本年支出合计 = 支出总表合计",
        title_en: "T1 expenditure this year equals the T3 total",
        check: summary_vs_expenditure,
    },
    Rule {
        id: "cross.summary-vs-grant-income",
        title: "收支总表各项财政拨款收入 = 财政拨款收支总表同一资金的收入",
        title_en: "T1 income from each fiscal fund equals T4 income from the same fund",
        check: summary_vs_grant_income,
    },
    Rule {
        id: "cross.income-vs-expenditure-codes",
        title: "每个功能科目：收入总表合计 = 支出总表合计",
        title_en: "For every functional code, the T2 total equals the T3 total",
        check: income_vs_expenditure_codes,
    },
    Rule {
        id: "cross.class-totals",
        title: "各类支出：收支总表 = 支出总表，财政拨款收支总表与之一致",
        title_en: "Expenditure by class: T1 = T3, and T4 agrees",
        check: class_totals,
    },
    Rule {
        id: "cross.grant-vs-general",
        title: "财政拨款收支总表一般公共预算列 = 一般公共预算财政拨款支出表合计",
        title_en: "T4 general public budget column equals the T5 total",
        check: |doc| grant_vs_table(doc, "一般公共预算", TableKind::GeneralPublicExpenditure),
    },
    Rule {
        id: "cross.grant-vs-fund",
        title: "财政拨款收支总表政府性基金列 = 政府性基金预算财政拨款支出表合计",
        title_en: "T4 government fund column equals the T7 total",
        check: |doc| grant_vs_table(doc, "政府性基金", TableKind::GovernmentFundExpenditure),
    },
    Rule {
        id: "cross.grant-vs-state-capital",
        title: "财政拨款收支总表国有资本经营列 = 国有资本经营预算财政拨款支出表合计",
        title_en: "T4 state capital column equals the T8 total",
        check: |doc| grant_vs_table(doc, "国有资本经营", TableKind::StateCapitalExpenditure),
    },
    Rule {
        id: "cross.general-basic-vs-basic-table",
        title: "一般公共预算财政拨款支出表基本支出 = 基本支出表合计",
        title_en: "T5 basic expenditure equals the T6 total",
        check: general_basic_vs_basic_table,
    },
    Rule {
        id: "cross.expenditure-covers-grants",
        title: "每个功能科目：支出总表 ≥ 一般公共预算 + 政府性基金 + 国有资本经营",
        title_en: "For every functional code: T3 ≥ T5 + T7 + T8",
        check: expenditure_covers_grants,
    },
    Rule {
        id: "cross.three-public-vs-economic",
        title: "基本支出表 30231 / 30217 / 30212 ≤ 三公经费表对应项",
        title_en: "T6 30231 / 30217 / 30212 ≤ the matching T9 item",
        check: three_public_vs_economic,
    },
];

fn need<'a>(doc: &'a Disclosure, kinds: &[TableKind]) -> Result<Vec<Found<'a>>, Outcome> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for &kind in kinds {
        match find_table(doc, kind) {
            Some(f) => found.push(f),
            None => missing.push(Arg::Table(kind)),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(Outcome::CouldNotRun(text!(
            "缺少{}",
            "missing: {}",
            Arg::List(missing)
        )))
    }
}

/// The 合计 row of a one-sided classified table, with its side.
fn totals<'a>(found: &Found<'a>) -> Option<(usize, &'a Side, usize)> {
    let (si, side) = found.main_side()?;
    let (ri, _) = total_row(side)?;
    Some((si, side, ri))
}

/// One cell as a figure in its table's unit (blank counts as nothing).
fn cell(found: &Found, side: &Side, row: usize, column: Option<usize>) -> Figure {
    let value = column
        .and_then(|c| side.rows.get(row).and_then(|r| r.amount(c)))
        .unwrap_or(Decimal::ZERO);
    Figure::new(value, found.table.unit)
}

/// A finding for two figures that should be equal, or none.
fn mismatch(
    rule: &'static str,
    a: (Figure, Text),
    b: (Figure, Text),
    places: Vec<Place>,
) -> Option<Finding> {
    let (diff, tolerance) = match figures_differ(a.0, b.0) {
        Ok(None) => return None,
        Ok(Some(d)) => d,
        Err(()) => return Some(overflow(rule, a.1, places)),
    };
    let tolerance_text = if tolerance.is_zero() {
        text!("须完全相等", "must be exact")
    } else {
        text!(
            "容差 ±{}，即较粗数字末位的半个单位",
            "tolerance ±{}: half a unit of the coarser figure's last digit",
            tolerance
        )
    };
    Some(
        Finding::new(
            rule,
            Severity::Error,
            text!(
                "{} {} 与{} {} 不一致，相差 {}{}（{}）",
                "{} {} disagrees with {} {}: difference {} {} ({})",
                a.1,
                a.0,
                b.1,
                b.0,
                Arg::Signed(diff),
                b.0.unit,
                tolerance_text
            ),
            places,
        )
        .with_figures(Figures {
            printed: a.0.in_unit(b.0.unit),
            expected: Some(b.0.value),
            difference: Some(diff),
            tolerance: Some(tolerance),
            unit: Some(b.0.unit),
        }),
    )
}

fn summary(found: &Found<'_>, label: &str) -> Result<SummarySideOwned, Outcome> {
    summary_side(found, label)
        .map(|s| SummarySideOwned::from(&s))
        .map_err(Outcome::CouldNotRun)
}

/// The parts of a [`SummarySide`] the cross checks need, without borrows.
struct SummarySideOwned {
    index: usize,
    subtotal: usize,
    total: Option<usize>,
    carry: Option<Decimal>,
    lines: Vec<usize>,
}

impl From<&SummarySide<'_>> for SummarySideOwned {
    fn from(s: &SummarySide<'_>) -> Self {
        SummarySideOwned {
            index: s.index,
            subtotal: s.subtotal,
            total: s.total,
            carry: s.carry_amount(0),
            lines: s.lines.clone(),
        }
    }
}

fn summary_vs_income(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[TableKind::IncomeExpenditureSummary, TableKind::Income],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t1, t2) = (tables[0], tables[1]);
    let s = match summary(&t1, "收入") {
        Ok(s) => s,
        Err(o) => return o,
    };
    let Some((_, t1_side)) = t1.side("收入") else {
        return Outcome::CouldNotRun(text!("收支总表没有收入栏", "T1 has no income side"));
    };
    let Some((si2, side2, ri2)) = totals(&t2) else {
        return Outcome::CouldNotRun(text!("收入总表找不到合计行", "T2 has no total row"));
    };
    let mut findings = Vec::new();
    let t2_place = t2.row_place(si2, ri2);
    if let Some(ti) = s.total {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (
                cell(&t1, t1_side, ti, Some(0)),
                text!("收支总表收入总计", "T1 income grand total"),
            ),
            (
                cell(&t2, side2, ri2, side2.column("合计").or(Some(0))),
                text!("收入总表合计", "the T2 total"),
            ),
            vec![t1.row_place(s.index, ti), t2_place],
        ));
    }
    if let Some(sub) = side2.column("小计") {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (
                cell(&t1, t1_side, s.subtotal, Some(0)),
                text!("收支总表本年收入合计", "T1 income this year"),
            ),
            (
                cell(&t2, side2, ri2, Some(sub)),
                text!(
                    "收入总表本年收入小计",
                    "the T2 subtotal of income this year"
                ),
            ),
            vec![t1.row_place(s.index, s.subtotal), t2_place],
        ));
    }
    if let Some(carry) = side2.column("上年结转") {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (
                Figure::new(s.carry.unwrap_or(Decimal::ZERO), t1.table.unit),
                text!("收支总表上年结转结余", "T1 carry-over from last year"),
            ),
            (
                cell(&t2, side2, ri2, Some(carry)),
                text!("收入总表上年结转", "T2 carry-over"),
            ),
            vec![t1.row_place(s.index, s.subtotal), t2_place],
        ));
    }
    Outcome::Ran(findings)
}

fn summary_vs_expenditure(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[TableKind::IncomeExpenditureSummary, TableKind::Expenditure],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t1, t3) = (tables[0], tables[1]);
    let s = match summary(&t1, "支出") {
        Ok(s) => s,
        Err(o) => return o,
    };
    let Some((_, t1_side)) = t1.side("支出") else {
        return Outcome::CouldNotRun(text!("收支总表没有支出栏", "T1 has no expenditure side"));
    };
    let Some((si3, side3, ri3)) = totals(&t3) else {
        return Outcome::CouldNotRun(text!("支出总表找不到合计行", "T3 has no total row"));
    };
    let findings = mismatch(
        "cross.summary-vs-expenditure",
        (
            cell(&t1, t1_side, s.subtotal, Some(0)),
            text!("收支总表本年支出合计", "T1 expenditure this year"),
        ),
        (
            cell(&t3, side3, ri3, side3.column("合计").or(Some(0))),
            text!("支出总表合计", "the T3 total"),
        ),
        vec![t1.row_place(s.index, s.subtotal), t3.row_place(si3, ri3)],
    );
    Outcome::Ran(findings.into_iter().collect())
}

/// Expenditure by 类 name (numbering stripped) in one column, with the row.
fn by_class_lines(
    found: &Found,
    side: &Side,
    lines: &[usize],
    column: usize,
) -> BTreeMap<String, (Figure, usize)> {
    lines
        .iter()
        .filter_map(|&i| side.rows.get(i).map(|r| (i, r)))
        // Lines by kind of spending (Jiangsu's T4: 基本支出, 项目支出,
        // 单位预留机动经费) are not 类 of the functional classification.
        .filter(|(_, r)| !is_spending_kind(&strip_numbering(&r.name)))
        .map(|(i, r)| {
            (
                strip_numbering(&r.name),
                (cell(found, side, i, Some(column)), i),
            )
        })
        .collect()
}

/// A summary line that is a kind of spending, not a functional class.
fn is_spending_kind(name: &str) -> bool {
    [
        "基本支出",
        "项目支出",
        "单位预留机动经费",
        "事业单位经营支出",
        "上缴上级支出",
        "对附属单位补助支出",
        "结转下年",
    ]
    .iter()
    .any(|k| name.starts_with(k))
}

fn class_totals(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[
            TableKind::IncomeExpenditureSummary,
            TableKind::Expenditure,
            TableKind::FiscalGrantSummary,
        ],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t1, t3, t4) = (tables[0], tables[1], tables[2]);
    let (s1, s4) = match (summary(&t1, "支出"), summary(&t4, "支出")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(o), _) | (_, Err(o)) => return o,
    };
    let (Some((_, side1)), Some((_, side4)), Some((si3, side3))) =
        (t1.side("支出"), t4.side("支出"), t3.main_side())
    else {
        return Outcome::CouldNotRun(text!("找不到支出栏", "no expenditure side found"));
    };
    if !side3.rows.iter().any(|r| {
        r.code
            .as_ref()
            .and_then(|c| c.depth(CodeScheme::Functional))
            == Some(1)
    }) {
        return Outcome::CouldNotRun(text!(
            "支出总表没有类级科目行",
            "T3 prints no class-level (类) rows"
        ));
    }
    let t1_classes = by_class_lines(&t1, side1, &s1.lines, 0);
    let t4_classes = by_class_lines(&t4, side4, &s4.lines, side4.column("合计").unwrap_or(0));
    let t3_total = side3.column("合计").unwrap_or(0);
    let t3_classes: BTreeMap<String, (Figure, usize)> = side3
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.code
                .as_ref()
                .and_then(|c| c.depth(CodeScheme::Functional))
                == Some(1)
        })
        .map(|(i, r)| (squeeze(&r.name), (cell(&t3, side3, i, Some(t3_total)), i)))
        .collect();

    // Where all income is 财政拨款, T4 must match T3 class by class; with
    // other funds (事业收入, 单位资金) it may only be smaller.
    let grants_only = {
        let income1 = summary(&t1, "收入").ok();
        let income4 = summary(&t4, "收入").ok();
        match (income1, income4, t1.side("收入"), t4.side("收入")) {
            (Some(a), Some(b), Some((_, sa)), Some((_, sb))) => figures_agree(
                cell(&t1, sa, a.subtotal, Some(0)),
                cell(&t4, sb, b.subtotal, Some(0)),
            ),
            _ => true,
        }
    };

    let zero = |f: &Figure| f.value.is_zero();
    let mut findings = Vec::new();
    let mut names: Vec<&String> = t1_classes.keys().chain(t3_classes.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let in1 = t1_classes.get(name);
        let in3 = t3_classes.get(name);
        let place1 = in1.map(|(_, i)| t1.row_place(s1.index, *i));
        let place3 = in3.map(|(_, i)| t3.row_place(si3, *i));
        match (in1, in3) {
            (Some((f1, _)), Some((f3, _))) => findings.extend(mismatch(
                "cross.class-totals",
                (*f1, text!("收支总表「{}」", "T1 “{}”", name)),
                (*f3, text!("支出总表「{}」", "T3 “{}”", name)),
                place1.into_iter().chain(place3).collect(),
            )),
            (Some((f1, _)), None) if !zero(f1) => findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                text!(
                    "收支总表列「{}」{}，支出总表没有这一类",
                    "T1 lists “{}” {}, but T3 has no such class",
                    name,
                    *f1
                ),
                place1.into_iter().collect(),
            )),
            (None, Some((f3, _))) if !zero(f3) => findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                text!(
                    "支出总表列「{}」{}，收支总表没有这一类支出项",
                    "T3 lists “{}” {}, but T1 has no such expenditure line",
                    name,
                    *f3
                ),
                place3.into_iter().collect(),
            )),
            _ => {}
        }
        let Some((f3, _)) = in3 else { continue };
        let f4 = t4_classes.get(name);
        let place4 = f4.map(|(_, i)| t4.row_place(s4.index, *i));
        let grant = f4
            .map(|(f, _)| *f)
            .unwrap_or(Figure::new(Decimal::ZERO, t4.table.unit));
        if grants_only {
            findings.extend(mismatch(
                "cross.class-totals",
                (grant, text!("财政拨款收支总表「{}」", "T4 “{}”", name)),
                (*f3, text!("支出总表「{}」", "T3 “{}”", name)),
                place4.into_iter().chain(place3).collect(),
            ));
        } else if exceeds(grant, *f3) {
            findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                text!(
                    "财政拨款收支总表「{}」{} 大于支出总表同类 {}",
                    "T4 “{}” {} is more than T3's {}",
                    name,
                    grant,
                    *f3
                ),
                place4.into_iter().chain(place3).collect(),
            ));
        }
    }
    // Lines of T4 that T3 does not know.
    for (name, (f4, i)) in &t4_classes {
        if !zero(f4) && !t3_classes.contains_key(name) {
            findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                text!(
                    "财政拨款收支总表列「{}」{}，支出总表没有这一类",
                    "T4 lists “{}” {}, but T3 has no such class",
                    name,
                    *f4
                ),
                vec![t4.row_place(s4.index, *i)],
            ));
        }
    }
    Outcome::Ran(findings)
}

fn grant_vs_table(doc: &Disclosure, fund: &str, kind: TableKind) -> Outcome {
    let rule = match kind {
        TableKind::GeneralPublicExpenditure => "cross.grant-vs-general",
        TableKind::GovernmentFundExpenditure => "cross.grant-vs-fund",
        _ => "cross.grant-vs-state-capital",
    };
    let tables = match need(doc, &[TableKind::FiscalGrantSummary, kind]) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t4, detail) = (tables[0], tables[1]);
    let s4 = match summary(&t4, "支出") {
        Ok(s) => s,
        Err(o) => return o,
    };
    let Some((_, side4)) = t4.side("支出") else {
        return Outcome::CouldNotRun(text!(
            "财政拨款收支总表没有支出栏",
            "T4 has no expenditure side"
        ));
    };
    let Some(column) = side4.column(fund) else {
        return Outcome::CouldNotRun(text!(
            "财政拨款收支总表没有「{}」列",
            "T4 has no “{}” column",
            fund
        ));
    };
    let grant = cell(&t4, side4, s4.subtotal, Some(column));
    let detail_total = totals(&detail);
    // A detail table with no 合计 row (an empty table prints none) counts as
    // zero only when it has no figures at all; otherwise the rule cannot run.
    if detail_total.is_none() && !detail.table.has_no_figures() {
        return Outcome::CouldNotRun(text!("{}没有合计行", "{} has no total row", detail.name()));
    }
    let detail_figure = detail_total
        .map(|(_, side, ri)| cell(&detail, side, ri, side.column("合计").or(Some(0))))
        .unwrap_or(Figure::new(Decimal::ZERO, detail.table.unit));
    if grant.value.is_zero() && detail_figure.value.is_zero() {
        return Outcome::NotApplicable(text!("无{}预算", "no {} budget", fund));
    }
    let mut places = vec![t4.row_place(s4.index, s4.subtotal)];
    places.push(match detail_total {
        Some((si, _, ri)) => detail.row_place(si, ri),
        None => detail.place(),
    });
    Outcome::Ran(
        mismatch(
            rule,
            (
                grant,
                text!(
                    "财政拨款收支总表「{}」列本年支出合计",
                    "T4 expenditure this year in column “{}”",
                    fund
                ),
            ),
            (
                detail_figure,
                text!("{}合计", "the total of {}", detail.name()),
            ),
            places,
        )
        .into_iter()
        .collect(),
    )
}

fn general_basic_vs_basic_table(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[
            TableKind::GeneralPublicExpenditure,
            TableKind::GeneralPublicBasic,
        ],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t5, t6) = (tables[0], tables[1]);
    let (Some((si5, side5, ri5)), Some((si6, side6, ri6))) = (totals(&t5), totals(&t6)) else {
        return Outcome::CouldNotRun(text!("找不到合计行", "no total row found"));
    };
    let Some(basic) = side5.column("基本支出") else {
        return Outcome::CouldNotRun(text!(
            "一般公共预算财政拨款支出表没有基本支出列",
            "T5 has no basic expenditure column"
        ));
    };
    Outcome::Ran(
        mismatch(
            "cross.general-basic-vs-basic-table",
            (
                cell(&t5, side5, ri5, Some(basic)),
                text!(
                    "一般公共预算财政拨款支出表基本支出合计",
                    "the T5 basic expenditure total"
                ),
            ),
            (
                cell(&t6, side6, ri6, side6.column("合计").or(Some(0))),
                text!("基本支出表合计", "the T6 total"),
            ),
            vec![t5.row_place(si5, ri5), t6.row_place(si6, ri6)],
        )
        .into_iter()
        .collect(),
    )
}

fn expenditure_covers_grants(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[
            TableKind::Expenditure,
            TableKind::GeneralPublicExpenditure,
            TableKind::GovernmentFundExpenditure,
            TableKind::StateCapitalExpenditure,
        ],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let t3 = tables[0];
    let Some((si3, side3)) = t3.main_side() else {
        return Outcome::CouldNotRun(text!("支出总表没有内容", "T3 is empty"));
    };
    let mut findings = Vec::new();
    for label in ["合计", "基本支出", "项目支出"] {
        let Some(c3) = side3.column(label) else {
            continue;
        };
        // Σ over the grant tables, code by code, in 元.
        let mut grants: BTreeMap<String, (Option<Decimal>, Vec<Place>)> = BTreeMap::new();
        for detail in &tables[1..] {
            let Some((si, side)) = detail.main_side() else {
                continue;
            };
            let Some(c) = side.column(label) else {
                continue;
            };
            for (ri, row) in side.rows.iter().enumerate() {
                let Some(code) = &row.code else { continue };
                let Some(amount) = row.amount(c) else {
                    continue;
                };
                let entry = grants
                    .entry(code.as_str().to_string())
                    .or_insert((Some(Decimal::ZERO), Vec::new()));
                entry.0 = entry.0.and_then(|sum| {
                    sum.checked_add(convert(amount, detail.table.unit, Unit::Yuan)?)
                });
                entry.1.push(detail.cell_place(si, ri, c));
            }
        }
        let rows3: BTreeMap<&str, usize> = side3
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.code.as_ref()?.as_str(), i)))
            .rev()
            .collect();
        for (code, (grant_yuan, places)) in grants {
            let row3 = rows3.get(code.as_str()).copied();
            let spent = match row3.and_then(|i| side3.rows[i].amount(c3)) {
                Some(d) => convert(d, t3.table.unit, Unit::Yuan),
                None => Some(Decimal::ZERO),
            };
            let mut all = Vec::new();
            all.extend(row3.map(|i| t3.cell_place(si3, i, c3)));
            all.extend(places);
            let unit = t3.table.unit;
            let in_t3_unit = |yuan: Decimal| convert(yuan, Unit::Yuan, unit);
            let figures = grant_yuan.zip(spent).and_then(|(g, s)| {
                Some((
                    in_t3_unit(g)?,
                    in_t3_unit(s)?,
                    in_t3_unit(g.checked_sub(s)?)?,
                ))
            });
            let Some((grant, spent, over)) = figures else {
                findings.push(overflow(
                    "cross.expenditure-covers-grants",
                    text!("科目 {}", "code {}", code),
                    all,
                ));
                continue;
            };
            if over > Decimal::ZERO {
                findings.push(
                    Finding::new(
                        "cross.expenditure-covers-grants",
                        Severity::Error,
                        text!(
                            "科目 {}「{}」：财政拨款支出表合计 {} 大于支出总表 {}，超出 {}",
                            "code {}, “{}”: the grant tables together give {}, more than T3's {} by {}",
                            code,
                            label,
                            Arg::Figure(grant.normalize(), unit),
                            Arg::Figure(spent.normalize(), unit),
                            Arg::Figure(over.normalize(), unit)
                        ),
                        all,
                    )
                    .with_figures(Figures {
                        printed: Some(grant),
                        expected: Some(spent),
                        difference: Some(over),
                        tolerance: Some(Decimal::ZERO),
                        unit: Some(unit),
                    }),
                );
            }
        }
    }
    Outcome::Ran(findings)
}

fn three_public_vs_economic(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[TableKind::GeneralPublicBasic, TableKind::ThreePublicCosts],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t6, t9) = (tables[0], tables[1]);
    let (Some((si6, side6)), Some((si9, side9))) = (t6.main_side(), t9.main_side()) else {
        return Outcome::CouldNotRun(text!("表中没有内容", "the tables are empty"));
    };
    let c6 = side6.column("合计").unwrap_or(0);
    // T6 is 一般公共预算 basic spending: compare with T9's 一般公共预算 column.
    let c9 = side9
        .column("一般公共预算")
        .or_else(|| side9.column("合计"))
        .unwrap_or(0);
    type RowPred = fn(&str) -> bool;
    // Each pair: the economic code, the word its T6 name must contain (the
    // code list is revised by year and region: 30212 is 机关事业单位退休人员
    // 活动费 in some), the T9 item and how to find its row.
    let pairs: [(&str, &str, Text, RowPred); 3] = [
        (
            "30231",
            "公务用车",
            text!("公务用车运行维护费", "vehicle running costs"),
            |n| {
                n.contains("公务用车")
                    && (n.contains("运行维护") || n.contains("运维"))
                    && !n.contains("购置")
            },
        ),
        (
            "30217",
            "接待",
            text!("公务接待费", "official reception"),
            |n| n.contains("公务接待费"),
        ),
        (
            "30212",
            "出国",
            text!("因公出国（境）费", "travel abroad"),
            |n| n.contains("因公出国") && !n.starts_with("其他"),
        ),
    ];
    let mut findings = Vec::new();
    for (code, word, item, pred) in pairs {
        let Some(r6) = side6.rows.iter().position(|r| {
            r.code.as_ref().is_some_and(|c| c.as_str() == code) && squeeze(&r.name).contains(word)
        }) else {
            continue;
        };
        let basic = cell(&t6, side6, r6, Some(c6));
        if basic.value.is_zero() {
            continue;
        }
        let r9 = row_where(side9, pred).map(|(i, _)| i);
        let three = r9
            .map(|i| cell(&t9, side9, i, Some(c9)))
            .unwrap_or(Figure::new(Decimal::ZERO, t9.table.unit));
        let mut places = vec![t6.cell_place(si6, r6, c6)];
        places.extend(r9.map(|i| t9.cell_place(si9, i, c9)));
        match figures_differ(basic, three) {
            Err(()) => findings.push(overflow(
                "cross.three-public-vs-economic",
                text!("基本支出表 {}", "T6 {}", code),
                places,
            )),
            Ok(Some((over, tolerance))) if over > Decimal::ZERO => findings.push(
                Finding::new(
                    "cross.three-public-vs-economic",
                    Severity::Error,
                    text!(
                        "基本支出表 {} {} {} 大于三公经费表{} {}，超出 {}",
                        "T6 {} {} {} is more than T9's {} {} by {}",
                        code,
                        squeeze(&side6.rows[r6].name),
                        basic,
                        item,
                        three,
                        Arg::Figure(over, three.unit)
                    ),
                    places,
                )
                .with_figures(Figures {
                    printed: three.in_unit(basic.unit),
                    expected: Some(basic.value),
                    difference: Some(over),
                    tolerance: Some(tolerance),
                    unit: Some(three.unit),
                }),
            ),
            _ => {}
        }
    }
    Outcome::Ran(findings)
}

/// The fiscal funds a summary line can name.
const FUNDS: [&str; 3] = ["一般公共预算", "政府性基金", "国有资本经营"];

/// The income lines of a summary side that name `fund`, with their figure.
fn fund_lines(found: &Found, label: &str, fund: &str) -> Option<Vec<(usize, usize, Figure)>> {
    let s = summary_side(found, label).ok()?;
    Some(
        s.lines
            .iter()
            .filter(|&&i| squeeze(&s.side.rows[i].name).contains(fund))
            .map(|&i| (s.index, i, cell(found, s.side, i, Some(0))))
            .collect(),
    )
}

/// T1 and T4 list income by fund; a fund's line must carry the same figure
/// in both (two lines swapped in one table pass every sum of it).
fn summary_vs_grant_income(doc: &Disclosure) -> Outcome {
    let tables = match need(
        doc,
        &[
            TableKind::IncomeExpenditureSummary,
            TableKind::FiscalGrantSummary,
        ],
    ) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t1, t4) = (tables[0], tables[1]);
    let mut compared = false;
    let mut findings = Vec::new();
    for fund in FUNDS {
        let (Some(in1), Some(in4)) = (fund_lines(&t1, "收入", fund), fund_lines(&t4, "收入", fund))
        else {
            continue;
        };
        // One line per fund in each table, or the lines cannot be paired.
        let ([(s1, r1, f1)], [(s4, r4, f4)]) = (&in1[..], &in4[..]) else {
            continue;
        };
        compared = true;
        findings.extend(mismatch(
            "cross.summary-vs-grant-income",
            (
                *f4,
                text!("财政拨款收支总表「{}」收入", "T4 income “{}”", fund),
            ),
            (*f1, text!("收支总表「{}」收入", "T1 income “{}”", fund)),
            vec![t4.cell_place(*s4, *r4, 0), t1.cell_place(*s1, *r1, 0)],
        ));
    }
    if !compared {
        return Outcome::CouldNotRun(text!(
            "收支总表与财政拨款收支总表没有可配对的资金收入行",
            "T1 and T4 have no income lines to pair by fund"
        ));
    }
    Outcome::Ran(findings)
}

/// Row index and 合计 figure of each code.
type ByCode = BTreeMap<String, (usize, Figure)>;

/// The 合计 column of every coded row of a one-sided table, by code.
fn by_code(found: &Found) -> Option<(usize, ByCode)> {
    let (si, side) = found.main_side()?;
    let c = side.column("合计").unwrap_or(0);
    let rows = side
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let code = r.code.as_ref()?;
            Some((
                code.as_str().to_string(),
                (i, cell(found, side, i, Some(c))),
            ))
        })
        .collect();
    Some((si, rows))
}

/// Income and expenditure are classified by the same functional codes:
/// each code's income total is its expenditure total.
fn income_vs_expenditure_codes(doc: &Disclosure) -> Outcome {
    let tables = match need(doc, &[TableKind::Income, TableKind::Expenditure]) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let (t2, t3) = (tables[0], tables[1]);
    let (Some((si2, codes2)), Some((si3, codes3))) = (by_code(&t2), by_code(&t3)) else {
        return Outcome::CouldNotRun(text!("收入总表或支出总表没有内容", "T2 or T3 is empty"));
    };
    if codes2.is_empty() || codes3.is_empty() {
        return Outcome::CouldNotRun(text!(
            "收入总表或支出总表没有按科目编码列示",
            "T2 or T3 is not listed by code"
        ));
    }
    let mut findings = Vec::new();
    let mut codes: Vec<&String> = codes2.keys().chain(codes3.keys()).collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        match (codes2.get(code), codes3.get(code)) {
            (Some((r2, f2)), Some((r3, f3))) => findings.extend(mismatch(
                "cross.income-vs-expenditure-codes",
                (*f2, text!("收入总表 {}", "T2 {}", code)),
                (*f3, text!("支出总表 {}", "T3 {}", code)),
                vec![t2.row_place(si2, *r2), t3.row_place(si3, *r3)],
            )),
            (Some((r, f)), None) | (None, Some((r, f))) if !f.value.is_zero() => {
                let (place, table, other) = if codes2.contains_key(code) {
                    (
                        t2.row_place(si2, *r),
                        TableKind::Income,
                        TableKind::Expenditure,
                    )
                } else {
                    (
                        t3.row_place(si3, *r),
                        TableKind::Expenditure,
                        TableKind::Income,
                    )
                };
                findings.push(Finding::new(
                    "cross.income-vs-expenditure-codes",
                    Severity::Error,
                    text!(
                        "{}列有科目 {} {}，{}没有这一科目",
                        "{} lists code {} with {}, but {} has no such code",
                        Arg::Table(table),
                        code,
                        *f,
                        Arg::Table(other)
                    ),
                    vec![place],
                ));
            }
            _ => {}
        }
    }
    Outcome::Ran(findings)
}
