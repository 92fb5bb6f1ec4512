//! Conditional effects `If(when, then, else)`: the engine applies the branch whose condition
//! holds when the effect's turn comes (after the effects before it), and `check` says when a
//! `then` can never apply.

use std::sync::Arc;

use kunren::engine::Engine;
use kunren::scenario::{Condition, load_bundle};

const FIXTURE: &str = "tests/fixtures/authoring/conditional-effects.ron";

fn engine() -> Engine {
    let (b, warnings) = load_bundle(FIXTURE, None).expect("fixture loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    Engine::new(Arc::new(b), 7)
}

fn flag(e: &mut Engine, f: &str) -> bool {
    e.holds(&Condition::Flag(f.into()))
}

#[test]
fn the_branch_that_holds_is_applied_in_order() {
    // Backups not checked: the `else` branch, and its inner `If` sees the flag set before it.
    let mut e = engine();
    e.fire_inject("gate").expect("fire");
    assert!(flag(&mut e, "rebuilding"));
    assert!(!flag(&mut e, "restoring"));
    assert!(
        !flag(&mut e, "contradiction"),
        "the inner If reads the state after SetFlag"
    );

    // Backups found clean first: the `then` branch.
    let mut e = engine();
    e.fire_inject("backups-report").expect("fire");
    e.fire_inject("gate").expect("fire");
    assert!(flag(&mut e, "restoring"));
    assert!(!flag(&mut e, "rebuilding"));
    let r = e.end_turn();
    assert!(
        r.score_lines.iter().any(|l| l.reason.contains("Restored")),
        "the rule on the then-branch's flag scores: {:?}",
        r.score_lines
    );
}

#[test]
fn an_if_that_can_never_hold_is_reported() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["check", "tests/fixtures/authoring/if-never.ron"])
        .output()
        .expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[K0234]"), "{err}");
    assert!(
        err.contains("tests/fixtures/authoring/if-never.ron:32:20"),
        "{err}"
    );
    assert!(
        err.contains("an `If` in inject `late-check` never applies its `then`: `Turn(30)` never holds in a 6-turn drill"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["check", FIXTURE])
        .output()
        .expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn the_modelling_chapter_checks_clean_and_plays() {
    // docs/scenario-format.md, "Modelling real incidents", quotes this scenario and organisation.
    let dir = "tests/fixtures/authoring/modelling";
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args([
            "check",
            &format!("{dir}/incidents.ron"),
            &format!("{dir}/two-site-org.ron"),
        ])
        .output()
        .expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["run", "--seed", "3", &format!("{dir}/incidents.ron")])
        .output()
        .expect("run kunren");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    // The off-hours first turn.
    assert!(
        text.contains("── Turn 1/12 · T+00:00–03:00 · Fri 2025-05-09 21:00 JST"),
        "{text}"
    );
    // The recovery inject's nested `If`: backups verified, so a clean restore.
    assert!(
        text.contains(
            "inject:recovery: ERP-01 (Tokyo) restored from a verified clean restore point"
        ),
        "{text}"
    );
}
