//! The report's part of the catalogue: every heading, label and sentence the after-action
//! report adds around the journal's own text, English and Japanese side by side, as one
//! [`Text`] per language. `{name}` placeholders are filled by [`fill`].

use std::fmt::Display;

use super::Lang;

impl Lang {
    /// The report's fixed text in this language.
    pub fn report(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

/// Replaces each `{key}` in `template` by its value, in one pass: a value that itself holds
/// `{…}` (a participant's name, an authored title) is copied as it is, never filled again. A
/// `{key}` with no value stays as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let key = after
            .find('}')
            .map(|j| &after[..j])
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        match key.and_then(|k| args.iter().find(|(n, _)| *n == k).map(|a| (k, a.1))) {
            Some((k, v)) => {
                out.push_str(&v.to_string());
                rest = &after[k.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{key}` placeholders of a template, sorted, each once.
pub fn holes(template: &str) -> Vec<&str> {
    let mut v: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|x| x.split_once('}').map(|(k, _)| k))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

macro_rules! strings {
    ($( $name:ident : $en:expr , $ja:expr ; )*) => {
        /// The report's fixed text in one language.
        #[derive(Debug)]
        pub struct Text {
            /// Titles of sections 1–9.
            pub sections: [&'static str; 9],
            /// Names of the ratings P, S, M, U and N/A.
            pub rating_names: [&'static str; 5],
            $(
                #[doc = $en]
                pub $name: &'static str,
            )*
        }

        static EN: Text = Text {
            sections: [
                "Exercise overview",
                "Participants and roles",
                "Timeline",
                "Objectives and ratings",
                "Regulatory clocks",
                "Team response and reference response",
                "Strengths, areas for improvement and improvement plan",
                "Compliance mapping",
                "Integrity of the evidence",
            ],
            rating_names: [
                "performed without challenges",
                "performed with some challenges",
                "performed with major challenges",
                "unable to be performed",
                "not evaluated (nothing to score)",
            ],
            $( $name: $en, )*
        };

        static JA: Text = Text {
            sections: [
                "演習の概要",
                "参加者と役割",
                "タイムライン",
                "目標と評価",
                "規制上の報告期限",
                "チームの対応と模範対応",
                "強み・改善点・改善計画",
                "コンプライアンス対応表",
                "証拠の完全性",
            ],
            rating_names: [
                "課題なく実施",
                "若干の課題はあるが実施",
                "重大な課題があるが実施",
                "実施できず",
                "評価対象なし",
            ],
            $( $name: $ja, )*
        };

        impl Text {
            /// Every entry as (name, text), section titles and rating names included, in
            /// table order, for the completeness checks.
            pub fn entries(&self) -> Vec<(String, &'static str)> {
                let mut v: Vec<(String, &'static str)> = Vec::new();
                for (i, s) in self.sections.iter().enumerate() {
                    v.push((format!("sections[{i}]"), *s));
                }
                for (i, s) in self.rating_names.iter().enumerate() {
                    v.push((format!("rating_names[{i}]"), *s));
                }
                $( v.push((stringify!($name).to_string(), self.$name)); )*
                v
            }
        }
    };
}

strings! {
    title: "After-action report and improvement plan", "事後評価報告書および改善計画";
    contents: "Contents", "目次";
    drill_id: "drill id", "演習ID";
    f_drill_id: "Drill id", "演習ID";
    banner_unsealed: "UNSEALED JOURNAL: the journal has no final checkpoint after the drill was closed. The record may be incomplete; this report is provisional.", "未封緘のジャーナル：演習終了後の最終チェックポイントがありません。記録が不完全な可能性があり、本報告書は暫定版です。";
    banner_torn: "The journal ends in a torn tail of {bytes} bytes (an interrupted write); those bytes are not part of this report.", "ジャーナル末尾に書き込み中断による破損部分（{bytes}バイト）があります。この部分は本報告書に含まれません。";
    banner_aborted: "The drill was aborted before its end: {reason}", "演習は終了前に中断されました：{reason}";
    banner_not_closed: "The drill was not closed: the journal stops before its drill_closed record.", "演習が終了処理されていません（drill_closed の記録がありません）。";
    banner_inconsistent: "CONSISTENCY CHECK FAILED: numbers recorded in the journal differ from their recomputation from the score lines (see section 9).", "整合性チェック不合格：ジャーナルに記録された数値が採点行からの再計算と一致しません（第9節参照）。";
    banner_recovered: "The session was resumed {n} time(s) after an interruption (see section 9).", "中断後にセッションが{n}回再開されました（第9節参照）。";
    banner_no_result: "The journal holds no final result (the drill did not reach its end); ratings are recomputed from the score lines recorded so far.", "ジャーナルに最終結果がありません（演習が最後まで到達していません）。評価はそれまでの採点行から再計算しています。";
    no_exec_warning: "No executive decision-maker took part: no participant holds the “exec” role. Japan's critical-infrastructure and defence-industry rules expect management to take part in the drill.", "経営層の意思決定権者が参加していません（「exec」役割の参加者がいません）。日本の重要インフラ・防衛産業の規則は、経営層の訓練参加を求めています。";
    exec_present: "Executive decision-maker present: {names}.", "経営層の意思決定権者が参加：{names}。";
    glance_score: "Score", "得点";
    glance_ratings: "Ratings", "評価";
    glance_ratings_provisional: "Ratings (provisional)", "評価（暫定）";
    banner_incomplete: "INCOMPLETE DRILL: the journal says the drill was completed, but no turn reached an ending or the turn limit ({at}). The record stops early; the ratings are provisional.", "未完了の演習：ジャーナルは演習が完了したとしていますが、どのターンも終了条件またはターン上限に達していません（{at}）。記録は途中で終わっており、評価は暫定です。";
    ratings_provisional: "These ratings are provisional: {why}.", "以下の評価は暫定です：{why}。";
    why_unsealed: "the journal is not sealed", "ジャーナルが封緘されていません";
    why_incomplete: "the drill never reached an ending or its turn limit", "演習が終了条件またはターン上限に達していません";
    h_key_findings: "Key findings", "主な所見";
    finding_steps: "Reference response: {missed} of {all} steps missed and {late} late (section 6).", "模範対応：{all}手順のうち未実施{missed}、遅延{late}（第6節）。";
    finding_gaps: "{n} compliance gap(s) (section 8).", "コンプライアンス上の不足{n}件（第8節）。";
    scenario_short: "{duration} of scenario time in {turns} turns", "シナリオ内時間{duration}（{turns}ターン）";
    participants_n: "{n} named participant(s) ·", "参加者{n}名 ·";
    exec_yes: "executive present", "経営層参加";
    exec_no: "no executive", "経営層不参加";
    glance_reference: "Reference response", "模範対応";
    points_of: "{earned} of {achievable} points ({share})", "{achievable}点中{earned}点（{share}）";
    clocks_glance: "{met} met, {late} late, {missed} missed, {after_end} due after the drill ends, of {all}", "{all}件中 期限内{met}件、遅延{late}件、未達{missed}件、期限が訓練終了後{after_end}件";
    steps_glance: "{on_time} on time, {late} late, {missed} missed, {not_needed} not needed, of {all} steps", "{all}手順中 期限内{on_time}、遅延{late}、未実施{missed}、不要{not_needed}";
    none: "none", "なし";
    none_recorded: "None recorded.", "記録なし。";
    unknown: "unknown", "不明";
    not_recorded: "not recorded in the journal", "ジャーナルに記録なし";
    no_reason: "no reason given", "理由の記載なし";
    f_org: "Organisation", "組織";
    f_scope: "Scope", "範囲";
    f_drill_title: "Drill", "演習名";
    f_type: "Type", "形式";
    type_headless: "Tabletop exercise, simulated (scripted headless run)", "机上演習（シミュレーション、スクリプトによる自動実行）";
    type_console: "Tabletop exercise, simulated (facilitated at the console)", "机上演習（シミュレーション、ファシリテーターによる進行）";
    type_unknown: "Tabletop exercise, simulated", "机上演習（シミュレーション）";
    f_date: "Date", "実施日";
    f_real: "Real time", "実時間";
    paused_for: "; paused {duration} in {n} pause(s)", "。うち一時停止{n}回、計{duration}";
    f_scenario_time: "Scenario time", "シナリオ内時間";
    f_calendar: "Calendar time", "暦時間";
    calendar_span: "{start} to {end} ({zone})", "{start} ～ {end}（{zone}）";
    scenario_duration: "{duration} ({turns} turns of {minutes} min; limit {max} turns)", "{duration}（1ターン{minutes}分 × {turns}ターン、上限{max}ターン）";
    f_facilitator: "Facilitator", "ファシリテーター";
    f_scenario: "Scenario", "シナリオ";
    f_scenario_hash: "Scenario SHA-256", "シナリオ SHA-256";
    f_org_hash: "Organisation SHA-256", "組織定義 SHA-256";
    f_run: "Run", "実行条件";
    run_facts: "seed {seed} · language {language} · kunren {version}", "シード {seed} · 言語 {language} · kunren {version}";
    f_techniques: "ATT&CK techniques", "ATT&CK テクニック";
    f_previous: "Previous drill", "前回の演習";
    f_next_due: "Next drill due", "次回演習の期限";
    f_ending: "Ending", "結末";
    f_impact: "Impact", "影響";
    f_detect: "Time to detect", "検知までの時間";
    detected_at: "turn {turn} (by {time})", "ターン{turn}（{time}まで）";
    never_detected: "The attacker was never detected.", "攻撃者は一度も検知されなかった。";
    h_objectives_list: "Objectives", "目標";
    col_id: "Id", "ID";
    col_function: "CSF function", "CSF 機能";
    col_objective: "Objective", "目標";
    col_objectives: "Objectives", "目標";
    no_participants: "No participants are recorded in the journal header: the attendance of the drill cannot be shown.", "ジャーナルのヘッダーに参加者が記録されていません。出席状況を示せません。";
    col_name: "Name", "氏名";
    col_role: "Role", "役割";
    col_role_name: "Role name", "役割名";
    unknown_role: "(role not in the organisation)", "（組織定義にない役割）";
    h_roles: "Roles and what they did", "役割と行動";
    col_played_by: "Played by", "担当者";
    col_injects: "Injects received", "受けたインジェクト";
    col_actions: "Actions", "行動";
    col_decisions: "Decisions", "意思決定";
    no_signoff: "No executive sign-off is recorded.", "経営層の承認（サインオフ）が記録されていません。";
    signed_off: "Results accepted (executive sign-off) by: {names}.", "結果の承認（経営層サインオフ）：{names}。";
    timeline_intro: "Injects, decisions, actions and what the engine resolved, in journal order. Scenario time is counted from the start of the drill; real time is in {zone}. Attacker steps are ground truth the team did not see at the time.", "インジェクト、意思決定、行動、エンジンの判定をジャーナルの順に示します。シナリオ内時間は演習開始からの経過、実時間は{zone}です。攻撃者の段階は、チームがその時点では知り得なかった事実です。";
    col_line: "Line", "行";
    col_turn: "Turn", "ターン";
    col_scenario_time: "Scenario", "シナリオ時刻";
    col_real_time: "Real time", "実時刻";
    col_who: "Who", "実施者";
    col_what: "What", "内容";
    engine: "engine", "エンジン";
    system: "system", "システム";
    facilitator_short: "facilitator", "ファシリテーター";
    facilitator_prefix: "facilitator: ", "ファシリテーター：";
    k_inject: "Inject", "インジェクト";
    k_decision: "Decision", "意思決定";
    k_action: "Action", "行動";
    k_detection: "Detected", "検知";
    k_attacker: "Attacker", "攻撃者";
    k_clock: "Clock", "報告期限";
    k_event: "Event", "事象";
    k_override: "Score override", "採点の修正";
    k_paused: "Paused", "一時停止";
    k_resumed: "Resumed", "再開";
    k_recovered: "Session resumed after an interruption", "中断後のセッション再開";
    k_ending: "Ending", "結末";
    k_closed: "Drill closed", "演習終了";
    by_facilitator: "fired by the facilitator", "ファシリテーターが投入";
    asks_decision: "decision", "意思決定";
    timeout_default: "time-out default", "時間切れ既定値";
    succeeded: "succeeded", "成功";
    failed: "failed", "失敗";
    withdrawn: "withdrawn", "取り下げ";
    unresolved: "not resolved", "未判定";
    by: "by", "検知手段：";
    halted: "halted", "阻止";
    stage_succeeded: "succeeded", "成功";
    ground_truth: "(ground truth)", "（事実）";
    clock_started: "started", "開始";
    clock_met: "met", "達成";
    clock_missed: "missed", "超過";
    bytes_moved: "{bytes} bytes moved aside", "{bytes}バイトを退避";
    ratings_intro: "Each objective is rated from its share of achievable points after facilitator overrides (HSEEP ratings; default thresholds P ≥ 85 %, S ≥ 60 %, M ≥ 35 %, else U; a scenario may set its own): P performed without challenges, S with some challenges, M with major challenges, U unable to be performed. Every rating below was recomputed from the journal's score lines and compared with the result the journal recorded.", "各目標は、ファシリテーターによる修正後の得点率で評価します（HSEEP 評価。既定の閾値は P ≥ 85 %、S ≥ 60 %、M ≥ 35 %、それ未満は U。シナリオごとに変更可）：P 課題なく実施、S 若干の課題はあるが実施、M 重大な課題があるが実施、U 実施できず。以下の評価はすべてジャーナルの採点行から再計算し、ジャーナルに記録された結果と照合しています。";
    col_points: "Points", "得点";
    col_share: "Share", "得点率";
    col_rating: "Rating", "評価";
    col_recorded: "Recorded result", "記録された結果";
    matches: "matches", "一致";
    differs: "differs: recorded", "不一致：記録値";
    orphan_lines: "Score lines {lines} name an objective the scenario does not declare; they count in the totals and are listed at the end of this section.", "採点行 {lines} はシナリオに定義されていない目標を指しています。合計には含め、本節の最後に示します。";
    h_csf: "Breakdown by NIST CSF 2.0 function", "NIST CSF 2.0 機能別の内訳";
    col_team_actions: "Team actions", "チームの行動";
    h_chart: "Score per turn by objective", "目標別・ターンごとの得点推移";
    total: "total", "合計";
    chart_limited: "The chart shows the first {n} objectives; the total includes all.", "グラフは最初の{n}目標のみを示します。合計には全目標を含みます。";
    no_lines: "No score line for this objective.", "この目標の採点行はありません。";
    undeclared_objective: "Score lines for undeclared objectives", "未定義の目標に対する採点行";
    col_line_no: "Line", "採点行";
    col_source: "Source", "根拠";
    col_reason: "Reason", "理由";
    col_max: "Max", "満点";
    col_override: "Override", "修正";
    h_expectations: "Expectations", "期待される対応";
    col_expectation: "Expectation", "期待される対応";
    col_status: "Status", "状態";
    exp_success: "met on time", "期限内に達成";
    exp_partial: "met late", "遅れて達成";
    exp_failed: "failed", "失敗";
    exp_expired: "expired", "期限切れ";
    exp_pending: "pending at the end", "終了時に未決";
    exp_inactive: "not activated", "未発動";
    no_clocks: "The scenario runs no regulatory clock.", "本シナリオには規制上の報告期限がありません。";
    clocks_intro: "Times are scenario time since the start of the drill. Injects arrive when a turn opens; the team's actions and everything else happen when the turn resolves, at its end. A clock starts at the instant of its triggering event and is met by a report resolved no later than its deadline; a report in the grace turn after it is late, later is missed. A clock whose deadline falls after the drill's end is not counted unless it was met.", "時刻は演習開始からのシナリオ内時間です。インジェクトはターンの開始時に届き、チームの行動とその他の事象はターンの終わり（判定時）に起こります。報告期限は契機となる事象の時点で開始し、期限までに判定された報告で達成となります。期限後の猶予ターン内の報告は遅延、それ以降は未達です。期限が訓練終了後の期限は、達成した場合のみ採点します。";
    col_clock: "Clock", "報告期限";
    col_regime: "Regime and authority", "制度と報告先";
    col_allowed: "Allowed", "猶予";
    col_started: "Started", "開始";
    col_deadline: "Deadline", "期限";
    col_delivered: "Delivered", "報告";
    col_verdict: "Verdict", "判定";
    turn: "turn", "ターン";
    inferred: "inferred from the deadline", "期限から推定";
    clock_not_started: "not started", "未開始";
    override_effect: "Facilitator overrides changed this objective from {earned_before} points ({rating_before}) to {earned} points ({rating}); each override and its reason is in section 7.", "ファシリテーターの採点修正により、この目標は {earned_before} 点（{rating_before}）から {earned} 点（{rating}）になりました。各修正と理由は第7節にあります。";
    clock_open: "open at the end, {hours} left", "終了時点で未了（残り{hours}）";
    clock_met_margin: "met, {hours} to spare", "期限内（余裕{hours}）";
    clock_met_late: "late; delivered {hours} after the deadline", "遅延（期限の{hours}後に報告）";
    clock_after_end: "due after the drill ends ({hours} after its end); not counted", "期限は訓練終了後（終了の{hours}後）、採点対象外";
    clock_missed_by: "missed; not delivered ({hours} past the deadline at the end)", "期限超過（未報告、終了時点で{hours}超過）";
    no_reference: "The scenario has no reference response.", "本シナリオには模範対応がありません。";
    response_intro: "Each step of the scenario's reference response falls due at its earliest turn, or at the first turn its condition held. A step is matched to the earliest team action with the same action and, when the step names one, the same target (any role). Conditions are evaluated over the journal, including the flags, asset and service state it records; a decision step falls due when its decision is asked. Where a journal cannot decide a condition, the due turn is a range (\"approx.\") and the verdict says so instead of guessing.", "模範対応の各手順は、その最早ターン、または条件が成立した最初のターンを期限とします。同じ行動（手順が対象を指定する場合は同じ対象）のうち最も早いチームの行動を対応づけます（役割は問いません）。条件はジャーナルに記録されたフラグ、資産・サービスの状態を含めて判定し、判断を求める手順はその判断が提示された時点を期限とします。ジャーナルから判定できない場合は期限を範囲（「概算」）とし、推測せずにその旨を示します。";
    col_no: "#", "#";
    col_step: "Step", "手順";
    col_due: "Due", "期限";
    col_done: "Done", "実施";
    col_why: "Why", "理由";
    choose: "choose", "選択";
    approx: "approx.", "概算";
    step_on_time: "on time", "期限内";
    step_late: "late", "遅延";
    step_missed: "missed", "未実施";
    step_not_applicable: "not needed", "不要";
    step_defaulted: "by time-out default", "時間切れで既定値";
    step_done_untimed: "done (timing not assessable)", "実施（適時性は判定不能）";
    step_undetermined: "not done (need not assessable)", "未実施（要否は判定不能）";
    h_additional: "Actions beyond the reference response", "模範対応以外の行動";
    col_action: "Action", "行動";
    col_target: "Target", "対象";
    col_result: "Result", "結果";
    h_strengths: "Strengths", "強み";
    h_areas: "Areas for improvement", "改善が必要な点";
    finding_detection: "Detection", "検知";
    finding_management: "Management participation", "経営層の参加";
    finding_reference: "Reference response", "模範対応";
    rec_detection: "Review the alerting of the stages the attacker completed (EDR, SIEM rules, the MSS runbook) and rehearse the triage of the first alert.", "攻撃者が完了した段階の検知（EDR、SIEMルール、監視サービスの手順）を見直し、最初のアラートの一次対応を訓練する。";
    rec_management: "Invite the executive who owns the crisis decisions to the next drill; management participation is itself a duty under several regimes.", "危機対応の意思決定を担う経営層を次回の訓練に参加させる（経営層の参加は複数の制度で求められている）。";
    rec_expectation: "Write the expected action into the incident-response plan with its owner and its trigger, and practise it in the next drill.", "期待される対応を、担当と契機とともにインシデント対応計画に書き込み、次回の訓練で練習する。";
    rec_clock: "Keep a pre-approved notification template for the authority, name who files it and who approves it, and count the deadline from discovery.", "所管当局向けの事前承認済み報告様式を用意し、提出者と承認者を定め、期限を認知時点から数える。";
    rec_rule: "Review the decision that cost points with its owner and record the criteria for it in the plan.", "減点となった判断を判断者と振り返り、判断基準を計画に記録する。";
    rec_strength: "Keep this practice in the plan and use it as the baseline for the next drill.", "この対応を計画に残し、次回訓練の基準とする。";
    rec_reference: "Check each role's capacity and hand-offs for these steps (who does what first when several steps fall due together), and rehearse them.", "これらの手順について各役割の処理能力と引き継ぎ（複数の手順が同時に必要になったときの優先順位）を確認し、訓練する。";
    analysis_expectation: "Expected: {title} (expectation {id}, worth {max} points).", "期待される対応：{title}（期待 {id}、{max}点）。";
    analysis_clock: "Required: {title} to {authority} within {hours} h of its start; deadline {deadline} (turn {turn}).", "必要な対応：{authority}への{title}（開始から{hours}時間以内、期限 {deadline}・ターン{turn}）。";
    analysis_rule: "Scenario rule {id}.", "シナリオの採点ルール {id}。";
    analysis_strength: "Performed without challenges: {earned} of {achievable} points.", "課題なく実施：{achievable}点中{earned}点。";
    analysis_reference: "Each step falls due at its earliest turn, or at the first turn its condition held (section 6).", "各手順は、その最も早いターン、または条件が成立した最初のターンに必要となる（第6節）。";
    obs_repeated: "{reason}: {n} times, {from} to {to} ({points})", "{reason}：{n}回、{from}〜{to}（{points}）";
    obs_step_late: "step {n} due {due}, done {done} by {by}", "手順{n}は{due}に必要、{by}が{done}に実施";
    obs_step_missed: "step {n} due {due}, never done", "手順{n}は{due}に必要、未実施";
    ref_expectation: "expectation {id}", "期待 {id}";
    ref_rule: "rule {id}", "採点ルール {id}";
    ref_reference: "the scenario's reference response (section 6)", "シナリオの模範対応（第6節）";
    ref_steps: "reference steps {steps} (section 6)", "模範対応の手順 {steps}（第6節）";
    f_observation: "Observation", "所見";
    f_analysis: "Analysis", "分析";
    f_recommendation: "Recommendation", "推奨事項";
    f_references: "References", "参照";
    observed_strengths: "Observed in the journal:", "ジャーナルから読み取れる点：";
    observed_areas: "Observed in the journal:", "ジャーナルから読み取れる点：";
    obs_objective_p: "{title} ({id}) was performed without challenges.", "{title}（{id}）は課題なく実施された。";
    obs_clock_met: "{clock} was met with {hours} to spare.", "{clock} は期限内に達成された（余裕{hours}）。";
    obs_steps_on_time: "{n} of {all} reference steps were done on time.", "模範対応{all}手順のうち{n}手順を期限内に実施した。";
    obs_objective_mu: "{title} ({id}) was rated {rating}.", "{title}（{id}）の評価は {rating}。";
    obs_step: "Reference step {step} ({role}): {verdict}.", "模範対応の手順 {step}（{role}）：{verdict}。";
    h_plan: "Improvement plan", "改善計画";
    h_item_updates: "Improvement items of earlier drills", "過去の演習の改善項目";
    item_updates_intro: "Where the items of earlier drills' improvement plans stand, as recorded in this drill's hotwash; `kunren register` shows each item's history across drills.", "過去の演習の改善計画の項目について、本演習のホットウォッシュで記録した進捗です。各項目の演習をまたいだ経過は `kunren register` で確認できます。";
    col_drill: "Drill", "演習";
    earlier_drill_unnamed: "the latest earlier drill with this item", "この項目を含む直近の過去の演習";
    no_plan: "No improvement plan is recorded: hold the hotwash and record each corrective action with an owner and a due date.", "改善計画が記録されていません。ホットウォッシュを行い、是正措置ごとに担当者と期限を記録してください。";
    col_corrective: "Corrective action", "是正措置";
    col_owner: "Owner", "担当";
    col_due_date: "Due", "期限";
    missing: "missing", "未記入";
    h_overrides: "Facilitator overrides", "ファシリテーターによる採点の修正";
    no_overrides: "The facilitator changed no score line.", "ファシリテーターによる採点の修正はありません。";
    col_change: "Change", "変更";
    col_by: "By", "修正者";
    h_notes: "Facilitator notes", "ファシリテーターのメモ";
    col_note: "Note", "メモ";
    h_corrections: "Corrections", "記録の訂正";
    corrections_intro: "Records made by mistake are never changed: a later correction says who asked for it and why. A corrected override no longer counts in the score; a corrected decision had already taken effect in the simulation, so the drill's outcome is as played; corrected notes are shown struck; corrected hotwash entries are left out above (edited ones appear in their new version).", "誤って記録された内容は書き換えず、後から訂正の記録（依頼者と理由）を追加します。訂正された採点の修正は得点に含めません。訂正された意思決定はシミュレーション上すでに効果が生じているため、演習の結果は実施したとおりです。訂正されたメモは取り消し線で示し、訂正された振り返りの記入は上記から除いています（修正されたものは新しい内容で示します）。";
    col_corrects: "Corrects", "訂正対象";
    col_kind: "Record", "記録";
    col_said: "What it said", "元の内容";
    corrected_by: "corrected at line {line} ({by}): {reason}", "行 {line} で訂正（{by}）：{reason}";
    replaced_at: "replaced at line {line}", "行 {line} で差し替え";
    k_correction: "Correction", "訂正";
    k_hint: "Hint", "ヒント";
    hint_step: "step {step} of the reference response shown", "模範対応の手順 {step} を表示";
    hint_lines: "Practice hints cost {points} points in all (lines {lines}); they count in the total, in no objective.", "練習モードのヒントで合計 {points} 点を差し引きました（行 {lines}）。合計には含め、どの目標にも含めません。";
    compliance_intro: "Which records of this journal evidence each requirement that applies to this drill, and what is missing. Met: evidenced, by named participants in the roles the requirement needs and by the team's own actions; partial: evidenced in part; gap: not evidenced by this drill. A mapping shows what a drill evidences, not that the organisation complies.", "本演習に適用される各要求事項について、本ジャーナルのどの記録が証拠となるか、何が不足しているかを示します。充足：必要な役割の氏名のある参加者とチーム自身の行動による証拠あり、一部充足：一部のみ、不足：本演習では証拠なし。この対応表は演習が示す証拠であり、組織の適合を示すものではありません。";
    col_control: "Requirement", "要求事項";
    col_requirement: "What it asks", "内容";
    col_evidence: "Evidence in this journal", "本ジャーナルの証拠";
    col_gap: "Gap", "不足";
    c_met: "met", "充足";
    c_partial: "partial", "一部充足";
    c_gap: "gap", "不足";
    c_na: "not applicable", "対象外";
    gaps_summary: "{gaps} gap(s) and {partial} partial item(s) to address.", "対応が必要な不足{gaps}件、一部充足{partial}件。";
    no_gaps: "No gap: every mapped requirement is evidenced.", "不足なし：対応表のすべての要求事項に証拠があります。";
    f_journal: "Journal", "ジャーナル";
    f_sha256: "SHA-256 of the file", "ファイルの SHA-256";
    f_size: "Size", "サイズ";
    size_records: "{bytes} bytes, {records} records, {checkpoints} checkpoint(s)", "{bytes}バイト、{records}レコード、チェックポイント{checkpoints}件";
    f_merkle: "Final Merkle root", "最終 Merkle ルート";
    tree_size: "tree size {n}", "木のサイズ {n}";
    f_sealed: "Sealed", "封緘";
    yes_sealed: "sealed: final checkpoint after drill_closed", "封緘済み（drill_closed の後に最終チェックポイント）";
    not_sealed: "NOT SEALED", "未封緘";
    f_closed: "Drill closed", "演習終了";
    completed: "completed", "完了";
    aborted: "aborted", "中断";
    not_closed: "not closed", "未終了";
    f_signature: "Signature", "署名";
    sig_unsigned_note: "— nothing in the journal shows who wrote it: anybody can rewrite an unsigned journal consistently.", "— ジャーナルには作成者を示すものがありません（署名のないジャーナルは誰でも整合的に書き換えられます）。";
    sig_unchecked_note: "— {n} checkpoint signature(s) consistent with the key stored in the journal, key id {id}. Anybody can re-sign a journal with a key of their own: compare the fingerprint below with the facilitator's public key obtained separately, or make the report with --pubkey.", "— チェックポイント署名{n}件がジャーナル内の鍵（鍵ID {id}）と整合。署名は誰でも自分の鍵でやり直せるため、下のフィンガープリントを別経路で入手したファシリテーターの公開鍵と照合するか、--pubkey を指定して報告書を作成してください。";
    sig_verified_note: "— {n} checkpoint signature(s) verified with the public key given with --pubkey, key id {id}.", "— チェックポイント署名{n}件を --pubkey で指定された公開鍵（鍵ID {id}）で検証。";
    f_fingerprint: "Key fingerprint", "鍵のフィンガープリント";
    fingerprint_word: "key fingerprint", "鍵のフィンガープリント";
    f_public_key: "Public key (as in its .pub file)", "公開鍵（.pub ファイルの内容）";
    no_checkpoint_yet: "unknown (no checkpoint yet)", "不明（チェックポイントなし）";
    f_evidence: "Evidence", "証拠の等級";
    f_complete: "Completeness", "完了性";
    incomplete_value: "INCOMPLETE: closed as completed, but no turn reached an ending or the turn limit ({at})", "未完了：完了として終了していますが、どのターンも終了条件またはターン上限に達していません（{at}）";
    at_turn_of: "last turn recorded {turn} of {max}", "記録された最終ターン {turn}／{max}";
    at_turn: "last turn recorded {turn}", "記録された最終ターン {turn}";
    at_no_turn: "no turn ended", "終了したターンなし";
    f_torn: "Torn tail", "末尾の破損";
    h_consistency: "Consistency of the recorded numbers", "記録された数値の整合性";
    consistent: "All ratings and totals recomputed from the {lines} score lines and {overrides} override(s) match the journal's recorded results.", "採点行{lines}件と修正{overrides}件から再計算した評価と合計は、すべてジャーナルの記録と一致します。";
    check_objective: "Objective {id}: recorded {recorded}, recomputed {computed}.", "目標 {id}：記録 {recorded}、再計算 {computed}。";
    check_set: "Objective {id} is in only one of the header and the recorded result.", "目標 {id} がヘッダーと記録された結果の一方にしかありません。";
    check_total: "Total at turn {turn} (0 = final): recorded {recorded}, recomputed {computed}.", "ターン{turn}（0は最終）の合計：記録 {recorded}、再計算 {computed}。";
    check_text: "Line {line} ({kind}): its typed form reads \"{rendered}\" but the text recorded is \"{recorded}\"; the recorded text is shown.", "{line}行目（{kind}）：型付きの記録は「{rendered}」ですが、記録された文は「{recorded}」です。記録された文を表示します。";
    check_unreadable: "Line {line} ({kind}) could not be read as its kind requires.", "{line}行目（{kind}）を所定の形式で読めません。";
    h_verify: "How to verify", "検証方法";
    verify_intro: "Anyone holding the journal can check it and regenerate this report. Run these in the directory that holds the journal:", "ジャーナルを持つ人は誰でも検証し、本報告書を再生成できます。ジャーナルのあるディレクトリで次を実行してください：";
    cmd_sha: "the file's SHA-256 must be {sha}", "ファイルの SHA-256 が {sha} であること";
    cmd_verify: "hash chain, checkpoints and seal; exit 0 = valid and sealed", "ハッシュ連鎖・チェックポイント・封緘を検証（終了コード0 = 有効かつ封緘済み）";
    cmd_pubkey: "authenticate the checkpoint signatures with the facilitator's public key", "ファシリテーターの公開鍵でチェックポイント署名を認証";
    cmd_anchor: "check the journal against the Merkle root printed here (keep it outside the file)", "本報告書に記載の Merkle ルートと照合（ファイルとは別に保管）";
    cmd_replay: "re-run the recorded inputs and compare every score line (needs the scenario files)", "記録された入力を再実行し全採点行を照合（シナリオファイルが必要）";
    cmd_report: "regenerate this report", "本報告書を再生成";
    cmd_report_redacted: "regenerate this redacted edition", "本墨消し版を再生成";
    evaluator: "Evaluator", "評価者";
    executive: "Executive", "経営層";
    f_sponsor: "Sponsor", "主催者（スポンサー）";
    f_poc: "Point of contact", "連絡窓口";
    f_location: "Location", "実施場所";
    f_mission_areas: "Mission areas", "ミッション領域";
    f_capabilities: "Core capabilities", "コアケイパビリティ";
    f_threat: "Threat or hazard", "脅威・ハザード";
    f_participating: "Participating organisations", "参加組織";
    f_evaluators: "Evaluators", "評価者";
    f_handling: "Handling", "取扱区分";
    type_given: "{kind}, simulated ({mode})", "{kind}（シミュレーション、{mode}）";
    mode_headless: "scripted headless run", "スクリプトによる自動実行";
    mode_console: "facilitated at the console", "ファシリテーターによる進行";
    col_capability: "Core capability", "コアケイパビリティ";
    redacted_notice: "REDACTED EDITION: the names of the people in the drill are replaced by their roles and {n} private note(s) are left out. The integrity figures (section 9) refer to the full journal, so its holder can check that this edition came from it and regenerate the full report (kunren report without --redact).", "墨消し版：演習に参加した人の氏名を役割に置き換え、非公開メモ{n}件を除いています。完全性の数値（第9節）は完全なジャーナルのものであり、ジャーナルの保有者は本版がそこから作られたことを確認し、完全版を再生成できます（--redact を付けずに kunren report を実行）。";
    title_redacted: " (redacted edition)", "（墨消し版）";
    private_badge: "private", "非公開";
    h_signoff: "Executive sign-off", "経営層の承認";
    col_statement: "Statement", "承認の文言";
    col_title: "Role or title", "役職";
    col_signed_at: "Signed", "承認日時";
    afi_observation: "Observation", "観察事項";
    afi_analysis: "Analysis", "分析";
    afi_recommendation: "Recommendation", "推奨事項";
    afi_reference: "Reference", "参照";
    plan_intro: "The improvement-plan matrix (HSEEP): each corrective action with the core capability and the area for improvement it answers, its capability element (planning, organisation, equipment, training, exercises), the primary responsible organisation and its point of contact, start and completion dates and status, tracked to completion.", "改善計画表（HSEEP 形式）：是正措置ごとに、対象のコアケイパビリティと改善点、能力要素（計画・組織・資機材・教育・演習）、主担当組織と担当窓口、開始日・完了期限・状況を示し、完了まで追跡します。";
    col_ip_id: "Id", "ID";
    plan_line: " (line {line})", "（{line}行）";
    col_area: "Area for improvement", "改善点";
    col_element: "Capability element", "能力要素";
    col_org: "Primary responsible organisation", "主担当組織";
    col_poc: "Organisation POC", "担当窓口";
    col_start: "Start", "開始日";
    col_completion: "Completion", "完了期限";
    due_before_drill: "before the drill date", "演習日より前";
    h_approval: "Approval", "承認欄";
    approval_intro: "By signing, the approvers confirm that this report reflects the exercise and commit the organisation to the improvement plan.", "以下の署名により、本報告書が演習の内容を反映していることを確認し、組織として改善計画の実施を約束します。";
    col_capacity: "Capacity", "区分";
    col_signature: "Signature", "署名";
    col_date: "Date", "日付";
    approval_prepared: "Prepared by (facilitator)", "作成（ファシリテーター）";
    approval_reviewed: "Reviewed by (evaluator)", "確認（評価者）";
    approval_approved: "Approved by (executive)", "承認（経営層）";
    // ── separators and durations ──
    list_sep: ", ", "、";
    clause_sep: "; ", "。";
    group_sep: "; ", "、";
    next_due_not_counted: "{date} (a year after the previous drill; this one did not complete and does not count)", "{date}（前回の演習から1年。本演習は完了していないため数えません）";
    next_due_now: "now (this drill did not complete and no previous drill is recorded)", "直ちに（本演習は完了しておらず、前回の演習の記録もありません）";
    dur_min_sec: "{m} min {s} s", "{m}分{s}秒";
    dur_h_min_sec: "{h} h {m} min {s} s", "{h}時間{m}分{s}秒";
    dur_h_min: "{h} h {m} min", "{h}時間{m}分";
    dur_h: "{h} h", "{h}時間";
    // ── section 8: the compliance table, its scope line and the regimes ──
    cs_nist_sp_800_171: "NIST SP 800-171 3.6.3 and the CMMC further discussion", "NIST SP 800-171 3.6.3 と CMMC の補足の論点";
    cs_japanese_mod_standard: "the Japanese MoD standard", "防衛省の情報セキュリティ基準";
    cs_mhlw_guideline_6_0: "the MHLW Guideline 6.0 and the 2018 MHLW notice", "医療情報システムの安全管理に関するガイドライン第6.0版と2018年の厚生労働省通知";
    cs_appi_my_number_act: "APPI and the My Number Act", "個人情報保護法と番号法";
    cs_iso_iec_27001_2022: "ISO/IEC 27001:2022 A.5.24–A.5.28 and NIST CSF 2.0 ID.IM-02 (every sector)", "ISO/IEC 27001:2022 A.5.24〜A.5.28 と NIST CSF 2.0 ID.IM-02（全業種）";
    cs_stated_source: "stated in the source", "出典に記載";
    cs_source_s_period_approximated: "the source's period, approximated in hours", "出典の期間を時間に換算";
    cs_contract_term_assumption_configurable: "contract-term assumption (configurable, not law)", "契約条件の仮定（設定可能、法令ではない）";
    cs_facilitator_set_target_source: "facilitator-set target (the source sets no hours)", "ファシリテーター設定の目標（出典に時間の定めなし）";
    cs_basis_recorded: "basis not recorded", "根拠の記録なし";
    cs_where_regimes_deadlines_come: "Where the regimes' deadlines come from (as recorded in the journal's header): a contract term or a target is an assumption of the drill, not the law.", "各規制の期限の出典（ジャーナルのヘッダーの記録による）。契約条件や目標は演習の仮定であり、法令ではない。";
    cs_recorded_journal_written_before: "not recorded in this journal (written before regime sources were kept)", "本ジャーナルには記録なし（出典の記録前に作成）";
    cs_regime: "Regime", "規制";
    cs_source: "Source", "出典";
    cs_deadlines: "Deadlines", "期限";
    cs_assumption: "Assumption", "仮定";
    kind_objective: "assessment objective", "評価目標";
    kind_further_discussion: "further discussion (not an assessment objective)", "補足の論点（評価目標ではない）";
    kind_requirement: "requirement", "要求事項";
    kind_control: "control", "管理策";
    cs_scope_line: "Rows for sector “{sector}” and regimes {regimes}: {groups}.", "業種「{sector}」、規制 {regimes} に対する行：{groups}。";
    family_defence: "defence", "防衛";
    family_health: "health", "医療";
    family_personal_data: "personal data", "個人情報";
    family_common: "every sector", "全業種";
    // ── section 8: the rows of the mapping (src/report/compliance.rs). The requirements'
    // texts are data of the mapping, kept here beside the sentences composed around them. ──
    cm_tested_against_scenario_s: "Tested against the scenario's model response, not the organisation's own incident-response plan.", "組織自身のインシデント対応計画ではなく、シナリオの模範対応に対して試験した。";
    cm_participant_named_header_journal: "No participant is named in the header: the journal cannot show who was tested.", "ヘッダーに参加者の氏名がなく、誰が試験されたかをジャーナルで示せない。";
    cm_turn_played_capability_tested: "No turn was played: the capability was not tested.", "ターンが一度も実施されておらず、対応能力は試験されていない。";
    cm_team_action_decision_recorded: "No team action or decision was recorded: nothing was tested.", "チームの行動・意思決定が記録されておらず、何も試験されていない。";
    cm_drill_did_run_end: "The drill did not run to its end (aborted or not closed).", "演習が最後まで実施されていない（中断または未終了）。";
    cm_journal_sealed_close_drill: "The journal is not sealed: close the drill so the record is complete.", "ジャーナルが封緘されていない。演習を正しく終了し記録を完結させること。";
    cm_reports: "reports", "報告";
    cm_team_action_decision_recorded_2: "No team action or decision was recorded in the drill.", "演習中にチームの行動・意思決定が記録されていない。";
    cm_participant_named_header: "No participant is named in the header.", "ヘッダーに参加者の氏名がない。";
    cm_test_organizational_incident_response: "Test the organizational incident response capability. Objective (SP 800-171A): [a] the incident response capability is tested.", "組織のインシデント対応能力を試験する。評価目標（SP 800-171A）：[a] インシデント対応能力が試験されている。";
    cm_sp_800_171a_sets: "SP 800-171A sets no testing frequency.", "SP 800-171A は試験の頻度を定めていない。";
    cm_role_took_action_decision: "No role took an action or a decision.", "どの役割も行動・意思決定を行っていない。";
    cm_what_activities_are_performed: "What activities are performed when an incident is suspected, and who is responsible for them?", "インシデントが疑われるときに何を行い、誰が責任を負うか。";
    cm_technical_response_exercised: "No technical response was exercised.", "技術的対応が演習されていない。";
    cm_technical_action_soc_it: "no technical action by the SOC, IT operations or CISO", "SOC・IT運用・CISOによる技術的な行動なし";
    cm_actions: "actions", "行動";
    cm_what_tasks_does_it: "What tasks does IT perform (containment, eradication, recovery)?", "IT部門はどの作業を行うか（封じ込め・根絶・復旧）。";
    cm_legal: "legal", "法務";
    cm_public_affairs: "public affairs", "広報";
    cm_business_management_named_executive: "business/management (a named executive)", "経営・事業（氏名のある経営層）";
    cm_business: "business", "事業";
    cm_how_do_legal_public: "How do legal, public affairs and business (management) support the response?", "法務・広報・事業部門（経営層）はどのように対応を支援するか。";
    cm_outside_help_engaged_rehearse: "No outside help was engaged: rehearse calling the IR retainer.", "外部支援が要請されていない。インシデント対応支援事業者への連絡を演習すること。";
    cm_how_are_resources_added: "How are resources added (IR retainer, suppliers)?", "追加リソースをどう確保するか（外部支援契約・委託先）。";
    cm_law_enforcement_contacted_drill: "Law enforcement was not contacted in the drill.", "演習中に警察への連絡が行われていない。";
    cm_when_how_law_enforcement: "When and how is law enforcement contacted?", "いつ、どのように警察（法執行機関）へ連絡するか。";
    cm_turn_played: "No turn was played.", "ターンが実施されていない。";
    cm_engine_recorded_impact_but: "The engine recorded the impact, but the team did not assess it (assess-impact).", "影響はエンジンが記録したが、チームは評価していない（assess-impact）。";
    cm_assessment: "assessment", "評価";
    cm_are_negative_impacts_operations: "Are the negative impacts on operations documented?", "業務への悪影響が記録されているか。";
    cm_japan_mod_standard: "Japan MoD standard (装備品等及び役務の調達における情報セキュリティ基準)", "装備品等及び役務の調達における情報セキュリティ基準（防衛省）";
    cm_test_incident_response_capability: "Test the incident-response capability, as NIST SP 800-171 3.6.3 on which the standard is based.", "基準が準拠する NIST SP 800-171 3.6.3 と同様に、インシデント対応能力を試験する。";
    cm_annual_drill_reported_press: "An annual drill is reported in the press (Yomiuri, 2022-04-03); it was not read in the standard's text.", "年次訓練の義務は報道（読売新聞、2022年4月3日）によるもので、基準の本文では確認していない。";
    cm_ministry_defence: "the Ministry of Defence", "防衛省";
    cm_report_incident_affecting_protected: "Report an incident affecting protected information to the Ministry of Defence immediately, then promptly (直ちに … その後速やかに).", "保護すべき情報に関わるインシデントを直ちに防衛省へ報告し、その後速やかに続報する。";
    cm_contract_term_assumption_standard: "Contract-term assumption: the standard's public text states no hour limit.", "契約条件の仮定：基準の公開文書に時間の上限はない。";
    cm_u_s_dod_dibnet: "the U.S. DoD (DIBNet)", "米国防総省（DIBNet）";
    cm_evidence_preserved: "evidence preserved", "証拠の保全";
    cm_forensic_image_taken_named: "No forensic image was taken by a named participant: nothing was preserved for the 90 days.", "氏名のある参加者によるフォレンジックイメージの取得がなく、90日間保全すべきものがない。";
    cm_report_cyber_incident_within: "Report a cyber incident within 72 hours of discovery via DIBNet; submit malicious software to DC3; preserve images and monitoring data for 90 days from the submission of the report.", "サイバーインシデントを発見から72時間以内に DIBNet で報告し、マルウェアを DC3 に提出し、イメージと監視データを報告の提出から90日間保全する。";
    cm_drill_shows_report_images: "The drill shows the report and the images taken; it cannot show the 90-day retention or the DC3 submission.", "本演習で示せるのは報告とイメージの取得までで、90日間の保全や DC3 への提出は示せない。";
    cm_mhlw_guideline_security_management: "MHLW Guideline for the Security Management of Medical Information Systems 6.0", "医療情報システムの安全管理に関するガイドライン 第6.0版";
    cm_results_did_go_management: "The results did not go to management: record the executive sign-off.", "結果が経営層に報告されていない。経営層の承認（サインオフ）を記録すること。";
    cm_hold_incident_response_drills: "Hold incident-response drills, including the reporting procedures, and report their results to management.", "報告手順を含むインシデント対応の訓練を実施し、その結果を経営層に報告する。";
    cm_named_participant_holds_exec: "no named participant holds the exec role", "exec 役割の氏名のある参加者がいない";
    cm_executive_took_action_decision: "the executive took no action or decision", "経営層が行動・意思決定を行っていない";
    cm_executive_sign_off: "no executive sign-off", "経営層の承認がない";
    cm_improvement_plan_approve: "no improvement plan to approve", "承認すべき改善計画がない";
    cm_executive_decision_maker_took: "No executive decision-maker took part. ", "経営層の意思決定権者が参加していない。";
    cm_management_takes_part_drill: "Management takes part in the drill and approves: the executive responsible leads the response decisions and approves the results and the improvement plan.", "経営層が訓練に参加し承認する：責任者である経営層が対応の意思決定を主導し、結果と改善計画を承認する。";
    cm_ministry_health_labour_welfare: "the Ministry of Health, Labour and Welfare", "厚生労働省";
    cm_mhlw_notice_1029_1: "MHLW notice 医政総発1029第1号 (2018)", "厚生労働省通知 医政総発1029第1号（2018年）";
    cm_report_cyber_attack_that: "Report a cyber attack that disrupts care to the MHLW promptly (速やかに).", "診療に支障が生じるサイバー攻撃を速やかに厚生労働省へ報告する。";
    cm_notice_sets_hour_limit: "The notice sets no hour limit; the scenario does not apply the MHLW regime, so no clock was kept.", "通知は時間の上限を定めていない。本シナリオは厚生労働省への報告の期限を設定していない。";
    cm_personal_data_leak_recorded: "No personal-data leak was recorded in this drill.", "本演習では個人データの漏えいは記録されていない。";
    cm_journal_cannot_show_whether: "The journal cannot show whether personal data leaked, and no report to the PPC was made.", "個人データが漏えいしたかをジャーナルで示せず、個人情報保護委員会への報告もない。";
    cm_appi_art_26_my: "APPI Art. 26 / My Number Act Art. 29-4", "個人情報保護法第26条／番号法第29条の4";
    cm_report_personal_data_leak: "Report a personal-data leak to the Personal Information Protection Commission: under APPI Art. 26 a preliminary report in about 3–5 days and a confirmed report within 30 days (60 for a leak by unauthorised access); a leak of My Numbers under the My Number Act Art. 29-4. Notify the people affected.", "個人データの漏えいを個人情報保護委員会に報告する：個人情報保護法第26条により速報はおおむね3〜5日以内、確報は30日以内（不正アクセス等によるものは60日以内）。マイナンバー（特定個人情報）の漏えいは番号法第29条の4による。本人へ通知する。";
    cm_confirmed_report_notice_people: "The confirmed report and the notice to the people affected fall after the drill and are not assessed.", "確報と本人への通知は演習の後になるため評価しない。";
    cm_team_action_decision_arrangements: "No team action or decision: the arrangements were not rehearsed.", "チームの行動・意思決定がなく、体制は訓練されていない。";
    cm_rehearsed_against_scenario_s: "Rehearsed against the scenario's model response, not the organisation's own plan: name the plan at set-up (--plan FILE --plan-title … --plan-version …).", "組織自身の計画ではなくシナリオの模範対応で訓練した。開始時に計画を指定すること（--plan FILE --plan-title … --plan-version …）。";
    cm_incident_management_planning_preparation: "Incident management planning and preparation: processes, roles and responsibilities defined, communicated and rehearsed.", "インシデント管理の計画と準備：プロセス・役割・責任を定め、周知し、訓練する。";
    cm_event_detected_assessed_decided: "No event was detected, assessed or decided on.", "事象の検知・評価・決定がない。";
    cm_team_assessed_decided_but: "The team assessed or decided, but the attacker was never detected.", "チームは評価・決定を行ったが、攻撃者は検知されなかった。";
    cm_events_were_assessed_decided: "Events were assessed or decided only by roles with no named participant.", "評価・決定は氏名のある参加者がいない役割のみによるもの。";
    cm_events_were_detected_but: "Events were detected but the team did not assess or declare them.", "事象は検知されたが、チームは評価・宣言していない。";
    cm_assessment_decision_information_security: "Assessment and decision on information security events.", "情報セキュリティ事象の評価と決定。";
    cm_respond_action_taken: "No Respond action was taken.", "対応（Respond）の行動がない。";
    cm_steps_reference_response_were: "Steps of the reference response were late or missed: see section 6.", "模範対応の手順に遅延・未実施がある（第6節参照）。";
    cm_response_information_security_incidents: "Response to information security incidents according to documented procedures.", "文書化された手順に従ったインシデントへの対応。";
    cm_improvement_plan_recorded_hold: "No improvement plan was recorded: hold the hotwash and record owners and due dates.", "改善計画が記録されていない。ホットウォッシュを行い、担当者と期限を記録すること。";
    cm_hotwash_strengths_areas_improvement: "No hotwash strengths or areas for improvement were recorded.", "ホットウォッシュの強み・改善点が記録されていない。";
    cm_learning_information_security_incidents: "Learning from information security incidents.", "情報セキュリティインシデントからの学習。";
    cm_evidence_preservation_action_forensic: "No evidence-preservation action (forensic image, log preservation) was taken.", "証拠保全の行動（フォレンジックイメージの取得、ログの保全）がない。";
    cm_journal_s_signature_verified: "The journal's signature was not verified against a public key the inspector holds (make the report with --pubkey and the facilitator's public key), so the record of the evidence handling is not authenticated.", "ジャーナルの署名が検査者の保有する公開鍵で検証されていない（kunren report に --pubkey でファシリテーターの公開鍵が指定されていない）ため、証拠の取扱いの記録は認証されていない。";
    cm_evidence_preserved_none: "evidence preserved: none", "証拠の保全：なし";
    cm_collection_evidence_identify_collect: "Collection of evidence: identify, collect, acquire and preserve evidence of information security events (forensic handling).", "証拠の収集：情報セキュリティ事象の証拠を特定・収集・取得・保全する（フォレンジックの取扱い）。";
    cm_evidence_here_incident_s: "Evidence here is the incident's forensic evidence, not this journal: the journal's hash chain does not count. Met needs preservation actions and this journal's signature verified against a key the inspector gives.", "ここでの証拠はインシデントのフォレンジック証拠であり、本ジャーナルではない（ハッシュ連鎖は数えない）。充足には保全の行動と、検査者が指定する鍵による本ジャーナルの署名検証が必要。";
    cm_improvement_item_recorded: "No improvement item was recorded.", "改善項目が記録されていない。";
    cm_improvements_are_identified_security: "Improvements are identified from security tests and exercises.", "セキュリティの試験・演習から改善点を特定する。";
    cm_line: "line {lines}", "{lines}行目";
    cm_lines: "lines {lines}", "{lines}行目";
    cm_lines_more: " (+{n} more)", "（他{n}件）";
    cm_more: "+{n} more", "他{n}件";
    cm_evidence_of: "{what}: {ids} ({lines})", "{what}：{ids}（{lines}）";
    cm_plan_note_version: "Tested against the organisation's plan “{title}”, version {version}.", "組織の計画「{title}」（版 {version}）に対して試験した。";
    cm_plan_note: "Tested against the organisation's plan “{title}”.", "組織の計画「{title}」に対して試験した。";
    cm_plan_version: ", version {version}", "、版 {version}";
    cm_plan_statement: "Plan tested: the organisation's plan “{title}”{version} (file {file}, SHA-256 {sha}), named at set-up (line 1).", "試験した計画：組織の計画「{title}」{version}（ファイル {file}、SHA-256 {sha}）。開始時に指定（1行目）。";
    cm_plan_statement_model: "Plan tested: the scenario's model response ({steps} reference steps), not the organisation's own incident-response plan; name the plan at set-up with --plan FILE --plan-title … --plan-version ….", "試験した計画：シナリオの模範対応（{steps}手順）であり、組織自身のインシデント対応計画ではない。開始時に --plan FILE --plan-title … --plan-version … で計画を指定できる。";
    cm_roles_unnamed: "No named participant for role(s): {roles}.", "氏名のある参加者がいない役割：{roles}。";
    cm_taken_only_unnamed: "Taken only by role(s) with no named participant: {roles}.", "氏名のある参加者がいない役割のみが実施：{roles}。";
    cm_clock_records: "clock records: {lines}", "期限の記録：{lines}";
    cm_report_unnamed: "The report was made by role(s) with no named participant: {roles}.", "報告は氏名のある参加者がいない役割によるもの：{roles}。";
    cm_report_late: "The report to {authority} was late or not made.", "{authority}への報告が遅延した、または行われなかった。";
    cm_report_none: "No report to {authority} was made in the drill.", "演習中に{authority}への報告が行われていない。";
    cm_report_open: "The reporting to {authority} was not completed in the drill (a clock is still open).", "{authority}への報告が演習中に完了していない（未了の期限がある）。";
    cm_span_closed: "drill_opened (line 1) to drill_closed (line {line})", "drill_opened（1行目）から drill_closed（{line}行目）まで";
    cm_span_open: "drill_opened (line 1); no drill_closed", "drill_opened（1行目）から。drill_closed なし";
    cm_capability_evidence: "{span}; {turns} turns played; {actions} team actions, {decisions} team decisions, {injects} injects; named participants: {named} ({covered} of {required} required roles)", "{span}。{turns}ターン実施、チームの行動{actions}件、意思決定{decisions}件、インジェクト{injects}件。氏名のある参加者：{named}（必要な役割{required}件中{covered}件）";
    cm_roles_acted_unnamed: "Roles acted with no named participant: {roles}. Record who played each role.", "氏名のある参加者がいないまま行動した役割：{roles}。各役割の担当者を記録すること。";
    cm_named_and_acted: "named participants: {named}; roles that acted: {acted}", "氏名のある参加者：{named}。行動した役割：{acted}";
    cm_exec_decisions: "{n} decision(s) by the executive role ({lines})", "経営層による意思決定{n}件（{lines}）";
    cm_exec_participants: "executive participants: {names}", "経営層の参加者：{names}";
    cm_not_exercised_named: "Not exercised by a named participant: {parts}.", "氏名のある参加者により演習されていない：{parts}。";
    cm_impact_evidence: "impact per turn in {turns} turn_ended records: total {total} {unit}; {events} state change(s) recorded", "turn_ended {turns}件にターン毎の影響を記録：合計 {total} {unit}、状態変化{events}件";
    cm_mod_evidence: "drill held on {date}; next drill due by {next} if held yearly; {evidence}", "{date}に実施、年次の場合の次回期限 {next}。{evidence}";
    cm_mod_hours_assumption: "Contract-term assumption: the drill's {h} h deadline is not stated in the standard's public text; set it to the organisation's contract.", "契約条件の仮定：本演習の期限{h}時間は基準の公開文書に記載がない。自社の契約に合わせて設定すること。";
    cm_signoff_evidence: "{evidence}; executive sign-off: {lines}", "{evidence}。経営層の承認：{lines}";
    cm_missing: "{first}Missing: {missing}.", "{first}不足：{missing}。";
    cm_management_evidence: "executive participants: {names}; executive actions and decisions: {acts}; sign-off: {signoff}; improvement plan: {plan}", "経営層の参加者：{names}。経営層の行動・意思決定：{acts}。承認：{signoff}。改善計画：{plan}";
    cm_mhlw_hours_target: "The notice sets no hour limit: the drill's {h} h is a facilitator-set target for \"promptly\".", "通知は時間の上限を定めていない。本演習の{h}時間は「速やかに」を表すファシリテーター設定の目標。";
    cm_leak_no_report: "Personal data leaked (line {line}) but no report to the PPC was made.", "個人データが漏えいした（{line}行目）が、個人情報保護委員会への報告が行われていない。";
    cm_leak_line: "personal-data leak: line {line}", "個人データの漏えい：{line}行目";
    cm_leak_none: "personal-data leak: none recorded", "個人データの漏えい：記録なし";
    cm_planning_evidence: "header (line 1): {roles} organisation roles, {required} required by the plan, named participants: {named}; {actions} team actions", "ヘッダー（1行目）：組織の役割{roles}件、計画が必要とする役割{required}件、氏名のある参加者：{named}。チームの行動{actions}件";
    cm_detections: "detections: {lines}", "検知：{lines}";
    cm_team_decisions: "; {n} team decision(s)", "。チームの意思決定{n}件";
    cm_respond_evidence: "{n} Respond action(s); reference steps: {on_time} on time, {late} late, {missed} missed", "対応（Respond）行動{n}件。模範対応：期限内{on_time}件、遅延{late}件、未実施{missed}件";
    cm_lessons_evidence: "hotwash: {hot} line(s); improvement plan: {items} item(s) ({lines})", "ホットウォッシュ{hot}件、改善計画{items}件（{lines}）";
    cm_signature_verified: "; signature verified with the inspector's key", "。署名は検査者の鍵で検証済み";
    cm_signature_not_verified: "; signature not verified with a given key", "。署名は指定された鍵で未検証";
    cm_plan_items: "improvement plan: {items} item(s) ({lines})", "改善計画{items}件（{lines}）";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries whose Japanese rightly has no Japanese character, each with its reason. Values
    /// with no letter outside their placeholders (punctuation, `{n}`) need no listing.
    const NO_JAPANESE: &[(&str, &str)] = &[
        ("col_id", "“ID” is how Japanese writes the column"),
        ("col_ip_id", "“ID” is how Japanese writes the column"),
    ];

    /// Is `c` a Japanese character (kana, CJK ideograph, CJK or full-width punctuation)?
    pub(crate) fn is_japanese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// The text of a template with its placeholders taken out.
    fn words(s: &str) -> String {
        let mut out = s.to_string();
        for h in holes(s) {
            out = out.replace(&format!("{{{h}}}"), "");
        }
        out
    }

    #[test]
    fn tags_and_fill() {
        assert_eq!(Lang::from_tag_or_en("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag_or_en("en"), Lang::En);
        assert_eq!(Lang::from_tag_or_en(""), Lang::En);
        assert_eq!(
            fill("{a} of {b} {a}", &[("a", &1), ("b", &"x")]),
            "1 of x 1"
        );
        // A value is never filled again, and an unknown key stays as written.
        assert_eq!(fill("{a}, {b}", &[("a", &"{b}"), ("b", &2)]), "{b}, 2");
        assert_eq!(fill("{x} {", &[("a", &1)]), "{x} {");
        assert_eq!(holes("{b} {a} {b} {Z} {}"), vec!["a", "b"]);
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders() {
        let en = Lang::En.report().entries();
        let ja = Lang::Ja.report().entries();
        assert_eq!(en.len(), ja.len());
        let mut problems = Vec::new();
        for ((name, e), (_, j)) in en.iter().zip(&ja) {
            if e.trim().is_empty() || j.trim().is_empty() {
                problems.push(format!("{name}: empty"));
            }
            if holes(e) != holes(j) {
                problems.push(format!(
                    "{name}: placeholders {:?} vs {:?}",
                    holes(e),
                    holes(j)
                ));
            }
            let letters = words(e).chars().any(char::is_alphabetic);
            let listed = NO_JAPANESE.iter().any(|(n, _)| n == name);
            if e == j && letters && !listed {
                problems.push(format!("{name}: the Japanese is the English ({e:?})"));
            }
            // A Japanese value that has words has Japanese in it (an English sentence pasted
            // in the Japanese column fails here).
            if letters && !listed && !words(j).chars().any(is_japanese) {
                problems.push(format!("{name}: no Japanese in {j:?}"));
            }
        }
        for (n, _) in NO_JAPANESE {
            if !en.iter().any(|(name, _)| name == n) {
                problems.push(format!("NO_JAPANESE lists {n}, which is no entry"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The string literals of Rust source `src` (code before its `#[cfg(test)]` part, comments
    /// and char literals skipped) that hold Japanese, with their line numbers.
    pub(crate) fn japanese_literals(src: &str) -> Vec<(usize, String)> {
        let code = src.split("#[cfg(test)]").next().unwrap_or(src);
        let c: Vec<char> = code.chars().collect();
        let (mut i, mut line, mut found) = (0, 1, Vec::new());
        let nl = |s: &[char]| s.iter().filter(|x| **x == '\n').count();
        while i < c.len() {
            let next = c.get(i + 1).copied();
            match c[i] {
                '\n' => {
                    line += 1;
                    i += 1;
                }
                '/' if next == Some('/') => {
                    while i < c.len() && c[i] != '\n' {
                        i += 1;
                    }
                }
                '/' if next == Some('*') => {
                    let end = (i + 2..c.len().saturating_sub(1))
                        .find(|&k| c[k] == '*' && c[k + 1] == '/')
                        .map_or(c.len(), |k| k + 2);
                    line += nl(&c[i..end]);
                    i = end;
                }
                '\'' => {
                    // A char literal ('x', '\n', '\u{3001}') or a lifetime ('a).
                    i += match (next, c.get(i + 2)) {
                        (Some('\\'), _) => {
                            (i + 2..c.len())
                                .find(|&k| c[k] == '\'')
                                .map_or(c.len(), |k| k + 1)
                                - i
                        }
                        (Some(_), Some('\'')) => 3,
                        _ => 1,
                    };
                }
                'r' if matches!(next, Some('"' | '#'))
                    && (i == 0 || !c[i - 1].is_alphanumeric() && c[i - 1] != '_') =>
                {
                    let hashes = c[i + 1..].iter().take_while(|x| **x == '#').count();
                    let open = i + 1 + hashes;
                    if c.get(open) != Some(&'"') {
                        i += 1;
                        continue;
                    }
                    let close: String = std::iter::once('"')
                        .chain(std::iter::repeat_n('#', hashes))
                        .collect();
                    let body: String = c[open + 1..].iter().collect();
                    let len = body.find(&close).unwrap_or(body.len());
                    let text: String = body[..len].to_string();
                    if text.chars().any(is_japanese) {
                        found.push((line, text.clone()));
                    }
                    line += text.matches('\n').count();
                    i = open + 1 + text.chars().count() + close.chars().count();
                }
                '"' => {
                    let mut k = i + 1;
                    while k < c.len() && c[k] != '"' {
                        k += if c[k] == '\\' { 2 } else { 1 };
                    }
                    let text: String = c[i + 1..k.min(c.len())].iter().collect();
                    if text.chars().any(is_japanese) {
                        found.push((line, text.clone()));
                    }
                    line += nl(&c[i..k.min(c.len())]);
                    i = k + 1;
                }
                _ => i += 1,
            }
        }
        found
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read src/report").flatten() {
            let p = e.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    #[test]
    fn the_scan_finds_an_inline_translation() {
        let src = "//! 説明\nfn tr(lang: Lang) -> String {\n    let sep = '、';\n    let x: &'static str = \"a\";\n    match lang { Lang::En => \"none\".into(), Lang::Ja => \"なし\".into() }\n}\n/* 「注」 */ const R: &str = r#\"（他）\"#;\n#[cfg(test)]\nmod tests { const T: &str = \"試験\"; }\n";
        assert_eq!(
            japanese_literals(src),
            vec![(5, "なし".to_string()), (7, "（他）".to_string())]
        );
        assert!(japanese_literals("let a = \"plain \\\" 'quoted'\"; let b = 'x';").is_empty());
    }

    /// The report's own words are all in this catalogue: no source file under `src/report/`
    /// holds a string literal with Japanese in it (an inline `match lang { … }` translation).
    #[test]
    fn no_inline_japanese_under_src_report() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        files.sort();
        assert!(
            files.len() > 10,
            "src/report/ not found at {}",
            root.display()
        );
        let mut found = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).expect("read a source file");
            for (line, lit) in japanese_literals(&text) {
                found.push(format!("{}:{line}: {lit:?}", f.display()));
            }
        }
        assert!(
            found.is_empty(),
            "Japanese string literals outside src/i18n/ (move them into the catalogue):\n{}",
            found.join("\n")
        );
    }
}
