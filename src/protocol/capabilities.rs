//! What a cluster can do, per flavor and per detected Kafka Connect version.
//!
//! Views ask [`Capabilities`] before offering a button, and the client asks it before sending
//! a request, so an unsupported operation fails with `ErrorKind::Unsupported` without a round
//! trip. Apache versions come from `GET /` (`version`); Confluent Platform versions
//! (`7.6.0-ccs`, `7.6.0-ce`, `8.0.1`) are mapped to the Apache Kafka release they ship
//! (CP 7.x → Kafka 3.x, 8.x → 4.x, 6.x → 2.6–2.8, 5.x → 2.0–2.5). A version that cannot be
//! parsed is treated as the newest release, with a note saying so.

use serde::{Deserialize, Serialize};

use super::model::{Flavor, ServerInfo};

/// An Apache Kafka release `major.minor.patch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct KafkaVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl KafkaVersion {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        KafkaVersion {
            major,
            minor,
            patch,
        }
    }

    /// The newest release this console knows; assumed when a version cannot be parsed.
    pub const NEWEST_KNOWN: KafkaVersion = KafkaVersion::new(4, 3, 0);

    /// At least `major.minor`.
    pub fn at_least(self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }
}

impl std::fmt::Display for KafkaVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// How a worker's reported version string was understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetectedVersion {
    /// What `GET /` said.
    pub reported: String,
    /// The Apache Kafka release whose REST API this worker speaks.
    pub kafka: KafkaVersion,
    /// The report was a Confluent Platform version.
    pub confluent_platform: bool,
    /// The report could not be parsed; `kafka` is [`KafkaVersion::NEWEST_KNOWN`].
    pub assumed: bool,
}

/// Understands `4.1.0`, `3.9.1`, `3.7.0-SNAPSHOT`, `7.6.0-ccs`, `7.6.0-ce`, `8.0.1` and
/// anything else (assumed newest).
pub fn parse_version(reported: &str) -> DetectedVersion {
    let trimmed = reported.trim();
    let core = trimmed
        .split(|c: char| c == '-' || c == '+' || c.is_whitespace())
        .next()
        .unwrap_or("");
    let mut parts = core.split('.');
    let num = |p: Option<&str>| p.and_then(|s| s.parse::<u32>().ok());
    let major = num(parts.next());
    let minor = num(parts.next());
    let patch = parts.next().map(|p| p.parse::<u32>().ok());
    let suffix = trimmed[core.len()..].to_ascii_lowercase();
    let cp_suffix = suffix.starts_with("-ccs") || suffix.starts_with("-ce");

    let (Some(major), Some(minor)) = (major, minor) else {
        return assumed(reported);
    };
    let patch = match patch {
        None => 0,
        Some(Some(p)) => p,
        Some(None) => return assumed(reported),
    };
    if (5..=8).contains(&major) || (cp_suffix && major >= 5) {
        let kafka_minor_major = match (major, minor) {
            (5, m) if m <= 5 => Some((2, m)),
            (6, m) if m <= 2 => Some((2, 6 + m)),
            (7, m) => Some((3, m)),
            (8, m) => Some((4, m)),
            _ => None,
        };
        return match kafka_minor_major {
            Some((kmaj, kmin)) => DetectedVersion {
                reported: reported.to_string(),
                kafka: KafkaVersion::new(kmaj, kmin, patch),
                confluent_platform: true,
                assumed: false,
            },
            None => assumed(reported),
        };
    }
    if major > 8 || major == 0 {
        return assumed(reported);
    }
    DetectedVersion {
        reported: reported.to_string(),
        kafka: KafkaVersion::new(major, minor, patch),
        confluent_platform: cp_suffix,
        assumed: false,
    }
}

fn assumed(reported: &str) -> DetectedVersion {
    DetectedVersion {
        reported: reported.to_string(),
        kafka: KafkaVersion::NEWEST_KNOWN,
        confluent_platform: false,
        assumed: true,
    }
}

/// What a cluster offers. Every field is a plain yes/no the UI can gate a control on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Capabilities {
    pub flavor: Flavor,
    /// The version the answer is based on (Apache only; `None` when unknown or n/a).
    pub version: Option<DetectedVersion>,
    /// Why an answer is approximate (version unknown or unparsable, UNVERIFIED flavor shapes).
    pub notes: Vec<String>,

    pub server_info: bool,
    pub health: bool,
    pub list_clusters: bool,
    /// The listing returns status and info in one request.
    pub list_expanded: bool,
    pub connector_detail: bool,
    pub connector_status: bool,
    pub connector_config: bool,
    /// `GET …/tasks` with each task's config.
    pub tasks: bool,
    pub create: bool,
    pub initial_state: bool,
    pub put_config: bool,
    pub patch_config: bool,
    pub delete: bool,
    pub pause_resume: bool,
    pub stop: bool,
    pub restart: bool,
    /// `includeTasks` / `onlyFailed` are honoured.
    pub restart_options: bool,
    pub restart_task: bool,
    pub validate: bool,
    pub plugins: bool,
    /// Plugins of every type (transformations, converters, predicates), not only connectors.
    pub plugins_all_types: bool,
    /// `GET /connector-plugins/{p}/config`: definitions without a validate round trip.
    pub plugin_config: bool,
    /// Several versions of one plugin, `?version=` (KIP-891).
    pub plugin_versions: bool,
    pub offsets_read: bool,
    pub offsets_alter: bool,
    pub offsets_reset: bool,
    /// Offsets change through Confluent Cloud's asynchronous `offsets/request` (no stop needed;
    /// the service stops the connector itself).
    pub offsets_via_request: bool,
    pub topics: bool,
    pub topics_reset: bool,
    pub loggers: bool,
    pub logger_cluster_scope: bool,
}

impl Capabilities {
    /// Why the Workers page cannot place this flavor's connectors on workers, or `None` when
    /// its statuses name real workers (Kafka Connect, Redpanda).
    pub fn workers_note(&self) -> Option<&'static str> {
        match self.flavor {
            Flavor::ConfluentCloud => Some(
                "Confluent Cloud runs connectors on workers it manages and does not name them \
                 (each status reports the connector's own name as its worker).",
            ),
            Flavor::Lenses => {
                Some("Lenses HQ does not report which worker runs a connector or task.")
            }
            _ => None,
        }
    }

    /// What Stop does here, for its confirmation: offsets are mentioned where this console can
    /// change them only while the connector is stopped.
    pub fn stop_note(&self) -> &'static str {
        if self.offsets_alter && !self.offsets_via_request {
            "Stopping shuts down the connector and all its tasks (and keeps its config). \
             Offsets can only be changed while it is stopped. Resume it to start again."
        } else {
            "Stopping shuts down the connector and all its tasks (and keeps its config). \
             Resume it to start again."
        }
    }

    /// What Delete does here, for its confirmation. Only Kafka Connect's own offsets topic is
    /// known to keep a deleted connector's offsets.
    pub fn delete_note(&self) -> &'static str {
        match self.flavor {
            Flavor::Apache => {
                "The connector, its tasks and its config are removed from the cluster. This \
                 cannot be undone (its offsets stay in the offsets topic)."
            }
            _ => {
                "The connector, its tasks and its config are removed from the cluster. This \
                 cannot be undone."
            }
        }
    }

    /// What a restart without options does here, for the restart dialog (shown where
    /// `restart_options` is false).
    pub fn plain_restart_note(&self) -> &'static str {
        match self.flavor {
            Flavor::ConfluentCloud => {
                "Confluent Cloud restarts the connector and all its tasks (it takes no restart options)."
            }
            Flavor::Lenses => {
                "Lenses HQ restarts the connector through its agent (it takes no restart options)."
            }
            _ => {
                "Kafka Connect before 3.0 restarts the connector instance only, not its tasks \
                 (restart options need 3.0 or later)."
            }
        }
    }

    /// Capabilities of `flavor`; for Apache, of the version in `server` (newest when `None`,
    /// with a note).
    pub fn for_flavor(flavor: Flavor, server: Option<&ServerInfo>) -> Capabilities {
        match flavor {
            Flavor::Apache => Capabilities::apache(server),
            Flavor::ConfluentCloud => Capabilities::confluent_cloud(),
            Flavor::Redpanda => Capabilities::redpanda(),
            Flavor::Lenses => Capabilities::lenses(),
        }
    }

    fn apache(server: Option<&ServerInfo>) -> Capabilities {
        let mut notes = Vec::new();
        let version = server.map(|s| parse_version(&s.version));
        let v = match &version {
            Some(d) if d.assumed => {
                notes.push(format!(
                    "Version “{}” not recognized; assuming Kafka {} features.",
                    d.reported,
                    KafkaVersion::NEWEST_KNOWN
                ));
                d.kafka
            }
            Some(d) => d.kafka,
            None => {
                notes.push(format!(
                    "Worker version not known yet; assuming Kafka {} features.",
                    KafkaVersion::NEWEST_KNOWN
                ));
                KafkaVersion::NEWEST_KNOWN
            }
        };
        Capabilities {
            flavor: Flavor::Apache,
            version,
            notes,
            server_info: true,
            health: v.at_least(3, 9),
            list_clusters: false,
            list_expanded: v.at_least(2, 3),
            connector_detail: true,
            connector_status: true,
            connector_config: true,
            tasks: true,
            create: true,
            initial_state: v.at_least(3, 7),
            put_config: true,
            patch_config: v.at_least(3, 8),
            delete: true,
            pause_resume: true,
            stop: v.at_least(3, 5),
            restart: true,
            restart_options: v.at_least(3, 0),
            restart_task: true,
            validate: true,
            plugins: true,
            plugins_all_types: v.at_least(3, 2),
            plugin_config: v.at_least(3, 2),
            plugin_versions: v.at_least(4, 1),
            offsets_read: v.at_least(3, 5),
            offsets_alter: v.at_least(3, 6),
            offsets_reset: v.at_least(3, 6),
            offsets_via_request: false,
            topics: v.at_least(2, 5),
            topics_reset: v.at_least(2, 5),
            loggers: v.at_least(2, 4),
            logger_cluster_scope: v.at_least(3, 7),
        }
    }

    fn confluent_cloud() -> Capabilities {
        Capabilities {
            flavor: Flavor::ConfluentCloud,
            version: None,
            notes: vec![
                "Restart and offsets are Preview features of Confluent Cloud connect/v1.".into(),
            ],
            server_info: false,
            health: false,
            list_clusters: false,
            list_expanded: true,
            connector_detail: true,
            connector_status: true,
            connector_config: true,
            tasks: true,
            create: true,
            initial_state: false,
            put_config: true,
            patch_config: false,
            delete: true,
            pause_resume: true,
            stop: false,
            restart: true,
            restart_options: false,
            restart_task: false,
            validate: true,
            plugins: true,
            plugins_all_types: false,
            plugin_config: false,
            plugin_versions: false,
            offsets_read: true,
            offsets_alter: true,
            offsets_reset: true,
            offsets_via_request: true,
            topics: false,
            topics_reset: false,
            loggers: false,
            logger_cluster_scope: false,
        }
    }

    fn redpanda() -> Capabilities {
        Capabilities {
            flavor: Flavor::Redpanda,
            version: None,
            notes: vec![],
            server_info: true,
            health: false,
            list_clusters: true,
            list_expanded: true,
            connector_detail: true,
            connector_status: true,
            connector_config: true,
            tasks: false,
            create: true,
            initial_state: false,
            put_config: true,
            patch_config: false,
            delete: true,
            pause_resume: true,
            stop: true,
            restart: true,
            restart_options: true,
            restart_task: false,
            validate: false,
            plugins: true,
            plugins_all_types: false,
            plugin_config: false,
            plugin_versions: false,
            offsets_read: false,
            offsets_alter: false,
            offsets_reset: false,
            offsets_via_request: false,
            topics: true,
            topics_reset: true,
            loggers: false,
            logger_cluster_scope: false,
        }
    }

    fn lenses() -> Capabilities {
        Capabilities {
            flavor: Flavor::Lenses,
            version: None,
            notes: vec![
                "Lenses HQ shapes beyond the connector list, create and actions are UNVERIFIED; \
                 status and detail are read from the connector list."
                    .into(),
            ],
            server_info: false,
            health: false,
            list_clusters: true,
            list_expanded: true,
            connector_detail: false,
            connector_status: true,
            connector_config: false,
            tasks: false,
            create: true,
            initial_state: false,
            put_config: false,
            patch_config: false,
            delete: true,
            pause_resume: true,
            stop: true,
            restart: true,
            restart_options: false,
            restart_task: true,
            validate: true,
            plugins: false,
            plugins_all_types: false,
            plugin_config: false,
            plugin_versions: false,
            offsets_read: false,
            offsets_alter: false,
            offsets_reset: false,
            offsets_via_request: false,
            topics: false,
            topics_reset: false,
            loggers: false,
            logger_cluster_scope: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_apache_and_confluent_platform_versions() {
        let v = parse_version("4.1.0");
        assert_eq!(v.kafka, KafkaVersion::new(4, 1, 0));
        assert!(!v.assumed && !v.confluent_platform);
        assert_eq!(parse_version("3.9.1").kafka, KafkaVersion::new(3, 9, 1));
        let cp = parse_version("7.6.0-ccs");
        assert_eq!(cp.kafka, KafkaVersion::new(3, 6, 0));
        assert!(cp.confluent_platform && !cp.assumed);
        assert_eq!(parse_version("7.9.1-ce").kafka, KafkaVersion::new(3, 9, 1));
        assert_eq!(parse_version("8.0.0").kafka, KafkaVersion::new(4, 0, 0));
        assert_eq!(parse_version("6.1.2").kafka, KafkaVersion::new(2, 7, 2));
        assert_eq!(parse_version("5.3.0").kafka, KafkaVersion::new(2, 3, 0));
        assert_eq!(
            parse_version("3.7.0-SNAPSHOT").kafka,
            KafkaVersion::new(3, 7, 0)
        );
        assert_eq!(parse_version("2.8").kafka, KafkaVersion::new(2, 8, 0));
    }

    #[test]
    fn only_flavors_whose_statuses_name_real_workers_are_placed_on_workers() {
        for f in [Flavor::Apache, Flavor::Redpanda] {
            assert_eq!(
                Capabilities::for_flavor(f, None).workers_note(),
                None,
                "{f:?}"
            );
        }
        for f in [Flavor::ConfluentCloud, Flavor::Lenses] {
            let note = Capabilities::for_flavor(f, None).workers_note().unwrap();
            assert!(note.contains(f.label()), "{f:?}: {note}");
        }
    }

    #[test]
    fn the_restart_dialog_says_what_a_plain_restart_does() {
        let old = ServerInfo {
            version: "2.8.1".into(),
            commit: None,
            kafka_cluster_id: None,
        };
        let apache = Capabilities::for_flavor(Flavor::Apache, Some(&old));
        assert!(!apache.restart_options);
        assert!(apache.plain_restart_note().contains("instance only"));
        let cloud = Capabilities::for_flavor(Flavor::ConfluentCloud, None);
        assert!(!cloud.restart_options);
        assert!(cloud.plain_restart_note().contains("all its tasks"));
        let lenses = Capabilities::for_flavor(Flavor::Lenses, None);
        assert!(lenses.plain_restart_note().starts_with("Lenses"));
    }

    #[test]
    fn garbage_is_assumed_newest() {
        for s in ["", "banana", "4", "x.y.z", "99.0.0", "4.1.x", "-1.2.3"] {
            let v = parse_version(s);
            assert!(v.assumed, "{s:?}");
            assert_eq!(v.kafka, KafkaVersion::NEWEST_KNOWN);
        }
    }
}
