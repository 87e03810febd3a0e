//! The search index behind `/` and `budget lookup`: every table row (by code
//! and name), project card, indicator (三级指标), narrative heading and
//! glossary term of one or more disclosures, matched by code, by name, by
//! pinyin initials (`xzyx`) or full pinyin (`xingzhengyunxing`), and fuzzily.
//!
//! Pure data and text: no terminal code. Everything that does not depend on
//! the query is computed once in [`SearchIndex::build`]; a query scans a few
//! flat text arenas with a SIMD substring search and touches the fuzzy
//! matcher only when the exact tiers leave room in the result list.
//!
//! # Ranking
//! Tiers, best first — a hit in a better tier always outranks one in a worse
//! tier ([`MatchKind`]):
//! 1. exact classification or project code;
//! 2. code prefix (`3023` → 30231), shorter codes first;
//! 3. a figure equal to a numeric query (`2349.56`, `622600` in `≤622600 万元`),
//!    compared as numbers (`915` finds `915.00`) through a sorted list of every
//!    printed figure built at load, so a query is a binary search;
//! 4. the query inside the name;
//! 5. the query inside the pinyin initials or full pinyin;
//! 6. the query inside a code (`0079l` in a project code);
//! 7. fuzzy (`SkimMatcherV2`) on the name, or on the initials for a Latin
//!    query, above a minimum score per query character. Fuzzy scoring runs
//!    only for a query that is not a number, and only when tiers 1–6 found fewer hits than the limit: fuzzy matching
//!    alone floods short queries with noise, and its hits could not make the
//!    list anyway.
//!
//! # Facts
//! Besides what is printed as a row, each column of a table's 合计 row is an
//! item of its own, named by the column's header: `项目支出` is 915.00 in 支出
//! 总表, `人员经费` 2049.75 in 基本支出表. The figures people ask for first
//! are columns, not rows, so they are indexed as facts (column × total row).
//! The 机关运行经费 the 情况说明 states is a fact of its section.
//!
//! Within a tier, a match nearer the start of the key and a key nearer the
//! query's length rank higher; ties keep document order.
//!
//! # Grouping
//! The best `limit` hits are then grouped by [`HitKind`], the group holding
//! the best hit first (so typing a project's name shows projects first and a
//! code shows rows first); groups of equal best score follow the fixed order
//! of [`HitKind`]. Within a group, hits stay in rank order.

pub(crate) mod keys;
pub mod lookup;

use std::cmp::Reverse;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;
use rust_decimal::Decimal;

use crate::model::{BudgetTable, Disclosure, IndicatorValue, Place, TableKind, Unit};

/// What a search hit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum HitKind {
    /// One row of one table (coded rows and uncoded ones such as 三公 items).
    Row,
    /// A project card (项目绩效目标表).
    Project,
    /// One 三级指标 of a card.
    Indicator,
    /// A narrative heading.
    Heading,
    /// A 名词解释 term.
    Glossary,
}

impl HitKind {
    /// The group heading the app shows.
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Row => "科目",
            HitKind::Project => "项目",
            HitKind::Indicator => "指标",
            HitKind::Heading => "标题",
            HitKind::Glossary => "名词解释",
        }
    }
}

/// Why a hit matched, best first. Derived from the hit's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    ExactCode,
    CodePrefix,
    /// A figure equal to the (numeric) query.
    Amount,
    Name,
    Pinyin,
    CodeInfix,
    Fuzzy,
}

// Tier bases are far enough apart that no within-tier adjustment crosses
// into a neighbouring tier; fuzzy scores are clamped below the lowest base.
const TIER_EXACT_CODE: i64 = 7_000_000;
const TIER_CODE_PREFIX: i64 = 6_000_000;
const TIER_AMOUNT: i64 = 5_000_000;
const TIER_NAME: i64 = 4_000_000;
const TIER_PINYIN: i64 = 3_000_000;
const TIER_CODE_INFIX: i64 = 2_000_000;
const TIER_WIDTH: i64 = 1_000_000;
/// A full-pinyin match that starts on a syllable (`xingzheng` in
/// `yibanxingzheng…`) beats one that starts mid-syllable (`ingz`).
const SYLLABLE_BONUS: i64 = 500_000;

/// The figure shown beside a hit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Figure {
    /// A row's 合计 (or its first figure), or a card's 预算数.
    Amount {
        /// The column's label: `合计`, `预算数`.
        column: String,
        value: Decimal,
        unit: Unit,
    },
    /// An indicator's 指标值, as printed, with the number read from it.
    Target {
        raw: String,
        number: Option<Decimal>,
    },
}

/// One searchable thing. Serialisable because the cache keeps each
/// document's coded items ([`CodedItems`]) for `lookup CODE`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub kind: HitKind,
    /// Index of the disclosure in the slice the index was built from.
    pub doc: usize,
    /// Where the app jumps to.
    pub place: Place,
    /// Classification code of a row, project code of a card or of the card an
    /// indicator belongs to.
    pub code: Option<String>,
    /// The name as printed: row name, project name, 三级指标, heading, term.
    pub name: String,
    /// Where the item stands: the table's short name, the card's name, the
    /// heading's parent path, `名词解释`.
    pub context: String,
    pub figure: Option<Figure>,
    /// For a fact (one column of a total row), the row's printed name
    /// (`合计`): `name` is then the column's header (`项目支出`).
    pub row: Option<String>,
}

impl Item {
    /// The one-line label: `2010301 行政运行`, or the name alone.
    pub fn label(&self) -> String {
        match (&self.code, self.kind) {
            (Some(code), HitKind::Row | HitKind::Project) => format!("{code} {}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// Who published a disclosure the index covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub department: String,
    pub year: u16,
}

impl DocInfo {
    pub fn of(disclosure: &Disclosure) -> DocInfo {
        DocInfo {
            department: disclosure.department.name.clone(),
            year: disclosure.department.budget_year,
        }
    }
}

/// A ranked match: an index into [`SearchIndex::items`] and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i64,
}

impl Hit {
    /// Which tier the hit matched in.
    pub fn match_kind(&self) -> MatchKind {
        match self.score {
            s if s >= TIER_EXACT_CODE => MatchKind::ExactCode,
            s if s >= TIER_CODE_PREFIX => MatchKind::CodePrefix,
            s if s >= TIER_AMOUNT => MatchKind::Amount,
            s if s >= TIER_NAME => MatchKind::Name,
            s if s >= TIER_PINYIN => MatchKind::Pinyin,
            s if s >= TIER_CODE_INFIX => MatchKind::CodeInfix,
            _ => MatchKind::Fuzzy,
        }
    }
}

/// Keys of every item laid end to end, each followed by a `\n` (which no key
/// contains: normalisation drops whitespace), so one substring scan covers
/// all items and a match never spans two keys.
#[derive(Debug, Default)]
struct Arena {
    text: String,
    /// `starts[i]` is where item `i`'s key begins; one extra entry at the end.
    starts: Vec<u32>,
}

impl Arena {
    fn begin_key(&mut self) -> usize {
        self.text.len()
    }

    fn end_key(&mut self, start: usize) {
        self.starts.push(start as u32);
        self.text.push('\n');
    }

    fn finish(&mut self) {
        self.starts.push(self.text.len() as u32);
    }

    fn key(&self, item: usize) -> &str {
        let start = self.starts[item] as usize;
        let end = self.starts[item + 1] as usize - 1;
        &self.text[start..end]
    }

    /// The item whose key holds byte `offset`.
    fn item_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }
}

/// The index over one or more disclosures. Build it once after loading;
/// query it on every keystroke.
pub struct SearchIndex {
    docs: Vec<DocInfo>,
    items: Vec<Item>,
    /// Normalised names (`基本工作经费b(市长热线)`).
    names: Arena,
    /// Pinyin initials of the names (`xzyx`).
    initials: Arena,
    /// Full toneless pinyin of the names (`xingzhengyunxing`).
    full_pinyin: Arena,
    /// One bit per byte of `full_pinyin.text`: set where a syllable starts.
    syllable_starts: Vec<u64>,
    /// Lower-cased codes; empty for items that carry none (or whose code is
    /// their card's, like indicators, so a card code finds the card once).
    codes: Arena,
    /// Items with an indexed code, sorted by that code: exact and prefix
    /// lookups are a binary search.
    by_code: Vec<u32>,
    /// Every printed figure (each cell of a row, a card's 预算数, the number
    /// of an indicator's 指标值) with its item, sorted by value.
    amounts: Vec<(Decimal, u32)>,
    name_masks: Vec<u64>,
    initial_masks: Vec<u64>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.docs)
            .field("items", &self.items.len())
            .finish_non_exhaustive()
    }
}

/// Indicator rows that are only placeholders (`不涉及` under 生态效益指标):
/// dozens per document, none worth finding.
fn is_placeholder_indicator(level3: &str) -> bool {
    matches!(level3.trim(), "" | "不涉及" | "无" | "/")
}

/// The figure of a row: its 合计 when it has one, else its first figure.
pub(crate) fn row_figure(
    table: &crate::model::BudgetTable,
    side: usize,
    row: usize,
) -> Option<Figure> {
    let side = table.sides.get(side)?;
    let row = side.rows.get(row)?;
    let total = side
        .columns
        .iter()
        .position(|c| c.label() == "合计")
        .filter(|&i| row.amount(i).is_some());
    let column = total.or_else(|| row.amounts.iter().position(Option::is_some))?;
    let value = row.amount(column)?;
    let label = side.columns.get(column).map_or(String::new(), |c| {
        if c.label().is_empty() {
            c.path()
        } else {
            c.label().to_string()
        }
    });
    Some(Figure::Amount {
        column: label,
        value,
        unit: table.unit,
    })
}

/// The short name of a table, or its printed title when it is not one of the
/// nine standard tables.
pub fn table_name(table: &crate::model::BudgetTable) -> &str {
    match table.kind {
        TableKind::Other => &table.title,
        kind => kind.short_name(),
    }
}

impl SearchIndex {
    /// Indexes every table row, card, indicator, heading and glossary term.
    pub fn build(disclosures: &[Disclosure]) -> SearchIndex {
        let mut items = Vec::new();
        let mut amounts = Vec::new();
        let mut docs = Vec::with_capacity(disclosures.len());
        for (doc, disclosure) in disclosures.iter().enumerate() {
            docs.push(DocInfo::of(disclosure));
            collect_items(doc, disclosure, &mut items, &mut amounts);
        }
        // Decimal orders numerically (915 == 915.00), which is what a typed
        // figure means; ties keep document order.
        amounts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        Self::from_items(docs, items, amounts)
    }

    fn from_items(
        docs: Vec<DocInfo>,
        items: Vec<Item>,
        amounts: Vec<(Decimal, u32)>,
    ) -> SearchIndex {
        let mut names = Arena::default();
        let mut initials = Arena::default();
        let mut full_pinyin = Arena::default();
        let mut codes = Arena::default();
        let mut syllable_offsets = Vec::new();
        let mut name_masks = Vec::with_capacity(items.len());
        let mut initial_masks = Vec::with_capacity(items.len());
        for item in &items {
            let start = names.begin_key();
            keys::push_normalized(&mut names.text, &item.name);
            name_masks.push(keys::char_mask(&names.text[start..]));
            names.end_key(start);

            let initials_start = initials.begin_key();
            let full_start = full_pinyin.begin_key();
            keys::push_pinyin(
                &item.name,
                &mut initials.text,
                &mut full_pinyin.text,
                |offset| syllable_offsets.push(offset),
            );
            initial_masks.push(keys::char_mask(&initials.text[initials_start..]));
            initials.end_key(initials_start);
            full_pinyin.end_key(full_start);

            let code_start = codes.begin_key();
            if item.kind != HitKind::Indicator {
                if let Some(code) = &item.code {
                    keys::push_normalized(&mut codes.text, code);
                }
            }
            codes.end_key(code_start);
        }
        for arena in [&mut names, &mut initials, &mut full_pinyin, &mut codes] {
            arena.finish();
        }
        let mut syllable_starts = vec![0u64; full_pinyin.text.len().div_ceil(64)];
        for offset in syllable_offsets {
            syllable_starts[offset / 64] |= 1 << (offset % 64);
        }
        let mut by_code: Vec<u32> = (0..items.len() as u32)
            .filter(|&i| !codes.key(i as usize).is_empty())
            .collect();
        by_code.sort_by(|&a, &b| codes.key(a as usize).cmp(codes.key(b as usize)));
        SearchIndex {
            docs,
            items,
            names,
            initials,
            full_pinyin,
            syllable_starts,
            codes,
            by_code,
            amounts,
            name_masks,
            initial_masks,
            // The query is lower-cased like the keys, so case never matters.
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, hit: &Hit) -> &Item {
        &self.items[hit.item as usize]
    }

    pub fn docs(&self) -> &[DocInfo] {
        &self.docs
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The best `limit` hits for `query`, grouped by kind (see the module
    /// documentation). A convenience over [`SearchIndex::query_into`].
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut out = Vec::new();
        self.query_into(query, limit, &mut out);
        out
    }

    /// Like [`SearchIndex::query`], into a buffer the caller keeps between
    /// keystrokes. `out` is cleared first; besides it, a query allocates only
    /// in proportion to the query text.
    pub fn query_into(&self, query: &str, limit: usize, out: &mut Vec<Hit>) {
        self.query_with(query, limit, limit, out);
    }

    /// Every hit of the exact tiers (code, figure, name, pinyin, code infix),
    /// grouped like [`SearchIndex::query`], and fuzzy hits only when the exact
    /// tiers found fewer than `fuzzy_below`: `budget lookup` counts all the
    /// matches ("20 of 1,341") before it cuts the list.
    pub fn query_all(&self, query: &str, fuzzy_below: usize) -> Vec<Hit> {
        let mut out = Vec::new();
        self.query_with(query, usize::MAX, fuzzy_below, &mut out);
        out
    }

    fn query_with(&self, query: &str, limit: usize, fuzzy_below: usize, out: &mut Vec<Hit>) {
        out.clear();
        let mut q = String::with_capacity(query.len());
        keys::push_normalized(&mut q, query);
        // The arena separator can never be part of a match.
        q.retain(|c| !c.is_control());
        if q.is_empty() || limit == 0 {
            return;
        }
        let q = q.as_str();
        let q_chars = q.chars().count();
        let ascii_alnum = q.bytes().all(|b| b.is_ascii_alphanumeric());

        if ascii_alnum {
            self.code_matches(q, out);
        }
        let amount = parse_figure(q);
        if let Some(value) = amount {
            self.amount_matches(value, out);
        }
        self.substring_matches(&self.names, q, TIER_NAME, |_| 0, out);
        if ascii_alnum && q.bytes().any(|b| b.is_ascii_alphabetic()) {
            self.substring_matches(&self.initials, q, TIER_PINYIN, |_| SYLLABLE_BONUS, out);
            self.substring_matches(
                &self.full_pinyin,
                q,
                TIER_PINYIN,
                |offset| {
                    if self.syllable_starts[offset / 64] & (1 << (offset % 64)) != 0 {
                        SYLLABLE_BONUS
                    } else {
                        0
                    }
                },
                out,
            );
        }

        // An item found several ways keeps its best score.
        out.sort_unstable_by_key(|h| (h.item, Reverse(h.score)));
        out.dedup_by_key(|h| h.item);

        // A number either is printed or is not: near misses of its digits
        // scattered over a name mean nothing.
        if out.len() < fuzzy_below && q_chars >= 2 && amount.is_none() {
            self.fuzzy_matches(q, ascii_alnum, out);
        }

        let by_rank = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.item.cmp(&b.item));
        if out.len() > limit {
            out.select_nth_unstable_by(limit - 1, by_rank);
            out.truncate(limit);
        }
        out.sort_unstable_by(by_rank);
        self.group_by_kind(out);
    }

    /// Exact, prefix and infix matches on codes.
    fn code_matches(&self, q: &str, out: &mut Vec<Hit>) {
        let code_of = |i: &u32| self.codes.key(*i as usize);
        let first = self.by_code.partition_point(|i| code_of(i) < q);
        for &item in &self.by_code[first..] {
            let code = code_of(&item);
            if !code.starts_with(q) {
                break;
            }
            let score = if code.len() == q.len() {
                TIER_EXACT_CODE
            } else {
                TIER_CODE_PREFIX + within_tier(0, code.len() - q.len())
            };
            out.push(Hit { item, score });
        }
        // Prefix matches were found above; the infix scan skips them.
        for offset in memmem::find_iter(self.codes.text.as_bytes(), q.as_bytes()) {
            let item = self.codes.item_at(offset);
            let start = self.codes.starts[item] as usize;
            if offset == start {
                continue;
            }
            let extra = self.codes.key(item).len() - q.len();
            out.push(Hit {
                item: item as u32,
                score: TIER_CODE_INFIX + within_tier(offset - start, extra),
            });
        }
    }

    /// Items printing a figure equal to `value`.
    fn amount_matches(&self, value: Decimal, out: &mut Vec<Hit>) {
        let first = self.amounts.partition_point(|(v, _)| *v < value);
        for &(v, item) in &self.amounts[first..] {
            if v != value {
                break;
            }
            out.push(Hit {
                item,
                score: TIER_AMOUNT + within_tier(0, 0),
            });
        }
    }

    /// Every occurrence of `q` in `arena`, scored by where it starts and how
    /// much of the key it leaves unmatched (in characters).
    fn substring_matches(
        &self,
        arena: &Arena,
        q: &str,
        tier: i64,
        bonus: impl Fn(usize) -> i64,
        out: &mut Vec<Hit>,
    ) {
        let q_chars = q.chars().count();
        let mut last_item = usize::MAX;
        for offset in memmem::find_iter(arena.text.as_bytes(), q.as_bytes()) {
            let item = arena.item_at(offset);
            let start = arena.starts[item] as usize;
            let key = arena.key(item);
            // A later occurrence in the same key scores lower, unless it earns
            // a bonus (a syllable-aligned pinyin match after an unaligned
            // one): keep those and let the dedup pick the best.
            let bonus = bonus(offset);
            if item == last_item && bonus == 0 {
                continue;
            }
            last_item = item;
            let before = key[..offset - start].chars().count();
            let extra = key.chars().count().saturating_sub(q_chars + before);
            out.push(Hit {
                item: item as u32,
                score: tier + bonus + within_tier(before, extra),
            });
        }
    }

    /// Fuzzy hits among the items not found yet. `out` is sorted by item.
    fn fuzzy_matches(&self, q: &str, ascii_alnum: bool, out: &mut Vec<Hit>) {
        let q_mask = keys::char_mask(q);
        // SkimMatcherV2 gives 16 per matched character plus bonuses, minus
        // gap penalties. A Latin letter is one of 26, so letters scattered
        // over a long run of initials (`gwyc` in `jbgzjfbzwgkgkpt…`) match
        // easily and mean nothing: demand near-contiguous matches for them.
        // A Chinese character is one of thousands, so a looser match is
        // still telling (`公车运维` in 公务用车运行维护费).
        let per_char = if ascii_alnum { 16 } else { 10 };
        let min_score = per_char * q.chars().count() as i64;
        let found = out.len();
        for item in 0..self.items.len() {
            let on_name = q_mask & !self.name_masks[item] == 0;
            let on_initials = ascii_alnum && q_mask & !self.initial_masks[item] == 0;
            if !on_name && !on_initials {
                continue;
            }
            if out[..found]
                .binary_search_by_key(&(item as u32), |h| h.item)
                .is_ok()
            {
                continue;
            }
            let score = [
                on_name.then(|| self.matcher.fuzzy_match(self.names.key(item), q)),
                on_initials.then(|| self.matcher.fuzzy_match(self.initials.key(item), q)),
            ]
            .into_iter()
            .flatten()
            .flatten()
            .max();
            if let Some(score) = score.filter(|&s| s >= min_score) {
                out.push(Hit {
                    item: item as u32,
                    score: score.min(TIER_CODE_INFIX - 1),
                });
            }
        }
    }

    /// Stable regrouping of ranked hits: kinds ordered by their best hit.
    fn group_by_kind(&self, out: &mut [Hit]) {
        let mut first_rank = [usize::MAX; 5];
        for (rank, hit) in out.iter().enumerate() {
            let slot = &mut first_rank[self.items[hit.item as usize].kind as usize];
            if *slot == usize::MAX {
                *slot = rank;
            }
        }
        out.sort_by_key(|hit| first_rank[self.items[hit.item as usize].kind as usize]);
    }
}

/// A query that is a plain figure (`2349.56`, `622600`, `2,349.56`): digits
/// with at most one decimal point, read exactly. Codes are figures too by this
/// test (`2010301`); the code tiers rank above, so a code still wins.
fn parse_figure(q: &str) -> Option<Decimal> {
    if !q.bytes().any(|b| b.is_ascii_digit())
        || !q
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    crate::model::parse_amount(q).ok().flatten()
}

/// Score adjustment inside a tier: earlier matches and closer lengths first.
fn within_tier(position: usize, extra: usize) -> i64 {
    let position = position.min(99) as i64;
    let extra = extra.min(999) as i64;
    TIER_WIDTH / 4 - position * 1_000 - extra
}

/// The item of one printed row (`(table, side, row)` of `doc`).
fn row_item(doc: usize, (t, s, r): (usize, usize, usize), table: &BudgetTable) -> Item {
    let row = &table.sides[s].rows[r];
    Item {
        kind: HitKind::Row,
        doc,
        place: Place::TableRow {
            table: t,
            side: s,
            row: r,
        },
        code: row.code.as_ref().map(|c| c.as_str().to_string()),
        name: row.name.trim().to_string(),
        context: table_name(table).to_string(),
        figure: row_figure(table, s, r),
        row: None,
    }
}

/// The item of card `c` of `doc`.
fn project_item(doc: usize, c: usize, card: &crate::model::ProjectCard) -> Item {
    Item {
        kind: HitKind::Project,
        doc,
        place: Place::Project { card: c },
        code: (!card.code.trim().is_empty()).then(|| card.code.trim().to_string()),
        name: card.name.trim().to_string(),
        context: "项目".to_string(),
        figure: card.budget.map(|value| Figure::Amount {
            column: "预算数".to_string(),
            value,
            unit: card.unit,
        }),
        row: None,
    }
}

/// The items a [`SearchIndex`] over `disclosures` would rank as exact code
/// matches of `query`, in the order it would list them (rows, then cards,
/// each group in document order; the group met first comes first), found by
/// a scan of the codes alone: `budget lookup 2010301` over a thousand
/// documents needs no pinyin of every name. Empty when the query is not a
/// code that something carries exactly.
pub fn exact_code_items(disclosures: &[Disclosure], query: &str) -> Vec<Item> {
    let Some(q) = exact_code_key(query) else {
        return Vec::new();
    };
    // Compared as the index would key it, without building the key: this
    // runs for every coded row of every document.
    let same = |code: &str| {
        code.chars()
            .filter(|c| !c.is_whitespace())
            .map(keys::fold_width)
            .flat_map(char::to_lowercase)
            .eq(q.chars())
    };
    let mut items = Vec::new();
    for (doc, disclosure) in disclosures.iter().enumerate() {
        coded_items_of(doc, disclosure, |code, item| {
            if same(code) {
                items.push(item());
            }
        });
    }
    group_by_first_kind(&mut items, |item| item.kind);
    items
}

/// Calls `found` with the code and a maker of the item of every coded row
/// and card of `disclosure`, rows before cards, each in document order: the
/// order [`exact_code_items`] lists a document's matches in.
fn coded_items_of(
    doc: usize,
    disclosure: &Disclosure,
    mut found: impl FnMut(&str, &dyn Fn() -> Item),
) {
    for (t, table) in disclosure.tables.iter().enumerate() {
        for (s, side) in table.sides.iter().enumerate() {
            for (r, row) in side.rows.iter().enumerate() {
                if let Some(code) = &row.code {
                    found(code.as_str(), &|| row_item(doc, (t, s, r), table));
                }
            }
        }
    }
    for (c, card) in disclosure.projects.iter().enumerate() {
        if !card.code.trim().is_empty() {
            found(card.code.trim(), &|| project_item(doc, c, card));
        }
    }
}

/// The index groups by kind, the kind of the first hit first; the sort is
/// stable, so each group keeps document order.
fn group_by_first_kind<T>(items: &mut [T], kind: impl Fn(&T) -> HitKind) {
    let first_kind = items.first().map(&kind);
    items.sort_by_key(|i| Some(kind(i)) != first_kind);
}

/// One coded item of a document with where it stands in the source (PDF
/// page, line of the text form), as [`lookup::LookupRow`] prints them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodedItem {
    pub item: Item,
    pub page: Option<u32>,
    pub line: Option<usize>,
}

/// Every coded row and card of one document, grouped by the code as a query
/// is compared with it (whitespace dropped, full-width folded, lower case),
/// codes in byte order: what the cache keeps so that `lookup CODE` reads a
/// few matching items per document instead of decoding its tables. Items
/// carry document index 0; [`merge_exact_code_items`] sets the real one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodedItems {
    pub department: String,
    pub year: u16,
    /// (normalised code, its items in [`exact_code_items`]' order).
    pub codes: Vec<(String, Vec<CodedItem>)>,
}

impl CodedItems {
    pub fn of(disclosure: &Disclosure) -> CodedItems {
        let mut codes: std::collections::BTreeMap<String, Vec<CodedItem>> =
            std::collections::BTreeMap::new();
        coded_items_of(0, disclosure, |code, item| {
            let Some(key) = exact_code_key(code) else {
                return;
            };
            let item = item();
            codes.entry(key).or_default().push(CodedItem {
                page: item.place.page(disclosure),
                line: item.place.line(disclosure),
                item,
            });
        });
        CodedItems {
            department: disclosure.department.name.clone(),
            year: disclosure.department.budget_year,
            codes: codes.into_iter().collect(),
        }
    }
}

/// `text` as [`exact_code_items`] compares a query with a code; `None` when
/// it is not a code a query could match (empty, or anything but ASCII
/// letters and digits once normalised).
pub fn exact_code_key(text: &str) -> Option<String> {
    let mut key = String::with_capacity(text.len());
    keys::push_normalized(&mut key, text);
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(key)
}

/// The exact code matches over several documents, from each document's
/// matching items (empty for a document without the code) in load order:
/// the items [`exact_code_items`] would find over the documents themselves,
/// in its order, with each one's page and line.
pub fn merge_exact_code_items(per_doc: Vec<Vec<CodedItem>>) -> Vec<CodedItem> {
    let mut items: Vec<CodedItem> = Vec::new();
    for (doc, found) in per_doc.into_iter().enumerate() {
        for mut coded in found {
            coded.item.doc = doc;
            items.push(coded);
        }
    }
    group_by_first_kind(&mut items, |coded| coded.item.kind);
    items
}

/// Column headers that only say "the row's figure" (合计, 预算数): as facts
/// they would name nothing the row does not already show.
fn is_generic_header(label: &str) -> bool {
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        label.as_str(),
        "" | "合计" | "小计" | "总计" | "预算数" | "金额" | "数额" | "合计数"
    )
}

fn collect_items(
    doc: usize,
    disclosure: &Disclosure,
    items: &mut Vec<Item>,
    amounts: &mut Vec<(Decimal, u32)>,
) {
    for (t, table) in disclosure.tables.iter().enumerate() {
        for (s, side) in table.sides.iter().enumerate() {
            let total = side.total_row().map(|(r, _)| r);
            for (r, row) in side.rows.iter().enumerate() {
                if row.is_blank() || (row.code.is_none() && row.name.trim().is_empty()) {
                    continue;
                }
                let id = items.len() as u32;
                amounts.extend(row.amounts.iter().flatten().map(|&v| (v, id)));
                items.push(row_item(doc, (t, s, r), table));
                if total == Some(r) {
                    push_facts(doc, (t, s, r), table, items);
                }
                if table.kind == TableKind::ThreePublicCosts && is_three_public_total(&row.name) {
                    push_three_public(doc, (t, s, r), table, items);
                }
            }
        }
    }
    push_running_costs(doc, disclosure, items);
    for (c, card) in disclosure.projects.iter().enumerate() {
        let code = (!card.code.trim().is_empty()).then(|| card.code.trim().to_string());
        if let Some(budget) = card.budget {
            amounts.push((budget, items.len() as u32));
        }
        items.push(project_item(doc, c, card));
        for (i, indicator) in card.indicators.iter().enumerate() {
            if is_placeholder_indicator(&indicator.level3) {
                continue;
            }
            if let Some(number) = indicator.value.number {
                amounts.push((number, items.len() as u32));
            }
            items.push(Item {
                kind: HitKind::Indicator,
                doc,
                place: Place::Indicator {
                    card: c,
                    indicator: i,
                },
                code: code.clone(),
                name: indicator.level3.trim().to_string(),
                context: card.name.trim().to_string(),
                figure: Some(target_figure(&indicator.value)),
                row: None,
            });
        }
    }
    for (s, section) in disclosure.narrative.iter().enumerate() {
        if section.heading.trim().is_empty() {
            continue;
        }
        let parents = section.path.len().saturating_sub(1);
        items.push(Item {
            kind: HitKind::Heading,
            doc,
            place: Place::Section { section: s },
            code: None,
            name: section.heading.trim().to_string(),
            context: section.path[..parents].join(" › "),
            figure: None,
            row: None,
        });
    }
    for (g, term) in disclosure.glossary.iter().enumerate() {
        items.push(Item {
            kind: HitKind::Glossary,
            doc,
            place: Place::Glossary { term: g },
            code: None,
            name: term.term.trim().to_string(),
            context: "名词解释".to_string(),
            figure: None,
            row: None,
        });
    }
}

/// One fact per printed figure of a total row whose column header names it
/// (`项目支出` × 合计 = 915.00). Blank cells make no fact: there is nothing
/// to find.
fn push_facts(
    doc: usize,
    (t, s, r): (usize, usize, usize),
    table: &BudgetTable,
    items: &mut Vec<Item>,
) {
    let Some(side) = table.sides.get(s) else {
        return;
    };
    let Some(row) = side.rows.get(r) else {
        return;
    };
    for (c, column) in side.columns.iter().enumerate() {
        let (Some(value), false) = (row.amount(c), is_generic_header(column.label())) else {
            continue;
        };
        items.push(Item {
            kind: HitKind::Row,
            doc,
            // A fact is one cell: the app opens the table on it.
            place: Place::TableCell {
                table: t,
                side: s,
                row: r,
                column: c,
            },
            code: None,
            name: column.label().trim().to_string(),
            context: table_name(table).to_string(),
            figure: Some(Figure::Amount {
                column: column.label().trim().to_string(),
                value,
                unit: table.unit,
            }),
            row: Some(row.name.trim().to_string()),
        });
    }
}

/// The row that states the 三公 total: `“三公”经费小计` (or `合计`), quotes
/// and spaces ignored.
fn is_three_public_total(name: &str) -> bool {
    let name: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .collect();
    matches!(name.as_str(), "三公经费小计" | "三公经费合计" | "三公经费")
}

/// `三公经费` as a fact, so `三公` and `sgjf` answer with the figure before
/// the glossary term, whose name starts with a quotation mark.
fn push_three_public(
    doc: usize,
    (t, s, r): (usize, usize, usize),
    table: &BudgetTable,
    items: &mut Vec<Item>,
) {
    let Some(row) = table.sides.get(s).and_then(|side| side.rows.get(r)) else {
        return;
    };
    items.push(Item {
        kind: HitKind::Row,
        doc,
        place: Place::TableRow {
            table: t,
            side: s,
            row: r,
        },
        code: None,
        name: "三公经费".to_string(),
        context: table_name(table).to_string(),
        figure: row_figure(table, s, r),
        row: Some(row.name.trim().to_string()),
    });
}

/// 机关运行经费 is a headline figure that most regions state only in the
/// 情况说明 (Jiangsu prints a table, whose rows are indexed as rows): a fact
/// pointing at the section that states it.
fn push_running_costs(doc: usize, disclosure: &Disclosure, items: &mut Vec<Item>) {
    let Some(value) = crate::check::narrative_figures(disclosure).running_costs else {
        return;
    };
    let section = disclosure
        .narrative
        .iter()
        .position(|s| s.heading.contains("机关运行经费"));
    let (place, context) = match section {
        Some(section) => (
            Place::Section { section },
            disclosure.narrative[section].heading.trim().to_string(),
        ),
        None => (Place::Document, String::new()),
    };
    items.push(Item {
        kind: HitKind::Heading,
        doc,
        place,
        code: None,
        name: "机关运行经费".to_string(),
        context,
        figure: Some(Figure::Amount {
            column: "情况说明".to_string(),
            value,
            unit: Unit::WanYuan,
        }),
        row: None,
    });
}

fn target_figure(value: &IndicatorValue) -> Figure {
    Figure::Target {
        raw: value.raw.trim().to_string(),
        number: value.number,
    }
}

#[cfg(test)]
mod tests;
