//! Several disclosures at once (a city's departments, a department's
//! years): one line of headline figures per document, computed once when
//! they load, every figure in 万元 (元 documents converted exactly).

use rust_decimal::Decimal;

use super::summary::SummaryView;
use crate::model::{Disclosure, Unit};

/// One loaded document's line in the Departments view.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentLine {
    /// Where it was read from.
    pub source: String,
    pub name: String,
    pub year: u16,
    /// 收入总计, 基本支出, 项目支出, “三公”经费, in 万元.
    pub income_total: Option<Decimal>,
    pub basic: Option<Decimal>,
    pub project: Option<Decimal>,
    pub three_public: Option<Decimal>,
    pub cards: usize,
    pub errors: usize,
    /// The name's full pinyin, for sorting as a reader expects.
    pub pinyin: String,
    /// Lower-case name, pinyin initials and full pinyin, for the filter.
    pub filter_key: String,
}

/// The unit the Departments view shows every figure in.
pub const UNIT: Unit = Unit::WanYuan;

impl DepartmentLine {
    pub fn build(source: &str, doc: &Disclosure) -> DepartmentLine {
        DepartmentLine::build_counted(source, doc, crate::load::count_errors(doc))
    }

    /// The line of a document with `errors` error findings (known from the
    /// cache, or counted by the caller).
    pub fn build_counted(source: &str, doc: &Disclosure, errors: usize) -> DepartmentLine {
        let summary = SummaryView::build(doc);
        // A figure the Summary shows, in 万元; `None` rather than a clamped
        // figure if the conversion could not be exact.
        let wan = |v: Option<Decimal>| v.and_then(|v| summary.unit.checked_convert(v, UNIT));
        let (mut initials, mut full) = (String::new(), String::new());
        crate::search::keys::push_pinyin(&doc.department.name, &mut initials, &mut full, |_| {});
        DepartmentLine {
            source: source.to_string(),
            name: doc.department.name.clone(),
            year: doc.department.budget_year,
            income_total: wan(summary.income_total),
            basic: wan(summary.basic),
            project: wan(summary.project),
            three_public: wan(summary.three_public),
            cards: doc.projects.len(),
            errors,
            filter_key: format!("{}\u{1f}{initials}\u{1f}{full}", doc.department.name)
                .to_lowercase(),
            pinyin: full,
        }
    }
}

impl DepartmentLine {
    /// The lines of `docs`, line `i` with `errors[i]` error findings where
    /// that is known (`errors` may be shorter than `docs`); the documents
    /// without a count are checked on every core (all checks take a few
    /// milliseconds a document).
    pub fn build_all(
        docs: &[(String, Disclosure)],
        errors: &[Option<usize>],
    ) -> Vec<DepartmentLine> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(docs.len())
            .max(1);
        let chunk = docs.len().div_ceil(threads).max(1);
        let build_chunk = |start: usize, part: &[(String, Disclosure)]| -> Vec<DepartmentLine> {
            part.iter()
                .enumerate()
                .map(|(i, (source, doc))| {
                    let known = errors.get(start + i).copied().flatten();
                    let count = known.unwrap_or_else(|| crate::load::count_errors(doc));
                    DepartmentLine::build_counted(source, doc, count)
                })
                .collect()
        };
        if threads == 1 {
            return build_chunk(0, docs);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .enumerate()
                .map(|(n, part)| scope.spawn(move || build_chunk(n * chunk, part)))
                .collect();
            // A panicking chunk (a check that panics on a document) is a
            // bug to report, not a line to drop silently.
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }
}

/// Σ of one column over `lines`, with how many lines print it; `None` when
/// the sum overflows.
pub fn column_total(
    lines: &[&DepartmentLine],
    figure: impl Fn(&DepartmentLine) -> Option<Decimal>,
) -> (Option<Decimal>, usize) {
    let mut sum = Some(Decimal::ZERO);
    let mut count = 0;
    for line in lines {
        if let Some(v) = figure(line) {
            sum = sum.and_then(|s| s.checked_add(v));
            count += 1;
        }
    }
    (sum, count)
}
