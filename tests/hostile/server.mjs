#!/usr/bin/env node
// Hostile fixture server: a Connect-compatible REST API (Apache flavor) whose data and whose
// responses are hostile. The first path segment picks the "cluster" (each one a base URL):
//
//   /hostile/...     a healthy API full of hostile data: every payload of payloads.json as a
//                    connector name (also the ones the real stack cannot address: `/`, `%`,
//                    `..`, 10k chars), config keys and values, task traces, worker ids, plugin
//                    class names and documentation, logger names, and error messages (every
//                    mutating request answers 400 with a hostile message)
//   /truncated/...   200 application/json, the body cut off in the middle
//   /wrong-type/...  200 JSON with the wrong type in every field (numbers for strings, ...)
//   /html-200/...    200 text/html: a login page where JSON was expected
//   /huge/...        200 application/json, a valid 10 MB body
//   /hang/...        200 headers, then silence: the body never comes and never ends
//   /empty-200/...   200 with an empty body
//   /proxy-502/...   502 text/html, the error page of a proxy in front of a dead worker
//   /bad-utf8/...    a listing whose body has invalid UTF-8 bytes in a connector name
//   /surrogate/...   a listing with a lone-surrogate escape (\ud800) in a name
//
// Control (not under a cluster): GET /__log (requests seen: method, path, headers),
// POST /__reset. CORS allows any origin, the Authorization and Content-Type headers.
//
//   node tests/hostile/server.mjs [--port N]       prints "listening <port>"
import http from 'node:http';
import { loadCorpus, rawBytes } from './payloads.mjs';

export const MODES = ['hostile', 'truncated', 'wrong-type', 'html-200', 'huge', 'hang', 'empty-200', 'proxy-502', 'bad-utf8', 'surrogate'];
export const HUGE_BYTES = 10 * 1024 * 1024;

const corpus = loadCorpus();
const texts = corpus.payloads.filter((p) => p.text !== null);
const byId = Object.fromEntries(corpus.payloads.map((p) => [p.id, p]));
const CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

/** An object keyed by hostile text: `__proto__` and `constructor` become own keys, never the prototype. */
export function dict(entries) {
  const o = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** The hostile cluster's connectors: one per payload with a text, named by it. */
export function hostileConnectors() {
  const out = new Map();
  texts.forEach((p, i) => {
    const name = p.text;
    const failed = i % 3 === 0;
    const config = dict([['connector.class', CLASS], ['name', name], ['tasks.max', '1'], ['topic', p.text], [`hostile.${p.id}`, p.text], [p.text, `key:${p.id}`]]);
    out.set(name, {
      id: p.id,
      info: { name, config, tasks: [{ connector: name, task: 0 }], type: 'source' },
      status: {
        name,
        connector: { state: failed ? 'FAILED' : 'RUNNING', worker_id: texts[(i + 1) % texts.length].text, ...(failed ? { trace: `org.apache.kafka.connect.errors.ConnectException: ${p.text}\n\tat ${texts[(i + 2) % texts.length].text}` } : {}) },
        tasks: [{ id: 0, state: failed ? 'FAILED' : 'RUNNING', worker_id: p.text, ...(failed ? { trace: `java.lang.RuntimeException: ${p.text}\n\tat io.example.Task.poll(${p.text}:1)\nCaused by: ${texts[(i + 5) % texts.length].text}` } : {}) }],
        type: 'source',
      },
    });
  });
  return out;
}

const CONNECTORS = hostileConnectors();

function send(res, status, body, type = 'application/json') {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length });
  res.end(buf);
}

function apacheError(res, status, message) { send(res, status, { error_code: status, message }); }

/** Splits "/a/b%2Fc/d" into decoded segments ["a", "b/c", "d"] (so `/` and `%` names work). */
function segments(pathname) {
  return pathname.split('/').slice(1).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
}

function hostile(req, res, segs, query) {
  const mutating = req.method !== 'GET';
  const payload = (n) => texts[n % texts.length].text;
  if (segs.length === 0 || (segs.length === 1 && segs[0] === '')) {
    if (mutating) return send(res, 405, { error_code: 405, message: 'HTTP 405 Method Not Allowed' });
    return send(res, 200, { version: '4.3.1', commit: payload(0), kafka_cluster_id: payload(1) });
  }
  const [top, name, sub, ...rest] = segs;
  if (top === 'connectors' && name === undefined) {
    if (req.method !== 'GET' && req.method !== 'POST') return apacheError(res, 405, 'HTTP 405 Method Not Allowed');
    if (req.method === 'POST') return apacheError(res, 400, `Connector configuration is invalid and contains the following 2 error(s):\n${payload(0)}\n${payload(2)}`);
    const expand = query.getAll('expand');
    if (expand.length === 0) return send(res, 200, [...CONNECTORS.keys()]);
    return send(res, 200, dict([...CONNECTORS].map(([n, c]) => [n, {
      ...(expand.includes('status') ? { status: c.status } : {}),
      ...(expand.includes('info') ? { info: c.info } : {}),
    }])));
  }
  if (top === 'connectors') {
    const c = CONNECTORS.get(name);
    if (!c) return apacheError(res, 404, `Connector ${name} not found`);
    if (mutating) return apacheError(res, 400, `Cannot ${req.method} ${name}: ${payload(3)} ${c.id}`);
    switch (sub) {
      case undefined: return send(res, 200, c.info);
      case 'status': return send(res, 200, c.status);
      case 'config': return send(res, 200, c.info.config);
      case 'tasks':
        if (rest.length === 0) return send(res, 200, [{ id: { connector: name, task: 0 }, config: c.info.config }]);
        if (rest[1] === 'status') return send(res, 200, c.status.tasks[0]);
        break;
      case 'topics': return send(res, 200, dict([[name, { topics: [payload(4), payload(5), name] }]]));
      case 'offsets': return send(res, 200, { offsets: [{ partition: { filename: name }, offset: { position: payload(6) } }] });
      default: break;
    }
    return apacheError(res, 404, `HTTP 404 Not Found: ${payload(7)}`);
  }
  if (top === 'connector-plugins') {
    if (name === undefined) {
      return send(res, 200, texts.slice(0, 12).map((p) => ({ class: `io.hostile.${p.text}`, type: 'source', version: p.text })).concat([{ class: CLASS, type: 'source', version: '4.3.1' }]));
    }
    if (sub === 'config' && rest[0] === 'validate') {
      return send(res, 200, { name, error_count: texts.length, groups: [payload(8)], configs: texts.map((p, i) => ({ definition: { name: `hostile.${p.id}`, type: 'STRING', required: false, default_value: p.text, importance: 'HIGH', documentation: p.text, group: payload(8), width: 'LONG', display_name: p.text, dependents: [], order_in_group: i }, value: { name: `hostile.${p.id}`, value: p.text, recommended_values: [p.text, payload(i + 1)], errors: [p.text], visible: true } })) });
    }
    if (sub === 'config') {
      return send(res, 200, texts.map((p, i) => ({ name: `hostile.${p.id}`, type: 'STRING', required: false, default_value: p.text, importance: 'MEDIUM', documentation: `${p.text} — ${payload(i + 1)}`, group: payload(8), width: 'LONG', display_name: p.text, dependents: [], order_in_group: i })));
    }
  }
  if (top === 'admin' && name === 'loggers') {
    if (mutating) return apacheError(res, 400, `Invalid level: ${payload(9)}`);
    if (sub === undefined) return send(res, 200, dict(texts.map((p, i) => [p.text, { level: i % 2 ? 'INFO' : 'DEBUG', last_modified: i % 4 === 0 ? null : 1700000000000 + i }])));
    return send(res, 200, { level: 'INFO', last_modified: null });
  }
  if (top === 'health') return send(res, 200, { status: 'healthy', message: payload(10) });
  return apacheError(res, 404, `HTTP 404 Not Found ${payload(11)}`);
}

const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title><script>window.__pwned=1</script></head><body><form action="/login"><input name="user"><input type="password" name="pass"></form><img src=x onerror="window.__pwned=1"></body></html>';
const PROXY_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';

function wrongType(segs) {
  if (segs.length === 0 || segs[0] === '') return { version: 4, commit: ['x'], kafka_cluster_id: { id: 1 } };
  if (segs[0] === 'connectors' && segs.length === 1) {
    return { 'wrong-types': { status: { name: 7, connector: { state: 42, worker_id: null }, tasks: 'none', type: ['source'] }, info: { name: false, config: [1, 2], tasks: {}, type: 3 } } };
  }
  return { name: 12, config: 'not an object', tasks: 'none', connector: 'RUNNING', state: 1 };
}

function fault(mode, req, res, segs) {
  const listing = segs[0] === 'connectors' && segs.length === 1;
  switch (mode) {
    case 'truncated': {
      const full = JSON.stringify(segs.length === 0 || segs[0] === '' ? { version: '4.3.1', commit: 'abc', kafka_cluster_id: 'x' } : hostileSubset());
      return send(res, 200, full.slice(0, Math.floor(full.length * 0.6)));
    }
    case 'wrong-type': return send(res, 200, wrongType(segs));
    case 'html-200': return send(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8');
    case 'huge': {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': HUGE_BYTES });
      const head = Buffer.from(listing ? '{"huge":{"status":{"name":"huge","connector":{"state":"FAILED","worker_id":"w","trace":"' : '{"version":"4.3.1","commit":"');
      const tail = Buffer.from(listing ? '"},"tasks":[],"type":"source"}}}' : '","kafka_cluster_id":"x"}');
      const fill = HUGE_BYTES - head.length - tail.length;
      res.write(head);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = fill;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) { res.once('drain', pump); return; }
        }
        res.end(tail);
      };
      return pump();
    }
    case 'hang':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"');
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return undefined; // never ends
    case 'empty-200': return send(res, 200, '');
    case 'proxy-502': return send(res, 502, PROXY_502, 'text/html');
    case 'bad-utf8': {
      if (!listing) return send(res, 200, { version: '4.3.1', commit: 'abc', kafka_cluster_id: 'x' });
      const bytes = rawBytes(byId['invalid-utf8']);
      return send(res, 200, Buffer.concat([Buffer.from('{"bad-'), bytes, Buffer.from('":{"status":{"name":"bad-'), bytes, Buffer.from('","connector":{"state":"RUNNING","worker_id":"w"},"tasks":[],"type":"source"}}}')]));
    }
    case 'surrogate': {
      if (!listing) return send(res, 200, { version: '4.3.1', commit: 'abc', kafka_cluster_id: 'x' });
      const esc = byId['lone-surrogate'].jsonEscape;
      return send(res, 200, `{"s-${esc}":{"status":{"name":"s-${esc}","connector":{"state":"RUNNING","worker_id":"w"},"tasks":[],"type":"source"}}}`);
    }
    default: return apacheError(res, 404, 'unknown mode');
  }
}

function hostileSubset() {
  return dict([...CONNECTORS].slice(0, 5).map(([n, c]) => [n, { status: c.status, info: c.info }]));
}

const hanging = new Set();
let log = [];

export function handler(req, res) {
  const url = new URL(req.url, 'http://fixture');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
  res.setHeader('Access-Control-Max-Age', '600');
  if (url.pathname === '/__log') return send(res, 200, log);
  if (url.pathname === '/__reset') { log = []; return send(res, 200, { ok: true }); }
  if (req.method === 'OPTIONS') { res.writeHead(204); return res.end(); }
  const segs = segments(req.url.split('?')[0]); // the raw path: `..` and `.` names stay segments
  const [mode, ...rest] = segs;
  log.push({ method: req.method, mode, path: req.url, authorization: req.headers.authorization ?? null, at: Date.now() });
  req.resume();
  if (mode === 'hostile') return hostile(req, res, rest.filter((s, i) => s !== '' || i < rest.length - 1), url.searchParams);
  if (MODES.includes(mode)) return fault(mode, req, res, rest);
  return apacheError(res, 404, `no such fixture cluster: ${mode}`);
}

/** Starts the server on `port` (0: any free port). Resolves {server, port, url, close()}. */
export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const p = server.address().port;
      resolve({
        server, port: p, url: `http://${host}:${p}`,
        close: () => new Promise((r) => { for (const h of hanging) h.destroy(); server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const i = process.argv.indexOf('--port');
  const { port } = await startServer({ port: i > 0 ? Number(process.argv[i + 1]) : 0 });
  console.log(`listening ${port}`);
}
