//! The reading overlay: the text behind a place no tab shows — a narrative
//! section, a glossary term, the assets or procurement table — opened from
//! a search hit or a finding.

use crate::model::{format_amount, Block, Disclosure, Place};

/// One paragraph of what the overlay shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Para {
    Heading(String),
    Text(String),
}

/// Lines wrapped at a width: `(width, [(is_heading, text)])`.
pub type Wrapped = (usize, Vec<(bool, String)>);

/// An open reading overlay.
#[derive(Debug, Clone)]
pub struct Reader {
    pub place: Place,
    pub title: String,
    /// The content, gathered once when the overlay opens.
    pub paras: Vec<Para>,
    /// First wrapped line on screen, kept within the text by `update`.
    pub scroll: usize,
    /// The paragraphs wrapped for the current size (re-wrapped on resize,
    /// never per frame).
    pub wrapped: Wrapped,
}

impl Reader {
    /// The text at `place`, or `None` for a place that is not text.
    pub fn open(doc: &Disclosure, place: Place) -> Option<Reader> {
        let mut paras = Vec::new();
        match place {
            Place::Section { section } => {
                let s = doc.narrative.get(section)?;
                // The section and the ones nested under it.
                let depth = s.path.len();
                let under = doc.narrative[section + 1..]
                    .iter()
                    .take_while(|n| n.path.len() > depth && n.path.starts_with(&s.path));
                for (i, sec) in std::iter::once(s).chain(under).enumerate() {
                    if i > 0 {
                        paras.push(Para::Heading(sec.heading.clone()));
                    }
                    for block in &sec.blocks {
                        paras.extend(block_paras(doc, block));
                    }
                }
            }
            Place::Glossary { term } => {
                let g = doc.glossary.get(term)?;
                paras.push(Para::Heading(g.term.clone()));
                paras.push(Para::Text(g.definition.clone()));
            }
            Place::Assets { .. } => paras.extend(block_paras(doc, &Block::Assets)),
            Place::Procurement => paras.extend(block_paras(doc, &Block::Procurement)),
            _ => return None,
        }
        Some(Reader {
            place,
            title: place.describe(doc),
            paras,
            scroll: 0,
            wrapped: (0, Vec::new()),
        })
    }

    /// The paragraphs wrapped at `cols` text columns.
    pub fn wrap(paras: &[Para], cols: usize) -> Wrapped {
        let mut lines = Vec::new();
        for para in paras {
            match para {
                Para::Heading(text) => lines.push((true, text.clone())),
                Para::Text(text) => lines.extend(
                    crate::ui::text::wrap(text, cols)
                        .into_iter()
                        .map(|l| (false, l)),
                ),
            }
        }
        (cols, lines)
    }

    /// Text columns and body rows of the overlay on a terminal of `cols` ×
    /// `rows`.
    pub fn text_size(cols: u16, rows: u16) -> (usize, usize) {
        crate::ui::overlay_rect(crate::ui::body_rect(cols, rows), u16::MAX).map_or((1, 1), |p| {
            (
                (p.width as usize).saturating_sub(2).max(1),
                (p.height as usize).saturating_sub(1).max(1),
            )
        })
    }

    /// Re-wraps for a terminal of `cols` × `rows` when the width changed.
    pub fn fit(&mut self, cols: u16, rows: u16) {
        let (text_cols, _) = Reader::text_size(cols, rows);
        if self.wrapped.0 != text_cols {
            self.wrapped = Reader::wrap(&self.paras, text_cols);
        }
    }

    /// Scrolls by `delta` lines within the text on a `cols` × `rows`
    /// terminal.
    pub fn scroll_by(&mut self, delta: isize, cols: u16, rows: u16) {
        let (_, body) = Reader::text_size(cols, rows);
        let max = self.wrapped.1.len().saturating_sub(body);
        self.scroll = (self.scroll as isize + delta).clamp(0, max as isize) as usize;
    }
}

/// What a block of a section reads as.
fn block_paras(doc: &Disclosure, block: &Block) -> Vec<Para> {
    match block {
        Block::Paragraph(text) => vec![Para::Text(text.clone())],
        Block::Grid(grid) => grid
            .header
            .iter()
            .chain(&grid.rows)
            .map(|row| Para::Text(row.join("  ")))
            .collect(),
        Block::BudgetTable(i) => doc
            .tables
            .get(*i)
            .map(|t| vec![Para::Heading(format!("〔{}〕", t.title))])
            .unwrap_or_default(),
        Block::Project(i) => doc
            .projects
            .get(*i)
            .map(|p| vec![Para::Heading(format!("〔{} {}〕", p.code, p.name))])
            .unwrap_or_default(),
        Block::Glossary(i) => doc
            .glossary
            .get(*i)
            .map(|g| vec![Para::Text(format!("{}：{}", g.term, g.definition))])
            .unwrap_or_default(),
        Block::Assets => {
            let Some(a) = &doc.assets else { return vec![] };
            let mut out = vec![Para::Heading(a.title.clone())];
            if let Some(total) = a.total {
                out.push(Para::Text(format!("资产总额 {}", format_amount(total))));
            }
            for item in &a.items {
                let quantity = item.quantity.map(|q| q.to_string()).unwrap_or_default();
                let value = item.value.map(format_amount).unwrap_or_default();
                out.push(Para::Text(format!("{}  {quantity}  {value}", item.name)));
            }
            out
        }
        Block::Procurement => {
            let Some(p) = &doc.procurement else {
                return vec![];
            };
            let mut out = vec![Para::Heading(p.title.clone())];
            out.extend(p.table.rows.iter().map(|r| Para::Text(r.join("  "))));
            out.extend(p.notes.iter().cloned().map(Para::Text));
            out
        }
    }
}
