// A Redpanda Data Plane v1 Kafka Connect server for the UI tests, where no real one can run
// here. Bodies are the fixtures of tests/fixtures/redpanda (constructed from the published proto
// and connect-api.md C.1–C.3, wrapped as the gateway sends them) with only states changed;
// status codes are the reference's (pause, resume and stop 202 `{}`, restart 204, delete 204,
// topics reset 200 `{}`, create 201 `{connector}`). State lives here: pause, resume and stop
// change what the listing and the status say; a topics reset empties the connector's topics;
// a create adds a RUNNING connector. `log` records every
// request for the tests' checks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFixture } from './fixture-http.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'redpanda');
const fixture = (file) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

export const CLUSTER = 'redpanda';
const PREFIX = `/v1/kafka-connect/clusters/${CLUSTER}`;
const HOLISTIC = { RUNNING: 'HEALTHY', PAUSED: 'PAUSED', STOPPED: 'STOPPED' };

export async function startRedpanda() {
  const connectors = new Map();
  for (const c of fixture('list_connectors.json').connectors) {
    connectors.set(c.name, { info: c.info, status: c.status, topics: c.name === 'pg-cdc' ? fixture('topics.json').topics : [] });
  }
  const setState = (c, state) => {
    c.status = {
      ...c.status,
      connector: { ...c.status.connector, state },
      tasks: c.status.tasks.map((t) => ({ ...t, state: state === 'STOPPED' ? 'UNASSIGNED' : state, trace: '' })),
      holistic_state: `CONNECTOR_HOLISTIC_STATE_${HOLISTIC[state]}`,
      errors: [],
    };
  };
  const served = await serveFixture(({ req, res, url, body, send }) => {
    const notFound = (what) => send(404, { ...fixture('error_not_found.json'), message: `${what} not found` });
    if (url.pathname === PREFIX && req.method === 'GET') return send(200, fixture('get_cluster.json'));
    if (!url.pathname.startsWith(`${PREFIX}/connectors`)) return notFound(`cluster ${url.pathname}`);
    const [rawName, ...rest] = url.pathname.slice(`${PREFIX}/connectors`.length + 1).split('/');
    if (!rawName && req.method === 'POST') {
      const { name, config } = JSON.parse(body || '{}');
      if (connectors.has(name)) return send(409, fixture('error_already_exists.json'));
      const info = { name, config: { ...config, name }, tasks: [], type: 'source' };
      connectors.set(name, { info, status: { name, connector: { state: 'RUNNING', worker_id: '10.0.0.5:8083', trace: '' }, tasks: [], type: 'source', holistic_state: 'CONNECTOR_HOLISTIC_STATE_HEALTHY', errors: [] }, topics: [] });
      return send(201, { connector: info });
    }
    if (!rawName) {
      if (req.method !== 'GET') return send(405, { code: 'UNIMPLEMENTED', message: 'not offered here' });
      return send(200, { connectors: [...connectors].map(([name, c]) => ({ name, info: c.info, status: c.status })), next_page_token: '' });
    }
    const name = decodeURIComponent(rawName);
    const c = connectors.get(name);
    if (!c) return notFound(`Connector ${name}`);
    switch (`${req.method} ${rest.join('/')}`) {
      case 'GET ': return send(200, { connector: c.info });
      case 'GET status': return send(200, { status: c.status });
      case 'GET config': return send(200, { config: c.info.config });
      // Upsert: the body is the config map; the answer is the connector, as on create.
      case 'PUT config': c.info.config = { ...JSON.parse(body || '{}') }; return send(200, { connector: c.info });
      case 'GET topics': return send(200, { topics: c.topics });
      case 'PUT topics/reset': c.topics = []; return send(200, {});
      case 'PUT pause': setState(c, 'PAUSED'); return send(202, {});
      case 'PUT resume': setState(c, 'RUNNING'); return send(202, {});
      case 'PUT stop': setState(c, 'STOPPED'); return send(202, {});
      case 'POST restart': setState(c, 'RUNNING'); return send(204);
      case 'DELETE ': connectors.delete(name); return send(204);
      default: return send(501, { ...fixture('error_unimplemented.json') });
    }
  });
  return {
    ...served,
    connectors,
  };
}
