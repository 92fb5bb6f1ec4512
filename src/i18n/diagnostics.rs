//! `kunren check`'s part of the catalogue: the message and help line of every coded diagnostic
//! (`K0001`…), the words they take as arguments (the kind of item: "inject", "action", …) and
//! the framing of a rendered diagnostic, English and Japanese side by side, as one [`Text`]
//! per language. A [`Msg`] holds a key and its named arguments; it is rendered on demand, in
//! English for JSON and tests ([`Msg`]'s `Display`) or in any language ([`Msg::in_lang`]).
//! Authored text quoted in a message (ids, paths, RON, the `ron` crate's own errors) is an
//! [`Arg::Text`] and stays as written.

use std::fmt;

use super::Lang;

impl Lang {
    /// The diagnostics' text in this language.
    pub fn diagnostics(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

/// `catalogue! { Key; name: "English", "日本語"; … }`: the key enum `Key` (one variant per
/// entry), the [`Text`]-like struct `Text` with one field per entry, its `EN` and `JA` tables,
/// `Text::get` and `Text::entries`.
macro_rules! catalogue {
    ($key:ident; $( $name:ident : $en:expr , $ja:expr ; )*) => {
        /// A key of this catalogue: a message, a help line or a word.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $key {
            $(
                #[doc = $en]
                $name,
            )*
        }

        /// This catalogue's text in one language: one field per key.
        #[derive(Debug)]
        pub struct Text {
            $(
                #[doc = $en]
                pub $name: &'static str,
            )*
        }

        static EN: Text = Text { $( $name: $en, )* };
        static JA: Text = Text { $( $name: $ja, )* };

        impl Text {
            /// The template of `key`.
            pub fn get(&self, key: $key) -> &'static str {
                match key {
                    $( $key::$name => self.$name, )*
                }
            }

            /// Every entry as (name, text), in table order, for the completeness checks.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![ $( (stringify!($name), self.$name), )* ]
            }
        }
    };
}

/// One argument of a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text shown as it is in every language: an id, a path, a number, RON, a parser's error.
    Text(String),
    /// A word of the catalogue (the kind of an item), translated.
    Word(D),
    /// A message of its own (the reason inside a message), translated.
    Msg(Box<Msg>),
    /// An engine refusal (a rehearsal's example), translated.
    Refusal(Box<crate::engine::EngineError>),
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Word(k) => lang.diagnostics().get(*k).to_string(),
            Arg::Msg(m) => m.in_lang(lang),
            Arg::Refusal(e) => e.message(lang),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<D> for Arg {
    fn from(k: D) -> Self {
        Arg::Word(k)
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! number_args {
    ($($t:ty),*) => { $( impl From<$t> for Arg { fn from(v: $t) -> Self { Arg::Text(v.to_string()) } } )* };
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64, char);

/// A diagnostic's message or help line: a catalogue key with named arguments, rendered in a
/// language on demand; or a text that does not come from the catalogue (a message another
/// part of kunren already wrote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A catalogue entry and its arguments.
    Key(D, Vec<(&'static str, Arg)>),
    /// Messages joined by a separator.
    Join(Vec<Msg>, &'static str),
    /// Text as given, the same in every language.
    Raw(String),
}

impl Msg {
    /// A catalogue entry with its arguments.
    pub fn new(key: D, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg::Key(key, args)
    }

    /// The catalogue key, when it has one.
    pub fn key(&self) -> Option<D> {
        match self {
            Msg::Key(k, _) => Some(*k),
            Msg::Join(..) | Msg::Raw(_) => None,
        }
    }

    /// The argument `name`, when it has one.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        match self {
            Msg::Key(_, args) => args.iter().find(|(n, _)| *n == name).map(|(_, a)| a),
            Msg::Join(..) | Msg::Raw(_) => None,
        }
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            Msg::Raw(s) => s.clone(),
            Msg::Join(ms, sep) => ms
                .iter()
                .map(|m| m.in_lang(lang))
                .collect::<Vec<_>>()
                .join(sep),
            Msg::Key(k, args) => {
                let values: Vec<(&str, String)> =
                    args.iter().map(|(n, a)| (*n, a.render(lang))).collect();
                let refs: Vec<(&str, &dyn fmt::Display)> = values
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn fmt::Display))
                    .collect();
                super::report::fill(lang.diagnostics().get(*k), &refs)
            }
        }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.in_lang(Lang::En))
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Self {
        Msg::Raw(s)
    }
}
impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Msg::Raw(s.to_string())
    }
}
impl From<D> for Msg {
    fn from(k: D) -> Self {
        Msg::Key(k, Vec::new())
    }
}

/// `msg!(key, name = value, …)`: the [`Msg`] of catalogue entry `key` with its arguments
/// (each converted with [`Arg::from`]).
macro_rules! msg {
    ($key:ident $(, $name:ident = $val:expr)* $(,)?) => {
        $crate::i18n::diagnostics::Msg::new(
            $crate::i18n::diagnostics::D::$key,
            vec![$( (stringify!($name), $crate::i18n::diagnostics::Arg::from($val)) ),*],
        )
    };
}
pub(crate) use msg;

pub(crate) use catalogue;

catalogue! {
    D;
    // The framing of a rendered diagnostic.
    sev_error: "error", "エラー";
    sev_warning: "warning", "警告";
    sev_note: "note", "注記";
    help_label: "help", "ヒント";
    full_width: "`{c}` (U+{code}) is a full-width character; RON needs the ASCII `{ascii}`", "`{c}`（U+{code}）は全角文字です。RON では半角の `{ascii}` を使います";

    // The kinds of item, used as `{kind}`.
    w_organisation: "organisation", "組織";
    w_zone: "zone", "ゾーン";
    w_role: "role", "役割";
    w_control: "control", "統制";
    w_data_set: "data set", "データセット";
    w_asset: "asset", "資産";
    w_service: "service", "サービス";
    w_supplier: "supplier", "取引先";
    w_action: "action", "アクション";
    w_regime: "regime", "制度";
    w_clock: "clock", "報告期限";
    w_scenario: "scenario", "シナリオ";
    w_objective: "objective", "目標";
    w_stage: "stage", "攻撃段階";
    w_inject: "inject", "インジェクト";
    w_decision: "decision", "意思決定";
    w_decision_option: "decision option", "意思決定の選択肢";
    w_option: "option", "選択肢";
    w_expectation: "expectation", "期待行動";
    w_rule: "rule", "ルール";
    w_ending: "ending", "結末";
    w_scenario_action: "scenario action", "シナリオ固有のアクション";
    w_regime_use: "regime use", "制度の適用";
    w_inject_or_option: "inject or option", "インジェクトまたは選択肢";
    w_an_organisation: "an organisation", "組織定義";
    w_a_scenario: "a scenario", "シナリオ";
    w_revoked: "revoked", "廃止";
    w_deprecated: "deprecated", "非推奨";
    w_contract_term: "contract term", "契約上の期限";
    w_facilitator_target: "facilitator-set target", "ファシリテーターが設定する目標";

    // Reading files (K0001, K0008–K0012).
    read_failed: "cannot read file: {error}", "ファイルを読み込めません：{error}";
    read_failed_help: "check the path; `kunren list` shows the shipped scenarios", "パスを確認してください。`kunren list` で同梱のシナリオを一覧できます";
    not_utf8: "file is not valid UTF-8", "ファイルが正しい UTF-8 ではありません";
    not_utf8_help: "save the file as UTF-8", "ファイルを UTF-8 で保存してください";
    not_kunren_file: "not a kunren file: expected `Scenario(`, `Org(`, `Catalogue(`, `Regime(` or `Script(` at the top", "kunren のファイルではありません。先頭に `Scenario(`、`Org(`、`Catalogue(`、`Regime(`、`Script(` のいずれかが必要です";
    actions_path_help: "check the path of --actions", "--actions のパスを確認してください";
    script_not_utf8: "actions script is not valid UTF-8", "アクションのスクリプトが正しい UTF-8 ではありません";
    regime_not_utf8: "the regime file is not UTF-8 text", "制度ファイルが UTF-8 のテキストではありません";
    not_regular: "not a regular file ({what}): kunren reads only regular files", "通常のファイルではありません（{what}）。kunren は通常のファイルだけを読み込みます";
    not_regular_help: "name a regular file; copy the content into one if it comes from a pipe", "通常のファイルを指定してください。パイプからの内容はいったんファイルに保存してください";
    too_large: "file is larger than the limit of {limit} bytes", "ファイルが上限の {limit} バイトを超えています";
    too_large_help: "if the file is genuine, raise the limit with --max-file-size BYTES (e.g. 64M)", "正当なファイルなら、--max-file-size BYTES（例：64M）で上限を上げてください";
    journal_outside: "the journal's header names the {what} file `{named}`, which lies outside the journal's folder and the working directory; it was not opened", "ジャーナルのヘッダーが指す{what}ファイル `{named}` はジャーナルのフォルダーと作業ディレクトリの外にあるため、開きませんでした";
    journal_outside_help: "pass {flag} PATH to name the file yourself (the journal's SHA-256 decides whether it is the one recorded); allowed: {allowed}", "{flag} PATH でファイルを指定してください（記録されたものかどうかはジャーナルの SHA-256 で判定します）。読み込める場所：{allowed}";
    journal_not_found: "cannot read the {what} file `{named}` named by the journal's header: not found", "ジャーナルのヘッダーが指す{what}ファイル `{named}` を読み込めません：見つかりません";
    journal_not_found_help: "pass {flag} PATH to name the file used", "{flag} PATH で使用したファイルを指定してください";
    regime_outside: "the regime file `{path}` lies outside the folders a scenario may read from; it was not opened", "制度ファイル `{path}` はシナリオが読み込めるフォルダーの外にあるため、開きませんでした";
    allowed: "allowed: {allowed}", "読み込める場所：{allowed}";
    org_outside: "the organisation file `{org}` named by the scenario resolves to `{found}`, outside the folders a scenario may read from; it was not opened", "シナリオが指す組織ファイル `{org}` の実体 `{found}` はシナリオが読み込めるフォルダーの外にあるため、開きませんでした";
    org_outside_help: "keep the organisation inside the scenario's folder, its pack (the folder above holding `{marker}`) or the working directory, or name it with --org; allowed: {allowed}", "組織ファイルはシナリオのフォルダー、そのパック（`{marker}` のある上位フォルダー）または作業ディレクトリに置くか、--org で指定してください。読み込める場所：{allowed}";
    org_unreadable: "cannot read the organisation file `{path}` named by the scenario: {error}", "シナリオが指す組織ファイル `{path}` を読み込めません：{error}";
    org_problem: "the organisation file `{path}` named by the scenario: {msg}", "シナリオが指す組織ファイル `{path}`：{msg}";
    wrong_kind: "`{path}` is not {what} file (it does not begin with `{kind}(`); its content is not shown", "`{path}` は{what}のファイルではありません（`{kind}(` で始まっていません）。内容は表示しません";
    wrong_kind_help: "check the path that names it, or name the right file on the command line", "このファイルを指しているパスを確認するか、正しいファイルをコマンドラインで指定してください";
    roots_none: "none could be resolved", "解決できる場所がありません";
    root: "{label} ({dir})", "{label}（{dir}）";
    w_root_pack: "the scenario's pack", "シナリオのパック";
    w_root_scenario: "the scenario's folder", "シナリオのフォルダー";
    w_root_journal: "the journal's folder", "ジャーナルのフォルダー";
    w_root_cwd: "the working directory", "作業ディレクトリ";
    w_directory: "a directory", "ディレクトリ";
    w_fifo: "a FIFO", "FIFO（名前付きパイプ）";
    w_device: "a device", "デバイス";
    w_socket: "a socket", "ソケット";
    w_not_a_file: "not a file", "ファイル以外";

    // Parsing (K0002–K0007).
    syntax: "syntax error: {error}", "構文エラー：{error}";
    syntax_help: "check brackets, commas and quotes near this position", "この位置付近の括弧・カンマ・引用符を確認してください";
    at_path: "{msg} (at `{path}`)", "{msg}（`{path}`）";
    wrong_value: "wrong value for `{path}`: {error}", "`{path}` の値が正しくありません：{error}";
    wrong_value_help: "see docs/scenario-format.md for the field's type", "フィールドの型は docs/scenario-format.md を参照してください";
    this_item: "this item", "この項目";
    this_value: "this value", "この値";
    unknown_field: "unknown field `{found}` in {within}", "{within} に不明なフィールド `{found}` があります";
    did_you_mean_fields: "did you mean `{s}`? valid fields: {list}", "`{s}` の誤りではありませんか？有効なフィールド：{list}";
    valid_fields: "valid fields: {list}", "有効なフィールド：{list}";
    missing_field: "missing field `{field}` in {within}", "{within} にフィールド `{field}` がありません";
    missing_field_help: "add `{field}: …`; see docs/scenario-format.md", "`{field}: …` を追加してください（docs/scenario-format.md を参照）";
    unknown_variant: "unknown variant `{found}` for {within}", "{within} に不明な値 `{found}` があります";
    did_you_mean_variants: "did you mean `{s}`? expected one of: {list}", "`{s}` の誤りではありませんか？次のいずれかを書きます：{list}";
    expected_one_of: "expected one of: {list}", "次のいずれかを書きます：{list}";
    expected_found: "expected {expected}, found {found}", "{expected} が必要ですが、{found} が書かれています";
    field_twice: "field `{field}` is given twice", "フィールド `{field}` が二度書かれています";
    field_twice_help: "remove one of them", "どちらか一方を削除してください";
    newer_format: "format {v} is newer than this kunren reads (format {current})", "形式 {v} は、この kunren が読める形式（{current}）より新しいものです";
    newer_format_help: "upgrade kunren, or ask the author for a format 1 file", "kunren を更新するか、作成者に形式 1 のファイルを依頼してください";
    format_unsupported: "format {format} is not supported (expected 1)", "形式 {format} には対応していません（1 が必要です）";
    format_help: "write `format: 1`", "`format: 1` と書いてください";

    // Ids and references (K0101–K0108).
    duplicate_id: "duplicate {kind} id `{id}`", "{kind}のID `{id}` が重複しています";
    duplicate_id_help: "every {kind} needs its own id", "{kind}にはそれぞれ別のIDが必要です";
    not_kebab: "{kind} id `{id}` is not kebab-case", "{kind}のID `{id}` がケバブケースではありません";
    not_kebab_help: "use lowercase letters, digits and single hyphens, e.g. `edr-alert`", "英小文字・数字・単独のハイフンを使ってください（例：`edr-alert`）";
    in_item: "{msg} (in {item})", "{msg}（{item} 内）";
    item_label: "{kind} `{id}`", "{kind} `{id}`";
    step_label: "reference step {n}", "模範対応の手順 {n}";
    unknown_ref: "unknown {kind} `{value}`", "不明な{kind} `{value}`";
    did_you_mean: "did you mean `{s}`?", "`{s}` の誤りではありませんか？";
    none_defined: "no {kind} is defined", "{kind}が一つも定義されていません";
    known_ids: "known {kind} ids: {list}", "既知の{kind}のID：{list}";
    chance_out: "{what} chance {value} is outside 0..1", "{what}の確率 {value} が 0..1 の範囲外です";
    chance_help: "write a probability such as 0.35", "0.35 のような確率を書いてください";
    what_control_detect: "control `{id}` detect", "統制 `{id}` の検知";
    what_backup_clean: "backup of `{id}` clean", "`{id}` のバックアップが無事である";
    what_action: "action `{id}`", "アクション `{id}`";
    what_hunt: "hunt", "脅威ハンティング";
    what_stage: "stage `{id}`", "攻撃段階 `{id}`";
    what_stage_stealth: "stage `{id}` stealth", "攻撃段階 `{id}` の隠密性";
    standard_role_missing: "standard role `{role}` is missing", "標準の役割 `{role}` がありません";
    standard_role_help: "the standard action catalogue assigns actions to exec, ciso, soc, it-ops, legal, comms", "標準のアクション一覧は exec、ciso、soc、it-ops、legal、comms にアクションを割り当てています";
    no_capacity: "role `{id}` has no capacity", "役割 `{id}` の対応力がゼロです";
    regime_no_source: "regime `{id}` does not cite its source", "制度 `{id}` に出典がありません";
    regime_no_source_help: "add `source: \"…\"`: the instrument, the articles or clauses, and its date", "`source: \"…\"` を追加してください（法令等の名称、条項、日付）";
    clock_no_met_by: "clock `{id}` has no `met_by` action", "報告期限 `{id}` に `met_by` のアクションがありません";
    clock_fixed_hours: "clock `{id}` is a {kind} but fixes `hours: Some({h})`", "報告期限 `{id}` は{kind}なのに `hours: Some({h})` を固定しています";
    clock_fixed_hours_help: "write `hours: None` so that each scenario sets it (`RegimeUse.hours`)", "各シナリオが設定できるよう `hours: None` と書いてください（`RegimeUse.hours`）";
    clock_no_basis: "clock `{id}` has a deadline its source does not state, and no `basis`", "報告期限 `{id}` の期限は出典に明記されていないのに、`basis` がありません";
    clock_no_basis_help: "add `basis: \"…\"`: the source's words and how the clock models them", "`basis: \"…\"` を追加してください（出典の文言と、期限がそれをどう表すか）";
    language_unsupported: "language `{lang}` is not supported", "言語 `{lang}` には対応していません";
    language_help: "use \"en\" or \"ja\"", "\"en\" または \"ja\" を使ってください";
    turns_zero: "max_turns and turn_minutes must be at least 1", "max_turns と turn_minutes は 1 以上にしてください";
    action_in_standard: "action `{id}` is already in the standard catalogue", "アクション `{id}` はすでに標準のアクション一覧にあります";
    action_in_standard_help: "give the scenario's action its own id", "シナリオのアクションには別のIDを付けてください";
    late_points_between: "regime `{id}`: `late_points` {late} must lie between `missed_points` {missed} and `points` {points}", "制度 `{id}`：`late_points` {late} は `missed_points` {missed} と `points` {points} の間にしてください";
    late_points_help: "a late report never scores more than one on time, nor less than a missed one", "遅れた報告の得点は、期限内の報告より多くも、未報告より少なくもなりません";
    clock_shorter_than_turn: "clock `{clock}` allows {hours} h, shorter than one turn ({minutes} min): it can only be met in the turn it starts", "報告期限 `{clock}` は {hours} 時間で、1ターン（{minutes}分）より短いため、始まったターンのうちにしか守れません";
    clock_shorter_help: "use shorter turns, or check the clock's hours", "ターンを短くするか、報告期限の時間を確認してください";
    starts_twice: "`{text}` happens twice in {zone} (the clocks go back): the first is used", "`{text}` は {zone} で二度あります（時計が戻るため）。最初の時刻を使います";
    starts_twice_help: "start an hour earlier or later to say which one you mean", "どちらか分かるよう1時間前後にずらしてください";
    starts_syntax: "`starts_at` `{text}` is not a date and time with a zone: {why}", "`starts_at` の `{text}` はタイムゾーン付きの日時ではありません：{why}";
    starts_form: "write a date, a time and an IANA zone: \"2025-05-07T09:00[Asia/Tokyo]\"", "日付・時刻・IANA タイムゾーンを書いてください：\"2025-05-07T09:00[Asia/Tokyo]\"";
    starts_no_zone: "no time zone: write it in brackets after the time", "タイムゾーンがありません。時刻の後に角括弧で書いてください";
    starts_no_bracket: "the time zone's `]` is missing", "タイムゾーンの `]` がありません";
    unknown_zone: "unknown time zone `{zone}` in `starts_at`", "`starts_at` に不明なタイムゾーン `{zone}` があります";
    unknown_zone_close: "did you mean `{close}`? Zones are IANA names such as Asia/Tokyo", "`{close}` の誤りではありませんか？タイムゾーンは Asia/Tokyo のような IANA 名です";
    unknown_zone_help: "use an IANA zone name such as Asia/Tokyo, Europe/Berlin or America/New_York", "Asia/Tokyo、Europe/Berlin、America/New_York のような IANA のタイムゾーン名を使ってください";
    starts_gap: "`{text}` does not exist in {zone}: the clocks jump forward over it", "`{text}` は {zone} には存在しません（時計がその時刻を飛ばして進みます）";
    starts_gap_help: "start an hour later (or earlier)", "1時間後（または前）に始めてください";
    attack_unknown: "`{id}` is not an ATT&CK technique (Enterprise or ICS, v{v})", "`{id}` は ATT&CK のテクニックではありません（Enterprise または ICS、v{v}）";
    attack_unknown_help: "look the technique up on attack.mitre.org and write its id, e.g. T1566.001 or T0836", "attack.mitre.org でテクニックを調べ、その ID を書いてください（例：T1566.001、T0836）";
    attack_replaced: "`{id}` ({name}) is {what} in ATT&CK v{v}: it is now {by} ({by_name})", "`{id}`（{name}）は ATT&CK v{v} で{what}となり、現在は {by}（{by_name}）です";
    attack_gone: "`{id}` ({name}) is {what} in ATT&CK v{v}, with no replacement", "`{id}`（{name}）は ATT&CK v{v} で{what}となり、後継はありません";
    attack_write: "write `technique: \"{id}\"`", "`technique: \"{id}\"` と書いてください";
    attack_choose: "choose a current technique on attack.mitre.org", "attack.mitre.org で現行のテクニックを選んでください";
    attack_wrong_tactic: "{id} {name} ({domain}) does not belong to the tactic {tactic}: its tactics are {tactics}", "{id} {name}（{domain}）は戦術 {tactic} に属しません。属する戦術は {tactics} です";
    attack_wrong_tactic_help: "write one of its tactics (`tactic: {first}`), or choose a technique of the tactic {tactic}", "属する戦術のいずれか（`tactic: {first}`）を書くか、戦術 {tactic} のテクニックを選んでください";
    not_attack_id: "`{id}` is not an ATT&CK technique id", "`{id}` は ATT&CK のテクニック ID ではありません";
    not_attack_id_help: "write T plus four digits, optionally a sub-technique: T1566 or T1566.001", "T と4桁の数字、必要ならサブテクニックを書いてください：T1566 または T1566.001";
    stage_after_itself: "stage `{id}` comes after itself", "攻撃段階 `{id}` が自分自身の後に続いています";
    stage_earliest_out: "stage `{id}` earliest turn {t} is outside 1..={max}", "攻撃段階 `{id}` の最早ターン {t} が 1..={max} の範囲外です";
    empty_reason_ja: "stage `{id}` has a modifier with an empty `reason_ja`", "攻撃段階 `{id}` の補正に空の `reason_ja` があります";
    empty_reason_ja_help: "give the reason in Japanese, or leave the field out", "理由を日本語で書くか、このフィールドを省いてください";
    negative_factor: "stage `{id}` has a negative modifier factor", "攻撃段階 `{id}` の補正係数が負です";
    inject_turn_out: "inject `{id}` fires at turn {t}, outside 1..={max}", "インジェクト `{id}` の発生ターン {t} が 1..={max} の範囲外です";
    inject_turn_help: "turns are numbered from 1 up to max_turns", "ターンは 1 から max_turns までの番号です";
    inject_after_itself: "inject `{id}` fires after itself and can never fire", "インジェクト `{id}` は自分自身の後に発生するため、決して発生しません";
    bad_default: "decision `{id}` defaults to `{default}`, which is not one of its options", "意思決定 `{id}` の既定値 `{default}` は選択肢にありません";
    options_list: "options: {list}", "選択肢：{list}";
    few_options: "decision `{id}` offers fewer than two options", "意思決定 `{id}` の選択肢が2つ未満です";
    within_zero: "expectation `{id}` has `within: 0`; allow at least one turn", "期待行動 `{id}` が `within: 0` です。1ターン以上にしてください";
    no_points: "expectation `{id}` awards no points", "期待行動 `{id}` に得点がありません";
    rule_positive: "rule `{id}` awards positive points every turn", "ルール `{id}` が毎ターン正の得点を与えています";
    rule_positive_help: "per-turn rules are penalties; use `apply: Once` or `AtEnd` for bonuses", "毎ターンのルールは減点用です。加点には `apply: Once` または `AtEnd` を使ってください";
    no_ending: "no ending is defined: every run ends at the turn limit", "結末が定義されていません。すべての実行がターン上限で終わります";
    step_turn_out: "reference step at turn {turn} is outside 1..={max}", "模範対応の手順のターン {turn} が 1..={max} の範囲外です";
    step_ground_truth: "reference step {n} waits on ground truth (`Reached` or `Compromised`)", "模範対応の手順 {n} がチームの知り得ない事実（`Reached` または `Compromised`）を待っています";
    step_ground_truth_help: "write `when` over what the team can know: Known, Injected, Flag, Chose, Did…", "`when` はチームが知り得ることで書いてください：Known、Injected、Flag、Chose、Did…";
    step_target_kind: "reference step `{action}` needs target kind {kind}", "模範対応の手順 `{action}` には種類 {kind} の対象が必要です";
    step_one_of: "each reference step needs exactly one of `action` or `choose`", "模範対応の各手順には `action` か `choose` のどちらか一方だけが必要です";
    flag_never_set: "flag `{flag}` is tested but nothing sets it", "フラグ `{flag}` が条件に使われていますが、どこでも設定されていません";
    flag_never_set_help: "set it with `SetFlag(..)` in an action, option, inject or stage, or fix the name", "アクション・選択肢・インジェクト・攻撃段階の `SetFlag(..)` で設定するか、名前を直してください";
    objective_unscored: "objective `{id}` has nothing that awards points", "目標 `{id}` に得点を与えるものがありません";
    empty_ja_field: "{kind} `{id}` has an empty `{field}`", "{kind} `{id}` の `{field}` が空です";
    empty_ja_field_help: "give the text in Japanese, or leave the field out", "日本語の文を書くか、このフィールドを省いてください";
    empty_capability: "objective `{id}` has an empty capability", "目標 `{id}` のコア・ケイパビリティが空です";
    empty_capability_help: "name a core capability, or leave the field out", "コア・ケイパビリティを書くか、このフィールドを省いてください";
    unknown_capability: "objective `{id}` names `{c}`, which is not one of the 32 core capabilities", "目標 `{id}` の `{c}` は32のコア・ケイパビリティのいずれでもありません";
    unknown_capability_help: "the HSEEP core capabilities are listed in docs/scenario-format.md; a capability of your own framework is fine", "HSEEP のコア・ケイパビリティは docs/scenario-format.md にあります。独自の枠組みのケイパビリティでも構いません";
    capability_ja_only: "objective `{id}` has `capability_ja` but no `capability`", "目標 `{id}` に `capability_ja` はあるのに `capability` がありません";
    capability_ja_only_help: "give the capability in English as well", "ケイパビリティを英語でも書いてください";
    empty_threat: "the threat is empty", "脅威が空です";
    empty_threat_help: "describe the threat or hazard, or leave the field out", "脅威やハザードを書くか、このフィールドを省いてください";
    inject_unreachable: "inject `{id}` is unreachable: its chain never starts", "インジェクト `{id}` には到達できません。その連鎖が始まりません";
    todo: "todo in `{owner}`: {text}", "`{owner}` の TODO：{text}";
    inline_regime_ids_differ: "the inline regime `{id}` is used as `{used}`: the ids differ", "インラインの制度 `{id}` が `{used}` として使われています。ID が異なります";
    inline_regime_ids_help: "give the regime `id: \"{used}\"`, the id its entry uses", "制度に、その適用の ID である `id: \"{used}\"` を付けてください";
    inline_regime_shipped: "the inline regime `{id}` has the id of a regime kunren ships", "インラインの制度 `{id}` の ID は kunren 同梱の制度と同じです";
    inline_regime_shipped_help: "use the shipped `{id}` without `regime:`, or give yours its own id (e.g. `{id}-local`)", "`regime:` なしで同梱の `{id}` を使うか、独自の ID（例：`{id}-local`）を付けてください";
    regime_file_id: "the regime file `regimes/{id}.ron` declares id `{declared}`; they must match", "制度ファイル `regimes/{id}.ron` の ID が `{declared}` です。一致させてください";
    unknown_regime: "unknown regime `{id}`", "不明な制度 `{id}`";
    unknown_regime_help: "built-in regimes: {list}; or write your own as `regimes/{id}.ron` beside the scenario", "同梱の制度：{list}。または、シナリオの横に `regimes/{id}.ron` として独自に書いてください";

    // Rehearsing the reference response (K0213–K0216).
    rh_step: "reference step {n} ({what}) cannot be played on time: {problem} (seeds {seeds}; turns {turns}: {example})", "模範対応の手順 {n}（{what}）を期限どおりに実施できません：{problem}（シード {seeds}、ターン {turns}：{example}）";
    rh_choose: "choose `{o}`", "`{o}` を選択";
    rh_capacity: "role `{role}` cannot afford it in the turn it falls due", "役割 `{role}` は期限のターンにその対応力がありません";
    rh_capacity_help: "give the role more capacity, move the step to a later `turn`, or list it after steps that can wait", "役割の対応力を増やすか、手順を後の `turn` に移すか、後回しにできる手順の後に並べてください";
    rh_precondition: "its action's precondition does not hold when it falls due", "期限のターンにアクションの前提条件が成り立ちません";
    rh_precondition_help: "make `when` wait for what the action requires, or drop the step", "アクションが必要とするものを `when` で待つか、手順を削除してください";
    rh_not_open: "its decision is not open when it falls due", "期限のターンに意思決定が受付中ではありません";
    rh_not_open_help: "check the decision's inject, its owner and `timeout_turns`", "意思決定のインジェクト、担当、`timeout_turns` を確認してください";
    rh_once: "its once-only action was already taken (by an earlier step)", "一度きりのアクションが（前の手順で）実施済みです";
    rh_once_help: "a once-only action can fulfil one step: remove the duplicate step", "一度きりのアクションで満たせる手順は一つです。重複する手順を削除してください";

    // Limits (K0109) and control characters (K0220).
    above_limit: "above the limit of {hi}", "上限 {hi} を超えています";
    below_limit: "below the limit of {lo}", "下限 {lo} を下回っています";
    int_out: "{what} {value} is {limit}", "{what} {value} は{limit}";
    int_out_help: "kunren refuses numbers beyond its limits (see docs/scenario-format.md, \"Limits\"); `{key}` may be {lo} to {hi}", "kunren は上限を超える数値を受け付けません（docs/scenario-format.md の \"Limits\" を参照）。`{key}` は {lo} から {hi} までです";
    float_out: "{what} {value} is outside {lo}..={hi}", "{what} {value} は {lo}..={hi} の範囲外です";
    float_out_help: "write a finite number within the limit (see docs/scenario-format.md, \"Limits\")", "上限内の有限の数値を書いてください（docs/scenario-format.md の \"Limits\" を参照）";
    what_field: "`{field}`", "`{field}`";
    what_item_field: "{kind} `{id}` `{field}`", "{kind} `{id}` の `{field}`";
    what_backup_field: "backup of `{id}` `{field}`", "`{id}` のバックアップの `{field}`";
    what_modifier_factor: "stage `{id}` modifier factor", "攻撃段階 `{id}` の補正係数";
    what_inject_turn: "inject `{id}` turn", "インジェクト `{id}` のターン";
    what_inject_delay: "inject `{id}` delay", "インジェクト `{id}` の遅延";
    what_threshold: "objective `{id}` threshold `{name}`", "目標 `{id}` のしきい値 `{name}`";
    what_step_turn: "reference step `turn`", "模範対応の手順の `turn`";
    what_impact: "{owner} `Impact` amount", "{owner} の `Impact` の額";
    score_span: "the score of this scenario could reach ±{span} over a drill, beyond the limit of ±{limit}", "このシナリオの得点は演習全体で ±{span} に達し得るため、上限 ±{limit} を超えます";
    score_span_help: "award fewer points, or fewer per-turn penalties over fewer turns", "得点を減らすか、毎ターンの減点を減らしてターン数も減らしてください";
    too_many_assets: "the organisation has {assets} assets with its groups expanded, beyond the limit of {limit}", "組織の資産はグループを展開すると {assets} 件になり、上限 {limit} を超えます";
    too_many_assets_help: "lower the `count` of its asset groups", "資産グループの `count` を減らしてください";
    control_char: "`{path}` holds the control character U+{code}", "`{path}` に制御文字 U+{code} が含まれています";
    control_char_help: "remove it: control characters (escape sequences, carriage returns, bidirectional overrides) are shown escaped, never sent to the terminal", "削除してください。制御文字（エスケープシーケンス、復帰、双方向テキストの上書き）は端末に送らず、エスケープして表示します";

    // What can never happen (K0221–K0225, K0234).
    never_turn: "`Turn({n})` never holds in a {max}-turn drill", "`Turn({n})` は {max} ターンの演習では決して成り立ちません";
    never_halted: "`Halted(\"{id}\")` never holds: stage `{id}` has no `halted_when`", "`Halted(\"{id}\")` は決して成り立ちません。攻撃段階 `{id}` に `halted_when` がありません";
    never_both: "`All` requires both `{cond}` and its negation", "`All` が `{cond}` とその否定の両方を求めています";
    never_help: "rewrite the condition so that some path of the drill can make it true", "演習のどこかの経路で成り立つよう条件を書き直してください";
    never_delivered: "inject `{id}` can never be delivered: {why}", "インジェクト `{id}` は決して配信されません：{why}";
    never_met: "expectation `{id}` can never be met: {why}", "期待行動 `{id}` は決して達成されません：{why}";
    never_start: "expectation `{id}` can never start: {why}", "期待行動 `{id}` は決して開始されません：{why}";
    due_after_end: "expectation `{id}` falls due in turn {due} (starting turn {t}, `within: {within}`), after the last turn {max}: it can never be scored", "期待行動 `{id}` の期限はターン {due}（開始ターン {t}、`within: {within}`）で、最終ターン {max} より後のため、決して採点されません";
    due_after_end_help: "shorten `within`, start it earlier, or lengthen the drill", "`within` を短くするか、開始を早めるか、演習を長くしてください";
    never_apply: "rule `{id}` can never apply: {why}", "ルール `{id}` は決して適用されません：{why}";
    never_reached: "ending `{id}` can never be reached: {why}", "結末 `{id}` には決して到達しません：{why}";
    stage_loop: "stage `{id}` waits on itself through `after`: {chain}", "攻撃段階 `{id}` が `after` を通じて自分自身を待っています：{chain}";
    stage_loop_help: "break the loop: the first stage of a chain has no `after`", "循環を断ってください。連鎖の最初の攻撃段階には `after` がありません";
    same_options: "options `{a}` and `{b}` of decision `{d}` change the same things and nothing reads which was chosen: the choice makes no difference", "意思決定 `{d}` の選択肢 `{a}` と `{b}` は同じものを変え、どちらが選ばれたかを読むものもないため、選択に意味がありません";
    same_options_help: "give each option its own effects, or score it (an expectation, rule or ending on `Chose(…)`)", "各選択肢に別の効果を与えるか、採点してください（`Chose(…)` を条件とする期待行動・ルール・結末）";
    if_never: "an `If` in {kind} `{id}` never applies its `then`: {why}", "{kind} `{id}` の `If` は `then` を決して適用しません：{why}";
    if_never_help: "rewrite its `when` so that some path of the drill can make it true, or keep only the `else` effects", "演習のどこかの経路で成り立つよう `when` を書き直すか、`else` の効果だけを残してください";
    team_started: "expectation `{id}` starts only on the team's own actions: taking them starts (and can score) it whatever the incident", "期待行動 `{id}` はチーム自身の行動だけで開始されます。インシデントに関係なく、その行動を取れば開始され（得点もでき）ます";
    team_started_help: "start it on what the team is told or finds (`Injected`, `Known`, a flag the attacker or an inject sets)", "チームが知らされること・見つけることで開始してください（`Injected`、`Known`、攻撃者やインジェクトが設定するフラグ）";

    // `kunren msel import` (K0401, K0403).
    msel_cell: "row {row}, column `{column}`: {msg}", "{row} 行目、列 `{column}`：{msg}";
    msel_bad_row: "cannot read the row: {error}", "行を読み込めません：{error}";
    msel_no_inject: "no inject `{id}` in the scenario", "シナリオにインジェクト `{id}` はありません";
    msel_no_inject_help: "import updates the injects the scenario has; add new ones in the scenario file", "取り込みで更新できるのはシナリオにあるインジェクトだけです。新しいインジェクトはシナリオファイルに追加してください";
    msel_unknown_channel: "unknown channel `{value}` (Alert, Email, Phone, Press, Attacker, Memo, Authority, Supplier)", "不明な配信手段 `{value}`（Alert、Email、Phone、Press、Attacker、Memo、Authority、Supplier のいずれか）";
    msel_bad_trigger: "not a trigger (`At(3)`, `After(\"inject\", 1)`, `When(…)`): {error}", "トリガーではありません（`At(3)`、`After(\"inject\", 1)`、`When(…)` など）：{error}";
    msel_not_yes_no: "`{value}` is not yes or no", "`{value}` は yes / no のどちらでもありません";
    msel_unreadable: "cannot read the sheet: {error}", "シートを読み込めません：{error}";
    msel_no_id_column: "the sheet has no `inject_id` column", "シートに `inject_id` 列がありません";
    msel_no_id_column_help: "export one with `kunren msel export SCENARIO` and edit that", "`kunren msel export SCENARIO` で書き出したシートを編集してください";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_japanese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// The text of a template without its `{name}` placeholders.
    fn words(s: &str) -> String {
        let mut out = s.to_string();
        for h in super::super::report::holes(s) {
            out = out.replace(&format!("{{{h}}}"), "");
        }
        out
    }

    /// Keys whose Japanese may rightly have no Japanese character: a template that is only
    /// placeholders and quoted RON.
    const NO_JAPANESE: &[&str] = &["item_label", "what_field"];

    #[test]
    fn every_entry_has_both_languages_and_the_same_placeholders() {
        let (en, ja) = (EN.entries(), JA.entries());
        assert_eq!(en.len(), ja.len());
        let mut problems = Vec::new();
        for ((name, e), (_, j)) in en.iter().zip(&ja) {
            if e.trim().is_empty() || j.trim().is_empty() {
                problems.push(format!("{name}: empty"));
            }
            if super::super::report::holes(e) != super::super::report::holes(j) {
                problems.push(format!("{name}: placeholders differ"));
            }
            if NO_JAPANESE.contains(name) {
                continue;
            }
            if e == j {
                problems.push(format!("{name}: the Japanese is the English"));
            } else if !words(j).chars().any(is_japanese) {
                problems.push(format!("{name}: no Japanese in {j:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_message_renders_its_arguments_in_the_language_asked() {
        let m = msg!(duplicate_id, kind = D::w_inject, id = "x{id}");
        assert_eq!(m.to_string(), "duplicate inject id `x{id}`");
        assert_eq!(
            m.in_lang(Lang::Ja),
            "インジェクトのID `x{id}` が重複しています"
        );
        let nested = msg!(
            in_item,
            msg = m.clone(),
            item = msg!(step_label, n = 2usize)
        );
        assert_eq!(
            nested.in_lang(Lang::Ja),
            "インジェクトのID `x{id}` が重複しています（模範対応の手順 2 内）"
        );
        assert_eq!(Msg::from("as given").in_lang(Lang::Ja), "as given");
        assert_eq!(
            serde_json::to_string(&m).expect("serialises"),
            "\"duplicate inject id `x{id}`\""
        );
    }
}
