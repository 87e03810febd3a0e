//! An Open Fiscal Data Package (Fiscal Data Package 0.3 / 1.0-rc): a
//! `datapackage.json` describing CSV resources and a model that maps their
//! columns onto measures (amounts in CNY, with the factor of the unit they
//! are written in) and dimensions (the classifications as hierarchies, each
//! level's code naming its `parent`; the department; the fiscal year).
//!
//! One resource per classified table: 支出总表 by functional code
//! (expenditure), 基本支出表 by economic code (expenditure), 收入总表 by
//! functional code (revenue). Each record is a leaf of the printed tree (a
//! code with no printed child), so the measures summed over any code equal
//! that code's printed row wherever the table adds up.

use std::collections::BTreeSet;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::csv::record;
use crate::model::{Code, CodeScheme, Disclosure, Side, TableKind, Unit};

/// One resource the package holds.
struct ResourceSpec {
    /// The resource's name and file stem; also prefixes its measures.
    name: &'static str,
    kind: TableKind,
    scheme: CodeScheme,
    direction: &'static str,
    title: &'static str,
}

const RESOURCES: [ResourceSpec; 3] = [
    ResourceSpec {
        name: "expenditure-functional",
        kind: TableKind::Expenditure,
        scheme: CodeScheme::Functional,
        direction: "expenditure",
        title: "支出总表（支出功能分类）",
    },
    ResourceSpec {
        name: "expenditure-economic",
        kind: TableKind::GeneralPublicBasic,
        scheme: CodeScheme::Economic,
        direction: "expenditure",
        title: "一般公共预算财政拨款基本支出表（部门预算支出经济分类）",
    },
    ResourceSpec {
        name: "revenue-functional",
        kind: TableKind::Income,
        scheme: CodeScheme::Functional,
        direction: "revenue",
        title: "收入总表（支出功能分类）",
    },
];

/// The classification levels a scheme has: (field stem, title).
fn levels(scheme: CodeScheme) -> &'static [(&'static str, &'static str)] {
    match scheme {
        CodeScheme::Functional => &[("class", "类"), ("item", "款"), ("subitem", "项")],
        CodeScheme::Economic => &[("class", "类"), ("item", "款")],
    }
}

/// The package: `datapackage.json` and one CSV per resource, as (relative
/// path, text). An error when no document prints a classified table.
pub fn package(docs: &[(String, Disclosure)]) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let mut resources = Vec::new();
    let mut measures = Map::new();
    let mut dimensions = Map::new();
    for spec in &RESOURCES {
        let sides: Vec<(&Disclosure, &Side, Unit)> = docs
            .iter()
            .filter_map(|(_, doc)| {
                let table = doc.table(spec.kind)?;
                Some((doc, table.main_side()?, table.unit))
            })
            .filter(|(_, side, _)| side.rows.iter().any(|r| r.code.is_some()))
            .collect();
        if sides.is_empty() {
            continue;
        }
        let built = resource(spec, &sides)?;
        files.push((format!("{}.csv", spec.name), built.csv));
        resources.push(built.descriptor);
        measures.extend(built.measures);
        dimensions.extend(built.dimensions);
    }
    if resources.is_empty() {
        return Err(
            "no document prints a 支出总表, 基本支出表 or 收入总表 with classification codes: \
nothing to put in a Fiscal Data Package"
                .into(),
        );
    }
    let years: BTreeSet<u16> = docs.iter().map(|(_, d)| d.department.budget_year).collect();
    let first_year = years.first().copied().unwrap_or_default();
    let last_year = years.last().copied().unwrap_or_default();
    let (name, title) = match docs {
        [(_, doc)] => (
            format!(
                "budget-{}-{}",
                slug(doc.department.code.as_deref().unwrap_or("department")),
                doc.department.budget_year
            ),
            format!(
                "{} {}年部门预算",
                doc.department.name, doc.department.budget_year
            ),
        ),
        _ => (
            format!("budget-{}-departments-{first_year}-{last_year}", docs.len()),
            format!("{} 个部门预算（{first_year}–{last_year}年）", docs.len()),
        ),
    };
    let descriptor = json!({
        "profile": "fiscal-data-package",
        "name": name,
        "title": title,
        "countryCode": "CN",
        "granularity": "aggregated",
        // China's fiscal year is the calendar year.
        "fiscalPeriod": {
            "start": format!("{first_year}-01-01"),
            "end": format!("{last_year}-12-31"),
        },
        "resources": resources,
        "model": {
            "measures": measures,
            "dimensions": dimensions,
        },
    });
    let mut text = serde_json::to_string_pretty(&descriptor)
        .map_err(|e| format!("cannot write datapackage.json: {e}"))?;
    text.push('\n');
    files.insert(0, ("datapackage.json".to_string(), text));
    Ok(files)
}

/// Lower-case ASCII letters, digits and `-`: a package name.
fn slug(text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if slug.trim_matches('-').is_empty() {
        "department".into()
    } else {
        slug
    }
}

/// One resource's CSV, descriptor and model entries.
struct Built {
    csv: String,
    descriptor: Value,
    measures: Map<String, Value>,
    dimensions: Map<String, Value>,
}

fn resource(spec: &ResourceSpec, sides: &[(&Disclosure, &Side, Unit)]) -> Result<Built, String> {
    // One unit for the resource: the tables' own when they agree (the factor
    // says what it is), else 元, converted exactly.
    let unit = match sides.first() {
        Some((_, _, first)) if sides.iter().all(|(_, _, u)| u == first) => *first,
        _ => Unit::Yuan,
    };
    // The amount columns of every document, by header path, first seen first.
    let mut columns: Vec<String> = Vec::new();
    for (_, side, _) in sides {
        for c in &side.columns {
            let path = c.path();
            if !columns.contains(&path) {
                columns.push(path);
            }
        }
    }
    let levels = levels(spec.scheme);
    let mut header: Vec<String> = vec![
        "department_code".into(),
        "department_name".into(),
        "fiscal_year".into(),
    ];
    for (stem, _) in levels {
        header.push(format!("{stem}_code"));
        header.push(format!("{stem}_name"));
    }
    let measure_fields: Vec<String> = (1..=columns.len()).map(|i| format!("amount_{i}")).collect();
    header.extend(measure_fields.iter().cloned());
    let mut csv = record(&header);
    for (doc, side, table_unit) in sides {
        let coded: Vec<(&Code, usize)> = side
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let code = r.code.as_ref()?;
                code.depth(spec.scheme).map(|_| (code, i))
            })
            .collect();
        for &(code, index) in &coded {
            // A leaf: no printed code below it.
            let has_child = coded.iter().any(|(other, _)| {
                other.as_str().len() > code.as_str().len()
                    && other.as_str().starts_with(code.as_str())
            });
            if has_child {
                continue;
            }
            let Some(row) = side.rows.get(index) else {
                continue;
            };
            let mut fields = vec![
                doc.department.code.clone().unwrap_or_default(),
                doc.department.name.clone(),
                doc.department.budget_year.to_string(),
            ];
            let lengths = spec.scheme.lengths();
            for (level, _) in levels.iter().enumerate() {
                let prefix = lengths
                    .get(level)
                    .filter(|&&len| len <= code.as_str().len())
                    .and_then(|&len| code.as_str().get(..len));
                match prefix {
                    Some(prefix) => {
                        fields.push(prefix.to_string());
                        fields.push(
                            side.row_by_code(prefix)
                                .map(|r| r.name.clone())
                                .unwrap_or_default(),
                        );
                    }
                    None => {
                        fields.push(String::new());
                        fields.push(String::new());
                    }
                }
            }
            for path in &columns {
                let value = side
                    .columns
                    .iter()
                    .position(|c| &c.path() == path)
                    .and_then(|c| row.amount(c));
                fields.push(convert(value, *table_unit, unit, doc, code)?);
            }
            csv.push_str(&record(&fields));
        }
    }
    let prefix = spec.name.replace('-', "_");
    let mut schema_fields = vec![
        json!({"name": "department_code", "type": "string", "title": "部门编码"}),
        json!({"name": "department_name", "type": "string", "title": "部门名称"}),
        json!({"name": "fiscal_year", "type": "integer", "title": "预算年度"}),
    ];
    let mut attributes = Map::new();
    let mut primary_key = Vec::new();
    let mut parent: Option<String> = None;
    for (stem, title) in levels {
        schema_fields.push(json!({"name": format!("{stem}_code"), "type": "string",
            "title": format!("{title}编码")}));
        schema_fields.push(json!({"name": format!("{stem}_name"), "type": "string",
            "title": format!("{title}名称")}));
        let code_attribute = format!("{prefix}_{stem}_code");
        let mut code = json!({"source": format!("{stem}_code"), "resource": spec.name});
        if let (Some(parent), Some(map)) = (&parent, code.as_object_mut()) {
            map.insert("parent".into(), Value::from(parent.clone()));
        }
        attributes.insert(code_attribute.clone(), code);
        attributes.insert(
            format!("{prefix}_{stem}_name"),
            json!({"source": format!("{stem}_name"), "resource": spec.name,
                "labelfor": code_attribute}),
        );
        primary_key.push(Value::from(code_attribute.clone()));
        parent = Some(code_attribute);
    }
    let mut measures = Map::new();
    for (field, path) in measure_fields.iter().zip(&columns) {
        schema_fields.push(json!({"name": field, "type": "number", "title": path}));
        measures.insert(
            format!("{prefix}_{field}"),
            json!({
                "source": field,
                "resource": spec.name,
                "title": path,
                "currency": "CNY",
                "factor": unit.yuan_factor().to_u64(),
                "direction": spec.direction,
                "phase": "approved",
            }),
        );
    }
    let mut dimensions = Map::new();
    let classification = match spec.scheme {
        CodeScheme::Functional => "functional",
        CodeScheme::Economic => "economic",
    };
    dimensions.insert(
        format!("{prefix}_classification"),
        json!({
            "dimensionType": "classification",
            "classificationType": classification,
            "attributes": attributes,
            "primaryKey": primary_key,
        }),
    );
    dimensions.insert(
        format!("{prefix}_department"),
        json!({
            "dimensionType": "classification",
            "classificationType": "administrative",
            "attributes": {
                format!("{prefix}_department_code"): {"source": "department_code", "resource": spec.name},
                format!("{prefix}_department_name"): {"source": "department_name", "resource": spec.name,
                    "labelfor": format!("{prefix}_department_code")},
            },
            "primaryKey": [format!("{prefix}_department_name")],
        }),
    );
    dimensions.insert(
        format!("{prefix}_date"),
        json!({
            "dimensionType": "datetime",
            "attributes": {
                format!("{prefix}_fiscal_year"): {"source": "fiscal_year", "resource": spec.name},
            },
            "primaryKey": [format!("{prefix}_fiscal_year")],
        }),
    );
    let descriptor = json!({
        "name": spec.name,
        "title": spec.title,
        "path": format!("{}.csv", spec.name),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": schema_fields},
    });
    Ok(Built {
        csv,
        descriptor,
        measures,
        dimensions,
    })
}

/// A figure in the resource's unit, as a plain decimal; blank stays blank.
fn convert(
    value: Option<Decimal>,
    from: Unit,
    to: Unit,
    doc: &Disclosure,
    code: &Code,
) -> Result<String, String> {
    let Some(value) = value else {
        return Ok(String::new());
    };
    from.checked_convert(value, to)
        .map(|v| v.to_string())
        .ok_or_else(|| {
            format!(
                "{} {}: {value} {} is too large to convert to {}",
                doc.department.name,
                code,
                from.label(),
                to.label()
            )
        })
}
