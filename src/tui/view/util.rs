//! Small text helpers for the views: wrapping and fitting by display width (Japanese characters
//! take two columns), bars, durations, centred rectangles, and a line builder.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Characters a Japanese line may not start with (closing brackets, punctuation, small kana,
/// the long-vowel mark): a break before one moves the character before it down too.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '。' | '、'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | 'ー'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
    )
}

/// Characters a Japanese line may not end with (opening brackets).
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '［' | '｛' | '〈' | '《' | '(' | '[' | '{'
    )
}

/// Wraps text to `width` columns: at spaces, between wide characters, or anywhere when a word
/// is longer than a line. Newlines start new lines. Between wide characters it keeps the
/// Japanese line-breaking rules (kinsoku): no line starts with a closing bracket or
/// punctuation, and none ends with an opening bracket, unless a word fills the whole line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0usize;
        // Where the line may be broken (a byte offset into `line`), and the one before it.
        let mut brk: Option<usize> = None;
        let mut earlier: Option<usize> = None;
        let mut last: Option<char> = None;
        for c in para.chars() {
            let cw = c.width().unwrap_or(0);
            if no_line_start(c) && brk == Some(line.len()) {
                brk = earlier;
            }
            if w + cw > width && !line.is_empty() {
                if c == ' ' {
                    out.push(line.trim_end().to_string());
                    line.clear();
                    w = 0;
                    brk = None;
                    earlier = None;
                    last = None;
                    continue;
                }
                match brk {
                    Some(b) if b > 0 && b < line.len() => {
                        let rest = line.split_off(b);
                        out.push(line.trim_end().to_string());
                        line = rest.trim_start().to_string();
                    }
                    _ => out.push(std::mem::take(&mut line)),
                }
                w = line.width();
                brk = None;
                earlier = None;
            }
            let may_break_before =
                !line.is_empty() && !no_line_start(c) && !last.is_some_and(no_line_end);
            if cw >= 2 && may_break_before {
                earlier = brk;
                brk = Some(line.len());
            }
            line.push(c);
            w += cw;
            last = Some(c);
            if (c == ' ' || cw >= 2) && !no_line_end(c) {
                earlier = brk;
                brk = Some(line.len());
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Cuts text to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Fits then pads text with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w = s.width();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

/// What a one-line input shows in `room` columns, scrolled so that the cursor stays visible, and
/// the cursor's column within it.
pub fn input_view(input: &crate::tui::text_input::TextInput, room: usize) -> (String, usize) {
    let v = input.value();
    if room == 0 {
        return (String::new(), 0);
    }
    if v.width() < room {
        return (v.to_string(), input.cursor_width());
    }
    let chars: Vec<char> = v.chars().collect();
    let cur = input.cursor().min(chars.len());
    let w_of = |cs: &[char]| cs.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    let mut start = 0;
    while start < cur && w_of(&chars[start..cur]) + 2 > room {
        start += 1;
    }
    let prefix = if start > 0 { "…" } else { "" };
    let rest: String = chars[start..].iter().collect();
    let shown = fit(&format!("{prefix}{rest}"), room);
    (shown, prefix.width() + w_of(&chars[start..cur]))
}

/// A bar of `width` cells filled by `share` (0..1).
pub fn bar(share: f64, width: usize) -> String {
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let full = (share * width as f64).round() as usize;
    let mut s = "█".repeat(full.min(width));
    s.push_str(&"░".repeat(width.saturating_sub(full)));
    s
}

/// Scenario time as `T+hh:mm`.
pub fn clock(minutes: u32) -> String {
    format!("T+{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A probability as a percentage.
pub fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears a rectangle for a dialog drawn over other text: every cell inside is reset, and a
/// double-width character just left of it (whose right half lies under the dialog's left
/// border) is blanked, so that the terminal cannot draw it over the border. Cells inside are
/// reset by [`ratatui::widgets::Clear`], which also drops the right halves of wide characters
/// cut by the right edge.
pub fn clear(frame: &mut ratatui::Frame, rect: Rect) {
    frame.render_widget(ratatui::widgets::Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if let Some(cell) = buf.cell_mut((rect.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Builds the lines of a scrollable panel, wrapping text to the panel's width.
pub struct Doc {
    /// Width to wrap to.
    pub width: usize,
    /// Lines so far.
    pub lines: Vec<Line<'static>>,
}

impl Doc {
    /// An empty document `width` columns wide.
    pub fn new(width: usize) -> Self {
        Doc {
            width: width.max(1),
            lines: Vec::new(),
        }
    }

    /// Wrapped text in one style, with a hanging indent.
    pub fn text(&mut self, indent: usize, text: &str, style: Style) {
        let pad = " ".repeat(indent);
        for l in wrap(text, self.width.saturating_sub(indent)) {
            self.lines
                .push(Line::from(Span::styled(format!("{pad}{l}"), style)));
        }
    }

    /// A line of styled spans (cut by the panel at its edge).
    pub fn spans(&mut self, spans: Vec<Span<'static>>) {
        self.lines.push(Line::from(spans));
    }

    /// A section title.
    pub fn section(&mut self, title: &str) {
        self.lines.push(Line::from(Span::styled(
            fit(title, self.width),
            super::theme::section(),
        )));
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_wide_text() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        let ja = wrap("ランサムウェアの身代金要求", 10);
        assert!(ja.iter().all(|l| l.width() <= 10), "{ja:?}");
        assert_eq!(ja.concat(), "ランサムウェアの身代金要求");
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn japanese_lines_keep_the_line_breaking_rules() {
        let text = "資産をネットワークから切り離す（EDRのネットワーク隔離）。それを必要とするサービスは停止する。";
        for width in 8..=40 {
            let lines = wrap(text, width);
            assert_eq!(lines.concat(), text, "width {width}");
            for (i, l) in lines.iter().enumerate() {
                assert!(l.width() <= width, "width {width}: {lines:?}");
                let first = l.chars().next().unwrap_or(' ');
                assert!(
                    i == 0 || !no_line_start(first),
                    "width {width}: line {i} starts with {first}: {lines:?}"
                );
                let end = l.chars().last().unwrap_or(' ');
                assert!(
                    i + 1 == lines.len() || !no_line_end(end),
                    "width {width}: line {i} ends with {end}: {lines:?}"
                );
            }
        }
        // The break moves the character before the full stop down with it.
        assert_eq!(wrap("停止する。", 8), vec!["停止す", "る。"]);
    }

    #[test]
    fn long_inputs_scroll_to_the_cursor() {
        let i = crate::tui::text_input::TextInput::new("abcdefghijklmnop");
        let (shown, col) = input_view(&i, 8);
        assert_eq!(width(&shown), 7, "one column left for the cursor");
        assert!(shown.starts_with('…'), "{shown}");
        assert_eq!(col, 7);
        let short = crate::tui::text_input::TextInput::new("abc");
        assert_eq!(input_view(&short, 8), ("abc".to_string(), 3));
    }

    #[test]
    fn fits_and_pads_by_columns() {
        assert_eq!(fit("訓練シナリオ", 7), "訓練シ…");
        assert_eq!(width(&pad("訓練", 6)), 6);
        assert_eq!(pad("abc", 2), "a…");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(clock(90), "T+01:30");
    }
}
