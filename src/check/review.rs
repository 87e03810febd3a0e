//! A reviewer's marks on findings, kept in a small RON file beside the
//! document (`foo.pdf` → `foo.pdf.review.ron`), never in the document:
//!
//! ```ron
//! (reviews: [
//!     (rule: "project.cost-within-budget",
//!      location: Some("项目 2 基本工作经费 B（市长热线) › 成本指标 › 市长热线工作运转成本"),
//!      status: Explained,
//!      note: "单位为元，已与部门核实"),
//! ])
//! ```
//!
//! `location` is the finding's Chinese location as `budget check` prints it
//! (without the page); without it the mark covers every finding of the rule.
//! A marked finding is still reported, with its mark; only an error nobody
//! marked makes `budget check` exit 1.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Finding, Report};
use crate::model::Disclosure;

/// What the reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewStatus {
    /// The finding stands, and the reviewer accepts the document as it is.
    Accepted,
    /// The department explained it; not a defect.
    Explained,
}

impl ReviewStatus {
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match (self, lang) {
            (ReviewStatus::Accepted, crate::i18n::Lang::Zh) => "已接受",
            (ReviewStatus::Explained, crate::i18n::Lang::Zh) => "已说明",
            (ReviewStatus::Accepted, crate::i18n::Lang::En) => "accepted",
            (ReviewStatus::Explained, crate::i18n::Lang::En) => "explained",
        }
    }
}

/// A reviewer's mark on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub status: ReviewStatus,
    #[serde(default)]
    pub note: String,
}

/// One line of the sidecar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub rule: String,
    #[serde(default)]
    pub location: Option<String>,
    pub status: ReviewStatus,
    #[serde(default)]
    pub note: String,
}

/// The sidecar file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviews {
    pub reviews: Vec<ReviewEntry>,
}

/// Where the sidecar of `document` is: `foo.pdf` → `foo.pdf.review.ron`.
pub fn sidecar_path(document: &Path) -> PathBuf {
    let mut name = document.as_os_str().to_owned();
    name.push(".review.ron");
    PathBuf::from(name)
}

/// Reads the sidecar of `document`: `Ok(None)` when there is none, an
/// error naming the file when it cannot be read.
pub fn load(document: &Path) -> Result<Option<Reviews>, String> {
    let path = sidecar_path(document);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    ron::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}:{}", path.display(), e))
}

fn matches(entry: &ReviewEntry, f: &Finding, doc: &Disclosure) -> bool {
    entry.rule == f.rule
        && entry
            .location
            .as_deref()
            .is_none_or(|l| l.trim() == f.location(doc))
}

/// Marks the findings (and consequences) that an entry names. Returns the
/// entries that matched no finding, so that a stale mark is seen.
pub fn apply<'a>(
    report: &mut Report,
    doc: &Disclosure,
    reviews: &'a Reviews,
) -> Vec<&'a ReviewEntry> {
    let mut used = vec![false; reviews.reviews.len()];
    let mut mark = |f: &mut Finding| {
        if let Some((i, e)) = reviews
            .reviews
            .iter()
            .enumerate()
            .find(|(_, e)| matches(e, f, doc))
        {
            used[i] = true;
            f.review = Some(Review {
                status: e.status,
                note: e.note.clone(),
            });
        }
    };
    for f in &mut report.findings {
        mark(f);
        for c in &mut f.consequences {
            mark(c);
        }
    }
    reviews
        .reviews
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(e, _)| e)
        .collect()
}
