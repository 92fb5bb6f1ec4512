//! The score's part of the catalogue: the engine's own words around a score line's authored
//! names (why a clock, an expectation, a rule or a hint scored what it did) and the engine's
//! ending, English and Japanese side by side, as one [`Text`] per language. `{name}`
//! placeholders are filled by [`super::report::fill`].

use super::Lang;
use super::diagnostics::catalogue;

impl Lang {
    /// The score's fixed text in this language.
    pub fn score(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

catalogue! {
    ScoreKey;
    clock_met: "{title} ({regime}): delivered on time (turn {turn}, due by turn {due}, {hours} h)",
        "{title}（{regime}）：期限内に報告（ターン{turn}、期限はターン{due}、{hours}時間）";
    clock_late: "{title} ({regime}): delivered late (turn {turn}, due by turn {due}, {hours} h)",
        "{title}（{regime}）：期限後に報告（ターン{turn}、期限はターン{due}、{hours}時間）";
    clock_missed: "{title} ({regime}): missed, not delivered by turn {turn} (due by turn {due}, {hours} h)",
        "{title}（{regime}）：期限超過、ターン{turn}までに未報告（期限はターン{due}、{hours}時間）";
    clock_due_after_end: "{title} ({regime}): due after the drill ends (turn {due}); not counted",
        "{title}（{regime}）：期限は演習終了後（ターン{due}）のため集計対象外";
    expect_failed: "{title}: failed", "{title}：失敗";
    expect_already_done: "{title}: done on time: already done in turn {done}, before it fell due in turn {since}",
        "{title}：期限内に実施（期限が生じたターン{since}より前のターン{done}に実施済み）";
    expect_done_on_time: "{title}: done on time in turn {done} (due by turn {due})",
        "{title}：ターン{done}に期限内に実施（期限はターン{due}）";
    expect_met_on_time: "{title}: met on time in turn {turn} (due by turn {due})",
        "{title}：ターン{turn}に期限内に達成（期限はターン{due}）";
    expect_late: "{title}: done late in turn {done} (due by turn {due})",
        "{title}：ターン{done}に遅れて実施（期限はターン{due}）";
    expect_expired: "{title}: not done by turn {turn} (due by turn {due})",
        "{title}：ターン{turn}までに未実施（期限はターン{due}）";
    expect_still_open: "{title}: still open when the drill ended (due turn {due}); not counted",
        "{title}：演習終了時に未完了（期限はターン{due}）のため集計対象外";
    rule_not_achieved: "not achieved: {reason}", "未達成：{reason}";
    hint: "hint: step {step} of the reference response shown ({what}, {role})",
        "ヒント：模範対応の手順{step}を表示（{what}、{role}）";
    time_limit: "Turn limit reached", "ターン上限に到達";
}

#[cfg(test)]
mod tests {
    use super::super::report::holes;
    use super::*;

    fn is_japanese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// The text of a template without its `{key}` placeholders.
    fn words(t: &str) -> String {
        let mut out = String::new();
        for (i, part) in t.split('{').enumerate() {
            match (i, part.split_once('}')) {
                (0, _) | (_, None) => out.push_str(part),
                (_, Some((_, rest))) => out.push_str(rest),
            }
        }
        out
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders() {
        let (en, ja) = (Lang::En.score().entries(), Lang::Ja.score().entries());
        assert_eq!(en.len(), ja.len());
        let mut problems = Vec::new();
        for ((name, e), (_, j)) in en.iter().zip(&ja) {
            if e.trim().is_empty() || j.trim().is_empty() {
                problems.push(format!("{name}: empty"));
            }
            if holes(e) != holes(j) {
                problems.push(format!("{name}: placeholders differ"));
            }
            if !words(j).chars().any(is_japanese) {
                problems.push(format!("{name}: no Japanese in {j:?}"));
            }
            if words(j).chars().any(|c| c.is_ascii_alphabetic()) {
                problems.push(format!("{name}: English letters in {j:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
