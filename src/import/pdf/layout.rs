//! One page's glyphs and rules → its lines in reading order: ruled tables
//! as rows of cells, the rest as text lines.
//!
//! Rules are grouped into grids (rules that touch each other); the grid's
//! row and column boundaries are the distinct rule positions (snapped), and
//! two neighbouring cells are one merged cell where no rule separates them.
//! A glyph belongs to the cell its centre is in; a merged cell's text stands
//! in its top-left cell, the others stay blank, which is how the text form
//! prints spanning headers.

use super::extract::{Glyph, PageContent, Rule};

/// Rules closer than this are one boundary.
const SNAP: f64 = 1.5;
/// Slack when asking whether rules touch or cover a point.
const TOUCH: f64 = 2.0;
/// Most ruled tables looked for on one page (a disclosure page has a few):
/// past this the page's rules are not tables and its text is read as lines,
/// so placing a glyph stays a bounded number of tests.
const MAX_GRIDS: usize = 64;
/// Most cells of one grid (rows × columns); a larger "grid" (hatching, a
/// page of crossing lines) is not a table and would take memory per cell.
const MAX_GRID_CELLS: usize = 250_000;
/// Most distinct rules grouped into grids on one page (a table page has a
/// few hundred): grouping compares rules whose x spans overlap, which is
/// quadratic when thousands span the page, so a page past this is read
/// without ruled tables.
const MAX_GRID_RULES: usize = 5_000;

/// One line of a page, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageLine {
    pub kind: LineKind,
    pub top: f64,
    pub x0: f64,
    pub x1: f64,
    /// Largest font size on the line.
    pub size: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LineKind {
    Text(String),
    /// Cells of one table row; `grid` numbers the ruled table on the page
    /// (unruled rows found by x gaps have `None`), `xs` the left edge of each
    /// cell's column, to line continued tables up across pages.
    Row {
        cells: Vec<String>,
        grid: Option<usize>,
        /// Left and right edge of each cell's column.
        spans: Vec<(f64, f64)>,
    },
}

/// The lines of one page.
pub(crate) fn page_lines(page: &PageContent) -> Vec<PageLine> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let grids = if page.too_many_rules {
        Vec::new()
    } else {
        find_grids(&page.rules)
    };
    let mut in_grid: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    let mut free = Vec::new();
    for g in glyphs {
        match grids.iter().position(|grid| grid.contains(g.cx(), g.cy())) {
            Some(i) => in_grid[i].push(g),
            None => free.push(g),
        }
    }
    let mut out = Vec::new();
    for (n, (grid, glyphs)) in grids.iter().zip(in_grid).enumerate() {
        grid_lines(grid, &glyphs, n, &mut out);
    }
    text_lines(&free, &mut out);
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out
}

/// A ruled table: boundaries and which neighbouring cells are separated.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Cell (r, c) → its merged cell's anchor (top-left cell index).
    anchor: Vec<usize>,
}

impl Grid {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) = (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) else {
            return false;
        };
        x > x0 && x < x1 && y > y0 && y < y1
    }

    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        // Boundaries are sorted: the cell is found by binary search.
        let at = |bounds: &[f64], v: f64| {
            let i = bounds.partition_point(|&b| b <= v);
            (i >= 1 && i < bounds.len()).then(|| i - 1)
        };
        Some((at(&self.ys, y)?, at(&self.xs, x)?))
    }
}

fn snap(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f64 <= SNAP => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index (top-left in row-major order) stays the root.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

fn touches(a: &Rule, b: &Rule) -> bool {
    let (h, v) = match (a.is_horizontal(), b.is_horizontal()) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        (true, true) => {
            return (a.y0 - b.y0).abs() <= SNAP && a.x0 <= b.x1 + TOUCH && b.x0 <= a.x1 + TOUCH;
        }
        (false, false) => {
            return (a.x0 - b.x0).abs() <= SNAP && a.y0 <= b.y1 + TOUCH && b.y0 <= a.y1 + TOUCH;
        }
    };
    v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH
}

fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    // Very short rules are glyph parts or dots, not borders; a rule drawn
    // twice (fill and stroke, or two cells' shared border) counts once.
    let mut rules: Vec<Rule> = rules
        .iter()
        .copied()
        .filter(|r| (r.x1 - r.x0).max(r.y1 - r.y0) >= 3.0)
        .collect();
    rules.sort_by(|a, b| {
        a.x0.total_cmp(&b.x0)
            .then(a.y0.total_cmp(&b.y0))
            .then(a.x1.total_cmp(&b.x1))
            .then(a.y1.total_cmp(&b.y1))
    });
    rules.dedup_by(|a, b| {
        (a.x0 - b.x0).abs() < 0.1
            && (a.y0 - b.y0).abs() < 0.1
            && (a.x1 - b.x1).abs() < 0.1
            && (a.y1 - b.y1).abs() < 0.1
    });
    let n = rules.len();
    if n > MAX_GRID_RULES {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..n).collect();
    // Sweep along x (rules sorted by left edge): only rules whose x spans
    // overlap can touch, so a page's short cell borders meet few others.
    for i in 0..n {
        let reach = rules[i].x1 + 2.0 * TOUCH;
        for j in i + 1..n {
            if rules[j].x0 > reach {
                break;
            }
            if touches(&rules[i], &rules[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*rule);
    }
    let grids: Vec<Grid> = groups
        .into_values()
        .filter_map(|group| build_grid(&group))
        .collect();
    if grids.len() > MAX_GRIDS {
        return Vec::new();
    }
    grids
}

fn build_grid(rules: &[Rule]) -> Option<Grid> {
    let (h, v): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.is_horizontal());
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    let ys = snap(h.iter().map(|r| r.y0).collect());
    let xs = snap(v.iter().map(|r| r.x0).collect());
    if ys.len() < 2 || xs.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > MAX_GRID_CELLS {
        return None;
    }
    // Which cell sides a rule draws, marked once per rule: `vsep[r][c]` is
    // a rule along boundary xs[c] beside row r, `hsep[r][c]` one along
    // ys[r] above column c (a side is drawn when the rule covers its middle).
    let mids = |b: &[f64]| -> Vec<f64> { b.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect() };
    let (row_mids, col_mids) = (mids(&ys), mids(&xs));
    let covered = |mids: &[f64], from: f64, to: f64| {
        mids.partition_point(|&m| m < from)..mids.partition_point(|&m| m <= to)
    };
    // The boundaries a rule lies on: every one within SNAP of it.
    let near = |bounds: &[f64], at: f64| {
        bounds.partition_point(|&b| b < at - SNAP)..bounds.partition_point(|&b| b <= at + SNAP)
    };
    // Each rule adds +1 where its run of sides starts and −1 past its end
    // (a difference array), so marking costs O(rules + cells) however
    // long or many the rules are.
    let mut vdiff = vec![0i32; (rows + 1) * (cols + 1)];
    for rule in &v {
        for c in near(&xs, rule.x0) {
            let run = covered(&row_mids, rule.y0, rule.y1);
            if !run.is_empty() {
                vdiff[run.start * (cols + 1) + c] += 1;
                vdiff[run.end * (cols + 1) + c] -= 1;
            }
        }
    }
    let mut vsep = vec![false; rows * (cols + 1)];
    for c in 0..=cols {
        let mut depth = 0;
        for r in 0..rows {
            depth += vdiff[r * (cols + 1) + c];
            vsep[r * (cols + 1) + c] = depth > 0;
        }
    }
    let mut hdiff = vec![0i32; (rows + 1) * (cols + 1)];
    for rule in &h {
        for r in near(&ys, rule.y0) {
            let run = covered(&col_mids, rule.x0, rule.x1);
            if !run.is_empty() {
                hdiff[r * (cols + 1) + run.start] += 1;
                hdiff[r * (cols + 1) + run.end] -= 1;
            }
        }
    }
    let mut hsep = vec![false; (rows + 1) * cols];
    for r in 0..=rows {
        let mut depth = 0;
        for c in 0..cols {
            depth += hdiff[r * (cols + 1) + c];
            hsep[r * cols + c] = depth > 0;
        }
    }
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !vsep[r * (cols + 1) + c + 1] {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !hsep[(r + 1) * cols + c] {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let anchor = (0..rows * cols).map(|i| find(&mut parent, i)).collect();
    Some(Grid { xs, ys, anchor })
}

/// Text of glyphs in reading order: lines top to bottom joined with no
/// space between CJK characters, one between ASCII words.
fn join_text(glyphs: &mut [&Glyph]) -> String {
    let mut lines = group_lines(glyphs);
    let mut out = String::new();
    for line in lines.iter_mut() {
        let text = line_text(line);
        super::super::lines::push_fragment(&mut out, &text);
    }
    out
}

/// Groups glyphs into lines (by vertical overlap), each sorted left to right.
fn group_lines<'a>(glyphs: &mut [&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    glyphs.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut lines: Vec<(f64, f64, Vec<&Glyph>)> = Vec::new();
    for &g in glyphs.iter() {
        match lines.last_mut() {
            Some((cy, size, line)) if (g.cy() - *cy).abs() <= 0.4 * size.min(g.size) => {
                line.push(g);
                *size = size.max(g.size);
            }
            _ => lines.push((g.cy(), g.size, vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

/// One line's text: a space where the gap between glyphs is wide.
fn line_text(line: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for &g in line {
        if let Some(p) = prev {
            // Overprinted duplicates (faux bold by offset) are read once:
            // the copy starts inside the first half of the glyph it repeats.
            // A doubled narrow letter (`tt` in `newsletter`) starts where the
            // first one ends, and is kept.
            let offset = g.x0 - p.x0;
            if p.text == g.text && offset.abs() < 0.3 * g.size && offset < 0.5 * (p.x1 - p.x0) {
                continue;
            }
            if g.x0 - p.x1 > 0.25 * g.size.min(p.size) {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    out
}

fn grid_lines(grid: &Grid, glyphs: &[&Glyph], n: usize, out: &mut Vec<PageLine>) {
    let (rows, cols) = (grid.rows(), grid.cols());
    let mut cells: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
    let mut size = vec![0f64; rows];
    for &g in glyphs {
        if let Some((r, c)) = grid.cell_at(g.cx(), g.cy()) {
            let a = grid.anchor[r * cols + c];
            cells[a].push(g);
            size[a / cols] = size[a / cols].max(g.size);
        }
    }
    let texts: Vec<String> = cells.iter_mut().map(|c| join_text(c)).collect();
    let keep_col: Vec<bool> = (0..cols)
        .map(|c| (0..rows).any(|r| !texts[r * cols + c].is_empty()))
        .collect();
    let kept = keep_col.iter().filter(|k| **k).count();
    for r in 0..rows {
        let row: Vec<String> = (0..cols)
            .filter(|&c| keep_col[c])
            .map(|c| texts[r * cols + c].clone())
            .collect();
        if row.iter().all(String::is_empty) {
            continue;
        }
        let kind = if kept == 1 {
            // A box around text (a frame), not a table.
            LineKind::Text(row.concat())
        } else {
            LineKind::Row {
                cells: row,
                grid: Some(n),
                spans: (0..cols)
                    .filter(|&c| keep_col[c])
                    .map(|c| (grid.xs[c], grid.xs[c + 1]))
                    .collect(),
            }
        };
        out.push(PageLine {
            kind,
            top: grid.ys[r],
            x0: grid.xs[0],
            x1: grid.xs[cols],
            size: size[r],
        });
    }
}

/// Text outside ruled tables: one line per visual line; wide gaps split a
/// line into pieces (a label and a unit, or cells of an unruled table).
fn text_lines(glyphs: &[&Glyph], out: &mut Vec<PageLine>) {
    let mut glyphs = glyphs.to_vec();
    for line in group_lines(&mut glyphs) {
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
        let top = line.iter().map(|g| g.y0).fold(f64::INFINITY, f64::min);
        let mut pieces: Vec<Vec<&Glyph>> = Vec::new();
        for &g in &line {
            match pieces.last_mut() {
                Some(p) if g.x0 - p.last().map_or(g.x0, |l| l.x1) < 2.0 * size => p.push(g),
                _ => pieces.push(vec![g]),
            }
        }
        let texts: Vec<(String, f64, f64)> = pieces
            .iter()
            .map(|p| {
                (
                    line_text(p),
                    p.first().map_or(0.0, |g| g.x0),
                    p.last().map_or(0.0, |g| g.x1),
                )
            })
            .collect();
        if texts.len() >= 3 {
            out.push(PageLine {
                kind: LineKind::Row {
                    cells: texts.iter().map(|t| t.0.clone()).collect(),
                    grid: None,
                    spans: texts.iter().map(|t| (t.1, t.2)).collect(),
                },
                top,
                x0: texts[0].1,
                x1: texts[texts.len() - 1].2,
                size,
            });
        } else {
            for (i, (text, x0, x1)) in texts.into_iter().enumerate() {
                out.push(PageLine {
                    kind: LineKind::Text(text),
                    // Keep the pieces of one line in order.
                    top: top + i as f64 * 1e-3,
                    x0,
                    x1,
                    size,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.to_string(),
            x0: x,
            x1: x + 10.0,
            y0: y,
            y1: y + 10.0,
            size: 10.0,
        }
    }

    fn hrule(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn vrule(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// A ruled table of `rows` rows (the header and `rows - 1` data rows) × 3 columns (code, name, amount), every cell
    /// border drawn as its own segment (Word's way), with a header row whose
    /// first cell spans the code and name columns.
    fn ruled_page(rows: usize) -> PageContent {
        let xs = [50.0, 100.0, 300.0, 400.0];
        let row_h = 14.0;
        let mut rules = Vec::new();
        let mut glyphs = Vec::new();
        for r in 0..=rows {
            let y = 50.0 + r as f64 * row_h;
            for c in 0..3 {
                rules.push(hrule(y, xs[c], xs[c + 1]));
            }
            if r == rows {
                break;
            }
            for (c, &x) in xs.iter().enumerate() {
                // The header's merged cell: no border between code and name.
                if !(r == 0 && c == 1) {
                    rules.push(vrule(x, y, y + row_h));
                }
            }
            let ty = y + 2.0;
            if r == 0 {
                glyphs.push(glyph("科", 55.0, ty));
                glyphs.push(glyph("目", 65.0, ty));
                glyphs.push(glyph("金", 305.0, ty));
            } else {
                glyphs.push(glyph(&(r % 10).to_string(), 55.0, ty));
                glyphs.push(glyph("名", 105.0, ty));
                glyphs.push(glyph(&(r % 7).to_string(), 305.0, ty));
            }
        }
        PageContent {
            width: 600.0,
            height: 100.0 + rows as f64 * row_h,
            glyphs,
            rules,
            ..PageContent::default()
        }
    }

    #[test]
    fn a_ruled_table_reads_as_rows_with_its_merged_header_cell() {
        let lines = page_lines(&ruled_page(3));
        let rows: Vec<&Vec<String>> = lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Row { cells, .. } => Some(cells),
                LineKind::Text(_) => None,
            })
            .collect();
        assert_eq!(rows.len(), 3, "{lines:?}");
        // The merged header cell's text stands in its top-left cell.
        assert_eq!(
            rows[0],
            &vec!["科目".to_string(), String::new(), "金".into()]
        );
        assert_eq!(rows[1], &vec!["1".to_string(), "名".into(), "1".into()]);
        assert_eq!(rows[2], &vec!["2".to_string(), "名".into(), "2".into()]);
    }

    #[test]
    fn a_long_ruled_table_is_read_whole_in_linear_time() {
        // 400 rows, each cell border its own segment: 2,802 rules.
        let page = ruled_page(400);
        let start = std::time::Instant::now();
        let lines = page_lines(&page);
        let elapsed = start.elapsed();
        let rows = lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Row { grid: Some(0), .. }))
            .count();
        assert_eq!(rows, 400);
        // A generous bound for a debug build on a loaded machine.
        assert!(elapsed.as_secs_f64() < 3.0, "{elapsed:?}");
        // Past the grouping limit (1,200 rows: 8,402 rules) the rows are
        // still read, by the gaps between their pieces.
        let lines = page_lines(&ruled_page(1_200));
        let rows = lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Row { grid: None, .. }))
            .count();
        assert_eq!(rows, 1_199);
    }

    #[test]
    fn a_page_of_crossing_lines_is_read_as_text_without_a_grid() {
        // 1,000 full-width and 1,000 full-height rules: a million cells, no
        // table (testing every cell side against every rule was 4·10^9
        // steps). The page's text is still read, as lines.
        let mut rules = Vec::new();
        for i in 0..1_000 {
            let at = 10.0 + i as f64 * 3.0;
            rules.push(hrule(at, 0.0, 3_100.0));
            rules.push(vrule(at, 0.0, 3_100.0));
        }
        let page = PageContent {
            width: 3_100.0,
            height: 3_100.0,
            glyphs: vec![glyph("甲", 500.0, 500.0), glyph("乙", 510.0, 500.0)],
            rules,
            ..PageContent::default()
        };
        let start = std::time::Instant::now();
        let lines = page_lines(&page);
        assert!(start.elapsed().as_secs_f64() < 3.0, "{:?}", start.elapsed());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].kind, LineKind::Text("甲乙".into()));
    }

    #[test]
    fn a_page_over_the_rule_limit_keeps_its_text() {
        let mut page = ruled_page(3);
        page.too_many_rules = true;
        let lines = page_lines(&page);
        assert!(lines
            .iter()
            .all(|l| !matches!(l.kind, LineKind::Row { grid: Some(_), .. })));
        let text: String = lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Text(t) => t.clone(),
                LineKind::Row { cells, .. } => cells.concat(),
            })
            .collect();
        assert!(text.contains("科目") && text.contains('名'), "{text}");
    }
}
