#!/usr/bin/env bash
# The real Kafka + Kafka Connect stack for tests and `make run` (no Docker, no tarball: jars from
# Maven Central). Everything listens on 127.0.0.1 only.
#
#   stack.sh up       start broker + Connect clusters alpha (2 workers, CORS) and beta (basic auth),
#                     write run/stack.env, then seed. No-op when a healthy stack already runs.
#   stack.sh down     stop the workers, then the broker (SIGTERM, bounded wait, SIGKILL fallback)
#   stack.sh status   one line per process; exit 0 iff broker and all three workers are healthy
#   stack.sh seed     (re)create the seeded connectors and wait for their states (idempotent)
#   stack.sh capture  record real REST responses into tests/fixtures/apache/
#   stack.sh env      print the stack.env contents
#
# Environment (all optional):
#   CC_CACHE            cache root (default ~/.cache/connect-console); jars go to
#                       $CC_CACHE/kafka/<version>/lib, the test plugin to $CC_CACHE/kafka/<version>/plugin
#   CC_BROKER_PORT      19092     CC_CONTROLLER_PORT 19093
#   CC_ALPHA_PORT       18083     CC_ALPHA_PORT_2    18085     CC_BETA_PORT 18084
#   CC_STACK_TIMEOUT    seconds allowed for each readiness wait (default 180)
#   CC_STACK_RUN        run directory (stack.env, pids, logs, broker data; default tests/stack/run):
#                       with other CC_*_PORT values, a second stack that shares nothing with the first
#   CC_STACK_DATA       data files of the seeded file connectors (default $CC_CACHE/stack-data)
#
# Fault injection (tests/faults.rs): one process at a time, the others untouched.
#   stack.sh stop  <broker|alpha-1|alpha-2|beta>   SIGTERM (SIGKILL after 30 s), by pid file and marker
#   stack.sh kill  <broker|alpha-1|alpha-2|beta>   SIGKILL at once (a crash)
#   stack.sh start <broker|alpha-1|alpha-2|beta>   start it again and wait until it is healthy
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUN="${CC_STACK_RUN:-$HERE/run}"
LOGS="$RUN/logs"
PIDS="$RUN/pids"
CONF="$RUN/conf"

CC_CACHE="${CC_CACHE:-$HOME/.cache/connect-console}"
BROKER_PORT="${CC_BROKER_PORT:-19092}"
CONTROLLER_PORT="${CC_CONTROLLER_PORT:-19093}"
ALPHA_PORT="${CC_ALPHA_PORT:-18083}"
ALPHA_PORT_2="${CC_ALPHA_PORT_2:-18085}"
BETA_PORT="${CC_BETA_PORT:-18084}"
TIMEOUT="${CC_STACK_TIMEOUT:-180}"
HOST=127.0.0.1

BETA_USER="admin"
BETA_PASSWORD="admin-secret"

KAFKA_VERSION="$(sed -n 's|.*<kafka.version>\(.*\)</kafka.version>.*|\1|p' "$HERE/pom.xml" | head -n1)"
KDIR="$CC_CACHE/kafka/$KAFKA_VERSION"
LIB="$KDIR/lib"

ALPHA_URL="http://$HOST:$ALPHA_PORT"
ALPHA_URL_2="http://$HOST:$ALPHA_PORT_2"
BETA_URL="http://$HOST:$BETA_PORT"
# Data files the seeded file connectors read and write. They live in the cache, not in this clone,
# so that a stack started from one clone can be re-seeded from another with identical configs.
DATA="${CC_STACK_DATA:-$CC_CACHE/stack-data}"

# process name -> port used in its marker (-Dcc.stack=<name>:<port>)
WORKERS=(alpha-1 alpha-2 beta)
declare -A PORT_OF=([broker]="$BROKER_PORT" [alpha-1]="$ALPHA_PORT" [alpha-2]="$ALPHA_PORT_2" [beta]="$BETA_PORT")
declare -A URL_OF=([alpha-1]="$ALPHA_URL" [alpha-2]="$ALPHA_URL_2" [beta]="$BETA_URL")

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed"; }

# ---------------------------------------------------------------------------------------------
# jars and the test plugin

sha_of_tree() { # stable hash of the files under $1 (paths + contents)
  (cd "$1" && find . -type f -not -path './target/*' -print0 | LC_ALL=C sort -z \
    | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# mvn in batch + quiet mode; its output (ANSI colour resets stripped) goes to stderr.
mvn_quiet() {
  local out rc=0
  out="$(mvn -B -q "$@" 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^[[:space:]]*$' >&2 || true
  return $rc
}

ensure_lib() {
  local want; want="$(sha256sum "$HERE/pom.xml" | cut -c1-16)"
  if [ -f "$LIB/.complete" ] && [ "$(cat "$LIB/.complete")" = "$want" ]; then return 0; fi
  need mvn
  log "collecting Kafka $KAFKA_VERSION runtime jars into $LIB (first run downloads ~55 MB)"
  mkdir -p "$KDIR"
  local tmp="$KDIR/lib.tmp.$$"
  rm -rf "$tmp"
  mvn_quiet -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" \
    || { rm -rf "$tmp"; die "mvn could not collect the Kafka jars (see output above)"; }
  echo "$want" >"$tmp/.complete"
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
}

PLUGIN_JAR=""
ensure_plugin() {
  [ -f "$HERE/plugin/pom.xml" ] || return 0
  local h; h="$(sha_of_tree "$HERE/plugin")"
  PLUGIN_JAR="$KDIR/plugin/connect-console-test-plugin-$h.jar"
  [ -f "$PLUGIN_JAR" ] && return 0
  need mvn
  log "building the test connector plugin (sources hash $h)"
  mvn_quiet -f "$HERE/plugin/pom.xml" -Dkafka.version="$KAFKA_VERSION" package \
    || die "mvn could not build tests/stack/plugin (see output above)"
  mkdir -p "$KDIR/plugin"
  cp "$HERE/plugin/target/connect-console-test-plugin.jar" "$PLUGIN_JAR.tmp"
  mv "$PLUGIN_JAR.tmp" "$PLUGIN_JAR"
}

# ---------------------------------------------------------------------------------------------
# health probes

# Kafka ApiVersions v0 request over the broker port: healthy iff a response with error_code 0
# comes back (a real protocol round trip, not only an open port).
broker_healthy() {
  local out
  out="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00\x00\x00\x00\x07\x00\x02cc" >&3
    head -c 10 <&3 | od -An -tx1' "$BROKER_PORT" 2>/dev/null)" || return 1
  # bytes: length(4) correlation_id(4)=7 error_code(2)=0
  out="$(printf '%s' "$out" | tr -s ' \n' '  ' | sed 's/^ //')"
  [ "$(printf '%s' "$out" | cut -d' ' -f5-10)" = "00 00 00 07 00 00" ]
}

# GET /health returns 200 only once the herder has completed startup.
worker_healthy() {
  local name="$1" url="${URL_OF[$1]}" auth=()
  [ "$name" = beta ] && auth=(-u "$BETA_USER:$BETA_PASSWORD")
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "${auth[@]}" "$url/health" 2>/dev/null)" || true
  [ "$code" = 200 ]
}

all_healthy() {
  broker_healthy || return 1
  local w; for w in "${WORKERS[@]}"; do worker_healthy "$w" || return 1; done
}

# ---------------------------------------------------------------------------------------------
# processes

marker() { echo "-Dcc.stack=$1:${PORT_OF[$1]}"; }

# pids of live processes carrying our marker for $1 (pid file first, then a /proc scan so that a
# stack started from another clone of the repo is found too)
pids_of() {
  local name="$1" m; m="$(marker "$1")"
  local found=() p
  for p in $( { [ -f "$PIDS/$name.pid" ] && cat "$PIDS/$name.pid"; } 2>/dev/null; \
              grep -lsaF -- "$m" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 ); do
    [ -r "/proc/$p/cmdline" ] || continue
    if tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qxF -- "$m"; then found+=("$p"); fi
  done
  [ "${#found[@]}" -gt 0 ] && printf '%s\n' "${found[@]}" | sort -u
  return 0
}

tail_log() {
  local f="$LOGS/$1.log"
  if [ -f "$f" ]; then
    printf -- '----- last 40 lines of %s -----\n' "$f" >&2
    tail -n 40 "$f" >&2
    printf -- '-----\n' >&2
  fi
}

java_opts_common=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$HERE/config/log4j2.properties")

start_java() { # name "heap flags" main args...
  local name="$1" heap extra=()
  read -r -a heap <<<"$2"
  [ -n "${EXTRA_JAVA_OPTS:-}" ] && extra=("$EXTRA_JAVA_OPTS")
  shift 2
  local cp="$LIB/*"
  [ -n "$PLUGIN_JAR" ] && cp="$cp:$PLUGIN_JAR"
  : >"$LOGS/$name.log"
  # setsid: the processes outlive the shell (and make/ctrl-c process group) that started them.
  setsid java "${heap[@]}" "${java_opts_common[@]}" "$(marker "$name")" "${extra[@]+"${extra[@]}"}" \
    -cp "$cp" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

write_configs() {
  mkdir -p "$CONF" "$LOGS" "$PIDS" "$RUN/kraft"
  cat >"$CONF/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$BROKER_PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$BROKER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$RUN/kraft
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.network.threads=2
num.io.threads=2
background.threads=2
log.cleaner.threads=1
num.recovery.threads.per.data.dir=1
EOF
  # CORS: Kafka 4.x passes each comma-separated entry to Jetty 12 CrossOriginHandler as a regex
  # that must match the whole Origin. Backslashes are doubled because this is a .properties file.
  local cors='http://(127\\.0\\.0\\.1|localhost):[0-9]+'
  local cluster port url
  for w in alpha-1 alpha-2 beta; do
    port="${PORT_OF[$w]}"
    cluster="${w%%-*}"
    cat >"$CONF/$w.properties" <<EOF
bootstrap.servers=$HOST:$BROKER_PORT
group.id=cc-$cluster
config.storage.topic=cc-$cluster-configs
offset.storage.topic=cc-$cluster-offsets
status.storage.topic=cc-$cluster-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=1
status.storage.partitions=1
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
listeners=http://$HOST:$port
rest.advertised.host.name=$HOST
rest.advertised.port=$port
offset.flush.interval.ms=1000
offset.flush.timeout.ms=5000
plugin.discovery=service_load
scheduled.rebalance.max.delay.ms=5000
task.shutdown.graceful.timeout.ms=3000
access.control.allow.origin=$cors
access.control.allow.methods=GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS
EOF
    if [ "$cluster" = beta ]; then
      echo "rest.extension.classes=org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension" \
        >>"$CONF/$w.properties"
    fi
  done
  cat >"$CONF/beta-jaas.conf" <<EOF
KafkaConnect {
  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
  file="$HERE/config/beta-credentials.properties";
};
EOF
}

write_env() {
  mkdir -p "$RUN"
  local v="$KAFKA_VERSION" got
  got="$(curl -s --max-time 5 "$ALPHA_URL/" 2>/dev/null | jq -r '.version // empty' 2>/dev/null)" || true
  [ -n "$got" ] && v="$got"
  cat >"$RUN/stack.env.tmp" <<EOF
ALPHA_URL=$ALPHA_URL
ALPHA_URL_2=$ALPHA_URL_2
BETA_URL=$BETA_URL
BETA_USER=$BETA_USER
BETA_PASSWORD=$BETA_PASSWORD
KAFKA_BOOTSTRAP=$HOST:$BROKER_PORT
KAFKA_VERSION=$v
STACK_DATA_DIR=$DATA
EOF
  mv "$RUN/stack.env.tmp" "$RUN/stack.env"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_broker() {
  if [ ! -f "$RUN/kraft/meta.properties" ]; then
    log "formatting KRaft storage in $RUN/kraft"
    local id
    id="$(java -Xmx128m "${java_opts_common[@]}" -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>>"$LOGS/format.log" | tail -n1)"
    [ -n "$id" ] || { tail_log format; die "could not generate a cluster id"; }
    java -Xmx256m "${java_opts_common[@]}" -cp "$LIB/*" kafka.tools.StorageTool format \
      -t "$id" -c "$CONF/server.properties" >>"$LOGS/format.log" 2>&1 \
      || { tail_log format; die "formatting the KRaft storage failed"; }
  fi
  log "starting broker on $HOST:$BROKER_PORT (controller $CONTROLLER_PORT)"
  start_java broker "-Xms256m -Xmx512m" kafka.Kafka "$CONF/server.properties"
}

start_worker() {
  local w="$1" jaas=""
  [ "$w" = beta ] && jaas="-Djava.security.auth.login.config=$CONF/beta-jaas.conf"
  log "starting Connect worker $w on ${URL_OF[$w]}"
  EXTRA_JAVA_OPTS="$jaas" start_java "$w" "-Xms128m -Xmx512m" \
    org.apache.kafka.connect.cli.ConnectDistributed "$CONF/$w.properties"
}

alive() { local p; p="$(cat "$PIDS/$1.pid" 2>/dev/null)" || return 1; kill -0 "$p" 2>/dev/null; }

fail_start() { # name reason
  log "$1 failed to start: $2"
  tail_log "$1"
  log "stopping whatever was started"
  cmd_down >&2 || true
  exit 1
}

wait_broker() {
  local deadline=$((SECONDS + TIMEOUT))
  until grep -q 'Kafka Server started' "$LOGS/broker.log" 2>/dev/null && broker_healthy; do
    alive broker || fail_start broker "process exited"
    [ $SECONDS -lt $deadline ] || fail_start broker "not started within ${TIMEOUT}s"
    sleep 0.5
  done
}

wait_workers() {
  local deadline=$((SECONDS + TIMEOUT)) pending=("${WORKERS[@]}") next w
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for w in "${pending[@]}"; do
      if worker_healthy "$w"; then
        log "$w healthy after ${SECONDS}s"
      else
        alive "$w" || fail_start "$w" "process exited"
        next+=("$w")
      fi
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -eq 0 ] && break
    [ $SECONDS -lt $deadline ] || fail_start "${pending[0]}" "GET /health not 200 within ${TIMEOUT}s"
    sleep 1
  done
}

cmd_up() {
  need java; need curl; need jq
  if all_healthy; then
    log "a healthy stack is already running (alpha $ALPHA_URL, $ALPHA_URL_2; beta $BETA_URL)"
    write_env
    return 0
  fi
  # A partial or unhealthy stack: stop what is ours before starting fresh.
  local n; for n in beta alpha-2 alpha-1 broker; do
    if [ -n "$(pids_of "$n")" ]; then log "found a partial stack; stopping it first"; cmd_down; break; fi
  done
  for n in broker alpha-1 alpha-2 beta; do
    port_busy "${PORT_OF[$n]}" && die "port ${PORT_OF[$n]} (for $n) is in use by another process"
  done
  port_busy "$CONTROLLER_PORT" && die "port $CONTROLLER_PORT (controller) is in use by another process"
  SECONDS=0
  ensure_lib
  ensure_plugin
  write_configs
  start_broker
  wait_broker
  log "broker ready after ${SECONDS}s"
  for n in "${WORKERS[@]}"; do start_worker "$n"; done
  wait_workers
  log "all healthy after ${SECONDS}s"
  echo "$SECONDS" >"$RUN/last-up-seconds"
  write_env
  cmd_seed
}

stop_procs() { # grace-seconds name...
  local grace="$1"; shift
  local all=() n p
  for n in "$@"; do for p in $(pids_of "$n"); do all+=("$p"); done; done
  [ "${#all[@]}" -eq 0 ] && return 0
  log "stopping $* (pids ${all[*]})"
  kill -TERM "${all[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + grace)) left
  while :; do
    left=()
    for p in "${all[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
    [ "${#left[@]}" -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      log "SIGKILL after ${grace}s: ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.3
  done
  for n in "$@"; do rm -f "$PIDS/$n.pid"; done
}

cmd_down() {
  stop_procs 30 beta alpha-2 alpha-1
  stop_procs 30 broker
  local n still=""
  for n in broker alpha-1 alpha-2 beta; do [ -n "$(pids_of "$n")" ] && still="$still $n"; done
  [ -z "$still" ] || die "still running after down:$still"
  rm -f "$RUN/READY"
  log "stack stopped"
}

cmd_status() {
  local ok=0 n pid state
  pid="$(pids_of broker | tr '\n' ' ')"
  if broker_healthy; then state=healthy; else state=DOWN; ok=1; fi
  printf '%-8s %-28s %-9s pid %s\n' broker "$HOST:$BROKER_PORT" "$state" "${pid:--}"
  for n in "${WORKERS[@]}"; do
    pid="$(pids_of "$n" | tr '\n' ' ')"
    if worker_healthy "$n"; then state=healthy; else state=DOWN; ok=1; fi
    printf '%-8s %-28s %-9s pid %s\n' "$n" "${URL_OF[$n]}" "$state" "${pid:--}"
  done
  return $ok
}

# shellcheck source=/dev/null
cmd_seed() { need curl; need jq; source "$HERE/seed.sh"; seed_main; }
cmd_capture() { need curl; need jq; source "$HERE/capture.sh"; capture_main; }

# One process of a running stack (fault injection). Its configs in run/conf must exist (`up` wrote them).
check_process_name() {
  case "${1:-}" in broker | alpha-1 | alpha-2 | beta) ;; *) die "unknown process '${1:-}' (broker, alpha-1, alpha-2, beta)" ;; esac
}
cmd_stop_one() { check_process_name "${1:-}"; stop_procs 30 "$1"; }
cmd_kill_one() {
  check_process_name "${1:-}"
  local p pids=()
  for p in $(pids_of "$1"); do pids+=("$p"); done
  [ "${#pids[@]}" -eq 0 ] && { log "$1 is not running"; return 0; }
  log "SIGKILL $1 (pids ${pids[*]})"
  kill -KILL "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while [ -n "$(pids_of "$1")" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  # The cmdline of a dying JVM empties before the kernel closes its sockets, so the port can stay
  # bound for a moment after pids_of finds nothing: wait for it too, so `start` right after works.
  wait_port_free "$1" 10
  rm -f "$PIDS/$1.pid"
}
wait_port_free() { # name seconds
  local port="${PORT_OF[$1]}" deadline=$((SECONDS + $2))
  while port_busy "$port" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
}
cmd_start_one() {
  check_process_name "${1:-}"
  need java; need curl
  [ -f "$CONF/server.properties" ] || die "no stack configs in $CONF: start the stack with \`up\` first"
  if [ -n "$(pids_of "$1")" ]; then log "$1 is already running"; else
    wait_port_free "$1" 10
    port_busy "${PORT_OF[$1]}" && die "port ${PORT_OF[$1]} (for $1) is in use by another process"
    ensure_lib
    ensure_plugin
    mkdir -p "$LOGS" "$PIDS"
    if [ "$1" = broker ]; then start_broker; else start_worker "$1"; fi
  fi
  if [ "$1" = broker ]; then wait_broker; log "broker ready"; else
    local deadline=$((SECONDS + TIMEOUT))
    until worker_healthy "$1"; do
      alive "$1" || { tail_log "$1"; die "$1 exited"; }
      [ $SECONDS -lt $deadline ] || { tail_log "$1"; die "$1: GET /health not 200 within ${TIMEOUT}s"; }
      sleep 1
    done
    log "$1 healthy"
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  stop) cmd_stop_one "${2:-}" ;;
  kill) cmd_kill_one "${2:-}" ;;
  start) cmd_start_one "${2:-}" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  seed) cmd_seed ;;
  capture) cmd_capture ;;
  env) write_env; cat "$RUN/stack.env" ;;
  *) echo "usage: $0 {up|down|status|seed|capture|env|stop NAME|kill NAME|start NAME}" >&2; exit 2 ;;
esac
