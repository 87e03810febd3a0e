//! The Projects tab: card list (sorted, filtered, marked), one card, the
//! side-by-side comparison and the by-category view.

use crate::action::Motion;
use rust_decimal::Decimal;

use super::compare::{align, SlotRow};
use crate::model::{percent_of, Disclosure, ProjectCard, TableKind};

/// List order; `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Document,
    BudgetDesc,
    Name,
    Code,
}

impl SortKey {
    fn next(self) -> SortKey {
        match self {
            SortKey::Document => SortKey::BudgetDesc,
            SortKey::BudgetDesc => SortKey::Name,
            SortKey::Name => SortKey::Code,
            SortKey::Code => SortKey::Document,
        }
    }
}

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Card(usize),
    Compare,
    Category,
}

/// A scrollable position: the selected row and the first row on screen.
/// `update` keeps `offset` for the viewport it knows; the renderer only
/// clamps it for the height it draws ([`Cursor::window_start`]), writing
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves the selection over `len` rows, `page` rows a page.
    pub fn apply(&mut self, motion: Motion, len: usize, page: usize) {
        match motion {
            Motion::Up => self.move_by(-1, len),
            Motion::Down => self.move_by(1, len),
            Motion::PageUp => self.page_by(-1, len, page),
            Motion::PageDown => self.page_by(1, len, page),
            Motion::Top => self.selected = 0,
            Motion::Bottom => self.selected = len.saturating_sub(1),
        }
    }

    pub fn move_by(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Moves by whole pages of `page` rows.
    pub fn page_by(&mut self, pages: isize, len: usize, page: usize) {
        self.move_by(pages * page.max(1) as isize, len);
    }

    /// Keeps the selection on a screen of `page` rows (called by `update`).
    pub fn follow(&mut self, page: usize, len: usize) {
        self.offset = window_start(self.selected, self.offset, page, len);
    }

    /// First row to draw in `height` rows, keeping the selection on screen.
    pub fn window_start(&self, height: usize, len: usize) -> usize {
        window_start(self.selected, self.offset, height, len)
    }
}

/// First row to draw so that `selected` is on a screen of `height` rows of
/// a list `len` long, moving as little as possible from `offset`. Pure: the
/// renderer calls it without writing anything back.
pub fn window_start(selected: usize, offset: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut start = offset;
    if selected < start {
        start = selected;
    } else if selected >= start + height {
        start = selected + 1 - height;
    }
    start.min(len.saturating_sub(height))
}

/// A comparison of 2–4 marked cards.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub cards: Vec<usize>,
    pub rows: Vec<SlotRow>,
    /// First scrolled card column (the indicator column stays).
    pub first_card: usize,
    pub cursor: Cursor,
}

/// Most cards a comparison holds.
pub const MAX_COMPARED: usize = 4;

/// Projects tab state and what is derived from the cards at load.
#[derive(Debug, Clone)]
pub struct ProjectsState {
    /// Each card's name and code, lowercased once, for the filter.
    pub filter_keys: Vec<String>,
    /// Each card's 预算数 as a percent of 项目支出 (支出总表), one decimal.
    pub shares: Vec<Option<Decimal>>,
    /// The 项目支出 total the shares are of, and the unit it is printed in.
    pub project_total: Option<Decimal>,
    pub project_total_unit: crate::model::Unit,
    /// Σ 预算数 of the cards in that unit, summed once at load.
    pub budget_sum: Option<Decimal>,
    /// Cards whose 成本指标 (in money) exceeds their 预算数: (card, indicator).
    pub over_budget: Vec<(usize, usize)>,
    /// Every 二级指标 name, in order of first appearance.
    pub categories: Vec<String>,
    pub sort: SortKey,
    pub filter: String,
    pub filtering: bool,
    /// Card indexes in list order after sort and filter.
    pub list: Vec<usize>,
    pub cursor: Cursor,
    /// Marked cards, in the order marked.
    pub marked: Vec<usize>,
    pub screen: Screen,
    pub card_cursor: Cursor,
    pub show_raw: bool,
    pub comparison: Option<Comparison>,
    pub category: usize,
    pub category_by_value: bool,
    /// (card, indicator) of the current category, in display order.
    pub category_rows: Vec<(usize, usize)>,
    pub category_cursor: Cursor,
    /// A one-line message (e.g. "mark 2 to 4 cards first").
    pub notice: Option<crate::i18n::Msg>,
    /// Every finding of the check report on each card (on the card or one
    /// of its indicators): indexes into `report.findings`.
    pub card_findings: Vec<Vec<usize>>,
    /// Sort order reversed (`S`).
    pub reversed: bool,
    /// Each card's name in full pinyin, for sorting names as a reader
    /// expects (拼音 order, not code points).
    name_pinyin: Vec<String>,
}

/// How many of `findings` are errors, warnings and notes.
pub fn severity_counts(report: &crate::check::Report, findings: &[usize]) -> [usize; 3] {
    let mut counts = [0; 3];
    for &f in findings {
        if let Some(finding) = report.findings.get(f) {
            counts[finding.severity as usize] += 1;
        }
    }
    counts
}

impl ProjectsState {
    pub fn new(doc: &Disclosure, report: &crate::check::Report) -> ProjectsState {
        let expenditure = doc.table(TableKind::Expenditure);
        let project_total = expenditure.and_then(|t| t.main_side()).and_then(|s| {
            let c = s.column("项目支出")?;
            s.total_row().and_then(|(_, r)| r.amount(c))
        });
        let table_unit = expenditure.map_or(doc.department.unit, |t| t.unit);
        // A card's budget is converted into the table's unit before dividing.
        let shares = doc
            .projects
            .iter()
            .map(|p| {
                let budget = p.unit.checked_convert(p.budget?, table_unit)?;
                percent_of(budget, project_total?)
            })
            .collect();
        let mut categories: Vec<String> = Vec::new();
        for card in &doc.projects {
            for ind in &card.indicators {
                if !ind.level2.is_empty() && !categories.contains(&ind.level2) {
                    categories.push(ind.level2.clone());
                }
            }
        }
        // The check engine decides what is over budget; the tab shows it.
        let over_budget = report
            .findings_of(COST_RULE)
            .flat_map(|f| f.places.iter())
            .filter_map(|p| match *p {
                crate::model::Place::Indicator { card, indicator } => Some((card, indicator)),
                _ => None,
            })
            .collect();
        // The filter matches the name, the code, and the name's pinyin
        // initials and full pinyin (`sxrx` finds 市长热线).
        let mut name_pinyin = Vec::with_capacity(doc.projects.len());
        let filter_keys = doc
            .projects
            .iter()
            .map(|p| {
                let (mut initials, mut full) = (String::new(), String::new());
                crate::search::keys::push_pinyin(&p.name, &mut initials, &mut full, |_| {});
                let key = format!("{}\u{1f}{}\u{1f}{initials}\u{1f}{full}", p.name, p.code)
                    .to_lowercase();
                name_pinyin.push(full);
                key
            })
            .collect();
        let mut card_findings = vec![Vec::new(); doc.projects.len()];
        for (i, f) in report.findings.iter().enumerate() {
            let cards = f.places.iter().filter_map(|p| match *p {
                crate::model::Place::Project { card }
                | crate::model::Place::Indicator { card, .. } => Some(card),
                _ => None,
            });
            for card in cards {
                if let Some(list) = card_findings.get_mut(card) {
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        let mut state = ProjectsState {
            filter_keys,
            shares,
            project_total,
            project_total_unit: table_unit,
            budget_sum: ProjectsState::budget_sum(doc, table_unit),
            over_budget,
            categories,
            sort: SortKey::Document,
            filter: String::new(),
            filtering: false,
            list: Vec::new(),
            cursor: Cursor::default(),
            marked: Vec::new(),
            screen: Screen::List,
            card_cursor: Cursor::default(),
            show_raw: false,
            comparison: None,
            category: 0,
            category_by_value: false,
            category_rows: Vec::new(),
            category_cursor: Cursor::default(),
            notice: None,
            card_findings,
            reversed: false,
            name_pinyin,
        };
        state.relist(doc);
        state.recategorize(doc);
        state
    }

    /// Recomputes the list after a sort or filter change, keeping the
    /// selected card selected where it is still listed.
    pub fn relist(&mut self, doc: &Disclosure) {
        let keep = self.list.get(self.cursor.selected).copied();
        let needle = self.filter.to_lowercase();
        self.list = (0..doc.projects.len())
            .filter(|&i| needle.is_empty() || self.filter_keys[i].contains(&needle))
            .collect();
        let projects = &doc.projects;
        match self.sort {
            SortKey::Document => {}
            SortKey::BudgetDesc => self
                .list
                .sort_by(|&a, &b| projects[b].budget.cmp(&projects[a].budget).then(a.cmp(&b))),
            SortKey::Name => {
                let pinyin = &self.name_pinyin;
                self.list.sort_by(|&a, &b| {
                    pinyin[a]
                        .cmp(&pinyin[b])
                        .then_with(|| projects[a].name.cmp(&projects[b].name))
                })
            }
            SortKey::Code => self
                .list
                .sort_by(|&a, &b| projects[a].code.cmp(&projects[b].code)),
        }
        if self.reversed {
            self.list.reverse();
        }
        self.cursor.selected = keep
            .and_then(|k| self.list.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// `S`: the same order, reversed.
    pub fn reverse_sort(&mut self, doc: &Disclosure) {
        self.reversed = !self.reversed;
        self.relist(doc);
    }

    /// `[` / `]` on a card: the previous / next card of the list, staying
    /// in the card view.
    pub fn step_card(&mut self, delta: isize) {
        let Screen::Card(card) = self.screen else {
            return;
        };
        let Some(at) = self.list.iter().position(|&c| c == card) else {
            return;
        };
        let next = (at as isize + delta).clamp(0, self.list.len() as isize - 1) as usize;
        if next != at {
            self.cursor.selected = next;
            self.screen = Screen::Card(self.list[next]);
            self.card_cursor = Cursor::default();
        }
    }

    /// Σ 预算数 of the cards, in `unit` (`None` if a card has no budget or
    /// the sum overflows).
    pub fn budget_sum(doc: &Disclosure, unit: crate::model::Unit) -> Option<Decimal> {
        doc.projects.iter().try_fold(Decimal::ZERO, |sum, p| {
            sum.checked_add(p.unit.checked_convert(p.budget?, unit)?)
        })
    }

    pub fn cycle_sort(&mut self, doc: &Disclosure) {
        self.sort = self.sort.next();
        self.relist(doc);
    }

    /// The card under the cursor in the list.
    pub fn selected_card(&self) -> Option<usize> {
        self.list.get(self.cursor.selected).copied()
    }

    pub fn toggle_mark(&mut self) {
        let Some(card) = self.selected_card() else {
            return;
        };
        if let Some(pos) = self.marked.iter().position(|&m| m == card) {
            self.marked.remove(pos);
        } else if self.marked.len() < MAX_COMPARED {
            self.marked.push(card);
        } else {
            self.notice = Some(crate::i18n::Msg::MarkAtMost);
        }
    }

    /// Opens the comparison of the marked cards (2 to 4).
    pub fn compare(&mut self, doc: &Disclosure) {
        if self.marked.len() < 2 {
            self.notice = Some(crate::i18n::Msg::MarkTwoFirst);
            return;
        }
        let cards: Vec<&ProjectCard> = self
            .marked
            .iter()
            .filter_map(|&i| doc.projects.get(i))
            .collect();
        self.comparison = Some(Comparison {
            cards: self.marked.clone(),
            rows: align(&cards),
            first_card: 0,
            cursor: Cursor::default(),
        });
        self.screen = Screen::Compare;
    }

    /// Rebuilds the rows of the current category.
    pub fn recategorize(&mut self, doc: &Disclosure) {
        let Some(category) = self.categories.get(self.category) else {
            self.category_rows.clear();
            return;
        };
        let mut rows: Vec<(usize, usize)> = doc
            .projects
            .iter()
            .enumerate()
            .flat_map(|(c, card)| {
                card.indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| &i.level2 == category)
                    .map(move |(n, _)| (c, n))
            })
            .collect();
        if self.category_by_value {
            // Parsed values first, largest first; unreadable ones last.
            rows.sort_by(|&(ca, na), &(cb, nb)| {
                let va = doc.projects[ca].indicators[na].value.number;
                let vb = doc.projects[cb].indicators[nb].value.number;
                match (va, vb) {
                    (Some(a), Some(b)) => b.cmp(&a),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            });
        }
        self.category_rows = rows;
        self.category_cursor.selected = 0;
    }

    pub fn step_category(&mut self, doc: &Disclosure, delta: isize) {
        let n = self.categories.len() as isize;
        if n == 0 {
            return;
        }
        self.category = (self.category as isize + delta).rem_euclid(n) as usize;
        self.recategorize(doc);
    }

    /// The `v` view opened from a card: on the selected indicator's 二级指标,
    /// the cursor on that indicator's row. From elsewhere: as it was.
    pub fn open_category_view(&mut self, doc: &Disclosure) {
        if let Screen::Card(card) = self.screen {
            let at = (card, self.card_cursor.selected);
            let level2 = doc
                .projects
                .get(card)
                .and_then(|c| c.indicators.get(at.1))
                .map(|i| i.level2.as_str());
            if let Some(i) = level2.and_then(|l| self.categories.iter().position(|c| c == l)) {
                self.category = i;
                self.recategorize(doc);
                if let Some(row) = self.category_rows.iter().position(|&r| r == at) {
                    self.category_cursor.selected = row;
                }
            }
        } else if self.category_rows.is_empty() {
            self.recategorize(doc);
        }
        self.screen = Screen::Category;
    }

    /// `Enter` on a row of the `v` view: that card, on that indicator.
    pub fn open_category_row(&mut self) {
        if let Some(&(card, indicator)) = self.category_rows.get(self.category_cursor.selected) {
            self.screen = Screen::Card(card);
            self.card_cursor = Cursor::default();
            self.card_cursor.selected = indicator;
        }
    }

    pub fn is_over_budget(&self, card: usize, indicator: usize) -> bool {
        self.over_budget.contains(&(card, indicator))
    }
}

/// The check rule whose findings mark a 成本指标 over its card's budget.
pub const COST_RULE: &str = "project.cost-within-budget";
