//! A session's own refusals ([`crate::session::SessionError`]) in every language: what the
//! console, the seats and `kunren run` say when a seat asks for what its role may not do, a
//! correction names nothing correctable or the drill is sealed. The English table is the
//! error's `Display`, word for word; named `{placeholders}` are filled by
//! [`super::report::fill`].

use std::fmt::Display;

use super::Lang;
use super::diagnostics::catalogue;
use crate::session::{CorrectionProblem, SeatRefusal, SessionError};

impl SessionError {
    /// The error in `lang`: engine refusals, seat refusals, corrections and the seal are
    /// translated; a journal's, a mismatch's and other rules' own text is kept as it is.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.session_errors();
        match self {
            SessionError::Engine(e) => e.message(lang),
            SessionError::Sealed => t.sealed.to_string(),
            SessionError::Correction(c) => c.message(lang),
            SessionError::Seat(s) => s.message(lang),
            SessionError::Journal(_) | SessionError::Mismatch(_) | SessionError::OtherRules(_) => {
                self.to_string()
            }
        }
    }
}

impl CorrectionProblem {
    /// The refusal in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.session_errors();
        let f = |template: &str, args: &[(&str, &dyn Display)]| super::report::fill(template, args);
        match self {
            CorrectionProblem::NotCorrectable { line } => f(t.not_correctable, &[("line", line)]),
            CorrectionProblem::AlreadyCorrected { line } => {
                f(t.already_corrected, &[("line", line)])
            }
            CorrectionProblem::NoReason => t.correction_reason.to_string(),
            CorrectionProblem::NotReplacement { by, line } => {
                f(t.not_replacement, &[("by", by), ("line", line)])
            }
        }
    }
}

impl SeatRefusal {
    /// The refusal in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.session_errors();
        let f = |template: &str, args: &[(&str, &dyn Display)]| super::report::fill(template, args);
        match self {
            SeatRefusal::ActFor { role, other } => {
                f(t.act_for, &[("role", role), ("other", other)])
            }
            SeatRefusal::NotItsAction {
                action,
                owner,
                role,
            } => f(
                t.not_its_action,
                &[("action", action), ("owner", owner), ("role", role)],
            ),
            SeatRefusal::NoAction { action } => f(t.no_action, &[("action", action)]),
            SeatRefusal::WithdrawFor { role, other } => {
                f(t.withdraw_for, &[("role", role), ("other", other)])
            }
            SeatRefusal::NothingQueued { position } => {
                f(t.nothing_queued, &[("position", position)])
            }
            SeatRefusal::DecideFor { role, other } => {
                f(t.decide_for, &[("role", role), ("other", other)])
            }
            SeatRefusal::NotItsDecision {
                decision,
                owner,
                role,
            } => f(
                t.not_its_decision,
                &[("decision", decision), ("owner", owner), ("role", role)],
            ),
            SeatRefusal::NoOpenDecision { decision } => {
                f(t.no_open_decision, &[("decision", decision)])
            }
            SeatRefusal::FacilitatorOnly { role } => f(t.facilitator_only, &[("role", role)]),
        }
    }
}

impl Lang {
    /// The session errors' text in this language.
    pub fn session_errors(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

catalogue! {
    E;
    sealed: "the drill is sealed: nothing more can be recorded", "演習の記録は封印済みです。これ以上は記録できません";
    not_correctable: "line {line} is not a decision, override, note or hotwash entry of this drill", "{line} 行目はこの演習の意思決定・修正・メモ・振り返りの記録ではありません";
    already_corrected: "line {line} is already corrected", "{line} 行目は訂正済みです";
    correction_reason: "a correction needs a reason", "訂正には理由が必要です";
    not_replacement: "line {by} does not replace line {line} (not a later record of its kind)", "{by} 行目は {line} 行目の差し替えになりません（同じ種類の後の記録ではありません）";
    act_for: "the seat of {role} cannot act for {other}", "{role} の席から {other} の対応は登録できません";
    not_its_action: "`{action}` is an action of {owner}, not of {role}", "「{action}」は {owner} のアクションで、{role} のものではありません";
    no_action: "no action `{action}`", "アクション「{action}」はありません";
    withdraw_for: "the seat of {role} cannot withdraw an action of {other}", "{role} の席から {other} の対応は取り消せません";
    nothing_queued: "nothing queued at position {position}", "{position} 番目に登録済みの対応はありません";
    decide_for: "the seat of {role} cannot decide for {other}", "{role} の席から {other} の意思決定はできません";
    not_its_decision: "`{decision}` is a decision of {owner}, not of {role}", "「{decision}」は {owner} の意思決定で、{role} のものではありません";
    no_open_decision: "no open decision `{decision}`", "受付中の意思決定「{decision}」はありません";
    facilitator_only: "a seat of {role} cannot do that (facilitator only)", "{role} の席からはこの操作はできません（進行役のみ）";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_string()
    }

    /// Every typed error beside the English text it had as a literal before it was typed.
    fn all() -> Vec<(SessionError, &'static str)> {
        let c = SessionError::Correction;
        let seat = SessionError::Seat;
        vec![
            (
                SessionError::Sealed,
                "the drill is sealed: nothing more can be recorded",
            ),
            (
                c(CorrectionProblem::NotCorrectable { line: 4 }),
                "line 4 is not a decision, override, note or hotwash entry of this drill",
            ),
            (
                c(CorrectionProblem::AlreadyCorrected { line: 4 }),
                "line 4 is already corrected",
            ),
            (
                c(CorrectionProblem::NoReason),
                "a correction needs a reason",
            ),
            (
                c(CorrectionProblem::NotReplacement { by: 9, line: 4 }),
                "line 9 does not replace line 4 (not a later record of its kind)",
            ),
            (
                seat(SeatRefusal::ActFor {
                    role: s("soc"),
                    other: s("legal"),
                }),
                "the seat of soc cannot act for legal",
            ),
            (
                seat(SeatRefusal::NotItsAction {
                    action: s("isolate"),
                    owner: s("it"),
                    role: s("soc"),
                }),
                "`isolate` is an action of it, not of soc",
            ),
            (
                seat(SeatRefusal::NoAction { action: s("x") }),
                "no action `x`",
            ),
            (
                seat(SeatRefusal::WithdrawFor {
                    role: s("soc"),
                    other: s("it"),
                }),
                "the seat of soc cannot withdraw an action of it",
            ),
            (
                seat(SeatRefusal::NothingQueued { position: 3 }),
                "nothing queued at position 3",
            ),
            (
                seat(SeatRefusal::DecideFor {
                    role: s("soc"),
                    other: s("ceo"),
                }),
                "the seat of soc cannot decide for ceo",
            ),
            (
                seat(SeatRefusal::NotItsDecision {
                    decision: s("pay"),
                    owner: s("ceo"),
                    role: s("soc"),
                }),
                "`pay` is a decision of ceo, not of soc",
            ),
            (
                seat(SeatRefusal::NoOpenDecision { decision: s("pay") }),
                "no open decision `pay`",
            ),
            (
                seat(SeatRefusal::FacilitatorOnly { role: s("soc") }),
                "a seat of soc cannot do that (facilitator only)",
            ),
        ]
    }

    #[test]
    fn the_english_is_the_old_text_and_the_japanese_differs() {
        for (e, old) in all() {
            assert_eq!(e.to_string(), old);
            assert_eq!(e.message(Lang::En), old);
            let ja = e.message(Lang::Ja);
            assert_ne!(ja, old);
            assert!(!ja.contains('{'), "{ja}");
        }
        let ja = SessionError::Seat(SeatRefusal::NotItsAction {
            action: s("isolate"),
            owner: s("it"),
            role: s("soc"),
        })
        .message(Lang::Ja);
        assert_eq!(
            ja,
            "「isolate」は it のアクションで、soc のものではありません"
        );
    }

    #[test]
    fn every_session_error_has_both_languages_and_the_same_placeholders() {
        crate::i18n::assert_complete("session errors", &EN.entries(), &JA.entries());
    }
}
