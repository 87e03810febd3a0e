//! The prose of a disclosure (情况说明 …) and its smaller structured parts:
//! 机构设置, 政府采购, 国有资产, 名词解释.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Unit;

/// One heading of the document and what stands under it until the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NarrativeSection {
    /// The heading as printed, markup removed: `1、收入说明`.
    pub heading: String,
    /// Headings from the top down to this one (inclusive):
    /// `["二、部门预算安排的总体情况", "1、收入说明"]`. Built from the
    /// numbering (一、 › （一） › 1、), not the markdown level, which the
    /// PDF conversion gets wrong.
    pub path: Vec<String>,
    /// What stands under the heading, in order.
    pub blocks: Vec<Block>,
    /// Line of the heading in the source text (1-based).
    pub line: usize,
    /// Page of the PDF it was read from; `None` for the text form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph, markup removed; paragraphs cut by a page break are joined.
    Paragraph(String),
    /// A small table kept as text (机构设置, a table the importer does not know).
    Grid(GridTable),
    /// `Disclosure::tables[i]` stands here.
    BudgetTable(usize),
    /// `Disclosure::projects[i]` stands here.
    Project(usize),
    /// `Disclosure::procurement` stands here.
    Procurement,
    /// `Disclosure::assets` stands here.
    Assets,
    /// `Disclosure::glossary[i]` stands here.
    Glossary(usize),
}

/// A table kept as text cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridTable {
    pub title: Option<String>,
    /// Header rows, top first.
    pub header: Vec<Vec<String>>,
    pub rows: Vec<Vec<String>>,
    pub line: usize,
}

/// One unit of 机构设置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnit {
    /// 单位名称
    pub name: String,
    /// 单位性质 (行政 / 事业 / 参公 …)
    pub nature: String,
    /// 单位规格 (正处（县）级 …)
    pub rank: String,
    /// 经费保障形式 (财政拨款 / 财政补助 / 自收自支 …)
    pub funding: String,
}

/// 政府采购预算: the table (often empty) and its notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Procurement {
    pub title: String,
    /// The unit line above the table (`211 邢台市人民政府办公室`), if printed.
    pub owner: Option<String>,
    pub unit: Unit,
    /// The table as printed; amounts are read from it with `parse_amount`.
    pub table: GridTable,
    /// Total 政府采购 amount when the text or table states one.
    pub total: Option<Decimal>,
    /// 注：… (空表列示 and others).
    pub notes: Vec<String>,
    pub line: usize,
}

/// 国有资产 / 固定资产占用情况.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetReport {
    pub title: String,
    /// The unit line above the table (`211 邢台市人民政府办公室`), if printed.
    pub owner: Option<String>,
    /// 截止时间 as ISO `YYYY-MM-DD`.
    pub as_of: Option<String>,
    pub unit: Unit,
    /// 资产总额 row of the table.
    pub total: Option<Decimal>,
    /// The category rows below 资产总额, in order.
    pub items: Vec<AssetItem>,
    /// 上年末固定资产金额 as the text states it.
    pub stated_total: Option<Decimal>,
    /// 本年度拟购置固定资产总额 as the text states it.
    pub planned_purchases: Option<Decimal>,
    pub line: usize,
}

/// One row of the assets table: `2、车辆（台、辆） 15 341.58`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetItem {
    pub name: String,
    /// 数量 (units, vehicles, square metres).
    pub quantity: Option<Decimal>,
    /// 价值.
    pub value: Option<Decimal>,
    /// `其中：` rows are part of the row above, not a category of their own.
    pub is_sub_item: bool,
    pub line: usize,
}

/// One entry of 名词解释.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryTerm {
    /// `财政拨款收入`
    pub term: String,
    pub definition: String,
    pub line: usize,
}

impl AssetItem {
    /// Whether this row is a category that counts toward 资产总额.
    pub fn counts_toward_total(&self) -> bool {
        !self.is_sub_item
    }
}
