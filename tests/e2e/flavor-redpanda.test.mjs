// A Redpanda cluster in real Chromium, against the Data Plane v1 fixture server
// (lib/redpanda.mjs: the constructed fixtures, stateful), since no Redpanda Cloud can run here.
// The app reaches it at a same-origin path (`forwardToFixture`), as through a proxy. What this
// proves: the list and detail read the wrapped Redpanda shapes (holistic state, errors); the
// tabs Redpanda lacks (task configs, offsets) are not offered and a link to one opens Status;
// restart sends its options as the JSON body; pause, stop and resume; active topics and their
// reset; Test connection reports the version from the Connect cluster's info.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { e2e, eventually } from './lib/harness.mjs';
import { CLUSTER, startRedpanda } from './lib/redpanda.mjs';
import { AppShell, forwardToFixture, testNewCluster, waitConnectorState, withConfig } from './pages/app.mjs';

const PATH = '/rp-fixture';
const NAME = 'pg-cdc';
let redpanda;

before(async () => { redpanda = await startRedpanda(); });
after(async () => { await redpanda?.close(); });

async function redpandaOnly(page) {
  const url = await forwardToFixture(page, PATH, redpanda.url);
  await withConfig(page, [{ id: 'rp', name: 'redpanda', flavor: 'redpanda', url, cluster: CLUSTER }], { pollIntervalMs: 2000 });
  return url;
}

/** What the app sent the fixture since `from`, for `NAME`: "METHOD path-after-the-connector". */
const sent = (from = 0) => redpanda.log.slice(from)
  .filter((r) => r.path.includes(`/connectors/${NAME}`))
  .map((r) => `${r.method} ${r.path.split(`/connectors/${NAME}`)[1]}`);

e2e('Redpanda (fixture): the list and the detail read its shapes; missing tabs are not offered', async ({ page }) => {
  await redpandaOnly(page);
  const app = new AppShell(page);
  await app.open('connectors?cluster=rp');
  const rows = page.locator('[data-testid="connector-row"][data-cluster="rp"]');
  await eventually(async () => (await rows.count()) === 2, { timeout: 20_000, what: 'two rows' });
  const health = async (name) => page.locator(`[data-testid="connector-row"][data-name="${name}"]`).getAttribute('data-health');
  assert.equal(await health('pg-cdc'), 'degraded', 'one of two tasks FAILED');
  assert.equal(await health('a-sink'), 'paused');
  const listings = redpanda.log.filter((r) => r.path.endsWith('/connectors'));
  assert.ok(listings.length >= 1);
  for (const r of listings) assert.equal(r.search, '?page_size=-1', 'one page: every connector in one request');

  await app.open(`clusters/rp/connectors/${NAME}`, { query: '?tab=offsets' });
  await page.getByTestId('detail-tabs').waitFor({ timeout: 20_000 });
  await page.getByTestId('panel-status').waitFor();
  for (const tab of ['offsets', 'tasks']) assert.equal(await page.getByTestId(`tab-${tab}`).count(), 0, `no ${tab} tab`);
  for (const tab of ['status', 'config', 'topics']) assert.equal(await page.getByTestId(`tab-${tab}`).count(), 1, `${tab} tab`);
  await page.getByTestId('tab-topics').click();
  const topics = page.getByTestId('topic');
  await eventually(async () => (await topics.count()) === 2, { timeout: 10_000, what: 'the two active topics' });
  assert.deepEqual(await topics.allTextContents(), ['pg.public.orders', 'pg.public.customers']);
  await page.getByTestId('topics-reset').click();
  await page.getByTestId('confirm-topics-reset').getByTestId('confirm-ok').click();
  await page.getByTestId('topics-empty').waitFor({ timeout: 10_000 });
  assert.ok(sent().includes('PUT /topics/reset'));

  // Its statuses name real workers: the Workers page places the tasks on them.
  await app.open('workers');
  const workers = page.locator('[data-testid="worker-cluster"][data-cluster="rp"] [data-testid="worker"]');
  await eventually(async () => (await workers.count()) === 2, { timeout: 10_000, what: 'two workers' });
  assert.deepEqual((await workers.evaluateAll((els) => els.map((e) => e.dataset.worker))).sort(), ['10.0.0.5:8083', '10.0.0.6:8083']);
  // No log levels on Redpanda: the page says so and offers none of their controls (no worker
  // to pick, no scope, no search), only the cluster picker.
  await app.open('loggers?cluster=rp');
  await page.getByTestId('loggers-unsupported').waitFor({ timeout: 10_000 });
  for (const id of ['worker-picker', 'logger-scope', 'loggers-search', 'loggers-worker-note', 'logger-add', 'loggers-error', 'loggers-retry']) {
    assert.equal(await page.getByTestId(id).count(), 0, `no ${id}`);
  }
  assert.equal(await page.getByTestId('cluster-picker').count(), 1);
  // Its plugins are listed; a plugin's definition cannot be asked for, and the page says so.
  await app.open(`clusters/rp/plugins/${encodeURIComponent('io.debezium.connector.postgresql.PostgresConnector')}`);
  const why = page.getByTestId('plugin-error');
  await why.waitFor({ timeout: 10_000 });
  assert.match(await why.textContent(), /Describing a plugin's configuration is not supported by Redpanda/);
});

e2e('Redpanda (fixture): restart with options, pause, stop and resume', async ({ page }) => {
  await redpandaOnly(page);
  const app = new AppShell(page);
  await app.open(`clusters/rp/connectors/${NAME}`);
  await waitConnectorState(page, 'running');
  const from = redpanda.log.length;
  await page.getByTestId('action-restart').click();
  const dialog = page.getByTestId('confirm-restart');
  await dialog.getByTestId('restart-include-tasks').check();
  await dialog.getByTestId('restart-only-failed').check();
  await dialog.getByTestId('confirm-ok').click();
  const restart = await eventually(() => redpanda.log.slice(from).find((r) => r.method === 'POST' && r.path.endsWith('/restart')),
    { timeout: 10_000, what: 'POST …/restart' });
  assert.deepEqual(JSON.parse(restart.body), { include_tasks: true, only_failed: true });
  assert.equal(restart.search, '', 'the options go in the body, not the query');

  await page.getByTestId('action-pause').click();
  await waitConnectorState(page, 'paused');
  await page.getByTestId('action-stop').click();
  // Redpanda's offsets cannot be changed here: the dialog does not speak of them.
  assert.doesNotMatch(await page.getByTestId('confirm-stop').textContent(), /[Oo]ffsets/);
  await page.getByTestId('confirm-stop').getByTestId('confirm-ok').click();
  await waitConnectorState(page, 'stopped');
  await page.getByTestId('action-resume').click();
  await waitConnectorState(page, 'running');
  assert.deepEqual(sent(from).filter((c) => c.startsWith('P')), ['POST /restart', 'PUT /pause', 'PUT /stop', 'PUT /resume']);
});

e2e('Redpanda (fixture): "Test connection" in Settings reports the Connect cluster\'s version', async ({ page }) => {
  const url = await redpandaOnly(page);
  const form = await testNewCluster(page, { name: 'redpanda two', flavor: 'Redpanda', url, cluster: CLUSTER });
  assert.match(await form.getByTestId('cluster-test-ok').textContent(), /Connected — Kafka Connect 3\.7\.1, Kafka cluster redpanda\.d1/);
});

e2e('Redpanda (fixture): create without a generated form (no validate): properties from the JSON tab', async ({ page }) => {
  await redpandaOnly(page);
  const app = new AppShell(page);
  await app.open('new', { query: `?cluster=rp&plugin=${encodeURIComponent('io.debezium.connector.postgresql.PostgresConnector')}` });
  const note = page.getByTestId('form-no-validate');
  await note.waitFor({ timeout: 20_000 });
  assert.match(await note.textContent(), /Redpanda cannot validate or describe a plugin's configuration/);
  assert.equal(await page.getByTestId('form-waiting').count(), 0, 'not waiting for an answer that never comes');
  assert.equal(await page.getByTestId('validate-error').count(), 0, 'no "validation failed"');
  assert.ok(!redpanda.log.some((r) => r.path.includes('validate')), 'validate is never asked');

  const name = 'pg-from-e2e';
  await page.getByTestId('tab-raw').click();
  const raw = page.getByTestId('raw-text');
  await raw.fill(JSON.stringify({ 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'db', 'tasks.max': '1' }));
  await raw.blur();
  await page.getByTestId('connector-name').fill(name);
  // Edits schedule no validate (the debounce is 300 ms): still no "Validation failed".
  await page.waitForTimeout(800);
  assert.equal(await page.getByTestId('validate-error').count(), 0, 'no "validation failed" after edits');
  await page.getByTestId('create-submit').click();
  await eventually(() => new URL(page.url()).pathname.endsWith(`/clusters/rp/connectors/${name}`), { timeout: 15_000, what: 'the new connector' });
  const post = redpanda.log.find((r) => r.method === 'POST' && r.path.endsWith('/connectors'));
  assert.deepEqual(JSON.parse(post.body), {
    name, config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'db', 'tasks.max': '1', name },
  });
});

e2e('Redpanda (fixture): a cluster that cannot be read is not shown as a cluster without connectors', async ({ page, session }) => {
  const url = await forwardToFixture(page, PATH, redpanda.url);
  // Every read of this cluster fails (registered after the forward: it takes precedence).
  await page.route((u) => u.pathname.startsWith(`${PATH}/`), (route) => route.fulfill({
    status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'connect cluster unavailable' }),
  }));
  session.allow(/status of 500/);
  await withConfig(page, [{ id: 'rp', name: 'redpanda', flavor: 'redpanda', url, cluster: CLUSTER }], { pollIntervalMs: 2000 });
  const app = new AppShell(page);
  await app.open('connectors');
  const empty = page.getByTestId('list-unreadable');
  await empty.waitFor({ timeout: 20_000 });
  assert.match(await empty.textContent(), /1 of 1 clusters could not be read/);
  assert.match(await page.getByTestId('list-unreadable-errors').textContent(), /rp: .*connect cluster unavailable/);
  assert.equal(await page.getByTestId('list-empty').count(), 0, 'not "No connectors yet"');
});

e2e('Redpanda (fixture): a failed read of the cluster\'s info does not stop its listing', async ({ page, session }) => {
  const url = await forwardToFixture(page, PATH, redpanda.url);
  // Only the Connect cluster's info (its version) fails; its connectors answer.
  const info = `${PATH}/v1/kafka-connect/clusters/${CLUSTER}`;
  let asked = 0;
  await page.route((u) => u.pathname === info, (route) => {
    asked += 1;
    return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'INTERNAL', message: 'cluster info unavailable' }) });
  });
  session.allow(/status of 500/);
  await withConfig(page, [{ id: 'rp', name: 'redpanda', flavor: 'redpanda', url, cluster: CLUSTER }], { pollIntervalMs: 2000 });
  const app = new AppShell(page);
  await app.open('connectors?cluster=rp');
  const row = (name) => page.locator(`[data-testid="connector-row"][data-cluster="rp"][data-name="${name}"]`);
  await row('pg-cdc').waitFor({ timeout: 20_000 });
  await row('a-sink').waitFor();
  assert.equal(await page.getByTestId('list-unreadable').count(), 0);
  // Asked once, not again on every refresh (one request per cluster per refresh).
  const listings = () => session.requestsTo(/\/rp-fixture\/.*\/connectors\?/).length;
  const before = listings();
  await eventually(() => listings() >= before + 2, { timeout: 10_000, what: 'two more refreshes' });
  assert.equal(asked, 1, 'the failed info read is not repeated on each refresh');
});

e2e('Redpanda (fixture): an edit of a config answered without `name` reviews and saves (the name is the page\'s)', async ({ page }) => {
  await redpandaOnly(page);
  const app = new AppShell(page);
  await app.open(`clusters/rp/connectors/${NAME}/edit`);
  await page.getByTestId('edit-page').waitFor();
  await page.getByTestId('tab-raw').click();
  const raw = page.getByTestId('raw-text');
  await raw.waitFor({ timeout: 20_000 });
  const config = JSON.parse(await raw.inputValue());
  assert.equal(config.name, NAME);
  config['tasks.max'] = String(Number(config['tasks.max'] || '1') + 1);
  await raw.fill(JSON.stringify(config));
  await raw.blur();
  await page.getByTestId('review-changes').click();
  await page.getByTestId('review').waitFor();
  assert.equal(await page.getByTestId('save-error').count(), 0, 'no "The connector name is empty"');
  assert.equal(await page.getByTestId('live-changed').count(), 0, 'the name the answer leaves out is not a change on the server');
  const from = redpanda.log.length;
  await page.getByTestId('confirm-save').click();
  await eventually(() => redpanda.log.slice(from).some((r) => r.method === 'PUT' && r.path.endsWith(`/connectors/${NAME}/config`)), { what: 'the config PUT' });
  await eventually(() => new URL(page.url()).pathname.endsWith(`/clusters/rp/connectors/${NAME}`), { timeout: 15_000, what: 'back on the connector' });
  assert.equal(redpanda.connectors.get(NAME).info.config['tasks.max'], config['tasks.max']);
});

e2e('Redpanda (fixture): a failed action\'s result line is taken down when the next action starts', async ({ page, session }) => {
  session.allow(/status of 400/); // the refused stop, which the browser logs
  await redpandaOnly(page);
  const onPath = (end) => (url) => url.pathname.startsWith(`${PATH}/`) && url.pathname.endsWith(`/connectors/${NAME}/${end}`);
  // Routes added later win: the stop is refused, and the pause is held until the test lets it go.
  await page.route(onPath('stop'), (route) => route.fulfill({
    status: 400, contentType: 'application/json',
    body: JSON.stringify({ code: 'INVALID_ARGUMENT', message: 'stop refused by the test', details: [] }),
  }));
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(onPath('pause'), async (route) => { await held; await route.fallback(); });
  const app = new AppShell(page);
  await app.open(`clusters/rp/connectors/${NAME}`);
  await waitConnectorState(page, 'running');
  const result = page.getByTestId('action-result');
  await page.getByTestId('action-stop').click();
  await page.getByTestId('confirm-stop').getByTestId('confirm-ok').click();
  await eventually(async () => /Stop failed/.test(await result.textContent()), { timeout: 10_000, what: 'the stop failure' });
  await page.getByTestId('action-pause').click();
  await page.getByTestId('action-busy').waitFor();
  assert.doesNotMatch(await result.textContent(), /Stop failed/, 'the old failure is not shown under the pause');
  release();
  await eventually(async () => new RegExp(`Pause: ${NAME}`).test(await result.textContent()), { timeout: 10_000, what: 'the pause result' });
  await waitConnectorState(page, 'paused');
  await page.getByTestId('action-resume').click();
  await waitConnectorState(page, 'running');
});
