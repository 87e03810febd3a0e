//! The whole document: headings split it into sections; each section is a
//! budget table, a project card or prose with its small structured parts.

use super::cards::{holds_card, parse_cards};
use super::lines::{
    clean_markup, find_year, numbering_rank, parse_date, preamble, split_lines, squeeze_label,
    table_title_kind, Kind, Line, Preamble,
};
use super::narrative::{
    asset_report, figure_after, grid, is_asset_table, is_org_table, org_units, procurement,
    push_glossary_line, push_paragraph, stated_procurement,
};
use super::tables::{
    has_lanci_row, next_non_blank, parse_budget_table, read_block, ParsedTable, TableBlock,
    UNTITLED,
};
use super::ImportError;
use crate::model::{
    AssetReport, Block, BudgetTable, Department, Disclosure, GlossaryTerm, ImportNote,
    NarrativeSection, OrgUnit, Procurement, ProjectCard, Scope, TableKind, Unit,
};

/// Rank of document parts (cover, contents, each table, 情况说明): they
/// start a new path and are not part of the paths below them.
const PART_RANK: u8 = 0;
/// Rank of an unnumbered heading inside a part: below every numbering.
const UNNUMBERED_RANK: u8 = 5;

/// Whether a heading (or a title line) names a budget table: one of the
/// standard nine or another budget table the region prints (Jiangsu's 12).
fn is_table_title(text: &str) -> bool {
    table_title_kind(text).is_some()
}

fn rank_of(level: usize, text: &str) -> u8 {
    if is_table_title(text) {
        return PART_RANK;
    }
    match numbering_rank(text) {
        Some(rank) => rank,
        None if level <= 1 => PART_RANK,
        None => UNNUMBERED_RANK,
    }
}

struct Builder<'a> {
    file: &'a str,
    lines: Vec<Line>,
    tables: Vec<BudgetTable>,
    narrative: Vec<NarrativeSection>,
    projects: Vec<ProjectCard>,
    procurement: Option<Procurement>,
    assets: Option<AssetReport>,
    glossary: Vec<GlossaryTerm>,
    units: Vec<OrgUnit>,
    /// The unit of the last table or card, for parts that print none.
    unit: Option<Unit>,
    /// Whether a disclosure without tables is accepted (a PDF whose tables
    /// are in a separate attachment: the checks then report them missing).
    narrative_only: bool,
    /// What was resolved in the structure (a table printed twice, a table
    /// with no title), for `Disclosure::import_notes`.
    notes: Vec<ImportNote>,
}

pub(crate) fn parse_document(text: &str, file: &str) -> Result<Disclosure, ImportError> {
    parse(text, file, false)
}

/// Like [`parse_document`], but a document with a title and budget prose and
/// no table imports (the PDF front end: tables published as an attachment).
pub(crate) fn parse_document_allowing_no_tables(
    text: &str,
    file: &str,
) -> Result<Disclosure, ImportError> {
    parse(text, file, true)
}

fn parse(text: &str, file: &str, narrative_only: bool) -> Result<Disclosure, ImportError> {
    let mut lines = split_lines(text);
    if lines.iter().all(Line::is_blank) {
        return Err(ImportError::new(
            file,
            1,
            "the file is empty: expected a budget disclosure (headings, then tables as tab-separated rows)",
        )
        .zh("文件为空：应为部门预算公开文件（标题，然后是以制表符分隔的表格行）"));
    }
    promote_title_lines(&mut lines);
    let mut b = Builder {
        file,
        lines,
        tables: Vec::new(),
        narrative: Vec::new(),
        projects: Vec::new(),
        procurement: None,
        assets: None,
        glossary: Vec::new(),
        units: Vec::new(),
        unit: None,
        narrative_only,
        notes: Vec::new(),
    };
    b.build_sections()?;
    b.finish()
}

/// A plain line that names a standard table and has the table under it is
/// a title even without `#` (some conversions drop the markup).
fn promote_title_lines(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let Kind::Text(text) = &lines[i].kind else {
            continue;
        };
        if is_table_title(text) && read_block(lines, i + 1, lines.len()).is_some() {
            let text = clean_markup(text);
            lines[i].kind = Kind::Heading { level: 2, text };
        }
    }
}

impl Builder<'_> {
    fn fallback_unit(&self) -> Unit {
        self.unit.unwrap_or_default()
    }

    fn build_sections(&mut self) -> Result<(), ImportError> {
        let heads: Vec<usize> = (0..self.lines.len())
            .filter(|&i| matches!(self.lines[i].kind, Kind::Heading { .. }))
            .collect();
        let first_head = heads.first().copied().unwrap_or(self.lines.len());
        if let Some(first_text) = next_non_blank(&self.lines, 0, first_head) {
            // Text before the first heading is kept in a section of its own.
            let line = self.lines[first_text].no;
            let blocks = self.prose(0, first_head, &[], "", line)?;
            self.narrative.push(NarrativeSection {
                heading: String::new(),
                path: Vec::new(),
                blocks,
                line,
                page: None,
            });
        }
        let mut stack: Vec<(u8, String)> = Vec::new();
        for (n, &h) in heads.iter().enumerate() {
            let end = heads.get(n + 1).copied().unwrap_or(self.lines.len());
            let (level, heading) = match &self.lines[h].kind {
                Kind::Heading { level, text } => (*level, text.clone()),
                _ => continue,
            };
            let line = self.lines[h].no;
            let rank = rank_of(level, &heading);
            while stack.last().is_some_and(|(r, _)| *r >= rank) {
                stack.pop();
            }
            let mut path: Vec<String> = stack.iter().map(|(_, t)| t.clone()).collect();
            path.push(heading.clone());
            if rank == PART_RANK {
                stack.clear();
            } else {
                stack.push((rank, heading.clone()));
            }
            let blocks = self.section_blocks(&heading, line, &path, h + 1, end)?;
            self.narrative.push(NarrativeSection {
                heading,
                path,
                blocks,
                line,
                page: None,
            });
        }
        Ok(())
    }

    fn section_blocks(
        &mut self,
        heading: &str,
        line: usize,
        path: &[String],
        start: usize,
        end: usize,
    ) -> Result<Vec<Block>, ImportError> {
        let body_is_empty = next_non_blank(&self.lines, start, end).is_none();
        let starts_with_table = read_block(&self.lines, start, end).is_some();
        if is_table_title(heading) && (starts_with_table || body_is_empty) {
            let parsed = parse_budget_table(
                self.file,
                heading,
                line,
                &self.lines,
                start,
                end,
                self.fallback_unit(),
            );
            let ParsedTable {
                table,
                mut next,
                mut untitled_follows,
            } = match parsed {
                Ok(parsed) => parsed,
                // A table beyond the nine whose layout is not a budget
                // table's stays readable as text, with a note, rather than
                // failing the import; the standard tables must parse.
                Err(e) if TableKind::from_title(heading) == TableKind::Other => {
                    self.notes.push(ImportNote {
                        line,
                        page: None,
                        message: format!(
                            "table {heading} cannot be read as a budget table ({}: {}): kept as text",
                            super::location(self.file, e.line),
                            e.message
                        ),
                    });
                    return self.prose(start, end, path, heading, line);
                }
                Err(e) => return Err(e),
            };
            self.unit = Some(table.unit);
            // Jiangsu's 政府采购支出预算表 is also the procurement part.
            if table.kind == TableKind::Other
                && squeeze_label(heading).contains("政府采购")
                && self.procurement.is_none()
            {
                if let Some(block) = read_block(&self.lines, start, end) {
                    self.procurement = Some(procurement(heading, line, &block, table.unit));
                }
            }
            let mut blocks = Vec::new();
            let above = table.title.clone();
            blocks.extend(self.admit_table(table)?.map(Block::BudgetTable));
            // A header and 栏次 with no title above them start a table of
            // their own (whether the block above ended or its numbering
            // starts again): read it, untitled, and say so.
            loop {
                let header_follows =
                    read_block(&self.lines, next, end).is_some_and(|b| has_lanci_row(&b));
                if !(untitled_follows || header_follows) {
                    break;
                }
                let Some(first) = next_non_blank(&self.lines, next, end) else {
                    break;
                };
                let at = self.lines[first].no;
                let parsed = parse_budget_table(
                    self.file,
                    UNTITLED,
                    at,
                    &self.lines,
                    next,
                    end,
                    self.fallback_unit(),
                )?;
                self.notes.push(ImportNote {
                    line: at,
                    page: None,
                    message: format!(
                        "a table without a title (from line {at}) follows table {above}: read as a table of its own, untitled, not merged into {above}"
                    ),
                });
                if parsed.next <= next {
                    break;
                }
                next = parsed.next;
                untitled_follows = parsed.untitled_follows;
                blocks.extend(self.admit_table(parsed.table)?.map(Block::BudgetTable));
            }
            blocks.extend(self.prose(next, end, path, heading, line)?);
            return Ok(blocks);
        }
        if holds_card(heading, &self.lines[start..end]) {
            let (cards, others) = parse_cards(
                self.file,
                heading,
                line,
                &self.lines[start..end],
                self.fallback_unit(),
            )?;
            let mut blocks = Vec::new();
            for card in cards {
                self.unit = Some(card.unit);
                blocks.push(Block::Project(self.projects.len()));
                self.projects.push(card);
            }
            for (_, text) in others {
                push_paragraph(&mut blocks, &text);
            }
            return Ok(blocks);
        }
        self.prose(start, end, path, heading, line)
    }

    /// Adds a table to the disclosure and returns where it stands, unless it
    /// is a copy of a table already read: an identical copy is read once, a
    /// copy with other figures is kept too (the first is the one a reader of
    /// one table of the kind gets); either way a note says so. A 收支总表
    /// after other tables starts a second disclosure: refused.
    fn admit_table(&mut self, table: BudgetTable) -> Result<Option<usize>, ImportError> {
        let same_table = |t: &BudgetTable| {
            if table.kind == TableKind::Other {
                table.title != UNTITLED && squeeze_label(&t.title) == squeeze_label(&table.title)
            } else {
                t.kind == table.kind
            }
        };
        if let Some(k) = self.tables.iter().position(same_table) {
            let first = &self.tables[k];
            let others_between = self.tables[k + 1..]
                .iter()
                .filter(|t| t.kind != table.kind)
                .count();
            if table.kind == TableKind::IncomeExpenditureSummary && others_between > 0 {
                return Err(ImportError::new(
                    self.file,
                    table.line,
                    format!(
                        "a second disclosure starts here: table {} again after {} other tables (the first on line {}); expected one disclosure per file: split the file and import each",
                        table.title,
                        others_between,
                        first.line
                    ),
                ));
            }
            let message = if same_content(first, &table) {
                format!(
                    "table {} is printed twice (lines {} and {}) with the same figures: read once",
                    table.title, first.line, table.line
                )
            } else {
                format!(
                    "table {} is printed twice (lines {} and {}) with different figures: both kept; the first is the one used where one {} is expected",
                    table.title, first.line, table.line, table.kind.short_name()
                )
            };
            let identical = same_content(first, &table);
            self.notes.push(ImportNote {
                line: table.line,
                page: None,
                message,
            });
            if identical {
                return Ok(None);
            }
        }
        self.unit = Some(table.unit);
        self.tables.push(table);
        Ok(Some(self.tables.len() - 1))
    }

    /// Paragraphs, glossary entries and grids of lines `start..end`.
    fn prose(
        &mut self,
        start: usize,
        end: usize,
        path: &[String],
        heading: &str,
        heading_line: usize,
    ) -> Result<Vec<Block>, ImportError> {
        let in_glossary = path
            .iter()
            .any(|p| p.contains("名词解释") || p.contains("术语解释"));
        let mut blocks = Vec::new();
        let mut i = start;
        while i < end {
            let line = &self.lines[i];
            let starts_block = matches!(line.kind, Kind::Row(_))
                || (line.text().is_some_and(|t| preamble(t).is_some())
                    && read_block(&self.lines, i, end).is_some());
            if starts_block {
                if let Some(block) = read_block(&self.lines, i, end) {
                    let next = block.end.max(i + 1);
                    self.place_block(&mut blocks, block, path, heading, heading_line)?;
                    i = next;
                    continue;
                }
            }
            let no = line.no;
            match &line.kind {
                Kind::Text(text) | Kind::Toc(text) if in_glossary => {
                    let text = text.clone();
                    push_glossary_line(&mut blocks, &mut self.glossary, &text, no);
                }
                Kind::Text(text) => {
                    let text = text.clone();
                    push_paragraph(&mut blocks, &text);
                }
                Kind::Toc(text) => blocks.push(Block::Paragraph(text.clone())),
                Kind::Row(cells) => {
                    // Unreachable in practice (a row always starts a block);
                    // kept as text rather than dropped.
                    blocks.push(Block::Paragraph(cells.join(" ").trim().to_string()));
                }
                Kind::Blank | Kind::Heading { .. } => {}
            }
            i += 1;
        }
        Ok(blocks)
    }

    /// Puts a table block where it stands: 机构设置, 政府采购, 国有资产 or
    /// a grid kept as text.
    fn place_block(
        &mut self,
        blocks: &mut Vec<Block>,
        block: TableBlock,
        path: &[String],
        heading: &str,
        line: usize,
    ) -> Result<(), ImportError> {
        if is_org_table(&block) {
            // A short caption just above the table is its title.
            let title = match blocks.last() {
                Some(Block::Paragraph(p))
                    if p.chars().count() < 20 && !super::lines::ends_sentence(p) =>
                {
                    let title = p.clone();
                    blocks.pop();
                    Some(title)
                }
                _ => None,
            };
            self.units.extend(org_units(&block));
            blocks.push(Block::Grid(grid(&block, title)));
            return Ok(());
        }
        let about_procurement = path.iter().any(|p| p.contains("政府采购"))
            || block
                .rows
                .first()
                .is_some_and(|r| r.cells.iter().any(|c| c.contains("采购")));
        if about_procurement && self.procurement.is_none() {
            let unit = block.unit.unwrap_or(self.fallback_unit());
            self.procurement = Some(procurement(heading, line, &block, unit));
            blocks.push(Block::Procurement);
            return Ok(());
        }
        if is_asset_table(&block) && self.assets.is_none() {
            let report = asset_report(self.file, heading, line, &block, self.fallback_unit())?;
            self.assets = Some(report);
            blocks.push(Block::Assets);
            return Ok(());
        }
        let mut table = grid(&block, None);
        if let Some(owner) = &block.owner {
            table.title = Some(owner.clone());
        }
        blocks.push(Block::Grid(table));
        for note in &block.notes {
            blocks.push(Block::Paragraph(note.clone()));
        }
        Ok(())
    }

    fn finish(self) -> Result<Disclosure, ImportError> {
        let Builder {
            file,
            lines,
            tables,
            narrative,
            projects,
            procurement,
            mut assets,
            glossary,
            units,
            narrative_only,
            notes,
            ..
        } = self;
        let first_table = tables.first();
        let speaks_of_budget = narrative
            .iter()
            .flat_map(|s| s.blocks.iter())
            .any(|b| matches!(b, Block::Paragraph(p) if p.contains("预算")));
        if first_table.is_none() && !(narrative_only && speaks_of_budget) {
            return Err(ImportError::new(
                file,
                1,
                "no budget table found: expected a table title such as 部门预算收支总表 followed by its header and 栏次 rows",
            )
            .zh("未找到预算表：应有表名（如 部门预算收支总表），其下是表头和栏次行"));
        }

        let headings = lines.iter().filter_map(|l| match &l.kind {
            Kind::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        });
        let titled = headings.clone().find_map(|h| {
            if super::lines::numbering_rank(h).is_some() {
                return None;
            }
            let (at, year) = find_year(h)?;
            Some((h[..at].trim().to_string(), year))
        });
        let owner = first_table
            .and_then(|t| t.owner.as_deref())
            .and_then(preamble);
        let (owner_code, owner_name) = match owner {
            Some(Preamble::Owner { code, text }) => {
                let name = match &code {
                    Some(c) => text.trim_start_matches(c.as_str()).trim().to_string(),
                    None => text,
                };
                (code, name)
            }
            // The value of a labelled line (编制部门：…) is kept bare.
            None => (
                None,
                first_table
                    .and_then(|t| t.owner.clone())
                    .unwrap_or_default(),
            ),
            _ => (None, String::new()),
        };
        // A labelled owner (编制部门：…, the PDF's form) names the department
        // better than a title that names only the region (上海市普陀区2023年…).
        let labelled_owner = owner_code.is_none() && !owner_name.is_empty();
        let (name, budget_year) = match titled {
            Some((name, year)) if labelled_owner || name.is_empty() => (
                if owner_name.is_empty() {
                    name
                } else {
                    owner_name
                },
                year,
            ),
            Some((name, year)) => (name, year),
            None => {
                let year = tables.iter().find_map(|t| t.year).ok_or_else(|| {
                    ImportError::new(
                        file,
                        first_table.map_or(1, |t| t.line),
                        "expected the budget year: a title such as \"某部门 2025 年部门预算\" or a 预算年度 line above the tables",
                    )
                    .zh("未找到预算年度：应有标题（如“某部门 2025 年部门预算”）或表格上方的预算年度行")
                })?;
                (owner_name, year)
            }
        };
        let published = lines.iter().filter_map(Line::text).find_map(parse_date);
        let scope = if headings
            .chain(tables.iter().map(|t| t.title.as_str()))
            .any(|h| squeeze_label(h).contains("单位预算"))
        {
            Scope::Unit
        } else {
            Scope::Department
        };

        let procurement = procurement.or_else(|| stated_procurement(&narrative));
        if let Some(report) = assets.as_mut() {
            for text in narrative
                .iter()
                .flat_map(|s| s.blocks.iter())
                .filter_map(|b| match b {
                    Block::Paragraph(p) => Some(p.as_str()),
                    _ => None,
                })
            {
                if report.stated_total.is_none() {
                    report.stated_total = figure_after(text, "固定资产金额");
                }
                if report.planned_purchases.is_none() {
                    report.planned_purchases = figure_after(text, "拟购置固定资产总额");
                }
            }
        }

        let department = Department {
            code: owner_code,
            name,
            budget_year,
            published,
            // Narrative figures are in 万元 where no table says otherwise.
            unit: first_table.map_or(Unit::WanYuan, |t| t.unit),
            scope,
            units,
        };
        Ok(Disclosure {
            department,
            tables,
            narrative,
            projects,
            procurement,
            assets,
            glossary,
            import_notes: notes,
        })
    }
}

/// A row as it reads, wherever it stands: 序号, code, name, amounts.
type RowContent = (
    Option<u32>,
    Option<String>,
    String,
    Vec<Option<rust_decimal::Decimal>>,
);

/// Whether two printings of a table hold the same figures: the same kind,
/// unit, columns and rows (code, name, amounts), wherever they stand.
fn same_content(a: &BudgetTable, b: &BudgetTable) -> bool {
    let rows = |t: &BudgetTable| -> Vec<RowContent> {
        t.sides
            .iter()
            .flat_map(|s| s.rows.iter())
            .map(|r| {
                (
                    r.seq,
                    r.code.as_ref().map(|c| c.as_str().to_string()),
                    squeeze_label(&r.name),
                    r.amounts.clone(),
                )
            })
            .collect()
    };
    let columns = |t: &BudgetTable| -> Vec<(Option<String>, Vec<crate::model::Column>)> {
        t.sides
            .iter()
            .map(|s| (s.label.clone(), s.columns.clone()))
            .collect()
    };
    a.kind == b.kind && a.unit == b.unit && columns(a) == columns(b) && rows(a) == rows(b)
}

#[cfg(test)]
mod tests {
    //! Structure mutations of the seed text (issue 14): a table printed
    //! twice, a table whose title is missing, two disclosures in one file.
    use super::*;
    use crate::model::TableKind;

    const SEED: &str = include_str!("../../data/raw/xingtai-gov-office-2025.txt");
    const T9_TITLE: &str = "## 部门预算财政拨款“三公”经费支出表";

    /// The seed's lines `from` (a heading) up to the next `## ` heading.
    fn section(from: &str) -> String {
        let start = SEED.find(from).unwrap();
        let rest = &SEED[start + from.len()..];
        let end = rest
            .find("\n## ")
            .map_or(SEED.len(), |i| start + from.len() + i + 1);
        SEED[start..end].to_string()
    }

    fn import(text: &str) -> Result<Disclosure, ImportError> {
        parse_document(text, "mutant.txt")
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn the_seed_has_no_import_note() {
        let doc = import(SEED).unwrap();
        assert_eq!(doc.tables.len(), 9);
        assert!(doc.import_notes.is_empty());
    }

    #[test]
    fn a_table_printed_twice_identically_is_read_once_and_noted() {
        let t9 = section(T9_TITLE);
        let text = SEED.replacen(&t9, &format!("{t9}{t9}"), 1);
        let doc = import(&text).unwrap();
        assert_eq!(doc.tables.len(), 9);
        let second = line_of(&text, T9_TITLE) + t9.matches('\n').count();
        assert_eq!(doc.import_notes.len(), 1);
        let note = &doc.import_notes[0];
        assert_eq!(note.line, second);
        assert!(note.message.contains("printed twice"), "{}", note.message);
        assert!(
            note.message.contains("same figures: read once"),
            "{}",
            note.message
        );
        // The narrative points at the one table, once.
        let refs = doc
            .narrative
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter(|b| matches!(b, Block::BudgetTable(8)))
            .count();
        assert_eq!(refs, 1);
    }

    #[test]
    fn a_table_printed_twice_with_other_figures_keeps_both_and_says_so() {
        let t9 = section(T9_TITLE);
        let changed = t9.replacen("24.00\t24.00", "25.00\t25.00", 1);
        assert_ne!(changed, t9);
        let text = SEED.replacen(&t9, &format!("{t9}{changed}"), 1);
        let doc = import(&text).unwrap();
        assert_eq!(doc.tables.len(), 10);
        let copies: Vec<&BudgetTable> = doc
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::ThreePublicCosts)
            .collect();
        assert_eq!(copies.len(), 2);
        let total = |t: &BudgetTable| t.sides[0].rows[0].amount(0).map(|d| d.to_string());
        assert_eq!(total(copies[0]).as_deref(), Some("24.00"));
        assert_eq!(total(copies[1]).as_deref(), Some("25.00"));
        // The first copy is the one a reader of one 三公 table gets.
        assert_eq!(doc.table(TableKind::ThreePublicCosts), Some(copies[0]));
        assert_eq!(doc.import_notes.len(), 1);
        assert!(doc.import_notes[0]
            .message
            .contains("different figures: both kept"));
        assert_eq!(doc.import_notes[0].line, copies[1].line);
    }

    #[test]
    fn a_table_whose_title_is_missing_is_not_merged_into_the_one_above() {
        // T7 (same width as T6) right after T6: its 序号 starts again at 1.
        let title = "## 部门预算政府性基金预算财政拨款支出表\n";
        let text = SEED.replacen(title, "\n", 1);
        let doc = import(&text).unwrap();
        assert_eq!(doc.tables.len(), 9);
        let t6 = doc.table(TableKind::GeneralPublicBasic).unwrap();
        assert_eq!(t6.sides[0].rows.len(), 23);
        assert!(doc.table(TableKind::GovernmentFundExpenditure).is_none());
        let untitled = &doc.tables[6];
        assert_eq!(untitled.title, UNTITLED);
        assert_eq!(untitled.kind, TableKind::Other);
        let codes: Vec<&str> = untitled.sides[0]
            .rows
            .iter()
            .filter_map(|r| r.code.as_ref().map(|c| c.as_str()))
            .collect();
        assert_eq!(codes, ["212", "21208", "2120899"]);
        assert_eq!(doc.import_notes.len(), 1);
        let note = &doc.import_notes[0];
        assert!(note.message.contains("without a title"), "{}", note.message);
        assert!(note
            .message
            .contains("部门预算一般公共预算财政拨款基本支出表"));
        assert_eq!(note.line, untitled.line);

        // T5 after T4 (another width): its 栏次 starts an untitled table
        // instead of a grid of text in T4's section.
        let title = "## 部门预算一般公共预算财政拨款支出表\n";
        let doc = import(&SEED.replacen(title, "\n", 1)).unwrap();
        assert_eq!(doc.tables.len(), 9);
        assert_eq!(doc.tables[4].title, UNTITLED);
        assert_eq!(doc.tables[4].sides[0].rows.len(), 5);
        assert_eq!(doc.import_notes.len(), 1);
    }

    #[test]
    fn another_table_that_cannot_be_read_is_kept_as_text_with_a_note() {
        let extra = "## 政府采购支出预算表\n\n单位：万元\n\n采购品目\t总计\n合计\t3,096.24\n货物\t1.234,56\n\n";
        let text = SEED.replacen(T9_TITLE, &format!("{extra}{T9_TITLE}"), 1);
        let doc = import(&text).unwrap();
        assert_eq!(doc.tables.len(), 9);
        assert_eq!(doc.import_notes.len(), 1);
        let note = &doc.import_notes[0];
        assert_eq!(note.line, line_of(&text, "## 政府采购支出预算表"));
        assert!(note.message.contains("kept as text"), "{}", note.message);
        assert!(note.message.contains("1.234,56"), "{}", note.message);
        let bad_line = line_of(&text, "货物\t1.234,56");
        assert!(
            note.message.contains(&format!("mutant.txt:{bad_line}:")),
            "{}",
            note.message
        );
    }

    #[test]
    fn two_disclosures_in_one_file_are_refused_at_the_second() {
        let text = format!("{SEED}\n{SEED}");
        let err = import(&text).unwrap_err();
        let second_t1 = SEED.matches('\n').count() + 1 + line_of(SEED, "## 部门预算收支总表");
        assert_eq!(err.line, second_t1);
        assert!(
            err.message.contains("a second disclosure starts here"),
            "{err}"
        );
        assert!(err.message.contains("split the file"), "{err}");
        assert!(err
            .to_string()
            .starts_with(&format!("mutant.txt:{second_t1}: ")));
    }
}
