// The create form when the create's answer is lost or lies (issues 7 and 10), against the real
// stack:
// - a 502 from a proxy AFTER the connector was created: the form reads it back, finds exactly
//   what it sent, and opens it — one POST, no false failure;
// - a 503 BEFORE anything reached Connect: the form reads it back (404), says a retry is safe
//   and keeps everything typed; the retry creates it once;
// - Kafka Connect's own lying 500 for a name with `{` (created all the same, FINDINGS.md);
// - the name warnings shown inline before anything is sent.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, deleteConnector, rest, uniqueName, workerConfig } from './pages/form.mjs';

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const CREATE_URL = '**/connect/alpha/connectors';

const posts = (session) => session.requests.filter((r) => r.method === 'POST' && /\/connectors$/.test(r.url));

async function openFileSource(page, name, { initialState } = {}) {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(FILE_SOURCE)}` });
  await form.settled();
  await form.name.fill(name);
  await form.fill('topic', `${name}-topic`);
  await form.fill('file', '/tmp/cc-recovery-nonexistent.txt');
  // a cold-opened create page offers the initial state once it knows the cluster (Connect 3.7+)
  if (initialState) await page.getByTestId('initial-state').selectOption(initialState, { timeout: 10_000 });
  return form;
}

/** Deletes through both alpha workers (names with `{` can only be deleted through the leader). */
async function deleteEverywhere(name) {
  for (const base of [env.alphaUrl, env.alphaUrl2]) {
    await fetch(new URL(`/connectors/${encodeURIComponent(name)}`, base), { method: 'DELETE' }).catch(() => {});
  }
}

e2e('a 502 after the connector was created: read back, opened, one POST and no false failure', async ({ page, session }) => {
  session.allow(/Failed to load resource/);
  const name = uniqueName('lost502');
  try {
    await openFileSource(page, name);
    await page.route(CREATE_URL, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const real = await route.fetch(); // Connect really creates it
      assert.equal(real.status(), 201);
      await route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    });
    await page.getByTestId('create-submit').click();
    await page.waitForURL(new RegExp(`/clusters/alpha/connectors/${name}$`), { timeout: 30_000 });
    await page.getByText('was created with exactly this configuration').first().waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('save-error').count(), 0);
    assert.equal(posts(session).length, 1, 'exactly one create was sent');
    const config = await workerConfig(name);
    assert.equal(config.topic, `${name}-topic`);
  } finally {
    await page.unroute(CREATE_URL).catch(() => {});
    await deleteConnector(name);
  }
}, { timeout: 120_000 });

e2e('a 503 before anything was created: read back (404), "creating again is safe", the retry creates it once', async ({ page, session }) => {
  session.allow(/Failed to load resource/);
  const name = uniqueName('lost503');
  try {
    const form = await openFileSource(page, name, { initialState: 'STOPPED' });
    await page.route(CREATE_URL, (route) => (route.request().method() === 'POST'
      ? route.fulfill({ status: 503, contentType: 'text/html', body: '<html><body>503 Service Unavailable</body></html>' })
      : route.continue()));
    await form.create.click();
    await form.saveError.waitFor({ timeout: 30_000 });
    assert.match(await form.saveError.innerText(), /does not exist: nothing was created, creating again is safe/);
    assert.ok(session.requests.some((r) => r.method === 'GET' && r.url.endsWith(`/connectors/${name}/config`)), 'it looked before offering a retry');
    assert.equal(await form.name.inputValue(), name, 'the name is kept');
    assert.equal(await form.input('topic').inputValue(), `${name}-topic`, 'the config is kept');
    assert.equal((await rest('GET', `/connectors/${name}`)).status, 404);
    await page.unroute(CREATE_URL);
    await form.create.click();
    await page.waitForURL(new RegExp(`/clusters/alpha/connectors/${name}$`), { timeout: 30_000 });
    assert.equal(posts(session).length, 2, 'one failed create, one retry');
    // Kafka Connect answers the create before the connector's status is written: status may
    // 404 for a moment (seen once in CI), so it is read until it settles. It must be STOPPED.
    let state;
    await eventually(async () => {
      state = (await rest('GET', `/connectors/${name}/status`)).json?.connector?.state;
      return state === 'STOPPED';
    }, { timeout: 10_000, what: 'the new connector to be STOPPED' }).catch(() => {});
    assert.equal(state, 'STOPPED');
  } finally {
    await page.unroute(CREATE_URL).catch(() => {});
    await deleteConnector(name);
  }
}, { timeout: 120_000 });

e2e('a name with { (Kafka Connect answers 500 after creating it) ends on the new connector, one POST', async ({ page, session }) => {
  session.allow(/Failed to load resource/);
  const name = `${uniqueName('brace')}-{x}`;
  const statuses = [];
  page.on('response', (r) => { if (r.request().method() === 'POST' && /\/connectors$/.test(r.url())) statuses.push(r.status()); });
  try {
    await openFileSource(page, name);
    assert.match(await page.getByTestId('name-warnings').innerText(), /error 500 although the connector is created/);
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/clusters\/alpha\/connectors\/[^/]+$/, { timeout: 30_000 });
    assert.equal(decodeURIComponent(new URL(page.url()).pathname.split('/').pop()), name);
    assert.equal(posts(session).length, 1, 'exactly one create was sent');
    // The pinned Kafka 4.x answers 500 here (building the Location header fails after the
    // connector is stored): the form recovers by reading the connector back.
    assert.deepEqual(statuses, [500], 'the stack still answers its lying 500 for a name with {');
    await page.getByText('was created with exactly this configuration').first().waitFor({ timeout: 10_000 });
    // The worker the test asks (not necessarily the one that stored it) answers 200 once it
    // has read the config topic; a fresh-clone CI run once saw its 500 right after the create.
    await workerConfig(name);
  } finally {
    await deleteEverywhere(name);
  }
}, { timeout: 120_000 });

e2e('names Kafka Connect or Jetty mangle are warned about inline, before anything is sent', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(FILE_SOURCE)}` });
  await form.settled();
  const warnings = page.getByTestId('name-warnings');
  const cases = [
    ['a/b', /Ambiguous URI path separator/],
    ['100%', /Ambiguous URI path encoding/],
    ['a\\b', /answers 400/],
    ['x;y', /cut at/],
    ['..', /resolve such a path segment away/],
    [' padded ', /stored trimmed|stores the name trimmed/],
    ['n'.repeat(8000), /414/],
  ];
  for (const [name, re] of cases) {
    await form.name.fill(name);
    await eventually(async () => re.test(await warnings.innerText().catch(() => '')), { timeout: 5000, what: `warning for ${JSON.stringify(name.slice(0, 20))}` });
    assert.ok(await warnings.isVisible());
  }
  // A name that could never be managed again is refused on Create, before any request.
  await form.name.fill('a/b');
  await form.create.click();
  await form.saveError.waitFor();
  assert.match(await form.saveError.textContent(), /this name cannot be used[\s\S]*Ambiguous URI path separator/);
  await form.name.fill('a-plain-name');
  await eventually(async () => !(await warnings.isVisible()), { timeout: 5000, what: 'no warning for a plain name' });
  assert.equal(posts(session).length, 0, 'warnings come before any create');
}, { timeout: 90_000 });
