// The scale fixture's data: N clusters of Kafka Connect connectors in the exact JSON shapes the
// real Connect 4.3.1 REST API returns (tests/fixtures/apache/*.json, captured from the real
// stack), generated deterministically from a seed, with a fraction of connectors changing state
// on every refresh.
//
// Shapes (key order as Connect's Jackson writes them, compact output, `trace` only when set):
//   status  {"name","connector":{"state","worker_id","version"[,"trace"]},"tasks":[{"id","state","worker_id","version"[,"trace"]}],"type"}
//   info    {"name","config":{...},"tasks":[{"connector","task"}],"type"}
//   expand  {"<name>":{"status":<status>,"info":<info>}, ...}
// States used are the ones captured from the real stack: RUNNING, PAUSED, STOPPED (tasks [] in
// both status and info), connector FAILED (with trace, tasks []), and a RUNNING connector with a
// FAILED task (with trace): the console's "degraded" roll-up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(here, '..', 'fixtures', 'apache');

export function captured(file) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
}

// Real traces captured from the stack: a task that failed to start, a connector that failed.
const TASK_TRACE = captured('status-task-failed.json').tasks[0].trace;
const CONNECTOR_TRACE = captured('status-connector-failed.json').connector.trace;

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const DOMAINS = ['orders', 'payments', 'inventory', 'customers', 'shipments', 'billing', 'ledger',
  'clickstream', 'audit', 'catalog', 'pricing', 'search', 'fraud', 'loyalty', 'returns', 'accounts',
  'invoices', 'sessions', 'notifications', 'warehouse', 'telemetry', 'subscriptions', 'refunds', 'carts'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
const ENVS = ['prod', 'prod', 'prod', 'staging', 'dev'];

// Plugin kinds: class, type, plugin version, a realistic config (key order as a user would have
// posted it: Connect returns the stored map in its own order, not sorted), tasks.max range.
const KINDS = [
  {
    weight: 22, cls: 'io.debezium.connector.postgresql.PostgresConnector', type: 'source', version: '3.1.2.Final',
    system: 'pg-cdc', tasks: [1, 1],
    config: (n, d, r, env) => ({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': `${d}-db.${env}.internal`,
      'database.port': '5432',
      'database.user': 'debezium',
      'database.password': '${file:/opt/connect/secrets/pg.properties:password}',
      'database.dbname': d,
      'topic.prefix': `${env}.${d}`,
      'table.include.list': `public.${d},public.${d}_items,public.${d}_events`,
      'plugin.name': 'pgoutput',
      'slot.name': `dbz_${d}_${Math.floor(r() * 1000)}`,
      'publication.autocreate.mode': 'filtered',
      'tasks.max': '1',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'name': n,
    }),
  },
  {
    weight: 12, cls: 'io.debezium.connector.mysql.MySqlConnector', type: 'source', version: '3.1.2.Final',
    system: 'mysql-cdc', tasks: [1, 1],
    config: (n, d, r, env) => ({
      'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
      'tasks.max': '1',
      'database.hostname': `${d}-mysql.${env}.internal`,
      'database.port': '3306',
      'database.user': 'cdc',
      'database.password': '${vault:secret/data/connect/mysql:password}',
      'database.server.id': String(5400 + Math.floor(r() * 5000)),
      'topic.prefix': `${env}.${d}.mysql`,
      'database.include.list': d,
      'schema.history.internal.kafka.bootstrap.servers': `kafka-${env}:9092`,
      'schema.history.internal.kafka.topic': `schema-changes.${d}`,
      'name': n,
    }),
  },
  {
    weight: 18, cls: 'io.confluent.connect.jdbc.JdbcSinkConnector', type: 'sink', version: '10.8.0',
    system: 'jdbc-sink', tasks: [1, 8],
    config: (n, d, r, env, t) => ({
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'connection.url': `jdbc:postgresql://${d}-dwh.${env}.internal:5432/${d}`,
      'connection.user': 'loader',
      'connection.password': '${file:/opt/connect/secrets/dwh.properties:password}',
      'topics': `${env}.${d}.public.${d},${env}.${d}.public.${d}_items`,
      'insert.mode': 'upsert',
      'pk.mode': 'record_key',
      'auto.create': 'true',
      'auto.evolve': 'true',
      'tasks.max': String(t),
      'name': n,
    }),
  },
  {
    weight: 14, cls: 'io.confluent.connect.s3.S3SinkConnector', type: 'sink', version: '10.5.23',
    system: 's3-sink', tasks: [2, 8],
    config: (n, d, r, env, t) => ({
      'connector.class': 'io.confluent.connect.s3.S3SinkConnector',
      'tasks.max': String(t),
      'topics.regex': `${env}\\.${d}\\..*`,
      's3.bucket.name': `acme-${env}-${d}-lake`,
      's3.region': pick(r, REGIONS),
      'flush.size': String(1000 * (1 + Math.floor(r() * 50))),
      'rotate.interval.ms': '600000',
      'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
      'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat',
      'partitioner.class': 'io.confluent.connect.storage.partitioner.TimeBasedPartitioner',
      'path.format': "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
      'locale': 'en-US',
      'timezone': 'UTC',
      'name': n,
    }),
  },
  {
    weight: 9, cls: 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', type: 'sink', version: '14.1.2',
    system: 'es-sink', tasks: [2, 6],
    config: (n, d, r, env, t) => ({
      'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
      'topics': `${env}.${d}.search`,
      'connection.url': `https://es-${env}.internal:9200`,
      'connection.username': 'connect',
      'connection.password': '${file:/opt/connect/secrets/es.properties:password}',
      'key.ignore': 'false',
      'schema.ignore': 'true',
      'behavior.on.malformed.documents': 'warn',
      'tasks.max': String(t),
      'name': n,
    }),
  },
  {
    weight: 7, cls: 'com.snowflake.kafka.connector.SnowflakeSinkConnector', type: 'sink', version: '3.1.0',
    system: 'snowflake', tasks: [2, 12],
    config: (n, d, r, env, t) => ({
      'connector.class': 'com.snowflake.kafka.connector.SnowflakeSinkConnector',
      'tasks.max': String(t),
      'topics': `${env}.${d}.events`,
      'snowflake.url.name': 'acme.eu-west-1.snowflakecomputing.com:443',
      'snowflake.user.name': 'KAFKA_LOADER',
      'snowflake.private.key': '${file:/opt/connect/secrets/snowflake.properties:private.key}',
      'snowflake.database.name': env.toUpperCase(),
      'snowflake.schema.name': d.toUpperCase(),
      'buffer.count.records': '10000',
      'buffer.flush.time': '60',
      'name': n,
    }),
  },
  {
    weight: 6, cls: 'com.mongodb.kafka.connect.MongoSourceConnector', type: 'source', version: '1.15.0',
    system: 'mongo-src', tasks: [1, 1],
    config: (n, d, r, env) => ({
      'connector.class': 'com.mongodb.kafka.connect.MongoSourceConnector',
      'connection.uri': '${file:/opt/connect/secrets/mongo.properties:uri}',
      'database': d,
      'collection': `${d}_documents`,
      'topic.prefix': `${env}.mongo`,
      'copy.existing': 'false',
      'publish.full.document.only': 'true',
      'tasks.max': '1',
      'name': n,
    }),
  },
  {
    weight: 6, cls: 'org.apache.kafka.connect.mirror.MirrorSourceConnector', type: 'source', version: '4.3.1',
    system: 'mirror', tasks: [2, 10],
    config: (n, d, r, env, t) => ({
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'source.cluster.alias': `${env}-${pick(r, REGIONS)}`,
      'target.cluster.alias': `${env}-dr`,
      'source.cluster.bootstrap.servers': `kafka-${env}-a:9092`,
      'target.cluster.bootstrap.servers': `kafka-${env}-dr:9092`,
      'topics': `${env}\\.${d}\\..*`,
      'replication.factor': '3',
      'tasks.max': String(t),
      'name': n,
    }),
  },
  {
    weight: 4, cls: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '4.3.1',
    system: 'file-sink', tasks: [1, 1],
    config: (n, d, r, env) => ({
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'file': `/var/log/connect/${d}.out`,
      'tasks.max': '1',
      'topics': `${env}.${d}.audit`,
      'name': n,
    }),
  },
  {
    weight: 2, cls: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'source', version: '4.3.1',
    system: 'file-src', tasks: [1, 1],
    config: (n, d, r, env) => ({
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'file': `/var/spool/${d}/input.txt`,
      'tasks.max': '1',
      'name': n,
      'topic': `${env}.${d}.lines`,
    }),
  },
];
const KIND_TOTAL = KINDS.reduce((s, k) => s + k.weight, 0);

function pickKind(r) {
  let x = r() * KIND_TOTAL;
  for (const k of KINDS) {
    if ((x -= k.weight) < 0) return k;
  }
  return KINDS[0];
}

// A few names the list must survive: spaces, unicode, percent signs, very long ones.
const ODD_NAMES = [
  (i) => `orders sink (legacy) ${i}`,
  (i) => `zahlungsströme-ü-${i}`,
  (i) => `顧客-同期-${i}`,
  (i) => `100%-coverage-${i}`,
  (i) => `${'very-long-connector-name-that-keeps-going-'.repeat(5)}${i}`,
];

/**
 * The clusters: `connectors` and `tasks` split over `clusters` clusters (sizes 40/35/25 % for 3).
 * Every count is exact: sum of connectors = connectors, sum of status task entries = tasks.
 */
export function generate({ clusters = 3, connectors = 10_000, tasks = 30_000, seed = 42 } = {}) {
  const shares = clusters === 3 ? [0.4, 0.35, 0.25] : Array(clusters).fill(1 / clusters);
  const sizes = shares.map((s) => Math.floor(s * connectors));
  sizes[0] += connectors - sizes.reduce((a, b) => a + b, 0);
  const out = [];
  for (let c = 0; c < clusters; c++) {
    out.push(generateCluster(`c${c + 1}`, sizes[c], Math.round((tasks * sizes[c]) / connectors), seed * 1000 + c));
  }
  // Make the task total exact across clusters (rounding).
  const diff = tasks - out.reduce((s, cl) => s + cl.taskCount(), 0);
  if (diff !== 0) out[0].adjustTasks(diff);
  return out;
}

function generateCluster(id, n, wantTasks, seed) {
  const r = rng(seed);
  const workers = Array.from({ length: Math.max(3, Math.round(n / 350)) },
    (_, i) => `${id}-worker-${String(i + 1).padStart(2, '0')}.connect.internal:8083`);
  const used = new Set();
  const list = [];
  for (let i = 0; i < n; i++) {
    const kind = pickKind(r);
    const domain = pick(r, DOMAINS);
    const env = pick(r, ENVS);
    let name;
    if (r() < 0.005) {
      name = pick(r, ODD_NAMES)(i);
    } else {
      name = `${env}-${domain}-${kind.system}-${String(i).padStart(5, '0')}`;
    }
    while (used.has(name)) name += '-x';
    used.add(name);
    const [lo, hi] = kind.tasks;
    const t = lo + Math.floor(r() * (hi - lo + 1));
    const x = r();
    // Initial state mix: mostly running, some paused, stopped, failed and degraded.
    const state = x < 0.03 ? 'STOPPED' : x < 0.04 ? 'FAILED' : x < 0.08 ? 'PAUSED' : x < 0.12 ? 'DEGRADED' : 'RUNNING';
    list.push({
      name, kind, domain, env, tasksMax: t, state,
      failedTask: 0,
      worker: Math.floor(r() * workers.length),
      config: null,
      json: null,
    });
  }
  const cluster = new Cluster(id, list, workers, seed);
  cluster.adjustTasks(wantTasks - cluster.taskCount());
  for (const c of list) {
    c.config = c.kind.config(c.name, c.domain, r, c.env, c.tasksMax);
    c.config['tasks.max'] = String(c.tasksMax);
  }
  return cluster;
}

/** Task entries a connector has in status (and in info): none while STOPPED or FAILED. */
function liveTasks(c) {
  return c.state === 'STOPPED' || c.state === 'FAILED' ? 0 : c.tasksMax;
}

export class Cluster {
  constructor(id, connectors, workers, seed) {
    this.id = id;
    this.connectors = connectors;
    this.workers = workers;
    this.seed = seed;
    this.generation = 0;
    this.byName = new Map(connectors.map((c) => [c.name, c]));
  }

  taskCount() {
    return this.connectors.reduce((s, c) => s + liveTasks(c), 0);
  }

  /** Adds (or removes) task entries on connectors whose plugin runs several tasks. */
  adjustTasks(diff) {
    const multi = this.connectors.filter((c) => liveTasks(c) > 0 && c.kind.tasks[1] > 1);
    let i = 0;
    let guard = 0;
    while (diff !== 0 && multi.length && guard++ < 1e7) {
      const c = multi[i++ % multi.length];
      if (diff > 0 && c.tasksMax < 16) { c.tasksMax++; diff--; }
      else if (diff < 0 && c.tasksMax > 1) { c.tasksMax--; diff++; }
    }
    for (const c of this.connectors) {
      if (c.config) c.config['tasks.max'] = String(c.tasksMax);
      c.json = null;
    }
    if (diff !== 0) throw new Error(`cannot reach the task total (${diff} left)`);
  }

  /**
   * One refresh: `fraction` of the connectors that can change (not STOPPED, not FAILED) change
   * state, chosen deterministically from (seed, generation). Task totals stay the same.
   */
  step(fraction) {
    this.generation++;
    const r = rng(this.seed * 7919 + this.generation);
    const mutable = this.connectors.filter((c) => c.state !== 'STOPPED' && c.state !== 'FAILED');
    const k = Math.min(mutable.length, Math.ceil(fraction * this.connectors.length));
    const chosen = new Set();
    while (chosen.size < k) chosen.add(mutable[Math.floor(r() * mutable.length)]);
    const changed = [];
    for (const c of chosen) {
      const before = c.state;
      if (c.state === 'RUNNING') {
        c.state = r() < 0.5 ? 'PAUSED' : 'DEGRADED';
        c.failedTask = Math.floor(r() * c.tasksMax);
      } else {
        c.state = 'RUNNING';
      }
      c.json = null;
      changed.push({ name: c.name, from: before, to: c.state });
    }
    return changed;
  }

  worker(c, offset = 0) {
    return this.workers[(c.worker + offset) % this.workers.length];
  }

  status(c) {
    const version = c.kind.version;
    const connector = { state: c.state === 'DEGRADED' ? 'RUNNING' : c.state, worker_id: this.worker(c), version };
    if (c.state === 'FAILED') connector.trace = CONNECTOR_TRACE;
    const tasks = [];
    for (let t = 0; t < liveTasks(c); t++) {
      const failed = c.state === 'DEGRADED' && t === c.failedTask % c.tasksMax;
      const state = c.state === 'PAUSED' ? 'PAUSED' : failed ? 'FAILED' : 'RUNNING';
      const task = { id: t, state, worker_id: this.worker(c, t + 1), version };
      if (failed) task.trace = TASK_TRACE;
      tasks.push(task);
    }
    return { name: c.name, connector, tasks, type: c.kind.type };
  }

  info(c) {
    const tasks = [];
    for (let t = 0; t < liveTasks(c); t++) tasks.push({ connector: c.name, task: t });
    return { name: c.name, config: c.config, tasks, type: c.kind.type };
  }

  /** The compact JSON of one `{"status":…,"info":…}` entry, cached until the connector changes. */
  entryJson(c) {
    if (c.json === null) {
      c.json = {
        status: JSON.stringify(this.status(c)),
        info: JSON.stringify(this.info(c)),
      };
    }
    return c.json;
  }

  /** `GET /connectors?expand=…` body for the given expand set (Jackson compact output). */
  expandedBody(expand) {
    const wantStatus = expand.has('status');
    const wantInfo = expand.has('info');
    const parts = new Array(this.connectors.length);
    for (let i = 0; i < this.connectors.length; i++) {
      const c = this.connectors[i];
      const j = this.entryJson(c);
      const fields = [];
      if (wantStatus) fields.push(`"status":${j.status}`);
      if (wantInfo) fields.push(`"info":${j.info}`);
      parts[i] = `${JSON.stringify(c.name)}:{${fields.join(',')}}`;
    }
    return `{${parts.join(',')}}`;
  }

  namesBody() {
    return JSON.stringify(this.connectors.map((c) => c.name));
  }

  /** Counts by state (for logs and the bench report). */
  summary() {
    const states = {};
    for (const c of this.connectors) states[c.state] = (states[c.state] || 0) + 1;
    return { id: this.id, connectors: this.connectors.length, tasks: this.taskCount(), workers: this.workers.length, generation: this.generation, states };
  }
}

/** The plugins a cluster lists: the captured 4.3.1 list plus the third-party classes used above. */
export function pluginsBody() {
  const list = captured('plugins.json');
  const have = new Set(list.map((p) => p.class));
  for (const k of KINDS) {
    if (!have.has(k.cls)) {
      list.push({ class: k.cls, type: k.type, version: k.version });
      have.add(k.cls);
    }
  }
  return JSON.stringify(list);
}

export const KIND_CLASSES = KINDS.map((k) => k.cls);
