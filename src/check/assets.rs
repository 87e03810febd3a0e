//! 国有资产: 资产总额 = Σ categories, and the total the text states.

use rust_decimal::Decimal;

use super::{
    compare_sum, half_unit, overflow, sum_finding, Arg, Figures, Finding, Outcome, Rule, Severity,
};
use crate::model::{Disclosure, Place};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "assets.category-sum",
        title: "资产总额 = 各类资产之和（不含“其中”项）",
        title_en: "Total assets equal the sum of the categories (其中 items excluded)",
        check: category_sum,
    },
    Rule {
        id: "assets.stated-total",
        title: "文字所述上年末固定资产金额 = 资产总额",
        title_en: "The fixed assets the text states equal the asset table's total",
        check: stated_total,
    },
];

const WHOLE: Place = Place::Assets { item: None };

fn category_sum(doc: &Disclosure) -> Outcome {
    let Some(assets) = &doc.assets else {
        return Outcome::CouldNotRun(text!(
            "没有国有资产占用情况表",
            "there is no state-owned assets table"
        ));
    };
    let parts: Vec<Option<Decimal>> = assets
        .items
        .iter()
        .filter(|i| i.counts_toward_total())
        .map(|i| i.value)
        .collect();
    if assets.total.is_none() && parts.iter().all(Option::is_none) {
        return Outcome::NotApplicable(text!("资产表没有金额", "the assets table has no amounts"));
    }
    Outcome::Ran(
        sum_finding(
            "assets.category-sum",
            compare_sum(assets.total, &parts),
            assets.total,
            assets.unit,
            text!("国有资产表资产总额", "the total of the assets table"),
            text!("各类资产价值之和", "the sum of the categories"),
            vec![WHOLE],
        )
        .into_iter()
        .collect(),
    )
}

fn stated_total(doc: &Disclosure) -> Outcome {
    let Some(assets) = &doc.assets else {
        return Outcome::CouldNotRun(text!(
            "没有国有资产占用情况表",
            "there is no state-owned assets table"
        ));
    };
    let Some(stated) = assets.stated_total else {
        return Outcome::NotApplicable(text!(
            "文字未写明上年末固定资产金额",
            "the text states no fixed assets figure"
        ));
    };
    let Some(total) = assets.total else {
        return Outcome::CouldNotRun(text!("资产表没有资产总额", "the assets table has no total"));
    };
    let Some(diff) = stated.checked_sub(total) else {
        return Outcome::Ran(vec![overflow(
            "assets.stated-total",
            text!("资产总额", "the total assets"),
            vec![WHOLE],
        )]);
    };
    let tolerance = half_unit(stated);
    if diff.abs() <= tolerance {
        return Outcome::Ran(Vec::new());
    }
    Outcome::Ran(vec![Finding::new(
        "assets.stated-total",
        Severity::Error,
        text!(
            "文字所述上年末固定资产金额 {} 与资产表资产总额 {} 不一致，相差 {}（容差 ±{}，即所述数字末位的半个单位）",
            "the text states fixed assets of {} but the assets table's total is {}: difference {} (tolerance ±{}: half a unit of the stated figure's last digit)",
            Arg::Figure(stated, assets.unit),
            total,
            Arg::Signed(diff),
            tolerance
        ),
        vec![WHOLE],
    )
    .with_figures(Figures {
        printed: Some(stated),
        expected: Some(total),
        difference: Some(diff),
        tolerance: Some(tolerance),
        unit: Some(assets.unit),
    })])
}
