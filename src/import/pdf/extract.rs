//! Visible positioned glyphs and axis-aligned rules of each page, read with
//! `hayro-interpret` through its [`Device`] trait.
//!
//! Only what a reader sees is kept: a glyph counts when most of its em box
//! lies inside the current clip and the page box (WPS text frames overflow
//! into clipped, invisible copies of the text), and the stroke pass of
//! fill-and-stroke text (a faux bold) is not read twice.

use hayro_interpret::font::{Glyph as FontGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};

/// Most glyphs read from one page. A disclosure page shows a few thousand;
/// a page over this (a content stream that draws the same text in a loop of
/// forms) is refused rather than read into unbounded memory.
pub(crate) const MAX_PAGE_GLYPHS: usize = 100_000;
/// Most glyphs read from the whole document (a 35-page disclosure: ~40,000).
pub(crate) const MAX_DOC_GLYPHS: usize = 2_000_000;
/// Most rules kept from one page; past this the page is read without ruled
/// tables (its text still is), so a page of hatching costs bounded time.
pub(crate) const MAX_PAGE_RULES: usize = 20_000;

/// Share of a glyph's em box that must be visible for the glyph to count.
const MIN_VISIBLE: f64 = 0.5;
/// Filled rectangles thinner than this are rules (Word and Excel draw cell
/// borders as thin fills).
pub(crate) const MAX_RULE_WIDTH: f64 = 2.5;

/// One visible glyph, in page space (points, y down, origin top left).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Top and bottom of the em box.
    pub y0: f64,
    pub y1: f64,
    /// Font size in points (the em height on the page).
    pub size: f64,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// An axis-aligned rule: a horizontal one has `y0 == y1`, a vertical one
/// `x0 == x1` (the centre line of what was drawn).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < (self.x1 - self.x0).abs()
    }
}

/// What one page shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContent {
    #[allow(dead_code)] // kept for the layout's margins and debugging
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Whether the page draws an image (a scan has images and no glyphs).
    pub has_image: bool,
    /// The page drew more than [`MAX_PAGE_RULES`] rules: `rules` is not all
    /// of them, and the layout finds no ruled tables on it.
    pub too_many_rules: bool,
    /// The page drew more than [`MAX_PAGE_GLYPHS`] glyphs.
    pub too_many_glyphs: bool,
}

/// Why a PDF cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OpenError {
    Encrypted,
    Invalid,
    NoPages,
    /// A page (1-based) draws more glyphs than any disclosure page, or the
    /// document more than [`MAX_DOC_GLYPHS`] in all.
    TooMuchText {
        page: usize,
    },
    /// The reader panicked on the file (caught by the caller).
    ReaderFailed,
}

/// Reads every page of a PDF.
pub(crate) fn extract(bytes: &[u8]) -> Result<Vec<PageContent>, OpenError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => OpenError::Encrypted,
        _ => OpenError::Invalid,
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(OpenError::NoPages);
    }
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::with_capacity(pages.len());
    let mut total = 0usize;
    for (n, page) in pages.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let bbox = Rect::new(0.0, 0.0, width, height);
        let mut ctx = Context::new(
            Affine::new(page.initial_transform(true).as_coeffs()),
            bbox,
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut device = Collector {
            page: bbox,
            clips: vec![bbox],
            content: PageContent {
                width,
                height,
                ..PageContent::default()
            },
            last_fill: None,
        };
        interpret_page(page, &mut ctx, &mut device);
        total += device.content.glyphs.len();
        if device.content.too_many_glyphs || total > MAX_DOC_GLYPHS {
            return Err(OpenError::TooMuchText { page: n + 1 });
        }
        out.push(device.content);
    }
    Ok(out)
}

struct Collector {
    page: Rect,
    /// Bounding boxes of the clip stack, each already intersected with the
    /// one below it.
    clips: Vec<Rect>,
    content: PageContent,
    /// First glyph transform and length of the last filled run, to skip the
    /// stroke pass of the same run.
    last_fill: Option<(Affine, usize)>,
}

impl Collector {
    fn clip(&self) -> Rect {
        self.clips.last().copied().unwrap_or(self.page)
    }

    fn push_rule(&mut self, rule: Rule) {
        if self.content.rules.len() < MAX_PAGE_RULES {
            self.content.rules.push(rule);
        } else {
            self.content.too_many_rules = true;
        }
    }

    /// Rules from a path drawn in device space: its axis-aligned straight
    /// segments when stroked, the path itself when it is a thin filled box.
    fn rules_of(&mut self, path: &BezPath, transform: Affine, stroke: bool) {
        let device = transform * path.clone();
        if !stroke {
            let b = device.bounding_box();
            if b.width() <= MAX_RULE_WIDTH && b.height() > b.width() {
                let x = (b.x0 + b.x1) / 2.0;
                self.push_rule(Rule {
                    x0: x,
                    y0: b.y0,
                    x1: x,
                    y1: b.y1,
                });
            } else if b.height() <= MAX_RULE_WIDTH && b.width() > b.height() {
                let y = (b.y0 + b.y1) / 2.0;
                self.push_rule(Rule {
                    x0: b.x0,
                    y0: y,
                    x1: b.x1,
                    y1: y,
                });
            }
            return;
        }
        let mut start = Point::ZERO;
        let mut last = Point::ZERO;
        for el in device.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    start = p;
                    last = p;
                }
                PathEl::LineTo(p) => {
                    self.segment(last, p);
                    last = p;
                }
                PathEl::ClosePath => {
                    self.segment(last, start);
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            }
        }
    }

    fn segment(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dx < 0.5 && dy > 1.0 {
            let x = (a.x + b.x) / 2.0;
            self.push_rule(Rule {
                x0: x,
                y0: a.y.min(b.y),
                x1: x,
                y1: a.y.max(b.y),
            });
        } else if dy < 0.5 && dx > 1.0 {
            let y = (a.y + b.y) / 2.0;
            self.push_rule(Rule {
                x0: a.x.min(b.x),
                y0: y,
                x1: a.x.max(b.x),
                y1: y,
            });
        }
    }
}

fn glyph_text(glyph: &FontGlyph<'_>) -> Option<String> {
    match glyph.as_unicode()? {
        BfString::Char(c) => Some(c.to_string()),
        BfString::String(s) => Some(s),
    }
}

fn area(r: Rect) -> f64 {
    if r.x1 <= r.x0 || r.y1 <= r.y0 {
        0.0
    } else {
        r.width() * r.height()
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        match draw_mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                self.rules_of(path, props.transform, true)
            }
            DrawMode::Fill(_) => self.rules_of(path, props.transform, false),
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        let b = clip_path.path.bounding_box();
        let r = self.clip().intersect(b);
        self.clips.push(r);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        let glyphs = glyph_run.glyphs();
        let key = glyphs.first().map(|g| (g.transform(), glyphs.len()));
        match draw_mode {
            DrawMode::Invisible => return,
            DrawMode::Stroke(_) if key.is_some() && key == self.last_fill => return,
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => self.last_fill = key,
            DrawMode::Stroke(_) => {}
        }
        let visible_area = self.clip().intersect(self.page);
        for g in glyphs {
            let Some(text) = glyph_text(g) else {
                continue;
            };
            let t = props.transform * g.transform();
            let glyph: &FontGlyph<'_> = g;
            let advance = match glyph {
                FontGlyph::Outline(o) => o.advance_width().map(f64::from),
                FontGlyph::Type3(t3) => t3.advance_width().map(f64::from),
            };
            let wide = text.chars().any(|c| c as u32 >= 0x2E80);
            let advance = advance
                .filter(|a| *a > 0.0)
                .unwrap_or(if wide { 1000.0 } else { 500.0 });
            // The em box in glyph space (1000 units to the em).
            let em = Rect::new(0.0, -120.0, advance, 880.0);
            let b = (t * em.to_path(0.1)).bounding_box();
            let size = (t * Point::new(0.0, 1000.0) - t * Point::ZERO).hypot();
            if area(b) <= 0.0 || size < 0.5 {
                continue;
            }
            if area(b.intersect(visible_area)) < MIN_VISIBLE * area(b) {
                continue;
            }
            if self.content.glyphs.len() >= MAX_PAGE_GLYPHS {
                self.content.too_many_glyphs = true;
                return;
            }
            self.content.glyphs.push(Glyph {
                text,
                x0: b.x0,
                x1: b.x1,
                y0: b.y0,
                y1: b.y1,
                size,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.content.has_image = true;
    }

    fn pop_clip(&mut self) {
        if self.clips.len() > 1 {
            self.clips.pop();
        }
    }

    fn pop_transparency_group(&mut self) {}
}
