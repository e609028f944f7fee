//! Cloning a connector's config under a new name, with notes on keys that usually must
//! change.

use serde::{Deserialize, Serialize};

use super::model::NAME_KEY;
use crate::protocol::model::ConfigMap;

/// A key of the clone the user should look at, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloneNote {
    pub key: String,
    pub reason: String,
}

/// The clone's config and its notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClonedConfig {
    /// The source config with `name` set to the new name; everything else (secrets,
    /// references, unknown and prefixed keys) copied verbatim.
    pub config: ConfigMap,
    pub notes: Vec<CloneNote>,
}

/// Keys that identify a connector's resources, and why sharing them hurts.
const MUST_DIFFER: &[(&str, &str)] = &[
    ("consumer.override.group.id", "both connectors would share this consumer group and split (or steal) the partitions"),
    ("producer.override.transactional.id", "transactional ids must be unique: the connectors would fence each other"),
    ("producer.override.client.id", "client ids collide in metrics and quotas"),
    ("consumer.override.client.id", "client ids collide in metrics and quotas"),
    ("admin.override.client.id", "client ids collide in metrics and quotas"),
    ("offsets.storage.topic", "a shared offsets topic is fine, but the clone will not share offsets: they are keyed by connector name"),
    ("database.server.id", "Debezium MySQL: the server id must be unique among replication clients"),
    ("database.server.name", "Debezium: the logical name prefixes topics; the clone would write to the same topics"),
    ("topic.prefix", "the clone would write to the same topics"),
    ("slot.name", "Debezium PostgreSQL: a replication slot serves one connector only"),
    ("publication.name", "Debezium PostgreSQL: the publication would be shared"),
    ("schema.history.internal.kafka.topic", "Debezium: each connector needs its own schema history topic"),
    ("database.history.kafka.topic", "Debezium: each connector needs its own history topic"),
    ("errors.deadletterqueue.topic.name", "both connectors would write failed records to the same dead letter queue"),
    ("file", "two connectors would read or write the same file"),
];

/// Copies `source` for a connector named `new_name` and notes keys that usually must change.
pub fn clone_config(source: &ConfigMap, new_name: &str) -> ClonedConfig {
    let new_name = new_name.trim();
    let old_name = source.get(NAME_KEY).cloned().unwrap_or_default();
    let mut config = source.clone();
    config.insert(NAME_KEY.to_string(), new_name.to_string());
    let mut notes = Vec::new();

    let is_sink = source.contains_key("topics") || source.contains_key("topics.regex");
    if is_sink {
        let reason = match source.get("consumer.override.group.id") {
            Some(g) => format!(
                "a sink's consumer group: consumer.override.group.id sets it to \"{g}\", so the clone would share it"
            ),
            None => format!(
                "a sink's consumer group is connect-<name>: the clone uses the new group \"connect-{new_name}\" and reads its topics from consumer.override.auto.offset.reset (earliest by default)"
            ),
        };
        notes.push(CloneNote {
            key: NAME_KEY.to_string(),
            reason,
        });
    } else {
        notes.push(CloneNote {
            key: NAME_KEY.to_string(),
            reason:
                "a source's offsets are stored per connector name: the clone starts without offsets"
                    .to_string(),
        });
    }

    for (key, reason) in MUST_DIFFER {
        if source.contains_key(*key) {
            notes.push(CloneNote {
                key: key.to_string(),
                reason: reason.to_string(),
            });
        }
    }

    if old_name.len() >= 3 {
        for (k, v) in source {
            if k != NAME_KEY && v.contains(&old_name) && !notes.iter().any(|n| &n.key == k) {
                notes.push(CloneNote {
                    key: k.clone(),
                    reason: format!("the value mentions the old name \"{old_name}\""),
                });
            }
        }
    }
    ClonedConfig { config, notes }
}

impl super::model::FormModel {
    /// A create form for a clone of `source` named `new_name`. The source's secrets are sent
    /// as they are (the clone works like the original) but never displayed.
    pub fn new_clone(source: &ConfigMap, new_name: &str) -> (Self, Vec<CloneNote>) {
        let c = clone_config(source, new_name);
        (Self::new_create_from(c.config), c.notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> ConfigMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn clone_sets_name_keeps_everything_and_notes() {
        let src = map(&[
            ("name", "orders-sink"),
            ("connector.class", "FileStreamSink"),
            ("topics", "orders"),
            ("file", "/tmp/orders.txt"),
            ("transforms", "t"),
            (
                "transforms.t.type",
                "org.apache.kafka.connect.transforms.InsertField$Value",
            ),
            ("key.converter.schemas.enable", "false"),
            ("db.password", "${file:/s:pw}"),
            ("errors.deadletterqueue.topic.name", "orders-sink-dlq"),
        ]);
        let c = clone_config(&src, " orders-sink-2 ");
        assert_eq!(c.config["name"], "orders-sink-2");
        assert_eq!(c.config.len(), src.len());
        for (k, v) in &src {
            if k != "name" {
                assert_eq!(&c.config[k], v, "{k}");
            }
        }
        let keys: Vec<&str> = c.notes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["name", "errors.deadletterqueue.topic.name", "file"]
        );
        assert!(c.notes[0].reason.contains("connect-orders-sink-2"));

        let shared = clone_config(
            &map(&[
                ("name", "s"),
                ("topics", "t"),
                ("consumer.override.group.id", "g"),
            ]),
            "s2",
        );
        assert!(shared.notes[0].reason.contains("share"));
        assert_eq!(shared.notes[1].key, "consumer.override.group.id");

        let source = clone_config(&map(&[("name", "src"), ("topic", "t")]), "src2");
        assert!(source.notes[0].reason.contains("offsets"));
    }
}
