//! Checks inside one table (catalogue B): parent = Σ children, 合计 = Σ 类,
//! row totals = Σ component columns, the 三公 rows, and the two summary
//! tables' identities.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::pinpoint;
use super::{
    compare_sum_with, find_table, overflow, row_where, squeeze, strip_numbering, sum_finding,
    sum_of, total_row, Arg, Figures, Finding, Found, Outcome, Rounding, Rule, Severity, Text,
};
use crate::model::{CodeScheme, Disclosure, Side, TableKind, TableRow};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "table.wrong-cell",
        title: "单元格与其所在各勾稽关系一致（行、列同时不符时指出该单元格）",
        title_en: "A cell agrees with every sum it belongs to (names the cell where a row and a column both fail)",
        check: wrong_cell,
    },
    Rule {
        id: "table.precision",
        title: "同一表内数字的小数位数一致",
        title_en: "Every figure of a table is printed with the table's precision",
        check: precision,
    },
    Rule {
        id: "table.parent-sum",
        title: "上级科目 = 下级科目之和（类 = Σ款，款 = Σ项），每一列",
        title_en: "A parent code equals the sum of its children (class = Σ subclasses, subclass = Σ items), in every column",
        check: parent_sum,
    },
    Rule {
        id: "table.total-row",
        title: "合计行 = 各类之和，每一列",
        title_en: "The total row equals the sum of the classes, in every column",
        check: total_row_sum,
    },
    Rule {
        id: "table.column-sum",
        title: "每行合计列 = 各组成列之和",
        title_en: "In every row, a total column equals the sum of its component columns",
        check: column_sum,
    },
    Rule {
        id: "table.three-public-rows",
        title: "三公经费表：小计 = 出国 + 车 + 接待，车 = 购置 + 运维",
        title_en: "Three public costs: subtotal = travel abroad + vehicles + reception; vehicles = purchase + running",
        check: three_public_rows,
    },
    Rule {
        id: "summary.income-sum",
        title: "收支总表：本年收入合计 = 各收入项之和",
        title_en: "T1: this year's income total equals the sum of the income lines",
        check: |doc| lines_sum(doc, TableKind::IncomeExpenditureSummary, "收入"),
    },
    Rule {
        id: "summary.expenditure-sum",
        title: "收支总表：本年支出合计 = 各支出项之和",
        title_en: "T1: this year's expenditure total equals the sum of the expenditure lines",
        check: |doc| lines_sum(doc, TableKind::IncomeExpenditureSummary, "支出"),
    },
    Rule {
        id: "summary.balance",
        title: "收支总表：收入总计 = 本年收入合计 + 上年结转结余 = 支出总计",
        title_en: "T1: income grand total = this year's income + carry-over = expenditure grand total",
        check: |doc| balance(doc, TableKind::IncomeExpenditureSummary),
    },
    Rule {
        id: "grant-summary.income-sum",
        title: "财政拨款收支总表：本年收入合计 = 各收入项之和",
        title_en: "T4: this year's income total equals the sum of the income lines",
        check: |doc| lines_sum(doc, TableKind::FiscalGrantSummary, "收入"),
    },
    Rule {
        id: "grant-summary.expenditure-sum",
        title: "财政拨款收支总表：本年支出合计 = 各支出项之和，每一列",
        title_en: "T4: this year's expenditure total equals the sum of the expenditure lines, in every column",
        check: |doc| lines_sum(doc, TableKind::FiscalGrantSummary, "支出"),
    },
    Rule {
        id: "grant-summary.balance",
        title: "财政拨款收支总表：收入总计 = 本年收入合计 + 结转 = 支出总计",
        title_en: "T4: income grand total = this year's income + carry-over = expenditure grand total",
        check: |doc| balance(doc, TableKind::FiscalGrantSummary),
    },
];

/// A column's printed header path, or `第N列` / `column N`.
pub(crate) fn column_name(side: &Side, column: usize) -> Arg {
    side.columns
        .get(column)
        .map(|c| c.path())
        .filter(|p| !p.is_empty())
        .map(Arg::Doc)
        .unwrap_or_else(|| text!("第{}列", "column {}", column + 1).into())
}

/// The name of a classification level: 类 / 款 / 项.
fn level_name(scheme: CodeScheme, depth: usize) -> Text {
    match scheme.depth_name(depth) {
        "类" => text!("类", "classes"),
        "款" => text!("款", "subclasses"),
        _ => text!("项", "items"),
    }
}

pub(crate) fn width(side: &Side) -> usize {
    side.columns
        .len()
        .max(side.rows.iter().map(|r| r.amounts.len()).max().unwrap_or(0))
}

/// The tables listed by classification code, each with its scheme, or
/// why a rule over them could not run (there are none).
fn coded_tables(doc: &Disclosure) -> Result<Vec<(Found<'_>, CodeScheme)>, Outcome> {
    let tables: Vec<_> = doc
        .tables
        .iter()
        .enumerate()
        .filter_map(|(index, table)| Some((Found { index, table }, table.kind.scheme()?)))
        .collect();
    if tables.is_empty() {
        return Err(Outcome::CouldNotRun(text!(
            "没有按科目编码列示的表",
            "no table is listed by classification code"
        )));
    }
    Ok(tables)
}

/// For each row of a coded side, the rows whose code's parent is its code:
/// built once per side (a map from code to row), so that checking every
/// family is linear in the rows, not quadratic.
pub(crate) fn children_index(side: &Side, scheme: CodeScheme) -> Vec<Vec<usize>> {
    let mut by_code: HashMap<&str, usize> = HashMap::with_capacity(side.rows.len());
    for (i, row) in side.rows.iter().enumerate() {
        if let Some(code) = &row.code {
            // The first row printed with a code is its family's parent.
            by_code.entry(code.as_str()).or_insert(i);
        }
    }
    let mut children = vec![Vec::new(); side.rows.len()];
    for (i, row) in side.rows.iter().enumerate() {
        let Some(parent) = row.code.as_ref().and_then(|c| c.parent(scheme)) else {
            continue;
        };
        if let Some(&p) = by_code.get(parent.as_str()) {
            if let Some(list) = children.get_mut(p) {
                list.push(i);
            }
        }
    }
    children
}

/// The row label for a message: `30101 基本工资`, or the name alone.
pub(crate) fn row_label(row: &TableRow) -> String {
    match &row.code {
        Some(code) => format!("{code} {}", row.name),
        None => row.name.clone(),
    }
}

/// Whether the table's figures may be rounded ([`pinpoint::rounding`]).
pub(crate) fn table_rounding(table: &crate::model::BudgetTable) -> Rounding {
    pinpoint::rounding(table)
}

/// The cells where two or more failing sums meet (one wrong figure), named
/// with the value every sum they belong to implies.
fn wrong_cell(doc: &Disclosure) -> Outcome {
    let mut findings = Vec::new();
    let mut any = false;
    for (index, table) in doc.tables.iter().enumerate() {
        let found = Found { index, table };
        if pinpoint::identities(table).is_empty() {
            continue;
        }
        any = true;
        let exact = pinpoint::rounding(table) == Rounding::Exact;
        let failing: Vec<pinpoint::Failure> = pinpoint::failures(table)
            .into_iter()
            .filter(|f| exact || !f.small)
            .collect();
        for root in pinpoint::roots(table, &failing) {
            let (si, ri, ci) = root.cell;
            let Some(side) = table.sides.get(si) else {
                continue;
            };
            let Some(row) = side.rows.get(ri) else {
                continue;
            };
            if root.whole_row {
                findings.push(
                    Finding::new(
                        "table.wrong-cell",
                        Severity::Error,
                        text!(
                            "{}「{}」行：{} 个勾稽关系都要求该行各列的数减去 {}（该行本身的合计与各列一致，须完全相等）",
                            "{}, row “{}”: the {} sums it belongs to all imply its figures are {} too high in each column (the row's own total agrees; must be exact)",
                            found.name(),
                            row_label(row),
                            root.explains.len(),
                            Arg::Signed(root.delta)
                        ),
                        vec![found.row_place(si, ri)],
                    )
                    .with_figures(Figures {
                        difference: Some(root.delta),
                        tolerance: Some(Decimal::ZERO),
                        unit: Some(table.unit),
                        ..Figures::default()
                    }),
                );
                continue;
            }
            let printed_arg = match root.printed {
                Some(d) => Arg::Amount(d),
                None => Arg::from(text!("空白", "blank")),
            };
            findings.push(
                Finding::new(
                    "table.wrong-cell",
                    Severity::Error,
                    Text::new(
                        "{}「{}」行「{}」列：所列 {}；它所在的 {} 个勾稽关系都要求为 {}（相差 {}，须完全相等）",
                        "{}, row “{}”, column “{}”: printed {}; the {} sums it belongs to all imply {} (difference {}, must be exact)",
                        vec![
                            found.name(),
                            Arg::Doc(row_label(row)),
                            column_name(side, ci),
                            printed_arg,
                            Arg::from(root.explains.len()),
                            Arg::Amount(root.implied),
                            Arg::Signed(root.delta),
                        ],
                    ),
                    vec![found.cell_place(si, ri, ci)],
                )
                .with_figures(Figures {
                    printed: root.printed,
                    expected: Some(root.implied),
                    difference: Some(root.delta),
                    tolerance: Some(Decimal::ZERO),
                    unit: Some(table.unit),
                }),
            );
        }
    }
    if !any {
        return Outcome::CouldNotRun(text!("没有可相加的表", "no table has sums to check"));
    }
    Outcome::Ran(findings)
}

fn parent_sum(doc: &Disclosure) -> Outcome {
    let tables = match coded_tables(doc) {
        Ok(tables) => tables,
        Err(could_not_run) => return could_not_run,
    };
    let mut findings = Vec::new();
    for (found, scheme) in tables {
        let rounding = table_rounding(found.table);
        // Whether the document prints 款 rows in its tables of this
        // classification (then a 项 without its 款 lost a row).
        let kuan_printed = doc
            .tables
            .iter()
            .filter(|t| t.kind.scheme() == Some(scheme))
            .any(|t| {
                t.sides.iter().any(|s| {
                    s.rows
                        .iter()
                        .any(|r| r.code.as_ref().and_then(|c| c.depth(scheme)) == Some(2))
                })
            });
        for (si, side) in found.table.sides.iter().enumerate() {
            findings.extend(missing_parents(&found, si, side, scheme, kuan_printed));
            let children = children_index(side, scheme);
            for (ri, row) in side.rows.iter().enumerate() {
                let Some(code) = &row.code else { continue };
                let kids = &children[ri];
                if kids.is_empty() {
                    continue;
                }
                let depth = code.depth(scheme).unwrap_or(1);
                for c in 0..width(side) {
                    let amounts: Vec<Option<Decimal>> =
                        kids.iter().map(|&k| side.rows[k].amount(c)).collect();
                    let outcome = compare_sum_with(row.amount(c), &amounts, rounding);
                    if let Some(f) = sum_finding(
                        "table.parent-sum",
                        outcome,
                        row.amount(c),
                        found.table.unit,
                        text!(
                            "{}「{}」列：{} {}",
                            "{}, column “{}”: {} {}",
                            found.name(),
                            column_name(side, c),
                            code,
                            &row.name
                        ),
                        text!(
                            "其下各{}之和",
                            "the sum of its {}",
                            level_name(scheme, depth + 1)
                        ),
                        vec![found.cell_place(si, ri, c)],
                    ) {
                        let parts = kids.iter().map(|&k| found.cell_place(si, k, c));
                        findings.push(f.with_parts(parts.collect()));
                    }
                }
            }
        }
    }
    Outcome::Ran(findings)
}

/// 项 rows whose 款 is not printed, in a document that prints 款 rows: the
/// 款 row was lost (its family cannot be added up). One finding per
/// missing 款. (A missing 类 is `table.total-row`'s.)
fn missing_parents(
    found: &Found,
    si: usize,
    side: &Side,
    scheme: CodeScheme,
    kuan_printed: bool,
) -> Vec<Finding> {
    let deepest = scheme.lengths().len();
    if deepest < 3 {
        return Vec::new();
    }
    let printed: HashSet<&str> = side
        .rows
        .iter()
        .filter_map(|r| r.code.as_ref())
        .filter(|c| c.depth(scheme) == Some(2))
        .map(|c| c.as_str())
        .collect();
    if !kuan_printed {
        return Vec::new();
    }
    let mut reported: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (ri, row) in side.rows.iter().enumerate() {
        let Some(code) = &row.code else { continue };
        if code.depth(scheme) != Some(3) {
            continue;
        }
        let Some(parent) = code.parent(scheme) else {
            continue;
        };
        if printed.contains(parent.as_str()) || !reported.insert(parent.as_str().to_string()) {
            continue;
        }
        out.push(Finding::new(
            "table.parent-sum",
            Severity::Error,
            text!(
                "{}缺少款级科目 {}：{} 没有上级款行",
                "{} lacks the subclass row {}: {} has no subclass above it",
                found.name(),
                parent.as_str(),
                row_label(row)
            ),
            vec![found.row_place(si, ri)],
        ));
    }
    out
}

fn total_row_sum(doc: &Disclosure) -> Outcome {
    let tables = match coded_tables(doc) {
        Ok(tables) => tables,
        Err(could_not_run) => return could_not_run,
    };
    let mut findings = Vec::new();
    for (found, scheme) in tables {
        let rounding = table_rounding(found.table);
        for (si, side) in found.table.sides.iter().enumerate() {
            let classes: Vec<(usize, &TableRow)> = side
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.code.as_ref().and_then(|c| c.depth(scheme)) == Some(1))
                .collect();
            let Some((ti, total)) = total_row(side) else {
                // A table of coded rows with figures and no 合计 row lost
                // it. A table whose uncoded rows carry figures prints its
                // total under another name (Jiangsu leaves it blank).
                let coded_figures = side
                    .rows
                    .iter()
                    .any(|r| r.code.is_some() && r.amounts.iter().any(Option::is_some));
                let uncoded_figures = side
                    .rows
                    .iter()
                    .any(|r| r.code.is_none() && r.amounts.iter().any(Option::is_some));
                if coded_figures && !uncoded_figures {
                    findings.push(Finding::new(
                        "table.total-row",
                        Severity::Error,
                        text!(
                            "{}没有合计行（表中有数据）",
                            "{} has no total row although it has figures",
                            found.name()
                        ),
                        vec![found.place()],
                    ));
                }
                continue;
            };
            // A 款 or 项 whose 类 is not printed: the 类 row was lost, and
            // 合计 = Σ 类 would miss it. Reported once per missing 类.
            let class_len = scheme.lengths().first().copied().unwrap_or(3);
            let printed: HashSet<&str> = classes
                .iter()
                .filter_map(|(_, r)| r.code.as_ref().map(|c| c.as_str()))
                .collect();
            let mut reported: HashSet<String> = HashSet::new();
            for (oi, orphan) in side.rows.iter().enumerate() {
                let Some(code) = &orphan.code else { continue };
                if code.depth(scheme).is_none_or(|d| d < 2) {
                    continue;
                }
                let class: String = code.as_str().chars().take(class_len).collect();
                if printed.contains(class.as_str()) || !reported.insert(class.clone()) {
                    continue;
                }
                findings.push(Finding::new(
                    "table.total-row",
                    Severity::Error,
                    text!(
                        "{}缺少类级科目 {}：{} 没有上级类行",
                        "{} lacks the class row {}: {} has no class above it",
                        found.name(),
                        class,
                        row_label(orphan)
                    ),
                    vec![found.row_place(si, oi)],
                ));
            }
            if classes.is_empty() {
                // Nothing to add up; the missing 类 rows are reported above.
                continue;
            }
            for c in 0..width(side) {
                let amounts: Vec<Option<Decimal>> =
                    classes.iter().map(|(_, r)| r.amount(c)).collect();
                if let Some(f) = sum_finding(
                    "table.total-row",
                    compare_sum_with(total.amount(c), &amounts, rounding),
                    total.amount(c),
                    found.table.unit,
                    text!(
                        "{}「{}」列：合计",
                        "{}, column “{}”: the total",
                        found.name(),
                        column_name(side, c)
                    ),
                    text!("各类之和", "the sum of the classes"),
                    vec![found.cell_place(si, ti, c)],
                ) {
                    let parts = classes.iter().map(|&(k, _)| found.cell_place(si, k, c));
                    findings.push(f.with_parts(parts.collect()));
                }
            }
        }
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
        let rounding = table_rounding(table);
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
                    let part_names = parts
                        .iter()
                        .map(|&p| column_name(side, p).render(crate::i18n::Lang::Zh))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    if let Some(f) = sum_finding(
                        "table.column-sum",
                        compare_sum_with(row.amount(*total), &amounts, rounding),
                        row.amount(*total),
                        table.unit,
                        text!(
                            "{}「{}」行的「{}」",
                            "{}, row “{}”, column “{}”",
                            found.name(),
                            row_label(row),
                            column_name(side, *total)
                        ),
                        text!("{}之和", "the sum of {}", part_names),
                        vec![found.cell_place(si, ri, *total)],
                    ) {
                        let cells = parts.iter().map(|&p| found.cell_place(si, ri, p));
                        findings.push(f.with_parts(cells.collect()));
                    }
                }
            }
        }
    }
    if checked_any {
        Outcome::Ran(findings)
    } else {
        Outcome::CouldNotRun(text!("没有带合计列的表", "no table has a total column"))
    }
}

fn three_public_rows(doc: &Disclosure) -> Outcome {
    let Some(found) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun(text!(
            "缺少财政拨款“三公”经费支出表",
            "the three public costs table (T9) is missing"
        ));
    };
    let Some((si, side)) = found.main_side() else {
        return Outcome::CouldNotRun(text!(
            "三公经费表没有内容",
            "the three public costs table is empty"
        ));
    };
    let rounding = table_rounding(found.table);
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
    let mut identity = |parent: Option<(usize, &TableRow)>,
                        parts: &[Option<(usize, &TableRow)>],
                        parts_text: Text| {
        let Some((pi, prow)) = parent else { return };
        checked += 1;
        for c in 0..width(side) {
            let amounts: Vec<Option<Decimal>> = parts
                .iter()
                .map(|p| p.and_then(|(_, r)| r.amount(c)))
                .collect();
            if let Some(f) = sum_finding(
                "table.three-public-rows",
                compare_sum_with(prow.amount(c), &amounts, rounding),
                prow.amount(c),
                found.table.unit,
                text!(
                    "三公经费表「{}」列：{}",
                    "three public costs table, column “{}”: {}",
                    column_name(side, c),
                    &prow.name
                ),
                parts_text.clone(),
                vec![found.cell_place(si, pi, c)],
            ) {
                let cells = parts
                    .iter()
                    .flatten()
                    .map(|&(k, _)| found.cell_place(si, k, c));
                findings.push(f.with_parts(cells.collect()));
            }
        }
    };
    identity(
        subtotal,
        &[abroad, cars, reception],
        text!(
            "因公出国（境）费 + 公务用车购置及运维费 + 公务接待费",
            "travel abroad + vehicle purchase and running + official reception"
        ),
    );
    identity(
        cars,
        &[purchase, running],
        text!(
            "公务用车购置费 + 公务用车运行维护费",
            "vehicle purchase + vehicle running costs"
        ),
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
        identity(
            grand,
            &[subtotal],
            text!("“三公”经费小计", "the three public costs subtotal"),
        );
    }
    if checked == 0 {
        return Outcome::CouldNotRun(text!(
            "三公经费表中找不到小计与分项行",
            "the three public costs table has no subtotal or item rows"
        ));
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
    /// sum of its sub-rows where it is blank (`None` also when that sum
    /// overflows).
    pub fn carry_amount(&self, column: usize) -> Option<Decimal> {
        let mut rows = self.carry.iter().filter_map(|&i| self.side.rows.get(i));
        let head = rows.next()?;
        head.amount(column).or_else(|| {
            let rest: Vec<Decimal> = rows.filter_map(|r| r.amount(column)).collect();
            if rest.is_empty() {
                None
            } else {
                sum_of(rest.iter().copied())
            }
        })
    }
}

/// How a summary line is numbered: `一、` lines are the table's lines and
/// `1.` / `（一）` lines under them are their parts (Jiangsu prints
/// `1.一般公共预算` under `一、财政拨款`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Chinese,
    Paren,
    Digit,
}

fn numbering(name: &str) -> Option<Numbering> {
    if strip_numbering(name) == squeeze(name) {
        return None;
    }
    let s = squeeze(name);
    if s.starts_with(['（', '(']) {
        Some(Numbering::Paren)
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        Some(Numbering::Digit)
    } else {
        Some(Numbering::Chinese)
    }
}

/// `收入` / `支出` in the reader's language.
pub(crate) fn side_word(label: &str) -> Text {
    if label == "收入" {
        text!("收入", "income")
    } else {
        text!("支出", "expenditure")
    }
}

/// Finds the rows of the 收入 / 支出 side of a summary table.
pub(crate) fn summary_side<'a>(found: &Found<'a>, label: &str) -> Result<SummarySide<'a>, Text> {
    let (index, side) = found.side(label).ok_or_else(|| {
        text!(
            "{}没有「{}」栏",
            "{} has no “{}” side",
            found.name(),
            side_word(label)
        )
    })?;
    let subtotal = side
        .rows
        .iter()
        .position(|r| {
            let n = squeeze(&r.name);
            n.contains("合计") && (n.contains("本年") || n.contains(label))
        })
        .ok_or_else(|| {
            text!(
                "{}找不到「本年{}合计」行",
                "{} has no row “this year's {} total” (本年合计)",
                found.name(),
                side_word(label)
            )
        })?;
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
    // Where the lines are numbered, only the first numbering style marks
    // lines; unnumbered rows and rows numbered otherwise are sub-items.
    let top = candidates
        .iter()
        .find_map(|&i| numbering(&side.rows[i].name));
    let lines = candidates
        .into_iter()
        .filter(|&i| top.is_none() || numbering(&side.rows[i].name) == top)
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

/// Whether the other side of a summary table prints its 本年合计 row: then
/// a side without one lost it (a region that prints neither has another
/// layout, and the rule cannot run).
fn other_side_has_subtotal(found: &Found, label: &str) -> bool {
    let other = if label == "收入" {
        "支出"
    } else {
        "收入"
    };
    summary_side(found, other).is_ok()
}

fn summary_table(doc: &Disclosure, kind: TableKind) -> Result<Found<'_>, Outcome> {
    find_table(doc, kind)
        .ok_or_else(|| Outcome::CouldNotRun(text!("缺少{}", "{} is missing", Arg::Table(kind))))
}

fn lines_sum(doc: &Disclosure, kind: TableKind, label: &str) -> Outcome {
    let found = match summary_table(doc, kind) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let rule = match (kind, label) {
        (TableKind::IncomeExpenditureSummary, "收入") => "summary.income-sum",
        (TableKind::IncomeExpenditureSummary, _) => "summary.expenditure-sum",
        (_, "收入") => "grant-summary.income-sum",
        _ => "grant-summary.expenditure-sum",
    };
    let s = match summary_side(&found, label) {
        Ok(s) => s,
        // The side is printed but its 本年合计 row is not: the table lost a
        // row, which is a finding, not a rule that cannot run.
        Err(why) if found.side(label).is_some() && other_side_has_subtotal(&found, label) => {
            return Outcome::Ran(vec![Finding::new(
                rule,
                Severity::Error,
                why,
                vec![found.place()],
            )])
        }
        Err(why) => return Outcome::CouldNotRun(why),
    };
    let rounding = table_rounding(found.table);
    let subtotal = &s.side.rows[s.subtotal];
    let mut findings = Vec::new();
    for c in 0..width(s.side) {
        let amounts: Vec<Option<Decimal>> =
            s.lines.iter().map(|&i| s.side.rows[i].amount(c)).collect();
        if let Some(f) = sum_finding(
            rule,
            compare_sum_with(subtotal.amount(c), &amounts, rounding),
            subtotal.amount(c),
            found.table.unit,
            text!(
                "{}「{}」列：{}",
                "{}, column “{}”: {}",
                found.name(),
                column_name(s.side, c),
                &subtotal.name
            ),
            text!("各{}项之和", "the sum of the {} lines", side_word(label)),
            vec![found.cell_place(s.index, s.subtotal, c)],
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
    let rule = if kind == TableKind::IncomeExpenditureSummary {
        "summary.balance"
    } else {
        "grant-summary.balance"
    };
    let (income, spending) = match (summary_side(&found, "收入"), summary_side(&found, "支出"))
    {
        (Ok(i), Ok(s)) => (i, s),
        (Err(why), _) | (_, Err(why)) => {
            // Both sides printed, a 合计 row lost: a finding (see lines_sum).
            let one_lost =
                summary_side(&found, "收入").is_ok() || summary_side(&found, "支出").is_ok();
            if found.side("收入").is_some() && found.side("支出").is_some() && one_lost {
                return Outcome::Ran(vec![Finding::new(
                    rule,
                    Severity::Error,
                    why,
                    vec![found.place()],
                )]);
            }
            return Outcome::CouldNotRun(why);
        }
    };
    let rounding = table_rounding(found.table);
    let mut findings = Vec::new();
    let spending_column = spending.side.column("合计").unwrap_or(0);
    let mut grand_totals = Vec::new();
    // One side printing its 总计 and the other not: a row was lost.
    let one_total = income.total.is_some() || spending.total.is_some();
    for (s, column, word) in [(&income, 0, "收入"), (&spending, spending_column, "支出")] {
        let Some(ti) = s.total else {
            findings.push(Finding::new(
                rule,
                if one_total {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                text!(
                    "{}找不到「{}总计」行",
                    "{} has no “{} grand total” (总计) row",
                    found.name(),
                    side_word(word)
                ),
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
            compare_sum_with(total, &parts, rounding),
            total,
            found.table.unit,
            text!(
                "{}：{}总计",
                "{}: the {} grand total",
                found.name(),
                side_word(word)
            ),
            text!(
                "本年{}合计 + 结转结余",
                "this year's {} + carry-over",
                side_word(word)
            ),
            vec![found.cell_place(s.index, ti, column)],
        ) {
            findings.push(f);
        }
    }
    if let [(ii, isi, income_total), (si_row, ssi, spending_total)] = grand_totals[..] {
        let a = income_total.unwrap_or(Decimal::ZERO);
        let b = spending_total.unwrap_or(Decimal::ZERO);
        let places = vec![found.row_place(isi, ii), found.row_place(ssi, si_row)];
        match a.checked_sub(b) {
            None => findings.push(overflow(
                rule,
                text!("收入总计与支出总计", "the grand totals"),
                places,
            )),
            Some(diff) if !diff.is_zero() => findings.push(
                Finding::new(
                    rule,
                    Severity::Error,
                    text!(
                        "{}：收入总计 {} 与支出总计 {} 不相等，相差 {}（须完全相等）",
                        "{}: income grand total {} and expenditure grand total {} differ by {} (must be exact)",
                        found.name(),
                        a,
                        b,
                        Arg::Signed(diff)
                    ),
                    places,
                )
                .with_figures(Figures {
                    printed: Some(a),
                    expected: Some(b),
                    difference: Some(diff),
                    tolerance: Some(Decimal::ZERO),
                    unit: Some(found.table.unit),
                }),
            ),
            Some(_) => {}
        }
    }
    Outcome::Ran(findings)
}

/// A figure printed with another number of decimals than the rest of its
/// table (`313` or `306.170` among `306.17`s): rounded or mistyped, and
/// it would otherwise hide inside a rounding allowance. Zeros are left
/// out: many regions print a zero as `0` in a table of decimals.
fn precision(doc: &Disclosure) -> Outcome {
    let mut findings = Vec::new();
    let mut any = false;
    for (index, table) in doc.tables.iter().enumerate() {
        let found = Found { index, table };
        let mut by_scale: HashMap<u32, usize> = HashMap::new();
        for side in &table.sides {
            for row in &side.rows {
                for d in row.amounts.iter().flatten().filter(|d| !d.is_zero()) {
                    *by_scale.entry(d.scale()).or_default() += 1;
                }
            }
        }
        let figures: usize = by_scale.values().sum();
        // Too few figures to say what the table's precision is.
        if figures < 3 {
            continue;
        }
        any = true;
        let Some((&usual, &count)) = by_scale
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        // No precision dominates (a table printed as it came): nothing to
        // compare with.
        if count * 2 <= figures {
            continue;
        }
        for (si, side) in table.sides.iter().enumerate() {
            for (ri, row) in side.rows.iter().enumerate() {
                for (ci, d) in row.amounts.iter().enumerate() {
                    let Some(d) = d.filter(|d| !d.is_zero() && d.scale() != usual) else {
                        continue;
                    };
                    findings.push(Finding::new(
                        "table.precision",
                        Severity::Warning,
                        text!(
                            "{}「{}」行「{}」列：{} 印有 {} 位小数，本表其余数字为 {} 位",
                            "{}, row “{}”, column “{}”: {} is printed with {} decimals, the rest of the table with {}",
                            found.name(),
                            row_label(row),
                            column_name(side, ci),
                            d,
                            Arg::Count(u64::from(d.scale())),
                            Arg::Count(u64::from(usual))
                        ),
                        vec![found.cell_place(si, ri, ci)],
                    ));
                }
            }
        }
    }
    if !any {
        return Outcome::NotApplicable(text!("没有列有数字的表", "no table prints figures"));
    }
    Outcome::Ran(findings)
}
