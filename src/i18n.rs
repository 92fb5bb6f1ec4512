//! The message catalogue: every fixed word kunren shows, in English and Japanese. The
//! console's, the seats' and `kunren run`'s strings are the [`S`] keys of this module, looked up
//! with [`Lang::t`] and filled with [`fill`] (`{}` in order, `{n}` by position); the after-action
//! report's headings and sentences are the [`report`] part ([`Lang::report`], named `{key}`
//! placeholders). Tests fail on a key missing a language or with placeholders that differ
//! between the two.
//!
//! Scenario text (injects, titles) is shown as authored, in the drill's language; only kunren's
//! own words are translated here.

pub mod cli;
pub mod diagnostics;
pub mod refusal;
pub mod report;
pub mod score;
pub mod seats;
pub mod session;

use std::fmt::Display;

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// From a language tag (`en`, `ja`, `ja-JP`, …); `None` when not supported.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") || t.starts_with("en_") {
            Some(Lang::En)
        } else if t == "ja" || t.starts_with("ja-") || t.starts_with("ja_") {
            Some(Lang::Ja)
        } else {
            None
        }
    }

    /// From a language tag, English when the tag is not a supported language (a journal's
    /// header or a report in an unknown language still reads).
    pub fn from_tag_or_en(tag: &str) -> Lang {
        Lang::parse(tag).unwrap_or_default()
    }

    /// The tag (`en`, `ja`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ja,
            Lang::Ja => Lang::En,
        }
    }

    /// "N decisions waiting — d", with the right number.
    pub fn decisions_waiting(self, n: usize) -> String {
        if n == 1 {
            self.t(S::DecisionWaiting).to_string()
        } else {
            self.f(S::DecisionsWaiting, &[&n])
        }
    }

    /// A NIST CSF 2.0 function's name (the Japanese names of IPA's translation).
    pub fn csf_function(self, f: crate::scenario::CsfFunction) -> &'static str {
        use crate::scenario::CsfFunction as F;
        self.t(match f {
            F::Govern => S::CsfGovern,
            F::Identify => S::CsfIdentify,
            F::Protect => S::CsfProtect,
            F::Detect => S::CsfDetect,
            F::Respond => S::CsfRespond,
            F::Recover => S::CsfRecover,
        })
    }

    /// Looks a string up.
    pub fn t(self, s: S) -> &'static str {
        s.get(self)
    }

    /// Looks a template up and fills its `{}` with the arguments.
    pub fn f(self, s: S, args: &[&dyn Display]) -> String {
        fill(s.get(self), args)
    }
}

/// Replaces each `{}` in `template` with the next argument, and each `{n}` with argument `n`
/// (so that a translation can change the order).
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut next = 0;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            let n = if digits.is_empty() {
                next += 1;
                next - 1
            } else {
                digits.parse().unwrap_or(usize::MAX)
            };
            match args.get(n) {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str(&rest[i..i + digits.len() + 2]),
            }
            rest = &after[digits.len() + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Number of distinct arguments a template uses.
pub fn placeholders(template: &str) -> usize {
    let mut seq = 0;
    let mut max = 0;
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            if digits.is_empty() {
                seq += 1;
                max = max.max(seq);
            } else {
                max = max.max(digits.parse::<usize>().unwrap_or(0) + 1);
            }
        }
        rest = after;
    }
    max
}

macro_rules! strings {
    ($($name:ident => $en:expr, $ja:expr;)*) => {
        /// A string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S {
            $(
                #[doc = $en]
                $name,
            )*
        }

        impl S {
            /// Every string, for completeness checks.
            pub const ALL: &'static [S] = &[$(S::$name),*];

            /// The string in a language.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (S::$name, Lang::En) => $en,
                        (S::$name, Lang::Ja) => $ja,
                    )*
                }
            }
        }
    };
}

strings! {
    // ── `kunren run`: the turn-by-turn table and the result ──
    RunTurnHeader => "Turn {}/{} · T+{}–{}", "ターン {}/{} · T+{}–{}";
    RunInject => "inject", "状況付与";
    RunByFacilitator => " (facilitator)", "（統制官）";
    RunDecision => "decision", "意思決定";
    RunDecisionBy => "{} ({}) by {}", "{} ({}) 決定者 {}";
    RunAction => "action", "対応";
    RunDone => "done", "完了";
    RunFailed => "FAILED", "失敗";
    RunChanceRoll => " (chance {}, roll {})", "（成功率 {}、出目 {}）";
    RunAttacker => "attacker", "攻撃者";
    RunBaseChance => "base {} → chance {}", "基礎 {} → 成功率 {}";
    RunRoll => ", roll {}", "、出目 {}";
    RunSucceeded => "SUCCEEDED", "成功";
    RunStepFailed => "failed", "失敗";
    RunBlocked => "blocked", "阻止";
    RunHalted => "HALTED", "停止";
    RunHaltedForGood => "HALTED for good", "完全に阻止";
    RunDetected => "detected", "検知";
    RunDetectedBy => "by {} (chance {}, roll {})", "検知元 {}（確率 {}、出目 {}）";
    RunEvent => "event", "事象";
    RunClock => "clock", "期限";
    RunClockStarted => "started", "開始";
    RunClockMet => "met", "報告済み";
    RunClockLate => "late", "遅延報告";
    RunClockMissed => "missed", "期限超過";
    RunClockDeadline => "{} (deadline turn {})", "{}（期限 ターン {}）";
    RunScore => "score", "得点";
    RunTotal => "total", "合計";
    RunTotalLine => "{} (this turn {}); impact {}", "{}（このターン {}）、影響 {}";
    RunEnding => "ENDING", "結末";
    RunResult => "Result: {} (seed {})", "結果：{}（シード {}）";
    RunSummaryScore => "score {} of {} achievable ({}) after {} turns", "得点 {}（達成可能 {}、{}）、{} ターン";
    RunSummaryEnding => "ending {} — {}", "結末 {} — {}";
    RunSummaryImpact => "impact {} {}", "影響 {} {}";
    RunFirstDetection => "first detection at turn {}", "初回検知 ターン {}";
    RunNeverDetected => "the attacker was never detected", "攻撃者は一度も検知されなかった";
    RunObjectives => "objectives:", "目標：";
    RunSealed => "journal {} sealed: {} records, Merkle root {}", "記録 {} を封印しました：{} 件、マークルルート {}";
    RunVerifyWith => "verify with: kunren verify {}", "検証するには：kunren verify {}";
    // ── `kunren check` and `kunren list`: the words around the diagnostics and the lists
    // (the diagnostics' own messages are the K-codes', docs/diagnostics.md) ──
    CheckSummary => "checked {} file(s): {} error(s), {} warning(s)", "{} ファイルを検査：エラー {} 件、警告 {} 件";
    ListScenarios => "Scenarios by sector (built in; also readable from disk at the same path):", "分野別のシナリオ（組み込み。同じパスでディスクからも読み込めます）：";
    ListScenarioFacts => "[{} turns × {} min · {}]", "[{} ターン × {} 分 · {}]";
    ListUnparsable => "(does not parse)", "（解析できません）";
    ListOrgs => "Organisations:", "組織：";
    ListOrgFacts => "[{} · {} assets · {} services]", "[{} · 資産 {} · サービス {}]";
    ListRegimes => "Regimes:", "制度：";
    // ── end of `kunren check` and `kunren list` ──
    // ── NIST CSF 2.0 functions ──
    CsfGovern => "Govern", "統治";
    CsfIdentify => "Identify", "識別";
    CsfProtect => "Protect", "防御";
    CsfDetect => "Detect", "検知";
    CsfRespond => "Respond", "対応";
    CsfRecover => "Recover", "復旧";
    // ── conditions (preconditions shown in the action picker) ──
    CondAlways => "always", "常に";
    CondTurn => "from turn {}", "ターン {} 以降";
    CondFlag => "{}", "{}";
    CondControl => "control {} in place", "対策 {} が導入済み";
    CondReached => "stage {} reached", "段階 {} に到達";
    CondKnown => "stage {} known", "段階 {} を把握";
    CondHalted => "stage {} halted", "段階 {} を阻止";
    CondCompromised => "{} compromised", "{}が侵害";
    CondEncrypted => "{} encrypted", "{}が暗号化";
    CondIsolated => "{} isolated", "{}が隔離";
    CondKnownCompromised => "{} known compromised", "{}の侵害を把握";
    CondServiceDown => "service {} down", "サービス {} が停止";
    CondDid => "after {}", "{} の実施後";
    CondDidOn => "after {} on {}", "{1} への {0} の実施後";
    CondChose => "option {} chosen", "選択肢 {} を選択";
    CondInjected => "inject {} delivered", "インジェクト {} の配信後";
    CondClockMet => "clock {} met", "期限 {} を遵守";
    CondClockMissed => "clock {} missed", "期限 {} を超過";
    CondDownFor => "{} down for {} turns", "{} が {} ターン停止";
    CondDiscovered => "the team knows of the incident", "インシデントを認知済み";
    CondAnd => " and ", " かつ ";
    CondOr => " or ", " または ";
    CondNot => "not {}", "{}でない";
    CondNotIsolated => "{} not isolated", "{}が未隔離";
    CondTarget => "the target", "対象";
    // ── channels ──
    ChAlert => "ALERT", "アラート";
    ChEmail => "E-MAIL", "メール";
    ChPhone => "PHONE", "電話";
    ChPress => "PRESS", "報道";
    ChAttacker => "ATTACKER", "攻撃者";
    ChMemo => "MEMO", "社内連絡";
    ChAuthority => "AUTHORITY", "当局";
    ChSupplier => "SUPPLIER", "取引先";
    // ── general ──
    AppName => "kunren", "kunren 訓練";
    Enlarge => "Enlarge the terminal to at least {}×{} (now {}×{}).", "端末を {}×{} 以上に広げてください（現在 {}×{}）。";
    EnlargeHint => "Ctrl-C asks how to leave (suspend, or end and seal).", "Ctrl-C で終了方法（中断、または終了して封印）を選べます。";
    Yes => "yes", "はい";
    No => "no", "いいえ";
    NoneWord => "none", "なし";
    Turn => "Turn", "ターン";
    TurnOf => "Turn {}/{}", "ターン {}/{}";
    Paused => "PAUSED", "一時停止中";
    ControlView => "CONTROL VIEW", "統制ビュー";
    TeamView => "team view", "チームビュー";
    Ended => "ENDED", "終了";
    Recording => "Recording to {}", "記録先: {}";
    NotRecording => "not recorded", "記録なし";
    // ── setup ──
    SetupTitle => "New drill", "新しい演習";
    SetupSector => "Sector", "分野";
    SetupScenario => "Scenario", "シナリオ";
    SetupOther => "Other file…", "その他のファイル…";
    SetupPath => "Scenario file", "シナリオファイル";
    SetupOrg => "Organisation", "組織";
    SetupDrillTitle => "Drill title", "演習名";
    SetupFacilitator => "Facilitator", "ファシリテーター";
    SetupParticipants => "Participants", "参加者";
    SetupParticipantsHint => "Name:role, separated by commas. Roles: {}", "名前:ロール をカンマ区切りで。ロール: {}";
    SetupParticipantsExample => "e.g. Aiko Sato:exec, Ken Ito:soc", "例: 佐藤 愛子:exec, 伊藤 健:soc";
    SetupLanguage => "Language", "言語";
    SetupSeed => "Seed", "シード";
    SetupJournal => "Journal", "記録ファイル";
    SetupJournalAuto => "auto: ./kunren-journals/<drill-id>.jsonl", "自動: ./kunren-journals/<演習ID>.jsonl";
    SetupKeys => "Tab/↑↓ field · ←→ choose · type to edit · Enter start · Esc quit", "Tab/↑↓ 項目 · ←→ 選択 · 入力で編集 · Enter 開始 · Esc 終了";
    SetupNoExec => "No participant has an executive role ({}): decisions for the board will have no one to take them.", "経営層ロール（{}）の参加者がいません。経営判断を下す人がいない状態です。";
    SetupNoParticipants => "No participants listed: the report will show no attendance.", "参加者が未登録です。報告書に出席者が記載されません。";
    SetupBadParticipant => "`{}`: write Name:role", "`{}`: 名前:ロール の形式で入力してください";
    SetupUnknownRole => "`{}`: unknown role `{}` (roles: {})", "`{}`: 不明なロール `{}`（ロール: {}）";
    SetupBadSeed => "The seed must be a whole number.", "シードは整数で入力してください。";
    SetupNoScenario => "The scenario does not load:", "シナリオを読み込めません:";
    SetupEmptyFacilitator => "Give the facilitator's name.", "ファシリテーター名を入力してください。";
    SetupDefaultTitle => "(scenario title)", "（シナリオ名）";
    SetupStarting => "Starting…", "開始中…";
    SetupTurns => "{} turns × {} min · {}", "{} ターン × {} 分 · {}";
    // ── console panels ──
    PanelInjects => "Injects", "インジェクト";
    PanelBoard => "Organisation", "組織ボード";
    PanelActions => "Actions", "対応";
    PanelScore => "Score", "スコア";
    Clocks => "Clocks", "報告期限";
    NoClocks => "No regulatory clock running.", "稼働中の報告期限はありません。";
    ClockNotStarted => "not started", "未開始";
    ClockLeft => "{} h left (until turn {})", "残り {} 時間（ターン {} まで）";
    ClockMet => "met in turn {}", "ターン {} に報告済み";
    ClockMissed => "MISSED (due turn {})", "未報告・期限超過（期限ターン {}）";
    ClockLate => "LATE: turn {} (due turn {})", "遅延報告：ターン {}（期限ターン {}）";
    ClockOverdue => "OVERDUE since turn {}", "期限超過中（期限ターン {}）";
    ClockAfterEnd => "due after the drill ends", "期限は訓練終了後";
    ClockDelivered => "reported in turn {}", "ターン {} に報告済み";
    ClockDue => "due now (turn {})", "今ターンが期限（ターン {}）";
    ThisTurn => "This turn", "このターン";
    NoInjects => "No inject this turn.", "このターンのインジェクトはありません。";
    Earlier => "Earlier injects", "過去のインジェクト";
    From => "from", "差出人";
    To => "to", "宛先";
    ByFacilitator => "fired by the facilitator", "ファシリテーターが投入";
    DecisionNeeded => "Decision needed: {} — press d", "判断が必要: {} — d キー";
    EmailFrom => "From: {}", "差出人: {}";
    EmailSubject => "Subject: {}", "件名: {}";
    Services => "Services", "業務サービス";
    Assets => "Assets by zone", "ゾーン別資産";
    Attacker => "Attacker: what the team knows", "攻撃者: チームが把握している内容";
    AttackerTruth => "Attacker: ground truth", "攻撃者: 実際の進行";
    NothingKnown => "Nothing known yet.", "まだ何も把握していません。";
    Up => "up", "稼働";
    Degraded => "degraded", "縮退";
    Down => "DOWN", "停止";
    DownFor => "down {} turn(s)", "{} ターン停止";
    MoreNotable => "… and {} more with issues", "… 他 {} 台に問題あり";
    AllOk => "{} more, no known issue", "他 {} 台、既知の問題なし";
    TagCompromised => "compromised", "侵害";
    TagHidden => "compromised (hidden)", "侵害（未発見）";
    TagEncrypted => "encrypted", "暗号化";
    TagIsolated => "isolated", "隔離";
    TagRebuilding => "rebuilding {}", "再構築中 {}";
    StageKnown => "known T{}", "T{} 発見";
    StageReached => "reached T{}", "T{} 到達";
    StageHalted => "halted T{}", "T{} 阻止";
    StageHiddenTag => "hidden", "未発見";
    StagePending => "not yet", "未到達";
    Queued => "Queued this turn", "このターンの対応";
    NothingQueued => "Nothing queued. Press a to add an action.", "未登録です。a キーで対応を追加します。";
    Capacity => "Capacity left", "残りキャパシティ";
    OpenDecisions => "Open decisions", "未決の判断";
    Chosen => "chosen: {}", "選択: {}";
    NotChosen => "not decided (default {} at turn {})", "未決（ターン {1} に既定 {0}）";
    ActionsHint => "a add · u undo last · x withdraw selected · d decide", "a 追加 · u 直前を取消 · x 選択を取消 · d 判断";
    Total => "Total {} of {} achievable so far ({})", "合計 {} 点 / 達成可能 {} 点（{}）";
    Impact => "Impact {} {}", "影響 {} {}";
    Withheld => "{} rules read ground truth: withheld until the debrief", "実際の状態を参照するルール {} 件は振り返りまで非公開";
    Objectives => "Objectives", "目標";
    ScoreOverTurns => "Score over turns", "ターンごとのスコア";
    NoScoreYet => "No score line yet.", "スコア行はまだありません。";
    LastLines => "Latest score lines", "最新のスコア行";
    // ── keys line ──
    PausedBanner => "PAUSED — press p to resume", "一時停止中 — p キーで再開";
    // ── overlays ──
    PickerTitle => "Add an action", "対応を追加";
    PickerFilter => "Filter", "絞り込み";
    PickerBy => "by", "実施";
    PickerNoMatch => "No action matches.", "該当する対応はありません。";
    PickerKeys => "type to filter · ↑↓ select · ←→ role · Enter choose · Esc close", "入力で絞り込み · ↑↓ 選択 · ←→ ロール · Enter 決定 · Esc 閉じる";
    PickerTargetTitle => "Target for: {}", "対象: {}";
    PickerTargetKeys => "type to filter · ↑↓ select · Enter queue · Esc back", "入力で絞り込み · ↑↓ 選択 · Enter 登録 · Esc 戻る";
    PickerQueued => "Queued: {}", "登録済み: {}";
    DetOwner => "Owner", "担当";
    DetCost => "Cost", "コスト";
    DetCapacity => "{} has {} of {} left", "{} の残り {}/{}";
    DetChance => "Chance it works", "成功確率";
    DetTarget => "Target", "対象";
    DetNeeds => "Needs", "前提条件";
    DetOnce => "once per target", "対象ごとに1回";
    DetAffects => "Changes the chances of", "影響する攻撃段階";
    DetReady => "ready", "実施可能";
    DetBlocked => "cannot now: {}", "現在不可: {}";
    DetNoCapacity => "not enough capacity", "キャパシティ不足";
    DetNoTarget => "no target it can be taken on now", "現在実施できる対象がありません";
    DetIdle => "would do nothing: {}", "実施しても効果なし: {}";
    DetIdleEverywhere => "on every target it can be taken on now", "実施できるどの対象でも";
    DetReadyOn => "ready on {} of {} targets", "対象 {1} 件中 {0} 件で実施可能";
    DetReadyOnIdle => "ready on {} of {} targets ({} more would do nothing)", "対象 {1} 件中 {0} 件で実施可能（ほか {2} 件は効果なし）";
    DetHiddenPrecondition => "Its precondition reads what the team cannot see: the engine checks it when the action is queued.", "前提条件はチームに見えない状態を参照するため、登録時にエンジンが判定します。";
    TargetNone => "none", "なし";
    TargetAsset => "an asset", "資産";
    TargetRegime => "a regulator", "規制当局";
    TargetSupplier => "a supplier", "取引先";
    DecisionTitle => "Decision {}/{}", "判断 {}/{}";
    DecisionOwner => "Decided by: {} · default {} at turn {}", "判断者: {0} · ターン {2} に既定 {1}";
    DecisionKeys => "↑↓ select · Enter choose · ←→ other decision · Esc close", "↑↓ 選択 · Enter 選ぶ · ←→ 他の判断 · Esc 閉じる";
    DecisionConfirmKeys => "Enter / y confirm · Esc back", "Enter / y 確定 · Esc 戻る";
    DecisionDefault => "default", "既定";
    DecisionChoosing => "You are choosing: {}", "選択: {}";
    DecisionEffects => "What it does: {}", "効果: {}";
    DecisionBy => "Decided by: {}", "判断者: {}";
    DecisionIsDefault => "This is the scenario's default: it is taken anyway if nobody decides in time.", "これはシナリオの既定です。期限までに判断がなければ自動的に採用されます。";
    DecisionConfirm => "Enter or y records this decision; Esc goes back to the options.", "Enter または y でこの判断を記録します。Esc で選択肢に戻ります。";
    DecisionWaiting => "1 decision waiting — d", "判断待ち 1 件 — d キー";
    DecisionsWaiting => "{} decisions waiting — d", "判断待ち {} 件 — d キー";
    DecisionFirst => "{} (its default is taken at the end of turn {})", "{0}（ターン {1} の終了時に既定を採用）";
    StTimedOut => "“{}” timed out: its default “{}” was taken.", "「{}」は期限切れのため既定の「{}」を採用しました。";
    // ── effects (what a decision's option does) ──
    EffSetFlag => "sets {}", "{} を設定";
    EffClearFlag => "clears {}", "{} を解除";
    EffCompromise => "compromises {}", "{}を侵害";
    EffEncrypt => "encrypts {}", "{}を暗号化";
    EffEncryptZone => "encrypts zone {}", "ゾーン {} を暗号化";
    EffExfiltrate => "{} exfiltrated", "{}が流出";
    EffIsolate => "isolates {}", "{}を隔離";
    EffReconnect => "reconnects {}", "{}の隔離を解除";
    EffRestore => "restores {} from its backup", "{}をバックアップから復旧";
    EffVerifyBackups => "verifies the backups", "バックアップを検証";
    EffRebuild => "rebuilds {}", "{}を再構築";
    EffEvict => "evicts the attacker from {}", "{}から攻撃者を排除";
    EffHunt => "hunts for hidden attacker activity ({} per stage)", "潜伏中の攻撃を探索（段階ごとに {}）";
    EffInspect => "inspects {} ({} per stage)", "{}を調査（段階ごとに {}）";
    EffAddControl => "puts control {} in place", "対策 {} を導入";
    EffImpact => "impact +{} {} ({})", "影響 +{} {}（{}）";
    EffNotify => "reports to {}", "{} へ報告";
    EffIf => "if {}: {}; otherwise: {}", "{} なら {}、そうでなければ {}";
    EffNone => "no direct effect (the scenario's rules may score the choice)", "直接の効果なし（シナリオの採点規則で評価される場合があります）";
    // ── leaving ──
    LeaveTitle => "Leave the drill?", "演習を離れますか？";
    LeaveSuspend => "Suspend (resume later)", "中断（後で再開）";
    LeaveSuspendWhat => "The journal stays unsealed; `kunren play --resume JOURNAL` continues from here.", "記録は封印されずに残ります。`kunren play --resume 記録ファイル` でここから再開できます。";
    LeaveEnd => "End the drill (seal as aborted)", "演習を終了（「中断」として封印）";
    LeaveEndCompleted => "End the drill (seal as completed)", "演習を終了（「完了」として封印）";
    LeaveEndWhat => "Seals the journal for good: nothing can be added or resumed after.", "記録を封印します。以後の追記・再開はできません。";
    LeaveHotwash => "Hotwash first", "先に振り返り";
    LeaveHotwashWhat => "Debrief now; the journal is sealed at the end of the hotwash.", "振り返りを行い、その最後に記録を封印します。";
    LeaveCancel => "Cancel", "取消";
    LeaveCancelWhat => "Back to the drill.", "演習に戻ります。";
    LeaveKeys => "↑↓ Enter · s suspend · e end · Esc cancel · Ctrl-C again: suspend", "↑↓ Enter · s 中断 · e 終了 · Esc 取消 · 再度 Ctrl-C: 中断";
    SuspendedTitle => "Drill suspended: the journal is intact and not sealed", "演習を中断しました。記録は封印されずに保たれています";
    SuspendedResume => "Continue:", "再開:";
    NoDecision => "No decision is waiting.", "未決の判断はありません。";
    EndTurnTitle => "End the turn?", "ターンを終了しますか？";
    EndTurnBody => "Turn {}: {} action(s) queued, {} decision(s) open.", "ターン {}: 対応 {} 件、未決の判断 {} 件。";
    EndTurnDefault => "Open decisions take their default at their deadline.", "未決の判断は期限に既定の選択肢になります。";
    ConfirmKeys => "y / Enter confirm · Esc cancel", "y / Enter 確定 · Esc 取消";
    FireTitle => "Fire an inject from the MSEL", "MSEL からインジェクトを投入";
    FireNone => "Every inject has been delivered.", "すべてのインジェクトは配信済みです。";
    FireKeys => "type to filter · ↑↓ select · Enter fire now · Esc close", "入力で絞り込み · ↑↓ 選択 · Enter 投入 · Esc 閉じる";
    Contingency => "contingency", "予備";
    OverrideTitle => "Override a score line", "スコア行の修正";
    OverrideNoLines => "No score line to override yet.", "修正できるスコア行はまだありません。";
    OverridePoints => "New points", "新しい点数";
    OverrideReason => "Reason (required)", "理由（必須）";
    OverrideKeys => "↑↓ select · Enter next · Esc close", "↑↓ 選択 · Enter 次へ · Esc 閉じる";
    OverrideBadPoints => "Points must be a whole number (e.g. 5 or -3).", "点数は整数で入力してください（例: 5, -3）。";
    OverrideNeedReason => "Give a reason for the override.", "修正理由を入力してください。";
    OverrideOutOfRange => "Allowed from {} to {}: the engine refuses anything else.", "{} 〜 {} の範囲で入力してください（範囲外は記録できません）。";
    OverrideRange => "Line #{}: allowed {} to {} (maximum {})", "スコア行 #{}: 修正できる範囲 {} 〜 {}（最大 {}）";
    OverrideRating => "{}: {}/{} ({}) → {}/{} ({})", "{}: {}/{}（{}）→ {}/{}（{}）";
    NoteTitle => "Facilitator note", "ファシリテーターメモ";
    NoteLabel => "Text", "本文";
    NoteKeys => "Enter record · Tab private · Esc cancel", "Enter 記録 · Tab 非公開 · Esc 取消";
    NotePrivate => "Private: left out of the redacted report", "非公開：公開用（墨消し版）報告書に載せない";
    NotePublic => "Shared: in every edition of the report", "共有：すべての報告書に載せる";
    ResolutionTitle => "Turn {} resolved", "ターン {} の結果";
    ResDecisions => "Decisions", "判断";
    ResActions => "Team actions", "チームの対応";
    ResAttacker => "Attacker", "攻撃者";
    ResDetected => "Detected", "検知";
    ResChanged => "What changed", "変化";
    ResClocks => "Regulatory clocks", "報告期限";
    ResScore => "Score lines", "スコア行";
    ResTotals => "This turn {} · total {} · impact {} {}", "このターン {} · 合計 {} · 影響 {} {}";
    ResNothing => "nothing", "なし";
    ResBase => "base {}", "基礎確率 {}";
    ResDone => "done", "成功";
    ResFailed => "FAILED", "失敗";
    ResRoll => "chance {}, roll {}", "確率 {}、出目 {}";
    ResByTimeout => "by time-out", "期限切れで既定";
    ResHiddenSteps => "Rolls the team cannot know are hidden — c shows the control view", "チームが知り得ない判定は非表示 — c キーで統制ビュー";
    ResEnding => "ENDING: {}", "終了: {}";
    ResKeys => "↑↓ scroll · Enter / Esc close", "↑↓ スクロール · Enter / Esc 閉じる";
    ResNone => "No turn resolved yet in this session.", "このセッションではまだターンを終えていません。";
    OutSucceeded => "SUCCEEDED", "成功";
    OutFailed => "failed", "失敗";
    OutBlocked => "blocked", "阻止";
    OutHalted => "HALTED", "停止";
    DetectedBy => "{} detected by {}", "{} を {} が検知";
    ClockEvStarted => "started, deadline turn {}", "開始、期限はターン {}";
    ClockEvMet => "met (deadline turn {})", "報告済み（期限ターン {}）";
    ClockEvLate => "reported LATE (deadline turn {})", "期限後に報告（期限ターン {}）";
    ClockEvMissed => "MISSED (deadline turn {})", "期限超過（期限ターン {}）";
    // ── status messages ──
    StQueued => "Queued {} by {}.", "{} を登録しました（{}）。";
    StWithdrawn => "Withdrew {}.", "{} を取り消しました。";
    StNothingToUndo => "Nothing queued to undo.", "取り消す対応はありません。";
    StDecided => "Decided — {} → {}", "判断 — {} → {}";
    StFired => "Inject delivered: {}.", "インジェクトを投入しました: {}。";
    StOverridden => "Line #{} set to {} points.", "スコア行 #{} を {} 点に修正しました。";
    StNoted => "Note recorded.", "メモを記録しました。";
    StNotedPrivate => "Private note recorded.", "非公開メモを記録しました。";
    StPaused => "Paused (recorded).", "一時停止しました（記録済み）。";
    StResumed => "Resumed (recorded).", "再開しました（記録済み）。";
    StControlOn => "Control view: ground truth and rolls are shown. Hide it from the team's screen.", "統制ビュー: 実際の状態と出目を表示中。チームの画面には出さないでください。";
    StControlOff => "Team view.", "チームビュー。";
    StTurnEnded => "Turn {} resolved.", "ターン {} を終えました。";
    StOver => "The drill has ended: press Enter for the hotwash.", "演習は終了しました。Enter で振り返りへ。";
    StResumedDrill => "Resumed the drill at turn {} ({}).", "ターン {} から演習を再開しました（{}）。";
    StPausedBlocked => "Paused: press p to resume first.", "一時停止中です。先に p で再開してください。";
    StEmptyNote => "The note is empty.", "メモが空です。";
    // ── hotwash ──
    HotwashTitle => "Hotwash", "振り返り（ホットウォッシュ）";
    HwEnded => "Ended: {}", "終了: {}";
    HwStopped => "Stopped at turn {} (no ending reached)", "ターン {} で中断（終了条件に未到達）";
    HwStrengths => "Strengths", "良かった点";
    HwAreas => "Areas for improvement", "改善すべき点";
    HwItems => "Improvement plan", "改善計画";
    HwSignoff => "Executive sign-off", "経営層の承認";
    HwSeal => "Seal the journal", "記録を封印";
    HwInputText => "Type and press Enter to record", "入力して Enter で記録";
    HwItemAction => "Corrective action", "是正措置";
    HwItemOwner => "Point of contact", "担当者（窓口）";
    HwItemArea => "Area (←→)", "改善点（←→）";
    HwItemCapability => "Capability", "ケイパビリティ";
    HwItemElement => "Element (←→)", "能力要素（←→）";
    HwItemOrganisation => "Organisation", "担当組織";
    HwItemStatus => "Status (←→)", "状況（←→）";
    HwItemStart => "Start (optional)", "開始日（任意）";
    HwBadStart => "Write the start date as YYYY-MM-DD, or leave it empty.", "開始日は YYYY-MM-DD で入力するか、空欄にしてください。";
    HwDueBeforeDrill => "The due date {} is before the drill's date {}: give a date from {} on.", "期限 {} は演習日 {} より前です。{} 以降の日付を入力してください。";
    HwStartAfterDue => "The start date is after the due date.", "開始日が期限より後になっています。";
    HwAreaText => "Area for improvement", "改善すべき点";
    HwAreaObservation => "Observation", "観察事項";
    HwAreaAnalysis => "Analysis", "分析";
    HwAreaRecommendation => "Recommendation", "推奨事項";
    HwAreaReference => "Reference", "参照（計画・規程等）";
    HwNeedArea => "Write the area for improvement first.", "先に改善すべき点を入力してください。";
    HwSignoffRole => "Role or title", "役職";
    HwSignoffStatement => "Statement", "承認の文言";
    HwSignedAt => "{} · {}", "{} · {}";
    HwFormHelp => "Enter moves to the next field; Enter on the last one records.", "Enter で次の欄へ。最後の欄で Enter を押すと記録します。";
    HwItemDue => "Due (YYYY-MM-DD)", "期限（YYYY-MM-DD）";
    HwItemObjective => "Objective (←→)", "目標（←→）";
    HwBadDate => "Write the due date as YYYY-MM-DD.", "期限は YYYY-MM-DD で入力してください。";
    HwNeedAction => "Write the corrective action first.", "先に是正措置を入力してください。";
    HwNeedOwner => "Give a point of contact.", "担当者（窓口）を入力してください。";
    HwSignedBy => "Signed off by {}", "{} が承認";
    HwSignoffName => "Executive's name", "経営層の氏名";
    HwNoSignoff => "No executive sign-off yet: press Enter again to seal anyway.", "経営層の承認がありません。もう一度 Enter で封印します。";
    HwSealHelp => "Press Enter to seal the journal: nothing more can be added after.", "Enter で記録を封印します。封印後は追記できません。";
    HwRecorded => "Recorded.", "記録しました。";
    HwKeys => "↑↓/Tab section · type · Enter next/record · ←→ choose · Esc leave", "↑↓/Tab 項目 · 入力 · Enter 次へ/記録 · ←→ 選択 · Esc 終了";
    HwLeaveTitle => "Seal the journal and leave?", "記録を封印して終了しますか？";
    HwLeaveKeys => "y seal and leave · Esc stay", "y 封印して終了 · Esc 戻る";
    HwNoSignoffYet => "No executive sign-off recorded yet.", "経営層の承認はまだ記録されていません。";
    HwResult => "Score {} of {} ({}) · impact {} {}", "得点 {} / {}（{}）· 影響 {} {}";
    HwRatings => "Objective ratings", "目標ごとの評価";
    HwRatingsCount => "Ratings: {} — every objective under “{}”", "評価: {} — 全目標は「{}」";
    HwRatingsHelp => "PgUp / PgDn scroll · Tab the next section", "PgUp / PgDn スクロール · Tab 次の項目";
    HwEntriesHelp => "PgUp / PgDn select an entry · Ctrl-E edit · Ctrl-X remove", "PgUp / PgDn 記入を選択 · Ctrl-E 修正 · Ctrl-X 削除";
    HwEditing => "Editing the selected entry: Enter records the new version (the old one is corrected, not rewritten); Esc cancels.", "選択した記入を修正中: Enter で新しい内容を記録（元の記録は書き換えず訂正）。Esc で取消。";
    HwEditingTag => "Editing {}", "{} を修正中";
    HwEditCancelled => "Edit cancelled.", "修正を取り消しました。";
    HwEdited => "Recorded the new version; the old one is corrected.", "新しい内容を記録し、元の記入を訂正しました。";
    HwEditedReason => "edited in the hotwash", "振り返りで修正";
    HwSelectFirst => "Select an entry first (PgUp / PgDn).", "先に記入を選択してください（PgUp / PgDn）。";
    HwRemoveAsk => "Remove “{}”? Why:", "「{}」を削除しますか？ 理由:";
    HwRemoveKeys => "Enter remove · Esc keep", "Enter 削除 · Esc 残す";
    HwRemovedReason => "removed in the hotwash", "振り返りで削除";
    HwRemoved => "Removed (a correction is recorded; the entry stays in the journal).", "削除しました（訂正として記録。元の記録は残ります）。";
    HwAreaInUse => "{} answers {}: edit or remove that item first.", "{} が {} を参照しています。先にその改善項目を修正または削除してください。";
    // ── the drill register in the console (issue 15: items of earlier drills) ──
    HwEarlier => "Earlier items", "過去の改善項目";
    HwEarlierNone => "The register has no open improvement item of an earlier drill.", "登録簿に未完了の前回までの改善項目はありません。";
    HwEarlierLine => "drill {} ({}) · {} · due {}", "演習 {}（{}）· {} · 期限 {}";
    HwEarlierOverdue => "✖ overdue", "✖ 期限超過";
    HwEarlierMarking => "Marking {} of drill {}", "{}（演習 {}）の状況を記録";
    HwEarlierStatus => "New status (←→)", "新しい状況（←→）";
    HwEarlierNote => "Note", "メモ";
    HwEarlierFormHelp => "Enter goes to the note, then journals the mark; marking again supersedes it.", "Enter でメモ欄へ、もう一度で記録。再度記録すると上書きします。";
    HwEarlierSelect => "Choose an item with PgUp / PgDn first.", "先に PgUp / PgDn で項目を選んでください。";
    HwEarlierNeedNote => "Write a note: what was done, or why the item is dropped.", "メモを入力してください（実施した内容、または取り止めの理由）。";
    HwEarlierRecorded => "{} of drill {} marked {}: journaled.", "{}（演習 {}）を「{}」として記録しました。";
    HwEarlierRemark => "A mark stays in the journal: mark the item again to change where it stands (the last mark counts).", "記録した状況は残ります。変更するには再度記録してください（最後の記録が有効）。";
    RegisterOpenItems => "register: {} open item(s) of earlier drills ({} overdue), for the hotwash", "登録簿: 前回までの未完了の改善項目 {} 件（期限超過 {} 件）、振り返りで記録";
    SetupRegister => "Register {}: {} drill(s), previous drill {}; {} open improvement item(s) of earlier drills ({} overdue), marked in the hotwash.", "登録簿 {}: 演習 {} 件、前回の演習 {}。前回までの未完了の改善項目 {} 件（期限超過 {} 件）は振り返りで記録します。";
    SetupRegisterProblems => "{} journal file(s) under the register did not verify or were left out: kunren register {} lists them.", "登録簿の記録ファイル {} 件が検証できないか除外されました（kunren register {} で一覧）。";
    // ── sealed ──
    SealedTitle => "Journal sealed", "記録を封印しました";
    SealedStatus => "Status: {}", "状態: {}";
    SealedRecords => "{} records · Merkle root {}", "{} 件 · マークルルート {}";
    SealedSigned => "Evidence grade: {} (key {}); inspectors verify it with your public key (--pubkey)", "証跡の等級：{}（鍵 {}）。検査者は公開鍵（--pubkey）で検証します";
    SealedUnsigned => "Evidence grade: {} (no --key)", "証跡の等級：{}（--key 未指定）";
    SealedVerify => "Check it:", "検証:";
    SealedReport => "After-action report:", "事後報告書:";
    SealedKeys => "Enter / q leave", "Enter / q 終了";
    StatusCompleted => "completed", "完了";
    StatusAborted => "aborted", "中断";
    // ── key bar ──
    KeysMore => "more", "他";
    HintLine => "hint", "ヒント";
    // ── corrections ──
    CorrectTitle => "Correct a record made by mistake", "誤った記録の訂正";
    CorrectKeys => "↑↓ select · Enter next · Esc back", "↑↓ 選択 · Enter 次へ · Esc 戻る";
    CorrectBy => "Asked by", "依頼者";
    CorrectReason => "Why (required)", "理由（必須）";
    CorrectLine => "Line {} of the journal: it stays as it is; a correction is added.", "記録の {} 行目: この記録は変えず、訂正の記録を追加します。";
    CorrectDecisionStays => "A decision already took effect in the simulation: it stays in effect, and the report shows it with its correction.", "判断はシミュレーションに反映済みのため結果は変わりません。報告書には訂正とともに示します。";
    CorrectOverrideWithdrawn => "The override is withdrawn: it no longer counts (the line's points are as before it).", "この採点の修正を取り消します（以後は得点に含めず、修正前の点数に戻ります）。";
    CorrectNoteStruck => "The note stays in the journal; the report shows it struck, with the correction.", "メモは記録に残り、報告書では取り消し線と訂正理由を示します。";
    CorrectPrivate => "private", "非公開";
    CorrectNone => "Nothing to correct yet: no decision, override or note recorded.", "訂正できる記録（判断・採点の修正・メモ）はまだありません。";
    CorrectNeedReason => "Say why the record was a mistake.", "誤りであった理由を入力してください。";
    StCorrectedDecision => "Correction of line {} recorded; the decision stays in effect in the simulation.", "{} 行目の訂正を記録しました（判断の効果はそのままです）。";
    StCorrectedOverride => "Correction of line {} recorded; the override no longer counts.", "{} 行目の訂正を記録しました（採点の修正を取り消しました）。";
    StCorrectedNote => "Correction of line {} recorded.", "{} 行目の訂正を記録しました。";
    // ── practice ──
    StPracticeNoFacilitator => "Practice: the facilitator's tools (fire, override, control view) are off.", "練習モード: ファシリテーター用の機能（投入・採点の修正・統制ビュー）は使えません。";
    StHintPracticeOnly => "Hints are for practice (kunren practice).", "ヒントは練習モード（kunren practice）専用です。";
    StHintShown => "Hint recorded (costs {} points).", "ヒントを記録しました（{} 点の減点）。";
    StHintShownFree => "Hint recorded in the journal.", "ヒントを記録しました。";
    HintNone => "No step of the model answer is left for your roles.", "担当ロールの模範対応の手順は残っていません。";
    HintTitle => "Hint", "ヒント";
    HintAsk => "A hint shows the next step of the model answer for your roles. It is recorded in the journal.", "ヒントは担当ロールの模範対応の次の手順を表示します。記録に残ります。";
    HintCost => "It costs {} points (a score line).", "{} 点の減点になります（スコア行として記録）。";
    HintAskKeys => "y / Enter show · Esc cancel", "y / Enter 表示 · Esc 取消";
    HintKeys => "Enter / Esc close", "Enter / Esc 閉じる";
    HintFor => "Next step for {}:", "{} の次の手順:";
    HintDueNow => "Due now.", "今が実施の時期です。";
    HintFrom => "Not yet: from turn {}.", "まだです: ターン {} 以降。";
    HintLater => "Not yet: from turn {}, when {}.", "まだです: ターン {} 以降、{} のとき。";
    HintWhy => "Why: {}", "理由: {}";
    PracticeTitle => "Practice result", "練習の結果";
    PracticeKeys => "↑↓ scroll · Enter hotwash · q leave", "↑↓ スクロール · Enter 振り返り · q 終了";
    PracticeScore => "Score {} of {}", "得点 {} / {}";
    PracticeYou => "You played: {}; the model answer played the other roles.", "担当: {}。他のロールは模範対応が担当しました。";
    PracticeHints => "Hints used: {}", "使ったヒント: {}";
    PracticeSteps => "Your steps beside the model answer", "模範対応との比較";
    PracticeYours => "Your roles' steps done on time: {} of {} (▸ marks yours)", "担当ロールの手順のうち期限内に実施: {} / {}（▸ が担当分）";
    PracticeDue => "due turn {} ·", "期限ターン {} ·";
    PracticeDoneBy => "done in turn {} by {}", "ターン {} に {} が実施";
    PracticeDoneByModel => "done in turn {} by the model answer", "ターン {} に模範対応が実施";
    PracticeNotDone => "not done", "未実施";
    PracticeExtra => "Actions beyond the model answer", "模範対応にない対応";
    PracticeStarted => "Practice: you play your roles, the model answer plays the rest (h for a hint). Recording to {}", "練習モード: 担当ロールを操作し、他は模範対応が担当します（h でヒント）。記録先 {}";
    PracticeNoJournal => "The drill was not recorded: nothing to compare.", "記録がないため比較できません。";
    // ── help ──
    HelpTitle => "Keys", "キー操作";
    HelpKeys => "↑↓ scroll · Esc close", "↑↓ スクロール · Esc 閉じる";
    // ── `kunren play --serve`: a seat's screen, the seats panel, the sign-in prompt ──
    SeatHeader => " kunren · {} ({}) · Turn {}/{} · {}", " kunren · {} ({}) · ターン {}/{} · {}";
    SeatMarkReady => " · READY", " · 準備完了";
    SeatMarkPaused => " · PAUSED", " · 一時停止中";
    SeatMarkEnded => " · ENDED", " · 終了";
    SeatClosedTitle => "kunren — your seat is closed.", "kunren — 席を閉じました。";
    SeatClosedText => "The drill ended here, or you left. Everything you did is in the journal.", "演習がここで終わったか、退席しました。操作はすべて記録に残っています。";
    SeatMovedTitle => "kunren — your seat moved to a new connection.", "kunren — 席は新しい接続に移りました。";
    SeatMovedText => "You connected again with the same key, so this connection is closed. Everything you did is in the journal.", "同じ鍵で再接続したため、この接続を閉じました。操作はすべて記録に残っています。";
    SeatKeysActions => " ↑↓ select  Enter queue/choose target  Esc close", " ↑↓ 選択  Enter 登録/対象へ  Esc 閉じる";
    SeatKeysTargets => " ↑↓ select target  Enter queue  Esc back", " ↑↓ 対象を選択  Enter 登録  Esc 戻る";
    SeatKeysDecisions => " ↑↓ option  Tab next decision  Enter decide  Esc close", " ↑↓ 選択肢  Tab 次の判断  Enter 決定  Esc 閉じる";
    SeatKeysClose => " Esc close", " Esc 閉じる";
    SeatKeyActions => "a actions", "a 対応";
    SeatKeyDecide => "d decide", "d 判断";
    SeatKeyUndo => "u undo", "u 取消";
    SeatKeyReady => "r ready", "r 準備完了";
    SeatKeyNotReady => "r not ready", "r 準備取消";
    SeatKeyPanels => "1-4 panels", "1-4 パネル";
    SeatKeyHelp => "? help", "? ヘルプ";
    SeatKeyLeave => "q leave", "q 退席";
    SeatHelpTitle => " Keys of your seat ", " 席のキー ";
    SeatHelpActions => "queue one of your role's actions", "担当ロールの対応を登録";
    SeatHelpDecide => "take a decision your role owns", "担当ロールの判断を下す";
    SeatHelpUndo => "withdraw your role's last queued action", "最後に登録した対応を取り下げ";
    SeatHelpReady => "tell the facilitator you are ready to end the turn", "ターン終了の準備完了を伝える";
    SeatHelpPanels => "panels: injects, organisation, actions, score", "パネル: 状況付与・組織・対応・得点";
    SeatHelpScroll => "scroll", "スクロール";
    SeatHelpHelp => "this help", "このヘルプ";
    SeatHelpLeave => "leave (you can reconnect with the same key)", "退席（同じ鍵で再接続できます）";
    SeatHelpTurns => "the facilitator ends each turn", "ターンはファシリテーターが終了します";
    SeatActionsTitle => " Actions of your role ({}) ", " 担当ロールの対応（{}） ";
    SeatNoActions => " Your role has no action in the catalogue.", " 担当ロールの対応はカタログにありません。";
    SeatNoTarget => " No target can take it now.", " 今は対象がありません。";
    SeatDecisionTitle => " Decision {}/{} ", " 判断 {}/{} ";
    SeatOptionDefault => " (default)", "（既定）";
    SeatOptionChosen => " ✓ chosen", " ✓ 選択済み";
    SeatWelcome => "Connected. Your role's view of the drill; ? shows the keys.", "接続しました。担当ロールから見た演習の画面です。? でキー一覧。";
    SeatReadyOn => "Ready: the facilitator sees it. r again takes it back.", "準備完了をファシリテーターに伝えました。もう一度 r で取り消し。";
    SeatReadyOff => "Not ready any more.", "準備完了を取り消しました。";
    SeatQueued => "Queued: {}{}.", "登録しました: {}{}。";
    SeatWithdrawn => "Withdrawn.", "取り下げました。";
    SeatDecided => "Decided: {}.", "決定しました: {}。";
    // Sent before the seat (and so its language) is known, and ASCII only (OpenSSH escapes
    // other bytes in keyboard-interactive prompts): the same words in both.
    SeatJoinInstructions => "Type the join code shown on the facilitator's screen.", "Type the join code shown on the facilitator's screen.";
    SeatJoinPrompt => "Join code: ", "Join code: ";
    SeatExecRefused => "kunren: a seat is interactive; connect with `ssh -t`", "kunren: 席は対話式です。`ssh -t` で接続してください";
    SeatsTitle => " Seats ", " 席 ";
    SeatsClose => " Esc/s close ", " Esc/s 閉じる ";
    SeatsConnect => "ssh -p {} ROLE@{}", "ssh -p {} ロール@{}";
    SeatsHostKey => "Host key: {}", "ホスト鍵: {}";
    SeatsCounts => "{}/{} connected · {} ready · {} refused", "{}/{} 接続中 · {} 準備完了 · {} 拒否";
    SeatsStateReady => "● ready", "● 準備完了";
    SeatsStateConnected => "● connected", "● 接続中";
    SeatsStateAway => "○ not connected", "○ 未接続";
    SeatsAuthKey => "key {}", "鍵 {}";
    SeatsAuthCode => "code {}", "コード {}";
    SeatsQueued => "queued: {}", "登録: {}";
    SeatsReference => "Reference response plays: {}", "模範対応が担当: {}";
    SeatsStatusLine => " Seats: {}/{} connected, {} ready — s shows them", " 席: {}/{} 接続中、{} 準備完了 — s で表示";
    SeatsServing => "Serving seats on {} — host key {} (s: seats).", "{} で席を提供中 — ホスト鍵 {}（s: 席）。";
    SeatsStopped => "the seats server stopped: {}", "席のサーバーが停止しました: {}";
    SeatsJoined => "{} connected to their seat.", "{} が席に接続しました。";
    SeatsMoved => "{} connected again; their earlier connection was closed.", "{} が再接続しました（以前の接続は閉じました）。";
    SeatsLeft => "{} left their seat (they can reconnect).", "{} が席を離れました（再接続できます）。";
    SeatsRefused => "Refused a seat connection as `{}` from {} ({}).", "`{}` としての接続を拒否しました（{}、{}）。";
    SeatsWhyUnknownRole => "no seat plays that role", "その役割の席はありません";
    SeatsWhyUnknownKey => "no seat of that role has this key", "その役割の席にこの鍵は登録されていません";
    SeatsWhyWrongCode => "wrong or used join code", "参加コードが違うか、使用済みです";
    SeatsWhySeatTaken => "the seat is taken by another connection", "席は別の接続が使用中です";
    SeatsWhyRateLimited => "too many failed sign-ins from this address", "このアドレスからのサインイン失敗が多すぎます";
    SeatsAllReady => "{} is ready: every connected seat is ready.", "{} が準備完了: 接続中の全席が準備完了です。";
    SeatsReadyCount => "{} is ready ({}/{} seats).", "{} が準備完了（{}/{} 席）。";
    SeatsNotReady => "{} is not ready any more.", "{} が準備完了を取り消しました。";
    // ── turn log events ──
    // The engine's turn log (crate::engine::event), rendered on demand; the English is the
    // journal's text, byte for byte. Quoted ids and names arrive filled in.
    EvLine => "{}: {}", "{}: {}";
    EvOriginService => "service", "サービス";
    EvOriginRebuild => "rebuild", "再構築";
    EvControlInPlace => "control {} now in place", "対策 {} を全社に導入した";
    EvImpact => "impact {} ({})", "損害 {}（{}）";
    EvExfiltrated => "{} exfiltrated", "{} が持ち出された";
    EvZoneEncrypted => "{} assets in zone {} encrypted", "ゾーン {1} の資産 {0} 台が暗号化された";
    EvBackupsVerified => "backups verified: restores will use known-clean restore points", "バックアップを検証した: 以後の復元は安全が確認された復元ポイントから行う";
    EvEncryptionFailed => "{} was isolated: encryption failed", "{} は隔離済みのため暗号化を免れた";
    EvAssetEncrypted => "{} encrypted", "{} が暗号化された";
    EvIsolated => "{} isolated", "{} を隔離した";
    EvReconnected => "{} reconnected", "{} を再接続した";
    EvRestoredVerified => "{} restored from a verified clean restore point", "{} を検証済みの安全な復元ポイントから復元した";
    EvRestoredClean => "{} restored from a clean backup (roll {} < {}%)", "{} を感染のないバックアップから復元した（出目 {} < {}%）";
    EvRestoredInfected => "{} restored, but the backup was infected (roll {} ≥ {}%)", "{} を復元したが、バックアップは感染していた（出目 {} ≥ {}%）";
    EvRestoredFromBackup => "{} restored from backup", "{} をバックアップから復元した";
    EvNoBackup => "{} has no backup: nothing restored", "{} にはバックアップがなく、何も復元されなかった";
    EvRebuilding => "{} rebuilding ({} turns)", "{} を再構築中（{} ターン）";
    EvEvicted => "attacker evicted from {}", "{} から攻撃者を排除した";
    EvNothingToEvict => "nothing found to evict on {}", "{} には排除すべきものが見つからなかった";
    EvReportDelivered => "{}: delivered to {}", "{} を {} に提出した";
    EvNoRegime => "no regime {} in this drill: nothing reported", "この演習に制度 {} はない: 報告されなかった";
    EvNothingToReport => "nothing left to report under {}", "{} で未提出の報告は残っていない";
    EvServiceUp => "{} back up", "{} が復旧した";
    EvServiceDegraded => "{} degraded", "{} の機能が低下した";
    EvServiceDown => "{} DOWN{}", "{} が停止した{}";
    EvServiceNote => " ({})", "（{}）";
    EvRebuildDone => "{} is back in service", "{} が運用に復帰した";
    EvModTargetIsolated => "target {} isolated", "標的 {} は隔離済み";
}

/// The completeness check every catalogue's tests share: each entry non-empty in both
/// languages, with the same `{placeholders}`, and a Japanese text that is not the English and
/// holds Japanese. Fails the test with every problem found.
#[cfg(test)]
pub(crate) fn assert_complete(what: &str, en: &[(&str, &str)], ja: &[(&str, &str)]) {
    assert_eq!(en.len(), ja.len(), "{what}: the tables differ in length");
    let mut problems = Vec::new();
    for ((name, e), (_, j)) in en.iter().zip(ja) {
        if e.trim().is_empty() || j.trim().is_empty() {
            problems.push(format!("{name}: empty"));
        }
        if report::holes(e) != report::holes(j) {
            problems.push(format!("{name}: placeholders differ"));
        }
        if e == j {
            problems.push(format!("{name}: the Japanese is the English"));
        } else if !j
            .chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
        {
            problems.push(format!("{name}: no Japanese in {j:?}"));
        }
    }
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[cfg(test)]
mod tests {
    #[test]
    #[should_panic(expected = "placeholders differ")]
    fn the_shared_completeness_check_fails_on_a_missing_placeholder() {
        super::assert_complete("t", &[("k", "line {n}")], &[("k", "行")]);
    }

    use super::*;

    /// Keys whose Japanese rightly has no Japanese character (and may equal the English),
    /// each with its reason. Values with no letter outside their `{}` (`{} · {}`) need no
    /// listing.
    const NO_JAPANESE: &[(S, &str)] = &[
        (
            S::SeatJoinInstructions,
            "sent before the seat's language is known, and OpenSSH escapes non-ASCII prompts",
        ),
        (S::SeatJoinPrompt, "as SeatJoinInstructions"),
    ];

    fn is_japanese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// The text of a template without its `{}` / `{n}` placeholders.
    fn words(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            rest = if after[digits..].starts_with('}') {
                &after[digits + 1..]
            } else {
                out.push('{');
                after
            };
        }
        out + rest
    }

    #[test]
    fn every_string_has_both_languages_and_matching_placeholders() {
        let mut problems = Vec::new();
        for s in S::ALL {
            let en = s.get(Lang::En);
            let ja = s.get(Lang::Ja);
            if en.trim().is_empty() || ja.trim().is_empty() {
                problems.push(format!("{s:?}: empty"));
            }
            if placeholders(en) != placeholders(ja) {
                problems.push(format!("{s:?}: placeholders differ"));
            }
            let letters = words(en).chars().any(char::is_alphabetic);
            if letters && !NO_JAPANESE.iter().any(|(k, _)| k == s) {
                if en == ja {
                    problems.push(format!("{s:?}: the Japanese is the English ({en:?})"));
                } else if !words(ja).chars().any(is_japanese) {
                    problems.push(format!("{s:?}: no Japanese in {ja:?}"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_completeness_check_sees_a_missing_language() {
        // What the check above reads, on entries that must fail it.
        assert!(!words("Regimes:").chars().any(is_japanese));
        assert!(words("制度：").chars().any(is_japanese));
        assert_eq!(words("{} of {1}"), " of ");
        assert_ne!(placeholders("{} of {}"), placeholders("{} の"));
    }

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} of {}", &[&1, &"two"]), "1 of two");
        assert_eq!(fill("{} {}", &[&1]), "1 {}");
        assert_eq!(fill("{1}、{0}", &[&"a", &"b"]), "b、a");
        assert_eq!(placeholders("{1} x {0}"), 2);
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("fr"), None);
    }
}
