//! The served drill's setup errors ([`crate::serve::error::SeatError`]) in every language:
//! what `kunren play --serve … --seat …` says when a seat's key file, a `--seat`
//! specification, a resumed drill's seats, the host key or the listener cannot be used,
//! English and Japanese side by side, as one [`Text`] per language. The English table is the
//! error's `Display`, word for word; named `{placeholders}` are filled by
//! [`super::report::fill`].

use std::fmt::Display;

use super::Lang;
use super::diagnostics::catalogue;
use crate::serve::error::{Listing, ResumeProblem, SeatError, SignIn, SpecProblem};
use crate::serve::seats::MAX_PUBKEY_BYTES;

impl Lang {
    /// The served drill's setup errors in this language.
    pub fn seat_errors(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

fn f(template: &str, args: &[(&str, &dyn Display)]) -> String {
    super::report::fill(template, args)
}

impl SignIn {
    /// How the seat signs in, in `lang` ("the key SHA256:…", "a join code").
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.seat_errors();
        match self {
            SignIn::Key(k) => f(t.with_key, &[("fingerprint", k)]),
            SignIn::Code => t.with_code.to_string(),
        }
    }
}

impl SpecProblem {
    /// What is wrong with the specification, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.seat_errors();
        match self {
            SpecProblem::NoName => t.no_name.to_string(),
            SpecProblem::ControlChar => t.control_char.to_string(),
            SpecProblem::Incomplete => t.incomplete.to_string(),
            SpecProblem::Language(l) => f(t.language, &[("lang", l)]),
            SpecProblem::Key(e) => e.message(lang),
        }
    }
}

impl Listing {
    /// The drill's seats, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.seat_errors();
        match self {
            Listing::Participants(people) => {
                let list: Vec<String> =
                    people.iter().map(|(n, r)| format!("\"{n}:{r}\"")).collect();
                f(t.listing_participants, &[("list", &list.join(", "))])
            }
            Listing::Seats(seats) => {
                let list: Vec<String> = seats
                    .iter()
                    .map(|(n, r, how)| {
                        f(
                            t.seat_with,
                            &[("name", n), ("role", r), ("how", &how.message(lang))],
                        )
                    })
                    .collect();
                f(t.listing_seats, &[("list", &list.join(", "))])
            }
        }
    }
}

impl ResumeProblem {
    /// What differs, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.seat_errors();
        match self {
            ResumeProblem::NotParticipant { name, role } => {
                f(t.not_participant, &[("name", name), ("role", role)])
            }
            ResumeProblem::OtherSignIn {
                name,
                role,
                was,
                now,
            } => f(
                t.other_sign_in,
                &[
                    ("name", name),
                    ("role", role),
                    ("was", &was.message(lang)),
                    ("how", &now.message(lang)),
                ],
            ),
            ResumeProblem::Missing { name, role } => {
                f(t.seat_missing, &[("name", name), ("role", role)])
            }
        }
    }
}

impl SeatError {
    /// The error in `lang`, its data (paths, specifications, roles, fingerprints, the
    /// system's error) as it is (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.seat_errors();
        match self {
            SeatError::CannotRead { path, error } => {
                f(t.cannot_read, &[("path", path), ("error", error)])
            }
            SeatError::NotAFile { path } => f(t.not_a_file, &[("path", path)]),
            SeatError::TooLarge { path, bytes } => f(
                t.too_large,
                &[("path", path), ("bytes", bytes), ("max", &MAX_PUBKEY_BYTES)],
            ),
            SeatError::NoKey { path } => f(t.no_key, &[("path", path)]),
            SeatError::NotAKey { path, error } => {
                f(t.not_a_key, &[("path", path), ("error", error)])
            }
            SeatError::BadSpec { spec, problem } => f(
                t.bad_seat,
                &[("spec", spec), ("why", &problem.message(lang))],
            ),
            SeatError::NoRole { spec, role, roles } => f(
                t.no_role,
                &[("spec", spec), ("role", role), ("roles", &roles.join(", "))],
            ),
            SeatError::SharedKey {
                spec,
                fingerprint,
                name,
                role,
            } => f(
                t.shared_key,
                &[
                    ("spec", spec),
                    ("fingerprint", fingerprint),
                    ("name", name),
                    ("role", role),
                ],
            ),
            SeatError::Resumed { problem, listing } => f(
                t.resumed,
                &[
                    ("why", &problem.message(lang)),
                    ("listing", &listing.message(lang)),
                ],
            ),
            SeatError::HostKeyRead { path, error } => {
                f(t.host_key_read, &[("path", path), ("error", error)])
            }
            SeatError::HostKeyNotFile { path, max } => {
                f(t.host_key_not_file, &[("path", path), ("max", max)])
            }
            SeatError::HostKeyInvalid { path, error } => {
                f(t.host_key_invalid, &[("path", path), ("error", error)])
            }
            SeatError::CannotCreate { dir, error } => {
                f(t.cannot_create, &[("dir", dir), ("error", error)])
            }
            SeatError::NoRandomness { error } => f(t.no_randomness, &[("error", error)]),
            SeatError::CannotEncode { error } => f(t.cannot_encode, &[("error", error)]),
            SeatError::HostKeyWrite { path, error } => {
                f(t.host_key_write, &[("path", path), ("error", error)])
            }
            SeatError::CannotListen { addr, error } => {
                f(t.cannot_listen, &[("addr", addr), ("error", error)])
            }
            SeatError::CannotStart { error } => f(t.cannot_start, &[("error", error)]),
        }
    }
}

catalogue! {
    K;
    // A seat's public key file.
    cannot_read: "cannot read {path}: {error}", "{path} を読み込めません：{error}";
    not_a_file: "{path} is not a regular file", "{path} は通常のファイルではありません";
    too_large: "{path} is {bytes} bytes: too large for an OpenSSH public key (at most {max})", "{path} は {bytes} バイトあり、OpenSSH の公開鍵としては大きすぎます（上限 {max} バイト）";
    no_key: "{path} holds no public key", "{path} に公開鍵がありません";
    not_a_key: "{path} is not an OpenSSH public key ({error}); give the .pub file `ssh-keygen -t ed25519` wrote", "{path} は OpenSSH の公開鍵ではありません（{error}）。`ssh-keygen -t ed25519` が書き出した .pub ファイルを指定してください";
    // A `--seat` specification.
    bad_seat: "--seat \"{spec}\": {why} (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)", "--seat \"{spec}\"：{why}（\"名前:ロール:鍵ファイル.pub\" または \"名前:ロール:code\" の形式で指定し、必要なら末尾に :en か :ja を付けてください）";
    no_name: "the participant's name is missing", "参加者の名前がありません";
    control_char: "the name holds a control character", "名前に制御文字が含まれています";
    incomplete: "a role and a key file or `code` are needed", "ロールと、鍵ファイルまたは `code` が必要です";
    language: "unsupported language `{lang}` (use en or ja)", "未対応の言語 `{lang}` です（en または ja を指定してください）";
    no_role: "--seat \"{spec}\": the organisation has no role `{role}` (roles: {roles})", "--seat \"{spec}\"：組織にロール `{role}` はありません（ロール: {roles}）";
    shared_key: "--seat \"{spec}\": the key {fingerprint} is already the key of {name} ({role}); each seat needs its own key", "--seat \"{spec}\"：鍵 {fingerprint} はすでに {name}（{role}）の鍵です。席ごとに別の鍵が必要です";
    // The seats of a resumed drill.
    resumed: "{why}; a resumed drill keeps the seats it was played with ({listing}) — give the same --seat flags as when it started", "{why}。再開した演習の席は記録時のままです（{listing}）。開始時と同じ --seat を指定してください";
    not_participant: "--seat \"{name}:{role}\": {name} ({role}) is not a participant of this drill", "--seat \"{name}:{role}\"：{name}（{role}）はこの演習の参加者ではありません";
    other_sign_in: "--seat \"{name}:{role}\": {name} signed in with {was} in this drill, not {how}", "--seat \"{name}:{role}\"：{name} はこの演習で {was} を使ってサインインしています（{how} ではありません）";
    seat_missing: "{name} ({role}) sat at a seat in this drill and has no --seat now", "{name}（{role}）はこの演習で席に着いていましたが、今回の --seat にありません";
    listing_participants: "its participants: {list}", "参加者：{list}";
    listing_seats: "its seats so far: {list}", "これまでの席：{list}";
    seat_with: "\"{name}:{role}\" with {how}", "\"{name}:{role}\"（{how} でサインイン）";
    with_key: "the key {fingerprint}", "鍵 {fingerprint}";
    with_code: "a join code", "参加コード";
    // The host key.
    host_key_read: "cannot read the host key {path}: {error}", "ホスト鍵 {path} を読み込めません：{error}";
    host_key_not_file: "the host key {path} is not a regular file of at most {max} bytes", "ホスト鍵 {path} が {max} バイト以下の通常のファイルではありません";
    host_key_invalid: "the host key {path} is not valid: {error}", "ホスト鍵 {path} は無効です：{error}";
    cannot_create: "cannot create {dir}: {error}", "{dir} を作成できません：{error}";
    no_randomness: "no randomness for the host key: {error}", "ホスト鍵の生成に使う乱数を得られません：{error}";
    cannot_encode: "cannot encode the host key: {error}", "ホスト鍵を符号化できません：{error}";
    host_key_write: "cannot write the host key {path}: {error}", "ホスト鍵 {path} を書き込めません：{error}";
    // The listener.
    cannot_listen: "cannot listen on {addr}: {error}", "{addr} で待ち受けできません：{error}";
    cannot_start: "cannot start the seats server: {error}", "席のサーバーを起動できません：{error}";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_string()
    }

    /// One error of every kind beside the English text it had as a literal before it was
    /// typed.
    fn all() -> Vec<(SeatError, &'static str)> {
        let p = s("/k/aoi.pub");
        let spec = |problem| SeatError::BadSpec {
            spec: s("Ken:soc:x"),
            problem,
        };
        let listing = Listing::Seats(vec![(s("Aoi"), s("soc"), SignIn::Key(s("SHA256:abc")))]);
        vec![
            (
                SeatError::CannotRead {
                    path: p.clone(),
                    error: s("gone"),
                },
                "cannot read /k/aoi.pub: gone",
            ),
            (
                SeatError::NotAFile { path: p.clone() },
                "/k/aoi.pub is not a regular file",
            ),
            (
                SeatError::TooLarge {
                    path: p.clone(),
                    bytes: 20000,
                },
                "/k/aoi.pub is 20000 bytes: too large for an OpenSSH public key (at most 16384)",
            ),
            (
                SeatError::NoKey { path: p.clone() },
                "/k/aoi.pub holds no public key",
            ),
            (
                SeatError::NotAKey {
                    path: p.clone(),
                    error: s("bad"),
                },
                "/k/aoi.pub is not an OpenSSH public key (bad); give the .pub file `ssh-keygen -t ed25519` wrote",
            ),
            (
                spec(SpecProblem::NoName),
                "--seat \"Ken:soc:x\": the participant's name is missing (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)",
            ),
            (
                spec(SpecProblem::ControlChar),
                "--seat \"Ken:soc:x\": the name holds a control character (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)",
            ),
            (
                spec(SpecProblem::Incomplete),
                "--seat \"Ken:soc:x\": a role and a key file or `code` are needed (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)",
            ),
            (
                spec(SpecProblem::Language(s("fr"))),
                "--seat \"Ken:soc:x\": unsupported language `fr` (use en or ja) (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)",
            ),
            (
                spec(SpecProblem::Key(Box::new(SeatError::NoKey {
                    path: p.clone(),
                }))),
                "--seat \"Ken:soc:x\": /k/aoi.pub holds no public key (use \"NAME:ROLE:KEYFILE.pub\" or \"NAME:ROLE:code\", optionally followed by :en or :ja)",
            ),
            (
                SeatError::NoRole {
                    spec: s("Ken:legal:code"),
                    role: s("legal"),
                    roles: vec![s("soc"), s("exec")],
                },
                "--seat \"Ken:legal:code\": the organisation has no role `legal` (roles: soc, exec)",
            ),
            (
                SeatError::SharedKey {
                    spec: s("B:exec:k.pub"),
                    fingerprint: s("SHA256:abc"),
                    name: s("A"),
                    role: s("soc"),
                },
                "--seat \"B:exec:k.pub\": the key SHA256:abc is already the key of A (soc); each seat needs its own key",
            ),
            (
                SeatError::Resumed {
                    problem: Box::new(ResumeProblem::NotParticipant {
                        name: s("Mei"),
                        role: s("soc"),
                    }),
                    listing: Listing::Participants(vec![(s("Aoi"), s("soc"))]),
                },
                "--seat \"Mei:soc\": Mei (soc) is not a participant of this drill; a resumed drill keeps the seats it was played with (its participants: \"Aoi:soc\") — give the same --seat flags as when it started",
            ),
            (
                SeatError::Resumed {
                    problem: Box::new(ResumeProblem::OtherSignIn {
                        name: s("Aoi"),
                        role: s("soc"),
                        was: SignIn::Key(s("SHA256:abc")),
                        now: SignIn::Code,
                    }),
                    listing: listing.clone(),
                },
                "--seat \"Aoi:soc\": Aoi signed in with the key SHA256:abc in this drill, not a join code; a resumed drill keeps the seats it was played with (its seats so far: \"Aoi:soc\" with the key SHA256:abc) — give the same --seat flags as when it started",
            ),
            (
                SeatError::Resumed {
                    problem: Box::new(ResumeProblem::Missing {
                        name: s("Aoi"),
                        role: s("soc"),
                    }),
                    listing,
                },
                "Aoi (soc) sat at a seat in this drill and has no --seat now; a resumed drill keeps the seats it was played with (its seats so far: \"Aoi:soc\" with the key SHA256:abc) — give the same --seat flags as when it started",
            ),
            (
                SeatError::HostKeyRead {
                    path: s("/h/k"),
                    error: s("gone"),
                },
                "cannot read the host key /h/k: gone",
            ),
            (
                SeatError::HostKeyNotFile {
                    path: s("/h/k"),
                    max: 16384,
                },
                "the host key /h/k is not a regular file of at most 16384 bytes",
            ),
            (
                SeatError::HostKeyInvalid {
                    path: s("/h/k"),
                    error: s("junk"),
                },
                "the host key /h/k is not valid: junk",
            ),
            (
                SeatError::CannotCreate {
                    dir: s("/h"),
                    error: s("denied"),
                },
                "cannot create /h: denied",
            ),
            (
                SeatError::NoRandomness { error: s("none") },
                "no randomness for the host key: none",
            ),
            (
                SeatError::CannotEncode { error: s("oops") },
                "cannot encode the host key: oops",
            ),
            (
                SeatError::HostKeyWrite {
                    path: s("/h/k"),
                    error: s("full"),
                },
                "cannot write the host key /h/k: full",
            ),
            (
                SeatError::CannotListen {
                    addr: s("127.0.0.1:22"),
                    error: s("in use"),
                },
                "cannot listen on 127.0.0.1:22: in use",
            ),
            (
                SeatError::CannotStart { error: s("no") },
                "cannot start the seats server: no",
            ),
        ]
    }

    #[test]
    fn the_english_is_the_old_text_and_the_japanese_differs_and_keeps_the_data() {
        for (e, old) in all() {
            assert_eq!(e.to_string(), old);
            assert_eq!(e.message(Lang::En), old);
            let ja = e.message(Lang::Ja);
            assert_ne!(ja, old);
            assert!(!ja.contains('{'), "{ja}");
            // Every path, specification, role, fingerprint and system error is kept.
            for data in [
                "/k/aoi.pub",
                "/h/k",
                "Ken:soc:x",
                "SHA256:abc",
                "legal",
                "gone",
            ] {
                assert_eq!(old.contains(data), ja.contains(data), "{data}: {ja}");
            }
        }
        let ja = SeatError::NoRole {
            spec: s("Ken:legal:code"),
            role: s("legal"),
            roles: vec![s("soc"), s("exec")],
        }
        .message(Lang::Ja);
        assert_eq!(
            ja,
            "--seat \"Ken:legal:code\"：組織にロール `legal` はありません（ロール: soc, exec）"
        );
    }

    #[test]
    fn every_seat_error_has_both_languages_and_the_same_placeholders() {
        crate::i18n::assert_complete("seat errors", &EN.entries(), &JA.entries());
    }
}
