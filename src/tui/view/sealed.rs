//! The last screen: the journal is sealed; where it is and the exact commands to check it and
//! write the after-action report.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, SealedView};
use super::super::i18n::S;
use super::theme;
use super::util::Doc;

/// Draws the screen.
pub fn render(app: &App, s: &SealedView, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let block = Block::bordered()
        .title(Line::styled(
            format!(" kunren · {} ", lang.t(S::SealedTitle)),
            theme::section(),
        ))
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::SealedKeys)),
            theme::dim(),
        ))
        .border_style(theme::focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut doc = Doc::new(inner.width.saturating_sub(2) as usize);
    doc.blank();
    let (status, style) = if s.status == "completed" {
        (lang.t(S::StatusCompleted), theme::good())
    } else {
        (lang.t(S::StatusAborted), theme::warn())
    };
    doc.spans(vec![
        Span::raw(" "),
        Span::styled(
            lang.f(S::SealedStatus, &[&status]),
            style.add_modifier(ratatui::style::Modifier::BOLD),
        ),
    ]);
    doc.text(1, &s.path.display().to_string(), theme::bold());
    doc.text(
        1,
        &lang.f(S::SealedRecords, &[&s.records, &s.root]),
        theme::dim(),
    );
    doc.text(1, &format!("SHA-256 {}", s.file_sha256), theme::dim());
    // The evidence grade in the words `verify` and `report` use: whoever receives the journal
    // has a signature to check against the facilitator's public key.
    let grade = |g: crate::journal::EvidenceGrade| g.words_in(lang);
    match &s.key_id {
        Some(k) => doc.text(
            1,
            &lang.f(
                S::SealedSigned,
                &[
                    &grade(crate::journal::EvidenceGrade::SignedKeyNotChecked),
                    k,
                ],
            ),
            theme::dim(),
        ),
        None => doc.text(
            1,
            &lang.f(
                S::SealedUnsigned,
                &[&grade(crate::journal::EvidenceGrade::Unsigned)],
            ),
            theme::dim(),
        ),
    }
    doc.blank();
    doc.text(1, lang.t(S::SealedVerify), Style::new());
    doc.text(3, &s.verify_command(), theme::key());
    doc.blank();
    doc.text(1, lang.t(S::SealedReport), Style::new());
    doc.text(3, &s.report_command(), theme::key());
    frame.render_widget(Paragraph::new(doc.lines), inner);
}
