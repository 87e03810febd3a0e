//! Prose and the small structured parts that stand in it: paragraphs joined
//! across page breaks, 名词解释 entries, 机构设置, 政府采购, 国有资产 and
//! tables the importer does not know (kept as grids).

use rust_decimal::Decimal;

use super::lines::{
    clean_markup, ends_sentence, numbering_rank, parse_date, push_fragment, squeeze_label,
};
use super::tables::{RowLine, TableBlock};
use super::ImportError;
use crate::model::{
    parse_amount, AssetItem, AssetReport, Block, GlossaryTerm, GridTable, NarrativeSection,
    OrgUnit, Procurement, Unit,
};

/// Shorter paragraphs are captions or titles, never the first half of a
/// paragraph cut by a page break.
const MIN_CUT_PARAGRAPH: usize = 20;

/// Whether `next` continues the paragraph `previous` (a page break cut it):
/// `previous` is long and ends mid-sentence, `next` is not a new numbered
/// item, a note or a date.
pub(crate) fn continues(previous: &str, next: &str) -> bool {
    previous.chars().count() >= MIN_CUT_PARAGRAPH
        && !ends_sentence(previous)
        && numbering_rank(next).is_none()
        && !next.starts_with(['-', '*', '注', '（', '('])
        && parse_date(next).is_none()
}

/// Adds a paragraph, joining it to the previous one when it continues it.
pub(crate) fn push_paragraph(blocks: &mut Vec<Block>, text: &str) {
    let text = clean_markup(text);
    if text.is_empty() {
        return;
    }
    if let Some(Block::Paragraph(previous)) = blocks.last_mut() {
        if continues(previous, &text) {
            push_fragment(previous, &text);
            return;
        }
    }
    blocks.push(Block::Paragraph(text));
}

/// A 名词解释 entry: `- 1、**财政拨款收入：**指…` or `**10、机关运行经费:**是指…`.
pub(crate) fn glossary_entry(text: &str) -> Option<(String, String)> {
    let t = text.trim_start_matches(['-', '*', '•', ' ']);
    let plain = clean_markup(t);
    let plain = plain.trim_start_matches(['-', '•', ' ']);
    let digits = plain.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = plain[digits..].strip_prefix(['、', '.', '．'])?;
    let colon = rest.find(['：', ':'])?;
    let term = rest[..colon].trim();
    let definition = rest[colon..]
        .trim_start_matches(['：', ':'])
        .trim()
        .to_string();
    let term_len = term.chars().count();
    (term_len > 0 && term_len <= 30).then(|| (term.to_string(), definition))
}

/// Adds a line of the 名词解释 section: a new entry, the continuation of
/// the last one (cut by a page break), or a plain paragraph.
pub(crate) fn push_glossary_line(
    blocks: &mut Vec<Block>,
    glossary: &mut Vec<GlossaryTerm>,
    text: &str,
    line: usize,
) {
    if let Some((term, definition)) = glossary_entry(text) {
        blocks.push(Block::Glossary(glossary.len()));
        glossary.push(GlossaryTerm {
            term,
            definition,
            line,
        });
        return;
    }
    let count = glossary.len();
    if let (Some(Block::Glossary(i)), Some(last)) = (blocks.last(), glossary.last_mut()) {
        let cleaned = clean_markup(text);
        if *i + 1 == count && continues(&last.definition, &cleaned) {
            push_fragment(&mut last.definition, &cleaned);
            return;
        }
    }
    push_paragraph(blocks, text);
}

fn cleaned_rows(rows: &[RowLine]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.cells.iter().map(|c| clean_markup(c)).collect())
        .collect()
}

fn has_figures(cells: &[String]) -> bool {
    cells.iter().any(|c| matches!(parse_amount(c), Ok(Some(_))))
}

/// Splits rows at the first one with figures: the rows above are header.
fn split_by_figures(rows: Vec<Vec<String>>) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let at = rows
        .iter()
        .position(|r| has_figures(r))
        .unwrap_or(rows.len());
    let mut header = rows;
    let body = header.split_off(at);
    (header, body)
}

/// A table kept as text. Leading rows without figures are its header; a
/// table without figures has its first row as header.
pub(crate) fn grid(block: &TableBlock, title: Option<String>) -> GridTable {
    let (mut header, mut rows) = split_by_figures(cleaned_rows(&block.rows));
    if rows.is_empty() && header.len() > 1 {
        rows = header.split_off(1);
    }
    GridTable {
        title,
        header,
        rows,
        line: block.rows.first().map_or(0, |r| r.no),
    }
}

/// Whether a block is the 机构设置 table.
pub(crate) fn is_org_table(block: &TableBlock) -> bool {
    block.rows.first().is_some_and(|r| {
        let labels: Vec<String> = r.cells.iter().map(|c| squeeze_label(c)).collect();
        labels.iter().any(|l| l == "单位名称")
            && labels
                .iter()
                .any(|l| l == "单位性质" || l == "经费保障形式" || l == "单位规格")
    })
}

/// The units of the 机构设置 table, columns found by their labels.
pub(crate) fn org_units(block: &TableBlock) -> Vec<OrgUnit> {
    let Some((header, rows)) = block.rows.split_first() else {
        return Vec::new();
    };
    let labels: Vec<String> = header.cells.iter().map(|c| squeeze_label(c)).collect();
    let col = |name: &str, default: usize| labels.iter().position(|l| l == name).unwrap_or(default);
    let (name, nature, rank, funding) = (
        col("单位名称", 0),
        col("单位性质", 1),
        col("单位规格", 2),
        col("经费保障形式", 3),
    );
    rows.iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .map(|r| {
            let cell = |c: usize| r.cells.get(c).map_or(String::new(), |s| clean_markup(s));
            OrgUnit {
                name: cell(name),
                nature: cell(nature),
                rank: cell(rank),
                funding: cell(funding),
            }
        })
        .collect()
}

/// Whether a block is the fixed-assets table (资产总额, 数量 and 价值).
pub(crate) fn is_asset_table(block: &TableBlock) -> bool {
    let has_total = block.rows.iter().any(|r| {
        r.cells
            .first()
            .is_some_and(|c| squeeze_label(c).contains("资产总额"))
    });
    let header_fits = block.rows.first().is_some_and(|r| {
        let labels: Vec<String> = r.cells.iter().map(|c| squeeze_label(c)).collect();
        labels.iter().any(|l| l.contains("数量")) && labels.iter().any(|l| l.contains("价值"))
    });
    has_total || header_fits
}

/// The 国有资产 report from its table.
pub(crate) fn asset_report(
    file: &str,
    title: &str,
    title_line: usize,
    block: &TableBlock,
    fallback_unit: Unit,
) -> Result<AssetReport, ImportError> {
    let (header, rows) = match block.rows.split_first() {
        Some((h, r)) => (h, r),
        None => {
            return Err(ImportError::new(
                file,
                title_line,
                "expected the rows of the assets table",
            ))
        }
    };
    let labels: Vec<String> = header.cells.iter().map(|c| squeeze_label(c)).collect();
    let quantity_col = labels.iter().position(|l| l.contains("数量")).unwrap_or(1);
    let value_col = labels
        .iter()
        .position(|l| l.contains("价值") || l.contains("金额"))
        .unwrap_or(2);
    let unit = labels
        .get(value_col)
        .and_then(|l| l.contains("单位").then(|| Unit::from_label(l)).flatten())
        .or(block.unit)
        .unwrap_or(fallback_unit);
    let mut report = AssetReport {
        title: title.to_string(),
        owner: block.owner.clone(),
        as_of: block.as_of.clone(),
        unit,
        total: None,
        items: Vec::new(),
        stated_total: None,
        planned_purchases: None,
        line: title_line,
    };
    for row in rows {
        let cell = |c: usize| row.cells.get(c).map_or("", |s| s.as_str());
        let figure = |c: usize| -> Result<Option<Decimal>, ImportError> {
            parse_amount(cell(c)).map_err(|_| {
                ImportError::new(
                    file,
                    row.no,
                    format!(
                        "expected an amount in column {}, found \"{}\"",
                        labels.get(c).map_or("", String::as_str),
                        cell(c)
                    ),
                )
                .zh(format!(
                    "{} 栏应为金额，实为“{}”",
                    labels.get(c).map_or("", String::as_str),
                    cell(c)
                ))
            })
        };
        let name = clean_markup(cell(0));
        if name.is_empty() && row.cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let quantity = figure(quantity_col)?;
        let value = figure(value_col)?;
        if squeeze_label(&name).contains("资产总额") {
            report.total = value;
            continue;
        }
        report.items.push(AssetItem {
            is_sub_item: squeeze_label(&name).starts_with("其中"),
            name,
            quantity,
            value,
            line: row.no,
        });
    }
    Ok(report)
}

/// The number printed after `key` in a sentence, at most 8 characters
/// later (`…金额为 **1279.98** 万元`), and the text after it.
fn number_after_key<'a>(text: &'a str, key: &str) -> Option<(String, &'a str)> {
    let start = text.find(key)? + key.len();
    let rest = &text[start..];
    let skip: usize = rest
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .take(8)
        .map(char::len_utf8)
        .sum();
    let number: String = rest[skip..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let after = &rest[skip + number.len()..];
    Some((number.trim_end_matches('.').to_string(), after))
}

/// The figure printed after `key` in a sentence (`…金额为 **1279.98** 万元`).
pub(crate) fn figure_after(text: &str, key: &str) -> Option<Decimal> {
    let (number, _) = number_after_key(text, key)?;
    parse_amount(&number).ok().flatten()
}

/// The figure and its unit after `key` in a sentence (`政府采购预算1662.44万元`):
/// the unit right after the number.
pub(crate) fn stated_amount(text: &str, key: &str) -> Option<(Decimal, Unit)> {
    let (number, after) = number_after_key(text, key)?;
    let after = after.trim_start();
    let unit = ["亿元", "万元", "元"]
        .iter()
        .find(|u| after.starts_with(**u))
        .and_then(|u| Unit::from_label(u))?;
    let amount = parse_amount(&number).ok().flatten()?;
    Some((amount, unit))
}

/// 政府采购 stated only in the text (Shanghai prints no table): the first
/// `政府采购预算 N 万元` of the narrative, with an empty table, so the figure
/// is in the model where a printed table's total would be.
pub(crate) fn stated_procurement(narrative: &[NarrativeSection]) -> Option<Procurement> {
    narrative.iter().find_map(|section| {
        section.blocks.iter().find_map(|b| {
            let Block::Paragraph(p) = b else { return None };
            let (total, unit) = stated_amount(&squeeze_label(p), "政府采购预算")?;
            Some(Procurement {
                title: section.heading.clone(),
                owner: None,
                unit,
                table: GridTable {
                    title: None,
                    header: Vec::new(),
                    rows: Vec::new(),
                    line: section.line,
                },
                total: Some(total),
                notes: Vec::new(),
                line: section.line,
            })
        })
    })
}

/// The 政府采购 table with its notes. The total is the 合计 column of the
/// 合计 row, when the table prints one.
pub(crate) fn procurement(
    title: &str,
    title_line: usize,
    block: &TableBlock,
    fallback_unit: Unit,
) -> Procurement {
    // Every row above the first figure is header: the table is often
    // printed with its two header rows only.
    let (header, rows) = split_by_figures(cleaned_rows(&block.rows));
    let total_col = header.iter().find_map(|r| {
        r.iter()
            .position(|c| matches!(squeeze_label(c).as_str(), "合计" | "总计"))
    });
    let total = total_col.and_then(|c| {
        rows.iter()
            .find(|r| r.iter().any(|cell| squeeze_label(cell) == "合计"))
            .and_then(|r| r.get(c))
            .and_then(|cell| parse_amount(cell).ok().flatten())
    });
    Procurement {
        title: title.to_string(),
        owner: block.owner.clone(),
        unit: block.unit.unwrap_or(fallback_unit),
        table: GridTable {
            title: Some(title.to_string()),
            header,
            rows,
            line: block.rows.first().map_or(title_line, |r| r.no),
        },
        total,
        notes: block.notes.clone(),
        line: title_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split_lines;
    use crate::import::tables::read_block;

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_joined() {
        let mut blocks = Vec::new();
        push_paragraph(
            &mut blocks,
            "1. 加强思想政治建设，做到政治过硬。始终坚持把研学习近平新时代中国特色社会主义思想作为机关干部和青年",
        );
        push_paragraph(&mut blocks, "学习小组理论学习的“首要课题”。");
        push_paragraph(&mut blocks, "2. 加强履职能力建设。");
        assert_eq!(blocks.len(), 2);
        let Block::Paragraph(first) = &blocks[0] else {
            panic!()
        };
        assert!(first.ends_with("机关干部和青年学习小组理论学习的“首要课题”。"));
    }

    #[test]
    fn captions_and_dates_are_not_joined() {
        let mut blocks = Vec::new();
        push_paragraph(&mut blocks, "部门机构设置情况");
        push_paragraph(&mut blocks, "单位名称");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn glossary_entries_and_their_continuation() {
        assert_eq!(
            glossary_entry("- 1、**财政拨款收入：**指本级财政当年拨付的资金。"),
            Some(("财政拨款收入".into(), "指本级财政当年拨付的资金。".into()))
        );
        assert_eq!(
            glossary_entry("**10、机关运行经费:**是指各部门(单位)的公用经费。"),
            Some(("机关运行经费".into(), "是指各部门(单位)的公用经费。".into()))
        );
        assert_eq!(glossary_entry("我部门无其他需要说明的事项。"), None);
        let mut blocks = Vec::new();
        let mut glossary = Vec::new();
        push_glossary_line(
            &mut blocks,
            &mut glossary,
            "- 9、**“三公”经费：**公务用车购置及运维费反映单位公务用车购置支出（含车辆购置税、",
            792,
        );
        push_glossary_line(
            &mut blocks,
            &mut glossary,
            "牌照费)及按规定保留的支出。",
            794,
        );
        assert_eq!(glossary.len(), 1);
        assert_eq!(glossary[0].term, "“三公”经费");
        assert!(glossary[0].definition.contains("车辆购置税、牌照费)及"));
        assert_eq!(blocks, [Block::Glossary(0)]);
    }

    #[test]
    fn asset_table_rows() {
        let lines = split_lines(
            "211 某部门\n截止时间：2024-12-31\n项 目\t数量\t价值（金额单位：万元）\n资产总额\t\t100.00\n\
其中：办公用房（平方米）\t\t\n2、车辆（台、辆）\t2\t30.50\n",
        );
        let block = read_block(&lines, 0, lines.len()).unwrap();
        assert!(is_asset_table(&block));
        let report = asset_report("x", "固定资产", 1, &block, Unit::Yuan).unwrap();
        assert_eq!(report.as_of.as_deref(), Some("2024-12-31"));
        assert_eq!(report.unit, Unit::WanYuan);
        assert_eq!(report.total.unwrap().to_string(), "100.00");
        assert!(report.items[0].is_sub_item);
        assert_eq!(report.items[1].quantity.unwrap().to_string(), "2");
    }

    #[test]
    fn figures_in_sentences() {
        let text = "上年末固定资产金额为 **1279.98** 万元（详见下表）。本年度拟购置固定资产总额为 **0.00** 万元";
        assert_eq!(
            figure_after(text, "固定资产金额").unwrap().to_string(),
            "1279.98"
        );
        assert_eq!(
            figure_after(text, "拟购置固定资产总额")
                .unwrap()
                .to_string(),
            "0.00"
        );
        assert_eq!(figure_after(text, "没有"), None);
    }
}
