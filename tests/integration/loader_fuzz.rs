//! Property test: mangled scenario and organisation files never make the loader panic.

use kunren::scenario::Source;
use kunren::scenario::load::{bundle_from_parts, parse_source};
use kunren::scenario::{Org, Scenario};
use proptest::prelude::*;

fn mangle(text: &str, ops: &[(u8, usize, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(op, pos, b) in ops {
        if bytes.is_empty() {
            break;
        }
        let i = pos % bytes.len();
        match op % 4 {
            0 => bytes[i] = b,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, b),
            _ => {
                let j = (i + usize::from(b)).min(bytes.len());
                bytes.drain(i..j);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn load_pair(scenario: &str, org: &str) {
    let ss = Source::new("s.ron", scenario);
    let os = Source::new("o.ron", org);
    if let (Ok(s), Ok(o)) = (parse_source::<Scenario>(&ss), parse_source::<Org>(&os)) {
        let _ = bundle_from_parts(s, ss, o, os);
    }
}

const SCENARIO: &str = include_str!("../fixtures/valid/mini-scenario.ron");
const ORG: &str = include_str!("../fixtures/valid/mini-org.ron");

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mangled_scenarios_never_panic(ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..8)) {
        load_pair(&mangle(SCENARIO, &ops), ORG);
    }

    #[test]
    fn mangled_orgs_never_panic(ops in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..8)) {
        load_pair(SCENARIO, &mangle(ORG, &ops));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        load_pair(&text, &text);
    }
}

#[test]
fn every_prefix_of_the_default_scenario_loads_or_fails_cleanly() {
    let text = kunren::scenario::load::SCENARIOS[0].text;
    let org = kunren::scenario::load::ORGS[0].text;
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            load_pair(&text[..cut], org);
        }
        cut += 97;
    }
}
