//! Checks inside one table (catalogue B): parent = Σ children, 合计 = Σ 类,
//! row totals = Σ component columns, the 三公 rows, and the two summary
//! tables' identities.

use rust_decimal::Decimal;

use super::{
    compare_sum, find_table, row_where, show, show_diff, squeeze, strip_numbering, sum_finding,
    sum_of, total_row, Finding, Found, Outcome, Rule, Severity,
};
use crate::model::{Disclosure, Side, TableKind};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "table.parent-sum",
        title: "上级科目 = 下级科目之和（类 = Σ款，款 = Σ项），每一列",
        check: parent_sum,
    },
    Rule {
        id: "table.total-row",
        title: "合计行 = 各类之和，每一列",
        check: total_row_sum,
    },
    Rule {
        id: "table.column-sum",
        title: "每行合计列 = 各组成列之和",
        check: column_sum,
    },
    Rule {
        id: "table.three-public-rows",
        title: "三公经费表：小计 = 出国 + 车 + 接待，车 = 购置 + 运维",
        check: three_public_rows,
    },
    Rule {
        id: "summary.income-sum",
        title: "收支总表：本年收入合计 = 各收入项之和",
        check: |doc| lines_sum(doc, TableKind::IncomeExpenditureSummary, "收入"),
    },
    Rule {
        id: "summary.expenditure-sum",
        title: "收支总表：本年支出合计 = 各支出项之和",
        check: |doc| lines_sum(doc, TableKind::IncomeExpenditureSummary, "支出"),
    },
    Rule {
        id: "summary.balance",
        title: "收支总表：收入总计 = 本年收入合计 + 上年结转结余 = 支出总计",
        check: |doc| balance(doc, TableKind::IncomeExpenditureSummary),
    },
    Rule {
        id: "grant-summary.income-sum",
        title: "财政拨款收支总表：本年收入合计 = 各收入项之和",
        check: |doc| lines_sum(doc, TableKind::FiscalGrantSummary, "收入"),
    },
    Rule {
        id: "grant-summary.expenditure-sum",
        title: "财政拨款收支总表：本年支出合计 = 各支出项之和，每一列",
        check: |doc| lines_sum(doc, TableKind::FiscalGrantSummary, "支出"),
    },
    Rule {
        id: "grant-summary.balance",
        title: "财政拨款收支总表：收入总计 = 本年收入合计 + 结转 = 支出总计",
        check: |doc| balance(doc, TableKind::FiscalGrantSummary),
    },
];

fn column_name(side: &Side, column: usize) -> String {
    side.columns
        .get(column)
        .map(|c| c.path())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| format!("第{}列", column + 1))
}

fn width(side: &Side) -> usize {
    side.columns
        .len()
        .max(side.rows.iter().map(|r| r.amounts.len()).max().unwrap_or(0))
}

fn coded_tables(doc: &Disclosure) -> Vec<Found<'_>> {
    doc.tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind.scheme().is_some())
        .map(|(index, table)| Found { index, table })
        .collect()
}

fn parent_sum(doc: &Disclosure) -> Outcome {
    let tables = coded_tables(doc);
    if tables.is_empty() {
        return Outcome::CouldNotRun("没有按科目编码列示的表".into());
    }
    let mut findings = Vec::new();
    for found in tables {
        let Some(scheme) = found.table.kind.scheme() else {
            continue;
        };
        for (si, side) in found.table.sides.iter().enumerate() {
            for (ri, row) in side.rows.iter().enumerate() {
                let Some(code) = &row.code else { continue };
                let children: Vec<&crate::model::TableRow> = side
                    .rows
                    .iter()
                    .filter(|r| {
                        r.code
                            .as_ref()
                            .and_then(|c| c.parent(scheme))
                            .is_some_and(|p| &p == code)
                    })
                    .collect();
                if children.is_empty() {
                    continue;
                }
                let depth = code.depth(scheme).unwrap_or(1);
                let child_level = scheme.depth_name(depth + 1);
                for c in 0..width(side) {
                    let amounts: Vec<Option<Decimal>> =
                        children.iter().map(|r| r.amount(c)).collect();
                    let outcome = compare_sum(row.amount(c), &amounts);
                    if let Some(f) = sum_finding(
                        "table.parent-sum",
                        outcome,
                        row.amount(c),
                        &format!(
                            "{}「{}」列：{} {}",
                            found.name(),
                            column_name(side, c),
                            code,
                            row.name
                        ),
                        &format!("其下各{child_level}之和"),
                        vec![found.row_place(si, ri)],
                    ) {
                        findings.push(f);
                    }
                }
            }
        }
    }
    Outcome::Ran(findings)
}

fn total_row_sum(doc: &Disclosure) -> Outcome {
    let tables = coded_tables(doc);
    if tables.is_empty() {
        return Outcome::CouldNotRun("没有按科目编码列示的表".into());
    }
    let mut findings = Vec::new();
    let mut compared = false;
    for found in tables {
        let Some(scheme) = found.table.kind.scheme() else {
            continue;
        };
        for (si, side) in found.table.sides.iter().enumerate() {
            let Some((ti, total)) = total_row(side) else {
                continue;
            };
            let classes: Vec<_> = side
                .rows
                .iter()
                .filter(|r| r.code.as_ref().and_then(|c| c.depth(scheme)) == Some(1))
                .collect();
            // A table that prints no 类 row cannot be summed to its 合计:
            // that is not a contradiction.
            if classes.is_empty() {
                continue;
            }
            compared = true;
            for c in 0..width(side) {
                let amounts: Vec<Option<Decimal>> = classes.iter().map(|r| r.amount(c)).collect();
                if let Some(f) = sum_finding(
                    "table.total-row",
                    compare_sum(total.amount(c), &amounts),
                    total.amount(c),
                    &format!("{}「{}」列：合计", found.name(), column_name(side, c)),
                    "各类之和",
                    vec![found.row_place(si, ti)],
                ) {
                    findings.push(f);
                }
            }
        }
    }
    if !compared {
        return Outcome::CouldNotRun("没有同时列出合计行和类级科目行的表".into());
    }
    Outcome::Ran(findings)
}

const TOTAL_LABELS: [&str; 3] = ["合计", "小计", "总计"];

/// For each total column (合计 / 小计 / 总计) of a side, the columns it is
/// the sum of: its siblings under the same header; a sibling group counts
/// through its own 小计 when it prints one, else through its leaves.
/// Columns beside the total that are not part of it are left out ([`is_aside`]).
pub(crate) fn column_identities(side: &Side) -> Vec<(usize, Vec<usize>)> {
    let headers: Vec<Vec<String>> = side
        .columns
        .iter()
        .map(|c| c.header.iter().map(|h| squeeze(h)).collect())
        .collect();
    let is_total = |h: &[String]| h.last().is_some_and(|l| TOTAL_LABELS.contains(&l.as_str()));
    let mut identities = Vec::new();
    for (ti, th) in headers.iter().enumerate() {
        if !is_total(th) {
            continue;
        }
        let prefix = &th[..th.len() - 1];
        let mut keys: Vec<&str> = Vec::new();
        for (j, h) in headers.iter().enumerate() {
            if j != ti && h.len() > prefix.len() && h.starts_with(prefix) {
                let key = h[prefix.len()].as_str();
                if !keys.contains(&key) && !is_aside(key) {
                    keys.push(key);
                }
            }
        }
        let mut parts = Vec::new();
        for key in keys {
            let members: Vec<usize> = headers
                .iter()
                .enumerate()
                .filter(|(j, h)| {
                    *j != ti
                        && h.len() > prefix.len()
                        && h.starts_with(prefix)
                        && h[prefix.len()] == key
                })
                .map(|(j, _)| j)
                .collect();
            let leaf = members
                .iter()
                .copied()
                .find(|&j| headers[j].len() == prefix.len() + 1);
            let subtotal = members
                .iter()
                .copied()
                .find(|&j| headers[j].len() == prefix.len() + 2 && is_total(&headers[j]));
            match (leaf, subtotal) {
                (Some(j), _) | (None, Some(j)) => parts.push(j),
                (None, None) => parts.extend(members.iter().copied().filter(|&j| {
                    headers[j]
                        .last()
                        .is_some_and(|l| !is_aside(l) && !TOTAL_LABELS.contains(&l.as_str()))
                })),
            }
        }
        if !parts.is_empty() {
            identities.push((ti, parts));
        }
    }
    identities
}

/// Columns printed beside a total but not part of it: `其中` parts of a
/// part, and the 机关运行经费 that Shanghai prints in its 三公 table.
fn is_aside(label: &str) -> bool {
    label.starts_with("其中") || label.contains("机关运行经费")
}

fn column_sum(doc: &Disclosure) -> Outcome {
    let mut checked_any = false;
    let mut findings = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        let found = Found { index, table };
        for (si, side) in table.sides.iter().enumerate() {
            let identities = column_identities(side);
            if identities.is_empty() {
                continue;
            }
            checked_any = true;
            for (ri, row) in side.rows.iter().enumerate() {
                for (total, parts) in &identities {
                    let amounts: Vec<Option<Decimal>> =
                        parts.iter().map(|&p| row.amount(p)).collect();
                    let part_names: Vec<String> =
                        parts.iter().map(|&p| column_name(side, p)).collect();
                    let label = match &row.code {
                        Some(code) => format!("{code} {}", row.name),
                        None => row.name.clone(),
                    };
                    if let Some(f) = sum_finding(
                        "table.column-sum",
                        compare_sum(row.amount(*total), &amounts),
                        row.amount(*total),
                        &format!(
                            "{}「{}」行的「{}」",
                            found.name(),
                            label,
                            column_name(side, *total)
                        ),
                        &format!("{}之和", part_names.join(" + ")),
                        vec![found.row_place(si, ri)],
                    ) {
                        findings.push(f);
                    }
                }
            }
        }
    }
    if checked_any {
        Outcome::Ran(findings)
    } else {
        Outcome::CouldNotRun("没有带合计列的表".into())
    }
}

fn three_public_rows(doc: &Disclosure) -> Outcome {
    let Some(found) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun("缺少财政拨款“三公”经费支出表".into());
    };
    let Some((si, side)) = found.main_side() else {
        return Outcome::CouldNotRun("三公经费表没有内容".into());
    };
    let subtotal = row_where(side, |n| n.contains("三公") && n.contains("小计"));
    let abroad = row_where(side, |n| n.contains("因公出国") && !n.starts_with("其他"));
    let cars = row_where(side, |n| n.contains("公务用车购置及运"));
    let purchase = row_where(side, |n| n.contains("公务用车购置费"));
    let running = row_where(side, |n| {
        n.contains("公务用车")
            && (n.contains("运行维护费") || n.contains("运维费"))
            && !n.contains("购置")
    });
    let reception = row_where(side, |n| n.contains("公务接待费"));
    let grand = row_where(side, |n| n == "合计");
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut identity = |parent: Option<(usize, &crate::model::TableRow)>,
                        parts: &[Option<(usize, &crate::model::TableRow)>],
                        parts_text: &str| {
        let Some((pi, prow)) = parent else { return };
        checked += 1;
        for c in 0..width(side) {
            let amounts: Vec<Option<Decimal>> = parts
                .iter()
                .map(|p| p.and_then(|(_, r)| r.amount(c)))
                .collect();
            if let Some(f) = sum_finding(
                "table.three-public-rows",
                compare_sum(prow.amount(c), &amounts),
                prow.amount(c),
                &format!("三公经费表「{}」列：{}", column_name(side, c), prow.name),
                parts_text,
                vec![found.row_place(si, pi)],
            ) {
                findings.push(f);
            }
        }
    };
    identity(
        subtotal,
        &[abroad, cars, reception],
        "因公出国（境）费 + 公务用车购置及运维费 + 公务接待费",
    );
    identity(
        cars,
        &[purchase, running],
        "公务用车购置费 + 公务用车运行维护费",
    );
    // Regions that add 会议费 / 培训费 print them below the 三公 rows, so
    // 合计 = 小计 only where no other item is printed.
    let known = [subtotal, abroad, cars, purchase, running, reception, grand];
    let others = side.rows.iter().enumerate().any(|(i, r)| {
        !known.iter().flatten().any(|(k, _)| *k == i)
            && !squeeze(&r.name).starts_with("其他因公出国")
            && r.amounts.iter().any(Option::is_some)
    });
    if !others {
        identity(grand, &[subtotal], "“三公”经费小计");
    }
    if checked == 0 {
        return Outcome::CouldNotRun("三公经费表中找不到小计与分项行".into());
    }
    Outcome::Ran(findings)
}

/// The rows of one side of a summary table (T1 / T4), by role.
pub(crate) struct SummarySide<'a> {
    pub index: usize,
    pub side: &'a Side,
    /// The lines that 本年收入合计 / 本年支出合计 sums.
    pub lines: Vec<usize>,
    /// 本年收入合计 / 本年支出合计.
    pub subtotal: usize,
    /// 上年结转结余 / 年末结转和结余 and their sub-rows.
    pub carry: Vec<usize>,
    /// 收入总计 / 支出总计.
    pub total: Option<usize>,
}

impl SummarySide<'_> {
    /// The carried-over balance in `column`: the carry row itself, or the
    /// sum of its sub-rows where it is blank.
    pub fn carry_amount(&self, column: usize) -> Option<Decimal> {
        let mut rows = self.carry.iter().filter_map(|&i| self.side.rows.get(i));
        let head = rows.next()?;
        head.amount(column).or_else(|| {
            let rest: Vec<Decimal> = rows.filter_map(|r| r.amount(column)).collect();
            (!rest.is_empty()).then(|| sum_of(rest.iter().copied()))
        })
    }
}

fn has_numbering(name: &str) -> bool {
    strip_numbering(name) != squeeze(name)
}

/// Finds the rows of the 收入 / 支出 side of a summary table.
pub(crate) fn summary_side<'a>(found: &Found<'a>, label: &str) -> Result<SummarySide<'a>, String> {
    let (index, side) = found
        .side(label)
        .ok_or_else(|| format!("{}没有「{label}」栏", found.name()))?;
    let subtotal = side
        .rows
        .iter()
        .position(|r| {
            let n = squeeze(&r.name);
            n.contains("合计") && (n.contains("本年") || n.contains(label))
        })
        .ok_or_else(|| format!("{}找不到「本年{label}合计」行", found.name()))?;
    let total = side
        .rows
        .iter()
        .enumerate()
        .skip(subtotal + 1)
        .find(|(_, r)| squeeze(&r.name).contains("总计"))
        .map(|(i, _)| i);
    let candidates: Vec<usize> = (0..subtotal)
        .filter(|&i| {
            let n = squeeze(&side.rows[i].name);
            !n.is_empty() && !n.starts_with("其中")
        })
        .collect();
    // Where the lines are numbered (一、…), unnumbered rows are sub-items.
    let numbered = candidates
        .iter()
        .any(|&i| has_numbering(&side.rows[i].name));
    let lines = candidates
        .into_iter()
        .filter(|&i| !numbered || has_numbering(&side.rows[i].name))
        .collect();
    let carry = (subtotal + 1..total.unwrap_or(side.rows.len()))
        .filter(|&i| !squeeze(&side.rows[i].name).is_empty())
        .collect();
    Ok(SummarySide {
        index,
        side,
        lines,
        subtotal,
        carry,
        total,
    })
}

fn summary_table(doc: &Disclosure, kind: TableKind) -> Result<Found<'_>, Outcome> {
    find_table(doc, kind).ok_or_else(|| Outcome::CouldNotRun(format!("缺少{}", kind.short_name())))
}

fn lines_sum(doc: &Disclosure, kind: TableKind, label: &str) -> Outcome {
    let found = match summary_table(doc, kind) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let s = match summary_side(&found, label) {
        Ok(s) => s,
        Err(why) => return Outcome::CouldNotRun(why),
    };
    let rule = match (kind, label) {
        (TableKind::IncomeExpenditureSummary, "收入") => "summary.income-sum",
        (TableKind::IncomeExpenditureSummary, _) => "summary.expenditure-sum",
        (_, "收入") => "grant-summary.income-sum",
        _ => "grant-summary.expenditure-sum",
    };
    let subtotal = &s.side.rows[s.subtotal];
    let mut findings = Vec::new();
    for c in 0..width(s.side) {
        let amounts: Vec<Option<Decimal>> =
            s.lines.iter().map(|&i| s.side.rows[i].amount(c)).collect();
        if let Some(f) = sum_finding(
            rule,
            compare_sum(subtotal.amount(c), &amounts),
            subtotal.amount(c),
            &format!(
                "{}「{}」列：{}",
                found.name(),
                column_name(s.side, c),
                subtotal.name
            ),
            &format!("各{label}项之和"),
            vec![found.row_place(s.index, s.subtotal)],
        ) {
            findings.push(f);
        }
    }
    Outcome::Ran(findings)
}

fn balance(doc: &Disclosure, kind: TableKind) -> Outcome {
    let found = match summary_table(doc, kind) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let (income, spending) = match (summary_side(&found, "收入"), summary_side(&found, "支出"))
    {
        (Ok(i), Ok(s)) => (i, s),
        (Err(why), _) | (_, Err(why)) => return Outcome::CouldNotRun(why),
    };
    let rule = if kind == TableKind::IncomeExpenditureSummary {
        "summary.balance"
    } else {
        "grant-summary.balance"
    };
    let mut findings = Vec::new();
    let spending_column = spending.side.column("合计").unwrap_or(0);
    let mut grand_totals = Vec::new();
    for (s, column, word) in [(&income, 0, "收入"), (&spending, spending_column, "支出")] {
        let Some(ti) = s.total else {
            findings.push(Finding::new(
                rule,
                Severity::Warning,
                format!("{}找不到「{word}总计」行", found.name()),
                vec![found.place()],
            ));
            continue;
        };
        let total = s.side.rows[ti].amount(column);
        grand_totals.push((ti, s.index, total));
        let parts = [
            s.side.rows[s.subtotal].amount(column),
            s.carry_amount(column),
        ];
        if let Some(f) = sum_finding(
            rule,
            compare_sum(total, &parts),
            total,
            &format!("{}：{word}总计", found.name()),
            &format!("本年{word}合计 + 结转结余"),
            vec![found.row_place(s.index, ti)],
        ) {
            findings.push(f);
        }
    }
    if let [(ii, isi, income_total), (si_row, ssi, spending_total)] = grand_totals[..] {
        let a = income_total.unwrap_or(Decimal::ZERO);
        let b = spending_total.unwrap_or(Decimal::ZERO);
        if a != b {
            findings.push(Finding::new(
                rule,
                Severity::Error,
                format!(
                    "{}：收入总计 {} 与支出总计 {} 不相等，相差 {}",
                    found.name(),
                    show(a),
                    show(b),
                    show_diff(a.saturating_sub(b))
                ),
                vec![found.row_place(isi, ii), found.row_place(ssi, si_row)],
            ));
        }
    }
    Outcome::Ran(findings)
}
