//! A small document tree shared by the Markdown and HTML renderers, so both formats carry the
//! same content. All text in it is raw; each renderer escapes it for its own syntax.

use crate::scoring::Rating;

/// How a callout or badge should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good news (met, on time, performed).
    Good,
    /// Needs attention (late, partial).
    Warn,
    /// Bad news (missed, gap, integrity problem).
    Bad,
    /// Neutral information.
    Info,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised text.
    Strong(String),
    /// Code, ids, hashes.
    Code(String),
    /// An HSEEP rating letter.
    Rating(Rating),
    /// A short status word with a tone.
    Badge(Tone, String),
    /// Text struck through: a record a later correction says was a mistake.
    Struck(String),
}

impl Inline {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text(s.into())
    }

    /// Code.
    pub fn code(s: impl Into<String>) -> Inline {
        Inline::Code(s.into())
    }
}

/// A run of inline content.
pub type Inlines = Vec<Inline>;

/// Values per turn: drawn as small multiples (one panel per series) in HTML, a table in
/// Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Accessible title.
    pub title: String,
    /// Label of the x axis.
    pub x_label: String,
    /// Label of the y axis.
    pub y_label: String,
    /// Label of the first column in the table form.
    pub turn_label: String,
    /// The x values (turns).
    pub turns: Vec<u32>,
    /// The total first, then one series per objective.
    pub series: Vec<Series>,
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend.
    pub name: String,
    /// One value per turn.
    pub values: Vec<i64>,
    /// Drawn darker and first (the total).
    pub emphasis: bool,
    /// Full marks, drawn as a dashed line (the achievable points).
    pub ceiling: Option<i64>,
    /// Positions (indices into the x values) that have no value: a break in the line, `—` in
    /// the table. Empty for a series with a value everywhere.
    pub gaps: Vec<usize>,
}

impl Series {
    /// True when position `i` has a value.
    pub fn has(&self, i: usize) -> bool {
        !self.gaps.contains(&i)
    }
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; `anchor` is a stable ASCII id for links.
    Heading {
        /// 1 for the title, 2 for sections, 3 for subsections.
        level: u8,
        /// Stable anchor id.
        anchor: String,
        /// Text.
        text: String,
    },
    /// A paragraph.
    Para(Inlines),
    /// A highlighted box: warnings on the first page and in sections.
    Callout(Tone, Inlines),
    /// Label/value pairs.
    Facts(Vec<(String, Inlines)>),
    /// A table; `numeric` marks right-aligned columns.
    Table {
        /// Column headings.
        head: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<Inlines>>,
        /// Right-aligned columns.
        numeric: Vec<bool>,
        /// A style hint for the HTML renderer (`timeline`, `response`, …; may be empty).
        class: &'static str,
    },
    /// A bulleted list.
    List(Vec<Inlines>),
    /// Preformatted lines (commands).
    Code(String),
    /// A chart (SVG in HTML, a table in Markdown).
    Chart(Chart),
    /// Start a new printed page here (HTML print only).
    PageBreak,
    /// Blocks kept together on one printed page (HTML print only; Markdown renders them in
    /// order).
    Keep(Vec<Block>),
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title for `<title>` and the first heading.
    pub title: String,
    /// BCP 47 language tag of the fixed text.
    pub lang: &'static str,
    /// Line printed at the foot of each printed page.
    pub footer: String,
    /// Handling marking printed at the top and bottom of every page (e.g. "CUI").
    pub handling: Option<String>,
    /// Content.
    pub blocks: Vec<Block>,
}
