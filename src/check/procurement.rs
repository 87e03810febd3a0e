//! 政府采购预算: the table adds up: its 合计 is the sum of its categories
//! (一、货物 / 二、工程 / 三、服务), the rows that start in its first column,
//! amounts in the last column. (Below a category, 专项 and items share
//! merged cells in ways regions print differently: not summed.)

use rust_decimal::Decimal;

use super::{compare_sum_with, squeeze, sum_finding, Arg, Outcome, Rounding, Rule};
use crate::model::amount::parse_amount;
use crate::model::{Disclosure, Place};
use crate::text;

pub(crate) const RULES: &[Rule] = &[Rule {
    id: "procurement.sum",
    title: "政府采购预算表：合计 = 各类（货物、工程、服务）之和",
    title_en:
        "Procurement table: the total equals the sum of its categories (goods, works, services)",
    check: procurement_sum,
}];

/// A row's level: 0 for 合计, then the first column with text (the
/// category in column 0 is level 1, a 专项 in column 1 level 2, …).
fn level(row: &[String]) -> Option<usize> {
    let first = row.iter().position(|c| !c.trim().is_empty())?;
    if first == 0 && squeeze(&row[0]).starts_with("合计") {
        return Some(0);
    }
    Some(first + 1)
}

fn procurement_sum(doc: &Disclosure) -> Outcome {
    let Some(p) = &doc.procurement else {
        return Outcome::NotApplicable(text!(
            "没有政府采购预算表",
            "there is no procurement table"
        ));
    };
    // (level, name, amount) of every row with an amount in its last column.
    let mut rows: Vec<(usize, String, Option<Decimal>)> = Vec::new();
    for row in &p.table.rows {
        let Some(lvl) = level(row) else { continue };
        let amount = row.last().and_then(|c| parse_amount(c).ok().flatten());
        let name = row
            .iter()
            .find(|c| !c.trim().is_empty())
            .cloned()
            .unwrap_or_default();
        rows.push((lvl, name, amount));
    }
    if rows.iter().all(|(_, _, a)| a.is_none()) {
        return Outcome::NotApplicable(text!(
            "政府采购预算表没有金额",
            "the procurement table has no amounts"
        ));
    }
    let Some((_, name, total)) = rows.iter().find(|(l, _, _)| *l == 0) else {
        return Outcome::NotApplicable(text!(
            "政府采购预算表没有合计行",
            "the procurement table has no total row"
        ));
    };
    let categories: Vec<Option<Decimal>> = rows
        .iter()
        .filter(|(l, _, _)| *l == 1)
        .map(|(_, _, a)| *a)
        .collect();
    let mut findings = Vec::new();
    if !categories.is_empty() {
        findings.extend(sum_finding(
            "procurement.sum",
            compare_sum_with(*total, &categories, Rounding::Exact),
            *total,
            p.unit,
            text!(
                "政府采购预算表「{}」",
                "procurement table, “{}”",
                Arg::Doc(name.trim().to_string())
            ),
            text!("各类之和", "the sum of the categories"),
            vec![Place::Procurement],
        ));
    }
    Outcome::Ran(findings)
}
