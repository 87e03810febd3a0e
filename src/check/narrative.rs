//! The 情况说明 against the tables (catalogue D): the figures the text
//! states, the number of projects, and the year-over-year arithmetic.
//!
//! Figures are read from the text with narrow patterns (a label, a few
//! filler words, a number, a unit). A figure the text does not state makes
//! its rule not applicable; it never passes silently.

use rust_decimal::Decimal;
use std::str::FromStr;

use super::tables::side_word;
use super::tables::summary_side;
use super::{
    convert, find_table, half_unit, overflow, row_where, squeeze, sum_of, total_row, Arg, Figure,
    Figures, Finding, Found, Outcome, Rule, Severity, Text,
};
use crate::model::{Block, Disclosure, Place, TableKind, Unit};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "narrative.income-total",
        title: "情况说明的收入总额 = 收支总表收入总计",
        title_en: "The narrative's income total equals T1's income grand total",
        check: income_total,
    },
    Rule {
        id: "narrative.expenditure-total",
        title: "情况说明的支出总额 = 收支总表支出总计",
        title_en: "The narrative's expenditure total equals T1's expenditure grand total",
        check: expenditure_total,
    },
    Rule {
        id: "narrative.basic",
        title: "情况说明的基本支出 = 支出总表基本支出",
        title_en: "The narrative's basic expenditure equals T3's",
        check: |doc| t3_column(doc, "narrative.basic", "基本支出", &["基本支出"]),
    },
    Rule {
        id: "narrative.project",
        title: "情况说明的项目支出 = 支出总表项目支出",
        title_en: "The narrative's project expenditure equals T3's",
        check: |doc| t3_column(doc, "narrative.project", "项目支出", &["项目支出"]),
    },
    Rule {
        id: "narrative.personnel",
        title: "情况说明的人员经费 = 基本支出表人员经费",
        title_en: "The narrative's personnel costs equal T6's",
        check: |doc| t6_column(doc, "narrative.personnel", "人员经费", &["人员经费"]),
    },
    Rule {
        id: "narrative.public-funds",
        title: "情况说明的公用经费 = 基本支出表公用经费",
        title_en: "The narrative's public costs equal T6's",
        check: |doc| t6_column(doc, "narrative.public-funds", "公用经费", &["公用经费"]),
    },
    Rule {
        id: "narrative.operating-costs",
        title: "情况说明的机关运行经费 = 基本支出表公用经费",
        title_en: "The narrative's operating costs (机关运行经费) equal T6's public costs or T9's column",
        check: operating_costs,
    },
    Rule {
        id: "narrative.three-public",
        title: "情况说明的“三公”经费 = 三公经费表小计",
        title_en: "The narrative's three public costs equal T9's subtotal",
        check: three_public,
    },
    Rule {
        id: "narrative.three-public-items",
        title: "情况说明的三公各项 = 三公经费表各行",
        title_en: "The narrative's three public cost items equal T9's rows",
        check: three_public_items,
    },
    Rule {
        id: "narrative.change-percent",
        title: "比上年增减的百分比 = 增减额 ÷ 上年数",
        title_en: "A stated change in percent equals the change over last year's figure",
        check: change_percent,
    },
    Rule {
        id: "narrative.change-reason",
        title: "每处比上年增减都写明原因",
        title_en: "Every change on last year comes with its reason",
        check: change_reason,
    },
    Rule {
        id: "narrative.income-by-fund",
        title: "情况说明的各项收入 = 收支总表对应收入行",
        title_en: "The narrative's income by fund equals T1's income lines",
        check: income_by_fund,
    },
    Rule {
        id: "narrative.three-public-change",
        title: "三公经费比上年增减 = 各项增减之和",
        title_en: "The change of the three public costs equals the sum of the items' changes",
        check: three_public_change,
    },
    Rule {
        id: "narrative.project-count",
        title: "情况说明的项目个数 = 项目绩效目标表张数",
        title_en: "The number of projects the narrative states equals the number of cards",
        check: project_count,
    },
    Rule {
        id: "narrative.year-over-year",
        title: "比上年增减：总额变化 = 基本支出变化 + 项目支出变化，增减用词与正负一致",
        title_en: "Change on last year: total change = basic change + project change, with words matching the signs",
        check: year_over_year,
    },
];

/// A figure the text states, where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stated {
    pub value: Decimal,
    pub unit: Unit,
    pub section: usize,
}

impl Stated {
    fn figure(&self) -> Figure {
        Figure::new(self.value, self.unit)
    }

    fn place(&self) -> Place {
        Place::Section {
            section: self.section,
        }
    }
}

/// Each section's paragraphs, squeezed (no whitespace or quotes), with the
/// section index. Sections under `skip` headings are left out.
fn texts<'a>(
    doc: &'a Disclosure,
    only: Option<&'a str>,
) -> impl Iterator<Item = (usize, String)> + 'a {
    doc.narrative
        .iter()
        .enumerate()
        .filter(move |(_, s)| only.is_none_or(|o| s.path.iter().any(|h| squeeze(h).contains(o))))
        .flat_map(|(i, s)| {
            s.blocks.iter().filter_map(move |b| match b {
                Block::Paragraph(p) => Some((i, squeeze(&p.replace("**", "")))),
                _ => None,
            })
        })
}

/// Words that may stand between a label and its figure: `共计安排`, `为`.
const FILLERS: [&str; 12] = [
    "共计",
    "合计",
    "总计",
    "安排",
    "预算数",
    "预算",
    "为",
    "是",
    "共",
    "：",
    ":",
    "达",
];

fn skip_fillers(mut s: &str) -> &str {
    loop {
        match FILLERS.iter().find_map(|f| s.strip_prefix(f)) {
            Some(rest) => s = rest,
            None => return s,
        }
    }
}

/// A number and its unit at the start of `s`: `3264.56万元` → (3264.56, 万元).
fn take_amount(s: &str) -> Option<(Decimal, Unit)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let digits: String = s[..end].chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = Decimal::from_str(digits.trim_end_matches('.')).ok()?;
    let rest = &s[end..];
    let unit = if rest.starts_with("万元") {
        Unit::WanYuan
    } else if rest.starts_with("亿元") {
        Unit::YiYuan
    } else if rest.starts_with('元') {
        Unit::Yuan
    } else {
        return None;
    };
    Some((value, unit))
}

/// Every figure stated right after one of `labels`, in document order: a
/// total restated further on is compared too.
pub(crate) fn stated_amounts(doc: &Disclosure, labels: &[&str], only: Option<&str>) -> Vec<Stated> {
    stated_amounts_unqualified(doc, labels, only, &[])
}

/// Words that make a total label a part: `一般公共预算收入` is not the
/// 预算收入, `财政拨款支出预算` not the 支出预算.
const QUALIFIERS: [&str; 13] = [
    "一般公共",
    "基金",
    "国有资本经营",
    "财政拨款",
    "财政专户",
    "单位资金",
    "拨款",
    "事业",
    "结转",
    // A part's budget, not the total: 基本支出预算, 项目支出预算, 三公 items
    // (出国（境）费支出预算) and 机关运行经费支出预算 (Jiangsu's chapters 六–十一).
    "基本",
    "项目",
    "经费",
    "费",
];

/// [`stated_amounts`], leaving out labels right after one of `qualifiers`.
fn stated_amounts_unqualified(
    doc: &Disclosure,
    labels: &[&str],
    only: Option<&str>,
    qualifiers: &[&str],
) -> Vec<Stated> {
    let mut out: Vec<(usize, usize, Stated)> = Vec::new();
    for (pi, (section, text)) in texts(doc, only).enumerate() {
        for label in labels {
            for (at, _) in text.match_indices(label) {
                if qualifiers.iter().any(|q| text[..at].ends_with(q)) {
                    continue;
                }
                let after = skip_fillers(&text[at + label.len()..]);
                if let Some((value, unit)) = take_amount(after) {
                    // Two labels ending at the same figure count once.
                    let end = text.len() - after.len();
                    if !out.iter().any(|(p, e, _)| *p == pi && *e == end) {
                        out.push((
                            pi,
                            end,
                            Stated {
                                value,
                                unit,
                                section,
                            },
                        ));
                    }
                }
            }
        }
    }
    out.sort_by_key(|(p, e, _)| (*p, *e));
    out.into_iter().map(|(_, _, s)| s).collect()
}

/// The first figure stated right after one of `labels`.
pub(crate) fn stated_amount(
    doc: &Disclosure,
    labels: &[&str],
    only: Option<&str>,
) -> Option<Stated> {
    for (section, text) in texts(doc, only) {
        for label in labels {
            for (at, _) in text.match_indices(label) {
                let after = skip_fillers(&text[at + label.len()..]);
                if let Some((value, unit)) = take_amount(after) {
                    return Some(Stated {
                        value,
                        unit,
                        section,
                    });
                }
            }
        }
    }
    None
}

/// A signed change stated right after one of `labels`: `减少231.83万元` is
/// −231.83, `持平` / `无变化` is 0. Returns the change and the word used.
pub(crate) fn stated_change(
    doc: &Disclosure,
    labels: &[&str],
    only: Option<&str>,
    skip: &[&str],
) -> Option<(Stated, &'static str)> {
    for (section, text) in texts(doc, only) {
        let path = doc
            .narrative
            .get(section)
            .map(|s| squeeze(&s.path.join("")))
            .unwrap_or_default();
        if skip.iter().any(|k| path.contains(k)) {
            continue;
        }
        for label in labels {
            for (at, _) in text.match_indices(label) {
                let mut after = &text[at + label.len()..];
                for _ in 0..3 {
                    after = skip_fillers(after);
                    after = after
                        .strip_prefix("相比")
                        .or_else(|| after.strip_prefix("同期"))
                        .unwrap_or(after);
                }
                for (word, sign) in [
                    ("增加", Decimal::ONE),
                    ("增长", Decimal::ONE),
                    ("减少", Decimal::NEGATIVE_ONE),
                    ("下降", Decimal::NEGATIVE_ONE),
                ] {
                    if let Some(rest) = after.strip_prefix(word) {
                        if let Some((value, unit)) = take_amount(rest) {
                            let stated = Stated {
                                value: value * sign,
                                unit,
                                section,
                            };
                            return Some((stated, word));
                        }
                    }
                }
                for word in ["持平", "无变化"] {
                    if after.starts_with(word) {
                        let stated = Stated {
                            value: Decimal::ZERO,
                            unit: Unit::WanYuan,
                            section,
                        };
                        return Some((
                            stated,
                            if word == "持平" {
                                "持平"
                            } else {
                                "无变化"
                            },
                        ));
                    }
                }
            }
        }
    }
    None
}

/// What the narrative states, for display (the Summary tab): the changes
/// on last year and the 机关运行经费, each in 万元. `None` where the text
/// does not state it. The same reading the rules use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NarrativeFigures {
    pub total_change: Option<Decimal>,
    pub basic_change: Option<Decimal>,
    pub project_change: Option<Decimal>,
    pub three_public_change: Option<Decimal>,
    pub running_costs: Option<Decimal>,
}

/// The words that introduce the total change on last year: `较2024年`, `比上年` …
fn year_labels(doc: &Disclosure) -> [String; 6] {
    let last_year = doc.department.budget_year.saturating_sub(1);
    [
        format!("较{last_year}年"),
        format!("比{last_year}年"),
        format!("与{last_year}年"),
        "较上年".to_string(),
        "比上年".to_string(),
        "与上年".to_string(),
    ]
}

/// Sections that state changes of their own, not the department's total.
const OWN_CHANGES: [&str; 2] = ["三公", "机关运行经费"];

/// Reads [`NarrativeFigures`] from the 情况说明.
pub fn narrative_figures(doc: &Disclosure) -> NarrativeFigures {
    let owned = year_labels(doc);
    let year_labels: Vec<&str> = owned.iter().map(String::as_str).collect();
    let skip = OWN_CHANGES;
    let wan = |found: Option<(Stated, &'static str)>| {
        found.and_then(|(s, _)| convert(s.value, s.unit, Unit::WanYuan))
    };
    NarrativeFigures {
        total_change: wan(stated_change(doc, &year_labels, None, &skip)),
        basic_change: wan(stated_change(doc, &["基本支出"], None, &skip)),
        project_change: wan(stated_change(doc, &["项目支出"], None, &skip)),
        three_public_change: wan(stated_change(doc, &year_labels, Some("三公"), &[])),
        running_costs: stated_amount(doc, &["机关运行经费"], None)
            .and_then(|s| convert(s.value, s.unit, Unit::WanYuan)),
    }
}

/// Compares a stated figure with a table figure, allowing half a unit of
/// the stated figure's last printed digit (the text may round).
fn compare_stated(
    rule: &'static str,
    what: Text,
    stated: &Stated,
    table: Figure,
    table_what: Text,
    table_place: Place,
) -> Outcome {
    let places = vec![stated.place(), table_place];
    let Some(diff) = table
        .in_unit(stated.unit)
        .and_then(|t| stated.value.checked_sub(t))
    else {
        return Outcome::Ran(vec![overflow(rule, what, places)]);
    };
    let tolerance = half_unit(stated.value);
    if diff.abs() <= tolerance {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        rule,
        Severity::Error,
        text!(
            "情况说明所述{} {} 与{} {} 不一致，相差 {}{}（容差 ±{}，即所述数字末位的半个单位）",
            "the narrative states {} of {} but {} is {}: difference {} {} (tolerance ±{}: half a unit of the stated figure's last digit)",
            what,
            stated.figure(),
            table_what,
            table,
            Arg::Signed(diff),
            stated.unit,
            tolerance
        ),
        places,
    )
    .with_figures(Figures {
        printed: Some(stated.value),
        expected: table.in_unit(stated.unit),
        difference: Some(diff),
        tolerance: Some(tolerance),
        unit: Some(stated.unit),
    })])
}

/// A cell of a table's 合计 row, by column label.
fn total_cell<'a>(found: &Found<'a>, column: &str) -> Option<(Figure, Place)> {
    let (si, side) = found.main_side()?;
    let (ri, row) = total_row(side)?;
    let c = side.column(column)?;
    Some((
        Figure::new(row.amount(c).unwrap_or(Decimal::ZERO), found.table.unit),
        found.row_place(si, ri),
    ))
}

/// Every statement of a total compared: the first and each restatement
/// (`2025年预算收支安排3264.56万元` restates both totals).
/// Headings of chapters about one part of the budget (Jiangsu's 五–十一:
/// 财政拨款, one 类, 基本支出, 三公, 机关运行经费, 政府性基金 …): a 支出预算
/// figure stated there is that part's, never the document's total.
const PART_CHAPTERS: [&str; 11] = [
    "财政拨款",
    "基本支出",
    "项目支出",
    "三公",
    "机关运行",
    "政府性基金",
    "国有资本",
    "一般公共预算",
    "政府采购",
    "（类）",
    "(类)",
];

/// Whether narrative section `section` is a chapter about one part.
fn in_part_chapter(doc: &Disclosure, section: usize) -> bool {
    doc.narrative.get(section).is_some_and(|s| {
        s.path
            .iter()
            .any(|h| PART_CHAPTERS.iter().any(|p| h.contains(p)))
    })
}

fn every_total(doc: &Disclosure, rule: &'static str, label: &str, labels: &[&str]) -> Outcome {
    let mut stated = stated_amounts_unqualified(doc, labels, None, &QUALIFIERS);
    stated.retain(|s| !in_part_chapter(doc, s.section));
    if stated.is_empty() {
        return Outcome::NotApplicable(text!(
            "情况说明未写明{}总额",
            "the narrative states no {} total",
            side_word(label)
        ));
    }
    let mut findings = Vec::new();
    for s in &stated {
        match summary_total(doc, rule, label, s) {
            Outcome::Ran(found) => findings.extend(found),
            other => return other,
        }
    }
    Outcome::Ran(findings)
}

fn income_total(doc: &Disclosure) -> Outcome {
    every_total(
        doc,
        "narrative.income-total",
        "收入",
        &["预算收入", "收入预算", "收入总计", "预算收支安排"],
    )
}

fn expenditure_total(doc: &Disclosure) -> Outcome {
    every_total(
        doc,
        "narrative.expenditure-total",
        "支出",
        &["支出预算", "预算支出", "支出总计", "预算收支安排"],
    )
}

/// Compares with the 收支总表 总计 of one side, or the detail table's 合计.
fn summary_total(doc: &Disclosure, rule: &'static str, label: &str, stated: &Stated) -> Outcome {
    if let Some(t1) = find_table(doc, TableKind::IncomeExpenditureSummary) {
        if let Ok(s) = summary_side(&t1, label) {
            if let Some(ti) = s.total {
                let value = s.side.rows[ti].amount(0).unwrap_or(Decimal::ZERO);
                return compare_stated(
                    rule,
                    text!("{}总额", "the {} total", side_word(label)),
                    stated,
                    Figure::new(value, t1.table.unit),
                    text!("收支总表{}总计", "T1's {} grand total", side_word(label)),
                    t1.cell_place(s.index, ti, 0),
                );
            }
        }
    }
    let kind = if label == "收入" {
        TableKind::Income
    } else {
        TableKind::Expenditure
    };
    match find_table(doc, kind).and_then(|t| total_cell(&t, "合计")) {
        Some((figure, place)) => compare_stated(
            rule,
            text!("{}总额", "the {} total", side_word(label)),
            stated,
            figure,
            text!("{}合计", "the total of {}", Arg::Table(kind)),
            place,
        ),
        None => Outcome::CouldNotRun(text!(
            "缺少收支总表和{}（或找不到总计行）",
            "T1 and {} are missing (or have no total row)",
            Arg::Table(kind)
        )),
    }
}

/// A column label of T3 / T6 in the reader's language.
fn column_word(column: &str) -> Text {
    match column {
        "基本支出" => text!("基本支出", "basic expenditure"),
        "项目支出" => text!("项目支出", "project expenditure"),
        "人员经费" => text!("人员经费", "personnel costs"),
        "公用经费" => text!("公用经费", "public costs"),
        _ => text!("机关运行经费", "operating costs"),
    }
}

fn t3_column(doc: &Disclosure, rule: &'static str, column: &str, labels: &[&str]) -> Outcome {
    let Some(stated) = stated_amount(doc, labels, None) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明{}",
            "the narrative does not state the {}",
            column_word(column)
        ));
    };
    match find_table(doc, TableKind::Expenditure).and_then(|t| total_cell(&t, column)) {
        Some((figure, place)) => compare_stated(
            rule,
            column_word(column),
            &stated,
            figure,
            text!("支出总表{}合计", "T3's {} total", column_word(column)),
            place,
        ),
        None => Outcome::CouldNotRun(text!(
            "缺少支出总表（或其{}列、合计行）",
            "T3 (or its {} column, or its total row) is missing",
            column_word(column)
        )),
    }
}

fn t6_column(doc: &Disclosure, rule: &'static str, column: &str, labels: &[&str]) -> Outcome {
    let Some(stated) = stated_amount(doc, labels, None) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明{}",
            "the narrative does not state the {}",
            column_word(column)
        ));
    };
    match find_table(doc, TableKind::GeneralPublicBasic).and_then(|t| total_cell(&t, column)) {
        Some((figure, place)) => compare_stated(
            rule,
            column_word(column),
            &stated,
            figure,
            text!("基本支出表{}合计", "T6's {} total", column_word(column)),
            place,
        ),
        None => Outcome::CouldNotRun(text!(
            "缺少基本支出表（或其{}列、合计行）",
            "T6 (or its {} column, or its total row) is missing",
            column_word(column)
        )),
    }
}

fn operating_costs(doc: &Disclosure) -> Outcome {
    let Some(stated) = stated_amount(doc, &["机关运行经费"], None) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明机关运行经费",
            "the narrative does not state the operating costs"
        ));
    };
    // Regions that print 机关运行经费 in the 三公 table compare with it: a
    // column of its 合计 row, or (Shanghai, items as rows) a row of its own.
    let in_t9 = find_table(doc, TableKind::ThreePublicCosts).and_then(|t| {
        total_cell(&t, "机关运行经费")
            .or_else(|| three_public_cell(&t, |n| n.contains("机关运行经费")))
    });
    if let Some((figure, place)) = in_t9 {
        return compare_stated(
            "narrative.operating-costs",
            column_word("机关运行经费"),
            &stated,
            figure,
            text!("三公经费表机关运行经费", "the operating costs column of T9"),
            place,
        );
    }
    match find_table(doc, TableKind::GeneralPublicBasic).and_then(|t| total_cell(&t, "公用经费"))
    {
        Some((figure, place)) => compare_stated(
            "narrative.operating-costs",
            column_word("机关运行经费"),
            &stated,
            figure,
            text!("基本支出表公用经费合计", "T6's public costs total"),
            place,
        ),
        None => Outcome::CouldNotRun(text!(
            "缺少基本支出表（或其公用经费列）",
            "T6 (or its public costs column) is missing"
        )),
    }
}

/// The 三公 table's cell in its 合计 column for the row that `pred` picks.
fn three_public_cell(found: &Found, pred: impl Fn(&str) -> bool) -> Option<(Figure, Place)> {
    let (si, side) = found.main_side()?;
    let (ri, row) = row_where(side, pred)?;
    let c = side.column("合计").unwrap_or(0);
    Some((
        Figure::new(row.amount(c).unwrap_or(Decimal::ZERO), found.table.unit),
        found.row_place(si, ri),
    ))
}

fn three_public(doc: &Disclosure) -> Outcome {
    let stated = stated_amount(doc, &["三公经费"], Some("三公"))
        .or_else(|| stated_amount(doc, &["三公经费"], None));
    let Some(stated) = stated else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明三公经费总额",
            "the narrative states no three public costs total"
        ));
    };
    let Some(t9) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun(text!(
            "缺少财政拨款“三公”经费支出表",
            "the three public costs table (T9) is missing"
        ));
    };
    let cell = three_public_cell(&t9, |n| n.contains("三公") && n.contains("小计"))
        .or_else(|| three_public_cell(&t9, |n| n == "合计"));
    match cell {
        Some((figure, place)) => compare_stated(
            "narrative.three-public",
            text!("“三公”经费", "three public costs"),
            &stated,
            figure,
            text!("三公经费表小计", "T9's subtotal"),
            place,
        ),
        None => Outcome::CouldNotRun(text!("三公经费表找不到小计行", "T9 has no subtotal row")),
    }
}

type NamePred = fn(&str) -> bool;

fn three_public_items(doc: &Disclosure) -> Outcome {
    let items: [(&str, &[&str], NamePred); 5] = [
        (
            "因公出国（境）费",
            &["因公出国（境）费", "因公出国(境)费"],
            |n| n.contains("因公出国") && !n.starts_with("其他"),
        ),
        (
            "公务用车购置及运维费",
            &["公务用车购置及运维费", "公务用车购置及运行维护费"],
            |n| n.contains("公务用车购置及运"),
        ),
        ("公务用车购置费", &["公务用车购置费"], |n| {
            n.contains("公务用车购置费")
        }),
        (
            "公务用车运维费",
            &["公务用车运维费", "公务用车运行维护费"],
            |n| {
                n.contains("公务用车")
                    && (n.contains("运行维护") || n.contains("运维"))
                    && !n.contains("购置")
            },
        ),
        ("公务接待费", &["公务接待费"], |n| {
            n.contains("公务接待费")
        }),
    ];
    // Every mention: the 三公 paragraph states each item, then restates it
    // with its change on last year.
    let stated: Vec<_> = items
        .iter()
        .flat_map(|(name, labels, pred)| {
            stated_amounts(doc, labels, Some("三公"))
                .into_iter()
                .map(move |s| (*name, s, *pred))
        })
        .collect();
    if stated.is_empty() {
        return Outcome::NotApplicable(text!(
            "情况说明未写明三公经费各项",
            "the narrative states no three public cost items"
        ));
    }
    let Some(t9) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun(text!(
            "缺少财政拨款“三公”经费支出表",
            "the three public costs table (T9) is missing"
        ));
    };
    let mut findings = Vec::new();
    for (name, s, pred) in stated {
        let (figure, place) = three_public_cell(&t9, pred)
            .unwrap_or((Figure::new(Decimal::ZERO, t9.table.unit), t9.place()));
        if let Outcome::Ran(found) = compare_stated(
            "narrative.three-public-items",
            text!("{}", "{}", name),
            &s,
            figure,
            text!("三公经费表{}", "T9 {}", name),
            place,
        ) {
            findings.extend(found);
        }
    }
    Outcome::Ran(findings)
}

/// `等12项目`, `共12个项目`: the number of projects the text states.
pub(crate) fn stated_project_count(doc: &Disclosure) -> Option<(u32, usize)> {
    for (section, text) in texts(doc, None) {
        for (at, _) in text.match_indices("项目") {
            let before = text[..at].strip_suffix('个').unwrap_or(&text[..at]);
            let digits_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit())
                .last()
                .map(|(i, _)| i);
            let Some(start) = digits_start else { continue };
            let lead = before[..start].chars().last();
            if !matches!(lead, Some('等' | '共' | '计' | '括' | '含')) {
                continue;
            }
            if let Ok(n) = before[start..].parse::<u32>() {
                return Some((n, section));
            }
        }
    }
    None
}

fn project_count(doc: &Disclosure) -> Outcome {
    let Some((n, section)) = stated_project_count(doc) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明项目个数",
            "the narrative does not state the number of projects"
        ));
    };
    let cards = doc.projects.len();
    if usize::try_from(n).is_ok_and(|n| n == cards) {
        return Outcome::Ran(Vec::new());
    }
    // No card at all: the document did not publish its targets (Jiangsu
    // publishes them elsewhere), which is worth a warning, not a count that
    // contradicts itself.
    let severity = if cards == 0 {
        Severity::Warning
    } else {
        Severity::Error
    };
    Outcome::Ran(vec![Finding::new(
        "narrative.project-count",
        severity,
        text!(
            "情况说明称共 {} 个项目，项目绩效目标表有 {} 张",
            "the narrative states {} projects, but there are {} project cards",
            n,
            cards
        ),
        vec![Place::Section { section }],
    )])
}

fn year_over_year(doc: &Disclosure) -> Outcome {
    let owned = year_labels(doc);
    let total_labels: Vec<&str> = owned.iter().map(String::as_str).collect();
    let skip = OWN_CHANGES;
    let total = stated_change(doc, &total_labels, None, &skip);
    let basic = stated_change(doc, &["基本支出"], None, &skip);
    let project = stated_change(doc, &["项目支出"], None, &skip);
    let (Some((total, total_word)), Some((basic, _)), Some((project, _))) = (total, basic, project)
    else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明总额、基本支出和项目支出的增减",
            "the narrative does not state the changes of the total, basic and project expenditure"
        ));
    };
    let places = vec![total.place()];
    let in_total_unit = |s: &Stated| convert(s.value, s.unit, total.unit);
    let figures = (|| {
        let sum = in_total_unit(&basic)?.checked_add(in_total_unit(&project)?)?;
        let tolerance = sum_of([
            half_unit(total.value),
            convert(half_unit(basic.value), basic.unit, total.unit)?,
            convert(half_unit(project.value), project.unit, total.unit)?,
        ])?;
        let total_minus_sum = total.value.checked_sub(sum)?;
        let total_plus_sum = total.value.checked_add(sum)?;
        Some((sum, tolerance, total_minus_sum, total_plus_sum))
    })();
    let Some((sum, tolerance, total_minus_sum, total_plus_sum)) = figures else {
        return Outcome::Ran(vec![overflow(
            "narrative.year-over-year",
            text!("比上年增减", "the changes on last year"),
            places,
        )]);
    };
    if total_minus_sum.abs() <= tolerance {
        return Outcome::Ran(Vec::new());
    }
    let figures = Figures {
        printed: Some(total.value),
        expected: Some(sum),
        difference: Some(total_minus_sum),
        tolerance: Some(tolerance),
        unit: Some(total.unit),
    };
    let finding = if total_plus_sum.abs() <= tolerance && !sum.is_zero() {
        let right = if sum.is_sign_negative() {
            text!("减少", "a decrease (减少)")
        } else {
            text!("增加", "an increase (增加)")
        };
        Finding::new(
            "narrative.year-over-year",
            Severity::Error,
            text!(
                "情况说明称总额比上年{} {}，但基本支出与项目支出的增减合计为 {}，应为「{}」",
                "the narrative says the total changed on last year by {} {}, but the basic and project changes add up to {}: it should say {}",
                total_word,
                total.value.abs(),
                Arg::Signed(sum),
                right
            ),
            places,
        )
    } else {
        Finding::new(
            "narrative.year-over-year",
            Severity::Error,
            text!(
                "情况说明称总额比上年变化 {}，但基本支出变化 {} 与项目支出变化 {} 合计 {}，相差 {}（容差 ±{}）",
                "the narrative states a total change of {} on last year, but the basic change {} and the project change {} add up to {}: difference {} (tolerance ±{})",
                Arg::Signed(total.value),
                Arg::Signed(basic.value),
                Arg::Signed(project.value),
                Arg::Signed(sum),
                Arg::Signed(total_minus_sum),
                tolerance
            ),
            places,
        )
    };
    Outcome::Ran(vec![finding.with_figures(figures)])
}

/// Words that introduce the reason for a change.
const REASONS: [&str; 8] = [
    "原因",
    "主要是",
    "主要为",
    "主要用于",
    "由于",
    "因为",
    "系",
    "用于",
];

/// The sentences of `text` that state a change on last year in money
/// (`减少231.83万元`) and give no reason for it, in that sentence or the
/// next. A sentence is cut at `。` / `；`.
pub(crate) fn changes_without_reason(text: &str, last_year: u16) -> Vec<String> {
    let t = squeeze(text);
    let compare = [
        "比上年".to_string(),
        "较上年".to_string(),
        "与上年".to_string(),
        format!("比{last_year}年"),
        format!("较{last_year}年"),
        format!("与{last_year}年"),
    ];
    let has_reason = |sentence: &str| {
        // `主要原因是` with nothing after it is no reason either (the
        // template-residue rule names it).
        REASONS.iter().any(|r| {
            sentence.match_indices(r).any(|(at, _)| {
                sentence[at + r.len()..]
                    .trim_start_matches(['是', '：', ':'])
                    .chars()
                    .count()
                    > 1
            })
        })
    };
    let states_change = |sentence: &str| {
        compare.iter().any(|c| sentence.contains(c.as_str()))
            && ["增加", "减少", "增长", "下降"].iter().any(|w| {
                sentence.match_indices(w).any(|(at, _)| {
                    let after = &sentence[at + w.len()..];
                    let digits: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                        .collect();
                    !digits.is_empty() && after[digits.len()..].starts_with("万元")
                })
            })
    };
    let sentences: Vec<&str> = t.split(['。', '；']).collect();
    sentences
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            states_change(s)
                && !has_reason(s)
                && !sentences.get(i + 1).is_some_and(|next| has_reason(next))
        })
        .map(|(_, s)| s.to_string())
        .collect()
}

fn change_reason(doc: &Disclosure) -> Outcome {
    let last_year = doc.department.budget_year.saturating_sub(1);
    let mut any = false;
    let mut findings = Vec::new();
    for (section, text) in texts(doc, None) {
        let t = squeeze(&text);
        if t.contains("比上年") || t.contains("较上年") || t.contains(&format!("{last_year}年"))
        {
            any = true;
        }
        // One finding per paragraph: the first change without a reason,
        // and how many there are.
        let missing = changes_without_reason(&text, last_year);
        if let Some(first) = missing.first() {
            findings.push(Finding::new(
                "narrative.change-reason",
                Severity::Warning,
                text!(
                    "{} 处比上年的增减没有写明原因，如「{}」",
                    "{} changes on last year give no reason, such as “{}”",
                    missing.len(),
                    first
                ),
                vec![Place::Section { section }],
            ));
        }
    }
    if !any {
        return Outcome::NotApplicable(text!(
            "情况说明没有与上年比较",
            "the narrative makes no comparison with last year"
        ));
    }
    Outcome::Ran(findings)
}

/// One `X万元，与上年相比增加Y万元，增长Z%` the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StatedChange {
    current: Decimal,
    change: Decimal,
    /// Whether it went up (增加 / 增长) or down (减少 / 下降).
    up: bool,
    percent: Decimal,
}

/// The number that ends right before `end` in `t` (`24,169.74`).
fn number_before(t: &str, end: usize) -> Option<Decimal> {
    let head = &t[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, _)| i)?;
    crate::model::parse_amount(&head[start..]).ok().flatten()
}

/// The number at the start of `t` and the rest after it.
fn number_after(t: &str) -> Option<(Decimal, &str)> {
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(t.len(), |(i, _)| i);
    let value = crate::model::parse_amount(&t[..end]).ok().flatten()?;
    Some((value, &t[end..]))
}

/// A direction word at the start of `t` (`增加`, `减少了`): up or down, and
/// the rest.
fn direction(t: &str) -> Option<(bool, &str)> {
    for (word, up) in [
        ("增加", true),
        ("增长", true),
        ("减少", false),
        ("下降", false),
    ] {
        if let Some(rest) = t.strip_prefix(word) {
            return Some((up, rest.strip_prefix('了').unwrap_or(rest)));
        }
    }
    None
}

/// Every `X万元，与上年相比增加Y万元，增长Z%` in `t` (squeezed text).
fn stated_changes(t: &str) -> Vec<StatedChange> {
    let mut out = Vec::new();
    for (at, marker) in t.match_indices("与上年相比") {
        // `X万元，与上年相比…`, or a new sentence about the same figure
        // (`项目支出预算数为4335.3万元。与上年相比减少了…`).
        let head = &t[..at];
        let Some(before) = ["，", ",", "。", "；"]
            .iter()
            .find_map(|sep| head.strip_suffix(sep))
        else {
            continue;
        };
        let Some(before) = before.strip_suffix("万元") else {
            continue;
        };
        let Some(current) = number_before(before, before.len()) else {
            continue;
        };
        // `收、支预算总计各增加`: a few words may stand before the direction.
        let after = &t[at + marker.len()..];
        let Some((up, rest)) = after
            .char_indices()
            .take(12)
            .find_map(|(i, _)| direction(&after[i..]))
        else {
            continue;
        };
        let Some((change, rest)) = number_after(rest) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix("万元")
            .and_then(|r| r.strip_prefix("，").or_else(|| r.strip_prefix(',')))
        else {
            continue;
        };
        let Some((_, rest)) = direction(rest) else {
            continue;
        };
        let Some((percent, rest)) = number_after(rest) else {
            continue;
        };
        if rest.starts_with('%') || rest.starts_with('％') {
            out.push(StatedChange {
                current,
                change,
                up,
                percent,
            });
        }
    }
    out
}

/// `收支总计24,169.74万元，与上年相比增加2214.39万元，增长10.06%`: the
/// percent is the change over last year's figure (this year's less the
/// change, or plus it for a fall). A percent off by more than one unit of
/// its last digit (truncated or rounded) is a warning; off by more than a
/// whole point it is a wrong figure (Jiangsu 2019: a fall of 1,237.7 from
/// 5,573.0 stated as 13.22% — the 基本支出 rate copied — is 22.21%).
fn change_percent(doc: &Disclosure) -> Outcome {
    let mut any = false;
    let mut findings = Vec::new();
    for (section, text) in texts(doc, None) {
        for c in stated_changes(&text) {
            any = true;
            let last = if c.up {
                c.current.checked_sub(c.change)
            } else {
                c.current.checked_add(c.change)
            };
            let Some(last) = last.filter(|l| *l > Decimal::ZERO) else {
                continue;
            };
            let Some(pct) = c
                .change
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(last))
            else {
                continue;
            };
            let off = (c.percent - pct).abs();
            let unit = Decimal::new(1, c.percent.scale());
            if off <= unit {
                continue;
            }
            let severity = if off > Decimal::ONE {
                Severity::Error
            } else {
                Severity::Warning
            };
            let expected = pct.round_dp(c.percent.scale().max(2));
            findings.push(
                Finding::new(
                    "narrative.change-percent",
                    severity,
                    text!(
                        "所述比上年{}{}万元为上年{}万元的 {}%，文中写作 {}%",
                        "a change of {1} 万元 ({0}) is {3}% of last year's {2} 万元; the text says {4}%",
                        if c.up {
                            text!("增加", "up")
                        } else {
                            text!("减少", "down")
                        },
                        c.change,
                        last,
                        expected,
                        c.percent
                    ),
                    vec![Place::Section { section }],
                )
                .with_figures(crate::check::Figures {
                    printed: Some(c.percent),
                    expected: Some(expected),
                    difference: Some(c.percent - expected),
                    tolerance: Some(unit),
                    unit: None,
                }),
            );
        }
    }
    if !any {
        return Outcome::NotApplicable(text!(
            "情况说明没有写明比上年增减的百分比",
            "the narrative states no change on last year in percent"
        ));
    }
    Outcome::Ran(findings)
}

/// The narrative's labels for each source of income, and the word of the
/// T1 income line that carries it.
const FUND_LABELS: [(&[&str], &str); 6] = [
    (
        &["一般公共预算收入", "一般公共预算拨款收入"],
        "一般公共预算",
    ),
    (
        &["政府性基金预算收入", "政府性基金收入", "基金预算收入"],
        "基金",
    ),
    (&["国有资本经营预算收入"], "国有资本经营"),
    (&["财政专户核拨收入", "财政专户管理资金收入"], "财政专户"),
    (&["单位资金收入"], "单位资金"),
    (&["事业收入"], "事业收入"),
];

/// `其中：一般公共预算收入3244.56万元，基金预算收入20.00万元…`: each source
/// the text states equals T1's line for it (a swap of two T1 lines, or a
/// figure typed wrong in the text, shows here).
fn income_by_fund(doc: &Disclosure) -> Outcome {
    let stated: Vec<(&str, Stated)> = FUND_LABELS
        .iter()
        .flat_map(|(labels, word)| {
            stated_amounts(doc, labels, None)
                .into_iter()
                .map(move |s| (*word, s))
        })
        .collect();
    if stated.is_empty() {
        return Outcome::NotApplicable(text!(
            "情况说明未按来源写明收入",
            "the narrative states no income by source"
        ));
    }
    let Some(t1) = find_table(doc, TableKind::IncomeExpenditureSummary) else {
        return Outcome::CouldNotRun(text!("缺少收支总表", "T1 is missing"));
    };
    let Ok(side) = summary_side(&t1, "收入") else {
        return Outcome::CouldNotRun(text!(
            "收支总表找不到收入各行",
            "T1's income lines cannot be found"
        ));
    };
    let mut findings = Vec::new();
    for (word, s) in stated {
        let named = |rows: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
            rows.filter(|&i| squeeze(&side.side.rows[i].name).contains(word))
                .collect()
        };
        // A line of its own, or (Jiangsu: `1.一般公共预算` under `一、财政拨款`)
        // a sub-item above 本年收入合计.
        let mut lines = named(&mut side.lines.iter().copied());
        if lines.is_empty() {
            lines = named(&mut (0..side.subtotal));
        }
        let (figure, place) = match lines[..] {
            [i] => (
                Figure::new(
                    side.side.rows[i].amount(0).unwrap_or(Decimal::ZERO),
                    t1.table.unit,
                ),
                t1.cell_place(side.index, i, 0),
            ),
            // No row for it, or several: nothing to pair it with.
            _ => continue,
        };
        if let Outcome::Ran(found) = compare_stated(
            "narrative.income-by-fund",
            text!("「{}」收入", "income from “{}”", word),
            &s,
            figure,
            text!("收支总表对应收入行", "T1's line for it"),
            place,
        ) {
            findings.extend(found);
        }
    }
    Outcome::Ran(findings)
}

/// The three 三公 items and the words that name them in the text.
const THREE_PUBLIC_ITEMS: [&str; 3] = ["因公出国", "公务用车购置及运", "公务接待费"];

/// The first change stated in `text`: `减少19万元` → −19 with its unit and
/// the rounding of its last digit; `无变化` / `持平` → exactly 0.
fn change_after(text: &str) -> Option<(Decimal, Unit, Decimal)> {
    for (at, _) in text.char_indices() {
        let rest = &text[at..];
        for (word, sign) in [
            ("增加", Decimal::ONE),
            ("增长", Decimal::ONE),
            ("减少", Decimal::NEGATIVE_ONE),
            ("下降", Decimal::NEGATIVE_ONE),
        ] {
            if let Some(after) = rest.strip_prefix(word) {
                if let Some((v, unit)) = take_amount(after) {
                    return Some((v * sign, unit, half_unit(v)));
                }
            }
        }
        if rest.starts_with("无变化") || rest.starts_with("持平") {
            return Some((Decimal::ZERO, Unit::WanYuan, Decimal::ZERO));
        }
    }
    None
}

/// `与2024年相比减少41.60万元，…因公出国（境）费…无变化；公务用车购置及运维费
/// …减少19万元；公务接待费…减少22.6万元`: 41.60 = 0 + 19 + 22.6.
fn three_public_change(doc: &Disclosure) -> Outcome {
    let owned = year_labels(doc);
    let labels: Vec<&str> = owned.iter().map(String::as_str).collect();
    let Some((total, _)) = stated_change(doc, &labels, Some("三公"), &[]) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明三公经费的增减",
            "the narrative states no change of the three public costs"
        ));
    };
    let Some((_, text)) = texts(doc, Some("三公")).find(|(s, _)| *s == total.section) else {
        return Outcome::NotApplicable(text!(
            "情况说明未写明三公经费的增减",
            "the narrative states no change of the three public costs"
        ));
    };
    // Each item's change: the first change after the item's last mention
    // before the next item (the item is restated with its change).
    let mut changes = Vec::new();
    let positions: Vec<Option<usize>> = THREE_PUBLIC_ITEMS
        .iter()
        .map(|item| text.rfind(item))
        .collect();
    for (k, at) in positions.iter().enumerate() {
        let Some(at) = *at else { continue };
        let end = positions
            .iter()
            .flatten()
            .copied()
            .filter(|&p| p > at)
            .min()
            .unwrap_or(text.len());
        if let Some(change) = change_after(&text[at..end]) {
            changes.push((THREE_PUBLIC_ITEMS[k], change));
        }
    }
    if changes.len() < THREE_PUBLIC_ITEMS.len() {
        return Outcome::NotApplicable(text!(
            "情况说明未写明三公经费每一项的增减",
            "the narrative does not state the change of every three public cost item"
        ));
    }
    let places = vec![total.place()];
    let figures = (|| {
        let mut sum = Decimal::ZERO;
        let mut tolerance = half_unit(total.value);
        for (_, (v, unit, half)) in &changes {
            sum = sum.checked_add(convert(*v, *unit, total.unit)?)?;
            tolerance = tolerance.checked_add(convert(*half, *unit, total.unit)?)?;
        }
        Some((sum, tolerance, total.value.checked_sub(sum)?))
    })();
    let Some((sum, tolerance, diff)) = figures else {
        return Outcome::Ran(vec![overflow(
            "narrative.three-public-change",
            text!("三公经费的增减", "the three public costs changes"),
            places,
        )]);
    };
    if diff.abs() <= tolerance {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        "narrative.three-public-change",
        Severity::Error,
        text!(
            "情况说明称三公经费比上年变化 {}，但各项变化合计 {}，相差 {}（容差 ±{}，即各数末位半个单位之和）",
            "the narrative states a change of {} in the three public costs, but the items' changes add up to {}: difference {} (tolerance ±{}: half a unit of each figure's last digit)",
            Arg::Signed(total.value),
            Arg::Signed(sum),
            Arg::Signed(diff),
            tolerance
        ),
        places,
    )
    .with_figures(Figures {
        printed: Some(total.value),
        expected: Some(sum),
        difference: Some(diff),
        tolerance: Some(tolerance),
        unit: Some(total.unit),
    })])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn changes_in_percent_are_read_from_the_text() {
        let d = |t: &str| Decimal::from_str(t).unwrap_or_default();
        let text = "项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%。\
                    收支总计24,169.74万元，与上年相比收、支预算总计各增加2214.39万元，增长10.06%。\
                    基本支出15844.04万元，比上年增加1849.73万元。";
        let found = stated_changes(text);
        assert_eq!(
            found,
            [
                StatedChange {
                    current: d("4335.3"),
                    change: d("1237.7"),
                    up: false,
                    percent: d("13.22"),
                },
                StatedChange {
                    current: d("24169.74"),
                    change: d("2214.39"),
                    up: true,
                    percent: d("10.06"),
                },
            ]
        );
    }
}
