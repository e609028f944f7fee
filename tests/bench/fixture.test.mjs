// The scale fixture answers in exactly the shapes captured from the real Kafka Connect 4.3.1
// stack (tests/fixtures/apache): same keys in the same order, optional keys (trace) present
// exactly when the real stack has them, Jackson's compact output, exact totals, 1% changes per
// refresh, deterministic from the seed. Run: node --test tests/bench/ (make bench runs it first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFixtureServer } from './fixture-server.mjs';
import { captured, generate } from './fixture-data.mjs';

const OPTS = { clusters: 3, connectors: 10_000, tasks: 30_000, seed: 42, change: 0.01 };
let server;
let base;

before(async () => {
  ({ server } = createFixtureServer(OPTS));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((ok) => server.close(ok)));

async function get(path, init) {
  const res = await fetch(base + path, init);
  return { res, text: await res.text() };
}

/**
 * The shape of a JSON value: objects by their keys in order, arrays by the set of their
 * elements' shapes, scalars by type. A connector config is a map of strings (its keys are the
 * user's), so it is shaped as `{*:string}`.
 */
function shape(v, key = '') {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${[...new Set(v.map((x) => shape(x)))].sort().join('|')}]`;
  if (typeof v === 'object') {
    if (key === 'config') {
      assert.ok(Object.values(v).every((x) => typeof x === 'string'), 'config values are strings');
      return '{*:string}';
    }
    return `{${Object.keys(v).map((k) => `${k}:${shape(v[k], k)}`).join(',')}}`;
  }
  return Number.isInteger(v) ? 'int' : typeof v;
}

/** Shapes of the single objects inside an expanded entry, by path (tasks one element at a time). */
function parts(entry) {
  const out = [];
  out.push(['entry', Object.keys(entry).join(',')]);
  const { status, info } = entry;
  out.push(['status', Object.keys(status).join(',')]);
  out.push([`status.connector(${status.connector.state})`, shape(status.connector)]);
  for (const t of status.tasks) out.push([`status.tasks[](${t.state})`, shape(t)]);
  out.push(['info', Object.keys(info).join(',')]);
  out.push(['info.config', shape(info.config, 'config')]);
  for (const t of info.tasks) out.push(['info.tasks[]', shape(t)]);
  out.push(['type', `${status.type}/${info.type}`]);
  // STOPPED and FAILED connectors have no task entries, in status or in info.
  const noTasks = ['STOPPED', 'FAILED'].includes(status.connector.state);
  out.push([`tasks-empty(${status.connector.state})`, String(noTasks ? status.tasks.length === 0 && info.tasks.length === 0 : status.tasks.length === info.tasks.length)]);
  return out;
}

function capturedShapes() {
  const allowed = new Map();
  for (const file of ['connectors-expand-status-info.json', 'connectors-expand-status-info-worker2.json', 'beta-connectors-expand-status-info.json']) {
    for (const entry of Object.values(captured(file))) {
      for (const [p, s] of parts(entry)) {
        if (!allowed.has(p)) allowed.set(p, new Set());
        allowed.get(p).add(s);
      }
    }
  }
  return allowed;
}

test('expanded list: every connector entry has a shape captured from the real stack', async () => {
  const allowed = capturedShapes();
  const { res, text } = await get('/c1/connectors?expand=status&expand=info');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  const body = JSON.parse(text);
  assert.equal(JSON.stringify(body), text, 'Jackson compact output: no whitespace between tokens');
  const seen = new Map();
  for (const [name, entry] of Object.entries(body)) {
    assert.equal(entry.status.name, name);
    assert.equal(entry.info.name, name);
    assert.equal(entry.info.config.name, name);
    for (const t of entry.info.tasks) assert.equal(t.connector, name);
    for (const [p, s] of parts(entry)) {
      assert.ok(allowed.has(p), `${name}: ${p} does not occur in the captured responses`);
      assert.ok(allowed.get(p).has(s), `${name}: ${p} is ${s}; captured: ${[...allowed.get(p)].join(' / ')}`);
      seen.set(p, (seen.get(p) || 0) + 1);
    }
  }
  // Every kind of entry the real stack showed is exercised: running, paused, stopped,
  // connector failed (trace), task failed (trace).
  for (const p of ['status.connector(RUNNING)', 'status.connector(PAUSED)', 'status.connector(STOPPED)',
    'status.connector(FAILED)', 'status.tasks[](RUNNING)', 'status.tasks[](PAUSED)', 'status.tasks[](FAILED)']) {
    assert.ok(seen.get(p) > 0, `the fixture has ${p}`);
  }
});

test('expanded list: key order of a generated entry equals the captured file-source entry', async () => {
  const real = captured('connectors-expand-status-info.json')['file-source'];
  const { text } = await get('/c2/connectors?expand=status&expand=info');
  const running = Object.values(JSON.parse(text)).find((e) => e.status.connector.state === 'RUNNING' && e.status.tasks.length === 1 && e.status.tasks[0].state === 'RUNNING');
  const strip = (e) => JSON.stringify(e, (k, v) => (k === 'config' ? {} : typeof v === 'string' ? '' : typeof v === 'number' ? 0 : v));
  assert.equal(strip(running), strip(real));
});

test('other endpoints have the captured shapes', async () => {
  const cases = [
    ['/c1/', 'root.json'],
    ['/c1/health', 'health.json'],
    ['/c1/connector-plugins', 'plugins.json'],
  ];
  for (const [path, file] of cases) {
    const { res, text } = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(JSON.stringify(JSON.parse(text)), text, `${path} is compact`);
    assert.equal(shape(JSON.parse(text)), shape(captured(file)), `${path} has the shape of ${file}`);
  }
  const names = JSON.parse((await get('/c3/connectors')).text);
  assert.equal(shape(names), shape(captured('connectors.json')));
  assert.equal(names.length, 2500);

  const statusShapes = new Set(['status-running-source.json', 'status-task-failed.json', 'status-connector-failed.json',
    'status-paused.json', 'status-stopped.json', 'status-rich-two-tasks.json'].map((f) => shape(captured(f))));
  for (const name of names.slice(0, 200)) {
    const { res, text } = await get(`/c3/connectors/${encodeURIComponent(name)}/status`);
    assert.equal(res.status, 200);
    const s = JSON.parse(text);
    // A multi-task status is allowed when each task has a captured task shape.
    const one = { ...s, tasks: s.tasks.length > 1 ? [...new Map(s.tasks.map((t) => [shape(t), t])).values()] : s.tasks };
    const ok = statusShapes.has(shape(one)) || s.tasks.every((t) => statusShapes.has(shape({ ...s, tasks: [t] })));
    assert.ok(ok, `status of ${name} has a captured shape: ${shape(s)}`);
  }
  const info = JSON.parse((await get(`/c3/connectors/${encodeURIComponent(names[0])}`)).text);
  assert.equal(Object.keys(info).join(), Object.keys(captured('connector-info-sink.json')).join());

  const missing = await get('/c1/connectors/does-not-exist/status');
  assert.equal(missing.res.status, 404);
  assert.equal(shape(JSON.parse(missing.text)), shape(captured('error-404-status.json')));

  const v = await get('/c1/connector-plugins/MirrorSourceConnector/config/validate', {
    method: 'PUT', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector' }),
  });
  assert.equal(v.res.status, 200);
  assert.deepEqual(JSON.parse(v.text), captured('validate-mirror-source-valid.json'));
  assert.equal(JSON.stringify(JSON.parse(v.text)), v.text);
  const typed = await get('/c1/connector-plugins/MirrorSourceConnector/config/validate', {
    method: 'PUT', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector', 'source.cluster.alias': 'ax' }),
  });
  assert.deepEqual(JSON.parse(typed.text), captured('validate-mirror-source-errors.json'), 'a typed value answers the errors body');
});

test('totals: 10,000 connectors and 30,000 tasks across three clusters; deterministic', () => {
  const a = generate(OPTS);
  const b = generate(OPTS);
  assert.equal(a.reduce((s, c) => s + c.connectors.length, 0), 10_000);
  assert.equal(a.reduce((s, c) => s + c.taskCount(), 0), 30_000);
  const full = new Set(['status', 'info']);
  for (let i = 0; i < a.length; i++) {
    const body = JSON.parse(a[i].expandedBody(full));
    const tasks = Object.values(body).reduce((s, e) => s + e.status.tasks.length, 0);
    assert.equal(tasks, a[i].taskCount(), 'task entries in the body match the count');
    assert.equal(a[i].expandedBody(full), b[i].expandedBody(full), 'same seed, same bytes');
  }
});

test('each refresh changes 1% of a cluster\'s connectors, task total unchanged', () => {
  const [c] = generate(OPTS);
  const full = new Set(['status', 'info']);
  const tasks = c.taskCount();
  let before = JSON.parse(c.expandedBody(full));
  for (let gen = 1; gen <= 5; gen++) {
    const changed = c.step(0.01);
    assert.equal(changed.length, Math.ceil(0.01 * c.connectors.length));
    const after = JSON.parse(c.expandedBody(full));
    const differs = Object.keys(after).filter((n) => JSON.stringify(after[n].status) !== JSON.stringify(before[n].status));
    assert.equal(differs.length, changed.length, `generation ${gen}: exactly the changed connectors differ`);
    assert.equal(c.taskCount(), tasks);
    before = after;
  }
});

test('CORS: the request origin is allowed and preflights are answered', async () => {
  const { res } = await get('/c1/', { headers: { Origin: 'http://127.0.0.1:9' } });
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9');
  const pre = await fetch(`${base}/c1/connectors`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:9', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get('access-control-allow-methods'), /GET/);
});

test('request counters per cluster, reset', async () => {
  await fetch(`${base}/__reset`, { method: 'POST' });
  await get('/c1/connectors?expand=status&expand=info');
  await get('/c2/connectors?expand=status&expand=info');
  await get('/c2/');
  const stats = JSON.parse((await get('/__stats')).text);
  assert.equal(stats.clusters.c1.expanded, 1);
  assert.equal(stats.clusters.c2.expanded, 1);
  assert.equal(stats.clusters.c2.total, 2);
  assert.equal(stats.clusters.c3.total, 0);
});
