//! The command line's own framing lines in every language: the words `kunren run`, `replay`
//! and `balance` put around a diagnostic or a refusal (`error: …`, the hint after sources
//! that differ, an aborted journal). The English table is today's text, word for word; named
//! `{placeholders}` are filled by [`super::report::fill`].

use super::Lang;
use super::diagnostics::catalogue;

impl Lang {
    /// The command line's framing lines in this language.
    pub fn cli_text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

catalogue! {
    C;
    error: "error: {message}", "エラー: {message}";
    load_failed: "error: cannot load the drill's scenario or organisation:", "エラー: 演習のシナリオまたは組織を読み込めません:";
    exact_files: "use --scenario/--org to point at the exact files used", "記録時と同じファイルを --scenario / --org で指定してください";
    sealed_aborted: "the journal {path} was sealed as aborted", "記録 {path} は中断として封印されました";
    resuming: "resuming {path}: re-executing the recorded drill, then continuing", "{path} を再開します：記録済みの演習を再実行してから続けます";
    script_turn: "actions script, turn {turn}: {what}{refusal}", "行動スクリプト、ターン {turn}：{what}{refusal}";
    script_by: "{action} by {role}: ", "{role} の「{action}」：";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cli_line_has_both_languages_and_the_same_placeholders() {
        crate::i18n::assert_complete("cli", &EN.entries(), &JA.entries());
    }
}
