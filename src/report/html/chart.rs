//! The inline SVG chart of the score per turn (HTML report): small multiples, one panel for
//! the total and one per objective, each on its own scale with its full marks dashed, so that
//! a small objective is as readable as a large one.
//!
//! Pure string building: every piece of text goes through [`esc`] and numbers are formatted
//! here, so nothing from the journal reaches the markup unescaped.

use std::fmt::Write as _;

use super::esc;
use crate::report::document::{Chart, Series};

/// Colour-blind-safe colours for the objectives (Okabe–Ito, then Carto "Bold").
const COLOURS: [&str; 16] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F3C8D", "#11A579",
    "#3969AC", "#B8860B", "#E73F74", "#80BA5A", "#E68310", "#008695", "#CF1C90", "#4B4B8F",
];
/// Colour of the emphasised series (the total).
const TOTAL: &str = "#222222";

const W: f64 = 240.0;
const H: f64 = 96.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 18.0;

/// The colour of series `k` (the emphasised series is dark grey).
pub fn colour(k: usize, emphasis: bool) -> &'static str {
    if emphasis {
        TOTAL
    } else {
        COLOURS[k % COLOURS.len()]
    }
}

fn panel(s: &mut String, chart: &Chart, ser: &Series, colour: &str) {
    let n = chart.turns.len().min(ser.values.len());
    // Positions with a value (a series may have gaps: no value at some positions).
    let present: Vec<(usize, i64)> = ser
        .values
        .iter()
        .take(n)
        .copied()
        .enumerate()
        .filter(|(i, _)| ser.has(*i))
        .collect();
    let last = present.last().map_or(0, |(_, v)| *v);
    let (mut lo, mut hi) = (0i64, ser.ceiling.unwrap_or(0).max(0));
    for (_, v) in &present {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    if hi == lo {
        hi = lo.saturating_add(1);
    }
    let (lo_f, hi_f) = (lo as f64, hi as f64);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x_of = |i: usize| -> f64 {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| -> f64 { TOP + plot_h * (1.0 - (v - lo_f) / (hi_f - lo_f)) };
    let ceiling = match ser.ceiling {
        Some(c) => format!("/{c}"),
        None => String::new(),
    };
    let _ = write!(
        s,
        "<div class=\"panel\"><div class=\"ptitle\"><span class=\"swatch\" style=\"border-color:{colour}\"></span>\
         {} <span class=\"muted\">{last}{ceiling}</span></div>",
        esc(&ser.name)
    );
    let values: Vec<String> = ser
        .values
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, v)| {
            if ser.has(i) {
                v.to_string()
            } else {
                "—".to_string()
            }
        })
        .collect();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        esc(&format!("{}: {}", ser.name, values.join(", ")))
    );
    // Axes: zero line, full marks, y labels.
    let y0 = y_of(0.0);
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\"/>\
         <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">0</text>",
        W - RIGHT,
        LEFT - 4.0,
        y0 + 3.5
    );
    if let Some(c) = ser.ceiling.filter(|c| *c > 0) {
        let y = y_of(c as f64);
        let _ = write!(
            s,
            "<line class=\"full\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{c}</text>",
            W - RIGHT,
            LEFT - 4.0,
            y + 3.5
        );
    }
    if lo < 0 && y_of(lo_f) - y0 > 10.0 {
        let y = y_of(lo_f);
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{lo}</text>",
            LEFT - 4.0,
            y + 3.5
        );
    }
    // X labels: first, last, and the middle turn when there is room.
    let mut marks = vec![0, n.saturating_sub(1)];
    if n > 4 {
        marks.push((n - 1) / 2);
    }
    marks.sort_unstable();
    marks.dedup();
    for i in marks {
        if let Some(turn) = chart.turns.get(i) {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{turn}</text>",
                x_of(i),
                H - 5.0
            );
        }
    }
    // One line per run of consecutive positions with a value (a gap breaks the line).
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut prev: Option<usize> = None;
    for (i, v) in &present {
        if prev.is_none_or(|p| p + 1 != *i) {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(format!("{:.1},{:.1}", x_of(*i), y_of(*v as f64)));
        }
        prev = Some(*i);
    }
    for pts in runs {
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"{}\"/>",
            pts.join(" ")
        );
    }
    if n <= 40 {
        for (i, v) in present.iter().copied() {
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.2\" fill=\"{colour}\"><title>{} {}: {v}</title></circle>",
                x_of(i),
                y_of(v as f64),
                esc(&chart.x_label),
                chart.turns.get(i).copied().unwrap_or(0)
            );
        }
    }
    s.push_str("</svg></div>");
}

/// Renders the chart as a `<figure>` of small SVG panels with a caption.
pub fn svg(chart: &Chart) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart\" aria-label=\"{}\"><div class=\"panels\">",
        esc(&chart.title)
    );
    let mut k = 0;
    for ser in &chart.series {
        let c = colour(k, ser.emphasis);
        if !ser.emphasis {
            k += 1;
        }
        panel(&mut s, chart, ser, c);
    }
    let _ = write!(
        s,
        "</div><figcaption class=\"muted\">{} · {}</figcaption></figure>",
        esc(&chart.x_label),
        esc(&chart.y_label)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_names_and_handles_flat_negative_and_single_points() {
        let series = |name: &str, values: Vec<i64>| Series {
            name: name.into(),
            values,
            emphasis: false,
            ceiling: Some(10),
            gaps: Vec::new(),
        };
        let chart = Chart {
            title: "<t>".into(),
            x_label: "turn".into(),
            y_label: "points".into(),
            turn_label: "turn".into(),
            turns: vec![1],
            series: vec![series("<script>alert(1)</script>", vec![0])],
        };
        let out = svg(&chart);
        assert!(!out.contains("<script>"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("NaN"));
        let chart = Chart {
            turns: vec![1, 2, 3],
            series: vec![series("a", vec![0, -5, i64::from(i32::MAX)])],
            ..chart
        };
        let out = svg(&chart);
        assert!(!out.contains("NaN") && !out.contains("inf"));
    }

    #[test]
    fn a_gap_breaks_the_line_and_has_no_point() {
        let chart = Chart {
            title: "t".into(),
            x_label: "drill".into(),
            y_label: "%".into(),
            turn_label: "drill".into(),
            turns: vec![1, 2, 3, 4],
            series: vec![Series {
                name: "Respond".into(),
                values: vec![40, 60, 0, 90],
                emphasis: false,
                ceiling: Some(100),
                gaps: vec![2],
            }],
        };
        let out = svg(&chart);
        assert_eq!(out.matches("<polyline").count(), 2);
        assert_eq!(out.matches("<circle").count(), 3);
        assert!(out.contains("Respond: 40, 60, —, 90"));
        assert!(out.contains("90/100"));
    }
}
