//! All departments: the selected documents' figures summed by
//! classification code, each sum with how many documents contribute and
//! who they are. Built once from the lines' per-code figures (already in
//! 万元, converted exactly at load), never per keystroke or frame.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::library::{CodeFigure, DepartmentLine};
use crate::model::{amount_width, Code, CodeScheme};

/// One code's sum across the documents that print it.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateRow {
    pub code: String,
    /// The name the first contributing document prints.
    pub name: String,
    /// 类 1, 款 2, 项 3; `None` for a code of no standard length.
    pub depth: Option<usize>,
    /// Σ in 万元, exact; `None` when it leaves Decimal's range.
    pub total: Option<Decimal>,
    /// (line index, figure in 万元), largest figure first.
    pub contributors: Vec<(usize, Decimal)>,
}

/// Every code of one scheme, in code order (a 类 before its 款 and 项).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemeAggregate {
    pub rows: Vec<AggregateRow>,
    /// Width of the widest Σ or contributor figure as printed, so none is
    /// ever cut.
    pub widest: usize,
}

/// The aggregate of a selection of lines, both schemes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregate {
    pub functional: SchemeAggregate,
    pub economic: SchemeAggregate,
    /// How many documents it covers.
    pub documents: usize,
    /// The budget years of those documents, ascending: a department loaded
    /// in two years contributes to a code's Σ once per year.
    pub years: Vec<u16>,
    /// Coded figures the documents print that could not be converted to
    /// 万元 exactly, and so are in no sum.
    pub unconverted: usize,
}

impl Aggregate {
    /// The aggregate of `lines[i]` for each `i` of `selection`.
    pub fn build(lines: &[DepartmentLine], selection: &[usize]) -> Aggregate {
        let chosen = || selection.iter().filter_map(|&i| Some((i, lines.get(i)?)));
        Aggregate {
            functional: SchemeAggregate::build(
                chosen().map(|(i, l)| (i, &l.functional)),
                CodeScheme::Functional,
            ),
            economic: SchemeAggregate::build(
                chosen().map(|(i, l)| (i, &l.economic)),
                CodeScheme::Economic,
            ),
            documents: chosen().count(),
            years: years(chosen().map(|(_, l)| l)),
            unconverted: chosen().map(|(_, l)| l.unconverted).sum(),
        }
    }

    /// This aggregate (of every line) cut down to `lines[i]` for each `i`
    /// of `selection`: the same as [`Aggregate::build`] on the selection
    /// (a code's name stays the first document's of all), without hashing
    /// or sorting again — the contributors are already in order.
    pub fn restricted(&self, lines: &[DepartmentLine], selection: &[usize]) -> Aggregate {
        let mut keep = vec![false; lines.len()];
        for &i in selection {
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
        }
        let chosen = || selection.iter().filter_map(|&i| lines.get(i));
        Aggregate {
            functional: self.functional.restricted(&keep),
            economic: self.economic.restricted(&keep),
            documents: chosen().count(),
            years: years(chosen()),
            unconverted: chosen().map(|l| l.unconverted).sum(),
        }
    }

    pub fn scheme(&self, scheme: CodeScheme) -> &SchemeAggregate {
        match scheme {
            CodeScheme::Functional => &self.functional,
            CodeScheme::Economic => &self.economic,
        }
    }
}

/// The distinct years of `lines`, ascending.
fn years<'a>(lines: impl Iterator<Item = &'a DepartmentLine>) -> Vec<u16> {
    let mut years: Vec<u16> = lines.map(|l| l.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

impl SchemeAggregate {
    /// The rows with only the contributors `keep` marks, summed again; a
    /// code none of them prints is left out.
    fn restricted(&self, keep: &[bool]) -> SchemeAggregate {
        let mut widest = 0;
        let rows = self
            .rows
            .iter()
            .filter_map(|row| {
                let contributors: Vec<(usize, Decimal)> = row
                    .contributors
                    .iter()
                    .copied()
                    .filter(|&(line, _)| keep.get(line).copied().unwrap_or(false))
                    .collect();
                if contributors.is_empty() {
                    return None;
                }
                let total = contributors
                    .iter()
                    .try_fold(Decimal::ZERO, |sum, &(_, v)| sum.checked_add(v));
                for &(_, v) in &contributors {
                    widest = widest.max(amount_width(v));
                }
                widest = widest.max(total.map_or(0, amount_width));
                Some(AggregateRow {
                    code: row.code.clone(),
                    name: row.name.clone(),
                    depth: row.depth,
                    total,
                    contributors,
                })
            })
            .collect();
        SchemeAggregate { rows, widest }
    }

    fn build<'a>(
        documents: impl Iterator<Item = (usize, &'a Vec<CodeFigure>)>,
        scheme: CodeScheme,
    ) -> SchemeAggregate {
        // A hash lookup a figure (a hundred thousand at 1,000 documents),
        // the few hundred codes sorted once at the end.
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut rows: Vec<AggregateRow> = Vec::new();
        let mut widest = 0;
        for (line, figures) in documents {
            for figure in figures {
                let index = *at.entry(figure.code.as_str()).or_insert_with(|| {
                    rows.push(AggregateRow {
                        code: figure.code.clone(),
                        name: figure.name.clone(),
                        depth: Code::parse(&figure.code).and_then(|c| c.depth(scheme)),
                        total: Some(Decimal::ZERO),
                        contributors: Vec::new(),
                    });
                    rows.len() - 1
                });
                let row = &mut rows[index];
                row.total = row.total.and_then(|t| t.checked_add(figure.wan));
                row.contributors.push((line, figure.wan));
                widest = widest.max(amount_width(figure.wan));
            }
        }
        // Digit codes in string order put each 类 before its 款 and 项.
        rows.sort_by(|a, b| a.code.cmp(&b.code));
        for row in &mut rows {
            // Stable: equal figures keep load order.
            row.contributors
                .sort_by_key(|&(_, figure)| std::cmp::Reverse(figure));
            widest = widest.max(row.total.map_or(0, amount_width));
        }
        SchemeAggregate { rows, widest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::library::LineFacts;

    fn figure(code: &str, name: &str, wan: i64, scale: u32) -> CodeFigure {
        CodeFigure {
            code: code.to_string(),
            name: name.to_string(),
            wan: Decimal::new(wan, scale),
        }
    }

    fn line(name: &str, functional: Vec<CodeFigure>) -> DepartmentLine {
        let facts = LineFacts {
            name: name.to_string(),
            year: 2025,
            functional,
            ..LineFacts::default()
        };
        DepartmentLine::of_facts(name, facts, 0)
    }

    #[test]
    fn sums_by_code_in_code_order_with_contributors_largest_first() {
        let lines = vec![
            line(
                "甲",
                vec![
                    figure("2010301", "行政运行", 234956, 2),
                    figure("201", "一般公共服务支出", 300000, 2),
                ],
            ),
            line("乙", vec![figure("2010301", "行政运行", 18373632, 4)]),
            line("丙", vec![figure("2080501", "行政单位离退休", 100, 0)]),
        ];
        let all = Aggregate::build(&lines, &[0, 1, 2]);
        let codes: Vec<&str> = all
            .functional
            .rows
            .iter()
            .map(|r| r.code.as_str())
            .collect();
        assert_eq!(codes, ["201", "2010301", "2080501"]);
        let run = &all.functional.rows[1];
        assert_eq!(run.depth, Some(3));
        // 2349.56 + 1837.3632, exact.
        assert_eq!(run.total, Some(Decimal::new(41869232, 4)));
        assert_eq!(
            run.contributors,
            [(0, Decimal::new(234956, 2)), (1, Decimal::new(18373632, 4))]
        );
        assert_eq!(all.functional.widest, "1,837.3632".len());
        // A selection sums only its lines, cut from the whole the same as
        // built on its own.
        let some = Aggregate::build(&lines, &[1]);
        assert_eq!(all.restricted(&lines, &[1]), some);
        assert_eq!(
            all.restricted(&lines, &[2, 0]),
            Aggregate::build(&lines, &[0, 2])
        );
        assert_eq!(some.functional.rows.len(), 1);
        assert_eq!(
            some.functional.rows[0].total,
            Some(Decimal::new(18373632, 4))
        );
        assert_eq!(some.documents, 1);
    }

    #[test]
    fn an_overflowing_sum_is_none_never_clamped() {
        let max = || CodeFigure {
            wan: Decimal::MAX,
            ..figure("201", "一般公共服务支出", 0, 0)
        };
        let big = vec![line("甲", vec![max()]), line("乙", vec![max()])];
        let all = Aggregate::build(&big, &[0, 1]);
        assert_eq!(all.functional.rows[0].total, None);
        assert_eq!(all.functional.rows[0].contributors.len(), 2);
    }
}
