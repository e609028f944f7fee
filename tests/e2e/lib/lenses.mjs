// A Lenses 6 (HQ) Kafka Connect server for the UI tests, where no real one can run here. The
// list body is tests/fixtures/lenses/list.json (the published `agent_HttpConnectorListItem`
// shape) with only states changed; it answers the list filtered by the repeated `cluster`
// query parameter, as the reference documents, and the connector actions
// (`PUT …/clusters/{cluster}/connectors/{connector}/{action}`, 200 `{}`), task restart and
// delete. Errors are the published HQ error shape. State lives here: pause, resume, stop and
// the restarts change what the list says. `log` records every request for the tests' checks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFixture } from './fixture-http.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'lenses');
const fixture = (file) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

export const ENVIRONMENT = 'prod';
const PREFIX = `/api/v1/environments/${ENVIRONMENT}/proxy/api/kafka-connect`;

export async function startLenses() {
  const items = fixture('list.json').data;
  const served = await serveFixture(({ req, res, url, body, send }) => {
    const notFound = (title) => send(404, { ...fixture('error_hq.json'), type: 'not_found', title, invalid_fields: [] });
    if (!url.pathname.startsWith(`${PREFIX}/`)) return notFound(`No environment at ${url.pathname}`);
    const rest = url.pathname.slice(PREFIX.length + 1).split('/').map(decodeURIComponent);
    if (rest.length === 1 && rest[0] === 'connectors' && req.method === 'GET') {
      const clusters = url.searchParams.getAll('cluster');
      return send(200, { data: items.filter((i) => clusters.length === 0 || clusters.includes(i.cluster)) });
    }
    // clusters/{cluster}/connectors/{name}[/{action} | /tasks/{id}/restart]
    const [kw, cluster, kw2, name, ...action] = rest;
    const item = kw === 'clusters' && kw2 === 'connectors' ? items.find((i) => i.cluster === cluster && i.name === name) : null;
    if (!item) return notFound(`No connector ${name} on ${cluster}`);
    const act = `${req.method} ${action.join('/')}`;
    const setAll = (state) => { item.state = state; item.tasks = (item.tasks || []).map((t) => ({ ...t, state })); };
    if (act === 'PUT pause') { setAll('PAUSED'); return send(200, {}); }
    if (act === 'PUT resume' || act === 'PUT start' || act === 'PUT restart') { setAll('RUNNING'); return send(200, {}); }
    if (act === 'PUT stop') { setAll('STOPPED'); return send(200, {}); }
    const task = act.match(/^PUT tasks\/(\d+)\/restart$/);
    if (task) {
      const t = (item.tasks || []).find((x) => String(x.id) === task[1]);
      if (!t) return notFound(`No task ${task[1]}`);
      t.state = 'RUNNING';
      return send(200, {});
    }
    if (act === 'DELETE ') { items.splice(items.indexOf(item), 1); return send(204); }
    return send(405, { ...fixture('error_hq.json'), type: 'method_not_allowed', title: `${act} is not offered`, status: 405, invalid_fields: [] });
  });
  return {
    ...served,
    items,
  };
}
