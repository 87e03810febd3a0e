//! 国有资产: 资产总额 = Σ categories, and the total the text states.

use rust_decimal::Decimal;

use super::{
    compare_sum, half_unit, show, show_diff, sum_finding, Finding, Outcome, Rule, Severity,
};
use crate::model::{Disclosure, Place};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "assets.category-sum",
        title: "资产总额 = 各类资产之和（不含“其中”项）",
        check: category_sum,
    },
    Rule {
        id: "assets.stated-total",
        title: "文字所述上年末固定资产金额 = 资产总额",
        check: stated_total,
    },
];

const WHOLE: Place = Place::Assets { item: None };

fn category_sum(doc: &Disclosure) -> Outcome {
    let Some(assets) = &doc.assets else {
        return Outcome::CouldNotRun("没有国有资产占用情况表".into());
    };
    let parts: Vec<Option<Decimal>> = assets
        .items
        .iter()
        .filter(|i| i.counts_toward_total())
        .map(|i| i.value)
        .collect();
    if assets.total.is_none() && parts.iter().all(Option::is_none) {
        return Outcome::NotApplicable("资产表没有金额".into());
    }
    Outcome::Ran(
        sum_finding(
            "assets.category-sum",
            compare_sum(assets.total, &parts),
            assets.total,
            "国有资产表资产总额",
            "各类资产价值之和",
            vec![WHOLE],
        )
        .into_iter()
        .collect(),
    )
}

fn stated_total(doc: &Disclosure) -> Outcome {
    let Some(assets) = &doc.assets else {
        return Outcome::CouldNotRun("没有国有资产占用情况表".into());
    };
    let Some(stated) = assets.stated_total else {
        return Outcome::NotApplicable("文字未写明上年末固定资产金额".into());
    };
    let Some(total) = assets.total else {
        return Outcome::CouldNotRun("资产表没有资产总额".into());
    };
    let diff = stated.saturating_sub(total);
    if diff.abs() <= half_unit(stated) {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        "assets.stated-total",
        Severity::Error,
        format!(
            "文字所述上年末固定资产金额 {}{} 与资产表资产总额 {} 不一致，相差 {}",
            show(stated),
            assets.unit.label(),
            show(total),
            show_diff(diff)
        ),
        vec![WHOLE],
    )])
}
