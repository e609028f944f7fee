package io.connectconsole.test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The ConfigDef of {@link RichSourceConnector}. It exists to give the console a rich, real
 * validate response: every {@link Type}, three groups with orders, an ungrouped key, dependents,
 * recommenders (one whose values depend on another key, two that toggle visibility), validators
 * with real messages, all importances and widths.
 */
public final class RichSourceConfig {
    private RichSourceConfig() {}

    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_DATA = "Data";
    public static final String GROUP_TEST = "Test hooks";

    // Connection
    public static final String ENDPOINT_URL = "rich.endpoint.url";
    public static final String AUTH_MODE = "rich.auth.mode";
    public static final String USERNAME = "rich.username";
    public static final String PASSWORD = "rich.password";
    public static final String TIMEOUT_MS = "rich.timeout.ms";
    public static final String RETRIES = "rich.retries";
    // Data
    public static final String TOPIC = "rich.topic";
    public static final String MODE = "rich.mode";
    public static final String FORMAT = "rich.format";
    public static final String INCREMENTING_COLUMN = "rich.incrementing.column";
    public static final String TABLES = "rich.tables";
    public static final String BATCH_SIZE = "rich.batch.size";
    public static final String SAMPLE_RATIO = "rich.sample.ratio";
    public static final String ENABLE_HEADERS = "rich.enable.headers";
    public static final String KEY_CLASS = "rich.key.class";
    public static final String DESCRIPTION = "rich.description";
    // Test hooks
    public static final String INTERVAL_MS = "rich.interval.ms";
    public static final String FAIL_TASK = "fail.task";
    public static final String FAIL_CONNECTOR = "fail.connector";
    public static final String START_DELAY_MS = "start.delay.ms";
    public static final String VALIDATE_DELAY_MS = "validate.delay.ms";
    // ungrouped
    public static final String NOTES = "rich.notes";

    public static final List<String> AUTH_MODES = List.of("none", "basic", "token");
    public static final List<String> MODES = List.of("standard", "bulk", "incremental");

    /** Formats allowed in each mode: the recommender for rich.format depends on rich.mode. */
    public static List<Object> formatsFor(Object mode) {
        String m = mode == null ? "standard" : mode.toString().toLowerCase(Locale.ROOT);
        switch (m) {
            case "bulk":
                return List.of("csv", "json");
            case "incremental":
                return List.of("json");
            default:
                return List.of("json", "avro", "string");
        }
    }

    /** Recommends a fixed list of values and is always visible. */
    static ConfigDef.Recommender fixed(List<String> values) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return List.copyOf(values);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return true;
            }
        };
    }

    /** Visible only while {@code key} has value {@code expected}; recommends nothing. */
    static ConfigDef.Recommender visibleWhen(String key, String expected) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return Collections.emptyList();
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return expected.equals(String.valueOf(parsed.get(key)));
            }
        };
    }

    /** rich.format: the recommended values depend on rich.mode. */
    static final ConfigDef.Recommender FORMAT_RECOMMENDER = new ConfigDef.Recommender() {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsed) {
            return formatsFor(parsed.get(MODE));
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsed) {
            return true;
        }
    };

    /** Must be an http(s) URL. */
    static final ConfigDef.Validator URL_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return; // "missing required configuration" is reported by ConfigDef itself
            }
            String s = value.toString();
            if (!(s.startsWith("http://") || s.startsWith("https://")) || s.length() < 10) {
                throw new ConfigException(name, value, "Must be an absolute http:// or https:// URL");
            }
        }

        @Override
        public String toString() {
            return "http(s) URL";
        }
    };

    /** Every table name must be lower-case letters, digits or '_', and the list must not be empty. */
    static final ConfigDef.Validator TABLES_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> tables = (List<String>) value;
            if (tables == null || tables.isEmpty()) {
                throw new ConfigException(name, value, "At least one table is required");
            }
            for (String t : tables) {
                if (!t.matches("[a-z][a-z0-9_]*")) {
                    throw new ConfigException(name, value,
                            "Table name '" + t + "' must match [a-z][a-z0-9_]*");
                }
            }
        }

        @Override
        public String toString() {
            return "non-empty list of [a-z][a-z0-9_]* names";
        }
    };

    public static final ConfigDef CONFIG_DEF = build();

    private static ConfigDef build() {
        ConfigDef d = new ConfigDef();
        int o = 0;
        // ---- Connection ------------------------------------------------------------------------
        d.define(ENDPOINT_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, URL_VALIDATOR, Importance.HIGH,
                "Base URL of the (imaginary) system this connector reads from, for example https://api.example.com/v2.",
                GROUP_CONNECTION, ++o, Width.LONG, "Endpoint URL");
        d.define(AUTH_MODE, Type.STRING, "none",
                ConfigDef.ValidString.in(AUTH_MODES.toArray(new String[0])), Importance.HIGH,
                "How to authenticate against the endpoint: none, basic (username and password) or token.",
                GROUP_CONNECTION, ++o, Width.SHORT, "Authentication mode",
                Arrays.asList(USERNAME, PASSWORD), fixed(AUTH_MODES));
        d.define(USERNAME, Type.STRING, "", null, Importance.MEDIUM,
                "User name for basic authentication. Only shown when the authentication mode is basic.",
                GROUP_CONNECTION, ++o, Width.MEDIUM, "User name",
                Collections.emptyList(), visibleWhen(AUTH_MODE, "basic"));
        d.define(PASSWORD, Type.PASSWORD, null, null, Importance.HIGH,
                "Password (basic) or token (token mode). Returned as [hidden] by the REST API.",
                GROUP_CONNECTION, ++o, Width.MEDIUM, "Password or token",
                Collections.emptyList(), null);
        d.define(TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100L, 600_000L), Importance.MEDIUM,
                "Request timeout in milliseconds.", GROUP_CONNECTION, ++o, Width.SHORT, "Timeout (ms)");
        d.define(RETRIES, Type.SHORT, (short) 3, Range.between((short) 0, (short) 10), Importance.LOW,
                "How many times a failed request is retried.", GROUP_CONNECTION, ++o, Width.SHORT, "Retries");

        // ---- Data -----------------------------------------------------------------------------
        o = 0;
        d.define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "Kafka topic the records are written to.", GROUP_DATA, ++o, Width.MEDIUM, "Topic");
        d.define(MODE, Type.STRING, "standard", ConfigDef.ValidString.in(MODES.toArray(new String[0])),
                Importance.HIGH,
                "Read mode. The allowed formats depend on it, and incremental mode needs an incrementing column.",
                GROUP_DATA, ++o, Width.SHORT, "Mode",
                Arrays.asList(FORMAT, INCREMENTING_COLUMN), fixed(MODES));
        d.define(FORMAT, Type.STRING, "json", null, Importance.MEDIUM,
                "Record format. standard: json, avro or string; bulk: csv or json; incremental: json.",
                GROUP_DATA, ++o, Width.SHORT, "Format", Collections.emptyList(), FORMAT_RECOMMENDER);
        d.define(INCREMENTING_COLUMN, Type.STRING, "", null, Importance.MEDIUM,
                "Column whose strictly increasing value tracks progress. Required (and shown) only in incremental mode.",
                GROUP_DATA, ++o, Width.MEDIUM, "Incrementing column",
                Collections.emptyList(), visibleWhen(MODE, "incremental"));
        d.define(TABLES, Type.LIST, "orders,customers", TABLES_VALIDATOR, Importance.HIGH,
                "Comma-separated list of tables to read. Each task reads a share of them.",
                GROUP_DATA, ++o, Width.LONG, "Tables");
        d.define(BATCH_SIZE, Type.INT, 100, Range.between(1, 10_000), Importance.MEDIUM,
                "Maximum number of records returned by one poll.", GROUP_DATA, ++o, Width.SHORT, "Batch size");
        d.define(SAMPLE_RATIO, Type.DOUBLE, 1.0, Range.between(0.0, 1.0), Importance.LOW,
                "Fraction of rows to emit, between 0.0 and 1.0.", GROUP_DATA, ++o, Width.SHORT, "Sample ratio");
        d.define(ENABLE_HEADERS, Type.BOOLEAN, true, Importance.LOW,
                "Add a 'cc-table' header to every record.", GROUP_DATA, ++o, Width.SHORT, "Record headers");
        d.define(KEY_CLASS, Type.CLASS, "java.lang.String", Importance.LOW,
                "Java class used for record keys (must be loadable by the worker).",
                GROUP_DATA, ++o, Width.LONG, "Key class");
        d.define(DESCRIPTION, Type.STRING, "", Importance.LOW,
                "A free-text description of what this connector is for. It is deliberately a long, wide text "
                        + "field so that forms can show a multi-line editor. Anything goes here; the connector "
                        + "only copies it into the task configuration.",
                GROUP_DATA, ++o, Width.LONG, "Description");

        // ---- Test hooks -------------------------------------------------------------------------
        o = 0;
        d.define(INTERVAL_MS, Type.INT, 1000, Range.atLeast(10), Importance.LOW,
                "Pause between two polls of a task, in milliseconds.", GROUP_TEST, ++o, Width.SHORT, "Poll interval (ms)");
        d.define(FAIL_TASK, Type.BOOLEAN, false, Importance.LOW,
                "Test hook: every task throws on its first poll, so the tasks become FAILED with a stack trace.",
                GROUP_TEST, ++o, Width.SHORT, "Fail tasks");
        d.define(FAIL_CONNECTOR, Type.BOOLEAN, false, Importance.LOW,
                "Test hook: Connector.start() throws, so the connector becomes FAILED.",
                GROUP_TEST, ++o, Width.SHORT, "Fail connector");
        d.define(START_DELAY_MS, Type.LONG, 0L, Range.between(0L, 300_000L), Importance.LOW,
                "Test hook: the connector and each task sleep this long in start().",
                GROUP_TEST, ++o, Width.SHORT, "Start delay (ms)");
        d.define(VALIDATE_DELAY_MS, Type.LONG, 0L, Range.between(0L, 600_000L), Importance.LOW,
                "Test hook: PUT /connector-plugins/.../config/validate sleeps this long before answering "
                        + "(used to test cancelling a slow validation; the worker times out after 90 s).",
                GROUP_TEST, ++o, Width.SHORT, "Validate delay (ms)");

        // ---- ungrouped (group null, order -1) ----------------------------------------------------
        d.define(NOTES, Type.STRING, null, Importance.LOW, "Free-form notes; a key without a group.");
        return d;
    }
}
