// A Confluent Cloud Connect v1 server for the UI tests, where no real one can run here. Every
// body is a published example (tests/fixtures/confluent_cloud, from the Confluent Cloud OpenAPI
// spec) with only names, states and times changed; the status codes are the spec's (pause and
// resume 202 empty, restart 202, delete 200 {"error":null}, offsets request 202). State lives
// here: pause and resume change what the listing and the status say, and an offsets request is
// PENDING on the first status read after it and APPLIED (offsets cleared) on the next, as the
// real service reports asynchronously; validate answers the published GcsSink example for the
// values sent, and a create adds the connector (PROVISIONING). `log` records every request.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFixture } from './fixture-http.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'confluent_cloud');
const fixture = (file) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

export const ENVIRONMENT = 'env-e2e01';
export const CLUSTER = 'lkc-e2e01';
const PREFIX = `/connect/v1/environments/${ENVIRONMENT}/clusters/${CLUSTER}`;

/** `2024-02-20 15:14:19+00:00`, the form the published examples use. */
const stamp = (d = new Date()) => `${d.toISOString().slice(0, 19).replace('T', ' ')}+00:00`;

/** The connectors of the published listing, the sink RUNNING with one task and offsets. */
function initialConnectors() {
  const listed = fixture('list_expanded.json');
  const sinkOffsets = fixture('offsets_sink.json').offsets;
  const out = new Map();
  for (const [name, entry] of Object.entries(listed)) {
    out.set(name, {
      id: entry.id,
      config: entry.info.config,
      type: entry.status.type,
      state: entry.status.connector.state,
      tasks: entry.status.tasks.length,
      offsets: [],
      request: null,
    });
  }
  // The GCS sink (PROVISIONING in the example) has finished provisioning.
  const sink = out.get('MyGcsLogsBucketConnector');
  Object.assign(sink, { state: 'RUNNING', tasks: 1, offsets: sinkOffsets });
  return out;
}

function statusOf(name, c) {
  const taskState = c.state === 'PAUSED' ? 'PAUSED' : 'RUNNING';
  return {
    name,
    connector: { state: c.state, worker_id: name, trace: '' },
    tasks: Array.from({ length: c.tasks }, (_, id) => ({ id, state: taskState, worker_id: name, msg: '' })),
    type: c.type,
  };
}

/**
 * The published GcsSink validate example answering `config`: each definition as published,
 * its value the one sent (PASSWORD values echo as `""`, as in the example), errors for a
 * required key not sent and for the example's `flush.size` rule.
 */
function validate(config) {
  const v = fixture('validate.json');
  let errors = 0;
  const configs = v.configs.map((c) => {
    const key = c.definition.name;
    const sent = config[key];
    const errs = [];
    if (c.definition.required && (sent === undefined || sent === '')) errs.push(`Missing required configuration "${key}" which has no default value.`);
    if (key === 'flush.size' && sent !== undefined && Number(sent) < 1000) errs.push('"flush.size" should be greater than or equal to 1000');
    errors += errs.length ? 1 : 0;
    const value = c.definition.type === 'PASSWORD' ? '' : (sent ?? '');
    return { ...c, value: { ...c.value, value, errors: errs } };
  });
  return { ...v, error_count: errors, configs };
}

export async function startConfluentCloud() {
  const connectors = initialConnectors();
  const served = await serveFixture(({ req, res, url, body, send }) => {
    res.setHeader('X-Request-Id', `req-${served.log.length}`);
    const notFound = () => send(404, fixture('error_404.json'));
    if (!url.pathname.startsWith(`${PREFIX}/`)) return notFound();
    const [collection, rawName, ...rest] = url.pathname.slice(PREFIX.length + 1).split('/');
    if (collection === 'connector-plugins' && req.method === 'GET' && rawName === undefined) return send(200, fixture('plugins.json'));
    if (collection === 'connector-plugins' && req.method === 'PUT' && rest.join('/') === 'config/validate') return send(200, validate(JSON.parse(body || '{}')));
    if (collection !== 'connectors') return notFound();
    if (rawName === undefined && req.method === 'POST') {
      const { name, config } = JSON.parse(body || '{}');
      if (!name || connectors.has(name)) return send(400, fixture('error_flat_400.json'));
      const id = { id: `lcc-e2e${connectors.size}`, id_type: 'ID' };
      connectors.set(name, { id, config: { ...config, name }, type: 'sink', state: 'PROVISIONING', tasks: 0, offsets: [], request: null });
      const created = fixture('create.json');
      return send(201, { ...created, name, config: { ...config, name }, tasks: [], offsets: [] });
    }
    if (rawName === undefined) {
      if (req.method !== 'GET') return send(405, { error: { code: 405, message: 'method not allowed' } });
      const expand = url.searchParams.getAll('expand');
      if (expand.length === 0) return send(200, [...connectors.keys()]);
      const out = {};
      for (const [name, c] of connectors) {
        out[name] = {
          ...(expand.includes('id') ? { id: c.id } : {}),
          ...(expand.includes('info') ? { info: { name, config: c.config } } : {}),
          ...(expand.includes('status') ? { status: statusOf(name, c) } : {}),
        };
      }
      return send(200, out);
    }
    const name = decodeURIComponent(rawName);
    const c = connectors.get(name);
    if (!c) return notFound();
    const what = `${req.method} ${rest.join('/')}`;
    switch (what) {
      case 'GET ': return send(200, { name, config: c.config, tasks: Array.from({ length: c.tasks }, (_, task) => ({ connector: name, task })), type: c.type });
      case 'GET status': return send(200, statusOf(name, c));
      case 'GET config': return send(200, c.config);
      case 'GET tasks': return send(200, Array.from({ length: c.tasks }, (_, task) => ({ id: { connector: name, task }, config: c.config })));
      case 'PUT pause': c.state = 'PAUSED'; return send(202);
      case 'PUT resume': c.state = 'RUNNING'; return send(202);
      case 'POST restart': return send(202);
      case 'DELETE ': connectors.delete(name); return send(200, fixture('delete.json'));
      case 'GET offsets': return send(200, { ...fixture('offsets_sink.json'), id: c.id.id, name, offsets: c.offsets, metadata: { observed_at: stamp() } });
      case 'POST offsets/request': {
        const asked = JSON.parse(body || '{}');
        const placed = { ...fixture('offsets_request_delete.json'), id: c.id.id, name, offsets: asked.offsets ?? [], requested_at: stamp(), type: asked.type };
        c.request = { placed, reads: 0 };
        return send(202, placed);
      }
      case 'GET offsets/request/status': {
        if (!c.request) return notFound();
        const { placed } = c.request;
        c.request.reads += 1;
        if (c.request.reads === 1) return send(200, { ...fixture('offsets_request_status_pending.json'), request: placed });
        const applied = placed.type === 'DELETE' ? fixture('offsets_request_status_delete.json') : fixture('offsets_request_status_applied.json');
        if (c.request.reads === 2) c.offsets = placed.type === 'DELETE' ? [] : placed.offsets;
        return send(200, { ...applied, request: placed, applied_at: stamp() });
      }
      default: return send(405, { error: { code: 405, message: `${what} is not offered` } });
    }
  });
  return { ...served, connectors };
}
