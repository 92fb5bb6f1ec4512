//! `--seat` specifications: `NAME:ROLE:KEYFILE.pub[:LANG]` (the participant signs in with the
//! key whose public half is in the OpenSSH file) or `NAME:ROLE:code[:LANG]` (a one-time join
//! code shown on the facilitator's screen, typed at the keyboard-interactive prompt).

use russh::keys::ssh_key::{HashAlg, PublicKey};

use super::error::{Listing, ResumeProblem, SeatError, SignIn, SpecProblem};
use crate::tui::Lang;

/// Largest public key file read (an OpenSSH `.pub` line is well under 1 KiB).
pub const MAX_PUBKEY_BYTES: u64 = 16 * 1024;

/// How a seat signs in.
#[derive(Debug, Clone, PartialEq)]
pub enum SeatAuth {
    /// With this key (publickey authentication).
    Key {
        /// The public key.
        key: PublicKey,
        /// Its fingerprint, `SHA256:…` as OpenSSH prints it.
        fingerprint: String,
    },
    /// With a one-time join code (keyboard-interactive).
    Code,
}

/// One seat: a participant, their role, how they sign in and their language.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatSpec {
    /// The participant's name.
    pub name: String,
    /// The organisation role they play.
    pub role: String,
    /// How they sign in.
    pub auth: SeatAuth,
    /// Their screen's language (default: the console's).
    pub lang: Option<Lang>,
}

/// SHA-256 fingerprint of a public key as OpenSSH prints it (`SHA256:` and unpadded base64).
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Reads an OpenSSH public key file (one `ssh-ed25519 AAAA… comment` line), bounded.
pub fn read_public_key(path: &std::path::Path) -> Result<PublicKey, SeatError> {
    let shown = || path.display().to_string();
    let cannot_read = |e: std::io::Error| SeatError::CannotRead {
        path: shown(),
        error: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(SeatError::NotAFile { path: shown() });
    }
    if meta.len() > MAX_PUBKEY_BYTES {
        return Err(SeatError::TooLarge {
            path: shown(),
            bytes: meta.len(),
        });
    }
    let text = std::fs::read_to_string(path).map_err(cannot_read)?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or_else(|| SeatError::NoKey { path: shown() })?;
    PublicKey::from_openssh(line).map_err(|e| SeatError::NotAKey {
        path: shown(),
        error: e.to_string(),
    })
}

/// Parses one `--seat` against the organisation's roles (id, name), when given (else the
/// drill's start checks the role, as for any participant).
pub fn parse_seat(spec: &str, roles: Option<&[(String, String)]>) -> Result<SeatSpec, SeatError> {
    let bad = |problem: SpecProblem| {
        Err(SeatError::BadSpec {
            spec: spec.to_string(),
            problem,
        })
    };
    let mut parts = spec.splitn(3, ':');
    let name = parts.next().unwrap_or("").trim();
    let role = parts.next().unwrap_or("").trim();
    let rest = parts.next().unwrap_or("").trim();
    if name.is_empty() {
        return bad(SpecProblem::NoName);
    }
    if name.chars().any(char::is_control) {
        return bad(SpecProblem::ControlChar);
    }
    if role.is_empty() || rest.is_empty() {
        return bad(SpecProblem::Incomplete);
    }
    if let Some(roles) = roles
        && !roles.iter().any(|(id, _)| id == role)
    {
        return Err(SeatError::NoRole {
            spec: spec.to_string(),
            role: role.to_string(),
            roles: roles.iter().map(|(id, _)| id.clone()).collect(),
        });
    }
    let (what, lang) = match rest.rsplit_once(':') {
        Some((w, l)) if Lang::parse(l).is_some() => (w.trim(), Lang::parse(l)),
        Some((_, l)) if l.len() <= 3 && !l.contains('.') && !l.contains('/') => {
            return bad(SpecProblem::Language(l.to_string()));
        }
        _ => (rest, None),
    };
    let auth = if what == "code" {
        SeatAuth::Code
    } else {
        let key = match read_public_key(std::path::Path::new(what)) {
            Ok(k) => k,
            Err(e) => return bad(SpecProblem::Key(Box::new(e))),
        };
        SeatAuth::Key {
            fingerprint: fingerprint(&key),
            key,
        }
    };
    Ok(SeatSpec {
        name: name.to_string(),
        role: role.to_string(),
        auth,
        lang,
    })
}

/// Parses every `--seat`; two key seats may not share a key.
pub fn parse_seats(
    specs: &[String],
    roles: Option<&[(String, String)]>,
) -> Result<Vec<SeatSpec>, SeatError> {
    let mut out: Vec<SeatSpec> = Vec::new();
    for s in specs {
        let seat = parse_seat(s, roles)?;
        if let SeatAuth::Key { fingerprint: f, .. } = &seat.auth
            && let Some(other) = out
                .iter()
                .find(|o| matches!(&o.auth, SeatAuth::Key { fingerprint: g, .. } if g == f))
        {
            return Err(SeatError::SharedKey {
                spec: s.clone(),
                fingerprint: f.clone(),
                name: other.name.clone(),
                role: other.role.clone(),
            });
        }
        out.push(seat);
    }
    Ok(out)
}

/// On `kunren play --resume JOURNAL --serve …`: the seats must be the ones the drill was
/// played with, since its participants are fixed in the journal's header. Every `--seat` must
/// name a participant of the header (name and role); a participant who already sat at a seat
/// (their `seat_input` records, `signed`) must have one again, signing in the same way (the
/// same key's fingerprint, or a join code). The error names the journal's seats.
pub fn check_resumed(
    specs: &[SeatSpec],
    participants: &[(String, String)],
    signed: &[crate::records::SeatId],
) -> Result<(), SeatError> {
    let how = |s: &SeatSpec| match &s.auth {
        SeatAuth::Key { fingerprint, .. } => SignIn::Key(fingerprint.clone()),
        SeatAuth::Code => SignIn::Code,
    };
    let was = |id: &crate::records::SeatId| match (&id.key, &id.code) {
        (Some(k), _) => SignIn::Key(k.clone()),
        _ => SignIn::Code,
    };
    let mut recorded: Vec<(String, String, SignIn)> = Vec::new();
    for id in signed {
        let seat = (id.participant.clone(), id.role.clone(), was(id));
        if !recorded.contains(&seat) {
            recorded.push(seat);
        }
    }
    let listing = if recorded.is_empty() {
        Listing::Participants(participants.to_vec())
    } else {
        Listing::Seats(recorded)
    };
    let refuse = |problem: ResumeProblem| {
        Err(SeatError::Resumed {
            problem: Box::new(problem),
            listing: listing.clone(),
        })
    };
    for s in specs {
        if !participants
            .iter()
            .any(|(n, r)| *n == s.name && *r == s.role)
        {
            return refuse(ResumeProblem::NotParticipant {
                name: s.name.clone(),
                role: s.role.clone(),
            });
        }
        let before = signed
            .iter()
            .find(|id| id.participant == s.name && id.role == s.role);
        if let Some(id) = before {
            let same = match (&s.auth, &id.key) {
                (SeatAuth::Key { fingerprint, .. }, Some(k)) => fingerprint == k,
                (SeatAuth::Code, None) => true,
                _ => false,
            };
            if !same {
                return refuse(ResumeProblem::OtherSignIn {
                    name: s.name.clone(),
                    role: s.role.clone(),
                    was: was(id),
                    now: how(s),
                });
            }
        }
    }
    if let Some(id) = signed.iter().find(|id| {
        !specs
            .iter()
            .any(|s| s.name == id.participant && s.role == id.role)
    }) {
        return refuse(ResumeProblem::Missing {
            name: id.participant.clone(),
            role: id.role.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMjNXc6kHthwIltaQHO1IVKEC2JlXOorkEWEdP62cWrl aoi@example";

    fn roles() -> Vec<(String, String)> {
        vec![
            ("soc".into(), "SOC".into()),
            ("exec".into(), "Executive".into()),
        ]
    }

    #[test]
    fn key_and_code_seats_parse_with_their_language() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("aoi.pub");
        std::fs::write(&p, format!("{KEY}\n")).expect("write");
        let s = parse_seat(
            &format!("Aoi Tanaka:soc:{}:ja", p.display()),
            Some(&roles()),
        )
        .expect("seat");
        assert_eq!(s.name, "Aoi Tanaka");
        assert_eq!(s.lang, Some(Lang::Ja));
        let SeatAuth::Key { fingerprint, .. } = &s.auth else {
            panic!("a key seat");
        };
        // What `ssh-keygen -lf aoi.pub` prints for this key.
        assert_eq!(
            fingerprint,
            "SHA256:AakDWuuOb0Pa+ltaFFrrjDDct31N3cOsTQK6W6HiIxU"
        );
        let c = parse_seat("Ken Mori:exec:code", Some(&roles())).expect("code seat");
        assert_eq!(c.auth, SeatAuth::Code);
        assert_eq!(c.lang, None);
    }

    #[test]
    fn a_resumed_drill_keeps_its_seats() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("aoi.pub");
        std::fs::write(&p, KEY).expect("write");
        let aoi = parse_seat(&format!("Aoi Tanaka:soc:{}", p.display()), None).expect("aoi");
        let ken = parse_seat("Ken Mori:exec:code", None).expect("ken");
        let people = vec![
            ("Aoi Tanaka".to_string(), "soc".to_string()),
            ("Ken Mori".to_string(), "exec".to_string()),
        ];
        let SeatAuth::Key { fingerprint, .. } = &aoi.auth else {
            panic!("a key seat");
        };
        let signed = vec![crate::records::SeatId {
            key: Some(fingerprint.clone()),
            participant: "Aoi Tanaka".into(),
            role: "soc".into(),
            ..Default::default()
        }];
        // The same seats: fine (Ken never acted from his seat; a code seat either way).
        check_resumed(&[aoi.clone(), ken.clone()], &people, &signed).expect("same seats");
        // A newcomer is not a participant of the drill.
        let mei = parse_seat("Mei Ito:soc:code", None).expect("mei");
        let e = check_resumed(&[aoi.clone(), mei], &people, &signed)
            .expect_err("newcomer")
            .to_string();
        assert!(
            e.contains("Mei Ito (soc) is not a participant")
                && e.contains("\"Aoi Tanaka:soc\" with the key SHA256:"),
            "{e}"
        );
        // Aoi with a code instead of her key.
        let aoi_code = parse_seat("Aoi Tanaka:soc:code", None).expect("code");
        let e = check_resumed(&[aoi_code], &people, &signed)
            .expect_err("other sign-in")
            .to_string();
        assert!(e.contains("not a join code"), "{e}");
        // Aoi's seat left out.
        let e = check_resumed(&[ken], &people, &signed)
            .expect_err("missing")
            .to_string();
        assert!(e.contains("Aoi Tanaka (soc) sat at a seat"), "{e}");
        // Another key for Aoi.
        let other =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINuFBGIC+F94bBfLZqfvCRqlFpbqnTCbxCpH8ZYi0ICs x";
        std::fs::write(&p, other).expect("write");
        let aoi2 = parse_seat(&format!("Aoi Tanaka:soc:{}", p.display()), None).expect("aoi2");
        let e = check_resumed(&[aoi2], &people, &signed)
            .expect_err("other key")
            .to_string();
        assert!(e.contains("signed in with the key SHA256:"), "{e}");
    }

    #[test]
    fn a_bad_seat_reads_in_japanese_with_its_path_and_roles() {
        let e = parse_seat("Ken:soc:/nonexistent/k.pub", Some(&roles())).expect_err("no file");
        let ja = e.message(Lang::Ja);
        assert_ne!(ja, e.to_string());
        assert!(
            ja.contains("/nonexistent/k.pub") && ja.contains("を読み込めません"),
            "{ja}"
        );
        let e = parse_seat("Ken:legal:code", Some(&roles())).expect_err("unknown role");
        let ja = e.message(Lang::Ja);
        assert!(
            ja.contains("`legal`") && ja.contains("soc, exec") && ja.contains("組織にロール"),
            "{ja}"
        );
    }

    #[test]
    fn bad_seats_are_refused_with_a_reason() {
        let e = parse_seat("Ken:legal:code", Some(&roles()))
            .expect_err("unknown role")
            .to_string();
        assert!(
            e.contains("no role `legal`") && e.contains("soc, exec"),
            "{e}"
        );
        let e = parse_seat(":soc:code", Some(&roles()))
            .expect_err("no name")
            .to_string();
        assert!(e.contains("name is missing"), "{e}");
        let e = parse_seat("Ken:soc:/nonexistent/k.pub", Some(&roles()))
            .expect_err("no file")
            .to_string();
        assert!(e.contains("cannot read"), "{e}");
        let e = parse_seat("Ken:soc:code:fr", Some(&roles()))
            .expect_err("language")
            .to_string();
        assert!(e.contains("unsupported language `fr`"), "{e}");
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("junk.pub");
        std::fs::write(&p, "not a key").expect("write");
        let e = parse_seat(&format!("Ken:soc:{}", p.display()), Some(&roles()))
            .expect_err("junk")
            .to_string();
        assert!(e.contains("not an OpenSSH public key"), "{e}");
        std::fs::write(&p, KEY).expect("write");
        let spec = format!("A:soc:{}", p.display());
        let spec2 = format!("B:exec:{}", p.display());
        let e = parse_seats(&[spec, spec2], Some(&roles()))
            .expect_err("shared key")
            .to_string();
        assert!(e.contains("already the key of A"), "{e}");
    }
}
