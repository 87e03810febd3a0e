//! The 情况说明 against the tables (catalogue D): the figures the text
//! states, the number of projects, and the year-over-year arithmetic.
//!
//! Figures are read from the text with narrow patterns (a label, a few
//! filler words, a number, a unit). A figure the text does not state makes
//! its rule not applicable; it never passes silently.

use rust_decimal::Decimal;
use std::str::FromStr;

use super::tables::summary_side;
use super::{
    convert, find_table, half_unit, row_where, show, show_diff, squeeze, sum_of, total_row, Figure,
    Finding, Found, Outcome, Rule, Severity,
};
use crate::model::{Block, Disclosure, Place, TableKind, Unit};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "narrative.income-total",
        title: "情况说明的收入总额 = 收支总表收入总计",
        check: income_total,
    },
    Rule {
        id: "narrative.expenditure-total",
        title: "情况说明的支出总额 = 收支总表支出总计",
        check: expenditure_total,
    },
    Rule {
        id: "narrative.basic",
        title: "情况说明的基本支出 = 支出总表基本支出",
        check: |doc| t3_column(doc, "narrative.basic", "基本支出", &["基本支出"]),
    },
    Rule {
        id: "narrative.project",
        title: "情况说明的项目支出 = 支出总表项目支出",
        check: |doc| t3_column(doc, "narrative.project", "项目支出", &["项目支出"]),
    },
    Rule {
        id: "narrative.personnel",
        title: "情况说明的人员经费 = 基本支出表人员经费",
        check: |doc| t6_column(doc, "narrative.personnel", "人员经费", &["人员经费"]),
    },
    Rule {
        id: "narrative.public-funds",
        title: "情况说明的公用经费 = 基本支出表公用经费",
        check: |doc| t6_column(doc, "narrative.public-funds", "公用经费", &["公用经费"]),
    },
    Rule {
        id: "narrative.operating-costs",
        title: "情况说明的机关运行经费 = 基本支出表公用经费",
        check: operating_costs,
    },
    Rule {
        id: "narrative.three-public",
        title: "情况说明的“三公”经费 = 三公经费表小计",
        check: three_public,
    },
    Rule {
        id: "narrative.three-public-items",
        title: "情况说明的三公各项 = 三公经费表各行",
        check: three_public_items,
    },
    Rule {
        id: "narrative.project-count",
        title: "情况说明的项目个数 = 项目绩效目标表张数",
        check: project_count,
    },
    Rule {
        id: "narrative.year-over-year",
        title: "比上年增减：总额变化 = 基本支出变化 + 项目支出变化，增减用词与正负一致",
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
        found.map(|(s, _)| convert(s.value, s.unit, Unit::WanYuan))
    };
    NarrativeFigures {
        total_change: wan(stated_change(doc, &year_labels, None, &skip)),
        basic_change: wan(stated_change(doc, &["基本支出"], None, &skip)),
        project_change: wan(stated_change(doc, &["项目支出"], None, &skip)),
        three_public_change: wan(stated_change(doc, &year_labels, Some("三公"), &[])),
        running_costs: stated_amount(doc, &["机关运行经费"], None)
            .map(|s| convert(s.value, s.unit, Unit::WanYuan)),
    }
}

/// Compares a stated figure with a table figure, allowing half a unit of
/// the stated figure's last printed digit (the text may round).
fn compare_stated(
    rule: &'static str,
    what: &str,
    stated: &Stated,
    table: Figure,
    table_what: &str,
    table_place: Place,
) -> Outcome {
    let in_stated_unit = table.in_unit(stated.unit);
    let diff = stated.value.saturating_sub(in_stated_unit);
    if diff.abs() <= half_unit(stated.value) {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        rule,
        Severity::Error,
        format!(
            "情况说明所述{what} {} 与{table_what} {} 不一致，相差 {}{}",
            stated.figure().show(),
            table.show(),
            show_diff(diff),
            stated.unit.label()
        ),
        vec![stated.place(), table_place],
    )])
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

fn income_total(doc: &Disclosure) -> Outcome {
    let Some(stated) = stated_amount(doc, &["预算收入", "收入预算", "收入总计"], None)
    else {
        return Outcome::NotApplicable("情况说明未写明收入总额".into());
    };
    summary_total(doc, "narrative.income-total", "收入", &stated)
}

fn expenditure_total(doc: &Disclosure) -> Outcome {
    let Some(stated) = stated_amount(doc, &["支出预算", "预算支出", "支出总计"], None)
    else {
        return Outcome::NotApplicable("情况说明未写明支出总额".into());
    };
    summary_total(doc, "narrative.expenditure-total", "支出", &stated)
}

/// Compares with the 收支总表 总计 of one side, or the detail table's 合计.
fn summary_total(doc: &Disclosure, rule: &'static str, label: &str, stated: &Stated) -> Outcome {
    if let Some(t1) = find_table(doc, TableKind::IncomeExpenditureSummary) {
        if let Ok(s) = summary_side(&t1, label) {
            if let Some(ti) = s.total {
                let value = s.side.rows[ti].amount(0).unwrap_or(Decimal::ZERO);
                return compare_stated(
                    rule,
                    &format!("{label}总额"),
                    stated,
                    Figure::new(value, t1.table.unit),
                    &format!("收支总表{label}总计"),
                    t1.row_place(s.index, ti),
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
            &format!("{label}总额"),
            stated,
            figure,
            &format!("{}合计", kind.short_name()),
            place,
        ),
        None => Outcome::CouldNotRun(format!(
            "缺少收支总表和{}（或找不到总计行）",
            kind.short_name()
        )),
    }
}

fn t3_column(doc: &Disclosure, rule: &'static str, column: &str, labels: &[&str]) -> Outcome {
    let Some(stated) = stated_amount(doc, labels, None) else {
        return Outcome::NotApplicable(format!("情况说明未写明{column}"));
    };
    match find_table(doc, TableKind::Expenditure).and_then(|t| total_cell(&t, column)) {
        Some((figure, place)) => compare_stated(
            rule,
            column,
            &stated,
            figure,
            &format!("支出总表{column}合计"),
            place,
        ),
        None => Outcome::CouldNotRun(format!("缺少支出总表（或其{column}列、合计行）")),
    }
}

fn t6_column(doc: &Disclosure, rule: &'static str, column: &str, labels: &[&str]) -> Outcome {
    let Some(stated) = stated_amount(doc, labels, None) else {
        return Outcome::NotApplicable(format!("情况说明未写明{column}"));
    };
    match find_table(doc, TableKind::GeneralPublicBasic).and_then(|t| total_cell(&t, column)) {
        Some((figure, place)) => compare_stated(
            rule,
            column,
            &stated,
            figure,
            &format!("基本支出表{column}合计"),
            place,
        ),
        None => Outcome::CouldNotRun(format!("缺少基本支出表（或其{column}列、合计行）")),
    }
}

fn operating_costs(doc: &Disclosure) -> Outcome {
    let Some(stated) = stated_amount(doc, &["机关运行经费"], None) else {
        return Outcome::NotApplicable("情况说明未写明机关运行经费".into());
    };
    // Regions that print 机关运行经费 in the 三公 table compare with it.
    if let Some((figure, place)) =
        find_table(doc, TableKind::ThreePublicCosts).and_then(|t| total_cell(&t, "机关运行经费"))
    {
        return compare_stated(
            "narrative.operating-costs",
            "机关运行经费",
            &stated,
            figure,
            "三公经费表机关运行经费",
            place,
        );
    }
    match find_table(doc, TableKind::GeneralPublicBasic).and_then(|t| total_cell(&t, "公用经费"))
    {
        Some((figure, place)) => compare_stated(
            "narrative.operating-costs",
            "机关运行经费",
            &stated,
            figure,
            "基本支出表公用经费合计",
            place,
        ),
        None => Outcome::CouldNotRun("缺少基本支出表（或其公用经费列）".into()),
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
        return Outcome::NotApplicable("情况说明未写明三公经费总额".into());
    };
    let Some(t9) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun("缺少财政拨款“三公”经费支出表".into());
    };
    let cell = three_public_cell(&t9, |n| n.contains("三公") && n.contains("小计"))
        .or_else(|| three_public_cell(&t9, |n| n == "合计"));
    match cell {
        Some((figure, place)) => compare_stated(
            "narrative.three-public",
            "“三公”经费",
            &stated,
            figure,
            "三公经费表小计",
            place,
        ),
        None => Outcome::CouldNotRun("三公经费表找不到小计行".into()),
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
    let stated: Vec<_> = items
        .iter()
        .filter_map(|(name, labels, pred)| {
            stated_amount(doc, labels, Some("三公")).map(|s| (*name, s, *pred))
        })
        .collect();
    if stated.is_empty() {
        return Outcome::NotApplicable("情况说明未写明三公经费各项".into());
    }
    let Some(t9) = find_table(doc, TableKind::ThreePublicCosts) else {
        return Outcome::CouldNotRun("缺少财政拨款“三公”经费支出表".into());
    };
    let mut findings = Vec::new();
    for (name, s, pred) in stated {
        let (figure, place) = three_public_cell(&t9, pred)
            .unwrap_or((Figure::new(Decimal::ZERO, t9.table.unit), t9.place()));
        if let Outcome::Ran(found) = compare_stated(
            "narrative.three-public-items",
            name,
            &s,
            figure,
            &format!("三公经费表{name}"),
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
        return Outcome::NotApplicable("情况说明未写明项目个数".into());
    };
    let cards = doc.projects.len();
    if usize::try_from(n).is_ok_and(|n| n == cards) {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        "narrative.project-count",
        Severity::Error,
        format!("情况说明称共 {n} 个项目，项目绩效目标表有 {cards} 张"),
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
        return Outcome::NotApplicable("情况说明未写明总额、基本支出和项目支出的增减".into());
    };
    let in_total_unit = |s: &Stated| convert(s.value, s.unit, total.unit);
    let sum = in_total_unit(&basic).saturating_add(in_total_unit(&project));
    let tolerance = sum_of([
        half_unit(total.value),
        convert(half_unit(basic.value), basic.unit, total.unit),
        convert(half_unit(project.value), project.unit, total.unit),
    ]);
    let total_minus_sum = total.value.saturating_sub(sum);
    let places = vec![total.place()];
    if total_minus_sum.abs() <= tolerance {
        return Outcome::Ran(Vec::new());
    }
    let finding = if total.value.saturating_add(sum).abs() <= tolerance && !sum.is_zero() {
        let right = if sum.is_sign_negative() {
            "减少"
        } else {
            "增加"
        };
        Finding::new(
            "narrative.year-over-year",
            Severity::Error,
            format!(
                "情况说明称总额比上年{total_word} {}，但基本支出与项目支出的增减合计为 {}，应为「{right}」",
                show(total.value.abs()),
                show_diff(sum)
            ),
            places,
        )
    } else {
        Finding::new(
            "narrative.year-over-year",
            Severity::Error,
            format!(
                "情况说明称总额比上年变化 {}，但基本支出变化 {} 与项目支出变化 {} 合计 {}，相差 {}",
                show_diff(total.value),
                show_diff(basic.value),
                show_diff(project.value),
                show_diff(sum),
                show_diff(total_minus_sum)
            ),
            places,
        )
    };
    Outcome::Ran(vec![finding])
}
