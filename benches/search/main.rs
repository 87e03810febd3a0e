//! One keystroke's search over 100,000+ items: the seed's rows, cards,
//! indicators, headings and terms replicated across synthetic departments
//! with varied names, codes and figures. Also measures building the index.
//!
//! `cargo bench --bench search`

mod seed;

use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;

use budget_tui::model::{
    BudgetTable, Code, Column, Department, Disclosure, GlossaryTerm, Indicator, IndicatorValue,
    NarrativeSection, ProjectCard, Scope, Side, TableKind, TableRow, Unit,
};
use budget_tui::search::SearchIndex;

const ITEMS_WANTED: usize = 100_000;

const CITIES: &[&str] = &[
    "邢台市",
    "石家庄市",
    "保定市",
    "邯郸市",
    "唐山市",
    "沧州市",
    "衡水市",
    "廊坊市",
    "承德市",
    "张家口市",
    "秦皇岛市",
];

const BUREAUS: &[&str] = &[
    "人民政府办公室",
    "财政局",
    "教育局",
    "公安局",
    "民政局",
    "司法局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电和旅游局",
    "卫生健康委员会",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "信访局",
    "行政审批局",
    "数据和政务服务局",
];

/// 类 a department's functional codes are moved under, so codes vary.
const FUNCTION_CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("221", "住房保障支出"),
    ("224", "灾害防治及应急管理支出"),
];

/// A two-sided summary row: (收入 name, amount, 支出 name, amount).
type SummaryRow = (&'static str, &'static str, &'static str, &'static str);
type SummaryRows = &'static [SummaryRow];

fn amount(text: &str, factor: Decimal) -> Option<Decimal> {
    Decimal::from_str(text)
        .ok()
        .map(|d| (d * factor).round_dp(2))
}

fn columns(labels: &[&str]) -> Vec<Column> {
    labels
        .iter()
        .map(|l| Column {
            header: vec![l.to_string()],
            number: None,
        })
        .collect()
}

fn table(kind: TableKind, sides: Vec<Side>) -> BudgetTable {
    BudgetTable {
        kind,
        title: format!("部门预算{}", kind.short_name()),
        unit: Unit::WanYuan,
        owner: None,
        year: Some(2025),
        sides,
        notes: vec![],
        line: 0,
        page: None,
    }
}

fn row(code: Option<Code>, name: &str, amounts: Vec<Option<Decimal>>) -> TableRow {
    TableRow {
        seq: None,
        code,
        name: name.to_string(),
        amounts,
        line: 0,
        page: None,
    }
}

/// The seed's functional rows moved under department `n`'s 类 and 款.
fn functional(
    rows: &[(&str, &str, &[&str])],
    n: usize,
    factor: Decimal,
    width: usize,
) -> Vec<TableRow> {
    let (class, class_name) = FUNCTION_CLASSES[n % FUNCTION_CLASSES.len()];
    let kuan = format!("{:02}", n / FUNCTION_CLASSES.len() % 99 + 1);
    rows.iter()
        .map(|(code, name, amounts)| {
            let (code, name) = match code.strip_prefix("201") {
                Some("") => (class.to_string(), class_name),
                Some(rest) => (
                    format!("{class}{kuan}{}", &rest[2.min(rest.len())..]),
                    *name,
                ),
                None => (code.to_string(), *name),
            };
            let mut figures: Vec<Option<Decimal>> =
                amounts.iter().map(|a| amount(a, factor)).collect();
            figures.resize(width, None);
            row(Code::parse(&code), name, figures)
        })
        .collect()
}

fn department(n: usize) -> Disclosure {
    let city = CITIES[n % CITIES.len()];
    let bureau = BUREAUS[n / CITIES.len() % BUREAUS.len()];
    let name = format!("{city}{bureau}");
    // Figures differ between departments, as they would.
    let factor = Decimal::new(50 + (n as i64 * 37) % 200, 2);
    let coded = |kind, rows, labels: &[&str]| {
        table(
            kind,
            vec![Side {
                label: None,
                columns: columns(labels),
                rows: functional(rows, n, factor, labels.len()),
            }],
        )
    };
    let two_sided = |kind, rows: SummaryRows| {
        let side = |label: &str, pick: fn(&SummaryRow) -> (&'static str, &'static str)| Side {
            label: Some(label.to_string()),
            columns: columns(&["预算数"]),
            rows: rows
                .iter()
                .map(pick)
                .filter(|(name, _)| !name.is_empty())
                .map(|(name, figure)| row(None, name, vec![amount(figure, factor)]))
                .collect(),
        };
        table(
            kind,
            vec![side("收入", |r| (r.0, r.1)), side("支出", |r| (r.2, r.3))],
        )
    };
    let expenditure_columns = ["合计", "基本支出", "项目支出", "经营支出", "上解上级支出"];
    let tables = vec![
        two_sided(TableKind::IncomeExpenditureSummary, seed::SUMMARY),
        coded(
            TableKind::Income,
            seed::INCOME,
            &["合计", "小计", "财政拨款收入", "财政专户收入", "事业收入"],
        ),
        coded(
            TableKind::Expenditure,
            seed::EXPENDITURE,
            &expenditure_columns,
        ),
        two_sided(TableKind::FiscalGrantSummary, seed::FISCAL_SUMMARY),
        coded(
            TableKind::GeneralPublicExpenditure,
            seed::GENERAL_PUBLIC,
            &expenditure_columns[..3],
        ),
        coded(
            TableKind::GeneralPublicBasic,
            seed::BASIC,
            &["合计", "人员经费", "公用经费"],
        ),
        coded(
            TableKind::GovernmentFundExpenditure,
            seed::FUND,
            &expenditure_columns[..3],
        ),
        table(
            TableKind::ThreePublicCosts,
            vec![Side {
                label: None,
                columns: columns(&["合计"]),
                rows: seed::THREE_PUBLIC
                    .iter()
                    .map(|(name, figure)| row(None, name, vec![amount(figure, factor)]))
                    .collect(),
            }],
        ),
    ];
    let projects = seed::PROJECTS
        .iter()
        .enumerate()
        .map(|(j, (_, project, budget, indicators))| {
            // Half the cards carry the bureau's name, as real cards often do.
            let project = if j % 2 == 0 {
                format!("{bureau}{project}")
            } else {
                project.to_string()
            };
            ProjectCard {
                seq: Some(j as u32 + 1),
                title: format!("{project}绩效目标表"),
                code: format!("13{n:06}P{j:011}{}", char::from(b'A' + (j % 26) as u8)),
                name: project,
                unit: Unit::WanYuan,
                budget: amount(budget, factor),
                fiscal_funds: amount(budget, factor),
                other_funds: None,
                carried_over: None,
                nature: None,
                period: None,
                purpose: String::new(),
                spending_plan: vec![],
                goal: String::new(),
                indicators: indicators
                    .iter()
                    .map(|(level3, value)| Indicator {
                        level1: "产出指标".into(),
                        level2: "数量指标".into(),
                        level3: level3.to_string(),
                        description: String::new(),
                        value: IndicatorValue::parse(value),
                        basis: String::new(),
                        line: 0,
                    })
                    .collect(),
                extra: vec![],
                line: 0,
                page: None,
            }
        })
        .collect();
    Disclosure {
        department: Department {
            code: Some(format!("{n}")),
            name: name.clone(),
            budget_year: 2025,
            published: None,
            unit: Unit::WanYuan,
            scope: Scope::Department,
            units: vec![],
        },
        tables,
        narrative: seed::HEADINGS
            .iter()
            .map(|heading| {
                let heading = heading.replace("邢台市人民政府办公室", &name);
                NarrativeSection {
                    heading: heading.clone(),
                    path: vec![heading],
                    blocks: vec![],
                    line: 0,
                    page: None,
                }
            })
            .collect(),
        projects,
        procurement: None,
        assets: None,
        glossary: seed::GLOSSARY
            .iter()
            .map(|term| GlossaryTerm {
                term: term.to_string(),
                definition: String::new(),
                line: 0,
            })
            .collect(),
        import_notes: vec![],
    }
}

/// Enough departments for `ITEMS_WANTED` searchable items.
fn departments() -> Vec<Disclosure> {
    let per_department = SearchIndex::build(&[department(0)]).len();
    (0..ITEMS_WANTED.div_ceil(per_department))
        .map(department)
        .collect()
}

const QUERIES: &[&str] = &[
    "gwyc",
    "3023",
    "行政",
    "xingzheng",
    "2010301",
    "市长热线",
    // Fuzzy only: 公务用车运行维护费 with characters left out.
    "公车运维",
    // Nothing matches: every tier runs over every item.
    "zzqqxj",
];

fn bench(c: &mut Criterion) {
    let docs = departments();
    let index = SearchIndex::build(&docs);
    eprintln!(
        "{} departments, {} searchable items",
        docs.len(),
        index.len()
    );
    let mut hits = Vec::with_capacity(50);
    for query in QUERIES {
        index.query_into(query, 50, &mut hits);
        eprintln!("{query}: {} hits", hits.len());
    }

    let mut group = c.benchmark_group("query");
    for query in QUERIES {
        group.bench_function(*query, |b| {
            b.iter(|| {
                index.query_into(black_box(query), 50, &mut hits);
                black_box(hits.len())
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("index", |b| {
        b.iter(|| SearchIndex::build(black_box(&docs)).len())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // The machine is shared: short runs, still enough samples to be stable.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
