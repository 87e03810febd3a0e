//! Search and lookup on the seed disclosure, read by the importer.

use std::path::Path;

use budget_tui::search::lookup::{lookup, LookupRow};
use budget_tui::search::{HitKind, SearchIndex};
use rust_decimal::Decimal;

fn seed_index() -> SearchIndex {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw/xingtai-gov-office-2025.txt");
    let disclosure = budget_tui::import::load_path(&path).expect("the seed imports");
    SearchIndex::build(&[disclosure])
}

fn value(row: &LookupRow) -> Option<String> {
    row.value.map(|v: Decimal| v.to_string())
}

#[test]
fn an_exact_code_shows_its_row_from_every_table_that_carries_it() {
    let rows = lookup(&seed_index(), "2010301", 20);
    let tables: Vec<&str> = rows.iter().map(|r| r.table.as_str()).collect();
    assert_eq!(
        tables,
        ["收入总表", "支出总表", "一般公共预算财政拨款支出表"]
    );
    for row in &rows {
        assert_eq!(row.code.as_deref(), Some("2010301"));
        assert_eq!(row.name, "行政运行");
        assert_eq!(value(row).as_deref(), Some("2349.56"), "{row:?}");
        assert_eq!(row.department, "邢台市人民政府办公室");
        assert_eq!(row.year, 2025);
    }
}

#[test]
fn pinyin_initials_find_the_vehicle_running_costs() {
    let rows = lookup(&seed_index(), "gwyc", 20);
    let first = &rows[0];
    assert_eq!(first.code.as_deref(), Some("30231"));
    assert_eq!(first.name, "公务用车运行维护费");
    assert_eq!(value(first).as_deref(), Some("24.00"));
}

#[test]
fn initials_and_full_pinyin_find_administrative_operation() {
    let index = seed_index();
    for query in ["xzyx", "xingzhengyunxing"] {
        let hits = index.query(query, 10);
        assert_eq!(index.item(&hits[0]).name, "行政运行", "{query}");
    }
}

#[test]
fn the_hotline_query_finds_both_hotline_cards() {
    let index = seed_index();
    let hits = index.query("市长热线", 20);
    let cards: Vec<&str> = hits
        .iter()
        .map(|h| index.item(h))
        .filter(|i| i.kind == HitKind::Project)
        .map(|i| i.code.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(cards.contains(&"13050025P00945010077D"));
    assert!(cards.contains(&"13050025P00945010083T"));
    let rows = lookup(&index, "市长热线", 20);
    let names: Vec<&str> = rows
        .iter()
        .filter(|r| r.table == "项目")
        .map(|r| r.name.as_str())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("基本工作经费 B（市长热线")),
        "{names:?}"
    );
    assert!(names.contains(&"市长热线经费"), "{names:?}");
}

#[test]
fn nonsense_finds_nothing() {
    assert!(lookup(&seed_index(), "zzqqxj", 20).is_empty());
}

/// What the app's `/` overlay shows first for each headline query: the fact
/// with its figure, not a heading or a glossary term.
#[test]
fn headline_queries_put_the_figure_first_in_the_app_index() {
    use budget_tui::search::Figure;
    let index = seed_index();
    for (query, name, value) in [
        ("项目支出", "项目支出", "915.00"),
        ("xmzc", "项目支出", "915.00"),
        ("人员经费", "人员经费", "2049.75"),
        ("ryjf", "人员经费", "2049.75"),
        ("基本支出", "基本支出", "2349.56"),
        ("公用经费", "公用经费", "299.81"),
        ("收入总计", "收入总计", "3264.56"),
        ("三公", "三公经费", "24.00"),
        ("机关运行经费", "机关运行经费", "299.81"),
        ("2349.56", "行政运行", "2349.56"),
    ] {
        let hits = index.query(query, 60);
        let item = index.item(&hits[0]);
        assert_eq!(item.name, name, "{query}");
        match &item.figure {
            Some(Figure::Amount { value: v, .. }) => assert_eq!(v.to_string(), value, "{query}"),
            other => panic!("{query}: {other:?}"),
        }
    }
}

/// The exact-code scan `budget lookup` takes for a code gives exactly what
/// the index gives, on the seed and on a generated corpus.
#[test]
fn the_exact_code_path_equals_the_index() {
    use budget_tui::search::lookup::{lookup_exact_code, lookup_in, Options};
    let seed = budget_tui::bundled::disclosure().expect("bundled");
    let mut docs = vec![seed];
    for g in budget_tui::corpus::generate(6, 4) {
        docs.push(budget_tui::import::import_text(&g.text, &g.file_name).expect("imports"));
    }
    let index = SearchIndex::build(&docs);
    for code in [
        "2010301",
        "201",
        "30231",
        "13050025P00945010077D",
        "13050025p00945010077d",
        "2120899",
    ] {
        for (limit, all_columns) in [(20, false), (0, false), (2, true)] {
            let options = Options { limit, all_columns };
            let fast = lookup_exact_code(&docs, code, options).expect("an exact code");
            let slow = lookup_in(&index, &docs, code, options);
            assert_eq!(fast, slow, "{code} {limit} {all_columns}");
            assert!(!fast.rows.is_empty());
        }
    }
    assert!(lookup_exact_code(
        &docs,
        "行政运行",
        Options {
            limit: 20,
            all_columns: false
        }
    )
    .is_none());
    assert!(lookup_exact_code(
        &docs,
        "20103011",
        Options {
            limit: 20,
            all_columns: false
        }
    )
    .is_none());
}
