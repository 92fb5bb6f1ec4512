//! Every event and modifier renders from the catalogue in both languages; the English is the
//! journal's text as the engine wrote it before the log was typed (the old `format!`s are the
//! oracle, copied here), and the Japanese carries none of the English template's words.

use super::*;
use crate::engine::components::ServiceStatus;

fn bundle(path: &str) -> Bundle {
    crate::scenario::load_bundle(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR")), None)
        .expect("scenario loads")
        .0
}

const EN: &str = "scenarios/defence-contractor-double-extortion.ron";
const JA: &str = "scenarios/defence-contractor-double-extortion-ja.ron";

/// One event of every kind, with the line the engine used to write for it (`old`).
fn every_kind(b: &Bundle) -> Vec<(TurnEvent, String)> {
    let action = Origin::Action(0);
    let who = action.key(b);
    let asset = |i: usize| b.org.assets[i].name.clone();
    let zone = b.org.zones[0].id.clone();
    let control = b.org.controls[0].id.clone();
    let down = b
        .org
        .services
        .iter()
        .position(|s| !s.outage_note.is_empty())
        .expect("a service with an outage note");
    let quiet = b.org.services.iter().position(|s| s.outage_note.is_empty());
    let (r, c) = (0, 0);
    let regime = &b.regimes[r];
    let ev = |kind: EventKind| TurnEvent {
        origin: action,
        kind,
    };
    let mut out = vec![
        (
            ev(EventKind::ControlInPlace {
                control: control.clone(),
            }),
            format!("{who}: control `{control}` now in place"),
        ),
        (
            ev(EventKind::Impact {
                amount: 12.5,
                why: "ransom note".into(),
            }),
            format!("{who}: impact {} ({})", 12.5, "ransom note"),
        ),
        (
            ev(EventKind::Impact {
                amount: 40.0,
                why: "x".into(),
            }),
            format!("{who}: impact {} ({})", 40.0, "x"),
        ),
        (
            ev(EventKind::Exfiltrated { data: 0 }),
            format!("{who}: {} exfiltrated", b.org.data[0].name),
        ),
        (
            TurnEvent {
                origin: Origin::Stage(0),
                kind: EventKind::ZoneEncrypted {
                    count: 5,
                    zone: zone.clone(),
                },
            },
            format!(
                "stage:{}: {} assets in zone `{zone}` encrypted",
                b.scenario.campaign[0].id, 5
            ),
        ),
        (
            ev(EventKind::BackupsVerified),
            format!("{who}: backups verified: restores will use known-clean restore points"),
        ),
        (
            ev(EventKind::EncryptionFailed { asset: 1 }),
            format!("{who}: {} was isolated: encryption failed", asset(1)),
        ),
        (
            ev(EventKind::AssetEncrypted { asset: 1 }),
            format!("{who}: {} encrypted", asset(1)),
        ),
        (
            ev(EventKind::Isolated { asset: 2 }),
            format!("{who}: {} isolated", asset(2)),
        ),
        (
            ev(EventKind::Reconnected { asset: 2 }),
            format!("{who}: {} reconnected", asset(2)),
        ),
        (
            ev(EventKind::RestoredVerified { asset: 3 }),
            format!(
                "{who}: {} restored from a verified clean restore point",
                asset(3)
            ),
        ),
        (
            ev(EventKind::RestoredClean {
                asset: 3,
                roll: 0.234,
                chance: 0.85,
            }),
            format!(
                "{who}: {} restored from a clean backup (roll {:.0} < {:.0}%)",
                asset(3),
                0.234 * 100.0,
                0.85 * 100.0
            ),
        ),
        (
            ev(EventKind::RestoredInfected {
                asset: 3,
                roll: 0.915,
                chance: 0.6,
            }),
            format!(
                "{who}: {} restored, but the backup was infected (roll {:.0} ≥ {:.0}%)",
                asset(3),
                0.915 * 100.0,
                0.6 * 100.0
            ),
        ),
        (
            ev(EventKind::RestoredFromBackup { asset: 3 }),
            format!("{who}: {} restored from backup", asset(3)),
        ),
        (
            ev(EventKind::NoBackup { asset: 4 }),
            format!("{who}: {} has no backup: nothing restored", asset(4)),
        ),
        (
            ev(EventKind::Rebuilding { asset: 4, turns: 3 }),
            format!("{who}: {} rebuilding ({} turns)", asset(4), 3),
        ),
        (
            ev(EventKind::Evicted { asset: 5 }),
            format!("{who}: attacker evicted from {}", asset(5)),
        ),
        (
            ev(EventKind::NothingToEvict { asset: 5 }),
            format!("{who}: nothing found to evict on {}", asset(5)),
        ),
        (
            ev(EventKind::ReportDelivered {
                regime: r,
                clock: c,
            }),
            format!(
                "{who}: {}: delivered to {}",
                regime.clocks[c].title, regime.authority
            ),
        ),
        (
            ev(EventKind::NoRegime {
                regime: "gdpr-art33".into(),
            }),
            format!("{who}: no regime `gdpr-art33` in this drill: nothing reported"),
        ),
        (
            ev(EventKind::NothingToReport { regime: r }),
            format!("{who}: nothing left to report under `{}`", regime.id),
        ),
        (
            TurnEvent {
                origin: Origin::Service,
                kind: EventKind::ServiceChanged {
                    service: down,
                    status: ServiceStatus::Down,
                },
            },
            format!(
                "service: {} DOWN ({})",
                b.org.services[down].name, b.org.services[down].outage_note
            ),
        ),
        (
            TurnEvent {
                origin: Origin::Service,
                kind: EventKind::ServiceChanged {
                    service: down,
                    status: ServiceStatus::Degraded,
                },
            },
            format!("service: {} degraded", b.org.services[down].name),
        ),
        (
            TurnEvent {
                origin: Origin::Service,
                kind: EventKind::ServiceChanged {
                    service: down,
                    status: ServiceStatus::Up,
                },
            },
            format!("service: {} back up", b.org.services[down].name),
        ),
        (
            TurnEvent {
                origin: Origin::Rebuild,
                kind: EventKind::RebuildDone { asset: 4 },
            },
            format!("rebuild: {} is back in service", asset(4)),
        ),
    ];
    if let Some(q) = quiet {
        out.push((
            TurnEvent {
                origin: Origin::Service,
                kind: EventKind::ServiceChanged {
                    service: q,
                    status: ServiceStatus::Down,
                },
            },
            format!("service: {} DOWN", b.org.services[q].name),
        ));
    }
    // Every origin the engine names.
    let (inj, opt) = b
        .scenario
        .injects
        .iter()
        .enumerate()
        .find_map(|(i, x)| x.decision.as_ref().map(|d| (i, &d.options[0])))
        .expect("a decision");
    out.push((
        TurnEvent {
            origin: Origin::Option(inj, 0),
            kind: EventKind::Isolated { asset: 0 },
        },
        format!("option:{}: {} isolated", opt.id, asset(0)),
    ));
    out.push((
        TurnEvent {
            origin: Origin::Inject(0),
            kind: EventKind::Isolated { asset: 0 },
        },
        format!("inject:{}: {} isolated", b.scenario.injects[0].id, asset(0)),
    ));
    out
}

/// Every kind of [`EventKind`], so that a new one is not forgotten here.
fn kind_name(k: &EventKind) -> &'static str {
    match k {
        EventKind::ControlInPlace { .. } => "ControlInPlace",
        EventKind::Impact { .. } => "Impact",
        EventKind::Exfiltrated { .. } => "Exfiltrated",
        EventKind::ZoneEncrypted { .. } => "ZoneEncrypted",
        EventKind::BackupsVerified => "BackupsVerified",
        EventKind::EncryptionFailed { .. } => "EncryptionFailed",
        EventKind::AssetEncrypted { .. } => "AssetEncrypted",
        EventKind::Isolated { .. } => "Isolated",
        EventKind::Reconnected { .. } => "Reconnected",
        EventKind::RestoredVerified { .. } => "RestoredVerified",
        EventKind::RestoredClean { .. } => "RestoredClean",
        EventKind::RestoredInfected { .. } => "RestoredInfected",
        EventKind::RestoredFromBackup { .. } => "RestoredFromBackup",
        EventKind::NoBackup { .. } => "NoBackup",
        EventKind::Rebuilding { .. } => "Rebuilding",
        EventKind::Evicted { .. } => "Evicted",
        EventKind::NothingToEvict { .. } => "NothingToEvict",
        EventKind::ReportDelivered { .. } => "ReportDelivered",
        EventKind::NoRegime { .. } => "NoRegime",
        EventKind::NothingToReport { .. } => "NothingToReport",
        EventKind::ServiceChanged { .. } => "ServiceChanged",
        EventKind::RebuildDone { .. } => "RebuildDone",
    }
}

const KINDS: usize = 22;

#[test]
fn english_is_the_journals_old_text_for_every_kind() {
    let b = bundle(EN);
    let cases = every_kind(&b);
    let kinds: std::collections::BTreeSet<_> =
        cases.iter().map(|(e, _)| kind_name(&e.kind)).collect();
    assert_eq!(kinds.len(), KINDS, "every kind is exercised: {kinds:?}");
    for (e, old) in &cases {
        assert_eq!(&e.log_line(&b), old, "{e:?}");
        assert_eq!(&e.text(Lang::En, &LogLabels(&b)), old);
    }
}

/// The words of an English template (placeholders dropped), lower-cased.
fn template_words(s: S) -> Vec<String> {
    let en = s.get(Lang::En);
    let mut words = Vec::new();
    let mut w = String::new();
    let mut in_ph = false;
    for c in en.chars() {
        match c {
            '{' => in_ph = true,
            '}' => in_ph = false,
            c if !in_ph && c.is_ascii_alphabetic() => w.push(c.to_ascii_lowercase()),
            _ => {
                if w.len() > 1 {
                    words.push(std::mem::take(&mut w));
                }
                w.clear();
            }
        }
    }
    if w.len() > 1 {
        words.push(w);
    }
    words
}

/// The catalogue key each kind is worded with.
fn key_of(e: &EventKind) -> S {
    match e {
        EventKind::ControlInPlace { .. } => S::EvControlInPlace,
        EventKind::Impact { .. } => S::EvImpact,
        EventKind::Exfiltrated { .. } => S::EvExfiltrated,
        EventKind::ZoneEncrypted { .. } => S::EvZoneEncrypted,
        EventKind::BackupsVerified => S::EvBackupsVerified,
        EventKind::EncryptionFailed { .. } => S::EvEncryptionFailed,
        EventKind::AssetEncrypted { .. } => S::EvAssetEncrypted,
        EventKind::Isolated { .. } => S::EvIsolated,
        EventKind::Reconnected { .. } => S::EvReconnected,
        EventKind::RestoredVerified { .. } => S::EvRestoredVerified,
        EventKind::RestoredClean { .. } => S::EvRestoredClean,
        EventKind::RestoredInfected { .. } => S::EvRestoredInfected,
        EventKind::RestoredFromBackup { .. } => S::EvRestoredFromBackup,
        EventKind::NoBackup { .. } => S::EvNoBackup,
        EventKind::Rebuilding { .. } => S::EvRebuilding,
        EventKind::Evicted { .. } => S::EvEvicted,
        EventKind::NothingToEvict { .. } => S::EvNothingToEvict,
        EventKind::ReportDelivered { .. } => S::EvReportDelivered,
        EventKind::NoRegime { .. } => S::EvNoRegime,
        EventKind::NothingToReport { .. } => S::EvNothingToReport,
        EventKind::ServiceChanged {
            status: ServiceStatus::Up,
            ..
        } => S::EvServiceUp,
        EventKind::ServiceChanged {
            status: ServiceStatus::Degraded,
            ..
        } => S::EvServiceDegraded,
        EventKind::ServiceChanged { .. } => S::EvServiceDown,
        EventKind::RebuildDone { .. } => S::EvRebuildDone,
    }
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The data an event's line quotes (names, ids, authored text): exempt from the word check.
fn data_of(e: &EventKind, b: &Bundle) -> String {
    let asset = |i: &usize| b.org.assets[*i].name.clone();
    match e {
        EventKind::ControlInPlace { control } => {
            let name = b.org.controls.iter().find(|c| &c.id == control);
            format!("{control} {}", name.map_or("", |c| c.name.as_str()))
        }
        EventKind::Impact { why, .. } => why.clone(),
        EventKind::Exfiltrated { data } => b.org.data[*data].name.clone(),
        EventKind::ZoneEncrypted { zone, .. } => {
            let name = b.org.zones.iter().find(|z| &z.id == zone);
            format!("{zone} {}", name.map_or("", |z| z.name.as_str()))
        }
        EventKind::BackupsVerified => String::new(),
        EventKind::EncryptionFailed { asset: a }
        | EventKind::AssetEncrypted { asset: a }
        | EventKind::Isolated { asset: a }
        | EventKind::Reconnected { asset: a }
        | EventKind::RestoredVerified { asset: a }
        | EventKind::RestoredClean { asset: a, .. }
        | EventKind::RestoredInfected { asset: a, .. }
        | EventKind::RestoredFromBackup { asset: a }
        | EventKind::NoBackup { asset: a }
        | EventKind::Rebuilding { asset: a, .. }
        | EventKind::Evicted { asset: a }
        | EventKind::NothingToEvict { asset: a }
        | EventKind::RebuildDone { asset: a } => asset(a),
        EventKind::ReportDelivered { regime, clock } => {
            let r = &b.regimes[*regime];
            let c = &r.clocks[*clock];
            let title = c.title_ja.as_deref().unwrap_or(&c.title);
            let authority = r.authority_ja.as_deref().unwrap_or(&r.authority);
            format!("{title} {authority} {}", r.id)
        }
        EventKind::NoRegime { regime } => regime.clone(),
        EventKind::NothingToReport { regime } => {
            let r = &b.regimes[*regime];
            format!("{} {}", r.id, r.name_ja.as_deref().unwrap_or(&r.name))
        }
        EventKind::ServiceChanged { service, .. } => {
            let s = &b.org.services[*service];
            format!("{} {}", s.name, s.outage_note)
        }
    }
}

#[test]
fn japanese_differs_and_holds_no_english_template_word() {
    for path in [EN, JA] {
        let b = bundle(path);
        let labels = LogLabels(&b);
        for (e, _) in every_kind(&b) {
            let en = e.text(Lang::En, &labels);
            let ja = e.text(Lang::Ja, &labels);
            assert_ne!(en, ja, "{e:?}");
            let what = e.kind.text(Lang::Ja, &labels);
            assert!(!what.is_empty());
            let data = data_of(&e.kind, &b);
            let mut words = template_words(key_of(&e.kind));
            words.extend(template_words(S::EvServiceNote));
            for w in words {
                assert!(
                    has_word(&data, &w) || !has_word(&what, &w),
                    "{path}: `{w}` of the English template in `{what}`"
                );
            }
            // The origin is named, not given as an id, in Japanese.
            if let Some(o) = log_origin(&b, e.origin, Lang::Ja) {
                assert!(!o.starts_with("action:") && !o.starts_with("stage:"), "{o}");
                for w in ["service", "rebuild"] {
                    assert!(!has_word(&o, w), "{o}");
                }
            }
        }
    }
}

#[test]
fn the_catalogues_japanese_templates_hold_no_english_word() {
    let keys = [
        S::EvOriginService,
        S::EvOriginRebuild,
        S::EvControlInPlace,
        S::EvImpact,
        S::EvExfiltrated,
        S::EvZoneEncrypted,
        S::EvBackupsVerified,
        S::EvEncryptionFailed,
        S::EvAssetEncrypted,
        S::EvIsolated,
        S::EvReconnected,
        S::EvRestoredVerified,
        S::EvRestoredClean,
        S::EvRestoredInfected,
        S::EvRestoredFromBackup,
        S::EvNoBackup,
        S::EvRebuilding,
        S::EvEvicted,
        S::EvNothingToEvict,
        S::EvReportDelivered,
        S::EvNoRegime,
        S::EvNothingToReport,
        S::EvServiceUp,
        S::EvServiceDegraded,
        S::EvServiceDown,
        S::EvServiceNote,
        S::EvRebuildDone,
        S::EvModTargetIsolated,
    ];
    for k in keys {
        let ja = k.get(Lang::Ja);
        assert_ne!(ja, k.get(Lang::En), "{k:?}");
        assert!(
            !ja.chars().any(|c| c.is_ascii_alphabetic()),
            "{k:?}: `{ja}` holds Latin letters"
        );
    }
}

#[test]
fn japanese_names_quoted_ids_by_their_labels() {
    let b = bundle(JA);
    let zone = &b.org.zones[0];
    let e = TurnEvent {
        origin: Origin::Stage(0),
        kind: EventKind::ZoneEncrypted {
            count: 3,
            zone: zone.id.clone(),
        },
    };
    let ja = e.text(Lang::Ja, &LogLabels(&b));
    assert!(ja.contains(&zone.name), "{ja}");
    assert!(ja.contains(&b.scenario.campaign[0].title), "{ja}");
    assert!(!ja.contains('`'), "{ja}");
    let r = &b.regimes[0];
    let c = &r.clocks[0];
    let d = TurnEvent {
        origin: Origin::Action(0),
        kind: EventKind::ReportDelivered {
            regime: 0,
            clock: 0,
        },
    };
    let want = c.title_ja.as_ref().unwrap_or(&c.title);
    assert!(d.text(Lang::Ja, &LogLabels(&b)).contains(want.as_str()));
}

#[test]
fn modifiers_render_in_both_languages() {
    let b = bundle(EN);
    let iso = ModifierReason::TargetIsolated(2);
    assert_eq!(
        iso.text(Lang::En, &b),
        format!("target {} isolated", b.org.assets[2].id)
    );
    let ja = iso.text(Lang::Ja, &b);
    assert!(
        ja.contains(&b.org.assets[2].name) && !has_word(&ja, "isolated"),
        "{ja}"
    );
    let (si, s) = b
        .scenario
        .campaign
        .iter()
        .enumerate()
        .find(|(_, s)| !s.modifiers.is_empty())
        .expect("a stage with a modifier");
    let m = ModifierReason::Authored(si, 0);
    assert_eq!(m.text(Lang::En, &b), s.modifiers[0].reason);
    let want = s.modifiers[0]
        .reason_ja
        .clone()
        .unwrap_or_else(|| s.modifiers[0].reason.clone());
    assert_eq!(m.text(Lang::Ja, &b), want);
}
