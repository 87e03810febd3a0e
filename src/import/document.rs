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
use super::tables::{next_non_blank, parse_budget_table, read_block, TableBlock};
use super::ImportError;
use crate::model::{
    AssetReport, Block, BudgetTable, Department, Disclosure, GlossaryTerm, NarrativeSection,
    OrgUnit, Procurement, ProjectCard, Scope, TableKind, Unit,
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
        ));
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
            let (table, next) = match parsed {
                Ok(parsed) => parsed,
                // A table beyond the nine whose layout is not a budget
                // table's stays readable as text rather than failing the
                // import; the standard tables must parse.
                Err(_) if TableKind::from_title(heading) == TableKind::Other => {
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
            let mut blocks = vec![Block::BudgetTable(self.tables.len())];
            self.tables.push(table);
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
            ));
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
        })
    }
}
