//! Sector names: the `sector` id a scenario or organisation names, shown as words in English or
//! Japanese, and the order in which `kunren list` and the setup screen group the drills.
//!
//! The ids follow the sectors Japan's key-infrastructure action plan names (plus defence);
//! an id not in the table is shown as written, after the known ones.

/// Known sectors: id, English name, Japanese name, in display order.
const SECTORS: &[(&str, &str, &str)] = &[
    ("defence", "Defence industry", "防衛産業"),
    ("electricity", "Electricity", "電力"),
    ("gas", "Gas", "ガス"),
    ("water", "Water", "水道"),
    ("railway", "Railway", "鉄道"),
    ("aviation", "Aviation and airports", "航空・空港"),
    ("logistics", "Logistics", "物流"),
    ("telecom", "Telecommunications", "情報通信"),
    ("finance", "Finance", "金融"),
    ("health", "Healthcare", "医療"),
    ("government", "Government services", "行政"),
    ("chemicals", "Chemicals", "化学"),
    ("credit", "Credit cards", "クレジット"),
    ("oil", "Oil", "石油"),
];

/// The sector's name in a language (`ja` for Japanese, anything else English); an unknown id
/// is returned as written.
pub fn sector_name<'a>(id: &'a str, lang: &str) -> &'a str {
    let ja = lang.split(['-', '_']).next() == Some("ja");
    match SECTORS.iter().find(|(k, _, _)| *k == id) {
        Some((_, en, jp)) => {
            if ja {
                jp
            } else {
                en
            }
        }
        None => id,
    }
}

/// A sort key that puts known sectors in the table's order and unknown ones after, by id.
pub fn sector_rank(id: &str) -> (usize, String) {
    match SECTORS.iter().position(|(k, _, _)| *k == id) {
        Some(i) => (i, String::new()),
        None => (SECTORS.len(), id.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sectors_have_both_names_and_unknown_ones_pass_through() {
        assert_eq!(sector_name("railway", "ja"), "鉄道");
        assert_eq!(sector_name("railway", "en"), "Railway");
        assert_eq!(sector_name("space", "ja"), "space");
        assert!(sector_rank("defence") < sector_rank("finance"));
        assert!(sector_rank("oil") < sector_rank("space"));
    }
}
