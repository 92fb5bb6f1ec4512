//! The inline SVG line chart of the score per turn by objective (HTML report).
//!
//! Pure string building: every piece of text goes through [`esc`], numbers are formatted
//! here, so nothing from the journal reaches the markup unescaped.

use std::fmt::Write as _;

use super::document::Chart;
use super::html::esc;

/// Colour-blind-safe colours for the objectives (Okabe–Ito, then Carto "Bold").
const COLOURS: [&str; 16] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F3C8D", "#11A579",
    "#3969AC", "#B8860B", "#E73F74", "#80BA5A", "#E68310", "#008695", "#CF1C90", "#4B4B8F",
];
/// Colour of the emphasised series (the total).
const TOTAL: &str = "#222222";

const W: f64 = 680.0;
const H: f64 = 280.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 42.0;

/// The colour of series `k`.
pub fn colour(k: usize, emphasis: bool) -> &'static str {
    if emphasis {
        TOTAL
    } else {
        COLOURS[k % COLOURS.len()]
    }
}

/// A "nice" step (1, 2 or 5 × 10^n) giving about `target` intervals over `span`.
fn nice_step(span: f64, target: f64) -> f64 {
    let raw = (span / target).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag).max(1.0)
}

/// Renders the chart as a `<figure>` holding the SVG and an HTML legend.
pub fn svg(chart: &Chart) -> String {
    let mut s = String::new();
    let n = chart.turns.len();
    let values = chart.series.iter().flat_map(|x| x.values.iter().copied());
    let (mut lo, mut hi) = (0i64, 0i64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi == lo {
        hi = lo.saturating_add(10);
    }
    let step = nice_step(hi as f64 - lo as f64, 5.0);
    let y0 = (lo as f64 / step).floor() * step;
    let y1 = (hi as f64 / step).ceil() * step;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x_of = |i: usize| -> f64 {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| -> f64 { TOP + plot_h * (1.0 - (v - y0) / (y1 - y0)) };

    let _ = write!(
        s,
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMidYMid meet\">",
        esc(&chart.title)
    );
    let _ = write!(s, "<title>{}</title>", esc(&chart.title));
    // Grid and y labels.
    let mut v = y0;
    let mut guard = 0;
    while v <= y1 + step / 2.0 && guard < 50 {
        let y = y_of(v);
        let cls = if v == 0.0 { "axis" } else { "grid" };
        let _ = write!(
            s,
            "<line class=\"{cls}\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y + 3.5,
            v as i64
        );
        v += step;
        guard += 1;
    }
    // X labels: every turn when few, else about twelve.
    let every = n.div_ceil(12).max(1);
    for (i, turn) in chart.turns.iter().enumerate() {
        if i % every != 0 && i + 1 != n {
            continue;
        }
        let x = x_of(i);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{:.1}\"/>\
             <text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{turn}</text>",
            TOP + plot_h,
            TOP + plot_h + 14.0
        );
    }
    let _ = write!(
        s,
        "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
         <text class=\"label\" transform=\"translate(13 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        LEFT + plot_w / 2.0,
        H - 6.0,
        esc(&chart.x_label),
        TOP + plot_h / 2.0,
        esc(&chart.y_label)
    );
    // Series: objectives first, the emphasised total on top.
    let mut order: Vec<usize> = (0..chart.series.len()).collect();
    order.sort_by_key(|&k| chart.series[k].emphasis);
    for k in order {
        let ser = &chart.series[k];
        let c = colour(k, ser.emphasis);
        let pts: Vec<String> = ser
            .values
            .iter()
            .enumerate()
            .take(n)
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v as f64)))
            .collect();
        let (width, dash) = if ser.emphasis {
            ("2.5", " stroke-dasharray=\"6 4\"")
        } else {
            ("2", "")
        };
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"{width}\"{dash} points=\"{}\"><title>{}</title></polyline>",
            pts.join(" "),
            esc(&ser.name)
        );
        if n <= 60 {
            for (i, v) in ser.values.iter().enumerate().take(n) {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"{c}\"><title>{} · {} {}: {v}</title></circle>",
                    x_of(i),
                    y_of(*v as f64),
                    if ser.emphasis { "2.2" } else { "3" },
                    esc(&ser.name),
                    esc(&chart.x_label),
                    chart.turns.get(i).copied().unwrap_or(0)
                );
            }
        }
    }
    s.push_str("</svg><figcaption><ul class=\"legend\">");
    for (k, ser) in chart.series.iter().enumerate() {
        let c = colour(k, ser.emphasis);
        let last = ser.values.last().copied().unwrap_or(0);
        let cls = if ser.emphasis {
            "swatch dashed"
        } else {
            "swatch"
        };
        let _ = write!(
            s,
            "<li><span class=\"{cls}\" style=\"border-color:{c}\"></span>{} <span class=\"muted\">({last})</span></li>",
            esc(&ser.name)
        );
    }
    s.push_str("</ul></figcaption></figure>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::Series;

    #[test]
    fn escapes_names_and_handles_flat_and_single_points() {
        let chart = Chart {
            title: "<t>".into(),
            x_label: "turn".into(),
            y_label: "points".into(),
            turn_label: "turn".into(),
            turns: vec![1],
            series: vec![Series {
                name: "<script>alert(1)</script>".into(),
                values: vec![0],
                emphasis: false,
            }],
        };
        let out = svg(&chart);
        assert!(!out.contains("<script>"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("NaN"));
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
    }
}
