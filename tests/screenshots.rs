//! `budget screenshots` writes every scene of the real app as SVG and text.

use budget_tui::app::App;
use budget_tui::i18n::Lang;
use budget_tui::screenshots::{library_app, write_all, LIBRARY_SCENES, SCENES};

#[test]
fn every_scene_is_written_with_its_content() {
    let doc = budget_tui::bundled::disclosure().expect("bundled data loads");
    let dir = std::env::temp_dir().join(format!("budget-shots-{}", std::process::id()));
    let written = write_all(
        &dir,
        || App::new(doc.clone(), Lang::Zh),
        || library_app(Lang::Zh),
    )
    .expect("writes");
    assert_eq!(written.len(), SCENES.len() + LIBRARY_SCENES.len());
    let text = |name: &str| std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("text");
    assert!(text("summary").contains("3,264.56"));
    assert!(text("drill-down-economic").contains("30231 公务用车运行维护费"));
    assert!(text("comparison").contains("≤622600 万元"));
    assert!(text("checks").contains("project.cost-within-budget"));
    assert!(text("search").contains("30231 公务用车运行维护费"));
    let svg = std::fs::read_to_string(dir.join("comparison.svg")).expect("svg");
    assert!(svg.starts_with("<svg") && svg.contains("622600"));
    // Many departments: the list with its total, All departments in the
    // Drill-down and the Tables tab.
    assert!(text("departments").contains("Σ 合计"));
    assert!(text("all-departments").contains("所有部门 · 功能分类"));
    assert!(text("all-departments-tables").contains("1/2 所有部门 · 功能分类"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The committed pictures are the app as it is: each scene's screen equals
/// `screenshots/NAME.txt` (written beside the SVG by `budget screenshots`).
/// When this fails, run `cargo run --release -- screenshots` and commit.
#[test]
fn committed_screenshots_are_current() {
    let doc = budget_tui::bundled::disclosure().expect("bundled data loads");
    for scene in SCENES {
        let app = App::new(doc.clone(), Lang::Zh);
        let screen = budget_tui::ui::buffer_text(&budget_tui::screenshots::shoot(app, scene));
        let path = format!("screenshots/{}.txt", scene.name);
        let committed = std::fs::read_to_string(&path).expect("committed screenshot");
        assert_eq!(
            screen, committed,
            "{path} is stale: run `budget screenshots`"
        );
    }
    for scene in LIBRARY_SCENES {
        let app = library_app(Lang::Zh).expect("the generated corpus imports");
        let screen = budget_tui::ui::buffer_text(&budget_tui::screenshots::shoot(app, scene));
        let path = format!("screenshots/{}.txt", scene.name);
        let committed = std::fs::read_to_string(&path).expect("committed screenshot");
        assert_eq!(
            screen, committed,
            "{path} is stale: run `budget screenshots`"
        );
    }
}
