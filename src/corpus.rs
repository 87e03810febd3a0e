//! A generator of realistic disclosures in the seed's text form, for tests
//! and benchmarks at the scale of a province (`budget gen-corpus`).
//!
//! Each department is drawn from a seeded RNG, so the same seed writes the
//! same bytes. The figures are built bottom-up so that every sum the checks
//! test holds: economic leaves (工资福利, 商品和服务, 对个人和家庭的补助) add
//! up to the 基本支出 total; the functional 基本支出 rows that mirror them
//! (养老保险缴费 = 30108, 医疗 = 30110, 住房公积金 = 30113, 离退休 = 30301 +
//! 30302) take their figures, 行政运行 the rest; the cards' 预算数 add up to the
//! 项目支出; parents are the sums of their children; the 情况说明 states the
//! same totals. Codes and names are real classification codes, most taken
//! from the seed. Some departments have 事业收入 or 上年结转 (spent on a card
//! paid by 其他资金), a 政府性基金 card, several sub-units, tables in 元, or a
//! second year.
//!
//! [`generate`] returns the truth with each text ([`Generated`]), which the
//! round-trip test compares with what the importer reads.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

/// A small deterministic RNG (splitmix64): the corpus must not change with
/// a dependency's algorithm.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// An amount in hundredths of 万元 (fen of 万元): exact integers until print.
type Cents = i64;

fn wan(cents: Cents) -> Decimal {
    Decimal::new(cents, 2)
}

/// The 31 functional 类 in the order every T1 / T4 prints them.
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

/// 类 and 款 names of the functional codes used.
const FUNCTIONAL_PARENTS: [(&str, &str); 10] = [
    ("201", "一般公共服务支出"),
    ("20103", "政府办公厅（室）及相关机构事务"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("212", "城乡社区支出"),
    ("21208", "国有土地使用权出让收入安排的支出"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
];

/// The economic leaves of 基本支出表 (the seed's), with whether each is
/// 人员经费 (301, 303) or 公用经费 (302), and a typical share in 1/1000 of
/// the basic total.
const ECONOMIC: [(&str, &str, u64); 19] = [
    ("30101", "基本工资", 130),
    ("30102", "津贴补贴", 140),
    ("30103", "奖金", 135),
    ("30107", "绩效工资", 45),
    ("30108", "机关事业单位基本养老保险缴费", 76),
    ("30110", "职工基本医疗保险缴费", 34),
    ("30112", "其他社会保障缴费", 40),
    ("30113", "住房公积金", 62),
    ("30201", "办公费", 38),
    ("30207", "邮电费", 20),
    ("30208", "取暖费", 5),
    ("30228", "工会经费", 5),
    ("30229", "福利费", 6),
    ("30231", "公务用车运行维护费", 10),
    ("30239", "其他交通费用", 34),
    ("30299", "其他商品和服务支出", 10),
    ("30301", "离休费", 8),
    ("30302", "退休费", 130),
    ("30305", "生活补助", 5),
];

const ECONOMIC_PARENTS: [(&str, &str); 3] = [
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
];

const CITIES: [&str; 11] = [
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

const BUREAUS: [&str; 16] = [
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
];

const PROJECTS: [&str; 12] = [
    "大型会议和活动经费",
    "信息化系统运行维护经费",
    "业务培训经费",
    "专项工作经费",
    "宣传经费",
    "督查督办经费",
    "档案整理经费",
    "网络线路租赁经费",
    "综合业务管理经费",
    "办公设备购置经费",
    "调研课题经费",
    "应急值守经费",
];

/// One coded row of the functional tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionalLine {
    pub code: &'static str,
    pub name: &'static str,
    /// 一般公共预算 基本支出 / 项目支出.
    pub basic: Cents,
    pub project: Cents,
    /// 政府性基金 项目支出.
    pub fund: Cents,
    /// 事业收入 and 上年结转 spent on projects under this code.
    pub business: Cents,
    pub carried: Cents,
}

impl FunctionalLine {
    fn fiscal(&self) -> Cents {
        self.basic + self.project + self.fund
    }

    fn total(&self) -> Cents {
        self.fiscal() + self.business + self.carried
    }

    fn general(&self) -> Cents {
        self.basic + self.project
    }
}

/// One generated card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub code: String,
    pub name: String,
    pub budget: Cents,
    /// 财政资金 (一般公共预算 or 政府性基金); the rest is 其他资金.
    pub fiscal: Cents,
}

/// The truth of one generated department-year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub year: u16,
    /// Tables printed in 元 (figures × 10,000) instead of 万元.
    pub in_yuan: bool,
    pub units: Vec<String>,
    pub functional: Vec<FunctionalLine>,
    /// (code, figure) of each economic leaf; all are 一般公共预算 基本支出.
    pub economic: Vec<(&'static str, Cents)>,
    pub cards: Vec<Card>,
}

impl Department {
    pub fn basic(&self) -> Cents {
        self.functional.iter().map(|l| l.basic).sum()
    }

    pub fn project(&self) -> Cents {
        self.functional
            .iter()
            .map(|l| l.project + l.fund + l.business + l.carried)
            .sum()
    }

    pub fn general(&self) -> Cents {
        self.functional.iter().map(FunctionalLine::general).sum()
    }

    pub fn fund(&self) -> Cents {
        self.functional.iter().map(|l| l.fund).sum()
    }

    pub fn business(&self) -> Cents {
        self.functional.iter().map(|l| l.business).sum()
    }

    pub fn carried(&self) -> Cents {
        self.functional.iter().map(|l| l.carried).sum()
    }

    pub fn total(&self) -> Cents {
        self.functional.iter().map(FunctionalLine::total).sum()
    }

    fn economic_sum(&self, prefix: &str) -> Cents {
        self.economic
            .iter()
            .filter(|(c, _)| c.starts_with(prefix))
            .map(|(_, v)| v)
            .sum()
    }

    pub fn personnel(&self) -> Cents {
        self.economic_sum("301") + self.economic_sum("303")
    }

    pub fn public_use(&self) -> Cents {
        self.economic_sum("302")
    }

    pub fn vehicles(&self) -> Cents {
        self.economic_sum("30231")
    }

    /// A figure as the tables print it: `2349.56` in 万元, `23495600.00` in 元.
    pub fn table_figure(&self, cents: Cents) -> Decimal {
        if self.in_yuan {
            // One cent of 万元 is 100 元; printed with the seed's two decimals.
            Decimal::new(cents * 100 * 100, 2)
        } else {
            wan(cents)
        }
    }
}

/// One file of the corpus: its name, its text and the truth behind it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub file_name: String,
    pub text: String,
    pub truth: Department,
}

/// `departments` departments drawn from `seed`; about one in five also has
/// the previous year, so there are more files than departments.
pub fn generate(departments: usize, seed: u64) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(departments + departments / 4);
    for i in 0..departments {
        let year = 2025;
        let dept = draw(&mut rng, i, year);
        let second = rng.chance(20).then(|| {
            // Last year: the same department, other figures and cards,
            // drawn from a stream of its own (a clone of `rng` would give
            // it the next department's figures).
            let mut last_year = Rng::new(rng.next_u64());
            let mut earlier = draw(&mut last_year, i, year - 1);
            earlier.name.clone_from(&dept.name);
            earlier.code.clone_from(&dept.code);
            earlier.units.clone_from(&dept.units);
            earlier
        });
        for truth in std::iter::once(dept).chain(second) {
            let file_name = format!("dept-{:04}-{}.txt", i + 1, truth.year);
            let text = render(&truth);
            out.push(Generated {
                file_name,
                text,
                truth,
            });
        }
    }
    out
}

/// Writes the corpus into `dir` (created if missing) and returns the paths.
pub fn write_corpus(dir: &Path, departments: usize, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    generate(departments, seed)
        .into_iter()
        .map(|g| {
            let path = dir.join(&g.file_name);
            std::fs::write(&path, g.text)?;
            Ok(path)
        })
        .collect()
}

fn draw(rng: &mut Rng, index: usize, year: u16) -> Department {
    let city = rng.pick(&CITIES);
    let bureau = BUREAUS[index % BUREAUS.len()];
    let name = if index < BUREAUS.len() * CITIES.len() {
        format!("{city}{bureau}")
    } else {
        // Beyond the distinct names: a numbered district office.
        format!("{city}第{}区{bureau}", index / BUREAUS.len())
    };
    let code = format!("{}", 100 + index);
    let mut units = vec![format!("{name}本级")];
    if rng.chance(25) {
        for k in 0..rng.range(1, 4) {
            units.push(format!(
                "{name}{}中心",
                ["信息", "服务", "保障", "事务"][k as usize % 4]
            ));
        }
    }

    // Economic leaves: shares of a basic total of 200–5,000 万元, varied.
    let basic_target = rng.range(20_000, 500_000) as Cents;
    let economic: Vec<(&'static str, Cents)> = ECONOMIC
        .iter()
        .map(|&(code, _, share)| {
            let jitter = rng.range(70, 130) as Cents;
            (code, basic_target * share as Cents * jitter / 100_000)
        })
        .filter(|&(_, v)| v > 0)
        .collect();
    let of = |code: &str| {
        economic
            .iter()
            .filter(|(c, _)| *c == code)
            .map(|(_, v)| *v)
            .sum::<Cents>()
    };
    let basic_total: Cents = economic.iter().map(|(_, v)| v).sum();
    let mirrored = [
        ("2080505", "机关事业单位基本养老保险缴费支出", of("30108")),
        ("2080501", "行政单位离退休", of("30301") + of("30302")),
        ("2101101", "行政单位医疗", of("30110")),
        ("2210201", "住房公积金", of("30113")),
    ];
    let sub_units = units.len() > 1;
    // Sub-units are 事业 units: part of the basic spending is 事业运行.
    let business_run = if sub_units {
        (basic_total - mirrored.iter().map(|m| m.2).sum::<Cents>()) / 4
    } else {
        0
    };
    let admin_run = basic_total - mirrored.iter().map(|m| m.2).sum::<Cents>() - business_run;

    // Cards: 1–30, budgets of 1–300 万元.
    let n_cards = rng.range(1, 30) as usize;
    let mut cards: Vec<Card> = (0..n_cards)
        .map(|k| {
            let budget = rng.range(100, 30_000) as Cents;
            let base = PROJECTS[(index + k) % PROJECTS.len()];
            let name = if k < PROJECTS.len() {
                base.to_string()
            } else {
                format!("{base}（{}）", k / PROJECTS.len() + 1)
            };
            Card {
                code: format!(
                    "1305{:04}P{:06}{:04}{}",
                    index % 10_000,
                    index,
                    k,
                    ["D", "L", "T", "R", "M"][k % 5]
                ),
                name,
                budget,
                fiscal: budget,
            }
        })
        .collect();
    // Some departments pay their first card with 事业收入 / 上年结转.
    let (business, carried) = if n_cards >= 2 && rng.chance(30) {
        let other = cards[0].budget;
        cards[0].fiscal = 0;
        // 上年结转 comes only with 事业收入: a carry-over alone would make
        // this year's income all 财政拨款 while T4 (grants only) lacks it.
        if rng.chance(50) {
            (other, 0)
        } else {
            (other / 2, other - other / 2)
        }
    } else {
        (0, 0)
    };
    // Some pay their last card from 政府性基金 (国有土地使用权出让收入).
    let fund = if n_cards >= 2 && rng.chance(30) {
        cards[n_cards - 1].budget
    } else {
        0
    };
    let general_project: Cents =
        cards.iter().map(|c| c.budget).sum::<Cents>() - business - carried - fund;
    let (general_a, general_b) = if rng.chance(50) {
        let a = general_project * rng.range(30, 70) as Cents / 100;
        (a, general_project - a)
    } else {
        (general_project, 0)
    };

    let mut functional = vec![FunctionalLine {
        code: "2010301",
        name: "行政运行",
        basic: admin_run,
        project: 0,
        fund: 0,
        business: 0,
        carried: 0,
    }];
    functional.push(FunctionalLine {
        code: "2010302",
        name: "一般行政管理事务",
        basic: 0,
        project: general_a,
        fund: 0,
        business,
        carried,
    });
    if business_run > 0 {
        functional.push(FunctionalLine {
            code: "2010350",
            name: "事业运行",
            basic: business_run,
            project: 0,
            fund: 0,
            business: 0,
            carried: 0,
        });
    }
    if general_b > 0 {
        functional.push(FunctionalLine {
            code: "2010399",
            name: "其他政府办公厅（室）及相关机构事务支出",
            basic: 0,
            project: general_b,
            fund: 0,
            business: 0,
            carried: 0,
        });
    }
    // Codes in code order, as tables print them.
    let mut more: Vec<FunctionalLine> = mirrored
        .iter()
        .filter(|m| m.2 > 0)
        .map(|&(code, name, basic)| FunctionalLine {
            code,
            name,
            basic,
            project: 0,
            fund: 0,
            business: 0,
            carried: 0,
        })
        .collect();
    if fund > 0 {
        more.push(FunctionalLine {
            code: "2120899",
            name: "其他国有土地使用权出让收入安排的支出",
            basic: 0,
            project: 0,
            fund,
            business: 0,
            carried: 0,
        });
    }
    functional.retain(|l| l.total() > 0);
    functional.extend(more);
    functional.sort_by(|a, b| a.code.cmp(b.code));

    Department {
        code,
        name,
        year,
        in_yuan: rng.chance(10),
        units,
        functional,
        economic,
        cards,
    }
}

/// Text of one department in the seed's form.
pub fn render(d: &Department) -> String {
    let mut out = String::with_capacity(48 * 1024);
    let _ = writeln!(out, "# {} {} 年部门预算公开信息\n", d.name, d.year);
    let _ = writeln!(out, "{} 年 2 月 20 日\n", d.year);
    t1(&mut out, d);
    t2(&mut out, d);
    t3(&mut out, d);
    t4(&mut out, d);
    t5(&mut out, d);
    t6(&mut out, d);
    t7(&mut out, d);
    t8(&mut out, d);
    t9(&mut out, d);
    narrative(&mut out, d);
    cards(&mut out, d);
    tail(&mut out, d);
    out
}

/// A table figure, blank when zero (the seed leaves empty cells blank).
fn cell(d: &Department, cents: Cents) -> String {
    if cents == 0 {
        String::new()
    } else {
        d.table_figure(cents).to_string()
    }
}

fn head(out: &mut String, d: &Department, title: &str) {
    let unit = if d.in_yuan { "元" } else { "万元" };
    let _ = write!(
        out,
        "## {title}\n\n{} {}\n\n预算年度：{}\n\n单位：{unit}\n\n",
        d.code, d.name, d.year
    );
}

/// The figure of each 类 (by its position in [`CLASSES`]) under `value`.
fn by_class(d: &Department, value: impl Fn(&FunctionalLine) -> Cents) -> [Cents; 31] {
    let mut sums = [0; 31];
    for line in &d.functional {
        let class = class_name(line.code);
        if let Some(i) = CLASSES.iter().position(|c| *c == class) {
            sums[i] += value(line);
        }
    }
    sums
}

fn class_name(code: &str) -> &'static str {
    FUNCTIONAL_PARENTS
        .iter()
        .find(|(c, _)| code.get(..3) == Some(c))
        .map_or("", |(_, n)| n)
}

fn t1(out: &mut String, d: &Department) {
    head(out, d, "部门预算收支总表");
    out.push_str("序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n");
    let income = [
        ("一、一般公共预算拨款收入", d.general()),
        ("二、政府性基金预算拨款收入", d.fund()),
        ("三、国有资本经营预算拨款收入", 0),
        ("四、财政专户管理资金收入", 0),
        ("五、单位资金", d.business()),
    ];
    let classes = by_class(d, FunctionalLine::total);
    for i in 0..31 {
        let (label, value) = income.get(i).map_or(("", 0), |&(l, v)| (l, v));
        let _ = writeln!(
            out,
            "{}\t{label}\t{}\t{}、{}\t{}",
            i + 1,
            cell(d, value),
            NUMERALS[i],
            CLASSES[i],
            cell(d, classes[i])
        );
    }
    let this_year = d.general() + d.fund() + d.business();
    let _ = writeln!(
        out,
        "32\t本年收入合计\t{}\t本年支出合计\t{}",
        cell(d, this_year),
        cell(d, d.total())
    );
    let _ = writeln!(
        out,
        "33\t上年结转结余\t{}\t年终结转结余\t",
        cell(d, d.carried())
    );
    let _ = writeln!(
        out,
        "34\t收入总计\t{}\t支出总计\t{}\n",
        cell(d, d.total()),
        cell(d, d.total())
    );
}

/// The coded rows of a functional table: 类, 款 and 项 with `columns` of
/// each, parents summed from their children, after a 合计 row.
fn functional_rows(
    out: &mut String,
    d: &Department,
    lines: &[&FunctionalLine],
    columns: &dyn Fn(&FunctionalLine) -> Vec<Cents>,
) {
    let width = lines.first().map_or(0, |l| columns(l).len());
    let sum = |prefix: &str| -> Vec<Cents> {
        let mut total = vec![0; width];
        for line in lines.iter().filter(|l| l.code.starts_with(prefix)) {
            for (t, v) in total.iter_mut().zip(columns(line)) {
                *t += v;
            }
        }
        total
    };
    let cells = |values: Vec<Cents>| {
        values
            .into_iter()
            .map(|v| cell(d, v))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut seq = 1;
    let _ = writeln!(out, "{seq}\t\t合计\t{}", cells(sum("")));
    let mut printed: Vec<&str> = Vec::new();
    for line in lines {
        for len in [3, 5] {
            let parent = &line.code[..len];
            if printed.contains(&parent) {
                continue;
            }
            printed.push(parent);
            let name = FUNCTIONAL_PARENTS
                .iter()
                .find(|(c, _)| *c == parent)
                .map_or("", |(_, n)| n);
            seq += 1;
            let _ = writeln!(out, "{seq}\t{parent}\t{name}\t{}", cells(sum(parent)));
        }
        seq += 1;
        let _ = writeln!(
            out,
            "{seq}\t{}\t{}\t{}",
            line.code,
            line.name,
            cells(columns(line))
        );
    }
    out.push('\n');
}

fn t2(out: &mut String, d: &Department) {
    head(out, d, "部门预算收入总表");
    out.push_str(
        "序号\t功能分类科目\t\t合计\t本年收入\t\t\t\t\t\t\t上年结转\t\n\
         \t科目编码\t科目名称\t\t小计\t财政拨款收入\t财政专户收入\t事业收入\t经营收入\t上级补助收入\t附属单位上缴收入\t\t其他收入\n\
         栏次\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n",
    );
    let lines: Vec<&FunctionalLine> = d.functional.iter().collect();
    functional_rows(out, d, &lines, &|l| {
        vec![
            l.total(),
            l.fiscal() + l.business,
            l.fiscal(),
            0,
            l.business,
            0,
            0,
            0,
            // The importer reads this header as 其他收入 before 上年结转.
            0,
            l.carried,
        ]
    });
}

fn t3(out: &mut String, d: &Department) {
    head(out, d, "部门预算支出总表");
    out.push_str(
        "序号\t功能分类科目\t\t合计\t基本支出\t项目支出\t经营支出\t上解上级支出\t对附属单位补助支出\n\
         \t科目编码\t科目名称\t\t\t\t\t\t\n\
         栏次\t1\t2\t3\t4\t5\t6\t7\t8\n",
    );
    let lines: Vec<&FunctionalLine> = d.functional.iter().collect();
    functional_rows(out, d, &lines, &|l| {
        vec![
            l.total(),
            l.basic,
            l.project + l.fund + l.business + l.carried,
            0,
            0,
            0,
        ]
    });
}

fn t4(out: &mut String, d: &Department) {
    head(out, d, "部门预算财政拨款收支总表");
    out.push_str(
        "序号\t收入\t\t支出\t\t\t\t\n\
         \t项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n\
         栏次\t1\t2\t3\t4\t5\t6\t7\n",
    );
    let income = [
        ("一、一般公共预算拨款", d.general()),
        ("二、政府性基金预算拨款", d.fund()),
        ("三、国有资本经营预算拨款", 0),
    ];
    let fiscal = by_class(d, FunctionalLine::fiscal);
    let general = by_class(d, FunctionalLine::general);
    let fund = by_class(d, |l| l.fund);
    for i in 0..31 {
        let (label, value) = income.get(i).map_or(("", 0), |&(l, v)| (l, v));
        let _ = writeln!(
            out,
            "{}\t{label}\t{}\t{}、{}\t{}\t{}\t{}\t",
            i + 1,
            cell(d, value),
            NUMERALS[i],
            CLASSES[i],
            cell(d, fiscal[i]),
            cell(d, general[i]),
            cell(d, fund[i]),
        );
    }
    let total = d.general() + d.fund();
    let _ = writeln!(
        out,
        "32\t本年收入合计\t{}\t本年支出合计\t{}\t{}\t{}\t",
        cell(d, total),
        cell(d, total),
        cell(d, d.general()),
        cell(d, d.fund())
    );
    out.push_str(
        "33\t年初财政拨款结转和结余\t\t年末财政拨款结转和结余\t\t\t\t\n\
         34\t一、一般公共预算拨款\t\t\t\t\t\t\n\
         35\t二、政府性基金预算拨款\t\t\t\t\t\t\n\
         36\t三、国有资本经营预算拨款\t\t\t\t\t\t\n",
    );
    let _ = writeln!(
        out,
        "37\t收入总计\t{}\t支出总计\t{}\t{}\t{}\t\n",
        cell(d, total),
        cell(d, total),
        cell(d, d.general()),
        cell(d, d.fund())
    );
}

fn functional_header() -> &'static str {
    "序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n"
}

fn t5(out: &mut String, d: &Department) {
    head(out, d, "部门预算一般公共预算财政拨款支出表");
    out.push_str(functional_header());
    let lines: Vec<&FunctionalLine> = d.functional.iter().filter(|l| l.general() > 0).collect();
    functional_rows(out, d, &lines, &|l| vec![l.general(), l.basic, l.project]);
}

fn t6(out: &mut String, d: &Department) {
    head(out, d, "部门预算一般公共预算财政拨款基本支出表");
    out.push_str(
        "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\
         \t科目编码\t科目名称\t合计\t人员经费\t公用经费\n\
         栏次\t1\t2\t3\t4\t5\n",
    );
    let public = |code: &str| code.starts_with("302");
    let row = |total: Cents, code: &str| {
        if public(code) {
            (total, 0, total)
        } else {
            (total, total, 0)
        }
    };
    let _ = writeln!(
        out,
        "1\t\t合计\t{}\t{}\t{}",
        cell(d, d.basic()),
        cell(d, d.personnel()),
        cell(d, d.public_use())
    );
    let mut seq = 1;
    for (parent, parent_name) in ECONOMIC_PARENTS {
        let leaves: Vec<&(&str, Cents)> = d
            .economic
            .iter()
            .filter(|(c, _)| c.starts_with(parent))
            .collect();
        if leaves.is_empty() {
            continue;
        }
        let sum: Cents = leaves.iter().map(|(_, v)| v).sum();
        let (a, b, c) = row(sum, parent);
        seq += 1;
        let _ = writeln!(
            out,
            "{seq}\t{parent}\t{parent_name}\t{}\t{}\t{}",
            cell(d, a),
            cell(d, b),
            cell(d, c)
        );
        for (code, value) in leaves {
            let name = ECONOMIC
                .iter()
                .find(|(c, _, _)| c == code)
                .map_or("", |(_, n, _)| n);
            let (a, b, c) = row(*value, code);
            seq += 1;
            let _ = writeln!(
                out,
                "{seq}\t{code}\t{name}\t{}\t{}\t{}",
                cell(d, a),
                cell(d, b),
                cell(d, c)
            );
        }
    }
    out.push('\n');
}

fn t7(out: &mut String, d: &Department) {
    head(out, d, "部门预算政府性基金预算财政拨款支出表");
    out.push_str(functional_header());
    let lines: Vec<&FunctionalLine> = d.functional.iter().filter(|l| l.fund > 0).collect();
    if lines.is_empty() {
        out.push_str("\n注：无政府性基金预算财政拨款预算，空表列示。\n\n");
    } else {
        functional_rows(out, d, &lines, &|l| vec![l.fund, 0, l.fund]);
    }
}

fn t8(out: &mut String, d: &Department) {
    head(out, d, "部门预算国有资本经营预算财政拨款支出表");
    out.push_str(functional_header());
    out.push_str("\n注：无国有资本经营预算财政拨款预算，空表列示。\n\n");
}

fn t9(out: &mut String, d: &Department) {
    head(out, d, "部门预算财政拨款“三公”经费支出表");
    out.push_str(
        "序号\t项 目\t资 金 性 质\t\t\t\n\
         \t\t合计\t一般公共预算 财政拨款\t政府性基金 预算拨款\t国有资本经营 预算财政拨款\n\
         栏次\t1\t2\t3\t4\t5\n",
    );
    let v = cell(d, d.vehicles());
    let _ = write!(
        out,
        "1\t合计\t{v}\t{v}\t\t\n\
         2\t“三公”经费小计\t{v}\t{v}\t\t\n\
         3\t一、因公出国（境）费\t\t\t\t\n\
         4\t其他因公出国（境）费\t\t\t\t\n\
         5\t二、公务用车购置及运维费\t{v}\t{v}\t\t\n\
         6\t其中：公务用车购置费\t\t\t\t\n\
         7\t公务用车运行维护费\t{v}\t{v}\t\t\n\
         8\t三、公务接待费\t\t\t\t\n\n"
    );
}

fn narrative(out: &mut String, d: &Department) {
    let (name, year) = (&d.name, d.year);
    let w = |c: Cents| wan(c).to_string();
    let _ = write!(
        out,
        "# {name} {year} 年部门预算信息公开情况说明\n\n\
         ## 一、部门职责及机构设置情况\n\n### 部门职责：\n\n负责本部门职能范围内的各项工作。\n\n\
         ### 机构设置：\n\n部门机构设置情况\n\n单位名称\t单位性质\t单位规格\t经费保障形式\n"
    );
    for (k, unit) in d.units.iter().enumerate() {
        let nature = if k == 0 { "行政" } else { "事业" };
        let _ = writeln!(out, "{unit}\t{nature}\t正处（县）级\t财政拨款");
    }
    let _ = write!(
        out,
        "\n## 二、部门预算安排的总体情况\n\n\
         按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。\n\n\
         ### 1、收入说明\n\n\
         反映本部门当年全部收入。{year}年预算收入{}万元，其中：一般公共预算收入{}万元，基金预算收入{}万元，\
         国有资本经营预算收入0.00万元，财政专户核拨收入0.00万元，单位资金收入{}万元，上年结转结余{}万元。\n\n\
         ## 2、支出说明\n\n\
         {year}年支出预算{}万元，其中基本支出{}万元，包括人员经费{}万元和日常公用经费{}万元；项目支出{}万元，\
         主要为{}等{}项目经费。\n\n",
        w(d.total()),
        w(d.general()),
        w(d.fund()),
        w(d.business()),
        w(d.carried()),
        w(d.total()),
        w(d.basic()),
        w(d.personnel()),
        w(d.public_use()),
        w(d.project()),
        d.cards
            .iter()
            .take(3)
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        d.cards.len()
    );
    let _ = write!(
        out,
        "## 三、机关运行经费安排情况\n\n\
         {year}年，我部门机关运行经费共计安排{}万元，主要用于日常维修、办公用房水电费等日常运行支出。\n\n\
         ## 四、财政拨款“三公”经费预算情况及增减变化原因\n\n\
         {year}年，我部门财政拨款“三公”经费预算安排{}万元，其中因公出国（境）费0.00万元；\
         公务用车购置及运维费{}万元（其中：公务用车购置费为0.00万元，公务用车运维费{}万元）；公务接待费0.00万元。\n\n\
         ## 五、部门整体绩效目标\n\n### （一）总体绩效目标\n\n全面完成年度各项工作任务。\n\n\
         ## 六、部门主管专项资金预算安排情况及绩效目标\n\n无。\n\n\
         ## 七、部门项目预算安排情况及绩效目标\n\n",
        w(d.public_use()),
        w(d.vehicles()),
        w(d.vehicles()),
        w(d.vehicles()),
    );
}

fn cards(out: &mut String, d: &Department) {
    for (k, card) in d.cards.iter().enumerate() {
        let budget = wan(card.budget);
        let fiscal = if card.fiscal > 0 {
            wan(card.fiscal).to_string()
        } else {
            String::new()
        };
        let other = if card.budget > card.fiscal {
            wan(card.budget - card.fiscal).to_string()
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "## {}、{}绩效目标表\n\n单位：万元\n\n\
             项目编码\t{}\t\t项目名称\t{}\t\t\n\
             预算规模及 资金用途\t预算数\t{budget}\t其中：财政资金\t{fiscal}\t其他资金\t{other}\n\
             \t用于{}的各项支出\t\t\t\t\t\n\
             资金支出计 划（%）\t3月底\t\t6月底\t10月底\t12月底\t\n\
             \t25%\t\t50%\t80%\t100%\t\n\
             绩效目标\t1. 保障{}按计划完成。\t\t\t\t\t\n\
             一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\t\n\
             产出指标\t数量指标\t完成工作任务数\t全年完成的工作任务数量\t≥{} 项\t年度工作计划\t\n\
             \t质量指标\t工作任务完成合格率\t完成的工作任务达到质量要求的比例\t≥95 百分比\t年度工作计划\t\n\
             \t时效指标\t任务按时完成率\t在规定时间内完成的比例\t100 百分比\t年度工作计划\t\n\
             \t成本指标\t项目运行成本\t全年项目运行费用\t≤{budget} 万元\t部门预算\t\n\
             效益指标\t社会效益指标\t服务保障水平提升率\t服务保障水平较上年的提升\t≥5 百分比\t年度工作计划\t\n\
             \t可持续影响指标\t工作机制长效运行\t工作机制持续发挥作用\t长期\t年度工作计划\t\n\
             满意度指标\t服务对象满意度指标\t服务对象满意度\t服务对象对工作的满意程度\t≥90 百分比\t调查问卷\t\n\n",
            k + 1,
            card.name,
            card.code,
            card.name,
            card.name,
            card.name,
            2 + k % 20,
        );
    }
}

fn tail(out: &mut String, d: &Department) {
    let _ = write!(
        out,
        "## 八、政府采购预算情况\n\n注：无政府采购预算，空表列示。\n\n\
         ## 九、国有资产信息\n\n{}上年末固定资产情况详见决算公开。\n\n\
         ## 十、名词解释\n\n\
         - 1、**财政拨款收入：**指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。\n\
         - 2、**事业收入：**指事业单位开展专业业务活动及辅助活动所取得的收入。\n\
         - 3、**上年结转：**指以前年度安排、结转到本年仍按原规定用途继续使用的资金。\n\
         - 4、**机关运行经费：**是指各部门(单位)的公用经费。\n\n\
         ## 十一、其他需要说明的事项\n\n无。\n",
        d.name
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_text() {
        let a = generate(5, 7);
        let b = generate(5, 7);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.text, y.text);
        }
        let c = generate(5, 8);
        assert_ne!(a[0].text, c[0].text);
    }

    #[test]
    fn the_truth_reconciles() {
        for g in generate(40, 3) {
            let d = &g.truth;
            assert_eq!(d.basic(), d.economic.iter().map(|(_, v)| v).sum::<Cents>());
            assert_eq!(d.personnel() + d.public_use(), d.basic());
            assert_eq!(d.project(), d.cards.iter().map(|c| c.budget).sum::<Cents>());
            assert_eq!(d.total(), d.basic() + d.project());
            assert!((1..=30).contains(&d.cards.len()));
        }
    }
}
