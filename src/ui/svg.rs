//! A rendered frame as an SVG picture, for `screenshots/` (no display
//! needed): one `<text>` per run of same-styled narrow characters, one per
//! wide character at its own column, so CJK text lines up whatever the font.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write;

use super::text::width;

const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;
const FONT: &str = "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace";
const BACKGROUND: &str = "#1e1f29";
const FOREGROUND: &str = "#e6e6e6";

fn color(c: Color, default: &str) -> String {
    let hex = match c {
        Color::Reset => return default.to_string(),
        Color::Black => "#1e1f29",
        Color::Red => "#ff6e6e",
        Color::Green => "#69d27a",
        Color::Yellow => "#f1fa8c",
        Color::Blue => "#7aa2ff",
        Color::Magenta => "#ff79c6",
        Color::Cyan => "#8be9fd",
        Color::Gray => "#bfbfbf",
        Color::DarkGray => "#8a8fa3",
        Color::LightRed => "#ff9191",
        Color::LightGreen => "#8ff0a0",
        Color::LightYellow => "#ffffa5",
        Color::LightBlue => "#a5c2ff",
        Color::LightMagenta => "#ff9ed8",
        Color::LightCyan => "#a4ffff",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(_) => return default.to_string(),
    };
    hex.to_string()
}

/// Foreground, background and weight of a cell, reversal applied.
/// A cell's colours and weight: foreground, background (if any), bold.
type Look = (String, Option<String>, bool);

fn look(cell: &Cell) -> Look {
    let mut fg = color(cell.fg, FOREGROUND);
    let mut bg = match cell.bg {
        Color::Reset => None,
        c => Some(color(c, BACKGROUND)),
    };
    if cell.modifier.contains(Modifier::REVERSED) {
        let new_bg = fg.clone();
        fg = bg.unwrap_or_else(|| BACKGROUND.to_string());
        bg = Some(new_bg);
    }
    (fg, bg, cell.modifier.contains(Modifier::BOLD))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as a standalone SVG document.
/// The run of narrow cells from (`x`, `y`) with the same look (blank ones
/// too, so a reversed bar is one rectangle): its text and the column after.
fn narrow_run(buf: &Buffer, x: u16, y: u16, same: Look) -> (String, u16) {
    let mut run = String::new();
    let mut next = x;
    while next < buf.area.right() {
        let c = &buf[(next, y)];
        if width(c.symbol()) > 1 || (next > x && look(c) != same) {
            break;
        }
        run.push_str(if c.symbol().is_empty() {
            " "
        } else {
            c.symbol()
        });
        next += 1;
    }
    (run, next.max(x + 1))
}

pub fn to_svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (area.width as f32 * CELL_W, area.height as f32 * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in area.top()..area.bottom() {
        let top = (y - area.top()) as f32 * CELL_H;
        let baseline = top + CELL_H * 0.78;
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let cols = width(symbol).max(1) as u16;
            let (fg, bg, bold) = look(cell);
            let left = (x - area.left()) as f32 * CELL_W;
            let (run, next) = if cols == 1 {
                narrow_run(buf, x, y, look(cell))
            } else {
                (symbol.to_string(), x + cols)
            };
            let length = (next - x) as f32 * CELL_W;
            if let Some(bg) = &bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left}" y="{top}" width="{length}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            if run.trim().is_empty() {
                x = next;
                continue;
            }
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            let _ = writeln!(
                out,
                r#"<text x="{left}" y="{baseline}" fill="{fg}"{weight} textLength="{length}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                escape(&run)
            );
            x = next;
        }
    }
    out.push_str("</svg>\n");
    out
}
