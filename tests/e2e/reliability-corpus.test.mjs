// Reliability (issue 10), part 1: the hostile corpus on the real Kafka Connect 4.3.1 stack and
// on the hostile fixture server, below the UI.
//
// - The corpus is what it claims: ≥ 30 payloads of every category the brief names.
// - Every payload the stack can carry as a connector name is created on alpha, and each one can
//   be read back through the same nginx proxy the app uses, with the path a browser sends
//   (encodeURIComponent, WHATWG URL parsing), byte for byte.
// - What Kafka 4.3.1 does with the rest is asserted, not just written down: control characters
//   are refused (400), a name with `{` makes the create answer 500 although the connector exists,
//   and Jetty 12 answers any `%2F` / `%25` path with a 400 HTML page.
// - Every hostile config key and value round-trips unchanged.
// - The fixture server answers each hostile response mode as documented (the UI and native
//   tests rely on it).
// The hostile connectors are deleted at the end, so later suites see the seeded stack only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { env } from './lib/env.mjs';
import { loadCorpus, browserNames, textPayloads, storedName } from '../hostile/payloads.mjs';
import { seedHostile, cleanupHostile, hostileConnectors, request, api, seg, gone, MARK, CONFIG_CONNECTOR, waitForTraces } from '../hostile/seed.mjs';
import { startServer, MODES, HUGE_BYTES } from '../hostile/server.mjs';

const corpus = loadCorpus();
let report;
let fixture;

before(async () => {
  await cleanupHostile(env.alphaUrl, { workers: [env.alphaUrl2] }); // leftovers of a crashed run
  report = await seedHostile(env.alphaUrl);
  fixture = await startServer();
});

after(async () => {
  await fixture?.close();
  const stuck = await cleanupHostile(env.alphaUrl, { workers: [env.alphaUrl2] });
  assert.deepEqual(stuck, [], 'every hostile connector is deleted again');
  assert.deepEqual(await hostileConnectors(env.alphaUrl), []);
});

test('the corpus has ≥ 30 payloads covering every hostile category', () => {
  const cats = new Set(corpus.payloads.map((p) => p.category));
  assert.ok(corpus.payloads.length >= 30, `${corpus.payloads.length} payloads`);
  for (const c of ['html', 'url', 'long', 'bidi', 'control', 'invisible', 'unicode', 'encoding', 'json', 'provider', 'bytes']) {
    assert.ok(cats.has(c), `category ${c}`);
  }
  const ids = corpus.payloads.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  const text = (id) => corpus.payloads.find((p) => p.id === id).text;
  assert.equal(text('script-tag'), '<script>window.__pwned=1</script>');
  assert.equal(text('long-10k-unbroken').length, 10_000);
  assert.ok(text('rtl-override').includes('\u202E'));
  for (const p of corpus.payloads) {
    assert.ok(['name', 'config', 'unaddressable', 'unaddressable-browser', 'fixture-only'].includes(p.stack), p.id);
    assert.ok(p.stack === 'fixture-only' || p.kafka431, `${p.id} records what Kafka 4.3.1 did with it`);
  }
});

test('Kafka 4.3.1 accepts every addressable hostile name; a name with { answers 500 although created', () => {
  const want = corpus.payloads.filter((p) => p.stack === 'name' || p.stack === 'unaddressable-browser').map((p) => p.id).sort();
  assert.deepEqual(report.created.map((c) => c.id).sort(), want, JSON.stringify(report.rejected));
  assert.deepEqual(report.rejected, [], 'nothing the corpus marks as a name is refused');
  const false500 = report.created.filter((c) => c.status === 500).map((c) => c.id).sort();
  const expected500 = corpus.payloads.filter((p) => want.includes(p.id) && p.text.includes('{')).map((p) => p.id).sort();
  assert.deepEqual(false500, expected500, 'exactly the names with { get the lying 500');
  for (const c of report.created.filter((x) => x.status === 500)) {
    assert.match(c.falseError, /template|path template|Illegal character|Invalid syntax/i, c.falseError);
  }
});

test('control characters in a name are refused with a 400 that names them', async () => {
  for (const p of corpus.payloads.filter((x) => x.category === 'control')) {
    const res = await api(env.alphaUrl, 'POST', '/connectors', {
      name: p.text, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', topic: 'x', file: '/nonexistent' },
    });
    assert.equal(res.status, 400, p.id);
    assert.match(JSON.parse(res.body).message, /may not contain control sequences/, p.id);
  }
});

test('Jetty 12 refuses %2F and %25 in a path with a 400 HTML page (such names are unaddressable)', async () => {
  for (const [name, reason] of [['team/orders', 'Ambiguous URI path separator'], ['100% done', 'Ambiguous URI path encoding']]) {
    const res = await request(env.alphaUrl, 'GET', `/connectors/${seg(name)}/status`);
    assert.equal(res.status, 400, name);
    assert.match(res.headers['content-type'], /text\/html/);
    assert.ok(res.body.includes(reason), `${name}: ${reason}`);
  }
  // and a 414 HTML page for a path over Jetty's 8 KB URI limit (a 10k-char name)
  const long = corpus.payloads.find((p) => p.id === 'long-10k-unbroken').text;
  const res = await request(env.alphaUrl, 'GET', `/connectors/${seg(long)}/status`).catch((e) => ({ status: 'closed', error: e.message }));
  assert.ok(res.status === 414 || res.status === 'closed', `10k path: ${res.status}`);
});

test('every hostile name reads back through the app proxy with the path a browser sends', async () => {
  const proxy = new URL('/connect/alpha', env.origin).href;
  for (const p of browserNames(corpus)) {
    const name = storedName(p.text);
    const url = `${proxy}/connectors/${encodeURIComponent(name)}/status`;
    let body;
    for (let i = 0; i < 40; i += 1) { // a just-created STOPPED connector has no status for a moment
      const r = await fetch(url);
      body = await r.text();
      if (r.status === 200) break;
      assert.equal(r.status, 404, `${p.id}: ${r.status} ${body.slice(0, 200)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
    const status = JSON.parse(body);
    assert.equal(status.name, name, `${p.id}: the proxy addressed exactly this connector`);
    assert.equal(status.connector.state, 'STOPPED', p.id);
  }
});

test('Kafka 4.3.1: a write for "x;y" sent to a follower acts on the connector "x"', async () => {
  // The follower forwards the request to the leader with the name decoded into the path,
  // where Jetty cuts it at ";" (a path parameter). The console must not send writes for names
  // with ";" through a follower (it cannot know which worker leads): a real hazard, recorded.
  const victim = 'cc-hostile-victim';
  const created = await api(env.alphaUrl, 'POST', '/connectors', {
    name: victim, initial_state: 'STOPPED',
    config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', topic: 'x', file: '/nonexistent', [MARK]: 'victim' },
  });
  assert.equal(created.status, 201);
  const answers = [];
  for (const url of [env.alphaUrl, env.alphaUrl2]) {
    const res = await api(url, 'DELETE', `/connectors/${seg(`${victim};other`)}`);
    answers.push(res.status);
    if (await gone(env.alphaUrl, victim)) break;
  }
  assert.ok(await gone(env.alphaUrl, victim), `deleting "${victim};other" deleted "${victim}" (answers ${answers})`);
  assert.equal(answers.at(-1), 204, 'and the follower said 204');
});

test('a browser cannot address `.` and `..`: its URL parser resolves them before the request', () => {
  for (const p of corpus.payloads.filter((x) => x.stack === 'unaddressable-browser')) {
    const u = new URL(`http://h/connect/alpha/connectors/${encodeURIComponent(p.text)}/status`);
    assert.ok(!u.pathname.includes(`/${p.text}/`), `${p.id}: ${u.pathname}`);
  }
});

test('the expanded listing carries every hostile name unchanged', async () => {
  const res = await api(env.alphaUrl, 'GET', '/connectors?expand=status&expand=info');
  const all = JSON.parse(res.body);
  for (const c of report.created) assert.ok(all[c.name], `${c.id} listed under its exact name`);
});

test('hostile config keys and values round-trip unchanged', async () => {
  const res = await api(env.alphaUrl, 'GET', `/connectors/${CONFIG_CONNECTOR}/config`);
  assert.equal(res.status, 200);
  const config = JSON.parse(res.body);
  for (const p of textPayloads(corpus)) {
    assert.equal(config[`hostile.${p.id}`], p.text, `value ${p.id}`);
    if (p.text.trim()) assert.ok(Object.hasOwn(config, p.text), `key ${p.id}`);
  }
  assert.equal(config['hostile.provider-file'], '${file:/etc/connect/secrets.properties:db.password}', 'a provider reference is stored, not resolved');
});

test('real task traces quote the hostile payloads verbatim', async () => {
  await waitForTraces(env.alphaUrl, report);
  for (const t of report.traces) {
    const res = await api(env.alphaUrl, 'GET', `/connectors/${seg(t.name)}/status`);
    const trace = JSON.parse(res.body).tasks.find((k) => k.trace).trace;
    const text = corpus.payloads.find((p) => p.id === t.id).text;
    assert.ok(trace.includes(text), `${t.id}: the trace carries the payload`);
  }
});

test('fixture server: every hostile response mode answers as documented', async () => {
  const get = (mode, p = '/connectors?expand=status&expand=info') => request(fixture.url, 'GET', `/${mode}${p}`, undefined, { timeoutMs: 30_000 });
  const hostile = await get('hostile');
  assert.equal(hostile.status, 200);
  const listing = JSON.parse(hostile.body);
  assert.equal(Object.keys(listing).length, textPayloads(corpus).length, 'one connector per text payload');
  for (const name of ['team/orders', '100% done', '..', corpus.payloads.find((p) => p.id === 'long-10k-words').text]) {
    const r = await request(fixture.url, 'GET', `/hostile/connectors/${seg(name)}/status`);
    assert.equal(JSON.parse(r.body).name, name, 'the fixture addresses names the real stack cannot');
  }
  const truncated = await get('truncated');
  assert.throws(() => JSON.parse(truncated.body));
  assert.equal(typeof JSON.parse((await get('wrong-type', '/')).body).version, 'number');
  const html = await get('html-200');
  assert.match(html.headers['content-type'], /text\/html/);
  const huge = await get('huge');
  assert.equal(Buffer.byteLength(huge.body), HUGE_BYTES);
  JSON.parse(huge.body); // valid JSON: only its size is hostile
  assert.equal((await get('empty-200')).body, '');
  const bad = await get('proxy-502');
  assert.equal(bad.status, 502);
  assert.match(bad.body, /502 Bad Gateway/);
  const t0 = Date.now();
  await assert.rejects(request(fixture.url, 'GET', '/hang/connectors', undefined, { timeoutMs: 1500 }), /timeout/);
  assert.ok(Date.now() - t0 < 5000);
  const badUtf8 = await request(fixture.url, 'GET', '/bad-utf8/connectors?expand=status');
  assert.ok(badUtf8.body.includes('\uFFFD'), 'invalid bytes were sent');
  assert.ok((await get('surrogate')).body.includes('\\ud800'));
  assert.deepEqual(MODES.length, 10);
});
