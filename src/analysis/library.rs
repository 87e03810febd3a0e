//! Several disclosures at once (a city's departments, a department's
//! years): one line of headline figures per document, computed once when
//! they load, every figure in 万元 (元 documents converted exactly).

use rust_decimal::Decimal;

use super::summary::SummaryView;
use crate::model::{CodeScheme, Disclosure, TableKind, Unit};

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
    /// Lower-case name, pinyin initials, full pinyin and budget year, for
    /// the filter.
    pub filter_key: String,
    /// Per-code figures in 万元 for the aggregate (see [`LineFacts`]).
    pub functional: Vec<CodeFigure>,
    pub economic: Vec<CodeFigure>,
    pub unconverted: usize,
}

/// The unit the Departments view shows every figure in.
pub const UNIT: Unit = Unit::WanYuan;

/// The figures of a document's line that come from its model: what the
/// cache keeps beside each entry, so the Departments tab opens without
/// decoding a thousand models.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineFacts {
    pub name: String,
    pub year: u16,
    pub income_total: Option<Decimal>,
    pub basic: Option<Decimal>,
    pub project: Option<Decimal>,
    pub three_public: Option<Decimal>,
    pub cards: usize,
    /// Every coded row's 合计 in 万元: functional codes from the 支出总表
    /// (else the 一般公共预算财政拨款支出表), economic codes from the
    /// 基本支出表, for the All departments aggregate.
    pub functional: Vec<CodeFigure>,
    pub economic: Vec<CodeFigure>,
    /// Coded figures left out of those because they could not be converted
    /// to 万元 exactly (outside Decimal's range).
    pub unconverted: usize,
}

/// One code's figure in a document, in 万元.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeFigure {
    pub code: String,
    pub name: String,
    pub wan: Decimal,
}

/// The tables a code's figure is read from, the first the document prints
/// wins: functional codes from the 支出总表 (else the 一般公共预算财政拨款
/// 支出表), economic codes from the 基本支出表. The one home of this rule for
/// the aggregate and the year-over-year view.
pub fn code_sources(scheme: CodeScheme) -> &'static [TableKind] {
    match scheme {
        CodeScheme::Functional => &[TableKind::Expenditure, TableKind::GeneralPublicExpenditure],
        CodeScheme::Economic => &[TableKind::GeneralPublicBasic],
    }
}

/// Each coded row's first amount (合计) in the [`code_sources`] table of
/// `scheme`, converted exactly into `unit`, in table order, a code once (its
/// first row): `(code, name, figure)`; with the number of figures that could
/// not be converted exactly (left out, never rounded). Linear in the rows.
pub fn coded_amounts(
    doc: &Disclosure,
    scheme: CodeScheme,
    unit: Unit,
) -> (Vec<(String, String, Decimal)>, usize) {
    let Some(table) = code_sources(scheme)
        .iter()
        .find_map(|&kind| doc.table(kind))
    else {
        return (Vec::new(), 0);
    };
    let mut seen = std::collections::HashSet::new();
    let mut figures = Vec::new();
    let mut unconverted = 0;
    for row in table.sides.iter().flat_map(|side| &side.rows) {
        let (Some(code), Some(Some(value))) = (&row.code, row.amounts.first()) else {
            continue;
        };
        if !seen.insert(code.as_str()) {
            continue;
        }
        match table.unit.checked_convert(*value, unit) {
            Some(figure) => figures.push((
                code.as_str().to_string(),
                row.name.trim().to_string(),
                figure,
            )),
            None => unconverted += 1,
        }
    }
    (figures, unconverted)
}

/// [`coded_amounts`] in 万元, as the aggregate keeps them.
fn code_figures(doc: &Disclosure, scheme: CodeScheme) -> (Vec<CodeFigure>, usize) {
    let (amounts, unconverted) = coded_amounts(doc, scheme, UNIT);
    let figures = amounts
        .into_iter()
        .map(|(code, name, wan)| CodeFigure { code, name, wan })
        .collect();
    (figures, unconverted)
}

impl LineFacts {
    pub fn of(doc: &Disclosure) -> LineFacts {
        let summary = SummaryView::build(doc);
        // A figure the Summary shows, in 万元; `None` rather than a clamped
        // figure if the conversion could not be exact.
        let wan = |v: Option<Decimal>| v.and_then(|v| summary.unit.checked_convert(v, UNIT));
        let (functional, unconverted_functional) = code_figures(doc, CodeScheme::Functional);
        let (economic, unconverted_economic) = code_figures(doc, CodeScheme::Economic);
        LineFacts {
            name: doc.department.name.clone(),
            year: doc.department.budget_year,
            income_total: wan(summary.income_total),
            basic: wan(summary.basic),
            project: wan(summary.project),
            three_public: wan(summary.three_public),
            cards: doc.projects.len(),
            functional,
            economic,
            unconverted: unconverted_functional + unconverted_economic,
        }
    }
}

impl DepartmentLine {
    /// The line of `doc`, all checks run to count its errors.
    pub fn build(source: &str, doc: &Disclosure) -> DepartmentLine {
        DepartmentLine::of_facts(source, LineFacts::of(doc), crate::load::count_errors(doc))
    }

    /// The line of a document with `facts` and `errors` error findings
    /// (both known from the cache, or computed by the caller).
    pub fn of_facts(source: &str, facts: LineFacts, errors: usize) -> DepartmentLine {
        let (mut initials, mut full) = (String::new(), String::new());
        crate::search::keys::push_pinyin(&facts.name, &mut initials, &mut full, |_| {});
        DepartmentLine {
            source: source.to_string(),
            // Name, pinyin initials, full pinyin and the budget year: `f 2024`
            // keeps one year, so the aggregate need not add two years up.
            filter_key: format!(
                "{}\u{1f}{initials}\u{1f}{full}\u{1f}{}",
                facts.name, facts.year
            )
            .to_lowercase(),
            pinyin: full,
            name: facts.name,
            year: facts.year,
            income_total: facts.income_total,
            basic: facts.basic,
            project: facts.project,
            three_public: facts.three_public,
            cards: facts.cards,
            errors,
            functional: facts.functional,
            economic: facts.economic,
            unconverted: facts.unconverted,
        }
    }
}

impl DepartmentLine {
    /// The lines of `docs`, built on every core (all checks take a few
    /// milliseconds a document).
    pub fn build_all(docs: &[(String, Disclosure)]) -> Vec<DepartmentLine> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(docs.len())
            .max(1);
        let chunk = docs.len().div_ceil(threads).max(1);
        let build = |part: &[(String, Disclosure)]| -> Vec<DepartmentLine> {
            part.iter()
                .map(|(source, doc)| DepartmentLine::build(source, doc))
                .collect()
        };
        if threads == 1 {
            return build(docs);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .chunks(chunk)
                .map(|part| scope.spawn(move || build(part)))
                .collect();
            // A panicking chunk (a check that panics on a document) is a
            // bug to report, not lines to drop silently.
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }
}

/// Σ of one column over `lines`, with how many lines print it; `None` when
/// the sum overflows or no line prints the figure.
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
    // A sum of no figure is no figure, not 0.
    (sum.filter(|_| count > 0), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_code_figures_are_converted_exactly_or_left_out_and_counted() {
        let Ok(mut doc) = crate::bundled::disclosure() else {
            panic!("the bundled data loads");
        };
        let facts = LineFacts::of(&doc);
        let office = facts.functional.iter().find(|f| f.code == "2010301");
        assert_eq!(office.map(|f| f.wan), Some(Decimal::new(234956, 2)));
        assert_eq!(facts.unconverted, 0);
        // The 支出总表 in 亿元 with one figure too large to become 万元.
        let Some(table) = doc
            .tables
            .iter_mut()
            .find(|t| t.kind == TableKind::Expenditure)
        else {
            panic!("the seed prints a 支出总表");
        };
        table.unit = Unit::YiYuan;
        let Some(row) = table.sides[0]
            .rows
            .iter_mut()
            .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == "2010301"))
        else {
            panic!("the seed prints 2010301");
        };
        row.amounts[0] = Some(Decimal::MAX);
        let facts = LineFacts::of(&doc);
        assert_eq!(facts.unconverted, 1);
        assert!(!facts.functional.iter().any(|f| f.code == "2010301"));
        // 亿元 → 万元 exactly: 2010302's 895.00 亿元 is 8,950,000 万元.
        let general = facts.functional.iter().find(|f| f.code == "2010302");
        assert_eq!(general.map(|f| f.wan), Some(Decimal::new(895_000_000, 2)));
    }
}
