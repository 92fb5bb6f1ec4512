//! What the typed turn log and score reasons name, looked up by index or id: from the bundle
//! being played, or from the names a journal's header keeps
//! ([`crate::records::HeaderExtra::names`]) so that a report renders them without the scenario.

use super::Origin;
use crate::i18n::Lang;
use crate::scenario::Bundle;

/// A regime as a rendering names it.
#[derive(Debug, Clone, Copy)]
pub struct RegimeName<'a> {
    /// Regime id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Name in Japanese, if given.
    pub name_ja: Option<&'a str>,
    /// Authority reported to.
    pub authority: &'a str,
    /// The authority in Japanese, if given.
    pub authority_ja: Option<&'a str>,
}

/// Names by index (in the bundle's order) or id; `None` when out of range.
pub trait Names {
    /// The id of what an origin names (action, option, stage, inject).
    fn origin_id(&self, o: Origin) -> Option<&str>;
    /// The name of what an origin names, in `lang` where the data has a Japanese form.
    fn origin_name(&self, o: Origin, lang: Lang) -> Option<&str>;
    /// An asset's name.
    fn asset(&self, i: usize) -> Option<&str>;
    /// A data set's name.
    fn data(&self, i: usize) -> Option<&str>;
    /// A service's name and outage note.
    fn service(&self, i: usize) -> Option<(&str, &str)>;
    /// A zone's name, by id.
    fn zone(&self, id: &str) -> Option<&str>;
    /// A control's name, by id.
    fn control(&self, id: &str) -> Option<&str>;
    /// A regime, by index.
    fn regime(&self, i: usize) -> Option<RegimeName<'_>>;
    /// How many regimes there are.
    fn regime_count(&self) -> usize;
    /// A clock's title and Japanese title (regime index, clock index).
    fn clock(&self, regime: usize, clock: usize) -> Option<(&str, Option<&str>)>;
    /// An expectation's title and Japanese title.
    fn expectation(&self, i: usize) -> Option<(&str, Option<&str>)>;
    /// A rule's reason and Japanese reason.
    fn rule(&self, i: usize) -> Option<(&str, Option<&str>)>;
    /// A reference-response step (0-based): what it does (action or option id) and its role.
    fn step(&self, i: usize) -> Option<(&str, &str)>;

    /// A regime, by id.
    fn regime_by_id(&self, id: &str) -> Option<RegimeName<'_>> {
        (0..self.regime_count())
            .filter_map(|i| self.regime(i))
            .find(|r| r.id == id)
    }
}

/// `ja` in Japanese when given and not blank, else `en`.
pub fn ja_or<'a>(lang: Lang, en: &'a str, ja: Option<&'a str>) -> &'a str {
    match ja {
        Some(j) if lang == Lang::Ja && !j.trim().is_empty() => j,
        _ => en,
    }
}

fn option(b: &Bundle, inject: usize, opt: usize) -> Option<&crate::scenario::Opt> {
    b.scenario
        .injects
        .get(inject)?
        .decision
        .as_ref()?
        .options
        .get(opt)
}

impl Names for Bundle {
    fn origin_id(&self, o: Origin) -> Option<&str> {
        match o {
            Origin::Action(i) => self.catalogue.actions.get(i).map(|a| a.id.as_str()),
            Origin::Option(i, j) => option(self, i, j).map(|o| o.id.as_str()),
            Origin::Stage(i) => self.scenario.campaign.get(i).map(|s| s.id.as_str()),
            Origin::Inject(i) => self.scenario.injects.get(i).map(|x| x.id.as_str()),
            Origin::Service | Origin::Rebuild | Origin::Unnamed => None,
        }
    }

    fn origin_name(&self, o: Origin, lang: Lang) -> Option<&str> {
        match o {
            Origin::Action(i) => self.catalogue.actions.get(i).map(|a| match lang {
                Lang::Ja => a.name_ja.as_deref().unwrap_or(&a.name),
                Lang::En => a.name.as_str(),
            }),
            Origin::Option(i, j) => option(self, i, j).map(|o| o.label.as_str()),
            Origin::Stage(i) => self.scenario.campaign.get(i).map(|s| s.title.as_str()),
            Origin::Inject(i) => self.scenario.injects.get(i).map(|x| x.title.as_str()),
            Origin::Service | Origin::Rebuild | Origin::Unnamed => None,
        }
    }

    fn asset(&self, i: usize) -> Option<&str> {
        self.org.assets.get(i).map(|a| a.name.as_str())
    }

    fn data(&self, i: usize) -> Option<&str> {
        self.org.data.get(i).map(|d| d.name.as_str())
    }

    fn service(&self, i: usize) -> Option<(&str, &str)> {
        self.org
            .services
            .get(i)
            .map(|s| (s.name.as_str(), s.outage_note.as_str()))
    }

    fn zone(&self, id: &str) -> Option<&str> {
        self.org
            .zones
            .iter()
            .find(|z| z.id == id)
            .map(|z| z.name.as_str())
    }

    fn control(&self, id: &str) -> Option<&str> {
        self.org
            .controls
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
    }

    fn regime(&self, i: usize) -> Option<RegimeName<'_>> {
        self.regimes.get(i).map(|r| RegimeName {
            id: &r.id,
            name: &r.name,
            name_ja: r.name_ja.as_deref(),
            authority: &r.authority,
            authority_ja: r.authority_ja.as_deref(),
        })
    }

    fn regime_count(&self) -> usize {
        self.regimes.len()
    }

    fn clock(&self, regime: usize, clock: usize) -> Option<(&str, Option<&str>)> {
        self.regimes
            .get(regime)?
            .clocks
            .get(clock)
            .map(|c| (c.title.as_str(), c.title_ja.as_deref()))
    }

    fn expectation(&self, i: usize) -> Option<(&str, Option<&str>)> {
        self.scenario
            .expectations
            .get(i)
            .map(|e| (e.title.as_str(), e.title_ja.as_deref()))
    }

    fn rule(&self, i: usize) -> Option<(&str, Option<&str>)> {
        self.scenario
            .rules
            .get(i)
            .map(|r| (r.reason.as_str(), r.reason_ja.as_deref()))
    }

    fn step(&self, i: usize) -> Option<(&str, &str)> {
        self.scenario.reference_response.get(i).map(|s| {
            let what = s.action.as_deref().or(s.choose.as_deref()).unwrap_or("");
            (what, s.role.as_str())
        })
    }
}
