//! The seat table the SSH server signs participants in against: which role a user name asks
//! for, which seat a key or a one-time join code opens, which connection holds each seat, and
//! the rate limit on refusals (so a scan of the port cannot flood the journal or the console).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use super::seats::{SeatAuth, SeatSpec};

/// Refusals of one address journaled one by one within [`WINDOW`]; more are folded into the
/// next record's `repeated` count.
pub const JOURNALED_PER_WINDOW: u32 = 5;
/// Failed sign-ins of one address within [`WINDOW`] after which it is refused at once.
pub const BLOCK_AFTER: u32 = 10;
/// The rate limit's window.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Why a connection was refused (the `reason` of a `seat_refused` record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The user name is not a role any seat plays.
    UnknownRole,
    /// No seat of that role has this key.
    UnknownKey,
    /// The join code is not the one shown for a code seat of that role (or was used).
    WrongCode,
    /// The seat is held by another connection (a code seat; a key seat moves to the newer
    /// connection instead).
    SeatTaken,
    /// Too many failed sign-ins from this address.
    RateLimited,
}

impl Refusal {
    /// The reason as journaled.
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::UnknownRole => "unknown_role",
            Refusal::UnknownKey => "unknown_key",
            Refusal::WrongCode => "wrong_code",
            Refusal::SeatTaken => "seat_taken",
            Refusal::RateLimited => "rate_limited",
        }
    }
}

/// A one-time join code: its id (journaled with every input made through it) and the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    /// `code-<seat>-<n>`: the n-th code issued for that seat.
    pub id: String,
    /// Eight digits, shown as `1234-5678`.
    pub code: String,
}

/// One seat of the table.
#[derive(Debug, Clone)]
pub struct Seat {
    /// What `--seat` said.
    pub spec: SeatSpec,
    /// The connection holding it.
    pub holder: Option<u64>,
    /// For a code seat: the code that opens it now (a new one is issued once it is used).
    pub code: Option<JoinCode>,
    /// For a code seat: the code the holder signed in with.
    pub used_code: Option<String>,
    issued: u32,
}

#[derive(Debug, Default)]
struct Peer {
    since: Option<Instant>,
    failures: u32,
    journaled: u32,
    folded: u32,
}

/// What the rate limit says of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journal {
    /// Journal it, with this many earlier refusals folded into it.
    Write(u32),
    /// Fold it into the next record of this address.
    Fold,
}

/// The seats and who holds them, shared by the server's connections and the console.
#[derive(Debug)]
pub struct SeatTable {
    /// The seats, in `--seat` order.
    pub seats: Vec<Seat>,
    peers: HashMap<IpAddr, Peer>,
}

/// A fresh eight-digit join code.
fn new_code() -> String {
    let mut b = [0u8; 8];
    // No randomness is a failure of the machine; a code of zeros would still be single use.
    let _ = getrandom::fill(&mut b);
    format!("{:08}", u64::from_le_bytes(b) % 100_000_000)
}

/// A code as typed: digits only (`1234-5678`, `1234 5678` and `12345678` are the same).
fn normalise(typed: &[u8]) -> String {
    typed
        .iter()
        .filter(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect()
}

impl SeatTable {
    /// The table of these seats; every code seat gets its first code.
    pub fn new(specs: Vec<SeatSpec>) -> Self {
        let mut t = SeatTable {
            seats: specs
                .into_iter()
                .map(|spec| Seat {
                    spec,
                    holder: None,
                    code: None,
                    used_code: None,
                    issued: 0,
                })
                .collect(),
            peers: HashMap::new(),
        };
        for i in 0..t.seats.len() {
            t.issue_code(i);
        }
        t
    }

    fn issue_code(&mut self, i: usize) {
        let s = &mut self.seats[i];
        if s.spec.auth == SeatAuth::Code {
            s.issued += 1;
            s.code = Some(JoinCode {
                id: format!("code-{}-{}", i + 1, s.issued),
                code: new_code(),
            });
        }
    }

    /// True when some seat plays this role (the SSH user name).
    pub fn has_role(&self, user: &str) -> bool {
        self.seats.iter().any(|s| s.spec.role == user)
    }

    /// True when a seat of this role has a join code.
    pub fn has_code_seat(&self, user: &str) -> bool {
        self.seats
            .iter()
            .any(|s| s.spec.role == user && s.spec.auth == SeatAuth::Code)
    }

    /// The key seat of this role with this key fingerprint, if any.
    pub fn key_seat(&self, user: &str, fingerprint: &str) -> Option<usize> {
        self.seats.iter().position(|s| {
            s.spec.role == user
                && matches!(&s.spec.auth, SeatAuth::Key { fingerprint: f, .. } if f == fingerprint)
        })
    }

    /// Gives the key seat to a connection whose key was verified. A seat held by another
    /// connection moves to this one (the key proves it is the same participant, whose old
    /// connection dropped or went stale); the hub closes the old one when this one joins.
    pub fn claim_key(
        &mut self,
        user: &str,
        fingerprint: &str,
        conn: u64,
    ) -> Result<usize, Refusal> {
        if !self.has_role(user) {
            return Err(Refusal::UnknownRole);
        }
        let i = self
            .key_seat(user, fingerprint)
            .ok_or(Refusal::UnknownKey)?;
        self.seats[i].holder = Some(conn);
        Ok(i)
    }

    /// Gives the code seat whose current code was typed to a connection; the code is used up
    /// and a new one is issued for a later reconnection.
    pub fn claim_code(&mut self, user: &str, typed: &[u8], conn: u64) -> Result<usize, Refusal> {
        if !self.has_code_seat(user) {
            return Err(if self.has_role(user) {
                Refusal::WrongCode
            } else {
                Refusal::UnknownRole
            });
        }
        let typed = normalise(typed);
        let i = self
            .seats
            .iter()
            .position(|s| {
                s.spec.role == user
                    && s.code.as_ref().is_some_and(|c| {
                        c.code.len() == typed.len()
                            && c.code
                                .bytes()
                                .zip(typed.bytes())
                                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                                == 0
                    })
            })
            .ok_or(Refusal::WrongCode)?;
        let i = self.take(i, conn)?;
        self.seats[i].used_code = self.seats[i].code.as_ref().map(|c| c.id.clone());
        self.issue_code(i);
        Ok(i)
    }

    fn take(&mut self, i: usize, conn: u64) -> Result<usize, Refusal> {
        match self.seats[i].holder {
            Some(h) if h != conn => Err(Refusal::SeatTaken),
            _ => {
                self.seats[i].holder = Some(conn);
                Ok(i)
            }
        }
    }

    /// True while this connection holds this seat (not once it moved to a newer connection).
    pub fn holds(&self, seat: usize, conn: u64) -> bool {
        self.seats.get(seat).is_some_and(|s| s.holder == Some(conn))
    }

    /// The language of a seat, when its `--seat` gave one.
    pub fn lang_of(&self, seat: usize) -> Option<crate::i18n::Lang> {
        self.seats.get(seat).and_then(|s| s.spec.lang)
    }

    /// The connection ended: its seat is free again. Returns the seat it held.
    pub fn release(&mut self, conn: u64) -> Option<usize> {
        let i = self.seats.iter().position(|s| s.holder == Some(conn))?;
        self.seats[i].holder = None;
        Some(i)
    }

    /// True when this address failed too often lately and is refused without a check.
    pub fn blocked(&mut self, ip: IpAddr, now: Instant) -> bool {
        let p = self.peers.entry(ip).or_default();
        if p.since.is_none_or(|t| now.duration_since(t) > WINDOW) {
            p.since = Some(now);
            p.failures = 0;
            p.journaled = 0;
        }
        p.failures >= BLOCK_AFTER
    }

    /// Counts a failed sign-in of this address.
    pub fn failed(&mut self, ip: IpAddr, now: Instant) {
        self.blocked(ip, now);
        if let Some(p) = self.peers.get_mut(&ip) {
            p.failures += 1;
        }
    }

    /// Whether a refusal of this address is journaled now or folded into a later record.
    pub fn journal(&mut self, ip: IpAddr, now: Instant) -> Journal {
        self.blocked(ip, now);
        let p = self.peers.entry(ip).or_default();
        if p.journaled < JOURNALED_PER_WINDOW {
            p.journaled += 1;
            let folded = std::mem::take(&mut p.folded);
            Journal::Write(folded)
        } else {
            p.folded += 1;
            Journal::Fold
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_seat(role: &str) -> SeatSpec {
        SeatSpec {
            name: "Ken Mori".into(),
            role: role.into(),
            auth: SeatAuth::Code,
            lang: None,
        }
    }

    #[test]
    fn a_join_code_opens_its_seat_once() {
        let mut t = SeatTable::new(vec![code_seat("exec")]);
        let code = t.seats[0].code.clone().expect("a code");
        assert_eq!(code.id, "code-1-1");
        assert_eq!(
            t.claim_code("exec", b"00000000x", 7),
            Err(Refusal::WrongCode)
        );
        assert_eq!(
            t.claim_code("soc", code.code.as_bytes(), 7),
            Err(Refusal::UnknownRole)
        );
        let typed = format!("{}-{}", &code.code[..4], &code.code[4..]);
        assert_eq!(t.claim_code("exec", typed.as_bytes(), 7), Ok(0));
        assert_eq!(t.seats[0].used_code.as_deref(), Some("code-1-1"));
        let next = t.seats[0].code.clone().expect("a new code");
        assert_eq!(next.id, "code-1-2");
        assert_eq!(t.release(7), Some(0));
        // The used code opens nothing any more (unless the new one happens to be equal).
        if next.code != code.code {
            assert_eq!(
                t.claim_code("exec", code.code.as_bytes(), 8),
                Err(Refusal::WrongCode)
            );
        }
        assert_eq!(t.claim_code("exec", next.code.as_bytes(), 8), Ok(0));
        assert_eq!(
            t.claim_code(
                "exec",
                t.seats[0].code.clone().expect("c").code.as_bytes(),
                9
            ),
            Err(Refusal::SeatTaken)
        );
    }

    #[test]
    fn a_key_seat_moves_to_a_new_connection_with_the_same_key() {
        const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMjNXc6kHthwIltaQHO1IVKEC2JlXOorkEWEdP62cWrl aoi@example";
        let key = russh::keys::ssh_key::PublicKey::from_openssh(KEY).expect("key");
        let fingerprint = crate::serve::seats::fingerprint(&key);
        let spec = SeatSpec {
            name: "Aoi Tanaka".into(),
            role: "soc".into(),
            auth: SeatAuth::Key {
                key,
                fingerprint: fingerprint.clone(),
            },
            lang: None,
        };
        let mut t = SeatTable::new(vec![spec]);
        assert_eq!(t.claim_key("soc", &fingerprint, 1), Ok(0));
        assert!(t.holds(0, 1));
        // The first connection dropped without a word: the same key takes the seat over.
        assert_eq!(t.claim_key("soc", &fingerprint, 2), Ok(0));
        assert!(t.holds(0, 2) && !t.holds(0, 1));
        // The old connection's end frees nothing: it no longer holds the seat.
        assert_eq!(t.release(1), None);
        assert!(t.holds(0, 2));
        assert_eq!(
            t.claim_key("soc", "SHA256:other", 3),
            Err(Refusal::UnknownKey)
        );
        assert_eq!(t.release(2), Some(0));
    }

    #[test]
    fn refusals_are_rate_limited_per_address() {
        let mut t = SeatTable::new(vec![code_seat("exec")]);
        let ip: IpAddr = "127.0.0.1".parse().expect("ip");
        let now = Instant::now();
        for _ in 0..JOURNALED_PER_WINDOW {
            assert_eq!(t.journal(ip, now), Journal::Write(0));
        }
        assert_eq!(t.journal(ip, now), Journal::Fold);
        assert_eq!(t.journal(ip, now), Journal::Fold);
        for _ in 0..BLOCK_AFTER {
            assert!(!t.blocked(ip, now));
            t.failed(ip, now);
        }
        assert!(t.blocked(ip, now));
        let later = now + WINDOW + Duration::from_secs(1);
        assert!(!t.blocked(ip, later), "the window passed");
        assert_eq!(t.journal(ip, later), Journal::Write(2), "two were folded");
    }
}
