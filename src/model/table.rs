//! Budget tables: the nine standard tables of a disclosure (and any other the
//! region prints), every row and every column kept.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::code::{Code, CodeScheme};
use super::Unit;

/// Which standard table this is. Titles vary by region; the kind does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableKind {
    /// T1 收支总表 (Shanghai: 财务收支预算总表). Two-sided: 收入 | 支出.
    IncomeExpenditureSummary,
    /// T2 收入总表: income by functional code and source.
    Income,
    /// T3 支出总表: expenditure by functional code, 基本 / 项目 / ….
    Expenditure,
    /// T4 财政拨款收支总表. Two-sided: 收入 | 支出 by fund.
    FiscalGrantSummary,
    /// T5 一般公共预算财政拨款支出表, by functional code.
    GeneralPublicExpenditure,
    /// T6 一般公共预算财政拨款基本支出表, by economic code.
    GeneralPublicBasic,
    /// T7 政府性基金预算财政拨款支出表.
    GovernmentFundExpenditure,
    /// T8 国有资本经营预算财政拨款支出表.
    StateCapitalExpenditure,
    /// T9 财政拨款“三公”经费支出表 (rows are items, not codes).
    ThreePublicCosts,
    /// A table that is not one of the nine (Jiangsu prints twelve).
    Other,
}

impl TableKind {
    /// The nine standard tables in their usual order.
    pub const STANDARD: [TableKind; 9] = [
        TableKind::IncomeExpenditureSummary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalGrantSummary,
        TableKind::GeneralPublicExpenditure,
        TableKind::GeneralPublicBasic,
        TableKind::GovernmentFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::ThreePublicCosts,
    ];

    /// Recognises a table title of any region. Order matters: the more
    /// specific names contain the general ones (财政拨款收支总表 ⊃ 收支总表).
    pub fn from_title(title: &str) -> TableKind {
        let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        let has = |s: &str| t.contains(s);
        if has("三公") {
            TableKind::ThreePublicCosts
        } else if has("机关运行经费") || has("政府采购") {
            // Jiangsu's 公开11 / 公开12: not one of the nine.
            TableKind::Other
        } else if has("基本支出") && (has("经济分类") || has("一般公共预算")) {
            TableKind::GeneralPublicBasic
        } else if has("国有资本经营") {
            TableKind::StateCapitalExpenditure
        } else if has("政府性基金") {
            TableKind::GovernmentFundExpenditure
        } else if has("财政拨款收支") {
            TableKind::FiscalGrantSummary
        } else if has("一般公共预算") && has("支出") {
            TableKind::GeneralPublicExpenditure
        } else if has("收支总表") || has("收支预算总表") {
            TableKind::IncomeExpenditureSummary
        } else if has("收入总表") || has("收入预算总表") {
            TableKind::Income
        } else if has("支出总表") || has("支出预算总表") {
            TableKind::Expenditure
        } else {
            TableKind::Other
        }
    }

    /// Short standard name, the same in every region.
    pub fn short_name(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "收支总表",
            TableKind::Income => "收入总表",
            TableKind::Expenditure => "支出总表",
            TableKind::FiscalGrantSummary => "财政拨款收支总表",
            TableKind::GeneralPublicExpenditure => "一般公共预算财政拨款支出表",
            TableKind::GeneralPublicBasic => "一般公共预算财政拨款基本支出表",
            TableKind::GovernmentFundExpenditure => "政府性基金预算财政拨款支出表",
            TableKind::StateCapitalExpenditure => "国有资本经营预算财政拨款支出表",
            TableKind::ThreePublicCosts => "财政拨款“三公”经费支出表",
            TableKind::Other => "其他表",
        }
    }

    /// The classification the rows are coded in, if any.
    pub fn scheme(self) -> Option<CodeScheme> {
        match self {
            TableKind::Income
            | TableKind::Expenditure
            | TableKind::GeneralPublicExpenditure
            | TableKind::GovernmentFundExpenditure
            | TableKind::StateCapitalExpenditure => Some(CodeScheme::Functional),
            TableKind::GeneralPublicBasic => Some(CodeScheme::Economic),
            _ => None,
        }
    }
}

/// One printed table, merged back together across page breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetTable {
    pub kind: TableKind,
    /// The title as printed (部门预算收支总表).
    pub title: String,
    /// 单位：万元 / 元, as printed above this table.
    pub unit: Unit,
    /// The unit line above the table (`211 邢台市人民政府办公室`), if printed.
    pub owner: Option<String>,
    /// 预算年度 printed above the table, if any.
    pub year: Option<u16>,
    /// One side for most tables; two (收入, 支出) for T1 and T4.
    pub sides: Vec<Side>,
    /// Notes printed with the table (注：…空表列示).
    pub notes: Vec<String>,
    /// Line of the title in the source text (1-based).
    pub line: usize,
    /// Page of the PDF it was read from; `None` for the text form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A block of columns with its rows. Two-sided tables (收入 | 支出) have one
/// side each; rows of both sides share 序号, which is how they pair up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// 收入 / 支出 for two-sided tables; `None` for one-sided ones.
    pub label: Option<String>,
    /// The amount columns, in print order.
    pub columns: Vec<Column>,
    /// Rows with a label or a figure; a side's blank padding rows are not kept
    /// (their 序号 is still known from the other side).
    pub rows: Vec<TableRow>,
}

/// One amount column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Header path from the top header row down: `["本年收入", "小计"]`.
    pub header: Vec<String>,
    /// 栏次 number printed under the header, if any.
    pub number: Option<u32>,
}

impl Column {
    /// The lowest header cell (`小计`).
    pub fn label(&self) -> &str {
        self.header.last().map(String::as_str).unwrap_or("")
    }

    /// The header path joined with `/`: `本年收入/小计`.
    pub fn path(&self) -> String {
        self.header.join("/")
    }
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// 序号 as printed; Shanghai prints none.
    pub seq: Option<u32>,
    /// Classification code (科目编码), when the table has a code column.
    pub code: Option<Code>,
    /// 科目名称 / 项目, markup removed.
    pub name: String,
    /// One entry per column of the side; `None` is a blank cell.
    pub amounts: Vec<Option<Decimal>>,
    /// Line in the source text (1-based).
    pub line: usize,
    /// Page of the PDF it was read from; `None` for the text form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl TableRow {
    pub fn amount(&self, column: usize) -> Option<Decimal> {
        self.amounts.get(column).copied().flatten()
    }

    /// Whether the row has no label and no figure (a padding row).
    pub fn is_blank(&self) -> bool {
        self.code.is_none()
            && self.name.trim().is_empty()
            && self.amounts.iter().all(Option::is_none)
    }
}

impl Side {
    /// Index of the first column whose header path contains `label`.
    pub fn column(&self, label: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.label() == label || c.header.iter().any(|h| h == label))
            .or_else(|| self.columns.iter().position(|c| c.path().contains(label)))
    }

    /// The row carrying `code`, if any.
    pub fn row_by_code(&self, code: &str) -> Option<&TableRow> {
        self.rows
            .iter()
            .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code))
    }

    /// The 合计 / 总计 row of a classified table: a row without code named
    /// 合计, 总计 or 合计数 (spaces and quotation marks ignored). The one home
    /// of this rule: the checks, the search facts and the views all ask here.
    ///
    /// A side whose only uncoded row has no name at all (Jiangsu prints the
    /// 合计 label in the header band above a lone figure row) has that row
    /// as its total.
    pub fn total_row(&self) -> Option<(usize, &TableRow)> {
        let named = self.rows.iter().enumerate().find(|(_, r)| {
            let name: String = r
                .name
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
                .collect();
            r.code.is_none() && matches!(name.as_str(), "合计" | "总计" | "合计数")
        });
        named.or_else(|| {
            let mut uncoded = self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.code.is_none());
            match (uncoded.next(), uncoded.next()) {
                (Some(only), None) if only.1.name.trim().is_empty() => Some(only),
                _ => None,
            }
        })
    }

    /// The figure of the total row in the column labelled `column`.
    pub fn total_in(&self, column: &str) -> Option<Decimal> {
        let c = self.column(column)?;
        self.total_row()?.1.amount(c)
    }

    /// Σ of the 类 rows whose code is one of `classes`, in column `column`
    /// (`None` when none is printed or the sum overflows): 人员经费 is 301 +
    /// 303 and 公用经费 302 + 310 where a table prints no such column.
    pub fn class_sum(&self, classes: &[&str], column: usize) -> Option<Decimal> {
        let mut found = false;
        let mut sum = Decimal::ZERO;
        for r in &self.rows {
            if r.code
                .as_ref()
                .is_some_and(|c| classes.contains(&c.as_str()))
            {
                if let Some(v) = r.amount(column) {
                    sum = sum.checked_add(v)?;
                    found = true;
                }
            }
        }
        found.then_some(sum)
    }

    /// The first row whose name, with whitespace removed, equals `name`.
    pub fn row_by_name(&self, name: &str) -> Option<&TableRow> {
        self.rows.iter().find(|r| squeeze(&r.name) == squeeze(name))
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 类 of the economic classification that make up 人员经费 and 公用经费
/// (部门预算支出经济分类: 工资福利 + 对个人和家庭的补助; 商品和服务 + 资本性).
pub const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];
pub const PUBLIC_USE_CLASSES: [&str; 2] = ["302", "310"];

impl BudgetTable {
    /// The “三公”经费 total of a 三公 table: its 三公…小计 row where the
    /// table also prints 会议费 / 培训费 or 机关运行经费 (Jiangsu, Shanghai),
    /// else its 合计 row.
    pub fn three_public_total(&self) -> Option<Decimal> {
        let side = self.sides.first()?;
        let subtotal = side.rows.iter().find(|r| {
            let n: String = r.name.chars().filter(|c| !c.is_whitespace()).collect();
            n.contains("三公") && n.contains("小计")
        });
        subtotal
            .or_else(|| side.total_row().map(|(_, r)| r))?
            .amount(0)
    }

    /// 人员经费 and 公用经费 of a 基本支出 table: its columns of those names
    /// where printed, else the sums of their 类 rows in its first column.
    pub fn basic_split(&self) -> (Option<Decimal>, Option<Decimal>) {
        let Some(side) = self.sides.first() else {
            return (None, None);
        };
        let by_column = |label: &str| side.total_in(label);
        (
            by_column("人员经费").or_else(|| side.class_sum(&PERSONNEL_CLASSES, 0)),
            by_column("公用经费").or_else(|| side.class_sum(&PUBLIC_USE_CLASSES, 0)),
        )
    }

    /// The 机关运行经费 a table prints as a row of its own (Shanghai's 三公
    /// table: `2023年机关运行经费预算数`).
    pub fn running_costs_row(&self) -> Option<Decimal> {
        self.sides
            .first()?
            .rows
            .iter()
            .find(|r| r.name.contains("机关运行经费"))?
            .amount(0)
    }

    /// The only side of a one-sided table (or the first of a two-sided one).
    pub fn main_side(&self) -> Option<&Side> {
        self.sides.first()
    }

    /// The side labelled 收入 / 支出 (by prefix, so 支出 matches 支出).
    pub fn side(&self, label: &str) -> Option<&Side> {
        self.sides
            .iter()
            .find(|s| s.label.as_deref().is_some_and(|l| l.starts_with(label)))
    }

    /// Every row of every side that carries a code.
    pub fn coded_rows(&self) -> impl Iterator<Item = &TableRow> {
        self.sides
            .iter()
            .flat_map(|s| s.rows.iter())
            .filter(|r| r.code.is_some())
    }

    /// Number of printed rows: the distinct 序号 across sides, or the longest
    /// side where no 序号 is printed.
    pub fn row_count(&self) -> usize {
        let mut seqs: Vec<u32> = self
            .sides
            .iter()
            .flat_map(|s| s.rows.iter().filter_map(|r| r.seq))
            .collect();
        if seqs.is_empty() {
            return self.sides.iter().map(|s| s.rows.len()).max().unwrap_or(0);
        }
        seqs.sort_unstable();
        seqs.dedup();
        seqs.len()
    }

    /// A table with no figure at all (published empty, with a note).
    pub fn has_no_figures(&self) -> bool {
        self.sides
            .iter()
            .flat_map(|s| s.rows.iter())
            .all(|r| r.amounts.iter().all(Option::is_none))
    }
}

/// Whether a row's name says it totals others (合计, 总计, 收入总计,
/// 本年支出合计, 合计数 …): how an unclassified ledger such as the
/// 收支总表 marks its grand lines. [`Side::total_row`] is the stricter rule
/// for a classified table's one total.
pub fn names_a_total(name: &str) -> bool {
    name.contains("合计") || name.contains("总计")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_every_region_map_to_kinds() {
        let cases = [
            ("部门预算收支总表", TableKind::IncomeExpenditureSummary),
            ("部门财务收支预算总表", TableKind::IncomeExpenditureSummary),
            ("部门预算收入总表", TableKind::Income),
            ("部门收入预算总表", TableKind::Income),
            ("部门预算支出总表", TableKind::Expenditure),
            ("部门支出预算总表", TableKind::Expenditure),
            ("部门预算财政拨款收支总表", TableKind::FiscalGrantSummary),
            ("部门财政拨款收支预算总表", TableKind::FiscalGrantSummary),
            (
                "部门预算一般公共预算财政拨款支出表",
                TableKind::GeneralPublicExpenditure,
            ),
            (
                "部门一般公共预算支出功能分类预算表",
                TableKind::GeneralPublicExpenditure,
            ),
            (
                "部门预算一般公共预算财政拨款基本支出表",
                TableKind::GeneralPublicBasic,
            ),
            (
                "部门一般公共预算基本支出部门预算经济分类预算表",
                TableKind::GeneralPublicBasic,
            ),
            (
                "部门预算政府性基金预算财政拨款支出表",
                TableKind::GovernmentFundExpenditure,
            ),
            (
                "部门预算国有资本经营预算财政拨款支出表",
                TableKind::StateCapitalExpenditure,
            ),
            (
                "部门预算财政拨款“三公”经费支出表",
                TableKind::ThreePublicCosts,
            ),
            (
                "部门“三公”经费和机关运行经费预算表",
                TableKind::ThreePublicCosts,
            ),
            ("部门固定资产占用情况表", TableKind::Other),
        ];
        for (title, kind) in cases {
            assert_eq!(TableKind::from_title(title), kind, "{title}");
        }
    }
}
