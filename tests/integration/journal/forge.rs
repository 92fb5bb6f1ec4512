//! Forged journals (issue 11, items 4 and 6): a forger who rewrites records and recomputes the
//! hash chain, the checkpoints and even the signatures with a key of their own gets past the
//! hash checks, so `verify`, `replay` and `report` must catch the rest: turns and times that go
//! back, inputs moved to another turn, header facts and input bodies the scenario does not give,
//! a drill cut short and resealed as completed, and a journal re-signed with another key.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ed25519_dalek::{Signer, SigningKey};
use kunren::headless::play_drill;
use kunren::journal::merkle::MerkleTree;
use kunren::journal::{
    Actor, CheckpointBody, Header, Participant, Record, RecordKind, ZERO_PREV, checkpoint_message,
    key_fingerprint, key_id, sha256_hex,
};
use kunren::policy::Expert;
use kunren::report::compliance::Status;
use kunren::scenario::{Bundle, load_bundle};
use kunren::session::{Drill, DrillMeta};
use serde_json::{Value, json};

use super::common::lines;

const DEFAULT: &str = "scenarios/defence-contractor-double-extortion.ron";

fn kunren(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn bundle() -> Arc<Bundle> {
    match load_bundle(DEFAULT, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {DEFAULT}:\n{}", e.render()),
    }
}

/// The facilitator's genuine key and an attacker's (fixed test seeds, not secrets).
fn genuine() -> SigningKey {
    SigningKey::from_bytes(&[0x21; 32])
}

fn attacker() -> SigningKey {
    SigningKey::from_bytes(&[0x66; 32])
}

/// Writes `key`'s public key file (64 hex digits and a newline) and returns its path.
fn pub_file(dir: &Path, name: &str, key: &SigningKey) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("{}\n", hex::encode(key.verifying_key().as_bytes())),
    )
    .expect("write public key");
    path
}

/// The default drill played by the expert (seed 1), every role named, signed with `key`.
fn expert_journal(path: &Path, key: Option<SigningKey>) {
    let b = bundle();
    let meta = DrillMeta {
        facilitator: "Sato Hanako".into(),
        participants: b
            .org
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| Participant {
                name: format!("Participant {i}"),
                role: r.id.clone(),
            })
            .collect(),
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        ..DrillMeta::default()
    };
    let mut drill = Drill::start(b, 1, &meta, Some(path), key).expect("start");
    play_drill(&mut drill, &mut Expert::default(), None, |_| {}).expect("play");
    drill.close("").expect("seal");
}

fn records(bytes: &[u8]) -> Vec<Record> {
    lines(bytes)
        .iter()
        .map(|l| Record::from_line(&l[..l.len() - 1]).expect("record"))
        .collect()
}

/// Rewrites a journal as a forger would: the checkpoints are dropped, `edit` changes the
/// records, then every record gets its `seq` and `prev` again, a checkpoint is recomputed
/// every 100 records and after `drill_closed`, and the header and checkpoints are signed with
/// `key` (or left unsigned). The result passes every hash and signature check.
pub fn forge(
    bytes: &[u8],
    key: Option<&SigningKey>,
    edit: impl FnOnce(&mut Vec<Record>),
) -> Vec<u8> {
    let mut recs: Vec<Record> = records(bytes)
        .into_iter()
        .filter(|r| r.kind != RecordKind::Checkpoint)
        .collect();
    edit(&mut recs);
    let mut header: Header = recs[0].body_as().expect("header");
    header.pubkey_id = key.map(|k| key_id(&k.verifying_key()));
    recs[0].body = serde_json::to_value(&header).expect("header json");

    let mut out = Vec::new();
    let mut tree = MerkleTree::new();
    let mut prev = ZERO_PREV.to_string();
    let mut last: Option<(String, u32)> = None;
    let push = |mut r: Record, out: &mut Vec<u8>, tree: &mut MerkleTree, prev: &mut String| {
        r.seq = tree.size();
        r.prev = prev.clone();
        let line = r.to_line().expect("line");
        *prev = sha256_hex(&line);
        tree.push_line(&line);
        out.extend_from_slice(&line);
        out.push(b'\n');
    };
    let checkpoint = |tree: &MerkleTree, at: &(String, u32)| {
        let root = tree.root_hex();
        let body = CheckpointBody {
            key_id: key.map(|k| key_id(&k.verifying_key())),
            public_key: key.map(|k| hex::encode(k.verifying_key().as_bytes())),
            signature: key
                .map(|k| hex::encode(k.sign(&checkpoint_message(tree.size(), &root)).to_bytes())),
            root,
            tree_size: tree.size(),
        };
        Record {
            v: 1,
            seq: 0,
            ts: at.0.clone(),
            turn: at.1,
            kind: RecordKind::Checkpoint,
            actor: Actor::System,
            body: serde_json::to_value(&body).expect("checkpoint json"),
            prev: String::new(),
        }
    };
    let mut since = 0;
    for r in recs {
        if since == 100 {
            let cp = checkpoint(&tree, last.as_ref().expect("a record before"));
            push(cp, &mut out, &mut tree, &mut prev);
            since = 0;
        }
        let closed = r.kind == RecordKind::DrillClosed;
        last = Some((r.ts.clone(), r.turn));
        push(r, &mut out, &mut tree, &mut prev);
        since += 1;
        if closed {
            let cp = checkpoint(&tree, last.as_ref().expect("drill_closed"));
            push(cp, &mut out, &mut tree, &mut prev);
        }
    }
    out
}

/// A genuine unsigned expert journal, its path and its bytes.
fn genuine_unsigned(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join("genuine.jsonl");
    expert_journal(&path, None);
    let bytes = std::fs::read(&path).expect("read");
    (path, bytes)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write forged journal");
    path
}

#[test]
fn the_forge_helper_reproduces_a_genuine_journal_that_verifies_and_replays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = genuine_unsigned(dir.path());
    let same = forge(&bytes, None, |_| {});
    let p = write(dir.path(), "same.jsonl", &same);
    let (code, out, _) = kunren(&["verify", s(&p)]);
    assert_eq!(code, 0, "{out}");
    let (code, out, err) = kunren(&["replay", s(&p)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("identical"), "{out}");
}

#[test]
fn an_input_moved_from_turn_6_to_turn_2_fails_verify_and_replay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = genuine_unsigned(dir.path());
    let is_late_input = |r: &Record| {
        r.kind == RecordKind::ActionSubmitted && r.turn == 6 && matches!(r.actor, Actor::Role(_))
    };
    assert!(
        records(&bytes).iter().any(is_late_input),
        "the expert acts in turn 6"
    );

    // The turn number edited where the record stands: turns go back (verify, exit 2).
    let edited = forge(&bytes, None, |recs| {
        let r = recs.iter_mut().find(|r| is_late_input(r)).expect("input");
        r.turn = 2;
    });
    let p = write(dir.path(), "edited.jsonl", &edited);
    let (code, out, _) = kunren(&["verify", s(&p)]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("turn_decreased"), "{out}");
    let (code, _, err) = kunren(&["replay", s(&p)]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = kunren(&["report", s(&p), "-o", "-"]);
    assert_eq!(code, 2, "{err}");

    // The record moved among turn 2's inputs as well, so turns never go back: verify passes,
    // but replay applies it in turn 2 and the engine's turn 2 differs (exit 2).
    let moved = forge(&bytes, None, |recs| {
        let i = recs.iter().position(is_late_input).expect("input");
        let mut r = recs.remove(i);
        r.turn = 2;
        let at = recs
            .iter()
            .position(|x| x.kind == RecordKind::ActionSubmitted && x.turn == 2)
            .expect("a turn-2 input");
        r.ts = recs[at].ts.clone();
        recs.insert(at, r);
    });
    let p = write(dir.path(), "moved.jsonl", &moved);
    let (code, out, _) = kunren(&["verify", s(&p)]);
    assert_eq!(
        code, 0,
        "the chain is recomputed, the order plausible: {out}"
    );
    let (code, out, err) = kunren(&["replay", s(&p)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("DIVERGENT"), "{out}");
    assert!(err.contains("line "), "{err}");
}

#[test]
fn times_that_go_back_fail_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = genuine_unsigned(dir.path());
    let forged = forge(&bytes, None, |recs| {
        recs[40].ts = "2001-01-01T00:00:00Z".into();
    });
    let p = write(dir.path(), "ts.jsonl", &forged);
    let (code, out, _) = kunren(&["verify", s(&p), "--json"]);
    assert_eq!(code, 2, "{out}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["failure"]["code"], "ts_decreased", "{out}");
    assert_eq!(v["failure"]["line"], 41, "{out}");
}

/// A change a forger makes to the records.
type Edit = dyn Fn(&mut Vec<Record>);

#[test]
fn replay_compares_header_facts_input_bodies_and_output_turns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = genuine_unsigned(dir.path());
    let cases: Vec<(&str, Box<Edit>, &str)> = vec![
        (
            "reference step due later",
            Box::new(|recs: &mut Vec<Record>| {
                let turn = &mut recs[0].body["extra"]["reference_response"][0]["turn"];
                *turn = json!(turn.as_u64().unwrap_or(1) + 5);
            }),
            "extra.reference_response[0].turn",
        ),
        (
            "an objective retitled",
            Box::new(|recs: &mut Vec<Record>| {
                recs[0].body["extra"]["objectives"][0]["title"] = json!("Something easy");
            }),
            "extra.objectives[0].title",
        ),
        (
            "a regime's clock given more hours",
            Box::new(|recs: &mut Vec<Record>| {
                let hours = &mut recs[0].body["extra"]["regimes"][0]["clocks"][0]["hours"];
                *hours = json!(hours.as_u64().unwrap_or(1) * 10);
            }),
            "extra.regimes[0].clocks[0].hours",
        ),
        (
            "the organisation renamed",
            Box::new(|recs: &mut Vec<Record>| {
                recs[0].body["org_name"] = json!("Someone Else KK");
            }),
            "org_name",
        ),
        (
            "a decision's label changed",
            Box::new(|recs: &mut Vec<Record>| {
                let r = recs
                    .iter_mut()
                    .find(|r| r.kind == RecordKind::DecisionMade && r.actor != Actor::Engine)
                    .expect("a team decision");
                r.body["label"] = json!("Pay the ransom");
            }),
            "decision_made",
        ),
        (
            "an action's role changed in its body",
            Box::new(|recs: &mut Vec<Record>| {
                let r = recs
                    .iter_mut()
                    .find(|r| r.kind == RecordKind::ActionSubmitted)
                    .expect("an action");
                r.body["role"] = json!("exec");
            }),
            "action_submitted",
        ),
        (
            "a turn's end stamped with the next turn",
            Box::new(|recs: &mut Vec<Record>| {
                let r = recs
                    .iter_mut()
                    .find(|r| r.kind == RecordKind::TurnEnded && r.turn == 2)
                    .expect("turn 2 ends");
                r.turn = 3;
            }),
            "turn_ended turn 2",
        ),
    ];
    for (i, (what, edit, named)) in cases.into_iter().enumerate() {
        let forged = forge(&bytes, None, |recs| edit(recs));
        let p = write(dir.path(), &format!("f{i}.jsonl"), &forged);
        let (code, out, _) = kunren(&["verify", s(&p)]);
        assert_eq!(code, 0, "{what}: the forgery gets past verify: {out}");
        let (code, out, err) = kunren(&["replay", s(&p)]);
        assert_eq!(code, 2, "{what}: {out}{err}");
        assert!(out.contains("DIVERGENT"), "{what}: {out}");
        assert!(
            err.contains(named),
            "{what}: the divergence names {named}: {err}"
        );
    }
}

#[test]
fn a_re_signed_journal_is_signed_key_not_checked_and_refused_with_the_genuine_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("signed.jsonl");
    expert_journal(&path, Some(genuine()));
    let genuine_pub = pub_file(dir.path(), "facilitator.pub", &genuine());
    let attacker_pub = pub_file(dir.path(), "attacker.pub", &attacker());
    let genuine_fp = key_fingerprint(&genuine().verifying_key());
    let attacker_fp = key_fingerprint(&attacker().verifying_key());

    // The genuine journal: verified with the genuine key.
    let (code, out, err) = kunren(&["report", s(&path), "--pubkey", s(&genuine_pub), "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    let evidence = out
        .lines()
        .find(|l| l.starts_with("- **Evidence:**"))
        .expect("evidence grade");
    assert!(evidence.contains("signature verified"), "{evidence}");
    assert!(evidence.contains(&genuine_fp), "{evidence}");

    // The whole journal re-signed with the attacker's key (after any change they like).
    let bytes = std::fs::read(&path).expect("read");
    let forged = forge(&bytes, Some(&attacker()), |_| {});
    let p = write(dir.path(), "resigned.jsonl", &forged);

    // Without --pubkey: valid, signed, key not checked, with the attacker's fingerprint.
    let (code, out, _) = kunren(&["verify", s(&p)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("signed, key not checked"), "{out}");
    assert!(out.contains(&attacker_fp), "{out}");
    for format in ["md", "html", "json"] {
        let (code, out, err) = kunren(&["report", s(&p), "--format", format, "-o", "-"]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.contains("signed, key not checked"), "{format}: {out}");
        assert!(out.contains(&attacker_fp), "{format}: fingerprint shown");
    }
    let (_, md, _) = kunren(&["report", s(&p), "-o", "-"]);
    let evidence = md
        .lines()
        .find(|l| l.starts_with("- **Evidence:**"))
        .expect("the front page states the evidence grade");
    assert!(evidence.contains("signed, key not checked"), "{evidence}");
    assert!(evidence.contains(&attacker_fp), "{evidence}");
    let (_, json, _) = kunren(&["report", s(&p), "--format", "json", "-o", "-"]);
    let v: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        v["integrity"]["evidence_grade"]["code"],
        "signed_key_not_checked"
    );

    // With the genuine key: verify and report both refuse (exit 2), and no report is written.
    let (code, out, _) = kunren(&["verify", s(&p), "--pubkey", s(&genuine_pub)]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("does not match"), "{out}");
    let target = dir.path().join("resigned.aar.md");
    let (code, _, err) = kunren(&[
        "report",
        s(&p),
        "--pubkey",
        s(&genuine_pub),
        "-o",
        s(&target),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("signature does not match"), "{err}");
    assert!(!target.exists(), "nothing is written");

    // With the attacker's own key it verifies: the key must come from the facilitator.
    let (code, out, err) = kunren(&["report", s(&p), "--pubkey", s(&attacker_pub), "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("- **Evidence:**") && l.contains("signature verified")),
        "{out}"
    );

    // An unsigned journal with --pubkey is refused too (it may be a signed one stripped).
    let stripped = forge(&bytes, None, |_| {});
    let p = write(dir.path(), "stripped.jsonl", &stripped);
    let (code, _, err) = kunren(&["report", s(&p), "--pubkey", s(&genuine_pub), "-o", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("signature does not match"), "{err}");
    // A key file that is not a key is a usage error.
    let (code, _, _) = kunren(&["report", s(&p), "--pubkey", s(&path), "-o", "-"]);
    assert_eq!(code, 3);
}

#[test]
fn a_5_28_is_met_only_with_the_signature_verified_by_the_given_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("signed.jsonl");
    expert_journal(&path, Some(genuine()));
    let genuine_pub = pub_file(dir.path(), "facilitator.pub", &genuine());
    let status = |pubkey: Option<&Path>| {
        let model = kunren::report::load_with(&path, pubkey).expect("model");
        let preserved = model
            .actions
            .iter()
            .any(|a| kunren::report::compliance::PRESERVE_ACTIONS.contains(&a.action.as_str()));
        let row = model
            .compliance
            .iter()
            .find(|r| r.control.starts_with("ISO/IEC 27001:2022 A.5.28"))
            .expect("A.5.28 row")
            .status;
        (row, preserved)
    };
    let (without, preserved) = status(None);
    assert!(
        preserved,
        "the expert preserves evidence in the default drill"
    );
    assert_ne!(without, Status::Met);
    let (with, _) = status(Some(&genuine_pub));
    assert_eq!(with, Status::Met);
}

#[test]
fn a_drill_cut_after_3_of_12_turns_and_resealed_as_completed_is_flagged_incomplete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = genuine_unsigned(dir.path());
    let ended = records(&bytes)
        .iter()
        .filter(|r| r.kind == RecordKind::TurnEnded)
        .count();
    assert_eq!(ended, 12, "the expert ends the default drill in turn 12");
    let (code, out, _) = kunren(&["verify", s(&path)]);
    assert_eq!(code, 0);
    assert!(!out.contains("incomplete"), "{out}");

    let forged = forge(&bytes, None, |recs| {
        let cut = recs
            .iter()
            .position(|r| r.kind == RecordKind::TurnEnded && r.turn == 3)
            .expect("turn 3 ends");
        recs.truncate(cut + 1);
        let last = recs.last().expect("a record").clone();
        recs.push(Record {
            kind: RecordKind::DrillClosed,
            actor: Actor::System,
            body: json!({"reason": "", "status": "completed"}),
            ..last
        });
    });
    let p = write(dir.path(), "cut.jsonl", &forged);
    let (code, out, _) = kunren(&["verify", s(&p)]);
    assert_eq!(code, 0, "the journal itself is intact: {out}");
    assert!(out.contains("incomplete:"), "{out}");
    assert!(out.contains("3 of 20"), "{out}");
    let (_, out, _) = kunren(&["verify", s(&p), "--json"]);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["incomplete"]["code"], "completed_without_ending", "{out}");

    let (code, md, err) = kunren(&["report", s(&p), "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    let front = md.split("1. Exercise overview").next().expect("front page");
    assert!(front.contains("INCOMPLETE DRILL"), "{front}");
    assert!(front.contains("Ratings (provisional)"), "{front}");
    assert!(md.contains("These ratings are provisional"), "section 4");
    assert!(err.contains("incomplete"), "{err}");
    let (_, json, _) = kunren(&["report", s(&p), "--format", "json", "-o", "-"]);
    let v: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        v["integrity"]["incomplete"]["code"],
        "completed_without_ending"
    );
    assert_eq!(v["integrity"]["ratings_provisional"], true);
    let (code, html, _) = kunren(&["report", s(&p), "--format", "html", "-o", "-"]);
    assert_eq!(code, 0);
    assert!(html.contains("INCOMPLETE DRILL"));

    // Replay too: the replayed drill had not ended when the journal says it was completed.
    let (code, out, err) = kunren(&["replay", s(&p)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("closed as completed"), "{err}");
}
