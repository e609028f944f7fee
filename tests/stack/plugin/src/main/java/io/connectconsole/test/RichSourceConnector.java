package io.connectconsole.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A real source connector for the console's tests. It emits one small string record per table
 * per poll interval, and has test hooks: {@code fail.task}, {@code fail.connector},
 * {@code start.delay.ms} and {@code validate.delay.ms}. See {@link RichSourceConfig}.
 */
public class RichSourceConnector extends SourceConnector {
    public static final String VERSION = "1.0.0";

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public ConfigDef config() {
        return RichSourceConfig.CONFIG_DEF;
    }

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig cfg = new AbstractConfig(RichSourceConfig.CONFIG_DEF, props);
        sleep(cfg.getLong(RichSourceConfig.START_DELAY_MS));
        if (cfg.getBoolean(RichSourceConfig.FAIL_CONNECTOR)) {
            throw new ConnectException("Simulated connector failure requested by fail.connector=true",
                    new IllegalStateException("the endpoint " + cfg.getString(RichSourceConfig.ENDPOINT_URL)
                            + " is unreachable (simulated)"));
        }
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RichSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> tables = new AbstractConfig(RichSourceConfig.CONFIG_DEF, props)
                .getList(RichSourceConfig.TABLES);
        int n = Math.max(1, Math.min(maxTasks, tables.size()));
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> mine = new ArrayList<>();
            for (int j = i; j < tables.size(); j += n) {
                mine.add(tables.get(j));
            }
            Map<String, String> t = new HashMap<>(props);
            t.put(RichSourceTask.TASK_TABLES, String.join(",", mine));
            out.add(t);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    /**
     * Sleeps {@code validate.delay.ms} first (a slow validation, for cancel tests), then adds
     * cross-field errors that a single-key validator cannot express.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        String delay = connectorConfigs.get(RichSourceConfig.VALIDATE_DELAY_MS);
        if (delay != null) {
            try {
                sleep(Long.parseLong(delay.trim()));
            } catch (NumberFormatException e) {
                // reported by the ConfigDef validation below
            }
        }
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            byName.put(v.name(), v);
        }
        ConfigValue mode = byName.get(RichSourceConfig.MODE);
        ConfigValue format = byName.get(RichSourceConfig.FORMAT);
        if (mode != null && format != null && mode.errorMessages().isEmpty() && format.value() != null
                && !RichSourceConfig.formatsFor(mode.value()).contains(format.value())) {
            format.addErrorMessage("Format '" + format.value() + "' is not supported in mode '" + mode.value()
                    + "'; use one of " + RichSourceConfig.formatsFor(mode.value()));
        }
        ConfigValue column = byName.get(RichSourceConfig.INCREMENTING_COLUMN);
        if (mode != null && column != null && "incremental".equals(mode.value())
                && (column.value() == null || column.value().toString().isBlank())) {
            column.addErrorMessage("An incrementing column is required when rich.mode is 'incremental'");
        }
        ConfigValue auth = byName.get(RichSourceConfig.AUTH_MODE);
        ConfigValue user = byName.get(RichSourceConfig.USERNAME);
        if (auth != null && user != null && "basic".equals(auth.value())
                && (user.value() == null || user.value().toString().isBlank())) {
            user.addErrorMessage("A user name is required when rich.auth.mode is 'basic'");
        }
        return config;
    }

    static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
