//! Project performance cards (项目绩效目标表): labelled header fields, the
//! spending plan, the goal and the indicator rows.

use rust_decimal::Decimal;

use super::lines::{
    join_fragments, preamble, push_fragment, squeeze_label, strip_numbering, Kind, Line, Preamble,
};
use super::ImportError;
use crate::model::{parse_amount, Indicator, IndicatorValue, PlanPoint, ProjectCard, Unit};

/// Whether a section holds a card: a row starting with 项目编码, or one
/// starting with 项目名称 under a heading about 绩效 (the 政府采购 table
/// also has a 项目名称 column).
pub(crate) fn holds_card(heading: &str, lines: &[Line]) -> bool {
    let first_cells = || {
        lines
            .iter()
            .filter_map(|l| l.row().and_then(|cells| cells.first()))
            .map(|c| squeeze_label(c))
    };
    first_cells().any(|c| c == "项目编码" || c == "项目代码")
        || (heading.contains("绩效") && first_cells().any(|c| c == "项目名称"))
}

/// A labelled header field of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Name,
    Budget,
    Fiscal,
    Other,
    CarriedOver,
    Nature,
    Period,
    Purpose,
    /// A label over other labels (预算规模及资金用途): no value of its own.
    Group,
}

fn field_of(label: &str) -> Option<Field> {
    let l = label
        .trim_start_matches("其中：")
        .trim_start_matches("其中:")
        .trim_end_matches(['：', ':']);
    let field = match l {
        "项目编码" | "项目代码" => Field::Code,
        "项目名称" => Field::Name,
        "预算数" | "项目资金" | "年度资金总额" | "资金总额" | "预算金额" | "项目总额" => {
            Field::Budget
        }
        "财政资金" | "财政拨款" => Field::Fiscal,
        "其他资金" => Field::Other,
        "上年结转" | "上年结转资金" => Field::CarriedOver,
        "项目性质" => Field::Nature,
        "起止日期" | "项目期" | "项目起止日期" | "实施期限" | "执行期限" => {
            Field::Period
        }
        "资金用途" | "项目概况" | "项目内容" | "主要内容" => Field::Purpose,
        "预算规模及资金用途" | "预算规模" => Field::Group,
        _ => return None,
    };
    Some(field)
}

fn is_goal_label(label: &str) -> bool {
    matches!(
        label,
        "绩效目标" | "年度绩效目标" | "总体目标" | "年度目标" | "项目绩效目标" | "年度总体目标"
    )
}

/// Which cell of an indicator row holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IndicatorColumns {
    level1: usize,
    level2: usize,
    level3: usize,
    description: usize,
    value: usize,
    basis: usize,
}

impl IndicatorColumns {
    /// Reads the header row `一级指标 二级指标 三级指标 绩效指标描述 指标值
    /// 指标值确定依据`; columns it does not name keep their usual place.
    pub(crate) fn from_header(cells: &[String]) -> IndicatorColumns {
        let labels: Vec<String> = cells.iter().map(|c| squeeze_label(c)).collect();
        let find = |pred: &dyn Fn(&str) -> bool, default: usize| {
            labels.iter().position(|l| pred(l)).unwrap_or(default)
        };
        IndicatorColumns {
            level1: find(&|l| l == "一级指标", 0),
            level2: find(&|l| l == "二级指标", 1),
            level3: find(&|l| l == "三级指标", 2),
            description: find(&|l| l.contains("描述") || l == "指标内容", 3),
            value: find(
                &|l| l.contains("指标值") && !l.contains("依据") && !l.contains("确定"),
                4,
            ),
            basis: find(&|l| l.contains("依据") || l.contains("确定"), 5),
        }
    }
}

fn is_indicator_header(cells: &[String]) -> bool {
    cells
        .first()
        .is_some_and(|c| squeeze_label(c) == "一级指标")
}

/// What an indicator row is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum IndicatorRow {
    Blank,
    /// The first cells are empty: the text continues cells of the row above
    /// (a page break cut them). Pairs of (column, text).
    Continuation(Vec<(usize, String)>),
    New(Indicator),
}

/// Reads one indicator row. A blank 一级指标 inherits `previous`'s; so does
/// a blank 二级指标 (a merged cell) when the row has its own 三级指标.
pub(crate) fn read_indicator(
    cols: &IndicatorColumns,
    cells: &[String],
    line: usize,
    previous: Option<&Indicator>,
) -> IndicatorRow {
    let cell = |c: usize| cells.get(c).map_or("", |s| s.trim());
    if cells.iter().all(|c| c.trim().is_empty()) {
        return IndicatorRow::Blank;
    }
    let naming = [cols.level1, cols.level2, cols.level3];
    if naming.iter().all(|&c| cell(c).is_empty()) {
        let parts = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| (i, c.trim().to_string()))
            .collect();
        return IndicatorRow::Continuation(parts);
    }
    let inherit = |own: &str, theirs: Option<&String>| -> String {
        if own.is_empty() {
            theirs.cloned().unwrap_or_default()
        } else {
            squeeze_label(own)
        }
    };
    IndicatorRow::New(Indicator {
        level1: inherit(cell(cols.level1), previous.map(|p| &p.level1)),
        level2: inherit(cell(cols.level2), previous.map(|p| &p.level2)),
        level3: cell(cols.level3).to_string(),
        description: cell(cols.description).to_string(),
        value: IndicatorValue::parse(cell(cols.value)),
        basis: cell(cols.basis).to_string(),
        line,
    })
}

/// Appends continued text to the indicator it belongs to.
pub(crate) fn continue_indicator(
    cols: &IndicatorColumns,
    indicator: &mut Indicator,
    parts: &[(usize, String)],
) {
    for (c, text) in parts {
        let c = *c;
        if c == cols.basis {
            push_fragment(&mut indicator.basis, text);
        } else if c == cols.value {
            let raw = join_fragments(&indicator.value.raw, text);
            indicator.value = IndicatorValue::parse(&raw);
        } else if c == cols.description {
            push_fragment(&mut indicator.description, text);
        } else {
            push_fragment(&mut indicator.basis, text);
        }
    }
}

/// A month named by a plan label: `10月底` → 10.
fn plan_month(label: &str) -> Option<u8> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    let month: u8 = digits.parse().ok()?;
    (label[digits.len()..].starts_with('月') && (1..=12).contains(&month)).then_some(month)
}

fn parse_percent(text: &str) -> Result<Option<Decimal>, ()> {
    let t = text.trim().trim_end_matches(['%', '％']);
    parse_amount(t).map_err(|_| ())
}

/// Builds the plan points: one per printed label, the value taken from the
/// same cell index of the values row.
pub(crate) fn plan_points(
    file: &str,
    labels: &[(usize, String)],
    values: Option<&RowRef<'_>>,
) -> Result<Vec<PlanPoint>, ImportError> {
    labels
        .iter()
        .map(|(i, label)| {
            let text = values.and_then(|v| v.cells.get(*i)).map_or("", |s| s.as_str());
            let percent = parse_percent(text).map_err(|_| {
                ImportError::new(
                    file,
                    values.map_or(0, |v| v.no),
                    format!("expected a percentage in column {label} of the spending plan, found \"{text}\""),
                )
                .zh(format!("资金支出计划的 {label} 栏应为百分比，实为“{text}”"))
            })?;
            Ok(PlanPoint {
                label: label.clone(),
                month: plan_month(label),
                percent,
            })
        })
        .collect()
}

/// A row and its line, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowRef<'a> {
    pub no: usize,
    pub cells: &'a [String],
}

/// Where a card parse stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Header,
    /// The plan labels are read; the values row comes next.
    PlanValues(Vec<(usize, String)>, usize),
    Body,
    Indicators(IndicatorColumns),
}

fn new_card(title: &str, seq: Option<u32>, unit: Unit, line: usize) -> ProjectCard {
    ProjectCard {
        seq,
        title: title.to_string(),
        code: String::new(),
        name: String::new(),
        unit,
        budget: None,
        fiscal_funds: None,
        other_funds: None,
        carried_over: None,
        nature: None,
        period: None,
        purpose: String::new(),
        spending_plan: Vec::new(),
        goal: String::new(),
        indicators: Vec::new(),
        extra: Vec::new(),
        line,
        page: None,
    }
}

/// Whether the card is Shanghai's 绩效目标申报表 / 填报表: labels and values
/// side by side in rows (项目名称 … 项目性质 …, 年度资金申请总额 …).
fn is_labelled_card(body: &[Line]) -> bool {
    let labels = || {
        body.iter()
            .filter_map(Line::row)
            .flat_map(|cells| cells.iter())
            .map(|c| squeeze_label(c))
    };
    labels().any(|l| l == "项目性质")
        && labels().any(|l| l.contains("资金申请总额") || l == "项目资金总额")
}

/// Reads a Shanghai card: each known label's value is the next non-empty
/// cell of its row; the indicator rows follow the 一级指标 header.
fn labelled_card(
    heading: &str,
    heading_line: usize,
    body: &[Line],
    fallback_unit: Unit,
) -> (Vec<ProjectCard>, OtherLines) {
    let mut card = new_card(heading, None, fallback_unit, heading_line);
    let mut others = Vec::new();
    let mut columns: Option<IndicatorColumns> = None;
    let (mut start, mut end) = (None, None);
    // Columns of 项目总目标 / 年度总体目标, whose texts are the next row's.
    let mut goal_cols: Vec<(usize, String)> = Vec::new();
    for line in body {
        let Some(cells) = line.row() else {
            if let Some(text) = line.text() {
                others.push((line.no, text.to_string()));
            }
            continue;
        };
        if let Some(cols) = &columns {
            let previous = card.indicators.last();
            match read_indicator(cols, cells, line.no, previous) {
                IndicatorRow::New(ind) => card.indicators.push(ind),
                IndicatorRow::Continuation(parts) => {
                    if let Some(last) = card.indicators.last_mut() {
                        continue_indicator(cols, last, &parts);
                    }
                }
                IndicatorRow::Blank => {}
            }
            continue;
        }
        if cells.iter().any(|c| squeeze_label(c) == "一级指标") {
            columns = Some(IndicatorColumns::from_header(cells));
            continue;
        }
        let labels: Vec<String> = cells.iter().map(|c| squeeze_label(c)).collect();
        if !goal_cols.is_empty() {
            // Each goal is the text from its column up to the next goal's.
            let cols = std::mem::take(&mut goal_cols);
            for (k, (col, label)) in cols.iter().enumerate() {
                let until = cols
                    .get(k + 1)
                    .map_or(cells.len(), |c| c.0)
                    .min(cells.len());
                let text: Vec<&str> = cells[(*col).min(until)..until]
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                let text = text.join("");
                if text.is_empty() {
                    continue;
                }
                if label == "年度总体目标" || card.goal.is_empty() {
                    card.goal = text.clone();
                }
                if label != "年度总体目标" {
                    card.extra.push((label.clone(), text));
                }
            }
            continue;
        }
        let goals: Vec<(usize, String)> = labels
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l.as_str(), "项目总目标" | "年度总体目标" | "年度目标"))
            .map(|(i, l)| (i, l.clone()))
            .collect();
        if !goals.is_empty() {
            goal_cols = goals;
            continue;
        }
        let value_after = |i: usize| -> Option<&str> {
            cells[i + 1..]
                .iter()
                .map(|c| c.trim())
                .find(|c| !c.is_empty())
        };
        let amount = |i: usize| value_after(i).and_then(|v| parse_amount(v).ok().flatten());
        for (i, label) in labels.iter().enumerate() {
            if label.contains("（元）") || label.contains("(元)") {
                card.unit = Unit::Yuan;
            } else if label.contains("（万元）") || label.contains("(万元)") {
                card.unit = Unit::WanYuan;
            }
            let l = label
                .trim_start_matches("其中：")
                .trim_start_matches("其中:");
            match l {
                "项目名称" => card.name = value_after(i).unwrap_or_default().to_string(),
                "项目编码" | "项目代码" => {
                    card.code = value_after(i).unwrap_or_default().to_string()
                }
                "项目性质" => card.nature = value_after(i).map(str::to_string),
                "计划开始日期" | "起止日期" => start = value_after(i).map(str::to_string),
                "计划完成日期" => end = value_after(i).map(str::to_string),
                "年度资金申请总额" => card.budget = amount(i),
                "当年财政拨款" => card.fiscal_funds = amount(i),
                "上年结转资金" | "上年结转" => card.carried_over = amount(i),
                // The 年度 side (right) is the one the budget is; its 其他资金
                // comes last in the row.
                "其他资金" => card.other_funds = amount(i),
                "项目资金总额" | "财政资金" | "主管部门" | "实施单位" | "项目类别" => {
                    if let Some(v) = value_after(i) {
                        card.extra.push((l.to_string(), v.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
    card.period = match (start, end) {
        (Some(s), Some(e)) => Some(format!("{s} 至 {e}")),
        (s, e) => s.or(e),
    };
    if card.name.is_empty() {
        return (Vec::new(), others);
    }
    card.title = heading.to_string();
    (vec![card], others)
}

/// Text lines of a card section that are not part of a card, with their
/// source lines: the caller keeps them as paragraphs.
pub(crate) type OtherLines = Vec<(usize, String)>;

/// Parses the cards of a section body. Returns the cards and the text
/// lines that are not part of them.
pub(crate) fn parse_cards(
    file: &str,
    heading: &str,
    heading_line: usize,
    body: &[Line],
    fallback_unit: Unit,
) -> Result<(Vec<ProjectCard>, OtherLines), ImportError> {
    if is_labelled_card(body) {
        return Ok(labelled_card(heading, heading_line, body, fallback_unit));
    }
    let (seq, title) = strip_numbering(heading);
    let mut cards = Vec::new();
    let mut others = Vec::new();
    let mut unit = fallback_unit;
    let mut card = new_card(title, seq, unit, heading_line);
    let mut phase = Phase::Header;
    let mut after_budget_row = false;
    let mut started = false;

    for line in body {
        let cells = match &line.kind {
            Kind::Row(cells) => cells,
            Kind::Text(text) => {
                if let Some(Preamble::Unit(u)) = preamble(text) {
                    unit = u;
                    card.unit = u;
                } else {
                    others.push((line.no, text.clone()));
                }
                continue;
            }
            Kind::Toc(text) => {
                others.push((line.no, text.clone()));
                continue;
            }
            _ => continue,
        };
        let first = cells.first().map(|c| squeeze_label(c)).unwrap_or_default();

        // A second 项目编码 row after the first card's body starts a new card.
        if started
            && matches!(first.as_str(), "项目编码" | "项目代码")
            && (!card.code.is_empty() || phase != Phase::Header)
        {
            if let Phase::PlanValues(labels, _) = &phase {
                card.spending_plan = plan_points(file, labels, None)?;
            }
            cards.push(std::mem::replace(
                &mut card,
                new_card(title, None, unit, line.no),
            ));
            phase = Phase::Header;
            after_budget_row = false;
        }
        started = true;

        if let Phase::PlanValues(labels, _) = &phase {
            let values_row = first.is_empty() || parse_percent(&first).is_ok();
            let row = RowRef { no: line.no, cells };
            card.spending_plan = plan_points(file, labels, values_row.then_some(&row))?;
            phase = Phase::Body;
            if values_row {
                continue;
            }
        }
        if first.starts_with("资金支出计划") || first.starts_with("支出计划") {
            let labels = cells
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| (i, squeeze_label(c)))
                .collect();
            phase = Phase::PlanValues(labels, line.no);
            continue;
        }
        if is_goal_label(&first) {
            let text = cells.iter().skip(1).filter(|c| !c.trim().is_empty()).fold(
                String::new(),
                |mut acc, c| {
                    push_fragment(&mut acc, c);
                    acc
                },
            );
            push_fragment(&mut card.goal, &text);
            phase = Phase::Body;
            continue;
        }
        if is_indicator_header(cells) {
            phase = Phase::Indicators(IndicatorColumns::from_header(cells));
            continue;
        }
        if let Phase::Indicators(cols) = &phase {
            match read_indicator(cols, cells, line.no, card.indicators.last()) {
                IndicatorRow::Blank => {}
                IndicatorRow::Continuation(parts) => match card.indicators.last_mut() {
                    Some(last) => continue_indicator(cols, last, &parts),
                    None => others.push((line.no, cells.join(" ").trim().to_string())),
                },
                IndicatorRow::New(indicator) => card.indicators.push(indicator),
            }
            continue;
        }
        read_header_row(file, &mut card, cells, line.no, &mut after_budget_row)?;
    }
    if let Phase::PlanValues(labels, _) = &phase {
        card.spending_plan = plan_points(file, labels, None)?;
    }
    if started {
        cards.push(card);
    }
    Ok((cards, others))
}

/// Reads a row of labelled header fields (`项目编码 | X | | 项目名称 | Y`).
fn read_header_row(
    file: &str,
    card: &mut ProjectCard,
    cells: &[String],
    line: usize,
    after_budget_row: &mut bool,
) -> Result<(), ImportError> {
    let labels: Vec<String> = cells.iter().map(|c| squeeze_label(c)).collect();
    let is_label = |i: usize| labels.get(i).is_some_and(|l| field_of(l).is_some());
    let amount = |label: &str, text: &str| -> Result<Option<Decimal>, ImportError> {
        parse_amount(text).map_err(|_| {
            ImportError::new(
                file,
                line,
                format!(
                    "expected an amount for {label} on the card, found \"{}\"",
                    text.trim()
                ),
            )
            .zh(format!(
                "绩效目标表的 {label} 应为金额，实为“{}”",
                text.trim()
            ))
        })
    };
    let budget_row = labels.iter().any(|l| field_of(l) == Some(Field::Group));
    let mut stray = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if labels[i].is_empty() {
            i += 1;
            continue;
        }
        let Some(field) = field_of(&labels[i]) else {
            // An unknown label with its value, or text standing alone.
            match cells
                .get(i + 1)
                .filter(|v| !v.trim().is_empty() && !is_label(i + 1))
            {
                Some(value) => {
                    card.extra
                        .push((labels[i].clone(), value.trim().to_string()));
                    i += 2;
                }
                None => {
                    stray.push(cells[i].trim().to_string());
                    i += 1;
                }
            }
            continue;
        };
        if field == Field::Group {
            i += 1;
            continue;
        }
        let label = labels[i].clone();
        let value = match cells.get(i + 1) {
            Some(v) if !is_label(i + 1) => {
                i += 2;
                v.trim()
            }
            _ => {
                i += 1;
                ""
            }
        };
        if value.is_empty() {
            // A blank cell leaves the field blank; it must not clear a value
            // another label of the same field gave (项目资金 | 年度资金总额 | 9.5).
            continue;
        }
        match field {
            Field::Code => card.code = value.to_string(),
            Field::Name => card.name = value.to_string(),
            Field::Budget => card.budget = amount(&label, value)?,
            Field::Fiscal => card.fiscal_funds = amount(&label, value)?,
            Field::Other => card.other_funds = amount(&label, value)?,
            Field::CarriedOver => card.carried_over = amount(&label, value)?,
            Field::Nature => card.nature = Some(value.to_string()),
            Field::Period => card.period = Some(value.to_string()),
            Field::Purpose => push_fragment(&mut card.purpose, value),
            Field::Group => {}
        }
    }
    if !stray.is_empty() {
        let text = stray.iter().fold(String::new(), |mut acc, s| {
            push_fragment(&mut acc, s);
            acc
        });
        // The row under 预算规模及资金用途 holds the purpose, unlabelled.
        if *after_budget_row || card.purpose.is_empty() {
            push_fragment(&mut card.purpose, &text);
        } else {
            card.extra.push((String::new(), text));
        }
    }
    *after_budget_row = budget_row;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split_lines;

    fn cells(text: &str) -> Vec<String> {
        text.split('\t').map(|c| c.trim().to_string()).collect()
    }

    #[test]
    fn continuation_rows_merge_into_the_cell_above() {
        let cols = IndicatorColumns::from_header(&cells(
            "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据",
        ));
        let IndicatorRow::New(mut first) = read_indicator(
            &cols,
            &cells("\t质量指标\t政府门户网站每日更新信息数量\t描述\t≥10 条\t国办秘函（2019）19号）》冀政\t"),
            488,
            None,
        ) else {
            panic!("expected an indicator");
        };
        let IndicatorRow::Continuation(parts) = read_indicator(
            &cols,
            &cells("\t\t\t\t\t办字 (2017) 104号)"),
            491,
            Some(&first),
        ) else {
            panic!("expected a continuation");
        };
        continue_indicator(&cols, &mut first, &parts);
        assert_eq!(
            first.basis,
            "国办秘函（2019）19号）》冀政办字 (2017) 104号)"
        );
        assert_eq!(first.line, 488);
    }

    #[test]
    fn blank_level1_inherits() {
        let cols = IndicatorColumns::from_header(&cells(
            "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据",
        ));
        let IndicatorRow::New(first) = read_indicator(
            &cols,
            &cells("产出指标\t数量指标\t会议活动次数\t次数\t≥2次\t会议方案"),
            1,
            None,
        ) else {
            panic!()
        };
        let IndicatorRow::New(second) = read_indicator(
            &cols,
            &cells("\t质量指标\t参会人员出席率\t到会率\t≥98百分率\t会议方案"),
            2,
            Some(&first),
        ) else {
            panic!()
        };
        assert_eq!(second.level1, "产出指标");
        assert_eq!(second.level2, "质量指标");
        assert_eq!(second.value.raw, "≥98百分率");
    }

    #[test]
    fn plan_values_align_by_cell_index() {
        let body = split_lines(
            "单位：万元\n\
项目编码\tP1\t\t项目名称\t甲\t\t\n\
预算规模及 资金用途\t预算数\t600.00\t其中：财政 资金\t600.00\t其他资金\t\n\
\t用于甲\t\t\t\t\t\n\
资金支出计 划（%）\t3 月底\t\t6 月底\t\t10 月底\t\n\
\t25%\t\t50%\t\t75%\t\n\
绩效目标\t目标甲。\t\t\t\t\t\n",
        );
        let (cards, others) = parse_cards("x", "2、甲绩效目标表", 10, &body, Unit::Yuan).unwrap();
        assert!(others.is_empty());
        let card = &cards[0];
        assert_eq!(card.seq, Some(2));
        assert_eq!(card.title, "甲绩效目标表");
        assert_eq!(card.unit, Unit::WanYuan);
        assert_eq!(card.fiscal_funds.unwrap().to_string(), "600.00");
        assert_eq!(card.other_funds, None);
        assert_eq!(card.purpose, "用于甲");
        let plan: Vec<(String, Option<u8>, Option<String>)> = card
            .spending_plan
            .iter()
            .map(|p| (p.label.clone(), p.month, p.percent.map(|d| d.to_string())))
            .collect();
        assert_eq!(
            plan,
            [
                ("3月底".into(), Some(3), Some("25".into())),
                ("6月底".into(), Some(6), Some("50".into())),
                ("10月底".into(), Some(10), Some("75".into())),
            ]
        );
        assert!(!card.plan_has_year_end());
        assert_eq!(card.goal, "目标甲。");
    }

    #[test]
    fn unknown_labels_go_to_extra() {
        let body =
            split_lines("项目编码\tP1\t项目名称\t甲\n主管部门\t某局\t项目性质\t经常性项目\n");
        let (cards, _) = parse_cards("x", "甲绩效目标申报表", 1, &body, Unit::Yuan).unwrap();
        assert_eq!(
            cards[0].extra,
            [("主管部门".to_string(), "某局".to_string())]
        );
        assert_eq!(cards[0].nature.as_deref(), Some("经常性项目"));
        assert_eq!(cards[0].seq, None);
    }

    #[test]
    fn a_bad_card_amount_is_an_error() {
        let body = split_lines("项目编码\tP1\n预算规模及 资金用途\t预算数\t6.0x\n");
        let err = parse_cards("c.txt", "1、甲绩效目标表", 1, &body, Unit::Yuan).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("预算数"), "{err}");
    }
}
