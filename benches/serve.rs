//! `kunren play --serve` with 30 seats (issue 14): one seat's frame rendered at 80×24 and at
//! 120×40 (target ≤ 2 ms), and a turn's end delivered to every seat (target ≤ 100 ms): the
//! session's `end_turn`, the console's refresh, the hub rebuilding each role's team view and
//! drawing all 30 screens, and each seat's frame encoded as the bytes its connection sends
//! (what the frame writer does). The SSH transport itself is not in the figures: the hub runs
//! here without a server ([`Hub::offline`]), its seats joined with outlets of their own.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tokio::sync::watch;

use kunren::serve::conn::{Frame, Outlet, frame_bytes};
use kunren::serve::seats::{SeatAuth, SeatSpec};
use kunren::serve::{Hub, SeatEvent, hub};
use kunren::session::{Drill, DrillMeta};
use kunren::tui::{App, Lang};

const SEATS: usize = 30;

/// A served console, each seat's frame receiver, and the frame each connection sent last.
type Served = (
    App,
    Vec<watch::Receiver<Option<Frame>>>,
    Vec<Option<Arc<Buffer>>>,
);
const SCENARIO: &str = "scenarios/hospital-ransomware.ron";

/// A console App of the shipped hospital drill with 30 seats joined (round-robin over the
/// organisation's roles, every third in Japanese), and each seat's frame receiver.
fn served() -> (App, Vec<watch::Receiver<Option<Frame>>>) {
    let (bundle, _) = kunren::scenario::load_bundle(SCENARIO, None).expect("scenario loads");
    let roles: Vec<String> = bundle.org.roles.iter().map(|r| r.id.clone()).collect();
    let meta = DrillMeta {
        facilitator: "bench".into(),
        mode: "console".into(),
        ..DrillMeta::default()
    };
    let drill = Drill::start(Arc::new(bundle), 7, &meta, None, None).expect("drill starts");
    let mut app = App::console(drill, Lang::En, (120, 40));
    let specs: Vec<SeatSpec> = (0..SEATS)
        .map(|i| SeatSpec {
            name: format!("Participant {i}"),
            role: roles[i % roles.len()].clone(),
            auth: SeatAuth::Code,
            lang: (i % 3 == 2).then_some(Lang::Ja),
        })
        .collect();
    app.serve = Some(Box::new(Hub::offline(specs, Lang::En)));
    let mut receivers = Vec::new();
    for seat in 0..SEATS {
        let (tx, rx) = watch::channel(None);
        receivers.push(rx);
        let joined = SeatEvent::Joined {
            conn: seat as u64 + 1,
            seat,
            size: if seat % 2 == 0 { (80, 24) } else { (120, 40) },
            outlet: Outlet(Arc::new(tx)),
        };
        hub::handle(&mut app, joined);
    }
    (app, receivers)
}

fn frame_render(c: &mut Criterion) {
    let (app, _rx) = served();
    let hub = app.serve.as_ref().expect("hub");
    // Seats join at 80×24 (even) and 120×40 (odd).
    for (seat, size) in [(0usize, (80u16, 24u16)), (1, (120, 40))] {
        let s = &hub.seats[seat];
        assert_eq!(s.app.size, size);
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
        c.bench_function(&format!("serve/seat_frame_{}x{}", size.0, size.1), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        kunren::tui::view::seats::render_seat(
                            black_box(&s.app),
                            &s.ui,
                            &s.spec,
                            None,
                            f,
                        )
                    })
                    .expect("draw");
            })
        });
    }
}

/// Ends one turn and hands the new frame to every seat, encoded as its connection sends it;
/// returns the time taken and checks every seat got a frame of the new turn.
fn deliver_turn(
    app: &mut App,
    receivers: &mut [watch::Receiver<Option<Frame>>],
    sent: &mut [Option<Arc<Buffer>>],
) -> Duration {
    let start = Instant::now();
    app.drill.as_mut().expect("drill").end_turn().expect("turn");
    app.refresh();
    hub::after_event(app);
    let mut bytes = 0usize;
    for (rx, prev) in receivers.iter_mut().zip(sent.iter_mut()) {
        let frame = rx
            .borrow_and_update()
            .clone()
            .expect("a frame for every seat");
        bytes += frame_bytes(prev.as_deref(), &frame.buffer)
            .expect("encode")
            .len();
        *prev = Some(frame.buffer);
    }
    let took = start.elapsed();
    assert!(bytes > 0, "the seats were sent something");
    took
}

fn turn_delivery(c: &mut Criterion) {
    let mut group = c.benchmark_group("serve");
    group.sample_size(30);
    group.bench_function("turn_to_30_seats", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut state: Option<Served> = None;
            for _ in 0..iters {
                // A fresh drill (not timed) before the scenario's turns run out.
                let fresh = state.as_mut().is_none_or(|(app, _, _)| {
                    app.model
                        .as_ref()
                        .is_none_or(|m| m.over || m.turn + 1 >= m.max_turns)
                });
                if fresh {
                    let (mut app, mut rx) = served();
                    let mut sent: Vec<Option<Arc<Buffer>>> = vec![None; SEATS];
                    // The frames of joining, as each connection has sent them already.
                    for (r, prev) in rx.iter_mut().zip(sent.iter_mut()) {
                        *prev = r.borrow_and_update().clone().map(|f| f.buffer);
                    }
                    app.refresh();
                    state = Some((app, rx, sent));
                }
                let (app, rx, sent) = state.as_mut().expect("state");
                total += deliver_turn(app, rx, sent);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, frame_render, turn_delivery);
criterion_main!(benches);
