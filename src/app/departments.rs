//! The Departments tab, shown when several documents are loaded: the list
//! (sorted, filtered), its cursor, and the documents themselves. `Enter`
//! opens one in the other tabs.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::analysis::aggregate::Aggregate;
use crate::analysis::library::{column_total, DepartmentLine};
use crate::load::DocSource;
use crate::model::{amount_width, Disclosure};
use unicode_width::UnicodeWidthStr;

/// Least width of the name column.
const MIN_NAME: usize = 8;

use super::aggregate::AggregateView;
use super::projects::Cursor;

/// List order; `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeptSort {
    /// As loaded (path order).
    Loaded,
    /// By name in pinyin order, then year.
    Name,
    /// Largest 收入总计 first.
    Income,
    /// Most errors first.
    Errors,
}

impl DeptSort {
    const ALL: [DeptSort; 4] = [
        DeptSort::Loaded,
        DeptSort::Name,
        DeptSort::Income,
        DeptSort::Errors,
    ];

    fn next(self) -> DeptSort {
        match self {
            DeptSort::Loaded => DeptSort::Name,
            DeptSort::Name => DeptSort::Income,
            DeptSort::Income => DeptSort::Errors,
            DeptSort::Errors => DeptSort::Loaded,
        }
    }
}

/// Σ of the lines shown, with how many print each figure: recomputed when
/// the sort or filter changes, never per frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    pub income_total: (Option<Decimal>, usize),
    pub basic: (Option<Decimal>, usize),
    pub project: (Option<Decimal>, usize),
    pub three_public: (Option<Decimal>, usize),
    pub cards: usize,
    pub errors: usize,
}

/// The value columns after name and year: 收入总计, 基本支出, 项目支出,
/// “三公”经费, 项目卡, 错误.
pub const VALUE_COLUMNS: usize = 6;

/// Width of the year column.
pub const YEAR: usize = 6;

/// How the list is laid out on a screen: the name column, each value
/// column's width, and which of them are on screen (from the first
/// scrolled to, `<` `>`, as many as fit). Pure, from what was measured
/// when the list changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub name: usize,
    pub widths: [usize; VALUE_COLUMNS],
    pub shown: std::ops::Range<usize>,
}

impl Columns {
    /// Whether some value columns are off screen.
    pub fn scrolled(&self) -> bool {
        self.shown.start > 0 || self.shown.end < VALUE_COLUMNS
    }
}

/// A file that could not be read, and why (rendered once, at load, in the
/// app's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub message: String,
}

/// Every loaded document and its line of figures.
pub struct Library {
    /// Where each line's model is read when it is opened: a thousand
    /// models are not kept in memory to show their lines.
    sources: Vec<DocSource>,
    pub lines: Vec<DepartmentLine>,
    /// Every line index in each order of [`DeptSort::ALL`], sorted once at
    /// load: a sort or filter keystroke only filters one of them.
    orders: [Vec<usize>; 4],
    /// Line indexes in display order after sort and filter.
    pub shown: Vec<usize>,
    pub cursor: Cursor,
    pub sort: DeptSort,
    pub filter: String,
    pub filtering: bool,
    /// The document open in the other tabs.
    pub open: usize,
    /// Σ of the lines shown.
    pub totals: Totals,
    /// Display width of the widest figure or Σ of the lines shown, so that
    /// none is ever cut (how many documents a Σ covers has a line of its
    /// own, not a wider column).
    pub figure_width: usize,
    /// Files named or found that could not be read, and whether their
    /// list is on screen (`p`) with its cursor.
    pub problems: Vec<Problem>,
    pub show_problems: bool,
    pub problems_cursor: Cursor,
    /// The first value column on screen (`<` `>`), for a screen too narrow
    /// for all of them.
    pub first_column: usize,
    /// Every loaded line summed by code, built at load.
    all: Arc<Aggregate>,
    /// All departments of the current selection, once built (`a`): what
    /// the Drill-down and Tables tabs show while `App::all_departments` is
    /// on; dropped when the selection changes.
    pub aggregate: Option<AggregateView>,
}

impl Library {
    /// The library of `docs` (name to report each by, model), each line
    /// computed once here (the checks on every core), never per keystroke.
    pub fn new(docs: Vec<(String, Disclosure)>) -> Library {
        let lines = DepartmentLine::build_all(&docs);
        let sources = docs
            .into_iter()
            .map(|(_, doc)| DocSource::Loaded(Box::new(doc)))
            .collect();
        Library::of_lines(lines, sources)
    }

    /// The library of lines already built (from the cache,
    /// [`crate::load::load_lines`]), line `i` read from `sources[i]`.
    pub fn of_lines(lines: Vec<DepartmentLine>, sources: Vec<DocSource>) -> Library {
        let orders = DeptSort::ALL.map(|sort| sorted(&lines, sort));
        let every: Vec<usize> = (0..lines.len()).collect();
        let all = Arc::new(Aggregate::build(&lines, &every));
        let mut library = Library {
            sources,
            orders,
            lines,
            shown: Vec::new(),
            cursor: Cursor::default(),
            sort: DeptSort::Loaded,
            filter: String::new(),
            filtering: false,
            open: 0,
            totals: Totals::default(),
            figure_width: 0,
            problems: Vec::new(),
            show_problems: false,
            problems_cursor: Cursor::default(),
            first_column: 0,
            all,
            aggregate: None,
        };
        library.relist();
        library
    }

    /// The model of line `index`, read from where it was loaded (the cache
    /// entry, else its file); the error names the file.
    pub fn doc(&self, index: usize) -> Result<Disclosure, String> {
        match self.sources.get(index) {
            Some(source) => source.load(),
            None => Err(format!("no document {index}")),
        }
    }

    /// Recomputes the display order after a sort or filter change.
    pub fn relist(&mut self) {
        let keep = self.shown.get(self.cursor.selected).copied();
        let needle = self.filter.to_lowercase();
        let lines = &self.lines;
        let order = DeptSort::ALL
            .iter()
            .position(|&sort| sort == self.sort)
            .and_then(|at| self.orders.get(at));
        self.shown = order
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| needle.is_empty() || lines[i].filter_key.contains(&needle))
            .collect();
        self.cursor.selected = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
        // All departments sums the selection: another selection is another
        // aggregate, built again when it is next shown (not per keystroke).
        if self
            .aggregate
            .as_ref()
            .is_some_and(|view| view.selection != self.shown)
        {
            self.aggregate = None;
        }
        let shown: Vec<&DepartmentLine> = self.shown.iter().map(|&i| &self.lines[i]).collect();
        self.totals = Totals {
            income_total: column_total(&shown, |d| d.income_total),
            basic: column_total(&shown, |d| d.basic),
            project: column_total(&shown, |d| d.project),
            three_public: column_total(&shown, |d| d.three_public),
            cards: shown.iter().map(|d| d.cards).sum(),
            errors: shown.iter().map(|d| d.errors).sum(),
        };
        let figures = shown
            .iter()
            .flat_map(|d| [d.income_total, d.basic, d.project, d.three_public])
            .flatten()
            .map(amount_width);
        let t = &self.totals;
        let sums = [t.income_total, t.basic, t.project, t.three_public]
            .into_iter()
            .filter_map(|(sum, _)| sum.map(amount_width));
        self.figure_width = figures.chain(sums).max().unwrap_or(0);
    }

    /// Builds All departments of the lines shown: the aggregate
    /// built at load when nothing is filtered out, else that one cut down to
    /// the selection (once, on this key).
    pub fn open_aggregate(&mut self) {
        let aggregate = if self.shown.len() == self.lines.len() {
            Arc::clone(&self.all)
        } else {
            Arc::new(self.all.restricted(&self.lines, &self.shown))
        };
        self.aggregate = Some(AggregateView::new(aggregate, self.shown.clone()));
    }

    /// The open aggregate's tables, built on first need (the Tables tab).
    pub fn build_aggregate_tables(&mut self, lang: crate::i18n::Lang) {
        if let Some(view) = self.aggregate.as_mut() {
            view.build_tables(&self.lines, lang);
        }
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.relist();
    }

    /// The list's columns on a screen `cols` wide, in `lang`'s headers.
    pub fn columns(&self, lang: crate::i18n::Lang, cols: usize) -> Columns {
        use crate::i18n::{t, Msg};
        let header_w = |m: Msg| UnicodeWidthStr::width(t(lang, m));
        // As wide as the widest figure, Σ or header (none is cut), and a
        // column of air so that neighbours do not run together.
        let amount = [
            Msg::IncomeTotal,
            Msg::BasicExpenditure,
            Msg::ProjectExpenditure,
            Msg::YoyThreePublic,
        ]
        .into_iter()
        .map(header_w)
        .fold(self.figure_width, usize::max)
            + 1;
        let widths = [amount, amount, amount, amount, 8, 6];
        let rest = |from: usize| -> usize { widths[from..].iter().map(|w| w + 1).sum() };
        // Scrolled no further than needed to show the last column.
        let mut first = self.first_column.min(VALUE_COLUMNS - 1);
        while first > 0 && YEAR + MIN_NAME + rest(first - 1) <= cols {
            first -= 1;
        }
        let name = cols.saturating_sub(YEAR + rest(first)).clamp(MIN_NAME, 40);
        // As many columns as fit after the name and year, at least one.
        let mut room = cols.saturating_sub(name + YEAR);
        let mut end = first;
        while end < VALUE_COLUMNS && (end == first || widths[end] < room) {
            room = room.saturating_sub(widths[end] + 1);
            end += 1;
        }
        Columns {
            name,
            widths,
            shown: first..end,
        }
    }

    /// `>`: one value column further, unless the last is on screen.
    pub fn scroll_right(&mut self, lang: crate::i18n::Lang, cols: usize) {
        let columns = self.columns(lang, cols);
        if columns.shown.end < VALUE_COLUMNS {
            self.first_column = columns.shown.start + 1;
        }
    }

    /// `<`: one value column back.
    pub fn scroll_left(&mut self, lang: crate::i18n::Lang, cols: usize) {
        let columns = self.columns(lang, cols);
        self.first_column = columns.shown.start.saturating_sub(1);
    }

    /// The document under the cursor.
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.cursor.selected).copied()
    }
}

/// Every index of `lines` in the order of `sort` (stable: ties keep load
/// order).
fn sorted(lines: &[DepartmentLine], sort: DeptSort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    match sort {
        DeptSort::Loaded => {}
        DeptSort::Name => order.sort_by(|&a, &b| {
            (&lines[a].pinyin, lines[a].year).cmp(&(&lines[b].pinyin, lines[b].year))
        }),
        DeptSort::Income => {
            order.sort_by(|&a, &b| lines[b].income_total.cmp(&lines[a].income_total))
        }
        DeptSort::Errors => order.sort_by(|&a, &b| lines[b].errors.cmp(&lines[a].errors)),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::library::LineFacts;

    fn line(name: &str, income: i64, errors: usize) -> DepartmentLine {
        let facts = LineFacts {
            name: name.to_string(),
            year: 2025,
            income_total: Some(Decimal::new(income, 2)),
            ..LineFacts::default()
        };
        DepartmentLine::of_facts(name, facts, errors)
    }

    #[test]
    fn each_sort_is_the_order_sorted_at_load_filtered() {
        let lines = vec![
            line("卫生健康委员会", 500, 1),
            line("财政局", 900, 0),
            line("教育局", 900, 2),
            line("城市管理局", 100, 2),
        ];
        let mut library = Library::of_lines(lines, Vec::new());
        let names = |l: &Library| -> Vec<String> {
            l.shown.iter().map(|&i| l.lines[i].name.clone()).collect()
        };
        assert_eq!(
            names(&library),
            ["卫生健康委员会", "财政局", "教育局", "城市管理局"]
        );
        library.cycle_sort();
        assert_eq!(library.sort, DeptSort::Name);
        // caizhengju, chengshi…, jiaoyuju, weisheng…
        assert_eq!(
            names(&library),
            ["财政局", "城市管理局", "教育局", "卫生健康委员会"]
        );
        library.cycle_sort();
        // Largest 收入 first; ties keep load order.
        assert_eq!(
            names(&library),
            ["财政局", "教育局", "卫生健康委员会", "城市管理局"]
        );
        library.cycle_sort();
        assert_eq!(
            names(&library),
            ["教育局", "城市管理局", "卫生健康委员会", "财政局"]
        );
        // A filter keeps the sort; the totals are of what is shown.
        library.filter = "ju".to_string();
        library.relist();
        assert_eq!(names(&library), ["教育局", "城市管理局", "财政局"]);
        assert_eq!(library.totals.errors, 4);
        assert_eq!(
            library.totals.income_total,
            (Some(Decimal::new(1900, 2)), 3)
        );
    }
}
