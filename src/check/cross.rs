//! Checks across tables (catalogue C): the summary tables against the detail
//! tables, 类 by 类, fund by fund, code by code, and 三公 against the
//! economic classification.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::tables::{summary_side, SummarySide};
use super::{
    convert, figures_agree, find_table, row_where, show_diff, squeeze, strip_numbering, total_row,
    Figure, Finding, Found, Outcome, Rule, Severity,
};
use crate::model::{CodeScheme, Disclosure, Place, Side, TableKind, Unit};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "cross.summary-vs-income",
        title: "收支总表收入 = 收入总表合计",
        check: summary_vs_income,
    },
    Rule {
        id: "cross.summary-vs-expenditure",
        title: "收支总表本年支出合计 = 支出总表合计",
        check: summary_vs_expenditure,
    },
    Rule {
        id: "cross.class-totals",
        title: "各类支出：收支总表 = 支出总表，财政拨款收支总表与之一致",
        check: class_totals,
    },
    Rule {
        id: "cross.grant-vs-general",
        title: "财政拨款收支总表一般公共预算列 = 一般公共预算财政拨款支出表合计",
        check: |doc| grant_vs_table(doc, "一般公共预算", TableKind::GeneralPublicExpenditure),
    },
    Rule {
        id: "cross.grant-vs-fund",
        title: "财政拨款收支总表政府性基金列 = 政府性基金预算财政拨款支出表合计",
        check: |doc| grant_vs_table(doc, "政府性基金", TableKind::GovernmentFundExpenditure),
    },
    Rule {
        id: "cross.grant-vs-state-capital",
        title: "财政拨款收支总表国有资本经营列 = 国有资本经营预算财政拨款支出表合计",
        check: |doc| grant_vs_table(doc, "国有资本经营", TableKind::StateCapitalExpenditure),
    },
    Rule {
        id: "cross.general-basic-vs-basic-table",
        title: "一般公共预算财政拨款支出表基本支出 = 基本支出表合计",
        check: general_basic_vs_basic_table,
    },
    Rule {
        id: "cross.expenditure-covers-grants",
        title: "每个功能科目：支出总表 ≥ 一般公共预算 + 政府性基金 + 国有资本经营",
        check: expenditure_covers_grants,
    },
    Rule {
        id: "cross.three-public-vs-economic",
        title: "基本支出表 30231 / 30217 / 30212 ≤ 三公经费表对应项",
        check: three_public_vs_economic,
    },
];

fn need<'a>(doc: &'a Disclosure, kinds: &[TableKind]) -> Result<Vec<Found<'a>>, Outcome> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for &kind in kinds {
        match find_table(doc, kind) {
            Some(f) => found.push(f),
            None => missing.push(kind.short_name()),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(Outcome::CouldNotRun(format!("缺少{}", missing.join("、"))))
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
    a: (Figure, String),
    b: (Figure, String),
    places: Vec<Place>,
) -> Option<Finding> {
    if figures_agree(a.0, b.0) {
        return None;
    }
    let diff = a.0.in_unit(b.0.unit).saturating_sub(b.0.value);
    Some(Finding::new(
        rule,
        Severity::Error,
        format!(
            "{} {} 与{} {} 不一致，相差 {}{}",
            a.1,
            a.0.show(),
            b.1,
            b.0.show(),
            show_diff(diff),
            b.0.unit.label()
        ),
        places,
    ))
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
        return Outcome::CouldNotRun("收支总表没有收入栏".into());
    };
    let Some((si2, side2, ri2)) = totals(&t2) else {
        return Outcome::CouldNotRun("收入总表找不到合计行".into());
    };
    let mut findings = Vec::new();
    let t2_place = t2.row_place(si2, ri2);
    if let Some(ti) = s.total {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (cell(&t1, t1_side, ti, Some(0)), "收支总表收入总计".into()),
            (
                cell(&t2, side2, ri2, side2.column("合计").or(Some(0))),
                "收入总表合计".into(),
            ),
            vec![t1.row_place(s.index, ti), t2_place],
        ));
    }
    if let Some(sub) = side2.column("小计") {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (
                cell(&t1, t1_side, s.subtotal, Some(0)),
                "收支总表本年收入合计".into(),
            ),
            (
                cell(&t2, side2, ri2, Some(sub)),
                "收入总表本年收入小计".into(),
            ),
            vec![t1.row_place(s.index, s.subtotal), t2_place],
        ));
    }
    if let Some(carry) = side2.column("上年结转") {
        findings.extend(mismatch(
            "cross.summary-vs-income",
            (
                Figure::new(s.carry.unwrap_or(Decimal::ZERO), t1.table.unit),
                "收支总表上年结转结余".into(),
            ),
            (
                cell(&t2, side2, ri2, Some(carry)),
                "收入总表上年结转".into(),
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
        return Outcome::CouldNotRun("收支总表没有支出栏".into());
    };
    let Some((si3, side3, ri3)) = totals(&t3) else {
        return Outcome::CouldNotRun("支出总表找不到合计行".into());
    };
    let findings = mismatch(
        "cross.summary-vs-expenditure",
        (
            cell(&t1, t1_side, s.subtotal, Some(0)),
            "收支总表本年支出合计".into(),
        ),
        (
            cell(&t3, side3, ri3, side3.column("合计").or(Some(0))),
            "支出总表合计".into(),
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
        .map(|(i, r)| {
            (
                strip_numbering(&r.name),
                (cell(found, side, i, Some(column)), i),
            )
        })
        .collect()
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
        return Outcome::CouldNotRun("找不到支出栏".into());
    };
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
                (*f1, format!("收支总表「{name}」")),
                (*f3, format!("支出总表「{name}」")),
                place1.into_iter().chain(place3).collect(),
            )),
            (Some((f1, _)), None) if !zero(f1) => findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                format!("收支总表列「{name}」{}，支出总表没有这一类", f1.show()),
                place1.into_iter().collect(),
            )),
            (None, Some((f3, _))) if !zero(f3) => findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                format!(
                    "支出总表列「{name}」{}，收支总表没有这一类支出项",
                    f3.show()
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
                (grant, format!("财政拨款收支总表「{name}」")),
                (*f3, format!("支出总表「{name}」")),
                place4.into_iter().chain(place3).collect(),
            ));
        } else if grant.in_unit(Unit::Yuan)
            > f3.in_unit(Unit::Yuan).saturating_add(f3.half_unit_yuan())
        {
            findings.push(Finding::new(
                "cross.class-totals",
                Severity::Error,
                format!(
                    "财政拨款收支总表「{name}」{} 大于支出总表同类 {}",
                    grant.show(),
                    f3.show()
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
                format!(
                    "财政拨款收支总表列「{name}」{}，支出总表没有这一类",
                    f4.show()
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
        return Outcome::CouldNotRun("财政拨款收支总表没有支出栏".into());
    };
    let Some(column) = side4.column(fund) else {
        return Outcome::CouldNotRun(format!("财政拨款收支总表没有「{fund}」列"));
    };
    let grant = cell(&t4, side4, s4.subtotal, Some(column));
    let detail_total = totals(&detail);
    // A detail table with no 合计 row (an empty table prints none) counts as
    // zero only when it has no figures at all; otherwise the rule cannot run.
    if detail_total.is_none() && !detail.table.has_no_figures() {
        return Outcome::CouldNotRun(format!("{}没有合计行", detail.name()));
    }
    let detail_figure = detail_total
        .map(|(_, side, ri)| cell(&detail, side, ri, side.column("合计").or(Some(0))))
        .unwrap_or(Figure::new(Decimal::ZERO, detail.table.unit));
    if grant.value.is_zero() && detail_figure.value.is_zero() {
        return Outcome::NotApplicable(format!("无{fund}预算"));
    }
    let mut places = vec![t4.row_place(s4.index, s4.subtotal)];
    places.push(match detail_total {
        Some((si, _, ri)) => detail.row_place(si, ri),
        None => detail.place(),
    });
    Outcome::Ran(
        mismatch(
            rule,
            (grant, format!("财政拨款收支总表「{fund}」列本年支出合计")),
            (detail_figure, format!("{}合计", detail.name())),
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
        return Outcome::CouldNotRun("找不到合计行".into());
    };
    let Some(basic) = side5.column("基本支出") else {
        return Outcome::CouldNotRun("一般公共预算财政拨款支出表没有基本支出列".into());
    };
    Outcome::Ran(
        mismatch(
            "cross.general-basic-vs-basic-table",
            (
                cell(&t5, side5, ri5, Some(basic)),
                "一般公共预算财政拨款支出表基本支出合计".into(),
            ),
            (
                cell(&t6, side6, ri6, side6.column("合计").or(Some(0))),
                "基本支出表合计".into(),
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
        return Outcome::CouldNotRun("支出总表没有内容".into());
    };
    let mut findings = Vec::new();
    for label in ["合计", "基本支出", "项目支出"] {
        let Some(c3) = side3.column(label) else {
            continue;
        };
        // Σ over the grant tables, code by code, in 元.
        let mut grants: BTreeMap<String, (Decimal, Vec<Place>)> = BTreeMap::new();
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
                    .or_insert((Decimal::ZERO, Vec::new()));
                entry.0 = entry
                    .0
                    .saturating_add(convert(amount, detail.table.unit, Unit::Yuan));
                entry.1.push(detail.row_place(si, ri));
            }
        }
        for (code, (grant_yuan, places)) in grants {
            let row3 = side3
                .rows
                .iter()
                .position(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code));
            let spent = row3
                .and_then(|i| side3.rows[i].amount(c3))
                .map(|d| convert(d, t3.table.unit, Unit::Yuan))
                .unwrap_or(Decimal::ZERO);
            if grant_yuan > spent {
                let unit = t3.table.unit;
                let mut all = Vec::new();
                all.extend(row3.map(|i| t3.row_place(si3, i)));
                all.extend(places);
                findings.push(Finding::new(
                    "cross.expenditure-covers-grants",
                    Severity::Error,
                    format!(
                        "科目 {code}「{label}」：财政拨款支出表合计 {}{} 大于支出总表 {}{}，超出 {}{}",
                        convert(grant_yuan, Unit::Yuan, unit).normalize(),
                        unit.label(),
                        convert(spent, Unit::Yuan, unit).normalize(),
                        unit.label(),
                        convert(grant_yuan.saturating_sub(spent), Unit::Yuan, unit).normalize(),
                        unit.label()
                    ),
                    all,
                ));
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
        return Outcome::CouldNotRun("表中没有内容".into());
    };
    let c6 = side6.column("合计").unwrap_or(0);
    // T6 is 一般公共预算 basic spending: compare with T9's 一般公共预算 column.
    let c9 = side9
        .column("一般公共预算")
        .or_else(|| side9.column("合计"))
        .unwrap_or(0);
    type RowPred = fn(&str) -> bool;
    let pairs: [(&str, &str, RowPred); 3] = [
        ("30231", "公务用车运行维护费", |n| {
            n.contains("公务用车")
                && (n.contains("运行维护") || n.contains("运维"))
                && !n.contains("购置")
        }),
        ("30217", "公务接待费", |n| n.contains("公务接待费")),
        ("30212", "因公出国（境）费", |n| {
            n.contains("因公出国") && !n.starts_with("其他")
        }),
    ];
    let mut findings = Vec::new();
    for (code, item, pred) in pairs {
        let Some(r6) = side6
            .rows
            .iter()
            .position(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code))
        else {
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
        let tolerance = if basic.unit == three.unit {
            Decimal::ZERO
        } else {
            basic.half_unit_yuan().max(three.half_unit_yuan())
        };
        if basic.in_unit(Unit::Yuan) > three.in_unit(Unit::Yuan).saturating_add(tolerance) {
            let mut places = vec![t6.row_place(si6, r6)];
            places.extend(r9.map(|i| t9.row_place(si9, i)));
            findings.push(Finding::new(
                "cross.three-public-vs-economic",
                Severity::Error,
                format!(
                    "基本支出表 {code} {} {} 大于三公经费表{item} {}，超出 {}{}",
                    squeeze(&side6.rows[r6].name),
                    basic.show(),
                    three.show(),
                    show_diff(basic.value.saturating_sub(three.in_unit(basic.unit))),
                    basic.unit.label()
                ),
                places,
            ));
        }
    }
    Outcome::Ran(findings)
}
