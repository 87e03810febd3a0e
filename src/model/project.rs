//! Project performance cards (项目绩效目标表 / 绩效目标申报表).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::indicator::IndicatorValue;
use super::Unit;

/// One project's performance card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectCard {
    /// The card's number in the document (`2、` → 2), if printed.
    pub seq: Option<u32>,
    /// Title as printed: `基本工作经费 B（市长热线)绩效目标表`.
    pub title: String,
    /// 项目编码, as text: `13050025P00945010077D`.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 单位 printed with the card.
    pub unit: Unit,
    /// 预算数 (Shanghai: 项目资金 / 年度资金总额).
    pub budget: Option<Decimal>,
    /// 其中：财政资金.
    pub fiscal_funds: Option<Decimal>,
    /// 其他资金.
    pub other_funds: Option<Decimal>,
    /// 上年结转 (Shanghai cards).
    pub carried_over: Option<Decimal>,
    /// 项目性质 (Shanghai cards: 经常性项目 / 一次性项目 …).
    pub nature: Option<String>,
    /// 起止日期 / 项目期 (Shanghai cards).
    pub period: Option<String>,
    /// 资金用途 / 项目概况.
    pub purpose: String,
    /// Cumulative spending plan (资金支出计划（%）), one point per printed
    /// column. A column that is not printed has no point; a printed column
    /// with a blank cell has a point with `percent: None`.
    pub spending_plan: Vec<PlanPoint>,
    /// 绩效目标 text.
    pub goal: String,
    /// Indicator rows in document order, page-continuation fragments merged.
    pub indicators: Vec<Indicator>,
    /// Other labelled header fields the card prints (主管部门, 实施单位 …),
    /// kept verbatim as (label, value).
    pub extra: Vec<(String, String)>,
    /// Line of the card's title in the source text (1-based).
    pub line: usize,
    /// Page of the PDF it was read from; `None` for the text form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// One column of a spending plan: `6月底 50%`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPoint {
    /// Column label as printed, spaces removed: `6月底`.
    pub label: String,
    /// Month the column ends (3, 6, 10, 12), when the label names one.
    pub month: Option<u8>,
    /// Cumulative percentage (50 for `50%`); `None` for a blank cell.
    pub percent: Option<Decimal>,
}

/// One indicator row: 一级 → 二级 → 三级 指标 with its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标 (产出指标 / 效益指标 / 满意度指标). Printed once per group in
    /// the document; filled in here for every row of the group.
    pub level1: String,
    /// 二级指标 (数量指标, 成本指标, 服务对象满意度指标 …).
    pub level2: String,
    /// 三级指标: the indicator's own name.
    pub level3: String,
    /// 绩效指标描述.
    pub description: String,
    /// 指标值 (Shanghai: 年度指标值), parsed, with the raw text kept.
    pub value: IndicatorValue,
    /// 指标值确定依据.
    pub basis: String,
    /// Line in the source text (1-based).
    pub line: usize,
}

impl ProjectCard {
    /// Whether the plan prints a 12月底 column.
    pub fn plan_has_year_end(&self) -> bool {
        self.spending_plan.iter().any(|p| p.month == Some(12))
    }

    /// Indicators whose 二级指标 is `level2` (e.g. 成本指标).
    pub fn indicators_of<'a>(
        &'a self,
        level2: &'a str,
    ) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.level2 == level2)
    }
}
