//! A hand-built disclosure mirroring the seed (邢台市人民政府办公室 2025), as
//! the importer will produce it: the checks' tests do not depend on the
//! importer.

use std::str::FromStr;

use budget_tui::model::{
    AssetItem, AssetReport, Block, BudgetTable, Code, Column, Department, Disclosure, GlossaryTerm,
    GridTable, Indicator, IndicatorValue, NarrativeSection, PlanPoint, Procurement, ProjectCard,
    Side, TableKind, TableRow, Unit,
};
use rust_decimal::Decimal;

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn amount(s: &str) -> Option<Decimal> {
    (!s.is_empty()).then(|| dec(s))
}

pub fn column(path: &str) -> Column {
    Column {
        header: path.split('/').map(str::to_string).collect(),
        number: None,
    }
}

pub fn row(seq: u32, code: &str, name: &str, amounts: &[&str]) -> TableRow {
    TableRow {
        seq: Some(seq),
        code: Code::parse(code),
        name: name.to_string(),
        amounts: amounts.iter().map(|a| amount(a)).collect(),
        line: 0,
        page: None,
    }
}

pub fn side(label: Option<&str>, columns: &[&str], rows: Vec<TableRow>) -> Side {
    Side {
        label: label.map(str::to_string),
        columns: columns.iter().map(|c| column(c)).collect(),
        rows,
    }
}

pub fn table(kind: TableKind, sides: Vec<Side>, notes: &[&str]) -> BudgetTable {
    BudgetTable {
        kind,
        title: format!("部门预算{}", kind.short_name()),
        unit: Unit::WanYuan,
        owner: Some("211 邢台市人民政府办公室".into()),
        year: Some(2025),
        sides,
        notes: notes.iter().map(|n| n.to_string()).collect(),
        line: 0,
        page: None,
    }
}

/// Rows of a classified table: (code, name, amounts), numbered from 1.
fn classified(rows: &[(&str, &str, &[&str])]) -> Vec<TableRow> {
    rows.iter()
        .enumerate()
        .map(|(i, (code, name, amounts))| row(i as u32 + 1, code, name, amounts))
        .collect()
}

const CLASSES: [&str; 31] = [
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "社会保险基金支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "预备费",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
    "抗疫特别国债安排的支出",
    "人行科目",
];

const NUMERALS: [&str; 31] = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
    "三十一",
];

fn class_lines(width: usize, filled: &[(usize, &[&str])]) -> Vec<TableRow> {
    CLASSES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let amounts: Vec<&str> = filled
                .iter()
                .find(|(at, _)| *at == i)
                .map(|(_, a)| a.to_vec())
                .unwrap_or_else(|| vec![""; width]);
            row(
                i as u32 + 1,
                "",
                &format!("{}、{}", NUMERALS[i], name),
                &amounts,
            )
        })
        .collect()
}

fn t1() -> BudgetTable {
    let income = vec![
        row(1, "", "一、一般公共预算拨款收入", &["3244.56"]),
        row(2, "", "二、政府性基金预算拨款收入", &["20.00"]),
        row(3, "", "三、国有资本经营预算拨款收入", &[""]),
        row(4, "", "四、财政专户管理资金收入", &[""]),
        row(5, "", "五、单位资金", &[""]),
        row(32, "", "本年收入合计", &["3264.56"]),
        row(33, "", "上年结转结余", &[""]),
        row(34, "", "收入总计", &["3264.56"]),
    ];
    let mut spending = class_lines(1, &[(0, &["3244.56"]), (11, &["20.00"])]);
    spending.push(row(32, "", "本年支出合计", &["3264.56"]));
    spending.push(row(33, "", "年终结转结余", &[""]));
    spending.push(row(34, "", "支出总计", &["3264.56"]));
    table(
        TableKind::IncomeExpenditureSummary,
        vec![
            side(Some("收入"), &["预算数"], income),
            side(Some("支出"), &["预算数"], spending),
        ],
        &[],
    )
}

fn t2() -> BudgetTable {
    let columns = [
        "合计",
        "本年收入/小计",
        "本年收入/财政拨款收入",
        "本年收入/财政专户收入",
        "本年收入/事业收入",
        "本年收入/经营收入",
        "本年收入/上级补助收入",
        "本年收入/附属单位上缴收入",
        "本年收入/其他收入",
        "上年结转",
    ];
    let r = |a: &'static str| -> Vec<&'static str> { vec![a, a, a, "", "", "", "", "", "", ""] };
    let rows = classified(&[
        ("", "合计", &r("3264.56")),
        ("201", "一般公共服务支出", &r("3244.56")),
        ("20103", "政府办公厅（室）及相关机构事务", &r("3244.56")),
        ("2010301", "行政运行", &r("2349.56")),
        ("2010302", "一般行政管理事务", &r("895.00")),
        ("212", "城乡社区支出", &r("20.00")),
        ("21208", "国有土地使用权出让收入安排的支出", &r("20.00")),
        (
            "2120899",
            "其他国有土地使用权出让收入安排的支出",
            &r("20.00"),
        ),
    ]);
    table(TableKind::Income, vec![side(None, &columns, rows)], &[])
}

fn t3() -> BudgetTable {
    let columns = [
        "合计",
        "基本支出",
        "项目支出",
        "经营支出",
        "上解上级支出",
        "对附属单位补助支出",
    ];
    let rows = classified(&[
        ("", "合计", &["3264.56", "2349.56", "915.00", "", "", ""]),
        (
            "201",
            "一般公共服务支出",
            &["3244.56", "2349.56", "895.00", "", "", ""],
        ),
        (
            "20103",
            "政府办公厅（室）及相关机构事务",
            &["3244.56", "2349.56", "895.00", "", "", ""],
        ),
        (
            "2010301",
            "行政运行",
            &["2349.56", "2349.56", "", "", "", ""],
        ),
        (
            "2010302",
            "一般行政管理事务",
            &["895.00", "", "895.00", "", "", ""],
        ),
        ("212", "城乡社区支出", &["20.00", "", "20.00", "", "", ""]),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            &["20.00", "", "20.00", "", "", ""],
        ),
        (
            "2120899",
            "其他国有土地使用权出让收入安排的支出",
            &["20.00", "", "20.00", "", "", ""],
        ),
    ]);
    table(
        TableKind::Expenditure,
        vec![side(None, &columns, rows)],
        &[],
    )
}

fn t4() -> BudgetTable {
    let income = vec![
        row(1, "", "一、一般公共预算拨款", &["3244.56"]),
        row(2, "", "二、政府性基金预算拨款", &["20.00"]),
        row(3, "", "三、国有资本经营预算拨款", &[""]),
        row(32, "", "本年收入合计", &["3264.56"]),
        row(33, "", "年初财政拨款结转和结余", &[""]),
        row(34, "", "一、一般公共预算拨款", &[""]),
        row(35, "", "二、政府性基金预算拨款", &[""]),
        row(36, "", "三、国有资本经营预算拨款", &[""]),
        row(37, "", "收入总计", &["3264.56"]),
    ];
    let mut spending = class_lines(
        4,
        &[
            (0, &["3244.56", "3244.56", "", ""]),
            (11, &["20.00", "", "20.00", ""]),
        ],
    );
    spending.push(row(
        32,
        "",
        "本年支出合计",
        &["3264.56", "3244.56", "20.00", ""],
    ));
    spending.push(row(33, "", "年末财政拨款结转和结余", &["", "", "", ""]));
    spending.push(row(
        37,
        "",
        "支出总计",
        &["3264.56", "3244.56", "20.00", ""],
    ));
    table(
        TableKind::FiscalGrantSummary,
        vec![
            side(Some("收入"), &["金额"], income),
            side(
                Some("支出"),
                &[
                    "合计",
                    "一般公共预算财政拨款",
                    "政府性基金预算财政拨款",
                    "国有资本经营预算财政拨款",
                ],
                spending,
            ),
        ],
        &[],
    )
}

fn t5() -> BudgetTable {
    let rows = classified(&[
        ("", "合计", &["3244.56", "2349.56", "895.00"]),
        ("201", "一般公共服务支出", &["3244.56", "2349.56", "895.00"]),
        (
            "20103",
            "政府办公厅（室）及相关机构事务",
            &["3244.56", "2349.56", "895.00"],
        ),
        ("2010301", "行政运行", &["2349.56", "2349.56", ""]),
        ("2010302", "一般行政管理事务", &["895.00", "", "895.00"]),
    ]);
    table(
        TableKind::GeneralPublicExpenditure,
        vec![side(None, &["合计", "基本支出", "项目支出"], rows)],
        &[],
    )
}

fn t6() -> BudgetTable {
    let p = |a: &'static str| -> Vec<&'static str> { vec![a, a, ""] };
    let g = |a: &'static str| -> Vec<&'static str> { vec![a, "", a] };
    let rows = classified(&[
        ("", "合计", &["2349.56", "2049.75", "299.81"]),
        ("301", "工资福利支出", &p("1709.84")),
        ("30101", "基本工资", &p("306.17")),
        ("30102", "津贴补贴", &p("329.21")),
        ("30103", "奖金", &p("318.77")),
        ("30107", "绩效工资", &p("105.05")),
        ("30108", "机关事业单位基本养老保险缴费", &p("179.25")),
        ("30110", "职工基本医疗保险缴费", &p("78.85")),
        ("30112", "其他社会保障缴费", &p("245.90")),
        ("30113", "住房公积金", &p("146.64")),
        ("302", "商品和服务支出", &g("299.81")),
        ("30201", "办公费", &g("90.40")),
        ("30207", "邮电费", &g("48.52")),
        ("30208", "取暖费", &g("10.17")),
        ("30228", "工会经费", &g("10.28")),
        ("30229", "福利费", &g("13.54")),
        ("30231", "公务用车运行维护费", &g("24.00")),
        ("30239", "其他交通费用", &g("80.20")),
        ("30299", "其他商品和服务支出", &g("22.70")),
        ("303", "对个人和家庭的补助", &p("339.91")),
        ("30301", "离休费", &p("17.73")),
        ("30302", "退休费", &p("309.95")),
        ("30305", "生活补助", &p("12.23")),
    ]);
    table(
        TableKind::GeneralPublicBasic,
        vec![side(
            None,
            &[
                "一般公共预算基本支出/合计",
                "一般公共预算基本支出/人员经费",
                "一般公共预算基本支出/公用经费",
            ],
            rows,
        )],
        &[],
    )
}

fn t7() -> BudgetTable {
    let rows = classified(&[
        ("", "合计", &["20.00", "", "20.00"]),
        ("212", "城乡社区支出", &["20.00", "", "20.00"]),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            &["20.00", "", "20.00"],
        ),
        (
            "2120899",
            "其他国有土地使用权出让收入安排的支出",
            &["20.00", "", "20.00"],
        ),
    ]);
    table(
        TableKind::GovernmentFundExpenditure,
        vec![side(None, &["合计", "基本支出", "项目支出"], rows)],
        &[],
    )
}

fn t8() -> BudgetTable {
    table(
        TableKind::StateCapitalExpenditure,
        vec![side(None, &["合计", "基本支出", "项目支出"], vec![])],
        &["注：无国有资本经营预算财政拨款预算，空表列示。"],
    )
}

fn t9() -> BudgetTable {
    let e = ["", "", "", ""];
    let car = ["24.00", "24.00", "", ""];
    let rows = vec![
        row(1, "", "合计", &car),
        row(2, "", "“三公”经费小计", &car),
        row(3, "", "一、因公出国（境）费", &e),
        row(4, "", "其他因公出国（境）费", &e),
        row(5, "", "二、公务用车购置及运维费", &car),
        row(6, "", "其中：公务用车购置费", &e),
        row(7, "", "公务用车运行维护费", &car),
        row(8, "", "三、公务接待费", &e),
    ];
    table(
        TableKind::ThreePublicCosts,
        vec![side(
            None,
            &[
                "资金性质/合计",
                "资金性质/一般公共预算财政拨款",
                "资金性质/政府性基金预算拨款",
                "资金性质/国有资本经营预算财政拨款",
            ],
            rows,
        )],
        &[],
    )
}

fn section(path: &[&str], paragraphs: &[&str]) -> NarrativeSection {
    NarrativeSection {
        heading: path.last().map(|h| h.to_string()).unwrap_or_default(),
        path: path.iter().map(|h| h.to_string()).collect(),
        blocks: paragraphs
            .iter()
            .map(|p| Block::Paragraph(p.to_string()))
            .collect(),
        line: 0,
        page: None,
    }
}

pub const OVERALL: &str = "二、部门预算安排的总体情况";

fn narrative() -> Vec<NarrativeSection> {
    vec![
        section(&["一、部门职责及机构设置情况"], &[]),
        section(
            &["一、部门职责及机构设置情况", "部门职责："],
            &["本部门“三定”方案涉密，部门职责属涉密信息。"],
        ),
        section(
            &[OVERALL],
            &["按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。"],
        ),
        section(
            &[OVERALL, "1、收入说明"],
            &["反映本部门当年全部收入。2025年预算收入3264.56万元，其中：一般公共预算收入3244.56万元，基金预算收入20.00万元，国有资本经营预算收入0.00万元，财政专户核拨收入0.00万元，单位资金收入0.00万元，上年结转结余0.00万元。"],
        ),
        section(
            &[OVERALL, "2、支出说明"],
            &["收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映邢台市人民政府办公室年度部门预算中支出预算的总体情况。2025年支出预算3264.56万元，其中基本支出2349.56万元，包括人员经费2049.75万元和日常公用经费299.81万元；项目支出915.00万元，主要为基本工作经费B(市长热线)、基本工作经费B(政务公开)、基本工作经费B(政府值班平台)、基本工作经费B(政府电子政务)、大型会议和活动经费、市长热线经费、网络视频会议系统线路租赁经费、值班工作及信息平台维护经费、政府电子政务管理与服务经费、驻京联络处工作经费、综合业务管理经费、市区城建项目督导经费等12项目经费。"],
        ),
        section(
            &[OVERALL, "3、比上年增减情况"],
            &["2025年预算收支安排3264.56万元，较2024年预算减少231.83万元，其中：基本支出增加170.47万元，主要为人员经费基本工资调标及人员新增。项目支出减少402.30万元，主要为市财政奖金紧张，部分项目无力列支。"],
        ),
        section(
            &["三、机关运行经费安排情况"],
            &["2025年，我部门机关运行经费共计安排299.81万元，主要用于日常维修、办公用房水电费、办公用房取暖费、办公用房物业管理费等日常运行支出。"],
        ),
        section(
            &["四、财政拨款“三公”经费预算情况及增减变化原因"],
            &["2025年，我部门财政拨款“三公”经费预算安排24.00万元，其中因公出国（境）费0.00万元；公务用车购置及运维费24.00万元（其中：公务用车购置费为0.00万元，公务用车运维费24.00万元）；公务接待费0.00万元。与2024年相比减少41.60万元，增减变化的主要原因是因公出国（境）费0万元，与2024年预算数相比无变化；公务用车购置及运维费24万元（其中：公务用车购置费为0万元，公务用车运维费24万元），与2024年预算相比减少19万元，主要原因是单车保障标准调整；公务接待费0万元，与2024年预算相比减少22.6万元，主要原因是市财力紧张，年初未安排。"],
        ),
        section(&["五、部门整体绩效目标"], &[]),
        section(&["六、部门主管专项资金预算安排情况及绩效目标"], &["无。"]),
        section(&["七、部门项目预算安排情况及绩效目标"], &[]),
        section(&["八、政府采购预算情况"], &[]),
        section(
            &["九、国有资产信息"],
            &["邢台市人民政府办公室（含所属单位）上年末固定资产金额为 1279.98 万元（详见下表）。本年度拟购置固定资产总额为 0.00 万元，已按要求列入政府采购预算，详见政府采购预算表。"],
        ),
        section(&["十、名词解释"], &[]),
        section(&["十一、其他需要说明的事项"], &["我部门无其他需要说明的事项。"]),
    ]
}

fn plan(points: &[(&str, &str)]) -> Vec<PlanPoint> {
    points
        .iter()
        .map(|(label, pct)| PlanPoint {
            label: label.to_string(),
            month: label.trim_end_matches("月底").parse().ok(),
            percent: amount(pct),
        })
        .collect()
}

/// The usual plan: 3月底 blank, 6月底 50%, 10月底 80%, 12月底 100%.
const USUAL_PLAN: [(&str, &str); 4] = [
    ("3月底", ""),
    ("6月底", "50"),
    ("10月底", "80"),
    ("12月底", "100"),
];

fn indicator(level1: &str, level2: &str, level3: &str, value: &str) -> Indicator {
    Indicator {
        level1: level1.to_string(),
        level2: level2.to_string(),
        level3: level3.to_string(),
        description: String::new(),
        value: IndicatorValue::parse(value),
        basis: String::new(),
        line: 0,
    }
}

/// The 效益 and 满意度 rows most cards print.
fn usual_tail(satisfaction: &str) -> Vec<Indicator> {
    vec![
        indicator("效益指标", "经济效益指标", "不涉及", "不涉及"),
        indicator("效益指标", "社会效益指标", "不涉及", "不涉及"),
        indicator("效益指标", "生态效益指标", "不涉及", "不涉及"),
        indicator("效益指标", "可持续影响指标", "不涉及", "不涉及"),
        indicator("满意度指标", "服务对象满意度指标", "满意度", satisfaction),
    ]
}

fn card(
    seq: u32,
    code: &str,
    name: &str,
    budget: &str,
    plan_points: &[(&str, &str)],
    indicators: Vec<Indicator>,
) -> ProjectCard {
    ProjectCard {
        seq: Some(seq),
        title: format!("{name}绩效目标表"),
        code: code.to_string(),
        name: name.to_string(),
        unit: Unit::WanYuan,
        budget: amount(budget),
        fiscal_funds: amount(budget),
        other_funds: None,
        carried_over: None,
        nature: None,
        period: None,
        purpose: String::new(),
        spending_plan: plan(plan_points),
        goal: String::new(),
        indicators,
        extra: vec![],
        line: 0,
        page: None,
    }
}

fn with_tail(mut head: Vec<Indicator>, satisfaction: &str) -> Vec<Indicator> {
    head.extend(usual_tail(satisfaction));
    head
}

pub const HOTLINE_B: usize = 1;
pub const CITY_WORKS: usize = 6;

fn projects() -> Vec<ProjectCard> {
    let out = "产出指标";
    vec![
        card(
            1,
            "13050025P00945010079L",
            "大型会议和活动经费",
            "10.00",
            &USUAL_PLAN,
            vec![
                indicator(out, "数量指标", "会议活动次数", "≥2次"),
                indicator(out, "质量指标", "会议保障完成率", "≥98百分率"),
                indicator(out, "成本指标", "会议保障成本", "≤10万元"),
                indicator("效益指标", "经济效益指标", "社会效益指标", "≥95百分率"),
                indicator("效益指标", "社会效益指标", "经济效益指标", "不涉及"),
                indicator("效益指标", "生态效益指标", "生态效益指标", "不涉及"),
                indicator(
                    "满意度指标",
                    "服务对象满意度指标",
                    "服务对象满意度指标",
                    "≥95 百分率",
                ),
            ],
        ),
        card(
            2,
            "13050025P00945010077D",
            "基本工作经费 B（市长热线)",
            "600.00",
            &[("3月底", "25"), ("6月底", "50"), ("10月底", "75")],
            with_tail(
                vec![
                    indicator(out, "数量指标", "外包服务保障月数", "12 月"),
                    indicator(out, "质量指标", "人工话务的接通率", "≥98 百分比"),
                    indicator(out, "成本指标", "市长热线工作运转成本", "≤622600 万元"),
                ],
                "≥75 百分比",
            ),
        ),
        card(
            3,
            "13050025P009450100756",
            "基本工作经费 B（政府电子政务)",
            "26.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "政府门户网站全年发布信息总量", "≥10000 条"),
                    indicator(out, "时效指标", "政府门户网站信息发布", "每日更新"),
                    indicator(
                        out,
                        "成本指标",
                        "网络维护劳务派遣费及派驻人员工资",
                        "26 万元",
                    ),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            4,
            "13050025P00945010076R",
            "基本工作经费 B（政府值班平台）",
            "6.00",
            &[
                ("3月底", ""),
                ("6月底", ""),
                ("10月底", ""),
                ("12月底", "100"),
            ],
            with_tail(
                vec![
                    indicator(out, "数量指标", "平台平稳运行天数", "≥350 天"),
                    indicator(
                        out,
                        "成本指标",
                        "市政府值班工作及信息平台维护成本",
                        "6 万元",
                    ),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            5,
            "13050025P009450100781",
            "基本工作经费 B (政务公开)",
            "13.00",
            &[
                ("3月底", ""),
                ("6月底", ""),
                ("10月底", ""),
                ("12月底", "100"),
            ],
            vec![
                indicator(out, "数量指标", "政务新媒体维护次数", "≥3 次/周"),
                indicator(out, "成本指标", "实际使用资金率", "≥90 百分比"),
                indicator(
                    "效益指标",
                    "社会效益指标",
                    "上级对政务公开工作督导的达标率",
                    "百分比",
                ),
                indicator(
                    "效益指标",
                    "可持续影响指标",
                    "政务公开水平持续提高完成率",
                    "100 百分比",
                ),
                indicator(
                    "满意度指标",
                    "服务对象满意度指标",
                    "社会对政务公开工作开展效果满意度",
                    "≥80≥80%",
                ),
            ],
        ),
        card(
            6,
            "13050025P00945010083T",
            "市长热线经费",
            "10.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "办公电话保障月数", "12月"),
                    indicator(out, "数量指标", "设备维修维护台数", "≤150150台"),
                    indicator(out, "数量指标", "印刷手册（工牌）份数", "≤300300份（套）"),
                    indicator(out, "质量指标", "设备正常运转率", "≤150台"),
                    indicator(out, "成本指标", "日常工作运转保障费用", "10万元"),
                ],
                "≥75 百分比",
            ),
        ),
        card(
            7,
            "13050025P00945010086M",
            "市区城建项目督导经费",
            "20.00",
            &[("3月底", "30"), ("6月底", "50"), ("10月底", "80")],
            with_tail(
                vec![
                    indicator(out, "数量指标", "印制文件数量", "≥350 块（份）"),
                    indicator(out, "成本指标", "市城建办运行成本", "≤20 万元"),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            8,
            "13050025P009450100827",
            "市政府值班工作及信息平台维护经费",
            "10.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "平台平稳运行天数", "≥350 天"),
                    indicator(out, "成本指标", "市政府值班工作及信息平台维护成本", "10"),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            9,
            "13050025P009450100852",
            "网络视频会议系统线路租赁经费",
            "10.00",
            &[
                ("3月底", ""),
                ("6月底", ""),
                ("10月底", ""),
                ("12月底", "100"),
            ],
            with_tail(
                vec![
                    indicator(out, "数量指标", "云视频会议系统终端套数", "4套"),
                    indicator(out, "成本指标", "通云视频会议系统保障成本", "≤10万元"),
                ],
                "≥95百分比",
            ),
        ),
        card(
            10,
            "13050025P00945010081K",
            "政府电子政务服务经费",
            "70.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "全市政府网站监测报告出具次数", "≥4 次"),
                    indicator(out, "成本指标", "政务外网线路租赁费等", "70 万元"),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            11,
            "13050025P00945010084E",
            "驻京联络处工作经费",
            "50.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "租房平米数", "78 m <sup>2</sup>"),
                    indicator(out, "成本指标", "租房成本", "≤38 万元"),
                ],
                "≥95 百分比",
            ),
        ),
        card(
            12,
            "13050025P009450100800",
            "综合业务管理经费",
            "90.00",
            &USUAL_PLAN,
            with_tail(
                vec![
                    indicator(out, "数量指标", "文件资料、宣传资料等印刷的数", "≥2万份"),
                    indicator(out, "质量指标", "采购办公用品合格率", "100百份比"),
                    indicator(out, "质量指标", "印刷品合格率", "100百份比"),
                    indicator(out, "成本指标", "综合业务保障成本", "≤90万元"),
                ],
                "≥95 百分比",
            ),
        ),
    ]
}

fn assets() -> AssetReport {
    let item = |name: &str, qty: &str, value: &str, sub: bool| AssetItem {
        name: name.to_string(),
        quantity: amount(qty),
        value: amount(value),
        is_sub_item: sub,
        line: 0,
    };
    AssetReport {
        title: "部门固定资产占用情况表".into(),
        owner: Some("211 邢台市人民政府办公室".into()),
        as_of: Some("2024-12-31".into()),
        unit: Unit::WanYuan,
        total: amount("1279.98"),
        items: vec![
            item("1、房屋（平方米）", "", "", false),
            item("其中：办公用房（平方米）", "", "", true),
            item("2、车辆（台、辆）", "15", "341.58", false),
            item("3、单价在 20 万元以上的设备", "", "", false),
            item("4、其他固定资产", "1902", "938.40", false),
        ],
        stated_total: amount("1279.98"),
        planned_purchases: amount("0.00"),
        line: 0,
    }
}

/// The seed, as the importer will build it.
pub fn seed() -> Disclosure {
    Disclosure {
        department: Department {
            code: Some("211".into()),
            name: "邢台市人民政府办公室".into(),
            budget_year: 2025,
            published: Some("2025-02-20".into()),
            unit: Unit::WanYuan,
            scope: Default::default(),
            units: vec![],
        },
        tables: vec![t1(), t2(), t3(), t4(), t5(), t6(), t7(), t8(), t9()],
        narrative: narrative(),
        projects: projects(),
        procurement: Some(Procurement {
            title: "部门政府采购预算".into(),
            owner: Some("211 邢台市人民政府办公室".into()),
            unit: Unit::WanYuan,
            table: GridTable {
                title: None,
                header: vec![],
                rows: vec![],
                line: 0,
            },
            total: None,
            notes: vec![
                "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。".into(),
                "注：无政府采购预算，空表列示。".into(),
            ],
            line: 0,
        }),
        assets: Some(assets()),
        glossary: vec![GlossaryTerm {
            term: "财政拨款收入".into(),
            definition: "指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。".into(),
            line: 0,
        }],
        import_notes: vec![],
    }
}

/// Index of the first table of `kind`.
pub fn table_index(doc: &Disclosure, kind: TableKind) -> usize {
    doc.tables.iter().position(|t| t.kind == kind).unwrap()
}

/// Index of the row named `name` (or carrying code `name`) on `side`.
pub fn row_index(doc: &Disclosure, table: usize, side: usize, name: &str) -> usize {
    doc.tables[table].sides[side]
        .rows
        .iter()
        .position(|r| r.name == name || r.code.as_ref().is_some_and(|c| c.as_str() == name))
        .unwrap()
}
