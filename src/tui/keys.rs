//! The console's keys: one table from which the key → [`Msg`] mapping, the hint bar and the
//! help screen are all generated.
//!
//! Each [`Binding`] is one row of the help screen: the keys it lists, each with the input
//! context it applies in and the message it sends, the help text (English and Japanese), and
//! the hint-bar entries it shows. A key may appear in several rows (Tab moves between panels,
//! fields and sections); in any one context it always sends the same message (a test checks).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Panel};
use super::i18n::Lang;
use super::msg::InputContext::{self, Command as Cmd, Confirm, Text};
use super::msg::Msg;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character typed without Ctrl or Alt (Shift is part of the character).
    Char(char),
    /// Ctrl and a letter (either case).
    Ctrl(char),
    /// Any character: what a text field takes (sends [`Msg::Char`]).
    AnyChar,
    /// Enter.
    Enter,
    /// Esc.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// ↑.
    Up,
    /// ↓.
    Down,
    /// ←.
    Left,
    /// →.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// A function key.
    F(u8),
}

impl Key {
    /// The key's name on the help screen and the hint bar.
    pub fn name(self) -> String {
        match self {
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => "a–z …".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Backspace => "Backspace".into(),
            Key::Delete => "Del".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::F(n) => format!("F{n}"),
        }
    }
}

/// Where a key of a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// In every input context (navigation, Enter, Esc, F1, Ctrl-C).
    All,
    /// In one input context only.
    In(InputContext),
}

impl Where {
    fn applies(self, ctx: InputContext) -> bool {
        match self {
            Where::All => true,
            Where::In(c) => c == ctx,
        }
    }
}

/// A section of the help screen: the screen (or kind of window) its keys are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The console screen.
    Console,
    /// Dialogs, pickers and overlays over the console.
    Dialogs,
    /// The setup screen.
    Setup,
    /// The hotwash screen.
    Hotwash,
}

impl Section {
    /// Every section, in help-screen order.
    pub const ALL: [Section; 4] = [
        Section::Console,
        Section::Dialogs,
        Section::Setup,
        Section::Hotwash,
    ];

    /// The section's title.
    pub fn title(self, lang: Lang) -> &'static str {
        pick(
            lang,
            match self {
                Section::Console => ["Console", "コンソール"],
                Section::Dialogs => ["Dialogs and pickers", "ダイアログと選択画面"],
                Section::Setup => ["Setup screen", "設定画面"],
                Section::Hotwash => ["Hotwash screen", "振り返り画面"],
            },
        )
    }
}

/// When a hint shows on the console's key bar (and then only if its key is valid now: see
/// [`valid_now`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// On the console, no dialog open, the drill not paused.
    Console,
    /// On the console while the drill is paused.
    Paused,
    /// While a dialog, picker or overlay is open over the console.
    Overlay,
    /// Always, at the end of the bar (kept when the bar is short of room).
    Always,
    /// On the hotwash's section for the earlier drills' items (`--register DIR`).
    Earlier,
}

/// An entry of the key bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// When it shows.
    pub when: When,
    /// Its label (English, Japanese).
    pub label: [&'static str; 2],
    /// A shorter label for a narrow terminal (English, Japanese).
    pub short: [&'static str; 2],
}

impl Hint {
    /// A hint with its label and short label.
    pub const fn new(when: When, label: [&'static str; 2], short: [&'static str; 2]) -> Hint {
        Hint { when, label, short }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binding {
    /// The keys, each with where it applies and the message it sends.
    pub keys: &'static [(Key, Where, Msg)],
    /// The help section the row is listed in.
    pub section: Section,
    /// What the keys do (English, Japanese).
    pub text: [&'static str; 2],
    /// Hint-bar entries.
    pub hints: &'static [Hint],
}

impl Binding {
    /// The keys as the help screen lists them (an upper-case letter is left out when its
    /// lower case is listed: both work).
    pub fn keys_label(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        for (k, _, _) in self.keys {
            if let Key::Char(c) = k
                && c.is_uppercase()
                && self
                    .keys
                    .iter()
                    .any(|(x, _, _)| *x == Key::Char(c.to_ascii_lowercase()))
            {
                continue;
            }
            let n = k.name();
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names.join(" ")
    }

    /// The key as the hint bar shows it: the first, or a range of digits (`1-4`).
    pub fn hint_key(&self) -> String {
        let digits: Vec<char> = self
            .keys
            .iter()
            .filter_map(|(k, _, _)| match k {
                Key::Char(c) if c.is_ascii_digit() => Some(*c),
                _ => None,
            })
            .collect();
        if digits.len() > 1 && digits.len() == self.keys.len() {
            return format!("{}-{}", digits[0], digits[digits.len() - 1]);
        }
        self.keys.first().map(|k| k.0.name()).unwrap_or_default()
    }
}

fn pick(lang: Lang, text: [&'static str; 2]) -> &'static str {
    match lang {
        Lang::En => text[0],
        Lang::Ja => text[1],
    }
}

/// A binding's help text in a language.
pub fn text(b: &Binding, lang: Lang) -> &'static str {
    pick(lang, b.text)
}

/// A hint's label in a language.
pub fn label(h: &Hint, lang: Lang) -> &'static str {
    pick(lang, h.label)
}

/// A hint's short label in a language.
pub fn short_label(h: &Hint, lang: Lang) -> &'static str {
    pick(lang, h.short)
}

const NONE: &[Hint] = &[];

/// Every key of the console, in help-screen order within each section.
pub const BINDINGS: &[Binding] = &[
    // ── console ──
    Binding {
        keys: &[
            (Key::Char('a'), Where::In(Cmd), Msg::OpenActions),
            (Key::Char('/'), Where::In(Cmd), Msg::OpenActions),
            (Key::Char('+'), Where::In(Cmd), Msg::OpenActions),
        ],
        section: Section::Console,
        text: [
            "add actions (type to filter, pick role and target)",
            "対応を追加（入力で絞り込み、ロールと対象を選択）",
        ],
        hints: &[Hint::new(When::Console, ["act", "対応"], ["act", "対応"])],
    },
    Binding {
        keys: &[(Key::Char('u'), Where::In(Cmd), Msg::Undo)],
        section: Section::Console,
        text: [
            "undo the last queued action",
            "直前に登録した対応を取り消す",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Char('x'), Where::In(Cmd), Msg::Withdraw),
            (Key::Delete, Where::All, Msg::Delete),
        ],
        section: Section::Console,
        text: [
            "withdraw the selected queued action (Actions panel)",
            "選択した対応を取り消す（対応パネル）",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Char('e'), Where::In(Cmd), Msg::AskEndTurn)],
        section: Section::Console,
        text: [
            "end the turn (asks to confirm), then see its resolution",
            "ターンを終了（確認あり）し、結果を表示",
        ],
        hints: &[Hint::new(
            When::Console,
            ["end turn", "ターン終了"],
            ["end", "終了"],
        )],
    },
    Binding {
        keys: &[(Key::Char('d'), Where::In(Cmd), Msg::OpenDecision)],
        section: Section::Console,
        text: ["open decisions", "未決の判断を開く"],
        hints: &[Hint::new(
            When::Console,
            ["decide", "判断"],
            ["decide", "判断"],
        )],
    },
    Binding {
        keys: &[(Key::Char('r'), Where::In(Cmd), Msg::ShowResolution)],
        section: Section::Console,
        text: [
            "show the last turn's resolution again",
            "直前のターンの結果を再表示",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Char('f'), Where::In(Cmd), Msg::OpenFire)],
        section: Section::Console,
        text: [
            "fire an extra inject from the MSEL",
            "MSEL から追加のインジェクトを投入",
        ],
        hints: &[Hint::new(
            When::Console,
            ["fire inject", "投入"],
            ["fire", "投入"],
        )],
    },
    Binding {
        keys: &[(Key::Char('o'), Where::In(Cmd), Msg::OpenOverride)],
        section: Section::Console,
        text: [
            "override a score line, with a reason",
            "理由を添えてスコア行を修正",
        ],
        hints: &[Hint::new(
            When::Console,
            ["override", "修正"],
            ["score", "修正"],
        )],
    },
    Binding {
        keys: &[(Key::Char('n'), Where::In(Cmd), Msg::OpenNote)],
        section: Section::Console,
        text: ["add a facilitator note", "ファシリテーターメモを追加"],
        hints: &[
            Hint::new(When::Console, ["note", "メモ"], ["note", "メモ"]),
            Hint::new(When::Paused, ["note", "メモ"], ["note", "メモ"]),
        ],
    },
    Binding {
        keys: &[(Key::Char('m'), Where::In(Cmd), Msg::OpenCorrect)],
        section: Section::Console,
        text: [
            "correct a decision, override or note recorded by mistake (a new record says who and why)",
            "誤って記録した判断・採点の修正・メモを訂正（誰が・なぜを新しい記録に残す）",
        ],
        hints: &[
            Hint::new(When::Console, ["correct", "訂正"], ["fix", "訂正"]),
            Hint::new(When::Paused, ["correct", "訂正"], ["fix", "訂正"]),
        ],
    },
    Binding {
        keys: &[(Key::Char('s'), Where::In(Cmd), Msg::OpenSeats)],
        section: Section::Console,
        text: [
            "served drill: the seats (who is connected, ready, what each queued; host key, join codes)",
            "SSH 席: 接続中・準備完了・登録した対応、ホスト鍵、参加コード",
        ],
        hints: &[
            Hint::new(When::Console, ["seats", "席"], ["seats", "席"]),
            Hint::new(When::Paused, ["seats", "席"], ["seats", "席"]),
        ],
    },
    Binding {
        keys: &[(Key::Char('h'), Where::In(Cmd), Msg::AskHint)],
        section: Section::Console,
        text: [
            "practice: show the model answer's next step for your roles (journaled; may cost points)",
            "練習: 担当ロールの模範対応の次の手順を表示（記録され、減点の場合あり）",
        ],
        hints: &[Hint::new(
            When::Console,
            ["hint", "ヒント"],
            ["hint", "ヒント"],
        )],
    },
    Binding {
        keys: &[(Key::Enter, Where::All, Msg::Enter)],
        section: Section::Console,
        text: [
            "once the drill has ended: the hotwash (in practice, the result first)",
            "演習の終了後: 振り返りへ（練習では先に結果）",
        ],
        hints: &[Hint::new(
            When::Console,
            ["hotwash", "振り返り"],
            ["hotwash", "振返"],
        )],
    },
    Binding {
        keys: &[(Key::Char('p'), Where::In(Cmd), Msg::TogglePause)],
        section: Section::Console,
        text: ["pause / resume", "一時停止 / 再開"],
        hints: &[
            Hint::new(When::Console, ["pause", "停止"], ["pause", "停止"]),
            Hint::new(When::Paused, ["resume", "再開"], ["resume", "再開"]),
        ],
    },
    Binding {
        keys: &[(Key::Char('c'), Where::In(Cmd), Msg::ToggleControl)],
        section: Section::Console,
        text: [
            "toggle the control view (truth, hidden progress, rolls)",
            "統制ビュー（実際の状態・隠れた進行・出目）の切替",
        ],
        hints: &[
            Hint::new(
                When::Console,
                ["control view", "統制ビュー"],
                ["ctrl", "統制"],
            ),
            Hint::new(
                When::Paused,
                ["control view", "統制ビュー"],
                ["ctrl", "統制"],
            ),
            Hint::new(
                When::Overlay,
                ["control view", "統制ビュー"],
                ["ctrl", "統制"],
            ),
        ],
    },
    Binding {
        keys: &[
            (Key::Char('1'), Where::In(Cmd), Msg::Focus(Panel::Injects)),
            (Key::Char('2'), Where::In(Cmd), Msg::Focus(Panel::Board)),
            (Key::Char('3'), Where::In(Cmd), Msg::Focus(Panel::Actions)),
            (Key::Char('4'), Where::In(Cmd), Msg::Focus(Panel::Score)),
        ],
        section: Section::Console,
        text: [
            "switch panel (the tab shown on small terminals)",
            "パネル切替（小さい端末ではタブ）",
        ],
        hints: &[Hint::new(
            When::Console,
            ["panels", "パネル"],
            ["tab", "パネル"],
        )],
    },
    Binding {
        keys: &[
            (Key::Tab, Where::All, Msg::Tab),
            (Key::BackTab, Where::All, Msg::BackTab),
        ],
        section: Section::Console,
        text: ["next / previous panel", "次 / 前のパネル"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Up, Where::All, Msg::Up),
            (Key::Down, Where::All, Msg::Down),
            (Key::PageUp, Where::All, Msg::PageUp),
            (Key::PageDown, Where::All, Msg::PageDown),
        ],
        section: Section::Console,
        text: [
            "scroll the focused panel / select in the queue",
            "パネルのスクロール / 対応一覧の選択",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Home, Where::All, Msg::Home),
            (Key::End, Where::All, Msg::End),
        ],
        section: Section::Console,
        text: [
            "to the top / bottom of the panel or the queue",
            "パネルや対応一覧の先頭 / 末尾へ",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Char('j'), Where::In(Cmd), Msg::Down),
            (Key::Char('k'), Where::In(Cmd), Msg::Up),
        ],
        section: Section::Console,
        text: ["down / up, like ↓ ↑", "↓ ↑ と同じ"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Char('?'), Where::In(Cmd), Msg::Help),
            (Key::Char('?'), Where::In(Confirm), Msg::Help),
            (Key::F(1), Where::All, Msg::Help),
        ],
        section: Section::Console,
        text: [
            "this help (F1 also where letters are typed)",
            "このヘルプ（F1 は文字入力中も）",
        ],
        hints: &[Hint::new(
            When::Always,
            ["help", "ヘルプ"],
            ["help", "ヘルプ"],
        )],
    },
    Binding {
        keys: &[(Key::Char('q'), Where::In(Cmd), Msg::AskQuit)],
        section: Section::Console,
        text: [
            "leave: suspend (resume later), end the drill (seal), hotwash first, or cancel",
            "終了: 中断して後で再開・演習を終了して封印・先に振り返り・取消 から選択",
        ],
        hints: &[Hint::new(When::Always, ["quit", "終了"], ["quit", "退出"])],
    },
    Binding {
        keys: &[(Key::Ctrl('c'), Where::All, Msg::Interrupt)],
        section: Section::Console,
        text: [
            "the same choice as q; a second Ctrl-C suspends (nothing is sealed)",
            "q と同じ選択画面。もう一度 Ctrl-C で中断（封印しません）",
        ],
        hints: NONE,
    },
    // ── dialogs and pickers ──
    Binding {
        keys: &[(Key::Esc, Where::All, Msg::Esc)],
        section: Section::Dialogs,
        text: ["close the overlay or dialog", "ダイアログを閉じる"],
        hints: &[Hint::new(
            When::Overlay,
            ["close", "閉じる"],
            ["close", "閉じる"],
        )],
    },
    Binding {
        keys: &[(Key::Enter, Where::All, Msg::Enter)],
        section: Section::Dialogs,
        text: ["choose / confirm / record", "選択 / 確定 / 記録"],
        hints: &[Hint::new(When::Overlay, ["choose", "決定"], ["ok", "決定"])],
    },
    Binding {
        keys: &[
            (Key::Char('y'), Where::In(Confirm), Msg::Confirm),
            (Key::Char('Y'), Where::In(Confirm), Msg::Confirm),
            (Key::Char('y'), Where::In(Cmd), Msg::Confirm),
        ],
        section: Section::Dialogs,
        text: [
            "confirm (end turn, a decision, the highlighted way to leave)",
            "確定（ターン終了・判断・選択中の終了方法）",
        ],
        hints: &[Hint::new(When::Overlay, ["yes", "はい"], ["yes", "はい"])],
    },
    Binding {
        keys: &[
            (Key::Char('n'), Where::In(Confirm), Msg::Esc),
            (Key::Char('N'), Where::In(Confirm), Msg::Esc),
        ],
        section: Section::Dialogs,
        text: [
            "no (as Esc) to a yes/no question",
            "確認に「いいえ」（Esc と同じ）",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Char('h'), Where::In(Confirm), Msg::Hotwash),
            (Key::Char('H'), Where::In(Confirm), Msg::Hotwash),
        ],
        section: Section::Dialogs,
        text: ["when leaving: the hotwash first", "終了時: 先に振り返り"],
        hints: &[Hint::new(
            When::Overlay,
            ["hotwash", "振り返り"],
            ["hotwash", "振返"],
        )],
    },
    Binding {
        keys: &[
            (Key::Char('s'), Where::In(Confirm), Msg::Suspend),
            (Key::Char('S'), Where::In(Confirm), Msg::Suspend),
        ],
        section: Section::Dialogs,
        text: [
            "when leaving: suspend — the journal stays unsealed, `kunren play --resume` continues",
            "終了時: 中断 — 記録は封印せず、`kunren play --resume` で再開",
        ],
        hints: &[Hint::new(
            When::Overlay,
            ["suspend", "中断"],
            ["suspend", "中断"],
        )],
    },
    Binding {
        keys: &[
            (Key::Char('e'), Where::In(Confirm), Msg::EndDrill),
            (Key::Char('E'), Where::In(Confirm), Msg::EndDrill),
        ],
        section: Section::Dialogs,
        text: [
            "when leaving: end the drill and seal the journal (aborted unless it reached an ending)",
            "終了時: 演習を終了して記録を封印（終了条件に未到達なら「中断」）",
        ],
        hints: &[Hint::new(
            When::Overlay,
            ["end drill", "演習終了"],
            ["end", "終了"],
        )],
    },
    Binding {
        keys: &[
            (Key::Up, Where::All, Msg::Up),
            (Key::Down, Where::All, Msg::Down),
            (Key::Left, Where::All, Msg::Left),
            (Key::Right, Where::All, Msg::Right),
        ],
        section: Section::Dialogs,
        text: [
            "move the selection; ←→ change the role or the decision",
            "選択の移動。←→ でロールや判断を切替",
        ],
        hints: &[Hint::new(When::Overlay, ["move", "移動"], ["move", "移動"])],
    },
    Binding {
        keys: &[(Key::AnyChar, Where::In(Text), Msg::Char(' '))],
        section: Section::Dialogs,
        text: ["type to filter or write", "入力で絞り込み・記入"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Backspace, Where::All, Msg::Backspace),
            (Key::Delete, Where::All, Msg::Delete),
        ],
        section: Section::Dialogs,
        text: [
            "delete before / at the cursor",
            "カーソルの前 / 位置の文字を削除",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Home, Where::All, Msg::Home),
            (Key::End, Where::All, Msg::End),
        ],
        section: Section::Dialogs,
        text: [
            "to the start / end of the text field",
            "入力欄の先頭 / 末尾へ",
        ],
        hints: NONE,
    },
    // ── setup ──
    Binding {
        keys: &[
            (Key::Tab, Where::All, Msg::Tab),
            (Key::Down, Where::All, Msg::Down),
        ],
        section: Section::Setup,
        text: ["next field", "次の項目"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::BackTab, Where::All, Msg::BackTab),
            (Key::Up, Where::All, Msg::Up),
        ],
        section: Section::Setup,
        text: ["previous field", "前の項目"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Left, Where::All, Msg::Left),
            (Key::Right, Where::All, Msg::Right),
        ],
        section: Section::Setup,
        text: [
            "choose the scenario or the language",
            "シナリオや言語の選択",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Enter, Where::All, Msg::Enter)],
        section: Section::Setup,
        text: [
            "start the drill (the defaults work)",
            "演習を開始（既定値のままで可）",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Esc, Where::All, Msg::Esc)],
        section: Section::Setup,
        text: [
            "leave without starting (nothing is recorded)",
            "開始せずに終了（何も記録されません）",
        ],
        hints: NONE,
    },
    // ── hotwash ──
    Binding {
        keys: &[
            (Key::Tab, Where::All, Msg::Tab),
            (Key::Down, Where::All, Msg::Down),
        ],
        section: Section::Hotwash,
        text: ["next section", "次の項目"],
        hints: &[Hint::new(
            When::Earlier,
            ["section", "項目"],
            ["section", "項目"],
        )],
    },
    Binding {
        keys: &[
            (Key::BackTab, Where::All, Msg::BackTab),
            (Key::Up, Where::All, Msg::Up),
        ],
        section: Section::Hotwash,
        text: ["previous section", "前の項目"],
        hints: NONE,
    },
    Binding {
        keys: &[
            (Key::Left, Where::All, Msg::Left),
            (Key::Right, Where::All, Msg::Right),
        ],
        section: Section::Hotwash,
        text: [
            "choose the improvement item's objective (and other choices); an earlier drill's item: done, in progress or dropped",
            "改善項目の目標などを選択。前回までの改善項目: 完了・対応中・取り止め",
        ],
        hints: &[Hint::new(
            When::Earlier,
            ["done / in progress / dropped", "完了／対応中／取り止め"],
            ["status", "状況"],
        )],
    },
    Binding {
        keys: &[
            (Key::PageUp, Where::All, Msg::PageUp),
            (Key::PageDown, Where::All, Msg::PageDown),
        ],
        section: Section::Hotwash,
        text: [
            "select a recorded strength, area or item (to edit or remove it), or an open item of an earlier drill (to mark it); scroll the ratings",
            "記録済みの良かった点・改善点・改善項目を選択（修正・削除用）、前回までの未完了の改善項目を選択（状況の記録用）。評価一覧のスクロール",
        ],
        hints: &[Hint::new(When::Earlier, ["item", "項目"], ["item", "項目"])],
    },
    Binding {
        keys: &[(Key::Ctrl('e'), Where::All, Msg::EditEntry)],
        section: Section::Hotwash,
        text: [
            "edit the selected entry: Enter records the new version and a correction of the old one",
            "選択した記入を修正: Enter で新しい内容と元の記入の訂正を記録",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Ctrl('x'), Where::All, Msg::RemoveEntry)],
        section: Section::Hotwash,
        text: [
            "remove the selected entry (asks why; recorded as a correction, the entry stays in the journal)",
            "選択した記入を削除（理由を入力。訂正として記録し、元の記録は残ります）",
        ],
        hints: NONE,
    },
    Binding {
        keys: &[(Key::Enter, Where::All, Msg::Enter)],
        section: Section::Hotwash,
        text: [
            "record the line (each entry is journaled at once; an earlier drill's item: its status, then the note); on Seal, seal",
            "行を記録（入力ごとに記録。前回までの改善項目は状況、次にメモ）。「封印」で封印",
        ],
        hints: &[Hint::new(
            When::Earlier,
            ["note, then record", "メモ、記録"],
            ["record", "記録"],
        )],
    },
    Binding {
        keys: &[(Key::Esc, Where::All, Msg::Esc)],
        section: Section::Hotwash,
        text: ["seal and leave (asks)", "封印して終了（確認あり）"],
        hints: &[Hint::new(
            When::Earlier,
            ["leave", "終了"],
            ["leave", "終了"],
        )],
    },
];

/// The key a terminal event names, or `None` for keys the console has no use for (Alt+letter
/// is handled before, as Esc then the letter).
fn pressed(key: &KeyEvent) -> Option<Key> {
    let mods = key.modifiers;
    if mods.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char(c) => Some(Key::Ctrl(c.to_ascii_lowercase())),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(_) if mods.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => Key::BackTab,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

/// The message a key press sends in an input context, from the table; `None` for keys that
/// mean nothing there.
pub fn lookup(ctx: InputContext, key: &KeyEvent) -> Option<Msg> {
    let k = pressed(key)?;
    let applicable = || {
        BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter())
            .filter(|(_, w, _)| w.applies(ctx))
    };
    if let Some((_, _, m)) = applicable().find(|(x, _, _)| *x == k) {
        return Some(*m);
    }
    match k {
        Key::Char(c) => applicable()
            .find(|(x, _, _)| *x == Key::AnyChar)
            .map(|_| Msg::Char(c)),
        _ => None,
    }
}

/// Hint-bar entries: the key as shown, and the hint.
pub type Hints = Vec<(String, Hint)>;

/// The hint-bar entries for a running or paused drill, in table order, then those shown always
/// (every entry of the table, whether its key is valid now or not; see [`bar`]).
pub fn hints(paused: bool) -> (Hints, Hints) {
    let want = if paused { When::Paused } else { When::Console };
    let collect = |when: When| {
        BINDINGS
            .iter()
            .flat_map(|b| {
                b.hints
                    .iter()
                    .filter(move |h| h.when == when)
                    .map(move |h| (b.hint_key(), *h))
            })
            .collect::<Vec<_>>()
    };
    (collect(want), collect(When::Always))
}

/// True when `msg` would do something now, on the console as it is: the key bar shows only
/// these keys (and the console refuses the others with a message).
pub fn valid_now(app: &App, msg: Msg) -> bool {
    let model = app.model.as_ref();
    let over = model.is_some_and(|m| m.over);
    let practice = app.practice.is_some();
    let running = !over && !app.paused;
    match msg {
        Msg::OpenActions | Msg::AskEndTurn => running,
        Msg::OpenDecision => !app.paused && model.is_some_and(|m| !m.team().decisions.is_empty()),
        Msg::OpenFire => running && !practice && model.is_some_and(|m| !m.msel.is_empty()),
        Msg::OpenOverride => {
            !app.paused && !practice && model.is_some_and(|m| !m.lines().is_empty())
        }
        Msg::OpenCorrect => super::correct::has_correctable(app),
        Msg::ToggleControl => !practice && app.help.is_none() && app.leave.is_none(),
        Msg::AskHint => practice && running,
        Msg::OpenSeats => app.serve.is_some(),
        Msg::TogglePause => !over,
        Msg::Enter if app.overlay.is_none() => over,
        Msg::AskQuit => app.overlay.is_none() && app.help.is_none() && app.leave.is_none(),
        Msg::Confirm => {
            app.leave.is_some()
                || matches!(
                    app.overlay,
                    Some(super::app::Overlay::EndTurn)
                        | Some(super::app::Overlay::Hint(super::app::HintDialog {
                            shown: None,
                            ..
                        }))
                        | Some(super::app::Overlay::Decision {
                            confirming: true,
                            ..
                        })
                )
        }
        Msg::Suspend | Msg::EndDrill => app.leave.is_some(),
        Msg::Hotwash => app
            .leave
            .as_ref()
            .is_some_and(|d| d.choices.contains(&super::app::LeaveChoice::Hotwash)),
        Msg::ShowResolution => !app.reports.is_empty(),
        _ => true,
    }
}

/// The key bar of the console as it is now: each hint of the table for this moment (console,
/// paused or a dialog open) whose key works in the current input context and does something
/// now ([`valid_now`]), with the key that sends it here (`F1` for help while typing), then
/// those shown always. The panel keys are left out while the tab bar shows them.
pub fn bar(app: &App) -> (Hints, Hints) {
    let ctx = super::msg::context(app);
    let want = if app.overlay.is_some() || app.leave.is_some() || app.help.is_some() {
        When::Overlay
    } else if app.paused {
        When::Paused
    } else {
        When::Console
    };
    let tabs_shown =
        !super::view::is_wide(ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1));
    let mut now: Hints = Vec::new();
    let mut always: Hints = Vec::new();
    for b in BINDINGS {
        if b.section != Section::Console && b.section != Section::Dialogs {
            continue;
        }
        let Some((key, _, msg)) = b.keys.iter().find(|(_, w, _)| w.applies(ctx)) else {
            continue;
        };
        let panels = matches!(msg, Msg::Focus(_));
        if (panels && tabs_shown) || !valid_now(app, *msg) {
            continue;
        }
        let arrows =
            b.keys.iter().any(|k| k.0 == Key::Up) && b.keys.iter().any(|k| k.0 == Key::Down);
        let shown = if panels {
            b.hint_key()
        } else if arrows {
            "↑↓".to_string()
        } else {
            key.name()
        };
        for h in b.hints {
            if h.when == want {
                now.push((shown.clone(), *h));
            } else if h.when == When::Always {
                always.push((shown.clone(), *h));
            }
        }
    }
    (now, always)
}

/// The key bar of the hotwash's section for the earlier drills' items, from the table: each
/// hint for that section with its keys (`←→`, `PgUp/PgDn` for a pair), in full when it fits in
/// `width` columns, else with the short labels.
pub fn earlier_bar(lang: Lang, width: usize) -> String {
    let entries: Vec<(String, &Hint)> = BINDINGS
        .iter()
        .filter(|b| b.section == Section::Hotwash)
        .flat_map(|b| {
            let has = |k: Key| b.keys.iter().any(|x| x.0 == k);
            let key = if has(Key::Left) && has(Key::Right) {
                "←→".to_string()
            } else if has(Key::PageUp) && has(Key::PageDown) {
                "PgUp/PgDn".to_string()
            } else {
                b.hint_key()
            };
            b.hints
                .iter()
                .filter(|h| h.when == When::Earlier)
                .map(move |h| (key.clone(), h))
        })
        .collect();
    let join = |short: bool| {
        entries
            .iter()
            .map(|(k, h)| {
                let l = if short {
                    short_label(h, lang)
                } else {
                    label(h, lang)
                };
                format!("{k} {l}")
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let full = join(false);
    if unicode_width::UnicodeWidthStr::width(full.as_str()) <= width {
        full
    } else {
        join(true)
    }
}

/// The rows of a help section: keys as listed, and the binding.
pub fn help_rows(section: Section) -> impl Iterator<Item = (String, &'static Binding)> {
    BINDINGS
        .iter()
        .filter(move |b| b.section == section)
        .map(|b| (b.keys_label(), b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTEXTS: [InputContext; 3] = [Cmd, Text, Confirm];

    #[test]
    fn a_key_sends_one_message_per_context() {
        for ctx in CONTEXTS {
            let keys: Vec<(Key, Msg)> = BINDINGS
                .iter()
                .flat_map(|b| b.keys.iter())
                .filter(|(_, w, _)| w.applies(ctx))
                .map(|(k, _, m)| (*k, *m))
                .collect();
            for (k, m) in &keys {
                for (k2, m2) in &keys {
                    assert!(
                        k != k2 || m == m2,
                        "{k:?} sends {m:?} and {m2:?} in {ctx:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn labels_come_from_the_table() {
        let panels = BINDINGS
            .iter()
            .find(|b| b.keys[0].2 == Msg::Focus(Panel::Injects))
            .expect("panels row");
        assert_eq!(panels.hint_key(), "1-4");
        assert_eq!(panels.keys_label(), "1 2 3 4");
        let confirm = BINDINGS
            .iter()
            .find(|b| b.keys[0].2 == Msg::Confirm)
            .expect("confirm row");
        assert_eq!(confirm.keys_label(), "y", "Y works too, listed once");
        let (running, always) = hints(false);
        let keys: Vec<&str> = running.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "a", "e", "d", "f", "o", "n", "m", "s", "h", "Enter", "p", "c", "1-4"
            ]
        );
        let keys: Vec<&str> = always.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["?", "q"]);
        let (paused, _) = hints(true);
        let labels: Vec<&str> = paused.iter().map(|(_, h)| label(h, Lang::En)).collect();
        assert_eq!(
            labels,
            ["note", "correct", "seats", "resume", "control view"]
        );
    }

    #[test]
    fn the_earlier_items_bar_comes_from_the_table() {
        assert_eq!(
            earlier_bar(Lang::En, 200),
            "Tab section · ←→ done / in progress / dropped · PgUp/PgDn item · Enter note, then record · Esc leave"
        );
        assert_eq!(
            earlier_bar(Lang::En, 60),
            "Tab section · ←→ status · PgUp/PgDn item · Enter record · Esc leave"
        );
        assert!(earlier_bar(Lang::Ja, 200).contains("完了／対応中／取り止め"));
    }

    #[test]
    fn every_section_has_rows_and_every_text_both_languages() {
        for s in Section::ALL {
            assert!(help_rows(s).count() > 0, "{s:?}");
        }
        for b in BINDINGS {
            assert!(!b.text[0].is_empty() && !b.text[1].is_empty());
            for h in b.hints {
                assert!(!h.label[0].is_empty() && !h.label[1].is_empty());
                assert!(!h.short[0].is_empty() && !h.short[1].is_empty());
            }
        }
    }
}
