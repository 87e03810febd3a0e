//! Checks of the project performance cards (catalogue E) and of their
//! indicator values.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    convert, figures_agree, find_table, overflow, squeeze, sum_of, total_row, Arg, Figure, Figures,
    Finding, Outcome, Rule, Severity, Text,
};
use crate::model::{
    indicator::Garble, Disclosure, Indicator, IndicatorUnit, Place, ProjectCard, TableKind, Unit,
    ValueStatus,
};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "project.budget-total",
        title: "各项目预算数之和 = 支出总表项目支出合计",
        title_en: "The project cards' budgets add up to T3's project expenditure",
        check: budget_total,
    },
    Rule {
        id: "project.funds-sum",
        title: "项目预算数 = 财政资金 + 其他资金",
        title_en: "A card's budget equals fiscal funds + other funds",
        check: funds_sum,
    },
    Rule {
        id: "project.spending-plan",
        title: "资金支出计划：累计百分比不减、不超过100%、12月底达到100%",
        title_en: "Spending plan: cumulative percentages never fall, stay within 100% and reach 100% by December",
        check: spending_plan,
    },
    Rule {
        id: "project.cost-within-budget",
        title: "成本指标金额不超过项目预算数",
        title_en: "A cost indicator does not exceed the project budget",
        check: cost_within_budget,
    },
    Rule {
        id: "project.codes-unique",
        title: "项目编码唯一且不空",
        title_en: "Project codes are present and unique",
        check: codes_unique,
    },
    Rule {
        id: "project.indicator-levels",
        title: "产出、效益、满意度三类一级指标齐全",
        title_en: "Output, benefit and satisfaction indicators are all present",
        check: indicator_levels,
    },
    Rule {
        id: "project.indicator-labels",
        title: "二级、三级指标名称没有错位",
        title_en: "Level-2 and level-3 indicator names are not swapped",
        check: indicator_labels,
    },
    Rule {
        id: "indicator.garbled",
        title: "指标值可读（无重复数字、无重复目标、不缺数值）",
        title_en: "Indicator values are readable (no duplicated digits or targets, a number present)",
        check: garbled,
    },
    Rule {
        id: "indicator.missing-unit",
        title: "指标值带计量单位",
        title_en: "Indicator values carry a unit",
        check: missing_unit,
    },
    Rule {
        id: "indicator.unit-typo",
        title: "计量单位没有错别字（百份比）",
        title_en: "Units have no typos (百份比)",
        check: unit_typo,
    },
    Rule {
        id: "indicator.percent-over-100",
        title: "百分比指标值不超过100",
        title_en: "Percentage indicator values do not exceed 100",
        check: percent_over_100,
    },
];

fn card_place(card: usize) -> Place {
    Place::Project { card }
}

fn indicator_place(card: usize, indicator: usize) -> Place {
    Place::Indicator { card, indicator }
}

fn no_cards(doc: &Disclosure) -> Option<Outcome> {
    doc.projects
        .is_empty()
        .then(|| Outcome::NotApplicable(text!("没有项目绩效目标表", "there are no project cards")))
}

/// Every indicator of every card, with its place.
fn indicators(doc: &Disclosure) -> impl Iterator<Item = (usize, usize, &ProjectCard, &Indicator)> {
    doc.projects.iter().enumerate().flat_map(|(ci, card)| {
        card.indicators
            .iter()
            .enumerate()
            .map(move |(ii, ind)| (ci, ii, card, ind))
    })
}

fn card_label(index: usize, card: &ProjectCard) -> Text {
    text!("项目 {}「{}」", "project {} “{}”", index + 1, &card.name)
}

fn budget_total(doc: &Disclosure) -> Outcome {
    let Some(t3) = find_table(doc, TableKind::Expenditure) else {
        return Outcome::CouldNotRun(text!("缺少支出总表", "T3 is missing"));
    };
    let Some((si, side)) = t3.main_side() else {
        return Outcome::CouldNotRun(text!("支出总表没有内容", "T3 is empty"));
    };
    let Some(column) = side.column("项目支出") else {
        return Outcome::CouldNotRun(text!(
            "支出总表没有项目支出列",
            "T3 has no project expenditure column"
        ));
    };
    let Some((ri, total)) = total_row(side) else {
        return Outcome::CouldNotRun(text!("支出总表找不到合计行", "T3 has no total row"));
    };
    let table_figure = Figure::new(total.amount(column).unwrap_or(Decimal::ZERO), t3.table.unit);
    if doc.projects.is_empty() && table_figure.value.is_zero() {
        return Outcome::NotApplicable(text!("没有项目支出", "there is no project expenditure"));
    }
    let mut places = vec![t3.cell_place(si, ri, column)];
    places.extend((0..doc.projects.len()).map(card_place));
    let in_yuan: Option<Vec<Decimal>> = doc
        .projects
        .iter()
        .filter_map(|p| p.budget.map(|b| convert(b, p.unit, Unit::Yuan)))
        .collect();
    let Some((cards_yuan, cards_value)) = in_yuan.and_then(|v| {
        let yuan = sum_of(v)?;
        Some((yuan, convert(yuan, Unit::Yuan, t3.table.unit)?))
    }) else {
        return Outcome::Ran(vec![overflow(
            "project.budget-total",
            text!("项目预算数合计", "the sum of the card budgets"),
            places,
        )]);
    };
    let cards = Figure::new(cards_value, t3.table.unit);
    // A document with project spending and no card at all did not publish
    // its performance targets: worth a warning, not a sum that fails.
    if doc.projects.is_empty() {
        return Outcome::Ran(vec![Finding::new(
            "project.budget-total",
            Severity::Warning,
            text!(
                "支出总表项目支出合计 {}，但文件没有项目绩效目标表",
                "T3's project expenditure is {}, but the document has no project cards",
                table_figure
            ),
            places,
        )]);
    }
    // Exact when the cards print the table's unit; across units (cards in
    // 元, table in 万元) within the rounding of the coarser figure.
    let same_unit = doc.projects.iter().all(|p| p.unit == t3.table.unit);
    let agree = if same_unit {
        cards.value == table_figure.value
    } else {
        figures_agree(Figure::new(cards_yuan, Unit::Yuan), table_figure)
    };
    if agree {
        return Outcome::Ran(Vec::new());
    }
    let Some(diff) = cards.value.checked_sub(table_figure.value) else {
        return Outcome::Ran(vec![overflow(
            "project.budget-total",
            text!("项目预算数合计", "the sum of the card budgets"),
            places,
        )]);
    };
    Outcome::Ran(vec![Finding::new(
        "project.budget-total",
        Severity::Error,
        text!(
            "{} 张项目绩效目标表的预算数合计 {}，支出总表项目支出合计 {}，相差 {}",
            "the {} project cards' budgets add up to {}, T3's project expenditure is {}: difference {}",
            doc.projects.len(),
            cards,
            table_figure,
            Arg::Signed(diff)
        ),
        places,
    )
    .with_figures(Figures {
        printed: Some(table_figure.value),
        expected: Some(cards.value),
        difference: Some(diff),
        tolerance: Some(Decimal::ZERO),
        unit: Some(t3.table.unit),
    })])
}

fn funds_sum(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut findings = Vec::new();
    for (ci, card) in doc.projects.iter().enumerate() {
        let parts = [card.fiscal_funds, card.other_funds];
        match card.budget {
            None if parts.iter().any(Option::is_some) => findings.push(Finding::new(
                "project.funds-sum",
                Severity::Error,
                text!(
                    "{}预算数空白，但列有财政资金或其他资金",
                    "{}: the budget is blank but fiscal or other funds are printed",
                    card_label(ci, card)
                ),
                vec![card_place(ci)],
            )),
            None => findings.push(Finding::new(
                "project.funds-sum",
                Severity::Warning,
                text!("{}没有预算数", "{} has no budget", card_label(ci, card)),
                vec![card_place(ci)],
            )),
            Some(budget) => {
                let blank = || Arg::from(text!("空白", "blank"));
                let Some((sum, diff)) = sum_of(parts.iter().flatten().copied())
                    .and_then(|sum| Some((sum, budget.checked_sub(sum)?)))
                else {
                    findings.push(overflow(
                        "project.funds-sum",
                        card_label(ci, card),
                        vec![card_place(ci)],
                    ));
                    continue;
                };
                if !diff.is_zero() {
                    findings.push(
                        Finding::new(
                            "project.funds-sum",
                            Severity::Error,
                            Text::new(
                                "{}预算数 {} 应等于财政资金 {} + 其他资金 {} = {}，相差 {}（须完全相等）",
                                "{}: the budget {} should equal fiscal funds {} + other funds {} = {}: difference {} (must be exact)",
                                vec![
                                    Arg::from(card_label(ci, card)),
                                    Arg::Amount(budget),
                                    card.fiscal_funds.map(Arg::Amount).unwrap_or_else(blank),
                                    card.other_funds.map(Arg::Amount).unwrap_or_else(blank),
                                    Arg::Amount(sum),
                                    Arg::Signed(diff),
                                ],
                            ),
                            vec![card_place(ci)],
                        )
                        .with_figures(Figures {
                            printed: Some(budget),
                            expected: Some(sum),
                            difference: Some(diff),
                            tolerance: Some(Decimal::ZERO),
                            unit: Some(card.unit),
                        }),
                    );
                }
            }
        }
    }
    Outcome::Ran(findings)
}

fn spending_plan(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let mut findings = Vec::new();
    for (ci, card) in doc.projects.iter().enumerate() {
        let label = card_label(ci, card);
        let place = vec![card_place(ci)];
        let printed: Vec<_> = card
            .spending_plan
            .iter()
            .filter_map(|p| p.percent.map(|pct| (p, pct)))
            .collect();
        if printed.is_empty() {
            findings.push(Finding::new(
                "project.spending-plan",
                Severity::Note,
                text!(
                    "{}没有填写资金支出计划",
                    "{} has no spending plan",
                    label.clone()
                ),
                place,
            ));
            continue;
        }
        for pair in printed.windows(2) {
            let ((a, pa), (b, pb)) = (pair[0], pair[1]);
            if pb < pa {
                findings.push(Finding::new(
                    "project.spending-plan",
                    Severity::Error,
                    text!(
                        "{}资金支出计划是累计百分比，{} {}% 小于 {} {}%",
                        "{}: the spending plan is cumulative, but {} {}% is less than {} {}%",
                        label.clone(),
                        &b.label,
                        pb.normalize(),
                        &a.label,
                        pa.normalize()
                    ),
                    place.clone(),
                ));
            }
        }
        for (p, pct) in &printed {
            if *pct > hundred {
                findings.push(Finding::new(
                    "project.spending-plan",
                    Severity::Error,
                    text!(
                        "{}资金支出计划 {} 为 {}%，超过100%",
                        "{}: the spending plan gives {} {}%, over 100%",
                        label.clone(),
                        &p.label,
                        pct.normalize()
                    ),
                    place.clone(),
                ));
            }
        }
        let Some((last, last_pct)) = printed.last().copied() else {
            continue;
        };
        if !card.plan_has_year_end() {
            findings.push(Finding::new(
                "project.spending-plan",
                Severity::Note,
                text!(
                    "{}资金支出计划没有12月底一栏（最后一栏 {} 为 {}%）",
                    "{}: the spending plan has no 12月底 (end of December) column (the last, {}, is {}%)",
                    label.clone(),
                    &last.label,
                    last_pct.normalize()
                ),
                place,
            ));
        } else if last_pct < hundred {
            findings.push(Finding::new(
                "project.spending-plan",
                Severity::Warning,
                text!(
                    "{}资金支出计划到12月底累计 {}%，未达到100%",
                    "{}: the spending plan reaches {}% by the end of December, not 100%",
                    label.clone(),
                    last_pct.normalize()
                ),
                place,
            ));
        }
    }
    Outcome::Ran(findings)
}

fn is_cost(ind: &Indicator) -> bool {
    squeeze(&ind.level2).contains("成本")
}

fn cost_within_budget(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut compared = 0;
    let mut findings = Vec::new();
    for (ci, ii, card, ind) in indicators(doc) {
        if !is_cost(ind) {
            continue;
        }
        let money_unit = match ind.value.unit {
            Some(IndicatorUnit::WanYuan) => Unit::WanYuan,
            Some(IndicatorUnit::Yuan) => Unit::Yuan,
            _ => continue,
        };
        let (Some(amount), Some(budget)) = (ind.value.number, card.budget) else {
            continue;
        };
        compared += 1;
        let Some((amount_in_card, over)) =
            convert(amount, money_unit, card.unit).and_then(|a| Some((a, a.checked_sub(budget)?)))
        else {
            findings.push(overflow(
                "project.cost-within-budget",
                card_label(ci, card),
                vec![indicator_place(ci, ii)],
            ));
            continue;
        };
        if over > Decimal::ZERO {
            // Show the conversion only where the units differ.
            let converted = if money_unit == card.unit {
                text!("", "")
            } else {
                text!(
                    "（即 {}）",
                    " (that is {})",
                    Arg::Figure(amount_in_card.normalize(), card.unit)
                )
            };
            findings.push(
                Finding::new(
                    "project.cost-within-budget",
                    Severity::Error,
                    text!(
                        "{}成本指标「{}」指标值 {}{} 超过项目预算数 {}，超出 {}",
                        "{}: the cost indicator “{}” of {}{} exceeds the project budget {} by {}",
                        card_label(ci, card),
                        &ind.level3,
                        ind.value.raw.trim(),
                        converted,
                        Arg::Figure(budget, card.unit),
                        Arg::Figure(over.normalize(), card.unit)
                    ),
                    vec![indicator_place(ci, ii)],
                )
                .with_figures(Figures {
                    printed: Some(amount_in_card),
                    expected: Some(budget),
                    difference: Some(over),
                    tolerance: Some(Decimal::ZERO),
                    unit: Some(card.unit),
                }),
            );
        }
    }
    if compared == 0 {
        return Outcome::NotApplicable(text!(
            "没有以金额表示的成本指标",
            "no cost indicator is stated as an amount"
        ));
    }
    Outcome::Ran(findings)
}

fn codes_unique(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut findings = Vec::new();
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ci, card) in doc.projects.iter().enumerate() {
        let code = squeeze(&card.code);
        if code.is_empty() {
            findings.push(Finding::new(
                "project.codes-unique",
                Severity::Warning,
                text!(
                    "{}没有项目编码",
                    "{} has no project code",
                    card_label(ci, card)
                ),
                vec![card_place(ci)],
            ));
        } else {
            seen.entry(code).or_default().push(ci);
        }
    }
    for (code, cards) in seen {
        if cards.len() > 1 {
            let names: Vec<Arg> = cards
                .iter()
                .filter_map(|&c| doc.projects.get(c).map(|p| Arg::from(card_label(c, p))))
                .collect();
            findings.push(Finding::new(
                "project.codes-unique",
                Severity::Error,
                text!(
                    "项目编码 {} 重复：{}",
                    "project code {} is used twice: {}",
                    code,
                    Arg::List(names)
                ),
                cards.into_iter().map(card_place).collect(),
            ));
        }
    }
    Outcome::Ran(findings)
}

fn indicator_levels(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut findings = Vec::new();
    for (ci, card) in doc.projects.iter().enumerate() {
        let missing: Vec<&str> = ["产出", "效益", "满意度"]
            .into_iter()
            .filter(|level| !card.indicators.iter().any(|i| i.level1.contains(level)))
            .collect();
        if !missing.is_empty() {
            findings.push(Finding::new(
                "project.indicator-levels",
                Severity::Warning,
                text!(
                    "{}缺少一级指标：{}",
                    "{} lacks level-1 indicators: {}",
                    card_label(ci, card),
                    missing
                        .iter()
                        .map(|l| format!("{l}指标"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                vec![card_place(ci)],
            ));
        }
    }
    Outcome::Ran(findings)
}

/// The standard 二级指标 names under 效益指标: a 三级指标 that is one of
/// them but not its own 二级指标 means the labels slipped a column.
const BENEFIT_LEVEL2: [&str; 4] = [
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
];

fn indicator_labels(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut findings = Vec::new();
    for (ci, ii, card, ind) in indicators(doc) {
        let (l2, l3) = (squeeze(&ind.level2), squeeze(&ind.level3));
        if BENEFIT_LEVEL2.contains(&l2.as_str())
            && BENEFIT_LEVEL2.contains(&l3.as_str())
            && l2 != l3
        {
            findings.push(Finding::new(
                "project.indicator-labels",
                Severity::Warning,
                text!(
                    "{}：二级指标「{}」下的三级指标名为「{}」，两列名称疑似错位",
                    "{}: the level-3 indicator under “{}” is named “{}”: the two columns look swapped",
                    card_label(ci, card),
                    &ind.level2,
                    &ind.level3
                ),
                vec![indicator_place(ci, ii)],
            ));
        }
    }
    Outcome::Ran(findings)
}

fn garble_text(garble: Garble, raw: &str, number: Option<Decimal>) -> Text {
    match garble {
        Garble::Blank => text!("指标值空白", "the value is blank"),
        Garble::UnitWithoutNumber => text!(
            "指标值「{}」只有单位，没有数值",
            "the value “{}” has a unit but no number",
            raw
        ),
        Garble::DuplicatedTarget => text!(
            "指标值「{}」目标值重复录入",
            "the value “{}” enters its target twice",
            raw
        ),
        Garble::DuplicatedDigits => {
            let digits = number.map(|n| n.to_string()).unwrap_or_default();
            let half: String = digits.chars().take(digits.chars().count() / 2).collect();
            text!(
                "指标值「{}」数字重复录入（疑为 {}）",
                "the value “{}” repeats its digits (probably {})",
                raw,
                half
            )
        }
        Garble::Unreadable => text!(
            "指标值「{}」无法读出目标值",
            "no target can be read from the value “{}”",
            raw
        ),
    }
}

fn garbled(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let findings = indicators(doc)
        .filter_map(|(ci, ii, card, ind)| match ind.value.status {
            ValueStatus::Garbled(g) => Some(Finding::new(
                "indicator.garbled",
                Severity::Error,
                text!(
                    "{}「{}」：{}",
                    "{}, “{}”: {}",
                    card_label(ci, card),
                    &ind.level3,
                    garble_text(g, ind.value.raw.trim(), ind.value.number)
                ),
                vec![indicator_place(ci, ii)],
            )),
            _ => None,
        })
        .collect();
    Outcome::Ran(findings)
}

/// A rule over each indicator's value: one finding for each value `keep`
/// picks, naming the card, the indicator and the value as printed, then
/// what is wrong (`template`: the Chinese and English sentences).
fn value_rule(
    doc: &Disclosure,
    rule: &'static str,
    severity: Severity,
    template: (&'static str, &'static str),
    keep: impl Fn(&Indicator) -> bool,
) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let findings = indicators(doc)
        .filter(|(_, _, _, ind)| keep(ind))
        .map(|(ci, ii, card, ind)| {
            let args = vec![
                Arg::from(card_label(ci, card)),
                Arg::from(&ind.level3),
                Arg::from(ind.value.raw.trim()),
            ];
            Finding::new(
                rule,
                severity,
                Text::new(template.0, template.1, args),
                vec![indicator_place(ci, ii)],
            )
        })
        .collect();
    Outcome::Ran(findings)
}

fn missing_unit(doc: &Disclosure) -> Outcome {
    value_rule(
        doc,
        "indicator.missing-unit",
        Severity::Warning,
        (
            "{}「{}」：指标值「{}」没有计量单位",
            "{}, “{}”: the value “{}” has no unit",
        ),
        |ind| {
            ind.value.status == ValueStatus::Clean
                && ind.value.number.is_some()
                && ind.value.unit.is_none()
        },
    )
}

/// Misspelt units and their correct form.
const UNIT_TYPOS: [(&str, &str); 2] = [("百份比", "百分比"), ("百份率", "百分率")];

fn unit_typo(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let mut findings = Vec::new();
    for (ci, ii, card, ind) in indicators(doc) {
        for (typo, right) in UNIT_TYPOS {
            if ind.value.raw.contains(typo) {
                findings.push(Finding::new(
                    "indicator.unit-typo",
                    Severity::Note,
                    text!(
                        "{}「{}」：单位「{}」应为「{}」",
                        "{}, “{}”: the unit “{}” should be “{}”",
                        card_label(ci, card),
                        &ind.level3,
                        typo,
                        right
                    ),
                    vec![indicator_place(ci, ii)],
                ));
            }
        }
    }
    Outcome::Ran(findings)
}

fn percent_over_100(doc: &Disclosure) -> Outcome {
    value_rule(
        doc,
        "indicator.percent-over-100",
        Severity::Warning,
        (
            "{}「{}」：指标值「{}」超过100%",
            "{}, “{}”: the value “{}” is over 100%",
        ),
        |ind| {
            ind.value.unit == Some(IndicatorUnit::Percent)
                && ind.value.number.is_some_and(|n| n > Decimal::ONE_HUNDRED)
        },
    )
}
