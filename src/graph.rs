//! `kunren graph`: a scenario as a graph, for authors and for reviewing it with colleagues —
//! injects, decisions and their options, attacker stages, flags and endings, with the edges that
//! trigger them (an inject delivered after another, a condition that reads a stage, a flag set by
//! an option, an ending that needs a flag). Written as Graphviz DOT or as a Mermaid flowchart.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::scenario::{Condition, Effect, Scenario, Trigger};

/// Output format of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (renders on GitHub and GitLab).
    Mermaid,
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Inject,
    Decision,
    Option,
    Stage,
    Flag,
    Ending,
}

#[derive(Debug, Default)]
struct Graph {
    nodes: Vec<(String, Kind, String)>,
    edges: BTreeSet<(String, String, String)>,
}

impl Graph {
    fn node(&mut self, id: String, kind: Kind, label: String) {
        if !self.nodes.iter().any(|(n, _, _)| *n == id) {
            self.nodes.push((id, kind, label));
        }
    }

    fn edge(&mut self, from: String, to: String, label: &str) {
        self.edges.insert((from, to, label.to_string()));
    }

    /// Edges from everything a condition reads to `to`: injects, stages, options and flags,
    /// a service's state (a node of its own) and the drill's clock (from the start).
    fn reads(&mut self, c: &Condition, to: &str, label: &str) {
        c.walk(&mut |x| {
            let service = match x {
                Condition::ServiceDown(sv) => Some((sv, "down".to_string())),
                Condition::DownFor(sv, n) => Some((sv, format!("down {n} turns"))),
                _ => None,
            };
            if let Some((sv, how)) = service {
                let id = format!("service:{sv}");
                self.node(id.clone(), Kind::Flag, format!("service {sv}"));
                self.edge(id, to.to_string(), &how);
                return;
            }
            if let Condition::Turn(t) = x {
                self.edge("start".into(), to.to_string(), &format!("turn {t}"));
                return;
            }
            let from = match x {
                Condition::Injected(i) => Some(format!("inject:{i}")),
                Condition::Reached(s) | Condition::Known(s) | Condition::Halted(s) => {
                    Some(format!("stage:{s}"))
                }
                Condition::Chose(o) => Some(format!("option:{o}")),
                Condition::Flag(f) => Some(format!("flag:{f}")),
                _ => None,
            };
            if let Some(from) = from {
                let how = match x {
                    Condition::Known(_) => "known",
                    Condition::Halted(_) => "halted",
                    Condition::Reached(_) => "reached",
                    _ => label,
                };
                self.edge(from, to.to_string(), how);
            }
        });
    }

    /// Edges from `from` to every flag its effects set.
    fn sets(&mut self, effects: &[Effect], from: &str) {
        // Both branches of an `If` may set a flag.
        for e in Effect::flatten(effects) {
            if let Effect::SetFlag(f) = e {
                let id = format!("flag:{f}");
                self.node(id.clone(), Kind::Flag, f.clone());
                self.edge(from.to_string(), id, "sets");
            }
        }
    }
}

fn build(sc: &Scenario) -> Graph {
    let mut g = Graph::default();
    for s in &sc.campaign {
        g.node(
            format!("stage:{}", s.id),
            Kind::Stage,
            format!("{} ({})", s.title, s.technique),
        );
    }
    for i in &sc.injects {
        g.node(format!("inject:{}", i.id), Kind::Inject, i.title.clone());
        if let Some(d) = &i.decision {
            let did = format!("decision:{}", d.id);
            g.node(did.clone(), Kind::Decision, d.prompt.clone());
            g.edge(format!("inject:{}", i.id), did.clone(), "asks");
            for o in &d.options {
                let oid = format!("option:{}", o.id);
                let label = if o.id == d.default {
                    format!("{} (default)", o.label)
                } else {
                    o.label.clone()
                };
                g.node(oid.clone(), Kind::Option, label);
                g.edge(did.clone(), oid.clone(), "");
            }
        }
    }
    for e in &sc.endings {
        g.node(format!("ending:{}", e.id), Kind::Ending, e.title.clone());
    }
    // Edges once every node exists (flags appear as they are set).
    for s in &sc.campaign {
        let id = format!("stage:{}", s.id);
        if let Some(a) = &s.after {
            g.edge(format!("stage:{a}"), id.clone(), "then");
        }
        if let Some(h) = &s.halted_when {
            g.reads(h, &id, "halts");
        }
        g.sets(&s.on_success, &id);
    }
    for i in &sc.injects {
        let id = format!("inject:{}", i.id);
        match &i.trigger {
            Trigger::At(t) => g.edge("start".into(), id.clone(), &format!("turn {t}")),
            Trigger::After(x, n) => {
                let from = if sc.injects.iter().any(|j| &j.id == x) {
                    format!("inject:{x}")
                } else {
                    format!("option:{x}")
                };
                g.edge(from, id.clone(), &format!("+{n} turns"));
            }
            Trigger::When(c) => g.reads(c, &id, "when"),
        }
        g.sets(&i.effects, &id);
        if let Some(d) = &i.decision {
            for o in &d.options {
                g.sets(&o.effects, &format!("option:{}", o.id));
            }
        }
    }
    for e in &sc.endings {
        g.reads(&e.when, &format!("ending:{}", e.id), "");
    }
    // A flag read but never set by the scenario's own elements is set by the team's actions.
    let read: Vec<String> = g.edges.iter().map(|(f, _, _)| f.clone()).collect();
    for f in read {
        if let Some(name) = f.strip_prefix("flag:")
            && !g.nodes.iter().any(|(n, _, _)| *n == f)
        {
            g.node(f.clone(), Kind::Flag, format!("{name} (set by actions)"));
        }
    }
    if g.edges.iter().any(|(f, _, _)| f == "start") {
        g.nodes
            .insert(0, ("start".into(), Kind::Inject, "Start".into()));
    }
    g
}

fn safe_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn quote(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a Mermaid label: quotes as entities, no control characters.
fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('"', "#quot;")
}

/// The scenario as a graph in `format`.
pub fn render(sc: &Scenario, format: GraphFormat) -> String {
    let g = build(sc);
    let mut out = String::new();
    match format {
        GraphFormat::Dot => {
            let _ = writeln!(out, "digraph \"{}\" {{", quote(&sc.id));
            let _ = writeln!(out, "  rankdir=LR; node [fontname=\"sans-serif\"];");
            for (id, kind, label) in &g.nodes {
                let shape = match kind {
                    Kind::Inject => "box",
                    Kind::Decision => "diamond",
                    Kind::Option => "ellipse",
                    Kind::Stage => "hexagon",
                    Kind::Flag => "note",
                    Kind::Ending => "doubleoctagon",
                };
                let _ = writeln!(
                    out,
                    "  {} [shape={shape}, label=\"{}\"];",
                    safe_id(id),
                    quote(label)
                );
            }
            for (from, to, label) in &g.edges {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label=\"{}\"];",
                    safe_id(from),
                    safe_id(to),
                    quote(label)
                );
            }
            out.push_str("}\n");
        }
        GraphFormat::Mermaid => {
            out.push_str("flowchart LR\n");
            for (id, kind, label) in &g.nodes {
                let l = mermaid_text(label);
                let shape = match kind {
                    Kind::Inject => format!("[\"{l}\"]"),
                    Kind::Decision => format!("{{\"{l}\"}}"),
                    Kind::Option => format!("([\"{l}\"])"),
                    Kind::Stage => format!("{{{{\"{l}\"}}}}"),
                    Kind::Flag => format!(">\"{l}\"]"),
                    Kind::Ending => format!("(((\"{l}\")))"),
                };
                let _ = writeln!(out, "  {}{shape}", safe_id(id));
            }
            for (from, to, label) in &g.edges {
                if label.is_empty() {
                    let _ = writeln!(out, "  {} --> {}", safe_id(from), safe_id(to));
                } else {
                    let _ = writeln!(
                        out,
                        "  {} -->|\"{}\"| {}",
                        safe_id(from),
                        mermaid_text(label),
                        safe_id(to)
                    );
                }
            }
        }
    }
    out
}
