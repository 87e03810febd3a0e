//! Checks of the project performance cards (catalogue E) and of their
//! indicator values.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    convert, figures_agree, find_table, show, show_diff, squeeze, sum_of, total_row, Figure,
    Finding, Outcome, Rule, Severity,
};
use crate::model::{
    indicator::Garble, Disclosure, Indicator, IndicatorUnit, Place, ProjectCard, TableKind, Unit,
    ValueStatus,
};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "project.budget-total",
        title: "各项目预算数之和 = 支出总表项目支出合计",
        check: budget_total,
    },
    Rule {
        id: "project.funds-sum",
        title: "项目预算数 = 财政资金 + 其他资金",
        check: funds_sum,
    },
    Rule {
        id: "project.spending-plan",
        title: "资金支出计划：累计百分比不减、不超过100%、12月底达到100%",
        check: spending_plan,
    },
    Rule {
        id: "project.cost-within-budget",
        title: "成本指标金额不超过项目预算数",
        check: cost_within_budget,
    },
    Rule {
        id: "project.codes-unique",
        title: "项目编码唯一且不空",
        check: codes_unique,
    },
    Rule {
        id: "project.indicator-levels",
        title: "产出、效益、满意度三类一级指标齐全",
        check: indicator_levels,
    },
    Rule {
        id: "project.indicator-labels",
        title: "二级、三级指标名称没有错位",
        check: indicator_labels,
    },
    Rule {
        id: "indicator.garbled",
        title: "指标值可读（无重复数字、无重复目标、不缺数值）",
        check: garbled,
    },
    Rule {
        id: "indicator.missing-unit",
        title: "指标值带计量单位",
        check: missing_unit,
    },
    Rule {
        id: "indicator.unit-typo",
        title: "计量单位没有错别字（百份比）",
        check: unit_typo,
    },
    Rule {
        id: "indicator.percent-over-100",
        title: "百分比指标值不超过100",
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
        .then(|| Outcome::NotApplicable("没有项目绩效目标表".into()))
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

fn card_label(index: usize, card: &ProjectCard) -> String {
    format!("项目 {}「{}」", index + 1, card.name)
}

fn budget_total(doc: &Disclosure) -> Outcome {
    let Some(t3) = find_table(doc, TableKind::Expenditure) else {
        return Outcome::CouldNotRun("缺少支出总表".into());
    };
    let Some((si, side)) = t3.main_side() else {
        return Outcome::CouldNotRun("支出总表没有内容".into());
    };
    let Some(column) = side.column("项目支出") else {
        return Outcome::CouldNotRun("支出总表没有项目支出列".into());
    };
    let Some((ri, total)) = total_row(side) else {
        return Outcome::CouldNotRun("支出总表找不到合计行".into());
    };
    let table_figure = Figure::new(total.amount(column).unwrap_or(Decimal::ZERO), t3.table.unit);
    if doc.projects.is_empty() && table_figure.value.is_zero() {
        return Outcome::NotApplicable("没有项目支出".into());
    }
    let cards_yuan = sum_of(
        doc.projects
            .iter()
            .filter_map(|p| p.budget.map(|b| convert(b, p.unit, Unit::Yuan))),
    );
    let cards = Figure::new(
        convert(cards_yuan, Unit::Yuan, t3.table.unit),
        t3.table.unit,
    );
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
    let mut places = vec![t3.row_place(si, ri)];
    places.extend((0..doc.projects.len()).map(card_place));
    Outcome::Ran(vec![Finding::new(
        "project.budget-total",
        Severity::Error,
        format!(
            "{} 张项目绩效目标表的预算数合计 {}，支出总表项目支出合计 {}，相差 {}",
            doc.projects.len(),
            cards.show(),
            table_figure.show(),
            show_diff(cards.value.saturating_sub(table_figure.value))
        ),
        places,
    )])
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
                format!(
                    "{}预算数空白，但列有财政资金或其他资金",
                    card_label(ci, card)
                ),
                vec![card_place(ci)],
            )),
            None => findings.push(Finding::new(
                "project.funds-sum",
                Severity::Warning,
                format!("{}没有预算数", card_label(ci, card)),
                vec![card_place(ci)],
            )),
            Some(budget) => {
                let sum = sum_of(parts.iter().flatten().copied());
                if sum != budget {
                    findings.push(Finding::new(
                        "project.funds-sum",
                        Severity::Error,
                        format!(
                            "{}预算数 {} 应等于财政资金 {} + 其他资金 {} = {}，相差 {}",
                            card_label(ci, card),
                            show(budget),
                            card.fiscal_funds.map(show).unwrap_or_else(|| "空白".into()),
                            card.other_funds.map(show).unwrap_or_else(|| "空白".into()),
                            show(sum),
                            show_diff(budget.saturating_sub(sum))
                        ),
                        vec![card_place(ci)],
                    ));
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
                format!("{label}没有填写资金支出计划"),
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
                    format!(
                        "{label}资金支出计划是累计百分比，{} {}% 小于 {} {}%",
                        b.label,
                        pb.normalize(),
                        a.label,
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
                    format!(
                        "{label}资金支出计划 {} 为 {}%，超过100%",
                        p.label,
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
                format!(
                    "{label}资金支出计划没有12月底一栏（最后一栏 {} 为 {}%）",
                    last.label,
                    last_pct.normalize()
                ),
                place,
            ));
        } else if last_pct < hundred {
            findings.push(Finding::new(
                "project.spending-plan",
                Severity::Warning,
                format!(
                    "{label}资金支出计划到12月底累计 {}%，未达到100%",
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
        let amount_in_card = convert(amount, money_unit, card.unit);
        if amount_in_card > budget {
            // Show the conversion only where the units differ.
            let converted = if money_unit == card.unit {
                String::new()
            } else {
                format!("（即 {}{}）", amount_in_card.normalize(), card.unit.label())
            };
            findings.push(Finding::new(
                "project.cost-within-budget",
                Severity::Error,
                format!(
                    "{}成本指标「{}」指标值 {}{converted} 超过项目预算数 {}{}，超出 {}{}",
                    card_label(ci, card),
                    ind.level3,
                    ind.value.raw.trim(),
                    show(budget),
                    card.unit.label(),
                    amount_in_card.saturating_sub(budget).normalize(),
                    card.unit.label()
                ),
                vec![indicator_place(ci, ii)],
            ));
        }
    }
    if compared == 0 {
        return Outcome::NotApplicable("没有以金额表示的成本指标".into());
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
                format!("{}没有项目编码", card_label(ci, card)),
                vec![card_place(ci)],
            ));
        } else {
            seen.entry(code).or_default().push(ci);
        }
    }
    for (code, cards) in seen {
        if cards.len() > 1 {
            let names: Vec<String> = cards
                .iter()
                .filter_map(|&c| doc.projects.get(c).map(|p| card_label(c, p)))
                .collect();
            findings.push(Finding::new(
                "project.codes-unique",
                Severity::Error,
                format!("项目编码 {code} 重复：{}", names.join("、")),
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
                format!(
                    "{}缺少一级指标：{}",
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
                format!(
                    "{}：二级指标「{}」下的三级指标名为「{}」，两列名称疑似错位",
                    card_label(ci, card),
                    ind.level2,
                    ind.level3
                ),
                vec![indicator_place(ci, ii)],
            ));
        }
    }
    Outcome::Ran(findings)
}

fn garble_text(garble: Garble, raw: &str, number: Option<Decimal>) -> String {
    match garble {
        Garble::Blank => "指标值空白".to_string(),
        Garble::UnitWithoutNumber => format!("指标值「{raw}」只有单位，没有数值"),
        Garble::DuplicatedTarget => format!("指标值「{raw}」目标值重复录入"),
        Garble::DuplicatedDigits => {
            let digits = number.map(|n| n.to_string()).unwrap_or_default();
            let half = &digits[..digits.len() / 2];
            format!("指标值「{raw}」数字重复录入（疑为 {half}）")
        }
        Garble::Unreadable => format!("指标值「{raw}」无法读出目标值"),
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
                format!(
                    "{}「{}」：{}",
                    card_label(ci, card),
                    ind.level3,
                    garble_text(g, ind.value.raw.trim(), ind.value.number)
                ),
                vec![indicator_place(ci, ii)],
            )),
            _ => None,
        })
        .collect();
    Outcome::Ran(findings)
}

fn missing_unit(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let findings = indicators(doc)
        .filter(|(_, _, _, ind)| {
            ind.value.status == ValueStatus::Clean
                && ind.value.number.is_some()
                && ind.value.unit.is_none()
        })
        .map(|(ci, ii, card, ind)| {
            Finding::new(
                "indicator.missing-unit",
                Severity::Warning,
                format!(
                    "{}「{}」：指标值「{}」没有计量单位",
                    card_label(ci, card),
                    ind.level3,
                    ind.value.raw.trim()
                ),
                vec![indicator_place(ci, ii)],
            )
        })
        .collect();
    Outcome::Ran(findings)
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
                    format!(
                        "{}「{}」：单位「{typo}」应为「{right}」",
                        card_label(ci, card),
                        ind.level3
                    ),
                    vec![indicator_place(ci, ii)],
                ));
            }
        }
    }
    Outcome::Ran(findings)
}

fn percent_over_100(doc: &Disclosure) -> Outcome {
    if let Some(o) = no_cards(doc) {
        return o;
    }
    let findings = indicators(doc)
        .filter(|(_, _, _, ind)| {
            ind.value.unit == Some(IndicatorUnit::Percent)
                && ind.value.number.is_some_and(|n| n > Decimal::ONE_HUNDRED)
        })
        .map(|(ci, ii, card, ind)| {
            Finding::new(
                "indicator.percent-over-100",
                Severity::Warning,
                format!(
                    "{}「{}」：指标值「{}」超过100%",
                    card_label(ci, card),
                    ind.level3,
                    ind.value.raw.trim()
                ),
                vec![indicator_place(ci, ii)],
            )
        })
        .collect();
    Outcome::Ran(findings)
}
