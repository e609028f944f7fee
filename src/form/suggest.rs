//! Class-name suggestions from the cluster's plugin list (`GET /connector-plugins?connectorsOnly=false`)
//! for CLASS keys whose definition has no recommender.

use crate::protocol::model::{PluginInfo, PluginType};

/// Which plugin kinds a key takes, by its name: `connector.class` (source/sink),
/// `transforms.<alias>.type`, `predicates.<alias>.type`, `key.converter`/`value.converter`,
/// `header.converter`. `None` for any other key.
pub fn plugin_kinds_for_key(key: &str) -> Option<&'static [PluginType]> {
    const CONNECTORS: &[PluginType] = &[PluginType::Source, PluginType::Sink];
    const TRANSFORMS: &[PluginType] = &[PluginType::Transformation];
    const PREDICATES: &[PluginType] = &[PluginType::Predicate];
    const CONVERTERS: &[PluginType] = &[PluginType::Converter];
    const HEADER_CONVERTERS: &[PluginType] = &[PluginType::HeaderConverter];
    let alias_type = |prefix: &str| {
        key.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".type"))
            .is_some_and(|alias| !alias.is_empty())
    };
    match key {
        "connector.class" => Some(CONNECTORS),
        "key.converter" | "value.converter" => Some(CONVERTERS),
        "header.converter" => Some(HEADER_CONVERTERS),
        _ if alias_type("transforms.") => Some(TRANSFORMS),
        _ if alias_type("predicates.") => Some(PREDICATES),
        _ => None,
    }
}

/// The class names a key may take, sorted and deduplicated (several versions of one plugin
/// appear once). Empty when the key is not a plugin key or no plugin fits.
pub fn class_suggestions(key: &str, plugins: &[PluginInfo]) -> Vec<String> {
    let Some(kinds) = plugin_kinds_for_key(key) else {
        return Vec::new();
    };
    let mut out: Vec<String> = plugins
        .iter()
        .filter(|p| kinds.contains(&p.kind))
        .map(|p| p.class.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(class: &str, kind: &str) -> PluginInfo {
        PluginInfo {
            class: class.into(),
            kind: PluginType::parse(kind),
            version: Some("4.3.1".into()),
        }
    }

    #[test]
    fn suggestions_by_key() {
        let plugins = vec![
            p(
                "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "source",
            ),
            p(
                "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "sink",
            ),
            p(
                "org.apache.kafka.connect.transforms.RegexRouter",
                "transformation",
            ),
            p(
                "org.apache.kafka.connect.transforms.RegexRouter",
                "transformation",
            ),
            p(
                "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
                "predicate",
            ),
            p("org.apache.kafka.connect.json.JsonConverter", "converter"),
            p(
                "org.apache.kafka.connect.storage.SimpleHeaderConverter",
                "header_converter",
            ),
        ];
        assert_eq!(class_suggestions("connector.class", &plugins).len(), 2);
        assert_eq!(
            class_suggestions("transforms.route.type", &plugins),
            vec!["org.apache.kafka.connect.transforms.RegexRouter"]
        );
        assert_eq!(
            class_suggestions("predicates.p.type", &plugins),
            vec!["org.apache.kafka.connect.transforms.predicates.HasHeaderKey"]
        );
        assert_eq!(
            class_suggestions("value.converter", &plugins),
            vec!["org.apache.kafka.connect.json.JsonConverter"]
        );
        assert_eq!(
            class_suggestions("header.converter", &plugins),
            vec!["org.apache.kafka.connect.storage.SimpleHeaderConverter"]
        );
        assert!(class_suggestions("transforms..type", &plugins).is_empty());
        assert!(class_suggestions("transforms.x.regex", &plugins).is_empty());
        assert!(class_suggestions("topic", &plugins).is_empty());
    }
}
