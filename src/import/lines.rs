//! Lines of the text form and the small text rules every other part uses:
//! markup removal, label squeezing, numbering ranks, dates, table preambles.

use crate::model::{TableKind, Unit};

/// What one source line is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Blank,
    /// A markdown heading, markup removed. `level` is the number of `#`s,
    /// which the PDF conversion gets wrong: ranks come from the numbering.
    Heading {
        level: usize,
        text: String,
    },
    /// A tab-separated table row, cells trimmed but otherwise as printed.
    Row(Vec<String>),
    /// A table-of-contents entry (`部门预算收支总表.....`, a tab, `- 1 -`).
    Toc(String),
    /// Any other text, trimmed.
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    pub kind: Kind,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.kind == Kind::Blank
    }

    pub fn row(&self) -> Option<&[String]> {
        match &self.kind {
            Kind::Row(cells) => Some(cells),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Splits the text into classified lines. Accepts LF and CRLF endings.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            kind: classify(raw.strip_suffix('\r').unwrap_or(raw)),
        })
        .collect()
}

fn classify(raw: &str) -> Kind {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    if let Some(heading) = markdown_heading(trimmed) {
        return heading;
    }
    if is_toc_entry(trimmed) {
        return Kind::Toc(trimmed.replace('\t', " "));
    }
    if raw.contains('\t') {
        let cells = raw
            .trim_end_matches(['\r', '\n'])
            .split('\t')
            .map(|c| c.trim().to_string())
            .collect();
        return Kind::Row(cells);
    }
    Kind::Text(trimmed.to_string())
}

fn markdown_heading(trimmed: &str) -> Option<Kind> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Kind::Heading {
        level,
        text: clean_markup(rest),
    })
}

/// `一、部门职责及机构设置情况.....` then `- 13 -`: dot leaders and a page number.
fn is_toc_entry(trimmed: &str) -> bool {
    let has_leader = trimmed.contains("...") || trimmed.contains('…');
    let ends_with_page = trimmed
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace())
        .ends_with(|c: char| c.is_ascii_digit());
    has_leader && ends_with_page
}

/// Removes `<b>…</b>`-style tags and `**` emphasis, and trims.
pub(crate) fn clean_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        // A tag is at most `</` + 10 ASCII characters + `>`: look no further
        // than that for its `>`, so a line of many `<` stays linear.
        let close = tail.as_bytes()[1..]
            .iter()
            .take(12)
            .position(|&b| b == b'>')
            .map(|p| p + 1);
        match close {
            // Only ASCII tag names count as markup; `<` in prose stays.
            Some(end) if is_tag(&tail[1..end]) => rest = &tail[end + 1..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").trim().to_string()
}

fn is_tag(inner: &str) -> bool {
    let name = inner.strip_prefix('/').unwrap_or(inner);
    !name.is_empty() && name.len() <= 10 && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A header label with markup removed and the spaces the PDF puts inside
/// words removed (`资 金 性 质` → `资金性质`, `3 月底` → `3月底`). A space
/// between two ASCII letters or digits is kept (`IPv6 转换` loses its space,
/// `GB T` keeps it).
pub(crate) fn squeeze_label(text: &str) -> String {
    let cleaned = clean_markup(text);
    let chars: Vec<char> = cleaned.chars().collect();
    let mut out = String::with_capacity(cleaned.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            if let (Some(b), Some(a)) = (before, after) {
                if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric() {
                    out.push(' ');
                }
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Joins two pieces of one text cut by a page break: no space between
/// Chinese characters, one space between ASCII words.
/// [`join_fragments`] in place: appends `second` to `acc`, so that joining
/// the many lines of one paragraph or cell costs time linear in its length
/// (joining into a new string each time was quadratic).
pub(crate) fn push_fragment(acc: &mut String, second: &str) {
    let kept = acc.trim_end().len();
    acc.truncate(kept);
    let second = second.trim_start();
    let ascii_seam = acc.ends_with(|c: char| c.is_ascii_alphanumeric())
        && second.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ascii_seam {
        acc.push(' ');
    }
    acc.push_str(second);
}

pub(crate) fn join_fragments(first: &str, second: &str) -> String {
    let first = first.trim_end();
    let second = second.trim_start();
    let ascii_seam = first.ends_with(|c: char| c.is_ascii_alphanumeric())
        && second.starts_with(|c: char| c.is_ascii_alphanumeric());
    if first.is_empty() {
        second.to_string()
    } else if ascii_seam {
        format!("{first} {second}")
    } else {
        format!("{first}{second}")
    }
}

/// Whether a paragraph ends a sentence (so the next one is not its
/// continuation). Closing quotes and brackets after the mark are looked
/// through: `…。”`.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let body = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '”' | '’' | '"' | '\'' | '）' | ')' | '】' | '」' | '』' | '*'
            )
    });
    body.ends_with(['。', '！', '？', '；', '!', '?', ';', '.', '：', ':', '…'])
}

const CN_NUMERALS: &str = "一二三四五六七八九十百零〇两";

/// Rank of a heading from its numbering: 1 for `一、`, 2 for `（一）`,
/// 3 for `1、` / `1.`, 4 for `（1）`, `None` when it is not numbered.
pub(crate) fn numbering_rank(text: &str) -> Option<u8> {
    let t = clean_markup(text);
    let t = t.trim_start();
    let cn_len = t
        .chars()
        .take_while(|c| CN_NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if cn_len > 0 && t[cn_len..].starts_with(['、', '.', '．']) {
        return Some(1);
    }
    if let Some(inner) = t.strip_prefix(['（', '(']) {
        let cn: usize = inner
            .chars()
            .take_while(|c| CN_NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum();
        if cn > 0 && inner[cn..].starts_with(['）', ')']) {
            return Some(2);
        }
        let digits: usize = inner
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .map(char::len_utf8)
            .sum();
        if digits > 0 && inner[digits..].starts_with(['）', ')']) {
            return Some(4);
        }
    }
    let digits: usize = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 {
        let rest = &t[digits..];
        if rest.starts_with('、') {
            return Some(3);
        }
        if let Some(after) = rest.strip_prefix(['.', '．']) {
            // `1.5万元` is a number, not a numbering; `1.1. 热情…` is one.
            let more = after.chars().take_while(char::is_ascii_digit).count();
            if more == 0 || after[more..].starts_with('.') {
                return Some(3);
            }
        }
    }
    if t.starts_with(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩']) {
        return Some(4);
    }
    None
}

/// Strips a leading numbering (`2、`, `1.`, `一、`) and returns the number
/// when it is an Arabic one.
pub(crate) fn strip_numbering(text: &str) -> (Option<u32>, &str) {
    let t = text.trim_start();
    let digits: usize = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &t[digits..];
        if let Some(after) = rest.strip_prefix(['、', '.', '．']) {
            return (t[..digits].parse().ok(), after.trim_start());
        }
    }
    let cn: usize = t
        .chars()
        .take_while(|c| CN_NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    if cn > 0 {
        if let Some(after) = t[cn..].strip_prefix('、') {
            return (None, after.trim_start());
        }
    }
    (None, t)
}

/// Parses a date as printed (`2025 年 2 月 20 日`, `2024-12-31`,
/// `2024.12.31`, `2024/12/31`) into ISO `YYYY-MM-DD`. The whole text must
/// be the date.
pub(crate) fn parse_date(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_suffix('日').unwrap_or(&t);
    let parts: Vec<&str> = t.split(['年', '月', '-', '.', '/']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    if !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) || parts[0].len() != 4 {
        return None;
    }
    let year: u16 = parts[0].parse().ok()?;
    let month: u8 = parts[1].parse().ok()?;
    let day: u8 = parts[2].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The first `20xx 年` in a title, with where it starts.
pub(crate) fn find_year(text: &str) -> Option<(usize, u16)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let boundary_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if window.iter().all(u8::is_ascii_digit) && boundary_before && boundary_after {
            let year: u16 = text[i..i + 4].parse().ok()?;
            let after = text[i + 4..].trim_start();
            if (1990..=2100).contains(&year) && after.starts_with('年') {
                return Some((i, year));
            }
        }
        i += 1;
    }
    None
}

/// A line printed above a table (or an asset / procurement grid).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Preamble {
    /// `211 邢台市人民政府办公室`: the owner line, code split off.
    Owner { code: Option<String>, text: String },
    /// `预算年度：2025`
    Year(u16),
    /// `单位：万元`
    Unit(Unit),
    /// `截止时间：2024-12-31`
    AsOf(Option<String>),
}

/// Recognises a preamble line.
pub(crate) fn preamble(text: &str) -> Option<Preamble> {
    let t = squeeze_label(text);
    let value_after = |prefixes: &[&str]| -> Option<String> {
        prefixes.iter().find_map(|p| {
            t.strip_prefix(p)
                .map(|rest| rest.trim_start_matches(['：', ':']).to_string())
        })
    };
    if let Some(year) = value_after(&["预算年度", "年度"]) {
        let digits: String = year.chars().take_while(char::is_ascii_digit).collect();
        return digits.parse().ok().map(Preamble::Year);
    }
    if let Some(rest) = value_after(&["金额单位", "单位"]) {
        if rest.len() <= 12 {
            return Unit::from_label(&rest).map(Preamble::Unit);
        }
    }
    if let Some(rest) = value_after(&["截止时间", "截止日期", "截至日期", "截至", "截止"])
    {
        return Some(Preamble::AsOf(parse_date(&rest)));
    }
    if let Some(rest) = value_after(&[
        "部门名称",
        "单位名称",
        "编制部门",
        "编制单位",
        "预算单位",
        "部门",
    ]) {
        if !rest.is_empty() && (t.contains('：') || t.contains(':')) {
            return Some(Preamble::Owner {
                code: None,
                text: rest,
            });
        }
    }
    owner_line(text)
}

/// `211 邢台市人民政府办公室`: a budget code, a space and a name (not a
/// date such as `2025 年 2 月 20 日`).
fn owner_line(text: &str) -> Option<Preamble> {
    let t = text.trim();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &t[digits..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let name = rest.trim();
    let looks_like_name = name.chars().count() >= 2
        && !name.starts_with(['年', '月', '日', '万', '元', '%', '％'])
        && !name.contains(['。', '，', '\t'])
        && name.chars().count() <= 40;
    looks_like_name.then(|| Preamble::Owner {
        code: Some(t[..digits].to_string()),
        text: t.to_string(),
    })
}

/// Strips Jiangsu's table number from a title: `公开 05 表：…` → `…`
/// (`公开05表` alone gives an empty string). Squeezed text in, squeezed out.
pub(crate) fn strip_table_number(t: &str) -> &str {
    let Some(rest) = t.strip_prefix("公开") else {
        return t;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    match rest[digits..].strip_prefix('表') {
        Some(after) if digits > 0 => after.trim_start_matches(['：', ':', ' ']),
        _ => t,
    }
}

/// Whether a line is a bare table number (`公开 05 表`), printed on a line of
/// its own above the title.
pub(crate) fn is_table_number(text: &str) -> bool {
    let t = squeeze_label(text);
    t != strip_table_number(&t) && strip_table_number(&t).is_empty()
}

/// The table a title line names, or `None` when it names none: a standard
/// table of any region (`部门财务收支预算总表`, `公开 07 表：一般公共预算支出
/// 预算表（功能科目）`), or [`TableKind::Other`] for a budget table that is
/// not one of the nine (Jiangsu's 财政拨款支出预算表, 机关运行经费支出预算表,
/// 政府采购支出预算表). A card title (绩效目标表), a numbered item, a
/// sentence or a long line is not a title.
pub(crate) fn table_title_kind(text: &str) -> Option<TableKind> {
    let squeezed = squeeze_label(text);
    let t = strip_table_number(&squeezed);
    // A qualifier after the name: `…预算表（功能科目）`.
    let core = match t.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(t, |at| &inner[..at]),
        None => t,
    };
    if !core.ends_with('表')
        || t.chars().count() > 40
        || t.contains('。')
        || t.contains("绩效目标")
        || numbering_rank(t).is_some()
    {
        return None;
    }
    match TableKind::from_title(t) {
        // A bare `支出预算表` is the second line of a wrapped title, not one.
        TableKind::Other
            if core.contains("预算表")
                && (core.contains("支出") || core.contains("收入"))
                && core.chars().count() >= 7 =>
        {
            Some(TableKind::Other)
        }
        TableKind::Other => None,
        kind => Some(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_and_crlf_is_stripped() {
        let lines = split_lines(
            "## 部门预算收支总表\r\n\r\n序号\t收入\r\n部门预算收支总表.....\t- 1 -\r\n正文",
        );
        assert_eq!(
            lines[0].kind,
            Kind::Heading {
                level: 2,
                text: "部门预算收支总表".into()
            }
        );
        assert!(lines[1].is_blank());
        assert_eq!(
            lines[2].row(),
            Some(&["序号".to_string(), "收入".to_string()][..])
        );
        assert!(matches!(lines[3].kind, Kind::Toc(_)));
        assert_eq!(lines[4].text(), Some("正文"));
        assert_eq!(lines[4].no, 5);
    }

    #[test]
    fn markup_is_removed_but_prose_angle_brackets_stay() {
        assert_eq!(clean_markup("<b>本年收入合计</b>"), "本年收入合计");
        assert_eq!(clean_markup("为 **1279.98** 万元"), "为 1279.98 万元");
        assert_eq!(clean_markup("a < b"), "a < b");
        assert_eq!(clean_markup("<tr1234567>x</tr1234567>"), "x");
        assert_eq!(clean_markup("a <b c> d"), "a <b c> d");
    }

    #[test]
    fn labels_lose_spaces_inside_words() {
        assert_eq!(squeeze_label("资 金 性 质"), "资金性质");
        assert_eq!(
            squeeze_label("一般公共预算 财政拨款"),
            "一般公共预算财政拨款"
        );
        assert_eq!(squeeze_label("项 目"), "项目");
        assert_eq!(squeeze_label("3 月底"), "3月底");
        assert_eq!(squeeze_label("其中：财政 资金"), "其中：财政资金");
        assert_eq!(squeeze_label("GB T"), "GB T");
    }

    #[test]
    fn fragments_join_without_space_between_chinese() {
        assert_eq!(
            join_fragments("国办秘函（2019）19号）》冀政", "办字 (2017) 104号)"),
            "国办秘函（2019）19号）》冀政办字 (2017) 104号)"
        );
        assert_eq!(join_fragments("IPv6", "ready"), "IPv6 ready");
        assert_eq!(join_fragments("", "x"), "x");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("无。"));
        assert!(ends_sentence("“第一议题”。”"));
        assert!(!ends_sentence("机关干部和青年"));
        assert!(!ends_sentence("（含车辆购置税、"));
    }

    #[test]
    fn heading_ranks_come_from_numbering() {
        assert_eq!(numbering_rank("二、部门预算安排的总体情况"), Some(1));
        assert_eq!(numbering_rank("**十一、其他需要说明的事项**"), Some(1));
        assert_eq!(numbering_rank("（二）分项绩效目标"), Some(2));
        assert_eq!(numbering_rank("2、支出说明"), Some(3));
        assert_eq!(numbering_rank("2. 耐心细致的做好话务受理"), Some(3));
        assert_eq!(numbering_rank("12、综合业务管理经费绩效目标表"), Some(3));
        assert_eq!(numbering_rank("（1）小项"), Some(4));
        assert_eq!(numbering_rank("部门职责："), None);
        assert_eq!(numbering_rank("2025 年部门预算信息公开目录"), None);
        assert_eq!(numbering_rank("1.5万元的用途"), None);
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(
            strip_numbering("2、基本工作经费 B（市长热线)绩效目标表"),
            (Some(2), "基本工作经费 B（市长热线)绩效目标表")
        );
        assert_eq!(strip_numbering("十、名词解释"), (None, "名词解释"));
        assert_eq!(strip_numbering("名词解释"), (None, "名词解释"));
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(
            parse_date("2025 年 2 月 20 日").as_deref(),
            Some("2025-02-20")
        );
        assert_eq!(parse_date("2024-12-31").as_deref(), Some("2024-12-31"));
        assert_eq!(parse_date("2024年13月1日"), None);
        assert_eq!(parse_date("2025 年部门预算"), None);
        assert_eq!(
            find_year("邢台市人民政府办公室 2025 年部门预算公开信息"),
            Some((31, 2025))
        );
        assert_eq!(find_year("预算 12025 年"), None);
    }

    #[test]
    fn preamble_lines() {
        assert_eq!(
            preamble("211 邢台市人民政府办公室"),
            Some(Preamble::Owner {
                code: Some("211".into()),
                text: "211 邢台市人民政府办公室".into()
            })
        );
        assert_eq!(preamble("预算年度：2025"), Some(Preamble::Year(2025)));
        assert_eq!(preamble("单位：万元"), Some(Preamble::Unit(Unit::WanYuan)));
        assert_eq!(preamble("金额单位：元"), Some(Preamble::Unit(Unit::Yuan)));
        assert_eq!(
            preamble("截止时间：2024-12-31"),
            Some(Preamble::AsOf(Some("2024-12-31".into())))
        );
        assert_eq!(preamble("2025 年 2 月 20 日"), None);
        assert_eq!(preamble("本部门“三定”方案涉密，部门职责属涉密信息。"), None);
    }

    #[test]
    fn table_titles_of_every_region() {
        use crate::model::TableKind as K;
        let cases = [
            ("部门预算收支总表", Some(K::IncomeExpenditureSummary)),
            ("公开 01表：收支预算总表", Some(K::IncomeExpenditureSummary)),
            (
                "公开 07 表：一般公共预算支出预算表",
                Some(K::GeneralPublicExpenditure),
            ),
            (
                "一般公共预算基本支出预算表（经济科目）",
                Some(K::GeneralPublicBasic),
            ),
            ("财政拨款支出预算表（功能科目）", Some(K::Other)),
            (
                "公开 11表：一般公共预算机关运行经费支出预算表",
                Some(K::Other),
            ),
            ("政府采购支出预算表", Some(K::Other)),
            ("部门固定资产占用情况表", None),
            ("部门预算公开表", None),
            ("1、大型会议和活动经费绩效目标表", None),
            ("公开05表", None),
            ("支出预算表", None),
        ];
        for (title, kind) in cases {
            assert_eq!(table_title_kind(title), kind, "{title}");
        }
        assert!(is_table_number("公开 05 表"));
        assert!(!is_table_number("公开 05 表：收支预算总表"));
        assert!(!is_table_number("公开信息"));
    }
}
