//! `budget export`: the seed's CSVs read back equal the model, figure for
//! figure; the JSON is the model; the Fiscal Data Package has the spec's
//! required fields and its measures add up to the tables.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use budget_tui::analysis::{Origin, Tables};
use budget_tui::export::{self, csv, File, Format, Options};
use budget_tui::i18n::Lang;
use budget_tui::model::{Disclosure, Place, TableKind};
use rust_decimal::Decimal;
use serde_json::Value;

const SEED: &str = "data/xingtai-gov-office-2025.ron";

fn seed_docs() -> Vec<(String, Disclosure)> {
    vec![(SEED.to_string(), common::seed())]
}

fn export_files(format: Format, excel: bool) -> Vec<File> {
    let options = Options {
        format,
        excel,
        lang: Lang::Zh,
    };
    export::files(&seed_docs(), options).expect("the seed exports")
}

fn text_of(files: &[File], path: &str) -> String {
    let file = files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no {path} in {:?}", names(files)));
    String::from_utf8(file.bytes.clone()).expect("UTF-8")
}

fn names(files: &[File]) -> Vec<String> {
    files.iter().map(|f| f.path.display().to_string()).collect()
}

#[test]
fn figures_csv_holds_every_figure_of_every_table_exactly() {
    let doc = common::seed();
    let files = export_files(Format::Csv, false);
    let records = csv::parse(&text_of(&files, "figures.csv"));
    assert_eq!(records[0], csv::FIGURE_HEADER);
    let col = |name: &str| {
        csv::FIGURE_HEADER
            .iter()
            .position(|h| *h == name)
            .expect("a header")
    };
    // (table title, side, line, column path) → value as written.
    let mut read: BTreeMap<(String, String, String, String), String> = BTreeMap::new();
    for r in &records[1..] {
        let key = (
            r[col("table")].clone(),
            r[col("side")].clone(),
            r[col("line")].clone(),
            r[col("column")].clone(),
        );
        assert!(read.insert(key, r[col("value")].clone()).is_none(), "{r:?}");
    }
    let mut expected = 0;
    for table in &doc.tables {
        for side in &table.sides {
            for row in &side.rows {
                for (c, column) in side.columns.iter().enumerate() {
                    let Some(value) = row.amount(c) else { continue };
                    expected += 1;
                    let key = (
                        table.title.clone(),
                        side.label.clone().unwrap_or_default(),
                        row.line.to_string(),
                        column.path(),
                    );
                    let written = read.get(&key).unwrap_or_else(|| panic!("{key:?}"));
                    // Exactly: the same decimal and the same printed scale.
                    assert_eq!(written, &value.to_string(), "{key:?}");
                    assert_eq!(Decimal::from_str(written).ok(), Some(value));
                }
            }
        }
    }
    assert_eq!(read.len(), expected, "no figure the model lacks");
    // 2010301 行政运行 in the 支出总表's 合计 column.
    let row = records
        .iter()
        .find(|r| r[col("code")] == "2010301" && r[col("table_kind")] == "支出总表")
        .expect("2010301 in 支出总表");
    assert_eq!(
        (
            row[col("name")].as_str(),
            row[col("value")].as_str(),
            row[col("unit")].as_str()
        ),
        ("行政运行", "2349.56", "万元")
    );
}

#[test]
fn each_table_csv_reads_back_as_the_model_cell_for_cell() {
    let doc = common::seed();
    let files = export_files(Format::Csv, false);
    let grid = Tables::build(&doc);
    let mut figures = 0;
    for (i, table) in grid.tables.iter().enumerate() {
        let Origin::Table(t) = table.origin else {
            continue;
        };
        let prefix = format!("xingtai-gov-office-2025/{:02}-", i + 1);
        let file = files
            .iter()
            .find(|f| f.path.to_string_lossy().starts_with(&prefix))
            .unwrap_or_else(|| panic!("{prefix} in {:?}", names(&files)));
        let records = csv::parse(&String::from_utf8(file.bytes.clone()).expect("UTF-8"));
        assert_eq!(records.len(), table.rows.len() + 1, "{}", table.title);
        for (r, row) in table.rows.iter().enumerate() {
            for (c, column) in table.columns.iter().enumerate() {
                let Some(amount) = column.amount else {
                    continue;
                };
                let model = match row.places.get(column.side) {
                    Some(Some(Place::TableRow { side, row, .. })) => {
                        doc.tables[t].sides[*side].rows[*row].amount(amount)
                    }
                    _ => None,
                };
                let written = &records[r + 1][c];
                assert_eq!(
                    written,
                    &model.map(|v| v.to_string()).unwrap_or_default(),
                    "{} row {r} column {c}",
                    table.title
                );
                figures += usize::from(model.is_some());
            }
        }
    }
    let in_model: usize = doc
        .tables
        .iter()
        .flat_map(|t| &t.sides)
        .flat_map(|s| &s.rows)
        .map(|r| r.amounts.iter().flatten().count())
        .sum();
    assert_eq!(figures, in_model);
}

#[test]
fn indicators_and_findings_are_exported() {
    let files = export_files(Format::Csv, false);
    let indicators = csv::parse(&text_of(&files, "indicators.csv"));
    let doc = common::seed();
    let count: usize = doc.projects.iter().map(|p| p.indicators.len()).sum();
    assert_eq!(indicators.len(), count + 1);
    assert!(
        indicators
            .iter()
            .any(|r| r.contains(&"≤622600 万元".to_string())
                || r.contains(&"≤622600万元".to_string())),
        "the 市长热线 card's cost target"
    );
    let findings = text_of(&files, "findings.csv");
    assert!(findings.starts_with("file,department,year,number"));
    assert!(
        findings.contains("project.cost-within-budget"),
        "{findings}"
    );
}

#[test]
fn excel_adds_a_bom_to_csv_only() {
    let plain = export_files(Format::Csv, false);
    let excel = export_files(Format::Csv, true);
    assert!(plain.iter().all(|f| !f.bytes.starts_with(b"\xEF\xBB\xBF")));
    assert!(excel.iter().all(|f| f.bytes.starts_with(b"\xEF\xBB\xBF")));
    let json = export::files(
        &seed_docs(),
        Options {
            format: Format::Json,
            excel: true,
            lang: Lang::Zh,
        },
    )
    .expect("json");
    assert!(json.iter().all(|f| f.bytes.starts_with(b"{")));
}

#[test]
fn json_is_the_model_with_a_format_version() {
    let files = export_files(Format::Json, false);
    let value: Value = serde_json::from_str(&text_of(&files, "budget.json")).expect("JSON");
    assert_eq!(value["format_version"], 1);
    assert_eq!(value["documents"][0]["file"], SEED);
    let doc: Disclosure =
        serde_json::from_value(value["documents"][0]["disclosure"].clone()).expect("a model");
    assert_eq!(doc, common::seed());
}

/// The Fiscal Data Package's required fields (FDP 0.3 / 1.0-rc: package
/// `name`, `title`, `resources`, `model`; a resource's `path` and schema
/// `fields`; a measure's `source` and `currency`; a dimension's `attributes`
/// and `primaryKey`; an attribute's `source`), checked on the file read
/// back, with every source a field of its resource and every parent an
/// attribute.
fn check_required_fields(package: &Value) {
    for key in ["name", "title", "resources", "model"] {
        assert!(!package[key].is_null(), "package {key}");
    }
    let name = package["name"].as_str().expect("name");
    assert!(name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c)));
    let resources = package["resources"].as_array().expect("resources");
    assert!(!resources.is_empty());
    let fields_of = |resource: &str| -> Vec<String> {
        resources
            .iter()
            .find(|r| r["name"] == resource)
            .and_then(|r| r["schema"]["fields"].as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|f| f["name"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_else(|| panic!("resource {resource}"))
    };
    for r in resources {
        assert!(r["path"].is_string() && r["name"].is_string(), "{r}");
        assert!(!fields_of(r["name"].as_str().expect("name")).is_empty());
    }
    let measures = package["model"]["measures"].as_object().expect("measures");
    assert!(!measures.is_empty());
    for (key, m) in measures {
        assert!(m["currency"] == "CNY", "{key}");
        assert!(m["phase"] == "approved", "{key}");
        assert!(m["direction"] == "expenditure" || m["direction"] == "revenue");
        let resource = m["resource"].as_str().expect("resource");
        assert!(fields_of(resource).contains(&m["source"].as_str().expect("source").to_string()));
    }
    let dimensions = package["model"]["dimensions"]
        .as_object()
        .expect("dimensions");
    for (key, d) in dimensions {
        let attributes = d["attributes"].as_object().expect("attributes");
        assert!(!attributes.is_empty(), "{key}");
        assert!(
            d["primaryKey"].is_array() || d["primaryKey"].is_string(),
            "{key}"
        );
        for (a, attribute) in attributes {
            let resource = attribute["resource"].as_str().expect("resource");
            let source = attribute["source"].as_str().expect("source");
            assert!(fields_of(resource).contains(&source.to_string()), "{a}");
            if let Some(parent) = attribute["parent"].as_str() {
                assert!(attributes.contains_key(parent), "{a} → {parent}");
            }
        }
    }
}

/// Σ of a measure over the package's records whose code attribute at the
/// code's level is `code` (all records for `None`).
fn fdp_sum(
    records: &[Vec<String>],
    field: usize,
    code_field: Option<usize>,
    code: &str,
) -> Decimal {
    records[1..]
        .iter()
        .filter(|r| code_field.is_none_or(|c| r[c] == code))
        .filter_map(|r| Decimal::from_str(&r[field]).ok())
        .sum()
}

#[test]
fn fdp_has_the_required_fields_and_its_measures_add_up_to_the_tables() {
    let files = export_files(Format::Fdp, false);
    let package: Value = serde_json::from_str(&text_of(&files, "datapackage.json")).expect("JSON");
    check_required_fields(&package);
    assert_eq!(package["fiscalPeriod"]["start"], "2025-01-01");
    let doc = common::seed();
    for (resource, kind, code_fields) in [
        (
            "expenditure-functional",
            TableKind::Expenditure,
            ["class_code", "item_code", "subitem_code"].as_slice(),
        ),
        (
            "expenditure-economic",
            TableKind::GeneralPublicBasic,
            ["class_code", "item_code"].as_slice(),
        ),
        (
            "revenue-functional",
            TableKind::Income,
            ["class_code", "item_code", "subitem_code"].as_slice(),
        ),
    ] {
        let records = csv::parse(&text_of(&files, &format!("{resource}.csv")));
        let header = &records[0];
        let side = doc.table(kind).and_then(|t| t.main_side()).expect("table");
        let prefix = resource.replace('-', "_");
        for (c, column) in side.columns.iter().enumerate() {
            let field = format!("amount_{}", c + 1);
            let measure = &package["model"]["measures"][format!("{prefix}_{field}")];
            assert_eq!(measure["title"], column.path().as_str());
            assert_eq!(measure["factor"], 10000, "万元");
            let at = header.iter().position(|h| *h == field).expect("field");
            // Every printed code: Σ of the leaves below it = its row.
            for row in &side.rows {
                let Some(code) = &row.code else { continue };
                let level = match code.as_str().len() {
                    3 => 0,
                    5 => 1,
                    7 => 2,
                    _ => continue,
                };
                let code_at = header.iter().position(|h| *h == code_fields[level]);
                let sum = fdp_sum(&records, at, code_at, code.as_str());
                assert_eq!(
                    sum,
                    row.amount(c).unwrap_or_default(),
                    "{resource} {code} {}",
                    column.path()
                );
            }
            let total = side.total_in(column.label()).unwrap_or_default();
            assert_eq!(fdp_sum(&records, at, None, ""), total, "{resource} 合计");
        }
    }
    // The headline: 项目支出 915.00 万元 in the functional expenditure.
    let records = csv::parse(&text_of(&files, "expenditure-functional.csv"));
    let project = records[0]
        .iter()
        .position(|h| h == "amount_3")
        .expect("项目支出");
    assert_eq!(
        fdp_sum(&records, project, None, ""),
        Decimal::from_str("915.00").expect("decimal")
    );
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_cli_writes_the_package_and_names_each_file() {
    let dir = temp_dir("fdp");
    let out = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(["--no-cache", "export", "--format", "fdp", "-o"])
        .arg(&dir)
        .arg(SEED)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.lines().count(), 4, "{listed}");
    let package: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("datapackage.json")).expect("written"),
    )
    .expect("JSON");
    check_required_fields(&package);
    for r in package["resources"].as_array().expect("resources") {
        let path = dir.join(r["path"].as_str().expect("path"));
        assert!(path.is_file(), "{}", path.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(["export", "--format", "xlsx"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("csv, json or fdp"));
}
