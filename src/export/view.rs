//! What `x` exports: the view on screen as one CSV — the table on the
//! Tables tab (the 收支总表 from the Summary), the classification tree on
//! the Drill-down, the card list, a card's indicators or the comparison on
//! Projects, the findings on Checks, the Departments list. Pure: the app
//! hands the text to the terminal loop, which writes it.

use rust_decimal::Decimal;

use super::csv::{published_table, record};
use crate::analysis::grid::AggregateCell;
use crate::analysis::Origin;
use crate::app::projects::Screen;
use crate::app::{App, Tab};
use crate::model::{Disclosure, ProjectCard, TableKind};

/// A view as CSV, with the file name to write it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewExport {
    pub file_name: String,
    pub contents: String,
}

fn plain(value: Option<Decimal>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The view on screen as CSV; `None` when it shows nothing to export.
pub fn current(app: &App) -> Option<ViewExport> {
    let (view, contents) = match app.tab {
        // The list spans documents: named for none of them.
        Tab::Drill if app.aggregate().is_some() => return aggregate(app),
        // All departments' tables span documents: named for none of them.
        Tab::Tables if app.aggregate().is_some() => return aggregate_table(app),
        Tab::Departments => {
            return Some(ViewExport {
                file_name: "部门列表.csv".into(),
                contents: departments(app)?,
            })
        }
        Tab::Tables => table(app, app.tables_state.table)?,
        Tab::Summary => {
            let index = app.analysis.tables.tables.iter().position(|t| {
                matches!(t.origin, Origin::Table(i)
                    if app.analysis.doc.tables.get(i).is_some_and(|t| t.kind == TableKind::IncomeExpenditureSummary))
            })?;
            table(app, index)?
        }
        Tab::Drill => drill(app),
        Tab::Projects => projects(app)?,
        Tab::Checks => ("审核".to_string(), checks(app)),
        Tab::Years => years(app)?,
    };
    Some(ViewExport {
        file_name: format!(
            "{}.csv",
            super::file_name(&name_for(&app.analysis.doc, &view))
        ),
        contents,
    })
}

/// The scheme as export file names say it, in Chinese like the tables'
/// titles: `功能分类`, `经济分类`.
fn scheme_label(scheme: crate::model::CodeScheme) -> &'static str {
    crate::i18n::t(
        crate::i18n::Lang::Zh,
        match scheme {
            crate::model::CodeScheme::Functional => crate::i18n::Msg::Functional,
            crate::model::CodeScheme::Economic => crate::i18n::Msg::Economic,
        },
    )
}

/// `邢台市人民政府办公室-2025-部门预算支出总表`.
fn name_for(doc: &Disclosure, view: &str) -> String {
    format!(
        "{}-{}-{view}",
        doc.department.name, doc.department.budget_year
    )
}

fn table(app: &App, index: usize) -> Option<(String, String)> {
    let table = app.analysis.tables.tables.get(index)?;
    Some((
        table.title.clone(),
        published_table(&app.analysis.doc, table),
    ))
}

/// The drill-down of the scheme on screen: every node in code order with
/// its level and each column's figure.
fn drill(app: &App) -> (String, String) {
    let (view, _) = app.drill();
    let mut header = vec!["code".to_string(), "name".into(), "level".into()];
    header.extend(view.columns.iter().map(|c| c.header.clone()));
    let mut out = record(&header);
    // Depth-first from the roots: the order the tree is read in.
    let mut stack: Vec<usize> = view.tree.roots.iter().rev().copied().collect();
    while let Some(node) = stack.pop() {
        let Some(n) = view.tree.nodes.get(node) else {
            continue;
        };
        let mut fields = vec![
            n.code.to_string(),
            n.name.clone().unwrap_or_default(),
            n.depth.to_string(),
        ];
        let values = view.values.get(node);
        fields.extend(
            (0..view.columns.len())
                .map(|c| plain(values.and_then(|v| v.get(c).copied().flatten()))),
        );
        out.push_str(&record(&fields));
        stack.extend(n.children.iter().rev());
    }
    let name = scheme_label(view.scheme);
    (name.to_string(), out)
}

/// The two years side by side: every compared code, then every card, with
/// both years' figures and the change (plain decimals; blank where a year
/// prints none).
fn years(app: &App) -> Option<(String, String)> {
    let view = &app.years.as_ref()?.view;
    let (before, after) = view.years;
    let mut out = record(&[
        "kind".to_string(),
        "code".into(),
        "name".into(),
        before.to_string(),
        after.to_string(),
        "change".into(),
        "unit".into(),
    ]);
    let unit = view.unit.label().to_string();
    let change = |b: Option<Decimal>, a: Option<Decimal>| {
        plain(b.zip(a).and_then(|(b, a)| a.checked_sub(b)))
    };
    for r in &view.rows {
        let kind = match r.scheme {
            crate::model::CodeScheme::Functional => "functional",
            crate::model::CodeScheme::Economic => "economic",
        };
        out.push_str(&record(&[
            kind.to_string(),
            r.code.clone(),
            r.name.clone(),
            plain(r.before),
            plain(r.after),
            change(r.before, r.after),
            unit.clone(),
        ]));
    }
    for c in &view.cards {
        out.push_str(&record(&[
            "project".to_string(),
            c.code.clone(),
            c.name.clone(),
            plain(c.before),
            plain(c.after),
            change(c.before, c.after),
            unit.clone(),
        ]));
    }
    Some((format!("{before}-{after}"), out))
}

fn projects(app: &App) -> Option<(String, String)> {
    let p = &app.projects;
    let doc = &app.analysis.doc;
    match (&p.screen, &p.comparison) {
        (Screen::Compare, Some(comparison)) => {
            let cards: Vec<&ProjectCard> = comparison
                .cards
                .iter()
                .filter_map(|&c| doc.projects.get(c))
                .collect();
            let mut header = vec!["一级指标".to_string(), "二级指标".into(), "三级指标".into()];
            header.extend(cards.iter().map(|c| c.name.clone()));
            let mut out = record(&header);
            let mut budgets = vec![String::new(), String::new(), "预算数".to_string()];
            budgets.extend(cards.iter().map(|c| plain(c.budget)));
            out.push_str(&record(&budgets));
            for row in &comparison.rows {
                let mut fields = vec![row.level1.clone(), row.level2.clone(), row.label.clone()];
                fields.extend(cards.iter().zip(&row.cells).map(|(card, cell)| {
                    cell.and_then(|i| card.indicators.get(i))
                        .map(|ind| ind.value.raw.clone())
                        .unwrap_or_default()
                }));
                out.push_str(&record(&fields));
            }
            Some(("项目对比".to_string(), out))
        }
        (Screen::Card(card), _) => {
            let card = doc.projects.get(*card)?;
            let mut out = record(&["一级指标", "二级指标", "三级指标", "指标值", "依据", "line"]);
            for ind in &card.indicators {
                out.push_str(&record(&[
                    ind.level1.clone(),
                    ind.level2.clone(),
                    ind.level3.clone(),
                    ind.value.raw.clone(),
                    ind.basis.clone(),
                    ind.line.to_string(),
                ]));
            }
            Some((card.name.clone(), out))
        }
        _ => {
            let mut out = record(&[
                "序号",
                "项目编码",
                "项目名称",
                "预算数",
                "财政资金",
                "其他资金",
                "单位",
            ]);
            for card in p.list.iter().filter_map(|&c| doc.projects.get(c)) {
                out.push_str(&record(&[
                    card.seq.map(|s| s.to_string()).unwrap_or_default(),
                    card.code.clone(),
                    card.name.clone(),
                    plain(card.budget),
                    plain(card.fiscal_funds),
                    plain(card.other_funds),
                    card.unit.label().to_string(),
                ]));
            }
            Some(("项目".to_string(), out))
        }
    }
}

fn checks(app: &App) -> String {
    let checked = [crate::check::report::Checked {
        file: None,
        doc: &app.analysis.doc,
        report: &app.analysis.report,
    }];
    crate::check::report::csv(&checked, app.lang)
}

/// The Departments list in the order shown, figures in 万元.
fn departments(app: &App) -> Option<String> {
    let library = app.library.as_ref()?;
    let mut out = record(&[
        "source",
        "name",
        "year",
        "收入总计",
        "基本支出",
        "项目支出",
        "三公经费",
        "cards",
        "errors",
        "unit",
    ]);
    for line in library.shown.iter().filter_map(|&i| library.lines.get(i)) {
        out.push_str(&record(&[
            line.source.clone(),
            line.name.clone(),
            line.year.to_string(),
            plain(line.income_total),
            plain(line.basic),
            plain(line.project),
            plain(line.three_public),
            line.cards.to_string(),
            line.errors.to_string(),
            crate::analysis::library::UNIT.label().to_string(),
        ]));
    }
    Some(out)
}

/// All departments' table on the Tables tab: its header, then each code
/// with its Σ (blank past Decimal's range), how many departments print it
/// and each department's figure, as plain decimals in 万元 from the
/// aggregate itself.
fn aggregate_table(app: &App) -> Option<ViewExport> {
    let view = app.aggregate()?;
    let (tables, state) = app.tables_view();
    let table = tables.tables.get(state.table)?;
    let Origin::Aggregate(scheme) = table.origin else {
        return None;
    };
    let mut header: Vec<String> = table.columns.iter().map(|c| c.header.join("/")).collect();
    header.push("unit".into());
    let mut out = record(&header);
    let unit = crate::analysis::library::UNIT.label().to_string();
    for (r, row) in table.rows.iter().enumerate() {
        let mut fields: Vec<String> = (0..table.columns.len())
            .map(|c| match AggregateCell::of_column(c) {
                AggregateCell::Total | AggregateCell::Department(_) => {
                    plain(view.table_figure(scheme, r, c))
                }
                _ => row.cells.get(c).cloned().unwrap_or_default(),
            })
            .collect();
        fields.push(unit.clone());
        out.push_str(&record(&fields));
    }
    let scheme = scheme_label(scheme);
    Some(ViewExport {
        file_name: format!("所有部门-{scheme}-各部门.csv"),
        contents: out,
    })
}

/// All departments in the Drill-down: every code of the scheme on screen with its
/// Σ (blank when it overflows) and how many departments contribute, or the
/// open code's departments with their figures; in 万元.
fn aggregate(app: &App) -> Option<ViewExport> {
    let library = app.library.as_ref()?;
    let view = app.aggregate()?;
    let unit = crate::analysis::library::UNIT.label().to_string();
    let scheme = scheme_label(view.scheme);
    if view.contributors.is_some() {
        let row = view.selected()?;
        let mut out = record(&["source", "name", "year", "code", "value", "unit"]);
        for &(index, figure) in &row.contributors {
            let line = library.lines.get(index)?;
            out.push_str(&record(&[
                line.source.clone(),
                line.name.clone(),
                line.year.to_string(),
                row.code.clone(),
                figure.to_string(),
                unit.clone(),
            ]));
        }
        return Some(ViewExport {
            file_name: format!("所有部门-{}.csv", super::file_name(&row.code)),
            contents: out,
        });
    }
    let mut out = record(&["code", "name", "level", "total", "departments", "unit"]);
    for row in &view.rows().rows {
        out.push_str(&record(&[
            row.code.clone(),
            row.name.clone(),
            row.depth.map_or(String::new(), |d| d.to_string()),
            plain(row.total),
            row.contributors.len().to_string(),
            unit.clone(),
        ]));
    }
    Some(ViewExport {
        file_name: format!("所有部门-{scheme}.csv"),
        contents: out,
    })
}
