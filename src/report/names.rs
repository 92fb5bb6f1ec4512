//! The journal's typed turn log and score reasons rendered from the header alone: the
//! [`Names`] a header keeps ([`HeaderExtra`] and its `names`), and the check that a typed
//! record's English rendering is the text recorded beside it.

use crate::engine::event::{LogLabels, Names, Origin, RegimeName, TurnEvent};
use crate::i18n::Lang;
use crate::records::HeaderExtra;
use crate::scoring::ScoreLine;

/// The header's names, by index in the bundle's order; `None` for what it does not keep.
pub struct HeaderNames<'a>(pub &'a HeaderExtra);

impl Names for HeaderNames<'_> {
    fn origin_id(&self, o: Origin) -> Option<&str> {
        let x = self.0;
        let injects = x.names.as_ref().map(|n| &n.injects);
        match o {
            Origin::Action(i) => x.actions.get(i).map(|a| a.id.as_str()),
            Origin::Option(i, j) => injects?.get(i)?.options.get(j).map(|o| o.id.as_str()),
            Origin::Stage(i) => x.stages.get(i).map(|s| s.id.as_str()),
            Origin::Inject(i) => injects?.get(i).map(|x| x.id.as_str()),
            Origin::Service | Origin::Rebuild | Origin::Unnamed => None,
        }
    }

    fn origin_name(&self, o: Origin, lang: Lang) -> Option<&str> {
        let x = self.0;
        let injects = x.names.as_ref().map(|n| &n.injects);
        match o {
            Origin::Action(i) => x.actions.get(i).map(|a| match lang {
                Lang::Ja => a.name_ja.as_deref().unwrap_or(&a.name),
                Lang::En => a.name.as_str(),
            }),
            Origin::Option(i, j) => injects?.get(i)?.options.get(j).map(|o| o.label.as_str()),
            Origin::Stage(i) => x.stages.get(i).map(|s| s.title.as_str()),
            Origin::Inject(i) => injects?.get(i).map(|x| x.title.as_str()),
            Origin::Service | Origin::Rebuild | Origin::Unnamed => None,
        }
    }

    fn asset(&self, i: usize) -> Option<&str> {
        self.0.names.as_ref()?.assets.get(i).map(String::as_str)
    }

    fn data(&self, i: usize) -> Option<&str> {
        self.0.names.as_ref()?.data.get(i).map(String::as_str)
    }

    fn service(&self, i: usize) -> Option<(&str, &str)> {
        let name = self.0.org.services.get(i)?.name.as_str();
        let note = self
            .0
            .names
            .as_ref()
            .and_then(|n| n.outage_notes.get(i))
            .map_or("", String::as_str);
        Some((name, note))
    }

    fn zone(&self, id: &str) -> Option<&str> {
        let n = self.0.names.as_ref()?;
        n.zones.iter().find(|z| z.id == id).map(|z| z.name.as_str())
    }

    fn control(&self, id: &str) -> Option<&str> {
        let n = self.0.names.as_ref()?;
        n.controls
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
    }

    fn regime(&self, i: usize) -> Option<RegimeName<'_>> {
        self.0.regimes.get(i).map(|r| RegimeName {
            id: &r.id,
            name: &r.name,
            name_ja: r.name_ja.as_deref(),
            authority: &r.authority,
            authority_ja: r.authority_ja.as_deref(),
        })
    }

    fn regime_count(&self) -> usize {
        self.0.regimes.len()
    }

    fn clock(&self, regime: usize, clock: usize) -> Option<(&str, Option<&str>)> {
        let c = self.0.regimes.get(regime)?.clocks.get(clock)?;
        Some((c.title.as_str(), c.title_ja.as_deref()))
    }

    fn expectation(&self, i: usize) -> Option<(&str, Option<&str>)> {
        let e = self.0.expectations.get(i)?;
        Some((e.title.as_str(), e.title_ja.as_deref()))
    }

    fn rule(&self, i: usize) -> Option<(&str, Option<&str>)> {
        let r = self.0.names.as_ref()?.rules.get(i)?;
        Some((r.reason.as_str(), r.reason_ja.as_deref()))
    }

    fn step(&self, i: usize) -> Option<(&str, &str)> {
        let s = self.0.reference_response.get(i)?;
        let what = s.action.as_deref().or(s.choose.as_deref()).unwrap_or("");
        Some((what, s.role.as_str()))
    }
}

/// A typed record's English rendering that differs from the text recorded beside it:
/// (recorded, rendered).
pub type Mismatch = (String, String);

/// A turn's events as the report shows them in `lang`, and the first mismatch between a typed
/// event's English and its recorded line. Each line is rendered from its typed form when the
/// two agree, shown as recorded otherwise (typed events that do not pair one for one with the
/// lines leave every line as recorded). Journals without typed events show the text.
pub fn events(
    extra: &HeaderExtra,
    recorded: &[String],
    typed: &[TurnEvent],
    lang: Lang,
) -> (Vec<String>, Option<Mismatch>) {
    if typed.is_empty() || extra.names.is_none() {
        return (recorded.to_vec(), None);
    }
    let n = HeaderNames(extra);
    let labels = LogLabels(&n);
    if typed.len() != recorded.len() {
        let rendered: Vec<String> = typed.iter().map(|e| e.text(Lang::En, &labels)).collect();
        return (
            recorded.to_vec(),
            Some((recorded.join("\n"), rendered.join("\n"))),
        );
    }
    let mut first = None;
    let shown = recorded
        .iter()
        .zip(typed)
        .map(|(t, e)| {
            let en = e.text(Lang::En, &labels);
            if en == *t {
                e.text(lang, &labels)
            } else {
                first.get_or_insert_with(|| (t.clone(), en));
                t.clone()
            }
        })
        .collect();
    (shown, first)
}

/// A score line's reason as the report shows it in `lang`, and the mismatch between its typed
/// reason's English and its recorded text (then the text is shown).
pub fn reason(extra: &HeaderExtra, line: &ScoreLine, lang: Lang) -> (String, Option<Mismatch>) {
    match line.why {
        Some(why) if extra.names.is_some() => {
            let n = HeaderNames(extra);
            let en = why.text(Lang::En, &n);
            if en == line.reason {
                (why.text(lang, &n), None)
            } else {
                (line.reason.clone(), Some((line.reason.clone(), en)))
            }
        }
        _ => (line.reason.clone(), None),
    }
}
