//! Secrets: masks the servers echo (`[hidden]`, `****************`), config-provider
//! references (`${provider:path:key}`) and the secret-looking-name fallback.

use std::collections::BTreeMap;

use super::types::ConfigType;

/// What Apache echoes for a PASSWORD value (`Password.HIDDEN`). The form also uses it as the
/// "keep the stored secret" token in the raw editors.
pub const HIDDEN: &str = "[hidden]";

/// What diffs show instead of a secret value.
pub const DIFF_MASK: &str = "••••••";

/// True for a masked placeholder a server sends instead of a secret: Apache's `[hidden]` or
/// Confluent Cloud's run of asterisks (8 or more). Such a value is never sent back.
pub fn is_mask(value: &str) -> bool {
    let v = value.trim();
    v == HIDDEN || (v.len() >= 8 && v.bytes().all(|b| b == b'*'))
}

/// True if the value contains a config-provider reference `${provider:...}` (a `${`, a `:`
/// and a closing `}`), which the worker resolves at runtime. References are kept verbatim.
pub fn has_reference(value: &str) -> bool {
    reference_provider(value).is_some()
}

/// The provider name of the first `${provider:...}` reference in the value, e.g. `file` for
/// `${file:/etc/secrets.properties:db.password}`.
pub fn reference_provider(value: &str) -> Option<&str> {
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        let inner = &after[..end];
        if let Some(colon) = inner.find(':') {
            let provider = &inner[..colon];
            if !provider.is_empty() && !provider.contains(char::is_whitespace) {
                return Some(provider);
            }
        }
        rest = &after[end + 1..];
    }
    None
}

/// Key-name fragments that mark a value as secret when no definition says otherwise.
const SECRET_NAME_PARTS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "credential",
    "api.key",
    "apikey",
    "api_key",
    "access.key",
    "private.key",
    "privatekey",
    "jaas.config",
    "auth.info",
    "user.info",
    "keystore.key",
];

/// The fallback: a key whose name looks secret (`password`, `secret`, `token`, `api.key`,
/// `sasl.jaas.config`, ...). Case-insensitive; `-` and `_` count as `.`.
pub fn key_looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace(['-', '_'], ".");
    SECRET_NAME_PARTS
        .iter()
        .any(|p| k.contains(&p.replace('_', ".")))
}

/// Decides which keys are secret, from the definitions of the last validate response.
///
/// A key is secret when its definition type is `PASSWORD`; or its value holds a
/// `${provider:...}` reference; or its name looks secret ([`key_looks_secret`]) and it has no
/// definition, or a definition whose type can hold a secret (not a number, boolean, list,
/// class or enum).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecretPolicy {
    types: BTreeMap<String, ConfigType>,
}

impl SecretPolicy {
    /// A policy with no definitions: references and secret-looking names only.
    pub fn names_only() -> SecretPolicy {
        SecretPolicy::default()
    }

    /// A policy from `(key, type)` pairs.
    pub fn from_types<I: IntoIterator<Item = (String, ConfigType)>>(types: I) -> SecretPolicy {
        SecretPolicy {
            types: types.into_iter().collect(),
        }
    }

    /// A policy from a validate response's definitions.
    pub fn from_infos(infos: &crate::protocol::model::ConfigInfos) -> SecretPolicy {
        SecretPolicy::from_types(infos.configs.iter().filter_map(|c| {
            c.definition
                .as_ref()
                .map(|d| (d.name.clone(), ConfigType::parse(&d.kind)))
        }))
    }

    /// True if the key is secret by its definition or name, whatever its value.
    pub fn is_secret_key(&self, key: &str) -> bool {
        match self.types.get(key) {
            Some(ConfigType::Password) => true,
            Some(t) if t.is_never_secret() => false,
            _ => key_looks_secret(key),
        }
    }

    /// True if this key/value must be masked wherever it is displayed.
    pub fn is_secret(&self, key: &str, value: Option<&str>) -> bool {
        self.is_secret_key(key) || value.is_some_and(has_reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert!(is_mask("[hidden]"));
        assert!(is_mask("****************"));
        assert!(!is_mask("***"));
        assert!(!is_mask("hunter2"));
        assert!(!is_mask(""));
    }

    #[test]
    fn references() {
        assert_eq!(
            reference_provider("${file:/etc/s.properties:db.password}"),
            Some("file")
        );
        assert_eq!(reference_provider("${vault:secret/db:pw}"), Some("vault"));
        assert_eq!(
            reference_provider("jdbc:mysql://h/${env:DB}?x=1"),
            Some("env")
        );
        assert!(!has_reference("${nocolon}"));
        assert!(!has_reference("$x:y"));
        assert!(!has_reference("${file:unterminated"));
        assert!(!has_reference("plain"));
    }

    #[test]
    fn secret_names() {
        for k in [
            "database.password",
            "ssl.key.password",
            "aws.secret.access.key",
            "client_secret",
            "api.key",
            "producer.override.sasl.jaas.config",
            "github.token",
            "connection.API_KEY",
            "value.converter.basic.auth.user.info",
            "ssl.keystore.key",
        ] {
            assert!(key_looks_secret(k), "{k}");
        }
        for k in ["key.converter", "topic", "tasks.max", "name", "file"] {
            assert!(!key_looks_secret(k), "{k}");
        }
    }

    #[test]
    fn policy_prefers_definitions() {
        let p = SecretPolicy::from_types([
            ("conn.pw".to_string(), ConfigType::Password),
            ("token.ttl.ms".to_string(), ConfigType::Long),
            ("my.secret".to_string(), ConfigType::String),
        ]);
        assert!(p.is_secret_key("conn.pw"));
        assert!(!p.is_secret_key("token.ttl.ms"));
        assert!(p.is_secret_key("my.secret"));
        assert!(p.is_secret_key("undefined.password"));
        assert!(!p.is_secret_key("topic"));
        assert!(p.is_secret("topic", Some("${env:T}")));
    }
}
