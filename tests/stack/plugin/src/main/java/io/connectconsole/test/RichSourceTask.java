package io.connectconsole.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits "<table> row <n>" records; the source offset is {"row": n} per {"table": t}. */
public class RichSourceTask extends SourceTask {
    static final String TASK_TABLES = "rich.task.tables";

    private String topic;
    private List<String> tables;
    private int intervalMs;
    private boolean failTask;
    private boolean headers;
    private final Map<String, Long> next = new HashMap<>();

    @Override
    public String version() {
        return RichSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig cfg = new AbstractConfig(RichSourceConfig.CONFIG_DEF, props);
        RichSourceConnector.sleep(cfg.getLong(RichSourceConfig.START_DELAY_MS));
        topic = cfg.getString(RichSourceConfig.TOPIC);
        intervalMs = cfg.getInt(RichSourceConfig.INTERVAL_MS);
        failTask = cfg.getBoolean(RichSourceConfig.FAIL_TASK);
        headers = cfg.getBoolean(RichSourceConfig.ENABLE_HEADERS);
        tables = List.of(props.getOrDefault(TASK_TABLES, "").split(","));
        for (String t : tables) {
            Map<String, Object> off = context.offsetStorageReader().offset(partition(t));
            long row = off != null && off.get("row") instanceof Number ? ((Number) off.get("row")).longValue() + 1 : 0;
            next.put(t, row);
        }
    }

    private static Map<String, Object> partition(String table) {
        return Map.of("table", table);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (failTask) {
            throw new ConnectException("Simulated task failure requested by fail.task=true",
                    new IllegalStateException("row decoder crashed on table " + tables.get(0) + " (simulated)"));
        }
        Thread.sleep(intervalMs);
        List<SourceRecord> out = new ArrayList<>();
        for (String t : tables) {
            long row = next.get(t);
            next.put(t, row + 1);
            SourceRecord r = new SourceRecord(partition(t), Map.of("row", row), topic, null,
                    Schema.STRING_SCHEMA, t, Schema.STRING_SCHEMA, t + " row " + row);
            if (headers) {
                r.headers().addString("cc-table", t);
            }
            out.add(r);
        }
        return out;
    }

    @Override
    public void stop() {
    }
}
