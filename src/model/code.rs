//! Classification codes (政府收支分类科目) and the trees derived from them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::table::TableRow;

/// A classification code, kept as text: `2010301`, `30231`.
///
/// Codes are never numbers (leading digits matter and some are 20+ digits).
/// Regions that print the code split into columns (`208 05 01`) are joined
/// into one code on construction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Code(String);

/// Loading a code (from RON or JSON) goes through [`Code::parse`], so a
/// code is always ASCII digits wherever it came from.
impl TryFrom<String> for Code {
    type Error = String;

    fn try_from(text: String) -> Result<Code, String> {
        Code::parse(&text)
            .ok_or_else(|| format!("not a classification code: `{text}` (expected digits)"))
    }
}

impl From<Code> for String {
    fn from(code: Code) -> String {
        code.0
    }
}

impl Code {
    /// Joins the printed parts (`"208 05 01"`, `"301\t01"`) into one code.
    /// Returns `None` unless what remains is all ASCII digits.
    pub fn parse(text: &str) -> Option<Code> {
        let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !joined.is_empty() && joined.chars().all(|c| c.is_ascii_digit()) {
            Some(Code(joined))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Depth in the scheme: 1 = 类, 2 = 款, 3 = 项. `None` for a length the
    /// scheme does not use.
    pub fn depth(&self, scheme: CodeScheme) -> Option<usize> {
        scheme
            .lengths()
            .iter()
            .position(|&len| len == self.0.len())
            .map(|i| i + 1)
    }

    /// The parent code (20103 for 2010301), if this code is below 类.
    pub fn parent(&self, scheme: CodeScheme) -> Option<Code> {
        let depth = self.depth(scheme)?;
        if depth <= 1 {
            return None;
        }
        let parent_len = *scheme.lengths().get(depth.checked_sub(2)?)?;
        self.0.get(..parent_len).map(|p| Code(p.to_string()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeScheme {
    /// 支出功能分类: 类 3 → 款 5 → 项 7 digits.
    Functional,
    /// 部门预算支出经济分类: 类 3 → 款 5 digits.
    Economic,
}

impl CodeScheme {
    /// Code length at each depth.
    pub fn lengths(self) -> &'static [usize] {
        match self {
            CodeScheme::Functional => &[3, 5, 7],
            CodeScheme::Economic => &[3, 5],
        }
    }

    /// The name of each depth: 类 / 款 / 项.
    pub fn depth_name(self, depth: usize) -> &'static str {
        match depth {
            1 => "类",
            2 => "款",
            _ => "项",
        }
    }
}

/// One code of a [`ClassificationTree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    pub code: Code,
    /// Name as the document prints it; `None` for a parent the document
    /// never prints (its children imply it).
    pub name: Option<String>,
    /// 1 = 类, 2 = 款, 3 = 项.
    pub depth: usize,
    pub parent: Option<usize>,
    /// Indexes into [`ClassificationTree::nodes`], in code order.
    pub children: Vec<usize>,
}

/// The codes of one scheme arranged 类 → 款 → 项, derived from the rows that
/// carry them. Nodes are stored flat in code order (a pre-order walk), so a
/// subtree is a contiguous run of `nodes`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassificationTree {
    pub scheme: Option<CodeScheme>,
    pub nodes: Vec<TreeNode>,
    pub roots: Vec<usize>,
}

impl ClassificationTree {
    /// Builds the tree from coded rows. The first name seen for a code wins;
    /// codes of a length the scheme does not use are ignored; a missing
    /// parent is added without a name.
    pub fn from_rows<'a>(scheme: CodeScheme, rows: impl IntoIterator<Item = &'a TableRow>) -> Self {
        let mut names: BTreeMap<Code, Option<String>> = BTreeMap::new();
        for row in rows {
            let Some(code) = &row.code else { continue };
            if code.depth(scheme).is_none() {
                continue;
            }
            let mut ancestor = code.parent(scheme);
            while let Some(parent) = ancestor {
                ancestor = parent.parent(scheme);
                names.entry(parent).or_insert(None);
            }
            let entry = names.entry(code.clone()).or_insert(None);
            if entry.is_none() && !row.name.is_empty() {
                *entry = Some(row.name.clone());
            }
        }
        // BTreeMap order on equal-prefix digit strings is a pre-order walk:
        // 201 < 20103 < 2010301 < 2010302 < 212.
        let mut tree = ClassificationTree {
            scheme: Some(scheme),
            nodes: Vec::with_capacity(names.len()),
            roots: Vec::new(),
        };
        let mut index_of: BTreeMap<Code, usize> = BTreeMap::new();
        for (code, name) in names {
            let depth = code.depth(scheme).unwrap_or(1);
            let parent = code.parent(scheme).and_then(|p| index_of.get(&p).copied());
            let index = tree.nodes.len();
            match parent {
                Some(p) => tree.nodes[p].children.push(index),
                None => tree.roots.push(index),
            }
            index_of.insert(code.clone(), index);
            tree.nodes.push(TreeNode {
                code,
                name,
                depth,
                parent,
                children: Vec::new(),
            });
        }
        tree
    }

    pub fn find(&self, code: &str) -> Option<usize> {
        self.nodes
            .binary_search_by(|n| n.code.as_str().cmp(code))
            .ok()
    }

    /// The codes from the root down to `index`: 201 › 20103 › 2010301.
    pub fn path(&self, index: usize) -> Vec<usize> {
        let mut path = Vec::new();
        let mut current = Some(index);
        while let Some(i) = current {
            path.push(i);
            current = self.nodes.get(i).and_then(|n| n.parent);
        }
        path.reverse();
        path
    }

    pub fn max_depth(&self) -> usize {
        self.nodes.iter().map(|n| n.depth).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, name: &str) -> TableRow {
        TableRow {
            seq: None,
            code: Code::parse(code),
            name: name.to_string(),
            amounts: vec![],
            line: 0,
            page: None,
        }
    }

    #[test]
    fn split_codes_are_joined() {
        assert_eq!(Code::parse("208 05 01").unwrap().as_str(), "2080501");
        assert_eq!(Code::parse("301\t01").unwrap().as_str(), "30101");
        assert_eq!(Code::parse("合计"), None);
        assert_eq!(Code::parse(""), None);
    }

    #[test]
    fn depth_and_parent() {
        let f = CodeScheme::Functional;
        let c = Code::parse("2010301").unwrap();
        assert_eq!(c.depth(f), Some(3));
        assert_eq!(c.parent(f).unwrap().as_str(), "20103");
        assert_eq!(c.parent(f).unwrap().parent(f).unwrap().as_str(), "201");
        assert_eq!(Code::parse("201").unwrap().parent(f), None);
        let e = CodeScheme::Economic;
        assert_eq!(
            Code::parse("30231").unwrap().parent(e).unwrap().as_str(),
            "302"
        );
        assert_eq!(Code::parse("2010301").unwrap().depth(e), None);
    }

    #[test]
    fn tree_from_rows_is_preorder_and_fills_missing_parents() {
        let rows = [
            row("2010301", "行政运行"),
            row("201", "一般公共服务支出"),
            row("2120899", "其他国有土地使用权出让收入安排的支出"),
            row("20103", "政府办公厅（室）及相关机构事务"),
            row("2010302", "一般行政管理事务"),
        ];
        let tree = ClassificationTree::from_rows(CodeScheme::Functional, rows.iter());
        let codes: Vec<&str> = tree.nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(
            codes,
            ["201", "20103", "2010301", "2010302", "212", "21208", "2120899"]
        );
        assert_eq!(tree.roots, vec![0, 4]);
        assert_eq!(tree.nodes[4].name, None, "212 is implied by its child");
        let leaf = tree.find("2010301").unwrap();
        let path: Vec<&str> = tree
            .path(leaf)
            .into_iter()
            .map(|i| tree.nodes[i].code.as_str())
            .collect();
        assert_eq!(path, ["201", "20103", "2010301"]);
        assert_eq!(tree.nodes[1].children, vec![2, 3]);
    }
}
