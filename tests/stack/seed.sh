# shellcheck shell=bash
# Sourced by stack.sh: `stack.sh seed`. Creates (or converges) the seeded connectors through the
# REST API and waits until each one really shows its intended state in /status.
# Idempotent: a connector that exists with the same config is left alone; a different config is
# PUT; the state is then driven (pause/resume/stop/restart) and waited for.
# Connectors that are not in the seeded set are left untouched.

SEED_TIMEOUT="${CC_SEED_TIMEOUT:-120}"

# ---- HTTP helpers -------------------------------------------------------------------------------
# api METHOD URL [BODY] [AUTH]: sets HTTP_STATUS and HTTP_BODY (call it directly, not in $(...)). Retries the transient answers
# of a distributed herder (409 rebalance / 500 "rebalance is expected" / "timed out") for 60 s.
HTTP_STATUS=""
HTTP_BODY=""
api() {
  local method="$1" url="$2" body="${3:-}" auth="${4:-}" out args deadline=$((SECONDS + 60))
  args=(-s --max-time 100 -X "$method" -H 'Accept: application/json' -w '\n%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  [ -n "$auth" ] && args+=(-u "$auth")
  while :; do
    out="$(curl "${args[@]}" "$url")" || out=$'\n000'
    HTTP_STATUS="${out##*$'\n'}"
    out="${out%$'\n'*}"
    case "$HTTP_STATUS" in
      409) [[ "$out" == *"already exists"* ]] && break ;;
      500) [[ "$out" == *rebalance* || "$out" == *"timed out"* ]] || break ;;
      000) ;;
      *) break ;;
    esac
    [ $SECONDS -lt $deadline ] || break
    sleep 1
  done
  HTTP_BODY="$out"
}

# ---- desired connectors ---------------------------------------------------------------------------
FILE_SOURCE=org.apache.kafka.connect.file.FileStreamSourceConnector
FILE_SINK=org.apache.kafka.connect.file.FileStreamSinkConnector

seed_alpha_specs() {
  # name|desired state|config json
  cat <<EOF
file-source|RUNNING|{"connector.class":"$FILE_SOURCE","tasks.max":"1","file":"$DATA/sample.txt","topic":"cc-file-lines"}
file-sink|RUNNING|{"connector.class":"$FILE_SINK","tasks.max":"1","topics":"cc-file-lines","file":"$DATA/file-sink.out.txt"}
failing-task-sink|TASK_FAILED|{"connector.class":"$FILE_SINK","tasks.max":"1","topics":"cc-file-lines","file":"$DATA/missing-dir/never-created/out.txt"}
failing-connector|FAILED|{"connector.class":"org.apache.kafka.connect.mirror.MirrorHeartbeatConnector","tasks.max":"1","source.cluster.alias":"alpha","target.cluster.alias":"nowhere","target.cluster.bootstrap.servers":"not-a-host-port"}
paused-source|PAUSED|{"connector.class":"$FILE_SOURCE","tasks.max":"1","file":"$DATA/sample.txt","topic":"cc-paused-lines"}
stopped-source|STOPPED|{"connector.class":"$FILE_SOURCE","tasks.max":"1","file":"$DATA/sample.txt","topic":"cc-stopped-lines"}
EOF
  cat <<EOF
rich-source|RUNNING|{"connector.class":"io.connectconsole.test.RichSourceConnector","tasks.max":"2","rich.endpoint.url":"https://api.example.com/v2","rich.topic":"cc-rich-events","rich.auth.mode":"basic","rich.username":"reader","rich.password":"s3cret-value","rich.tables":"orders,customers,invoices","rich.interval.ms":"2000"}
EOF
}

seed_beta_specs() {
  cat <<EOF
beta-source|RUNNING|{"connector.class":"$FILE_SOURCE","tasks.max":"1","file":"$DATA/sample.txt","topic":"cc-beta-lines"}
beta-paused|PAUSED|{"connector.class":"$FILE_SOURCE","tasks.max":"1","file":"$DATA/sample.txt","topic":"cc-beta-paused-lines"}
EOF
}

# ---- state helpers ---------------------------------------------------------------------------------
# prints a compact summary "CONNECTOR_STATE task0state,task1state,..." ("-" when no status yet)
state_summary() {
  api GET "$1/connectors/$2/status" "" "$3"
  if [ "$HTTP_STATUS" != 200 ]; then echo "- -"; return; fi
  jq -r '[.connector.state, ([.tasks[] | .state + (if .trace then "+trace" else "" end)] | join(","))] | join(" ")' <<<"$HTTP_BODY"
}

state_ok() { # desired summary
  local desired="$1" conn tasks
  conn="${2%% *}"; tasks="${2#* }"; [ "$tasks" = "$2" ] && tasks=""
  case "$desired" in
    RUNNING) [ "$conn" = RUNNING ] && [ -n "$tasks" ] && [[ ! "$tasks" =~ (FAILED|PAUSED|UNASSIGNED|RESTARTING) ]] ;;
    PAUSED) [ "$conn" = PAUSED ] && [ -n "$tasks" ] && [[ ! "$tasks" =~ (RUNNING|FAILED|UNASSIGNED|RESTARTING) ]] ;;
    STOPPED) [ "$conn" = STOPPED ] && [ -z "$tasks" ] ;;
    FAILED) [ "$conn" = FAILED ] ;;
    TASK_FAILED) [ "$conn" = RUNNING ] && [[ "$tasks" == *FAILED+trace* ]] ;;
  esac
}

wait_state() { # url name desired auth
  local deadline=$((SECONDS + SEED_TIMEOUT)) s
  while :; do
    s="$(state_summary "$1" "$2" "$4")"
    if state_ok "$3" "$s"; then log "  $2: $s"; return 0; fi
    [ $SECONDS -lt $deadline ] || die "seed: $2 did not reach $3 within ${SEED_TIMEOUT}s (last status: $s)"
    sleep 1
  done
}

has_offsets() { # url name auth
  api GET "$1/connectors/$2/offsets" "" "$3"
  [ "$HTTP_STATUS" = 200 ] && [ "$(jq '.offsets | length' <<<"$HTTP_BODY")" -gt 0 ]
}

converge() { # url auth name desired config
  local url="$1" auth="$2" name="$3" desired="$4" config="$5" cur body want
  want="$(jq -cS --arg n "$name" '. + {name: $n}' <<<"$config")"
  api GET "$url/connectors/$name/config" "" "$auth"
  cur="$HTTP_BODY"
  if [ "$HTTP_STATUS" = 404 ]; then
    # PAUSED/STOPPED connectors are created RUNNING and driven there afterwards: a connector
    # created with initial_state PAUSED has no tasks until it first runs.
    local initial=RUNNING
    body="$(jq -c --arg n "$name" --arg s "$initial" '{name: $n, config: ., initial_state: $s}' <<<"$config")"
    api POST "$url/connectors" "$body" "$auth"
    case "$HTTP_STATUS" in 201|409) ;; *) die "seed: creating $name on $url failed with HTTP $HTTP_STATUS";; esac
    log "  $name: created"
  elif [ "$HTTP_STATUS" = 200 ]; then
    if [ "$(jq -cS . <<<"$cur")" != "$want" ]; then
      api PUT "$url/connectors/$name/config" "$want" "$auth"
      [ "$HTTP_STATUS" = 200 ] || die "seed: updating $name failed with HTTP $HTTP_STATUS"
      log "  $name: config updated"
    fi
  else
    die "seed: GET $url/connectors/$name/config answered HTTP $HTTP_STATUS"
  fi

  # wait until a status exists at all
  local deadline=$((SECONDS + SEED_TIMEOUT)) s
  while s="$(state_summary "$url" "$name" "$auth")"; [ "$s" = "- -" ]; do
    [ $SECONDS -lt $deadline ] || die "seed: no status for $name within ${SEED_TIMEOUT}s"
    sleep 1
  done
  local conn="${s%% *}"

  case "$desired" in
    RUNNING)
      if [ "$conn" = PAUSED ] || [ "$conn" = STOPPED ]; then api PUT "$url/connectors/$name/resume" "" "$auth"; fi
      if ! state_ok RUNNING "$s" && [[ "$s" == *FAILED* ]]; then
        api POST "$url/connectors/$name/restart?includeTasks=true&onlyFailed=true" "" "$auth"
      fi ;;
    PAUSED)
      if ! state_ok PAUSED "$s"; then
        if [ "$conn" != RUNNING ]; then
          api PUT "$url/connectors/$name/resume" "" "$auth"
          wait_state "$url" "$name" RUNNING "$auth"
        fi
        api PUT "$url/connectors/$name/pause" "" "$auth"
      fi ;;
    STOPPED)
      if ! has_offsets "$url" "$name" "$auth"; then
        conn=RESUMED
        # run it until the framework has committed source offsets, so GET /offsets shows a partition
        [ "$conn" = RUNNING ] || api PUT "$url/connectors/$name/resume" "" "$auth"
        wait_state "$url" "$name" RUNNING "$auth"
        local d2=$((SECONDS + SEED_TIMEOUT))
        until has_offsets "$url" "$name" "$auth"; do
          [ $SECONDS -lt $d2 ] || die "seed: $name committed no offsets within ${SEED_TIMEOUT}s"
          sleep 1
        done
      fi
      if [ "$conn" != STOPPED ]; then api PUT "$url/connectors/$name/stop" "" "$auth"; fi ;;
    TASK_FAILED)
      if [ "$conn" = PAUSED ] || [ "$conn" = STOPPED ]; then api PUT "$url/connectors/$name/resume" "" "$auth"; fi ;;
    FAILED)
      if [ "$conn" = PAUSED ] || [ "$conn" = STOPPED ]; then api PUT "$url/connectors/$name/resume" "" "$auth"; fi ;;
  esac
  wait_state "$url" "$name" "$desired" "$auth"
}

seed_cluster() { # url auth specs-function
  local url="$1" auth="$2" line name desired config
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    name="${line%%|*}"; line="${line#*|}"
    desired="${line%%|*}"; config="${line#*|}"
    converge "$url" "$auth" "$name" "$desired" "$config"
  done < <("$3")
}

seed_main() {
  all_healthy || die "seed: the stack is not healthy (run: tests/stack/stack.sh up)"
  mkdir -p "$DATA"
  cmp -s "$HERE/data/sample.txt" "$DATA/sample.txt" || cp "$HERE/data/sample.txt" "$DATA/sample.txt"
  rm -rf "$DATA/missing-dir"   # failing-task-sink must not be able to create its file
  write_env
  curl -s --max-time 10 "$ALPHA_URL/connector-plugins" | grep -q 'io.connectconsole.test.RichSourceConnector' \
    || die "seed: alpha does not load the test plugin (restart the stack: stack.sh down && stack.sh up)"
  log "seeding alpha ($ALPHA_URL)"
  seed_cluster "$ALPHA_URL" "" seed_alpha_specs
  log "seeding beta ($BETA_URL)"
  seed_cluster "$BETA_URL" "$BETA_USER:$BETA_PASSWORD" seed_beta_specs
  echo READY >"$RUN/READY"
  log "seed complete"
}
