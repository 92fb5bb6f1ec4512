//! The self-contained HTML report: one file, inline CSS (screen and A4 print), inline SVG, no
//! script and no external resource.
//!
//! Safety: every piece of text from the journal reaches the output through [`esc`] (element
//! content and attribute values alike) and the markup around it is fixed, so text such as
//! `<script>` in a scenario or a note is shown, never run.

pub mod chart;

use std::fmt::Write as _;

use super::document::{Block, Document, Inline, Tone};
use crate::scoring::Rating;

/// Escapes text for HTML element content and quoted attribute values; drops control
/// characters other than tab and newline.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a CSS string literal (`"…"`): everything outside a safe ASCII set becomes
/// a hexadecimal escape, so it cannot close the string or the `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || " .,:;·-_+()/".contains(c) {
            out.push(c);
        } else if c.is_control() {
            continue;
        } else {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        }
    }
    out.push('"');
    out
}

const CSS: &str = r#"
:root{--ink:#1b1f24;--muted:#5b6470;--line:#d5dae0;--soft:#f4f6f8;--good:#1e7b34;--good-bg:#e6f4ea;--warn:#8a5a00;--warn-bg:#fff4d6;--bad:#b3261e;--bad-bg:#fde7e5;--info:#1d4f91;--info-bg:#e8f0fb}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px 28px 8px}
h1{font-size:1.55em;line-height:1.25;margin:0 0 .3em;padding-bottom:.3em;border-bottom:3px solid var(--ink)}
h2{font-size:1.25em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:1.3em 0 .4em}
p{margin:.45em 0}
code{font:.9em/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK JP",monospace;background:var(--soft);border-radius:3px;padding:0 .25em;white-space:nowrap}
code.long{white-space:normal;overflow-wrap:anywhere}
pre{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:10px 12px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
pre code{background:none;padding:0;font-size:.82em;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.handling{text-align:center;font-weight:700;letter-spacing:.08em;color:var(--bad);border:2px solid var(--bad);padding:2px 8px;margin:0 auto;max-width:944px}
.handling.top{margin-top:8px}
.handling.bottom{margin-bottom:12px}
table.plan{font-size:.84em;table-layout:fixed}
table.plan th{overflow-wrap:normal;font-size:.9em}
table.plan td:nth-child(n+5){overflow-wrap:normal}
table.plan th:nth-child(1){width:6%}
table.plan th:nth-child(2){width:11.5%}
table.plan th:nth-child(3){width:12.5%}
table.plan th:nth-child(4){width:15.5%}
table.plan th:nth-child(5){width:9.5%}
table.plan th:nth-child(6){width:11%}
table.plan th:nth-child(7){width:11%}
table.plan th:nth-child(8){width:6.5%}
table.plan th:nth-child(9){width:9%}
table.plan th:nth-child(10){width:7.5%}
table.plan code{white-space:normal;overflow-wrap:anywhere}
table.approval td{height:2.6em;vertical-align:bottom}
table.approval td:nth-child(4){width:24%}
table.approval td:nth-child(5){width:13%}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.92em}
th,td{border:1px solid var(--line);padding:4px 7px;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:var(--soft);font-weight:600}
tbody tr:nth-child(even) td{background:#fafbfc}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.facts th{width:24%;background:var(--soft);font-weight:600}
table.facts td{background:#fff !important}
ul{margin:.3em 0 .8em;padding-left:1.4em}
li{margin:.15em 0}
.callout{border:1px solid;border-left-width:5px;border-radius:4px;padding:7px 11px;margin:.55em 0}
.callout.good{color:var(--good);background:var(--good-bg)}
.callout.warn{color:var(--warn);background:var(--warn-bg)}
.callout.bad{color:var(--bad);background:var(--bad-bg);font-weight:600}
.callout.info{color:var(--info);background:var(--info-bg)}
.badge{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.88em;font-weight:600}
.badge.nw{white-space:nowrap}
.badge.good{color:var(--good);background:var(--good-bg)}
.badge.warn{color:var(--warn);background:var(--warn-bg)}
.badge.bad{color:var(--bad);background:var(--bad-bg)}
.badge.info{color:var(--info);background:var(--info-bg)}
.rating{display:inline-block;min-width:1.7em;text-align:center;border-radius:3px;font-weight:700;color:#fff;padding:0 .3em}
.r-P{background:#1e7b34}.r-S{background:#5f8f1f}.r-M{background:#b26a00}.r-U{background:#b3261e}.r-NA{background:#6b7280}
.chart{margin:.4em 0 1em}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(205px,1fr));gap:6px 14px}
.panel{break-inside:avoid;page-break-inside:avoid}
.ptitle{font-size:.85em;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.panel svg{width:100%;height:auto;display:block}
.chart .axis{stroke:#8a939e;stroke-width:1}
.chart .full{stroke:#9aa3ad;stroke-width:1;stroke-dasharray:3 3}
.chart .tick{font-size:9px;fill:var(--muted)}
.chart figcaption{font-size:.85em;margin-top:.2em}
.swatch{display:inline-block;width:14px;height:0;border-top:3px solid;vertical-align:middle;margin-right:.35em}
.muted{color:var(--muted)}
table.timeline td:nth-child(-n+4){white-space:nowrap}
table.timeline th:nth-child(5){width:13%}
table.response td:nth-child(4){white-space:nowrap}
table.response th{white-space:nowrap}
table.ratings{width:auto;min-width:60%}
table.ratings th:first-child,table.ratings td:first-child{white-space:nowrap}
table.ratings td:first-child{text-align:center}
table.compliance td:first-child{width:17%}
table.compliance td:nth-child(3){width:8%}
footer.doc{max-width:1000px;margin:0 auto;padding:10px 28px 24px;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}
@page{size:A4;margin:15mm 13mm 17mm}
@media print{
 body{font-size:9.4pt;line-height:1.42}
 main{max-width:none;padding:0}
 h1{font-size:16pt}
 h2{font-size:12.5pt;break-after:avoid;page-break-after:avoid}
 h3{font-size:10.5pt;break-after:avoid;page-break-after:avoid}
 table{font-size:8.4pt}
 th,td{padding:2px 5px}
 thead{display:table-header-group}
 tr,.callout,pre,.keep{break-inside:avoid;page-break-inside:avoid}
 .page-break{break-after:page;page-break-after:always}
 table.plan{font-size:7.4pt}
 table.plan th,table.plan td{padding:2px 3px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 footer.doc{display:none}
 .handling{display:none}
 pre,pre code{white-space:pre-wrap !important;overflow:visible}
}
"#;

fn rating(r: Rating) -> String {
    let cls = match r {
        Rating::NotEvaluated => "NA",
        other => other.letter(),
    };
    format!("<span class=\"rating r-{cls}\">{}</span>", esc(r.letter()))
}

fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Warn => "warn",
        Tone::Bad => "bad",
        Tone::Info => "info",
    }
}

fn text_with_breaks(s: &str) -> String {
    esc(s.trim_end_matches(['\n', '\r'])).replace('\n', "<br>")
}

fn inlines(out: &mut String, items: &[Inline]) {
    for i in items {
        match i {
            Inline::Text(s) => out.push_str(&text_with_breaks(s)),
            Inline::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", text_with_breaks(s));
            }
            Inline::Code(s) => {
                // Short ids stay on one line; long ones (hashes, paths) may break anywhere.
                let cls = if s.chars().count() <= 28 {
                    ""
                } else {
                    " class=\"long\""
                };
                let _ = write!(out, "<code{cls}>{}</code>", esc(s));
            }
            Inline::Rating(r) => out.push_str(&rating(*r)),
            Inline::Badge(t, s) => {
                let nw = if s.chars().count() <= 24 { " nw" } else { "" };
                let _ = write!(
                    out,
                    "<span class=\"badge {}{nw}\">{}</span>",
                    tone(*t),
                    esc(s)
                );
            }
            Inline::Struck(s) => {
                let _ = write!(out, "<del>{}</del>", text_with_breaks(s));
            }
        }
    }
}

/// Renders the document as one self-contained HTML file.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"kunren\">\n<title>{}</title>\n<style>{CSS}\
         @page{{@bottom-left{{content:{};font:7.5pt system-ui,sans-serif;color:#5b6470}}\
         @bottom-right{{content:counter(page) \" / \" counter(pages);font:7.5pt system-ui,sans-serif;color:#5b6470}}{}}}\n\
         </style>\n</head>\n<body>\n",
        esc(doc.lang),
        esc(&doc.title),
        css_string(&doc.footer),
        marking_boxes(doc.handling.as_deref()),
    );
    if let Some(h) = &doc.handling {
        let _ = writeln!(
            out,
            "<div class=\"handling top\" role=\"note\">{}</div>",
            esc(h.trim())
        );
    }
    out.push_str("<main>\n");
    for b in &doc.blocks {
        block(&mut out, b);
    }
    let _ = write!(
        out,
        "</main>\n<footer class=\"doc\">{}</footer>\n",
        esc(&doc.footer)
    );
    if let Some(h) = &doc.handling {
        let _ = writeln!(
            out,
            "<div class=\"handling bottom\" role=\"note\">{}</div>",
            esc(h.trim())
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The page-margin boxes that print the handling marking at the top and bottom of every
/// printed page (empty without a marking).
fn marking_boxes(handling: Option<&str>) -> String {
    match handling.map(str::trim).filter(|h| !h.is_empty()) {
        Some(h) => {
            let m = css_string(h);
            format!(
                "@top-center{{content:{m};font:700 9pt system-ui,sans-serif;color:#b3261e;white-space:nowrap}}\
                 @bottom-center{{content:{m};font:700 9pt system-ui,sans-serif;color:#b3261e;white-space:nowrap}}"
            )
        }
        None => String::new(),
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading {
            level,
            anchor,
            text,
        } => {
            let l = (*level).clamp(1, 4);
            let _ = writeln!(out, "<h{l} id=\"{}\">{}</h{l}>", esc(anchor), esc(text));
        }
        Block::Para(items) => {
            out.push_str("<p>");
            inlines(out, items);
            out.push_str("</p>\n");
        }
        Block::Callout(t, items) => {
            let _ = write!(out, "<div class=\"callout {}\" role=\"note\">", tone(*t));
            inlines(out, items);
            out.push_str("</div>\n");
        }
        Block::Facts(rows) => {
            out.push_str("<table class=\"facts\"><tbody>\n");
            for (label, value) in rows {
                let _ = write!(out, "<tr><th scope=\"row\">{}</th><td>", esc(label));
                inlines(out, value);
                out.push_str("</td></tr>\n");
            }
            out.push_str("</tbody></table>\n");
        }
        Block::Table {
            head,
            rows,
            numeric,
            class,
        } => {
            let num = |i: usize| numeric.get(i).copied().unwrap_or(false);
            if class.is_empty() {
                out.push_str("<table>\n<thead><tr>");
            } else {
                let _ = write!(out, "<table class=\"{}\">\n<thead><tr>", esc(class));
            }
            for (i, h) in head.iter().enumerate() {
                let cls = if num(i) { " class=\"num\"" } else { "" };
                let _ = write!(out, "<th scope=\"col\"{cls}>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    out.push_str(if num(i) { "<td class=\"num\">" } else { "<td>" });
                    inlines(out, cell);
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for i in items {
                out.push_str("<li>");
                inlines(out, i);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Code(s) => {
            let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(s.trim_end()));
        }
        Block::Chart(c) => {
            out.push_str(&chart::svg(c));
            out.push('\n');
        }
        Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        Block::Keep(blocks) => {
            out.push_str("<div class=\"keep\">\n");
            for b in blocks {
                block(out, b);
            }
            out.push_str("</div>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            esc("<a href='x'>&\"</a>\u{1b}[31m"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;[31m"
        );
        let css = css_string("a\"</style><script>\\");
        assert!(!css.contains("</style"));
        assert!(!css[1..css.len() - 1].contains('"'));
    }
}
