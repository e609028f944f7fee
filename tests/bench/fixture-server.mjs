#!/usr/bin/env node
// Scale fixture: a stand-in for several Kafka Connect 4.3.1 clusters with 10,000 connectors and
// 30,000 tasks between them, answering the REST shapes captured from the real stack
// (tests/fixtures/apache), with 1% of connectors changing state on every refresh.
//
//   node tests/bench/fixture-server.mjs [--port 17690] [--host 127.0.0.1] [--clusters 3]
//        [--connectors 10000] [--tasks 30000] [--seed 42] [--change 0.01]
//
// Each cluster lives under /<id> (c1, c2, c3): point the app's cluster url at
// http://127.0.0.1:<port>/c1. Routes per cluster, all Jackson-compact JSON:
//   GET  /                                        server info (captured root.json)
//   GET  /connectors                              names
//   GET  /connectors?expand=status[&expand=info]  the expanded map (statusOnly counts those without info); each such request is one
//                                                 "refresh": the cluster then advances one
//                                                 generation (`--change` of its connectors flip)
//   GET  /connectors/{name}  /connectors/{name}/status
//   GET  /connector-plugins                       captured list + the generated classes
//   PUT  /connector-plugins/{p}/config/validate   captured MirrorSourceConnector validate body
//                                                 (the captured one with errors once a value ends in "x")
// Control (not per cluster):
//   GET  /__stats    requests per cluster and kind, expanded-request times, generations
//   POST /__reset    zero the counters (?generation=0 also rewinds the data to its start)
//   POST /__config?change=0.01   change the per-refresh fraction (0 freezes the data)
//   GET  /__health
// CORS: every response allows the request's Origin (as a Connect worker configured with
// access.control.allow.origin would); preflights are answered. Loopback only by default.
import http from 'node:http';
import { generate, captured, pluginsBody } from './fixture-data.mjs';

function args(argv) {
  const o = { port: 17690, host: '127.0.0.1', clusters: 3, connectors: 10_000, tasks: 30_000, seed: 42, change: 0.01 };
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in o)) throw new Error(`unknown option --${k}`);
    o[k] = k === 'host' ? argv[i + 1] : Number(argv[i + 1]);
  }
  return o;
}

export function createFixtureServer(opts) {
  const clusters = generate(opts);
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const ROOT = JSON.stringify(captured('root.json'));
  // The worker health probe (Connect 3.9+), as the real worker answers it.
  const HEALTH = JSON.stringify(captured('health.json'));
  const PLUGINS = pluginsBody();
  const VALIDATE_MIRROR = JSON.stringify(captured('validate-mirror-source-valid.json'));
  const VALIDATE_MIRROR_ERRORS = JSON.stringify(captured('validate-mirror-source-errors.json'));
  let change = opts.change;
  const t0 = Date.now();
  const stats = {};
  const reset = () => {
    for (const c of clusters) {
      stats[c.id] = { total: 0, expanded: 0, statusOnly: 0, names: 0, status: 0, info: 0, root: 0, health: 0, plugins: 0, validate: 0, preflight: 0, other: 0, expandedAt: [] };
    }
  };
  reset();

  function send(req, res, status, body, extra = {}) {
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...extra,
    };
    const origin = req.headers.origin;
    if (origin) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Vary'] = 'Origin';
      // Lets the page's Resource Timing see body sizes (the bench reports JSON per refresh).
      headers['Timing-Allow-Origin'] = origin;
    }
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
  const notFound = (req, res, msg) => send(req, res, 404, JSON.stringify({ error_code: 404, message: msg }));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://fixture');
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);

    // Control endpoints.
    if (parts[0] === '__stats') {
      const out = { uptimeMs: Date.now() - t0, change, clusters: {} };
      for (const c of clusters) out.clusters[c.id] = { ...stats[c.id], ...c.summary() };
      return send(req, res, 200, JSON.stringify(out));
    }
    if (parts[0] === '__reset' && req.method === 'POST') {
      reset();
      if (url.searchParams.get('generation') === '0') {
        const fresh = generate(opts);
        clusters.splice(0, clusters.length, ...fresh);
        byId.clear();
        for (const c of clusters) byId.set(c.id, c);
        reset();
      }
      return send(req, res, 200, '{}');
    }
    if (parts[0] === '__config' && req.method === 'POST') {
      if (url.searchParams.has('change')) change = Number(url.searchParams.get('change'));
      return send(req, res, 200, JSON.stringify({ change }));
    }
    if (parts[0] === '__health') return send(req, res, 200, '{"ok":true}');

    const cluster = byId.get(parts[0]);
    if (!cluster) return notFound(req, res, `no cluster ${parts[0] ?? ''}`);
    const st = stats[cluster.id];
    st.total++;
    if (req.method === 'OPTIONS') {
      st.preflight++;
      res.writeHead(204, {
        'Access-Control-Allow-Origin': req.headers.origin || '*',
        'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || 'Content-Type',
        'Access-Control-Max-Age': '1800',
        'Vary': 'Origin',
      });
      return res.end();
    }
    const rest = parts.slice(1);
    const get = req.method === 'GET' || req.method === 'HEAD';

    if (rest.length === 0 && get) { st.root++; return send(req, res, 200, ROOT); }
    if (rest.length === 1 && rest[0] === 'health' && get) { st.health++; return send(req, res, 200, HEALTH); }
    if (rest[0] === 'connectors' && rest.length === 1 && get) {
      const expand = new Set(url.searchParams.getAll('expand'));
      if (url.searchParams.has('expand')) {
        st.expanded++;
        if (!expand.has('info')) st.statusOnly++;
        st.expandedAt.push(Date.now() - t0);
        if (st.expandedAt.length > 5000) st.expandedAt.shift();
        const body = cluster.expandedBody(expand);
        send(req, res, 200, body);
        // The next refresh sees the cluster one generation on.
        if (change > 0) cluster.step(change);
        return;
      }
      st.names++;
      return send(req, res, 200, cluster.namesBody());
    }
    if (rest[0] === 'connectors' && rest.length >= 2 && get) {
      const c = cluster.byName.get(rest[1]);
      if (rest.length === 2) {
        st.info++;
        return c ? send(req, res, 200, cluster.entryJson(c).info) : notFound(req, res, `Connector ${rest[1]} not found`);
      }
      if (rest.length === 3 && rest[2] === 'status') {
        st.status++;
        return c ? send(req, res, 200, cluster.entryJson(c).status) : notFound(req, res, `No status found for connector ${rest[1]}`);
      }
    }
    if (rest[0] === 'connector-plugins' && rest.length === 1 && get) { st.plugins++; return send(req, res, 200, PLUGINS); }
    if (rest[0] === 'connector-plugins' && rest.length === 4 && rest[2] === 'config' && rest[3] === 'validate' && req.method === 'PUT') {
      st.validate++;
      // A value the bench typed (ending in "x") answers the captured body with errors, so a
      // re-validate changes what the form shows (inline errors), as it does on a real worker.
      let posted = '';
      req.setEncoding('utf8');
      req.on('data', (d) => { posted += d; });
      req.on('end', () => {
        let typed = false;
        try { typed = Object.values(JSON.parse(posted)).some((v) => typeof v === 'string' && v.endsWith('x')); } catch { /* not JSON: valid body */ }
        send(req, res, 200, typed ? VALIDATE_MIRROR_ERRORS : VALIDATE_MIRROR);
      });
      return;
    }
    st.other++;
    return notFound(req, res, `HTTP 404 Not Found`);
  });
  // Clients keep connections alive between refreshes; never close one under them.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  return { server, clusters, stats };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = args(process.argv);
  const started = Date.now();
  const { server, clusters } = createFixtureServer(opts);
  // Warm the per-connector JSON caches so the first request is not the slow one.
  for (const c of clusters) c.expandedBody(new Set(['status', 'info']));
  server.listen(opts.port, opts.host, () => {
    const { port } = server.address();
    const summary = clusters.map((c) => c.summary());
    console.log(JSON.stringify({ listening: `http://${opts.host}:${port}`, port, readyMs: Date.now() - started, clusters: summary }));
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
