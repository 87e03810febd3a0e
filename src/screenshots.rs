//! Scenes of the real app, rendered off-screen: the pictures in
//! `screenshots/` (`budget screenshots`) and the keys that reach each one.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui;

/// One picture: a name, the keys typed from a fresh start, and a size.
pub struct Scene {
    pub name: &'static str,
    pub keys: &'static str,
    pub width: u16,
    pub height: u16,
}

/// The pictures the README shows.
pub const SCENES: &[Scene] = &[
    Scene {
        name: "summary",
        keys: "",
        width: 132,
        height: 40,
    },
    Scene {
        name: "drill-down",
        keys: "2<Enter><Enter>",
        width: 120,
        height: 30,
    },
    Scene {
        name: "drill-down-economic",
        keys: "2ej<Enter>jjjjj",
        width: 120,
        height: 34,
    },
    Scene {
        name: "projects",
        keys: "3",
        width: 120,
        height: 20,
    },
    Scene {
        name: "project-card",
        keys: "3jjjjj<Enter>",
        width: 120,
        height: 28,
    },
    Scene {
        name: "comparison",
        keys: "3j<Space>jjjj<Space>c",
        width: 120,
        height: 24,
    },
    Scene {
        name: "checks",
        keys: "4",
        width: 120,
        height: 34,
    },
    Scene {
        name: "tables",
        keys: "5]]]]]jjjjjj<Right>",
        width: 120,
        height: 30,
    },
    Scene {
        name: "three-public",
        keys: "5]]]]]]]]",
        width: 120,
        height: 16,
    },
    Scene {
        name: "search",
        keys: "/gwyc",
        width: 100,
        height: 24,
    },
    Scene {
        name: "reading",
        keys: "/jgyxjf<Down><Enter>",
        width: 100,
        height: 24,
    },
    Scene {
        name: "help",
        keys: "?",
        width: 160,
        height: 44,
    },
];

/// The pictures of many departments at once, on a corpus drawn by
/// [`crate::corpus`] ([`library_app`]).
pub const LIBRARY_SCENES: &[Scene] = &[
    Scene {
        name: "departments",
        keys: "",
        width: 140,
        height: 24,
    },
    Scene {
        name: "all-departments",
        keys: "a",
        width: 120,
        height: 30,
    },
    Scene {
        name: "all-departments-contributors",
        keys: "ajjjjj<Enter>",
        width: 120,
        height: 24,
    },
    Scene {
        name: "all-departments-tables",
        keys: "a5",
        width: 160,
        height: 30,
    },
    Scene {
        name: "years",
        keys: "f2024<Enter><Enter>6",
        width: 120,
        height: 30,
    },
];

/// How many departments [`library_app`] draws, and from which seed: the
/// same pictures on every machine.
const LIBRARY_DEPARTMENTS: usize = 12;
const LIBRARY_SEED: u64 = 7;

/// The app on a generated corpus of [`LIBRARY_DEPARTMENTS`] departments
/// (some in two years), read by the text importer as `budget DIR` would.
pub fn library_app(lang: crate::i18n::Lang) -> Result<App, String> {
    let docs = crate::corpus::generate(LIBRARY_DEPARTMENTS, LIBRARY_SEED)
        .into_iter()
        .map(|g| {
            crate::import::import_text(&g.text, &g.file_name)
                .map(|doc| (g.file_name.clone(), doc))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;
    App::with_documents(docs, lang).ok_or_else(|| "no departments generated".to_string())
}

/// Types `keys` into the app. `<Name>` is a special key (`<Enter>`,
/// `<Esc>`, `<Tab>`, `<BackTab>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`,
/// `<Backspace>`, `<Space>`), anything else a character.
pub fn type_keys(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, used) = match rest.strip_prefix('<').and_then(|r| r.split_once('>')) {
            Some((name, _)) if !name.is_empty() => {
                let code = match name {
                    "Enter" => KeyCode::Enter,
                    "Esc" => KeyCode::Esc,
                    "Tab" => KeyCode::Tab,
                    "BackTab" => KeyCode::BackTab,
                    "Up" => KeyCode::Up,
                    "Down" => KeyCode::Down,
                    "Left" => KeyCode::Left,
                    "Right" => KeyCode::Right,
                    "Backspace" => KeyCode::Backspace,
                    "Space" => KeyCode::Char(' '),
                    _ => KeyCode::Char('<'),
                };
                if code == KeyCode::Char('<') {
                    (code, 1)
                } else {
                    (code, name.len() + 2)
                }
            }
            _ => (KeyCode::Char(c), c.len_utf8()),
        };
        let effects = app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        // The one effect that changes what is on screen: as the loop does.
        app.carry_out_opens(effects.as_deref().unwrap_or_default());
        rest = &rest[used..];
    }
}

/// Renders `app` into a fresh buffer of `width` × `height`.
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(app, area, &mut buf);
    buf
}

/// The scene's screen: `app` sized like the scene, its keys typed, drawn.
pub fn shoot(mut app: App, scene: &Scene) -> Buffer {
    app.resize(scene.width, scene.height);
    type_keys(&mut app, scene.keys);
    render(&app, scene.width, scene.height)
}

/// Writes every scene as `DIR/NAME.svg` (and `NAME.txt`, the same screen
/// as text) from apps made by `fresh_app`.
/// [`LIBRARY_SCENES`] likewise from apps made by `fresh_library`.
pub fn write_all(
    dir: &Path,
    mut fresh_app: impl FnMut() -> App,
    mut fresh_library: impl FnMut() -> Result<App, String>,
) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let scenes = SCENES
        .iter()
        .map(|scene| (scene, false))
        .chain(LIBRARY_SCENES.iter().map(|scene| (scene, true)));
    for (scene, library) in scenes {
        let app = if library {
            fresh_library().map_err(std::io::Error::other)?
        } else {
            fresh_app()
        };
        let buf = shoot(app, scene);
        let svg = dir.join(format!("{}.svg", scene.name));
        std::fs::write(&svg, ui::svg::to_svg(&buf))?;
        std::fs::write(
            dir.join(format!("{}.txt", scene.name)),
            ui::buffer_text(&buf),
        )?;
        written.push(svg.display().to_string());
    }
    Ok(written)
}
