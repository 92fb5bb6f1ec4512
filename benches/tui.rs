//! Console frame rendering: one full console frame at 120×40 on ratatui's `TestBackend`
//! (target ≤ 2 ms), on the small test scenario after two turns with actions queued.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use kunren::session::{Drill, DrillMeta};
use kunren::tui::{App, Lang, Msg, update, view};

fn app() -> App {
    let (bundle, _) = kunren::scenario::load_bundle("tests/fixtures/tui/scenario.ron", None)
        .expect("fixture loads");
    let meta = DrillMeta {
        facilitator: "bench".into(),
        mode: "console".into(),
        ..DrillMeta::default()
    };
    let mut drill = Drill::start(Arc::new(bundle), 7, &meta, None, None).expect("drill starts");
    drill.submit("triage-alert", None, "soc").expect("queue");
    drill.end_turn().expect("turn 1");
    drill
        .submit("isolate-host", Some("eng-lt-042"), "it-ops")
        .expect("queue");
    drill.submit("threat-hunt", None, "soc").expect("queue");
    let mut app = App::console(drill, Lang::En, (120, 40));
    update(&mut app, Msg::Esc);
    app
}

fn render(c: &mut Criterion) {
    let app = app();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function("tui/console_frame_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::render(black_box(&app), f))
                .expect("draw");
        })
    });
    let mut control = self::app();
    update(&mut control, Msg::ToggleControl);
    c.bench_function("tui/console_frame_120x40_control_view", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::render(black_box(&control), f))
                .expect("draw");
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
