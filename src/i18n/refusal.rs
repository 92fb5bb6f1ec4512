//! The engine's refusals ([`crate::engine::EngineError`]) in every language: what the picker,
//! the status line and the seats say when an action, a decision, an override or an inject is
//! refused, English and Japanese side by side, as one [`Text`] per language. Named
//! `{placeholders}` are filled by [`super::report::fill`]; the English table is the engine
//! error's `Display`, word for word.

use std::fmt::Display;

use super::Lang;
use super::diagnostics::catalogue;
use crate::engine::{EngineError, TargetProblem};
use crate::scenario::TargetKind;

/// What an id in a refusal names, so that a screen can show its label instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// An action of the catalogue.
    Action,
    /// A role of the organisation.
    Role,
    /// A decision.
    Decision,
    /// An option of a decision.
    Option,
    /// An inject.
    Inject,
    /// A target (asset, regime, supplier).
    Target,
}

impl EngineError {
    /// The refusal in `lang`, ids as they are (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        self.message_named(lang, &|_, id| id.to_string())
    }

    /// The refusal in `lang`, each id shown as `name` gives it (an action's name in the
    /// drill's language, a person beside a role).
    pub fn message_named(&self, lang: Lang, name: &dyn Fn(Named, &str) -> String) -> String {
        use super::report::fill;
        let t = lang.refusals();
        let kind = |k: &TargetKind| match k {
            TargetKind::None => t.kind_none,
            TargetKind::Asset => t.kind_asset,
            TargetKind::Regime => t.kind_regime,
            TargetKind::Supplier => t.kind_supplier,
        };
        let f = |template: &str, args: &[(&str, &dyn Display)]| fill(template, args);
        match self {
            EngineError::UnknownAction(a) => {
                f(t.unknown_action, &[("action", &name(Named::Action, a))])
            }
            EngineError::UnknownRole(r) => f(t.unknown_role, &[("role", &name(Named::Role, r))]),
            EngineError::BadTarget(TargetProblem::Unwanted { action, target }) => f(
                t.takes_no_target,
                &[
                    ("action", &name(Named::Action, action)),
                    ("target", &name(Named::Target, target)),
                ],
            ),
            EngineError::BadTarget(TargetProblem::Missing { action, kind: k }) => f(
                t.needs_target,
                &[("action", &name(Named::Action, action)), ("kind", &kind(k))],
            ),
            EngineError::BadTarget(TargetProblem::Invalid {
                action,
                target,
                kind: k,
            }) => f(
                t.invalid_target,
                &[
                    ("action", &name(Named::Action, action)),
                    ("target", &name(Named::Target, target)),
                    ("kind", &kind(k)),
                ],
            ),
            EngineError::NoValidTarget(_) => t.no_valid_target.to_string(),
            EngineError::NoCapacity {
                role,
                action,
                cost,
                left,
            } => f(
                t.no_capacity,
                &[
                    ("role", &name(Named::Role, role)),
                    ("action", &name(Named::Action, action)),
                    ("cost", cost),
                    ("left", left),
                ],
            ),
            EngineError::Precondition(a) => {
                f(t.precondition, &[("action", &name(Named::Action, a))])
            }
            EngineError::AlreadyDone(a) => {
                f(t.already_done, &[("action", &name(Named::Action, a))])
            }
            EngineError::NoDecision(d) => {
                f(t.no_decision, &[("decision", &name(Named::Decision, d))])
            }
            EngineError::NoOption { decision, option } => f(
                t.no_option,
                &[
                    ("decision", &name(Named::Decision, decision)),
                    ("option", &name(Named::Option, option)),
                ],
            ),
            EngineError::OverrideOutOfRange {
                line,
                points,
                min,
                max,
            } => f(
                t.override_range,
                &[
                    ("line", line),
                    ("points", points),
                    ("min", min),
                    ("max", max),
                ],
            ),
            EngineError::NoReason(line) => f(t.no_reason, &[("line", line)]),
            EngineError::UnknownInject(i) => {
                f(t.unknown_inject, &[("inject", &name(Named::Inject, i))])
            }
            EngineError::AlreadyFired(i) => {
                f(t.already_fired, &[("inject", &name(Named::Inject, i))])
            }
            EngineError::NoLine(line) => f(t.no_line, &[("line", line)]),
            EngineError::Over => t.over.to_string(),
            EngineError::NothingQueued(n) => f(t.nothing_queued, &[("n", n)]),
            EngineError::NoOverride(n) => f(t.no_override, &[("n", n)]),
            EngineError::NoStep(n) => f(t.no_step, &[("n", n)]),
        }
    }
}

impl Lang {
    /// The refusals' text in this language.
    pub fn refusals(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

catalogue! {
    R;
    unknown_action: "unknown action `{action}`", "不明なアクション「{action}」";
    unknown_role: "unknown role `{role}`", "不明な役割「{role}」";
    takes_no_target: "`{action}` takes no target (got `{target}`)", "「{action}」は対象を取りません（指定：「{target}」）";
    needs_target: "`{action}` needs a target ({kind})", "「{action}」には対象（{kind}）が必要です";
    invalid_target: "`{target}` is not a valid target for `{action}` ({kind})", "「{target}」は「{action}」の対象（{kind}）になりません";
    no_capacity: "role `{role}` has {left} capacity left this turn; `{action}` costs {cost}", "{role} のこのターンの残り対応力は {left} で、「{action}」には {cost} 必要です";
    precondition: "`{action}` cannot be taken now: its precondition does not hold", "「{action}」は前提条件を満たしていないため、今は実施できません";
    already_done: "`{action}` was already taken on this target", "「{action}」はこの対象に実施済みです";
    no_decision: "decision `{decision}` is not open", "意思決定「{decision}」は受付中ではありません";
    no_option: "`{option}` is not an option of decision `{decision}`", "「{option}」は意思決定「{decision}」の選択肢ではありません";
    override_range: "score line #{line} can be set from {min} to {max}, not {points}", "採点行 #{line} に設定できるのは {min} から {max} までで、{points} にはできません";
    no_reason: "an override of score line #{line} needs a reason", "採点行 #{line} の修正には理由が必要です";
    unknown_inject: "unknown inject `{inject}`", "不明なインジェクト「{inject}」";
    already_fired: "inject `{inject}` was already delivered", "インジェクト「{inject}」は配信済みです";
    no_line: "no score line {line}", "採点行 {line} はありません";
    over: "the drill has ended", "演習は終了しています";
    nothing_queued: "nothing queued at position {n}", "{n} 番目に登録済みの対応はありません";
    no_override: "there is no override {n} to withdraw", "取り消せる修正 {n} はありません";
    no_step: "the reference response has no step {n}", "模範対応に手順 {n} はありません";
    no_valid_target: "no valid target", "有効な対象がありません";
    kind_none: "None", "対象なし";
    kind_asset: "Asset", "資産";
    kind_regime: "Regime", "制度";
    kind_supplier: "Supplier", "取引先";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_table_is_the_display_and_the_japanese_differs() {
        let all = [
            EngineError::UnknownAction("a".into()),
            EngineError::UnknownRole("r".into()),
            EngineError::BadTarget(TargetProblem::Unwanted {
                action: "a".into(),
                target: "t".into(),
            }),
            EngineError::BadTarget(TargetProblem::Missing {
                action: "a".into(),
                kind: TargetKind::Asset,
            }),
            EngineError::BadTarget(TargetProblem::Invalid {
                action: "a".into(),
                target: "t".into(),
                kind: TargetKind::Supplier,
            }),
            EngineError::NoValidTarget("a".into()),
            EngineError::NoCapacity {
                role: "r".into(),
                action: "a".into(),
                cost: 2,
                left: 1,
            },
            EngineError::Precondition("a".into()),
            EngineError::AlreadyDone("a".into()),
            EngineError::NoDecision("d".into()),
            EngineError::NoOption {
                decision: "d".into(),
                option: "o".into(),
            },
            EngineError::OverrideOutOfRange {
                line: 3,
                points: 9,
                min: -1,
                max: 4,
            },
            EngineError::NoReason(3),
            EngineError::UnknownInject("i".into()),
            EngineError::AlreadyFired("i".into()),
            EngineError::NoLine(3),
            EngineError::Over,
            EngineError::NothingQueued(2),
            EngineError::NoOverride(2),
            EngineError::NoStep(2),
        ];
        for e in &all {
            assert_eq!(e.message(Lang::En), e.to_string());
            let ja = e.message(Lang::Ja);
            assert_ne!(ja, e.to_string());
            assert!(!ja.contains('{'), "{ja}");
        }
        let named = EngineError::Precondition("lift".into())
            .message_named(Lang::Ja, &|_, id| format!("<{id}>"));
        assert!(named.contains("<lift>"), "{named}");
    }

    #[test]
    fn every_refusal_has_both_languages_and_the_same_placeholders() {
        crate::i18n::assert_complete("refusals", &EN.entries(), &JA.entries());
    }
}
