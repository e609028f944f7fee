//! Config diffs (added / changed / removed, secrets masked) and the three-way check "the live
//! config changed since the form was opened".

use serde::{Deserialize, Serialize};

use super::secret::{SecretPolicy, DIFF_MASK};
use crate::protocol::model::ConfigMap;

/// What happened to a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// One changed key, ready to display: secret values are already replaced by
/// [`DIFF_MASK`] (`secret: true`), so the view can print `old`/`new` as they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffEntry {
    pub key: String,
    pub kind: ChangeKind,
    /// `None` for [`ChangeKind::Added`].
    pub old: Option<String>,
    /// `None` for [`ChangeKind::Removed`].
    pub new: Option<String>,
    /// The key or either value is secret; `old`/`new` are masked.
    pub secret: bool,
}

/// Keys added, changed and removed from `old` to `new`, sorted by key, secrets masked per the
/// policy (PASSWORD definitions, `${...}` references on either side, secret-looking names).
pub fn diff(old: &ConfigMap, new: &ConfigMap, policy: &SecretPolicy) -> Vec<DiffEntry> {
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for key in keys {
        let (o, n) = (old.get(key), new.get(key));
        let kind = match (o, n) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            (Some(a), Some(b)) if a != b => ChangeKind::Changed,
            _ => continue,
        };
        let secret = policy.is_secret(key, o.map(String::as_str))
            || policy.is_secret(key, n.map(String::as_str));
        let mask = |v: Option<&String>| {
            v.map(|v| {
                if secret {
                    DIFF_MASK.to_string()
                } else {
                    v.clone()
                }
            })
        };
        out.push(DiffEntry {
            key: key.clone(),
            kind,
            old: mask(o),
            new: mask(n),
            secret,
        });
    }
    out
}

/// A key both the server and the user changed, differently, since the form was opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub key: String,
    /// Values are masked when secret, like [`DiffEntry`].
    pub base: Option<String>,
    pub live: Option<String>,
    pub mine: Option<String>,
    pub secret: bool,
}

/// "The live config changed since the form was opened".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveChanges {
    /// base → live: what someone else changed on the server.
    pub server_changes: Vec<DiffEntry>,
    /// Keys changed on both sides to different values.
    pub conflicts: Vec<Conflict>,
}

impl LiveChanges {
    /// True when the live config still equals the base.
    pub fn unchanged(&self) -> bool {
        self.server_changes.is_empty()
    }
}

/// Compares the config when the form was opened (`base`), the server's config now (`live`)
/// and the user's (`mine`). A key conflicts when `base != live`, `base != mine` and
/// `live != mine` (both sides changed it, differently). A key changed identically on both
/// sides is not a conflict.
pub fn live_changes(
    base: &ConfigMap,
    live: &ConfigMap,
    mine: &ConfigMap,
    policy: &SecretPolicy,
) -> LiveChanges {
    let server_changes = diff(base, live, policy);
    let mut conflicts = Vec::new();
    for change in &server_changes {
        let key = &change.key;
        let (b, l, m) = (base.get(key), live.get(key), mine.get(key));
        if b != m && l != m {
            let secret = [b, l, m]
                .iter()
                .any(|v| policy.is_secret(key, v.map(String::as_str)));
            let mask = |v: Option<&String>| {
                v.map(|v| {
                    if secret {
                        DIFF_MASK.to_string()
                    } else {
                        v.clone()
                    }
                })
            };
            conflicts.push(Conflict {
                key: key.clone(),
                base: mask(b),
                live: mask(l),
                mine: mask(m),
                secret,
            });
        }
    }
    LiveChanges {
        server_changes,
        conflicts,
    }
}

/// Which side wins a conflicting key in [`three_way_merge`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prefer {
    Mine,
    Live,
}

/// Rebases the user's edit onto the live config: keys the user did not touch take the live
/// value (including keys added or removed on the server); keys the user changed keep the
/// user's value; conflicts follow `prefer`.
pub fn three_way_merge(
    base: &ConfigMap,
    live: &ConfigMap,
    mine: &ConfigMap,
    prefer: Prefer,
) -> ConfigMap {
    let mut out = ConfigMap::new();
    let keys: std::collections::BTreeSet<&String> =
        base.keys().chain(live.keys()).chain(mine.keys()).collect();
    for key in keys {
        let (b, l, m) = (base.get(key), live.get(key), mine.get(key));
        let pick = if b == m {
            l // untouched by me: the server's value
        } else if b == l || l == m {
            m // only I changed it (or both identically)
        } else {
            match prefer {
                Prefer::Mine => m,
                Prefer::Live => l,
            }
        };
        if let Some(v) = pick {
            out.insert(key.clone(), v.clone());
        }
    }
    out
}

/// After a create whose answer was lost (network error, timeout, 5xx): does the connector the
/// server now has carry exactly the config that was sent? Every sent key must be there with the
/// same value; the only key the server may add is `name` (Kafka Connect stores it in the
/// config), and a sent `name` may come back trimmed.
pub fn created_as_sent(sent: &ConfigMap, live: &ConfigMap) -> bool {
    let same_name = |a: &str, b: &str| a == b || a.trim() == b;
    sent.iter().all(|(k, v)| match live.get(k) {
        Some(l) if k == "name" => same_name(v, l),
        Some(l) => l == v,
        None => false,
    }) && live.keys().all(|k| k == "name" || sent.contains_key(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::types::ConfigType;

    fn map(pairs: &[(&str, &str)]) -> ConfigMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn diff_kinds_and_masking() {
        let policy = SecretPolicy::from_types([("conn.pw".to_string(), ConfigType::Password)]);
        let old = map(&[
            ("a", "1"),
            ("gone", "x"),
            ("conn.pw", "old-secret"),
            ("ref", "${file:/s:k}"),
            ("same", "s"),
        ]);
        let new = map(&[
            ("a", "2"),
            ("added", "y"),
            ("conn.pw", "new-secret"),
            ("ref", "plain-now"),
            ("same", "s"),
            ("x.api.key", "k"),
        ]);
        let d = diff(&old, &new, &policy);
        let keys: Vec<_> = d.iter().map(|e| (e.key.as_str(), e.kind)).collect();
        assert_eq!(
            keys,
            vec![
                ("a", ChangeKind::Changed),
                ("added", ChangeKind::Added),
                ("conn.pw", ChangeKind::Changed),
                ("gone", ChangeKind::Removed),
                ("ref", ChangeKind::Changed),
                ("x.api.key", ChangeKind::Added),
            ]
        );
        let text = format!("{d:?}");
        for secret in ["old-secret", "new-secret", "${file", "plain-now", "\"k\""] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert_eq!(d[0].old.as_deref(), Some("1"));
        assert_eq!(d[0].new.as_deref(), Some("2"));
        assert!(d[2].secret && d[4].secret && d[5].secret && !d[0].secret);
    }

    #[test]
    fn conflicts_and_merge() {
        let p = SecretPolicy::names_only();
        let base = map(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")]);
        let live = map(&[("a", "2"), ("b", "2"), ("c", "1"), ("d", "1"), ("e", "new")]);
        let mine = map(&[("a", "1"), ("b", "3"), ("c", "9"), ("d", "1")]);
        let r = live_changes(&base, &live, &mine, &p);
        assert_eq!(r.server_changes.len(), 3); // a, b, e
        assert_eq!(r.conflicts.len(), 1);
        assert_eq!(r.conflicts[0].key, "b");
        assert_eq!(r.conflicts[0].mine.as_deref(), Some("3"));
        assert!(!r.unchanged());

        let merged = three_way_merge(&base, &live, &mine, Prefer::Mine);
        assert_eq!(
            merged,
            map(&[("a", "2"), ("b", "3"), ("c", "9"), ("d", "1"), ("e", "new")])
        );
        assert_eq!(three_way_merge(&base, &live, &mine, Prefer::Live)["b"], "2");

        // Same change on both sides: no conflict.
        let mine2 = map(&[("a", "2"), ("b", "1"), ("c", "1"), ("d", "1")]);
        assert!(live_changes(&base, &live, &mine2, &p).conflicts.is_empty());
        // Deleted on the server, changed by me: conflict.
        let live3 = map(&[("a", "1"), ("b", "1"), ("c", "1")]);
        let mine3 = map(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "5")]);
        let r3 = live_changes(&base, &live3, &mine3, &p);
        assert_eq!(r3.conflicts[0].key, "d");
        assert_eq!(r3.conflicts[0].live, None);
    }
}
