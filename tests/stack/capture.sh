# shellcheck shell=bash
# Sourced by stack.sh: `stack.sh capture` (or `make stack-capture`). Records the real responses of
# every endpoint the console uses into tests/fixtures/apache/<name>.json, plus index.json and
# INDEX.md (request, status, content type, Kafka version for each file).
#
# A JSON response body is stored as is (pretty-printed, key order kept). A response without a
# JSON body (202/204 without body, the plain-text 401 of basic auth) is stored as a wrapper:
#   {"status": 401, "headers": {"content-type": "..."}, "body": "User cannot access the resource."}
#
# The capture leaves the seeded state as it found it: it only restarts failing-task-sink (which
# fails again), pauses/stops connectors that already are paused/stopped, changes one logger level
# and puts it back, and creates then deletes a temporary connector `capture-temp`. It re-runs seed
# at the end.

FIX="$REPO/tests/fixtures/apache"

# cap NAME CLUSTER METHOD PATH [BODY] [NOTE]; CLUSTER: alpha | alpha-2 | beta | beta-noauth
cap() {
  local name="$1" cluster="$2" method="$3" path="$4" body="${5:-}" note="${6:-}"
  local base auth=() hdr bod code ctype location
  case "$cluster" in
    alpha) base="$ALPHA_URL" ;;
    alpha-2) base="$ALPHA_URL_2" ;;
    beta) base="$BETA_URL"; auth=(-u "$BETA_USER:$BETA_PASSWORD") ;;
    beta-noauth) base="$BETA_URL" ;;
    *) die "capture: unknown cluster $cluster" ;;
  esac
  hdr="$(mktemp)"; bod="$(mktemp)"
  local args=(-s --max-time 100 -X "$method" -H 'Accept: application/json' -D "$hdr" -o "$bod" -w '%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code="$(curl "${args[@]}" "${auth[@]}" "$base$path")" || die "capture: $method $path failed (curl)"
  ctype="$(grep -i '^content-type:' "$hdr" | tail -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//')" || true
  location="$(grep -i '^location:' "$hdr" | tail -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//')" || true
  local kind=json
  if [ -s "$bod" ] && [[ "$ctype" == application/json* ]] && jq -e . "$bod" >/dev/null 2>&1; then
    jq . "$bod" >"$FIX/$name.json"
  else
    kind=wrapper
    jq -n --argjson s "$code" --arg ct "$ctype" --arg loc "$location" --rawfile b "$bod" \
      '{status: $s, headers: ({"content-type": $ct} + (if $loc == "" then {} else {location: $loc} end)), body: $b}' \
      >"$FIX/$name.json"
  fi
  jq -nc --arg f "$name.json" --arg c "$cluster" --arg m "$method" --arg p "$path" --arg b "$body" \
    --argjson s "$code" --arg ct "$ctype" --arg loc "$location" --arg k "$kind" --arg n "$note" \
    '{file: $f, cluster: $c, method: $m, path: $p} + (if $b == "" then {} else {request_body: ($b | fromjson)} end)
     + {status: $s, content_type: $ct, stored_as: (if $k == "json" then "body" else "wrapper {status, headers, body}" end)}
     + (if $loc == "" then {} else {location: $loc} end) + (if $n == "" then {} else {note: $n} end)' \
    >>"$FIX/.index.jsonl"
  rm -f "$hdr" "$bod"
  printf '[stack]   %-48s %s %s -> %s\n' "$name" "$method" "$path" "$code" >&2
}

wait_summary() { # url name desired (seed.sh helpers)
  wait_state "$1" "$2" "$3" ""
}

capture_main() {
  source "$HERE/seed.sh"
  all_healthy || die "capture: the stack is not healthy (run: tests/stack/stack.sh up)"
  log "making sure the seeded state is in place"
  seed_main
  mkdir -p "$FIX"
  rm -f "$FIX"/*.json "$FIX/.index.jsonl"
  local V; V="$(curl -s "$ALPHA_URL/" | jq -r .version)"
  log "capturing fixtures from Kafka Connect $V into $FIX"

  local SRC=org.apache.kafka.connect.file.FileStreamSourceConnector
  local SINK=org.apache.kafka.connect.file.FileStreamSinkConnector
  local MIRROR=org.apache.kafka.connect.mirror.MirrorSourceConnector
  local RICH=io.connectconsole.test.RichSourceConnector
  local BOOT="$HOST:$BROKER_PORT"

  # ---- worker ---------------------------------------------------------------------------------
  cap root alpha GET /
  cap health alpha GET /health
  cap beta-root beta GET /
  cap beta-health beta GET /health

  # ---- listing ----------------------------------------------------------------------------------
  cap connectors alpha GET /connectors
  cap connectors-expand-status alpha GET '/connectors?expand=status'
  cap connectors-expand-info alpha GET '/connectors?expand=info'
  cap connectors-expand-status-info alpha GET '/connectors?expand=status&expand=info'
  cap connectors-expand-status-info-worker2 alpha-2 GET '/connectors?expand=status&expand=info' "" \
    "same cluster, answered by the second alpha worker"
  cap connectors-expand-comma alpha GET '/connectors?expand=status,info' "" \
    "comma-joined expand is one unknown value: every connector maps to {}"
  cap beta-connectors beta GET /connectors
  cap beta-connectors-expand-status-info beta GET '/connectors?expand=status&expand=info'

  # ---- status per state -------------------------------------------------------------------------
  cap status-running-source alpha GET /connectors/file-source/status
  cap status-running-sink alpha GET /connectors/file-sink/status
  cap status-task-failed alpha GET /connectors/failing-task-sink/status "" "connector RUNNING, task 0 FAILED with trace"
  cap status-connector-failed alpha GET /connectors/failing-connector/status "" "connector FAILED with trace, no tasks"
  cap status-paused alpha GET /connectors/paused-source/status
  cap status-stopped alpha GET /connectors/stopped-source/status "" "STOPPED: tasks is []"
  cap status-rich-two-tasks alpha GET /connectors/rich-source/status "" "two tasks on two workers; plugin version 1.0.0"
  cap beta-status-paused beta GET /connectors/beta-paused/status
  cap task-status-failed alpha GET /connectors/failing-task-sink/tasks/0/status
  cap task-status-running alpha GET /connectors/file-source/tasks/0/status

  # ---- connector info, config, tasks, topics ----------------------------------------------------
  cap connector-info-source alpha GET /connectors/file-source
  cap connector-info-sink alpha GET /connectors/file-sink
  cap connector-info-stopped alpha GET /connectors/stopped-source
  cap connector-info-rich alpha GET /connectors/rich-source
  cap connector-config-source alpha GET /connectors/file-source/config
  cap connector-config-rich alpha GET /connectors/rich-source/config "" "PASSWORD values are returned in plain text here"
  cap connector-tasks-source alpha GET /connectors/file-source/tasks
  cap connector-tasks-rich alpha GET /connectors/rich-source/tasks
  cap connector-tasks-stopped alpha GET /connectors/stopped-source/tasks
  cap connector-topics-source alpha GET /connectors/file-source/topics
  cap connector-topics-sink alpha GET /connectors/file-sink/topics
  cap connector-topics-stopped alpha GET /connectors/stopped-source/topics

  # ---- offsets ------------------------------------------------------------------------------------
  cap offsets-source-stopped alpha GET /connectors/stopped-source/offsets
  cap offsets-source-running alpha GET /connectors/file-source/offsets
  cap offsets-sink-running alpha GET /connectors/file-sink/offsets
  cap offsets-rich alpha GET /connectors/rich-source/offsets

  # ---- plugins ------------------------------------------------------------------------------------
  cap plugins alpha GET /connector-plugins "" "default: connectorsOnly=true"
  cap plugins-connectors-only alpha GET '/connector-plugins?connectorsOnly=true'
  cap plugins-all alpha GET '/connector-plugins?connectorsOnly=false'
  cap plugin-config-file-source alpha GET /connector-plugins/FileStreamSourceConnector/config
  cap plugin-config-file-sink alpha GET /connector-plugins/FileStreamSinkConnector/config
  cap plugin-config-mirror-source alpha GET /connector-plugins/MirrorSourceConnector/config
  cap plugin-config-rich alpha GET /connector-plugins/$RICH/config
  cap plugin-config-transform alpha GET '/connector-plugins/org.apache.kafka.connect.transforms.InsertField$Value/config'

  # ---- validate -----------------------------------------------------------------------------------
  cap validate-file-source-valid alpha PUT /connector-plugins/FileStreamSourceConnector/config/validate \
    "{\"connector.class\":\"$SRC\",\"name\":\"v-src\",\"tasks.max\":\"1\",\"file\":\"$DATA/sample.txt\",\"topic\":\"cc-validate\"}"
  cap validate-file-source-errors alpha PUT /connector-plugins/FileStreamSourceConnector/config/validate \
    "{\"connector.class\":\"FileStreamSource\",\"name\":\"v-src\",\"tasks.max\":\"0\",\"file\":\"$DATA/sample.txt\",\"batch.size\":\"lots\",\"transforms\":\"ins\",\"transforms.ins.type\":\"org.apache.kafka.connect.transforms.InsertField\$Value\",\"unknown.key\":\"x\"}" \
    "alias connector.class, missing topic, bad tasks.max and batch.size, a transform and an unknown key"
  cap validate-file-sink-valid alpha PUT /connector-plugins/FileStreamSinkConnector/config/validate \
    "{\"connector.class\":\"$SINK\",\"name\":\"v-sink\",\"tasks.max\":\"1\",\"topics\":\"cc-file-lines\",\"file\":\"$DATA/v.txt\"}"
  cap validate-file-sink-errors alpha PUT /connector-plugins/FileStreamSinkConnector/config/validate \
    "{\"connector.class\":\"$SINK\",\"name\":\"v-sink\",\"tasks.max\":\"1\",\"file\":\"$DATA/v.txt\",\"errors.tolerance\":\"some\"}" \
    "neither topics nor topics.regex; bad errors.tolerance"
  cap validate-mirror-source-valid alpha PUT /connector-plugins/MirrorSourceConnector/config/validate \
    "{\"connector.class\":\"$MIRROR\",\"name\":\"v-mirror\",\"source.cluster.alias\":\"alpha\",\"target.cluster.alias\":\"beta\",\"source.cluster.bootstrap.servers\":\"$BOOT\",\"target.cluster.bootstrap.servers\":\"$BOOT\",\"topics\":\"cc-file-lines\"}"
  cap validate-mirror-source-errors alpha PUT /connector-plugins/MirrorSourceConnector/config/validate \
    "{\"connector.class\":\"$MIRROR\",\"name\":\"v-mirror\",\"source.cluster.alias\":\"alpha\",\"replication.factor\":\"zero\",\"sync.topic.acls.enabled\":\"maybe\",\"topics\":\"cc-file-lines\"}"
  cap validate-rich-valid alpha PUT /connector-plugins/RichSourceConnector/config/validate \
    "{\"connector.class\":\"$RICH\",\"name\":\"v-rich\",\"rich.endpoint.url\":\"https://api.example.com/v2\",\"rich.topic\":\"cc-rich\",\"rich.auth.mode\":\"none\",\"rich.mode\":\"standard\",\"rich.format\":\"avro\"}" \
    "valid; rich.username hidden (visible=false) because auth mode is none"
  cap validate-rich-errors alpha PUT /connector-plugins/RichSourceConnector/config/validate \
    "{\"connector.class\":\"$RICH\",\"name\":\"v-rich\",\"rich.endpoint.url\":\"ftp://files\",\"rich.auth.mode\":\"basic\",\"rich.password\":\"hunter2\",\"rich.mode\":\"bulk\",\"rich.format\":\"avro\",\"rich.tables\":\"orders,Bad-Name\",\"rich.retries\":\"99\",\"rich.sample.ratio\":\"1.5\",\"rich.enable.headers\":\"perhaps\",\"rich.key.class\":\"com.example.Missing\",\"rich.timeout.ms\":\"abc\"}" \
    "errors on every type; rich.format recommended values follow rich.mode=bulk; password echoed as [hidden]"
  cap validate-rich-incremental alpha PUT /connector-plugins/RichSourceConnector/config/validate \
    "{\"connector.class\":\"$RICH\",\"rich.endpoint.url\":\"https://api.example.com/v2\",\"rich.topic\":\"cc-rich\",\"rich.mode\":\"incremental\",\"rich.format\":\"json\"}" \
    "rich.incrementing.column becomes visible and required; no name given"
  cap validate-error-class-mismatch alpha PUT /connector-plugins/FileStreamSinkConnector/config/validate \
    "{\"connector.class\":\"$SRC\",\"topic\":\"t\"}"
  cap validate-error-no-class alpha PUT /connector-plugins/FileStreamSinkConnector/config/validate '{"topics":"t"}'

  # ---- loggers ------------------------------------------------------------------------------------
  cap loggers alpha GET /admin/loggers
  cap logger-root alpha GET /admin/loggers/root
  cap logger-put-worker alpha PUT '/admin/loggers/org.apache.kafka.connect.file?scope=worker' '{"level":"DEBUG"}'
  cap loggers-after-put alpha GET /admin/loggers "" "last_modified set for the logger changed above"
  cap logger-put-cluster alpha PUT '/admin/loggers/org.apache.kafka.connect.file?scope=cluster' '{"level":"INFO"}'
  cap error-logger-bad-level alpha PUT /admin/loggers/org.apache.kafka.connect.file '{"level":"LOUD"}'
  cap error-logger-no-level alpha PUT /admin/loggers/org.apache.kafka.connect.file '{}'
  cap error-logger-unknown alpha GET /admin/loggers/no.such.logger

  # ---- lifecycle (no lasting change to the seeded state) -----------------------------------------
  cap restart-202 alpha POST '/connectors/failing-task-sink/restart?includeTasks=true&onlyFailed=true' "" \
    "states of the instances being restarted read RESTARTING"
  wait_summary "$ALPHA_URL" failing-task-sink TASK_FAILED
  cap restart-204 alpha POST /connectors/file-source/restart "" "no query parameters: connector only, 204"
  cap task-restart-204 alpha POST /connectors/file-source/tasks/0/restart
  cap pause-202 alpha PUT /connectors/paused-source/pause
  cap resume-202 alpha PUT /connectors/file-source/resume "" "resume of a RUNNING connector is a no-op"
  cap stop-204 alpha PUT /connectors/stopped-source/stop

  # ---- create / update / offsets / delete on a temporary connector --------------------------------
  api DELETE "$ALPHA_URL/connectors/capture-temp" ""
  local tmpcfg="{\"connector.class\":\"$SRC\",\"tasks.max\":\"1\",\"file\":\"$DATA/sample.txt\",\"topic\":\"cc-capture-temp\"}"
  cap create-201 alpha POST /connectors "{\"name\":\"capture-temp\",\"config\":$tmpcfg,\"initial_state\":\"STOPPED\"}" \
    "Location header in index.json"
  wait_summary "$ALPHA_URL" capture-temp STOPPED
  cap config-put-200 alpha PUT /connectors/capture-temp/config \
    "{\"connector.class\":\"$SRC\",\"tasks.max\":\"1\",\"file\":\"$DATA/sample.txt\",\"topic\":\"cc-capture-temp\",\"batch.size\":\"100\"}"
  cap config-patch-200 alpha PATCH /connectors/capture-temp/config '{"batch.size":null,"tasks.max":"1"}' \
    "null removes a key"
  cap offsets-patch-200 alpha PATCH /connectors/capture-temp/offsets \
    "{\"offsets\":[{\"partition\":{\"filename\":\"$DATA/sample.txt\"},\"offset\":{\"position\":42}}]}"
  cap offsets-after-patch alpha GET /connectors/capture-temp/offsets
  cap offsets-delete-200 alpha DELETE /connectors/capture-temp/offsets
  cap topics-reset-202 alpha PUT /connectors/capture-temp/topics/reset
  cap delete-204 alpha DELETE /connectors/capture-temp
  api DELETE "$ALPHA_URL/connectors/capture-put-created" ""
  cap config-put-201 alpha PUT /connectors/capture-put-created/config "$tmpcfg" "PUT config creates a missing connector"
  api DELETE "$ALPHA_URL/connectors/capture-put-created" ""

  # ---- errors -------------------------------------------------------------------------------------
  cap error-404-connector alpha GET /connectors/does-not-exist
  cap error-404-status alpha GET /connectors/does-not-exist/status
  cap error-404-delete alpha DELETE /connectors/does-not-exist
  cap error-404-pause alpha PUT /connectors/does-not-exist/pause
  cap error-404-task alpha GET /connectors/file-source/tasks/7/status
  cap error-409-exists alpha POST /connectors "{\"name\":\"file-source\",\"config\":$tmpcfg}"
  cap error-400-create-invalid alpha POST /connectors \
    "{\"name\":\"capture-invalid\",\"config\":{\"connector.class\":\"$SINK\",\"tasks.max\":\"1\",\"file\":\"$DATA/x.txt\"}}" \
    "sink without topics: 400 with the validation errors in message"
  cap error-400-name-mismatch alpha PUT /connectors/capture-a/config "{\"connector.class\":\"$SRC\",\"name\":\"capture-b\",\"topic\":\"t\"}"
  cap error-400-offsets-running alpha PATCH /connectors/file-source/offsets \
    "{\"offsets\":[{\"partition\":{\"filename\":\"$DATA/sample.txt\"},\"offset\":{\"position\":0}}]}"
  cap error-400-offsets-reset-running alpha DELETE /connectors/file-source/offsets
  cap error-400-offsets-empty alpha PATCH /connectors/stopped-source/offsets '{"offsets":[]}'
  cap error-404-plugin alpha GET /connector-plugins/com.example.NoSuchConnector/config
  cap error-500-validate-unknown-class alpha PUT /connector-plugins/com.example.NoSuchConnector/config/validate \
    '{"connector.class":"com.example.NoSuchConnector"}'
  cap error-405-method alpha DELETE /connector-plugins
  cap error-500-create-no-body alpha POST /connectors "" "POST without a body: 500 (NullPointerException message), not 4xx"
  cap beta-401-no-credentials beta-noauth GET /connectors "" "plain-text body with a JSON content type"
  cap beta-401-root beta-noauth GET /

  # ---- index ------------------------------------------------------------------------------------
  jq -s --arg v "$V" --arg at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '{kafka_version: $v, captured_at: $at, clusters: {alpha: "2 workers, CORS", "alpha-2": "second alpha worker", beta: "basic auth admin/admin-secret", "beta-noauth": "beta without credentials"}, fixtures: .}' \
    "$FIX/.index.jsonl" >"$FIX/index.json"
  rm -f "$FIX/.index.jsonl"
  {
    echo "# Captured Apache Kafka Connect responses"
    echo
    echo "Recorded from the real stack (\`tests/stack/stack.sh capture\`, or \`make stack-capture\`) against"
    echo "Kafka Connect **$V**. Re-record with that one command; \`index.json\` has the same data as this table"
    echo "plus request bodies. A file is the raw JSON body, or a wrapper \`{status, headers, body}\` when the"
    echo "response has no JSON body (202/204, the plain-text 401, the 405 without content type). Seeded connector names: tests/stack/README.md."
    echo
    echo "| file | cluster | request | status | stored as | note |"
    echo "|---|---|---|---|---|---|"
    jq -r '.fixtures[] | "| `\(.file)` | \(.cluster) | `\(.method) \(.path)` | \(.status) | \(if .stored_as == "body" then "body" else "wrapper" end) | \(.note // "" | gsub("\\|"; "\\\\|")) |"' "$FIX/index.json"
  } >"$FIX/INDEX.md"
  log "captured $(jq '.fixtures | length' "$FIX/index.json") fixtures"
  log "re-seeding to confirm the state converged"
  seed_main
}
