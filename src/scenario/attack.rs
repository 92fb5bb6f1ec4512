//! MITRE ATT&CK techniques from the official data: the table `assets/attack/techniques.tsv`
//! (generated from mitre/cti's STIX bundles by `tools/attack/generate.py`) embedded in the
//! binary and indexed once on first use; names, domains, tactics, revoked and deprecated
//! techniques and their replacements.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::model::Tactic;

/// The generated table, as committed.
const TABLE: &str = include_str!("../../assets/attack/techniques.tsv");

/// An ATT&CK domain (matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Domain {
    /// Enterprise ATT&CK (`enterprise-attack`).
    Enterprise,
    /// ATT&CK for ICS (`ics-attack`).
    Ics,
}

impl Domain {
    /// The STIX / Navigator name of the domain (`enterprise-attack`, `ics-attack`).
    pub fn stix(self) -> &'static str {
        match self {
            Domain::Enterprise => "enterprise-attack",
            Domain::Ics => "ics-attack",
        }
    }

    /// A short label for people (`Enterprise`, `ICS`).
    pub fn label(self) -> &'static str {
        match self {
            Domain::Enterprise => "Enterprise",
            Domain::Ics => "ICS",
        }
    }

    /// The domain an id that is not in the table would belong to (`T0…` is ICS).
    pub fn guess(id: &str) -> Domain {
        if id.starts_with("T0") {
            Domain::Ics
        } else {
            Domain::Enterprise
        }
    }
}

/// One technique of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Technique {
    /// `T1566.001`.
    pub id: &'static str,
    /// Full name; a sub-technique's is "Parent: Sub".
    pub name: &'static str,
    /// Its domain.
    pub domain: Domain,
    /// The tactics (short names, `initial-access`) it belongs to.
    pub tactics: Vec<&'static str>,
    /// Revoked (replaced by another technique).
    pub revoked: bool,
    /// Deprecated (withdrawn without a replacement, as a rule).
    pub deprecated: bool,
    /// The technique a `revoked-by` relationship names.
    pub replaced_by: Option<&'static str>,
}

/// The parsed table: its provenance and the techniques by id.
#[derive(Debug)]
pub struct Table {
    /// The ATT&CK version of the data (e.g. `18.1`).
    pub version: &'static str,
    /// The mitre/cti commit the data was generated from.
    pub commit: &'static str,
    /// Techniques by id.
    pub by_id: HashMap<&'static str, Technique>,
    /// Data lines that could not be read (none in the committed table; a test checks).
    pub bad_lines: usize,
}

fn parse(text: &'static str) -> Table {
    let mut t = Table {
        version: "",
        commit: "",
        by_id: HashMap::new(),
        bad_lines: 0,
    };
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("# ") {
            if let Some(v) = h.strip_prefix("attack-version: ") {
                t.version = v.trim();
            } else if let Some(c) = h.strip_prefix("commit: ") {
                t.commit = c.trim();
            }
            continue;
        }
        if line.starts_with("id\t") || line.is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let domain = match cols.get(2) {
            Some(&"enterprise-attack") => Domain::Enterprise,
            Some(&"ics-attack") => Domain::Ics,
            _ => {
                t.bad_lines += 1;
                continue;
            }
        };
        if cols.len() != 7 {
            t.bad_lines += 1;
            continue;
        }
        t.by_id.insert(
            cols[0],
            Technique {
                id: cols[0],
                name: cols[1],
                domain,
                tactics: cols[3].split(',').filter(|s| !s.is_empty()).collect(),
                revoked: cols[4] == "1",
                deprecated: cols[5] == "1",
                replaced_by: Some(cols[6]).filter(|s| !s.is_empty()),
            },
        );
    }
    t
}

static INDEX: LazyLock<Table> = LazyLock::new(|| parse(TABLE));

/// The table, parsed on first use.
pub fn table() -> &'static Table {
    &INDEX
}

/// The technique with this id, if ATT&CK has it (revoked and deprecated ones included).
pub fn lookup(id: &str) -> Option<&'static Technique> {
    table().by_id.get(id)
}

/// The domain of a technique: the table's, else guessed from the id.
pub fn domain_of(id: &str) -> Domain {
    lookup(id).map_or_else(|| Domain::guess(id), |t| t.domain)
}

/// The technique's name, or `None` when ATT&CK does not have the id.
pub fn name_of(id: &str) -> Option<&'static str> {
    lookup(id).map(|t| t.name)
}

/// "T1486 Data Encrypted for Impact (Impact, Enterprise)": the id with its name, the stage's
/// tactic and the domain; an id the table lacks is shown alone with its tactic.
pub fn describe(id: &str, tactic: Tactic) -> String {
    match lookup(id) {
        Some(t) => format!("{id} {} ({}, {})", t.name, tactic.label(), t.domain.label()),
        None => format!("{id} ({})", tactic.label()),
    }
}

/// The tactics that exist in a domain.
pub fn tactics_of(domain: Domain) -> &'static [Tactic] {
    use Tactic::*;
    match domain {
        Domain::Enterprise => &[
            InitialAccess,
            Execution,
            Persistence,
            PrivilegeEscalation,
            DefenseEvasion,
            CredentialAccess,
            Discovery,
            LateralMovement,
            Collection,
            CommandAndControl,
            Exfiltration,
            Impact,
        ],
        Domain::Ics => &[
            InitialAccess,
            Execution,
            Persistence,
            PrivilegeEscalation,
            Evasion,
            Discovery,
            LateralMovement,
            Collection,
            CommandAndControl,
            InhibitResponseFunction,
            ImpairProcessControl,
            Impact,
        ],
    }
}

/// The tactic with this short name (`impair-process-control`), if kunren has it.
pub fn tactic_named(short: &str) -> Option<Tactic> {
    tactics_of(Domain::Enterprise)
        .iter()
        .chain(tactics_of(Domain::Ics))
        .copied()
        .find(|t| t.shortname() == short)
}

/// What is wrong with a stage's technique and tactic against the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// ATT&CK has no such technique.
    Unknown,
    /// Revoked; the replacement if the data names one.
    Revoked(&'static Technique, Option<&'static Technique>),
    /// Deprecated; the replacement if the data names one.
    Deprecated(&'static Technique, Option<&'static Technique>),
    /// The technique does not belong to the tactic; the tactics it does belong to.
    WrongTactic(&'static Technique, Vec<&'static str>),
}

/// Checks a well-formed technique id and its tactic; every finding, in the order above.
pub fn check(id: &str, tactic: Tactic) -> Vec<Finding> {
    let Some(t) = lookup(id) else {
        return vec![Finding::Unknown];
    };
    let replacement = t.replaced_by.and_then(lookup);
    if t.revoked {
        // A revoked technique's tactics are the replacement's business.
        return vec![Finding::Revoked(t, replacement)];
    }
    let mut out = vec![];
    if t.deprecated {
        out.push(Finding::Deprecated(t, replacement));
    }
    if !t.tactics.is_empty() && !t.tactics.contains(&tactic.shortname()) {
        out.push(Finding::WrongTactic(t, t.tactics.clone()));
    }
    out
}

/// Tactic short names as the scenario writes them (`impair-process-control` →
/// `ImpairProcessControl`), for help lines.
pub fn variant_names(shorts: &[&str]) -> String {
    shorts
        .iter()
        .map(|s| tactic_named(s).map_or_else(|| s.to_string(), |t| format!("{t:?}")))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_parses_whole() {
        let t = table();
        assert_eq!(t.bad_lines, 0);
        assert!(!t.version.is_empty() && t.commit.len() == 40);
        let data = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
            .count();
        assert_eq!(t.by_id.len(), data, "ids are unique");
        assert!(t.by_id.values().any(|x| x.domain == Domain::Ics));
    }

    #[test]
    fn known_cases() {
        assert_eq!(check("T9999", Tactic::Impact), vec![Finding::Unknown]);
        match &check("T1086", Tactic::Execution)[..] {
            [Finding::Revoked(t, Some(r))] => {
                assert_eq!((t.id, r.id), ("T1086", "T1059.001"));
            }
            other => panic!("{other:?}"),
        }
        assert!(check("T0836", Tactic::ImpairProcessControl).is_empty());
        assert!(matches!(
            &check("T0836", Tactic::Impact)[..],
            [Finding::WrongTactic(_, ts)] if ts == &vec!["impair-process-control"]
        ));
        assert_eq!(domain_of("T0836"), Domain::Ics);
        assert_eq!(
            describe("T1059.001", Tactic::Execution),
            "T1059.001 Command and Scripting Interpreter: PowerShell (Execution, Enterprise)"
        );
    }

    #[test]
    fn every_tactic_has_a_short_name_in_its_domain() {
        for d in [Domain::Enterprise, Domain::Ics] {
            for t in tactics_of(d) {
                assert_eq!(tactic_named(t.shortname()), Some(*t));
                assert!(
                    table()
                        .by_id
                        .values()
                        .any(|x| x.domain == d && x.tactics.contains(&t.shortname())),
                    "{t:?} in {d:?}"
                );
            }
        }
    }
}
