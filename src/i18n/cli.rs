//! The command line's own framing lines in every language: the words `kunren run`, `replay`
//! and `balance` put around a diagnostic or a refusal (`error: …`, the hint after sources
//! that differ, an aborted journal), and what `kunren report` says once it wrote a report. The English table is today's text, word for word; named
//! `{placeholders}` are filled by [`super::report::fill`].

use super::Lang;
use super::diagnostics::catalogue;
use super::report::fill;
use crate::report::ReportError;

impl ReportError {
    /// Why no report was made, in `lang`: paths, the verification's reason and the system's
    /// error as they are (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.cli_text();
        let at = |line: &Option<u64>| {
            line.map(|l| fill(t.report_at_line, &[("line", &l)]))
                .unwrap_or_default()
        };
        match self {
            ReportError::Read { path, source } => fill(
                t.report_cannot_read,
                &[("path", &path.display()), ("error", source)],
            ),
            ReportError::Integrity { path, line, reason } => fill(
                t.report_integrity,
                &[("path", path), ("at", &at(line)), ("reason", reason)],
            ),
            ReportError::SignatureMismatch {
                path,
                pubkey,
                line,
                reason,
            } => fill(
                t.report_signature,
                &[
                    ("path", path),
                    ("pubkey", pubkey),
                    ("at", &at(line)),
                    ("reason", reason),
                ],
            ),
            ReportError::Key(e) => e.clone(),
            ReportError::OverJournal(path) => {
                fill(t.report_over_journal, &[("path", &path.display())])
            }
            ReportError::Write { path, source } => fill(
                t.report_cannot_write,
                &[("path", &path.display()), ("error", source)],
            ),
        }
    }
}

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
    script_turn_out: "turn {turn} is outside 1..={max}", "ターン {turn} は 1..={max} の範囲外です";
    script_unknown_role: "unknown role `{role}`", "不明なロール `{role}`";
    script_unknown_action: "unknown action `{action}`", "不明なアクション `{action}`";
    msel_problems: "{count} problem(s) in the sheet; the scenario is unchanged", "シートに問題が {count} 件あります。シナリオは変更していません";
    runs_zero: "error: --runs must be at least 1", "エラー: --runs は 1 以上にしてください";
    // The console's own lines before it starts and after it closes (`kunren play`, `practice`).
    console_tty: "error: the console needs an interactive terminal; for a headless drill use `kunren run`", "エラー: コンソールには対話型の端末が必要です。画面なしで演習するには `kunren run` を使ってください";
    cannot_create: "error: cannot create {dir}: {error}", "エラー: {dir} を作成できません：{error}";
    cannot_read: "error: cannot read {path}: {error}", "エラー: {path} を読み込めません：{error}";
    resume_sealed: "error: {path} is sealed: that drill is finished and cannot be continued\n  report: kunren report {quoted}", "エラー: {path} は封印済みです。この演習は終了しており、続けられません\n  報告書: kunren report {quoted}";
    no_role: "error: the organisation has no role `{role}` (roles: {roles})", "エラー: 組織にロール `{role}` はありません（ロール: {roles}）";
    not_among_roles: "error: {name} plays `{role}`, which is not among the --role given", "エラー: {name} が担当する `{role}` は、指定した --role に含まれていません";
    cannot_watch_signals: "error: cannot watch signals: {error}", "エラー: シグナルを監視できません：{error}";
    cannot_set_up_terminal: "error: cannot set up the terminal: {error}", "エラー: 端末を準備できません：{error}";
    internal_error: "kunren stopped on an internal error", "kunren は内部エラーで停止しました";
    internal_error_kept: "kunren stopped on an internal error; every record written is in {path}, intact but not sealed.\n  continue: kunren play --resume {path}", "kunren は内部エラーで停止しました。書き込んだ記録はすべて {path} に、封印されずにそのまま残っています。\n  再開: kunren play --resume {path}";
    terminal_failed: "error: terminal: {error}", "エラー: 端末：{error}";
    terminal_kept: "\nthe journal {path} keeps every record written; continue: kunren play --resume {path}", "\n記録 {path} には書き込んだ記録がすべて残っています。再開: kunren play --resume {path}";
    journal_failed: "error: the journal failed, the session stops: {error}\nno record after the failure was kept; continue with `kunren play --resume JOURNAL`", "エラー: 記録に失敗したため、セッションを停止します：{error}\n失敗以降の記録は残していません。`kunren play --resume 記録ファイル` で続けてください";
    journal_failed_seat: "error: the journal failed, the session stops: {error}\ncontinue with `kunren play --resume JOURNAL`", "エラー: 記録に失敗したため、セッションを停止します：{error}\n`kunren play --resume 記録ファイル` で続けてください";
    seal_failed: "error: the journal could not be sealed: {error}", "エラー: 記録を封印できませんでした：{error}";
    // `kunren report`'s lines on stderr once the report is written, in the report's language.
    report_wrote: "wrote {path} ({bytes} bytes)", "{path} を書き出しました（{bytes} バイト）";
    report_unsealed: "warning: {path} is not sealed; the report is marked provisional on its first page", "警告: {path} は封緘されていません。報告書の最初のページに暫定版と表示しています";
    report_incomplete: "warning: {path} is closed as completed but never reached an ending or its turn limit; the report flags it as incomplete and its ratings as provisional", "警告: {path} は完了として閉じられていますが、終了条件にもターン上限にも達していません。報告書では未完了の演習と表示し、評価を暫定としています";
    report_evidence: "evidence: {grade}", "証拠: {grade}";
    // Why `kunren report` made no report (after `error: `).
    report_cannot_read: "cannot read the journal {path}: {error}", "ジャーナル {path} を読み込めません：{error}";
    report_integrity: "refusing to report on {path}: the journal fails verification{at}: {reason}\nrun `kunren verify {path}` for details", "{path} の報告書は作成しません：ジャーナルが検証に失敗しました{at}：{reason}\n詳細は `kunren verify {path}` で確認してください";
    report_signature: "refusing to report on {path}: the signature does not match the public key {pubkey}{at}: {reason}\nrun `kunren verify {path} --pubkey {pubkey}` for details", "{path} の報告書は作成しません：署名が公開鍵 {pubkey} と一致しません{at}：{reason}\n詳細は `kunren verify {path} --pubkey {pubkey}` で確認してください";
    report_at_line: " at line {line}", "（{line} 行目）";
    report_over_journal: "refusing to write the report over the journal {path}", "ジャーナル {path} に報告書を上書きすることはできません";
    report_cannot_write: "cannot write the report {path}: {error}", "報告書 {path} を書き込めません：{error}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cli_line_has_both_languages_and_the_same_placeholders() {
        crate::i18n::assert_complete("cli", &EN.entries(), &JA.entries());
    }

    #[test]
    fn a_report_error_is_the_old_english_and_reads_in_japanese() {
        let e = ReportError::Integrity {
            path: "j.jsonl".into(),
            line: Some(4),
            reason: "bad hash".into(),
        };
        assert_eq!(
            e.to_string(),
            "refusing to report on j.jsonl: the journal fails verification at line 4: bad hash\n\
             run `kunren verify j.jsonl` for details"
        );
        let ja = e.message(Lang::Ja);
        assert!(
            ja.contains("（4 行目）") && ja.contains("bad hash") && ja.contains("j.jsonl"),
            "{ja}"
        );
        let over = ReportError::OverJournal("j.jsonl".into());
        assert_eq!(
            over.to_string(),
            "refusing to write the report over the journal j.jsonl"
        );
        assert_ne!(over.message(Lang::Ja), over.to_string());
    }
}
