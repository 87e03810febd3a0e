//! Search over a small hand-built disclosure shaped like the seed.

use std::str::FromStr;

use unicode_width::UnicodeWidthStr;

use super::lookup::{format_table, lookup, to_json};
use super::*;
use crate::model::{
    BudgetTable, Code, Column, Department, GlossaryTerm, Indicator, NarrativeSection, ProjectCard,
    Scope, Side, TableRow,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn row(code: &str, name: &str, amounts: &[&str]) -> TableRow {
    TableRow {
        seq: None,
        code: Code::parse(code),
        name: name.to_string(),
        amounts: amounts
            .iter()
            .map(|a| (!a.is_empty()).then(|| d(a)))
            .collect(),
        line: 0,
        page: None,
    }
}

fn table(kind: TableKind, columns: &[&[&str]], rows: Vec<TableRow>) -> BudgetTable {
    BudgetTable {
        kind,
        title: format!("部门预算{}", kind.short_name()),
        unit: Unit::WanYuan,
        owner: None,
        year: Some(2025),
        sides: vec![Side {
            label: None,
            columns: columns
                .iter()
                .map(|h| Column {
                    header: h.iter().map(|s| s.to_string()).collect(),
                    number: None,
                })
                .collect(),
            rows,
        }],
        notes: vec![],
        line: 0,
        page: None,
    }
}

fn indicator(level2: &str, level3: &str, value: &str) -> Indicator {
    Indicator {
        level1: "产出指标".into(),
        level2: level2.into(),
        level3: level3.into(),
        description: String::new(),
        value: IndicatorValue::parse(value),
        basis: String::new(),
        line: 0,
    }
}

fn card(code: &str, name: &str, budget: &str, indicators: Vec<Indicator>) -> ProjectCard {
    ProjectCard {
        seq: None,
        title: format!("{name}绩效目标表"),
        code: code.into(),
        name: name.into(),
        unit: Unit::WanYuan,
        budget: Some(d(budget)),
        fiscal_funds: Some(d(budget)),
        other_funds: None,
        carried_over: None,
        nature: None,
        period: None,
        purpose: String::new(),
        spending_plan: vec![],
        goal: String::new(),
        indicators,
        extra: vec![],
        line: 0,
        page: None,
    }
}

fn section(path: &[&str]) -> NarrativeSection {
    NarrativeSection {
        heading: path.last().unwrap().to_string(),
        path: path.iter().map(|s| s.to_string()).collect(),
        blocks: vec![],
        line: 0,
        page: None,
    }
}

fn fixture() -> Disclosure {
    let functional = |total: &str, basic: &str, project: &str| {
        vec![
            row("", "合计", &[total, basic, project]),
            row("201", "一般公共服务支出", &["3244.56", "2349.56", "895.00"]),
            row(
                "20103",
                "政府办公厅（室）及相关机构事务",
                &["3244.56", "2349.56", "895.00"],
            ),
            row("2010301", "行政运行", &["2349.56", "2349.56", ""]),
            row("2010302", "一般行政管理事务", &["895.00", "", "895.00"]),
        ]
    };
    Disclosure {
        department: Department {
            code: Some("211".into()),
            name: "邢台市人民政府办公室".into(),
            budget_year: 2025,
            published: None,
            unit: Unit::WanYuan,
            scope: Scope::Department,
            units: vec![],
        },
        tables: vec![
            table(
                TableKind::Income,
                &[&["合计"], &["本年收入", "小计"], &["上年结转"]],
                functional("3244.56", "3244.56", ""),
            ),
            table(
                TableKind::Expenditure,
                &[&["合计"], &["基本支出"], &["项目支出"]],
                functional("3244.56", "2349.56", "895.00"),
            ),
            table(
                TableKind::GeneralPublicExpenditure,
                &[&["合计"], &["基本支出"], &["项目支出"]],
                functional("3244.56", "2349.56", "895.00"),
            ),
            table(
                TableKind::GeneralPublicBasic,
                &[
                    &["一般公共预算基本支出", "合计"],
                    &["一般公共预算基本支出", "人员经费"],
                    &["一般公共预算基本支出", "公用经费"],
                ],
                vec![
                    row("302", "商品和服务支出", &["299.81", "", "299.81"]),
                    row("30201", "办公费", &["90.40", "", "90.40"]),
                    row("30231", "公务用车运行维护费", &["24.00", "", "24.00"]),
                    row("30239", "其他交通费用", &["80.20", "", "80.20"]),
                ],
            ),
            table(
                TableKind::ThreePublicCosts,
                &[&["合计"], &["一般公共预算财政拨款"]],
                vec![
                    row("", "公务用车运行维护费", &["24.00", "24.00"]),
                    row("", "三、公务接待费", &["", ""]),
                ],
            ),
        ],
        narrative: vec![
            section(&["二、部门预算安排的总体情况"]),
            section(&["二、部门预算安排的总体情况", "1、收入说明"]),
            section(&["三、机关运行经费安排情况"]),
        ],
        projects: vec![
            card(
                "13050025P00945010077D",
                "基本工作经费 B（市长热线)",
                "600.00",
                vec![
                    indicator("成本指标", "市长热线工作运转成本", "≤622600 万元"),
                    indicator("数量指标", "外包服务保障月数", "12 月"),
                    indicator("经济效益指标", "不涉及", "不涉及"),
                ],
            ),
            card(
                "13050025P00945010083T",
                "市长热线经费",
                "10.00",
                vec![indicator("数量指标", "设备维修维护台数", "≤150150台")],
            ),
        ],
        procurement: None,
        assets: None,
        glossary: vec![GlossaryTerm {
            term: "机关运行经费".into(),
            definition: "是指各部门(单位)的公用经费".into(),
            line: 0,
        }],
        import_notes: vec![],
    }
}

fn index() -> SearchIndex {
    SearchIndex::build(&[fixture()])
}

/// `(table or context, label)` of each hit, for readable assertions.
fn labels(index: &SearchIndex, hits: &[Hit]) -> Vec<(String, String)> {
    hits.iter()
        .map(|h| {
            let item = index.item(h);
            (item.context.clone(), item.label())
        })
        .collect()
}

fn amount(item: &Item) -> Option<Decimal> {
    match &item.figure {
        Some(Figure::Amount { value, .. }) => Some(*value),
        _ => None,
    }
}

#[test]
fn every_row_card_indicator_heading_and_term_is_indexed() {
    let index = index();
    // Facts (a column of a total row) are counted apart from printed rows.
    let count = |kind| {
        index
            .items()
            .iter()
            .filter(|i| i.kind == kind && i.row.is_none())
            .count()
    };
    assert_eq!(count(HitKind::Row), 3 * 5 + 4 + 2);
    let facts: Vec<(&str, &str, Option<Decimal>)> = index
        .items()
        .iter()
        .filter_map(|i| Some((i.row.as_deref()?, i.name.as_str(), amount(i))))
        .collect();
    assert!(!facts.is_empty());
    for (row, column, value) in &facts {
        assert!(matches!(*row, "合计" | "总计"), "{row} › {column}");
        assert!(value.is_some(), "{row} › {column}: a fact has its figure");
    }
    assert_eq!(count(HitKind::Project), 2);
    assert_eq!(
        count(HitKind::Indicator),
        3,
        "不涉及 placeholders are left out"
    );
    assert_eq!(count(HitKind::Heading), 3);
    assert_eq!(count(HitKind::Glossary), 1);
}

#[test]
fn exact_code_finds_its_row_in_every_table_in_document_order() {
    let index = index();
    let hits = index.query("2010301", 10);
    let exact: Vec<&Item> = hits
        .iter()
        .filter(|h| h.match_kind() == MatchKind::ExactCode)
        .map(|h| index.item(h))
        .collect();
    let tables: Vec<&str> = exact.iter().map(|i| i.context.as_str()).collect();
    assert_eq!(
        tables,
        ["收入总表", "支出总表", "一般公共预算财政拨款支出表"]
    );
    for item in &exact {
        assert_eq!(amount(item), Some(d("2349.56")));
        assert!(matches!(&item.figure, Some(Figure::Amount { column, .. }) if column == "合计"));
    }
    assert_eq!(
        exact[1].place,
        Place::TableRow {
            table: 1,
            side: 0,
            row: 3
        }
    );
    assert_eq!(hits[0].match_kind(), MatchKind::ExactCode);
}

#[test]
fn code_prefix_ranks_the_shortest_code_first() {
    let index = index();
    let hits = index.query("3023", 10);
    assert_eq!(index.item(&hits[0]).label(), "30231 公务用车运行维护费");
    assert_eq!(hits[0].match_kind(), MatchKind::CodePrefix);
    assert_eq!(index.item(&hits[1]).label(), "30239 其他交通费用");
    // 302 itself is shorter than the query: not a prefix match.
    assert!(hits
        .iter()
        .all(|h| index.item(h).code.as_deref() != Some("302")));
}

#[test]
fn substring_matches_rank_by_position() {
    let index = index();
    let found = labels(&index, &index.query("行政", 10));
    let names: Vec<&str> = found.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        names,
        [
            "2010301 行政运行",
            "2010301 行政运行",
            "2010301 行政运行",
            "2010302 一般行政管理事务",
            "2010302 一般行政管理事务",
            "2010302 一般行政管理事务",
        ]
    );
}

#[test]
fn pinyin_initials_and_full_pinyin_find_chinese_names() {
    let index = index();
    for query in ["xzyx", "xingzhengyunxing", "XZYX", "xing zheng yun xing"] {
        let hits = index.query(query, 10);
        assert!(!hits.is_empty(), "{query}");
        assert_eq!(index.item(&hits[0]).name, "行政运行", "{query}");
        assert_eq!(hits[0].match_kind(), MatchKind::Pinyin, "{query}");
    }
    let hits = index.query("gwyc", 10);
    assert_eq!(index.item(&hits[0]).label(), "30231 公务用车运行维护费");
    assert_eq!(amount(index.item(&hits[0])), Some(d("24.00")));
    // The 三公 table's uncoded row of the same name is found too.
    assert!(hits
        .iter()
        .any(|h| index.item(h).context == "财政拨款“三公”经费支出表"));
}

#[test]
fn syllable_aligned_pinyin_beats_mid_syllable() {
    let index = index();
    // `zheng` starts a syllable in 行政 but sits inside nothing else; `heng`
    // only ever matches mid-syllable (x-ing-z-heng).
    let aligned = index.query("zheng", 10)[0];
    let unaligned = index.query("heng", 10)[0];
    assert!(aligned.score > unaligned.score);
    assert_eq!(unaligned.match_kind(), MatchKind::Pinyin);
}

#[test]
fn full_width_digits_and_case_are_normalised() {
    let index = index();
    let hits = index.query("２０１０３０１", 10);
    assert_eq!(hits[0].match_kind(), MatchKind::ExactCode);
    let hits = index.query("13050025p00945010083t", 10);
    assert_eq!(index.item(&hits[0]).name, "市长热线经费");
    assert_eq!(hits[0].match_kind(), MatchKind::ExactCode);
}

#[test]
fn empty_and_whitespace_queries_find_nothing() {
    let index = index();
    for query in ["", "   ", "\u{3000}\t"] {
        assert!(index.query(query, 10).is_empty(), "{query:?}");
    }
    assert!(index.query("行政", 0).is_empty());
}

#[test]
fn hotline_query_groups_projects_before_indicators() {
    let index = index();
    let hits = index.query("市长热线", 10);
    let found: Vec<(HitKind, &str)> = hits
        .iter()
        .map(|h| (index.item(h).kind, index.item(h).name.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (HitKind::Project, "市长热线经费"),
            (HitKind::Project, "基本工作经费 B（市长热线)"),
            (HitKind::Indicator, "市长热线工作运转成本"),
        ]
    );
    let cost = index.item(&hits[2]);
    assert_eq!(
        cost.place,
        Place::Indicator {
            card: 0,
            indicator: 0
        }
    );
    assert_eq!(
        cost.figure,
        Some(Figure::Target {
            raw: "≤622600 万元".into(),
            number: Some(d("622600"))
        })
    );
}

#[test]
fn best_kind_comes_first() {
    let index = index();
    // 机关运行经费 is a glossary term (exact) and part of a heading: the
    // glossary group leads because it holds the best hit.
    let hits = index.query("机关运行经费", 10);
    let kinds: Vec<HitKind> = hits.iter().map(|h| index.item(h).kind).collect();
    assert_eq!(kinds, [HitKind::Glossary, HitKind::Heading]);
    assert_eq!(index.item(&hits[0]).place, Place::Glossary { term: 0 });
}

#[test]
fn fuzzy_fills_in_below_exact_matches() {
    let index = index();
    let hits = index.query("公车运维", 10);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.match_kind() == MatchKind::Fuzzy));
    assert_eq!(index.item(&hits[0]).name, "公务用车运行维护费");
    // Initials are matched fuzzily too: g(w)y c … w h f.
    let hits = index.query("gycwhf", 10);
    assert_eq!(index.item(&hits[0]).name, "公务用车运行维护费");
}

#[test]
fn fuzzy_stays_out_when_exact_tiers_fill_the_limit() {
    let index = index();
    // 行 alone also fuzzy-matches nothing new, but 行政 with limit 2 is
    // filled by substring hits.
    let hits = index.query("行政", 2);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.match_kind() == MatchKind::Name));
}

#[test]
fn nonsense_finds_nothing() {
    let index = index();
    assert!(index.query("zzqqxj", 10).is_empty());
    assert!(index.query("量子引力", 10).is_empty());
}

#[test]
fn query_into_reuses_and_clears_the_buffer() {
    let index = index();
    let mut out = Vec::new();
    index.query_into("行政", 10, &mut out);
    assert_eq!(out.len(), 6);
    index.query_into("gwyc", 10, &mut out);
    assert_eq!(index.item(&out[0]).name, "公务用车运行维护费");
    index.query_into(" ", 10, &mut out);
    assert!(out.is_empty());
}

#[test]
fn several_disclosures_keep_their_own_department() {
    let mut other = fixture();
    other.department.name = "邢台市财政局".into();
    let index = SearchIndex::build(&[fixture(), other]);
    let hits = index.query("2010301", 10);
    assert_eq!(hits.len(), 6);
    let docs: Vec<usize> = hits.iter().map(|h| index.item(h).doc).collect();
    assert_eq!(docs, [0, 0, 0, 1, 1, 1]);
    assert_eq!(index.docs()[1].department, "邢台市财政局");
}

#[test]
fn lookup_of_an_exact_code_prints_that_code_only() {
    let index = index();
    let rows = lookup(&index, "2010301", 20);
    let tables: Vec<&str> = rows.iter().map(|r| r.table.as_str()).collect();
    assert_eq!(
        tables,
        ["收入总表", "支出总表", "一般公共预算财政拨款支出表"]
    );
    for row in &rows {
        assert_eq!(row.value, Some(d("2349.56")));
        assert_eq!(row.column.as_deref(), Some("合计"));
        assert_eq!(row.shown, "2,349.56 万元");
        assert_eq!(row.year, 2025);
    }
}

#[test]
fn lookup_table_aligns_by_display_width() {
    let index = index();
    let text = format_table(&lookup(&index, "市长热线", 20));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("部门"));
    // Figures are right-aligned: each line's figure (the header's 数值)
    // ends at the same display column, before the 出处 column.
    let ends: Vec<usize> = lines
        .iter()
        .zip(["数值", "10.00 万元", "600.00 万元", "≤622600 万元"])
        .map(|(l, cell)| l[..l.find(cell).unwrap() + cell.len()].width())
        .collect();
    assert!(ends.iter().all(|&w| w == ends[0]), "{text}");
    // Every name starts at the display column where the header's 名称 does.
    let rows = lookup(&index, "市长热线", 20);
    let column_of = |line: &str, cell: &str| line[..line.find(cell).unwrap()].width();
    let name_at = column_of(lines[0], "名称");
    for (line, row) in lines[1..].iter().zip(&rows) {
        assert_eq!(column_of(line, &row.name), name_at, "{text}");
    }
    assert!(lines[1].contains("13050025P00945010083T"));
    assert!(lines[3].ends_with("≤622600 万元"));
}

#[test]
fn lookup_json_has_exactly_the_agreed_keys() {
    let index = index();
    let json = to_json(&lookup(&index, "市长热线经费", 1)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let object = rows[0].as_object().unwrap();
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut expected = [
        "department",
        "year",
        "table",
        "code",
        "name",
        "column",
        "value",
    ];
    expected.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, expected);
    assert_eq!(object["table"], "项目");
    assert_eq!(object["code"], "13050025P00945010083T");
    assert_eq!(object["column"], "预算数");
    assert_eq!(object["value"], "10.00");
    assert_eq!(object["year"], 2025);

    let json = to_json(&lookup(&index, "三、公务接待费", 1)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["value"], serde_json::Value::Null);
    assert_eq!(value[0]["code"], serde_json::Value::Null);
}
