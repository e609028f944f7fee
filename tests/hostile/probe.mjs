#!/usr/bin/env node
// Measures how a real Connect cluster treats each hostile name: create, then address it again.
// Only for a THROWAWAY stack (names with `/`, `%` or 10k chars can never be deleted via REST):
//
//   node tests/hostile/probe.mjs <connect-url> > tests/hostile/stack-findings.json
//
// For each payload with a text: the status of POST /connectors (201, 400, 500, or a dropped
// connection), whether the connector exists afterwards (listing), and the status of
// GET /connectors/<encoded name>/status (as a browser would send it: encodeURIComponent, and
// dot segments resolved).
import { loadCorpus } from './payloads.mjs';
import { request, api, seg, MARK } from './seed.mjs';

const base = process.argv[2];
if (!base) { console.error('usage: probe.mjs <throwaway-connect-url>'); process.exit(2); }
const corpus = loadCorpus();
// A fresh STOPPED connector has no status for a moment (404): ask again for up to 10 s.
async function getSettled(path) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    let res;
    try { res = await request(base, 'GET', path); } catch (err) { return { status: null, contentType: null, error: err.message }; }
    if (res.status !== 404 || Date.now() > deadline) return { status: res.status, contentType: res.headers['content-type'] ?? null };
    await new Promise((r) => setTimeout(r, 500));
  }
}
const out = [];
for (const p of corpus.payloads.filter((x) => x.text !== null)) {
  const body = { name: p.text, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', topic: 'cc-hostile', file: '/nonexistent/x', [MARK]: p.id }, initial_state: 'STOPPED' };
  let create;
  try {
    const res = await api(base, 'POST', '/connectors', body, { noRetryOnError: true });
    let msg = res.body; try { msg = JSON.parse(res.body).message; } catch { /* html */ }
    create = { status: res.status, message: String(msg).split('\n')[0].slice(0, 200) };
  } catch (err) { create = { status: null, message: `connection dropped: ${err.message}` }; }
  const list = JSON.parse((await api(base, 'GET', '/connectors?expand=info')).body);
  const stored = Object.keys(list).find((n) => list[n].info?.config?.[MARK] === p.id);
  let get = null;
  if (stored !== undefined) {
    // what a browser sends: the encoded segment, with . and .. resolved away by the URL parser
    const browserPath = new URL(`http://h/connectors/${seg(stored)}/status`).pathname;
    const res = await getSettled(browserPath);
    get = { browserPath: browserPath.length > 120 ? `${browserPath.slice(0, 120)}…` : browserPath, status: res.status, contentType: res.contentType };
    get.rawPathStatus = (await getSettled(`/connectors/${seg(stored)}/status`)).status;
  }
  out.push({ id: p.id, create, exists: stored !== undefined, storedName: stored === p.text ? 'same' : (stored === undefined ? null : JSON.stringify(stored).slice(0, 80)), get });
  console.error(`${p.id}: create ${create.status} exists ${stored !== undefined} get ${get?.status ?? '-'}/${get?.rawPathStatus ?? '-'}`);
}
const version = JSON.parse((await request(base, 'GET', '/')).body).version;
console.log(JSON.stringify({ kafkaVersion: version, measured: new Date().toISOString().slice(0, 10), results: out }, null, 1));
