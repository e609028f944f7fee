#!/usr/bin/env node
// Puts the hostile corpus into a real Connect cluster and takes it out again.
//
//   node tests/hostile/seed.mjs seed    <connect-url> [--report out.json] [--include-unaddressable]
//   node tests/hostile/seed.mjs cleanup <connect-url>
//
// seed creates, for every payload the stack can carry as a name, a STOPPED FileStreamSource
// connector with exactly that name; one connector `cc-hostile-config` whose config has every
// text payload as a value (`hostile.<id>`) and as a key; and three FileStreamSink connectors
// whose task fails with a trace quoting a payload (`cc-hostile-trace-<id>`). Every connector it
// creates carries `cc.hostile.id`, so cleanup finds them all (even after a crashed run) from the
// expanded listing and deletes them, sending each path as-is (a `..` name included).
//
// --include-unaddressable also creates the names Jetty 12 can never address again (`/`, `%`,
// 10k chars): only for a throwaway stack, since nothing can delete them through REST.
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import { loadCorpus, stackNames, textPayloads, storedName } from './payloads.mjs';

export const MARK = 'cc.hostile.id';
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
export const CONFIG_CONNECTOR = 'cc-hostile-config';
export const TRACE_IDS = ['script-tag', 'svg-onload-attr-break', 'rtl-override'];

/** Percent-encodes a name for one path segment (the console does the same). */
export function seg(name) {
  return encodeURIComponent(name);
}

/** One HTTP request with the path sent exactly as given. Resolves {status, body, headers}. */
export function request(base, method, rawPath, body, { auth, timeoutMs = 100_000 } = {}) {
  const u = new URL(base);
  const lib = u.protocol === 'https:' ? https : http;
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) headers.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = lib.request({
      host: u.hostname, port: u.port, method, path: u.pathname.replace(/\/$/, '') + rawPath, headers,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

/** As request(), retrying what a distributed herder answers while it rebalances. */
export async function api(base, method, rawPath, body, opts = {}) {
  const deadline = Date.now() + (opts.retryMs ?? 60_000);
  for (;;) {
    let res;
    try {
      res = await request(base, method, rawPath, body, opts);
    } catch (err) {
      if (Date.now() > deadline || opts.noRetryOnError) throw err;
      await sleep(1000);
      continue;
    }
    const transient = (res.status === 409 && !/already exists/.test(res.body))
      || (res.status === 500 && /rebalance|timed out/i.test(res.body));
    if (!transient || Date.now() > deadline) return res;
    await sleep(1000);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function message(res) {
  try { return JSON.parse(res.body).message ?? res.body; } catch { return res.body.replace(/\s+/g, ' ').slice(0, 300); }
}

/** Creates the hostile connectors. Returns what was created and what the server rejected. */
export async function seedHostile(base, { includeUnaddressable = false, log = () => {} } = {}) {
  const corpus = loadCorpus();
  const report = { url: base, created: [], rejected: [], lost: [] };
  const names = corpus.payloads.filter((p) => p.text !== null
    && (p.stack === 'name' || p.stack === 'unaddressable-browser'
      || (includeUnaddressable && p.stack !== 'fixture-only')));
  for (const p of names) {
    const body = {
      name: p.text,
      config: { 'connector.class': FILE_SOURCE, 'tasks.max': '1', topic: 'cc-hostile', file: '/nonexistent/cc-hostile.txt', [MARK]: p.id },
      initial_state: 'STOPPED',
    };
    let res;
    try {
      res = await api(base, 'POST', '/connectors', body, { noRetryOnError: true });
    } catch (err) {
      // A 10k-char name: Connect creates it, but the 201 never arrives (its Location header is
      // too long for Jetty), so the client sees a dropped connection.
      report.lost.push({ id: p.id, error: String(err.message || err) });
      log(`lost  ${p.id}: ${err.message}`);
      continue;
    }
    if (res.status === 201 || (res.status === 409 && /already exists/.test(res.body))) {
      report.created.push({ id: p.id, name: storedName(p.text), status: res.status });
    } else if (res.status === 500 && await exists(base, p.id)) {
      // Kafka 4.3.1: a name with `{` makes Jersey fail to build the Location URI *after* the
      // connector was written: the create answers 500 although it succeeded.
      report.created.push({ id: p.id, name: storedName(p.text), status: 500, falseError: message(res) });
    } else {
      report.rejected.push({ id: p.id, slot: 'name', status: res.status, message: message(res) });
      log(`rejected name ${p.id}: ${res.status} ${message(res).split('\n')[0]}`);
    }
  }
  // One connector carrying every text payload as a config value and as a config key.
  const config = { 'connector.class': FILE_SOURCE, 'tasks.max': '1', topic: 'cc-hostile', file: '/nonexistent/cc-hostile.txt', [MARK]: 'config' };
  const put = (k, v) => Object.defineProperty(config, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const p of textPayloads(corpus)) {
    put(`hostile.${p.id}`, p.text);
    if (p.text.trim() && !Object.hasOwn(config, p.text)) put(p.text, `key:${p.id}`); // `__proto__` too
  }
  let res = await api(base, 'PUT', `/connectors/${CONFIG_CONNECTOR}/config`, config);
  if (res.status === 200 || res.status === 201) {
    res = await api(base, 'PUT', `/connectors/${CONFIG_CONNECTOR}/stop`);
    report.config = { name: CONFIG_CONNECTOR, keys: Object.keys(config).length };
  } else {
    report.rejected.push({ id: 'config', slot: 'config', status: res.status, message: message(res) });
  }
  // Real task traces that quote a payload (a sink writing to a file in a missing directory).
  report.traces = [];
  for (const id of TRACE_IDS) {
    const p = corpus.payloads.find((x) => x.id === id);
    const name = `cc-hostile-trace-${id}`;
    const cfg = {
      'connector.class': FILE_SINK, 'tasks.max': '1', topics: 'cc-hostile',
      file: `/nonexistent-cc-hostile/${p.text}`, [MARK]: `trace:${id}`,
    };
    res = await api(base, 'PUT', `/connectors/${name}/config`, cfg);
    if (res.status === 200 || res.status === 201) report.traces.push({ id, name });
    else report.rejected.push({ id, slot: 'trace', status: res.status, message: message(res) });
  }
  return report;
}

/** Waits until each trace connector's task is FAILED with a trace (at most timeoutMs). */
export async function waitForTraces(base, report, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (const t of report.traces) {
    for (;;) {
      const res = await api(base, 'GET', `/connectors/${seg(t.name)}/status`);
      if (res.status === 200) {
        const st = JSON.parse(res.body);
        if (st.tasks?.some((k) => k.state === 'FAILED' && k.trace)) break;
      }
      if (Date.now() > deadline) throw new Error(`${t.name}: no FAILED task with a trace within ${timeoutMs} ms`);
      await sleep(500);
    }
  }
}

async function exists(base, id) {
  const deadline = Date.now() + 3000; // a follower's listing may lag the write for a moment
  for (;;) {
    const res = await api(base, 'GET', '/connectors?expand=info');
    if (Object.values(JSON.parse(res.body)).some((v) => v.info?.config?.[MARK] === id)) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/** Whether `name` has left the listing (waits up to 3 s for the herder to catch up). */
export async function gone(base, name) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const all = JSON.parse((await api(base, 'GET', '/connectors')).body);
    if (!all.includes(name)) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/** Names of every connector carrying the hostile mark. */
export async function hostileConnectors(base) {
  const res = await api(base, 'GET', '/connectors?expand=info');
  if (res.status !== 200) throw new Error(`GET /connectors?expand=info: ${res.status} ${res.body.slice(0, 200)}`);
  const all = JSON.parse(res.body);
  return Object.entries(all).filter(([, v]) => v.info?.config?.[MARK] !== undefined).map(([name]) => name);
}

/**
 * Deletes every connector carrying the hostile mark, through each worker URL in turn: Kafka
 * 4.3.1 forwards a DELETE from a follower to the leader and fails (500) on a name with `{`, so
 * one of the workers must be the leader. Returns the names it could not delete.
 */
export async function cleanupHostile(base, { log = () => {}, workers = [] } = {}) {
  const stuck = [];
  for (const name of await hostileConnectors(base)) {
    let res;
    for (const url of [base, ...workers]) {
      res = await api(url, 'DELETE', `/connectors/${seg(name)}`);
      // A 204 or 404 from a follower proves nothing for a name with `;` (the leader may have
      // acted on another name): only the listing says whether it is gone.
      if (await gone(base, name)) { res = null; break; }
    }
    if (res) {
      stuck.push({ name: name.length > 80 ? `${name.slice(0, 80)}… (${name.length} chars)` : name, status: res.status });
      log(`cannot delete ${JSON.stringify(name.slice(0, 80))}: ${res.status}`);
    }
  }
  return stuck;
}

async function main() {
  const [cmd, base, ...rest] = process.argv.slice(2);
  if (!base || !['seed', 'cleanup'].includes(cmd)) {
    console.error('usage: seed.mjs seed|cleanup <connect-url> [--report out.json] [--include-unaddressable]');
    process.exit(2);
  }
  const log = (m) => console.error(`[hostile] ${m}`);
  if (cmd === 'seed') {
    const report = await seedHostile(base, { includeUnaddressable: rest.includes('--include-unaddressable'), log });
    const i = rest.indexOf('--report');
    if (i >= 0) fs.writeFileSync(rest[i + 1], `${JSON.stringify(report, null, 1)}\n`);
    console.log(`created ${report.created.length} named connectors, config connector ${report.config ? report.config.keys + ' keys' : 'REJECTED'}, ${report.traces.length} trace connectors; rejected ${report.rejected.length}; lost responses ${report.lost.length}`);
  } else {
    const stuck = await cleanupHostile(base, { log });
    console.log(stuck.length ? `could not delete ${stuck.length}: ${JSON.stringify(stuck)}` : 'all hostile connectors deleted');
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => { console.error(err); process.exit(1); });
}
