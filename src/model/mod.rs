//! The in-memory model of one department budget disclosure (部门预算公开).
//!
//! Pure data: no UI types, no I/O. Every amount is an exact [`Decimal`] kept
//! with the unit it was printed in; a blank cell is `None`, never zero.
//! Classification codes are strings ([`Code`]), never integers.
//!
//! The model is shaped by the Hebei seed but sized for the other regions in
//! `docs/domain.md`: tables in 元, codes printed split into columns, 事业收入,
//! several sub-units, Shanghai cards with 项目性质 / 上年结转 / 年度指标值.

pub mod amount;
pub mod code;
pub mod indicator;
pub mod narrative;
pub mod place;
pub mod project;
pub mod table;

pub use amount::{amount_width, format_amount, parse_amount, AmountError};
pub use code::{ClassificationTree, Code, CodeScheme, TreeNode};
pub use indicator::{Comparator, Garble, IndicatorUnit, IndicatorValue, ValueStatus};
pub use narrative::{
    AssetItem, AssetReport, Block, GlossaryTerm, GridTable, NarrativeSection, OrgUnit, Procurement,
};
pub use place::Place;
pub use project::{Indicator, PlanPoint, ProjectCard};
pub use table::{names_a_total, BudgetTable, Column, Side, TableKind, TableRow};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One disclosure: a department's (or a single unit's) budget for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disclosure {
    pub department: Department,
    /// The standard tables (and any others the region prints), in document order.
    pub tables: Vec<BudgetTable>,
    /// The 情况说明 and every other prose section, in document order. Structured
    /// parts (tables, cards, assets…) appear here as [`Block`] references, so the
    /// document can be read back in its own order.
    pub narrative: Vec<NarrativeSection>,
    /// Project performance cards (项目绩效目标表), in document order.
    pub projects: Vec<ProjectCard>,
    pub procurement: Option<Procurement>,
    pub assets: Option<AssetReport>,
    /// 名词解释, in document order.
    pub glossary: Vec<GlossaryTerm>,
    /// What the importer resolved in the document's structure without
    /// failing, so nothing is merged or dropped silently: a table printed
    /// twice, a table whose title is missing. Empty for a regular document
    /// (and then not written, so existing RON files are unchanged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_notes: Vec<ImportNote>,
}

/// One thing the importer noticed about the structure and how it read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportNote {
    /// Line in the source text (1-based) the note is about.
    pub line: usize,
    /// Page of the PDF it was read from; `None` for the text form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What was found and what the import did (`表 … printed twice …`).
    pub message: String,
}

/// Who published the disclosure, for which year, in which unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    /// Budget code of the department as printed above its tables (`211`); some
    /// regions print none.
    pub code: Option<String>,
    /// 邢台市人民政府办公室
    pub name: String,
    /// 预算年度
    pub budget_year: u16,
    /// Publication date as ISO `YYYY-MM-DD`, when the document states one.
    pub published: Option<String>,
    /// The unit most tables are printed in; each table also keeps its own.
    pub unit: Unit,
    /// A department budget (部门预算) or a single unit's budget (单位预算).
    pub scope: Scope,
    /// 机构设置: the units whose budgets the disclosure includes.
    pub units: Vec<OrgUnit>,
}

/// 部门预算 covers a department and its sub-units; 单位预算 one unit alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scope {
    #[default]
    Department,
    Unit,
}

/// `part` as a percent of `whole`, one decimal. `None` when the whole is
/// zero or the figures are too large to divide (a garbled amount).
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(whole)
        .map(|p| p.round_dp(1))
}

/// The unit an amount is printed in. Convert only to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Unit {
    /// 元
    Yuan,
    /// 万元
    #[default]
    WanYuan,
    /// 亿元
    YiYuan,
}

impl Unit {
    /// The printed name: 元, 万元, 亿元.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
        }
    }

    /// Recognises a unit in text such as `单位：万元` or `金额单位：元`.
    pub fn from_label(text: &str) -> Option<Unit> {
        let t = text.trim();
        // Longest names first: 万元 contains 元.
        if t.contains("亿元") {
            Some(Unit::YiYuan)
        } else if t.contains("万元") {
            Some(Unit::WanYuan)
        } else if t.contains('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }

    /// How many 元 one of this unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
            Unit::YiYuan => Decimal::from(100_000_000),
        }
    }

    /// Converts an amount printed in `self` to `target`, exactly; `None`
    /// when the result is beyond Decimal's range (a garbled figure), so the
    /// caller can say so instead of showing a clamped number.
    pub fn checked_convert(self, amount: Decimal, target: Unit) -> Option<Decimal> {
        if self == target {
            Some(amount)
        } else {
            amount
                .checked_mul(self.yuan_factor())?
                .checked_div(target.yuan_factor())
        }
    }
}

impl Disclosure {
    /// The first table of a kind (a disclosure prints each standard table once).
    pub fn table(&self, kind: TableKind) -> Option<&BudgetTable> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// Sum of the cards' 预算数 (blank budgets count as nothing); `None`
    /// when the sum overflows Decimal (garbled figures): never a clamped sum.
    pub fn project_budget_total(&self) -> Option<Decimal> {
        self.projects
            .iter()
            .filter_map(|p| p.budget)
            .try_fold(Decimal::ZERO, Decimal::checked_add)
    }

    /// Functional classification (类/款/项) of every coded row of the tables
    /// that use it, names taken from the document itself.
    pub fn functional_tree(&self) -> ClassificationTree {
        ClassificationTree::from_rows(
            CodeScheme::Functional,
            self.tables
                .iter()
                .filter(|t| t.kind.scheme() == Some(CodeScheme::Functional))
                .flat_map(|t| t.coded_rows()),
        )
    }

    /// Departmental economic classification (类/款) from 基本支出表.
    pub fn economic_tree(&self) -> ClassificationTree {
        ClassificationTree::from_rows(
            CodeScheme::Economic,
            self.tables
                .iter()
                .filter(|t| t.kind.scheme() == Some(CodeScheme::Economic))
                .flat_map(|t| t.coded_rows()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn unit_conversion_is_exact() {
        let wan = Decimal::from_str("262.00").unwrap();
        let max = Decimal::from_str("9999999999999999999999999999").unwrap();
        assert_eq!(Unit::WanYuan.checked_convert(max, Unit::Yuan), None);
        assert_eq!(
            Unit::WanYuan.checked_convert(wan, Unit::Yuan),
            Some(Decimal::from(2_620_000))
        );
        let yuan = Decimal::from_str("9500").unwrap();
        assert_eq!(
            Unit::Yuan.checked_convert(yuan, Unit::WanYuan),
            Some(Decimal::from_str("0.95").unwrap())
        );
    }

    #[test]
    fn unit_labels_prefer_the_longest_name() {
        assert_eq!(Unit::from_label("单位：万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::from_label("单位：元"), Some(Unit::Yuan));
        assert_eq!(Unit::from_label("单位：亿元"), Some(Unit::YiYuan));
        assert_eq!(Unit::from_label("单位：%"), None);
    }
}
