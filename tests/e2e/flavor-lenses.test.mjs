// A Lenses 6 (HQ) cluster in real Chromium, against the fixture server (lib/lenses.mjs: the
// published list shape, stateful), since no Lenses can run here. The app reaches it at a
// same-origin path (`forwardToFixture`), as through a proxy. What this proves: the list is read
// for the configured Connect cluster only (the `cluster` filter); a connector opens from it with
// its state and tasks (Lenses has no detail endpoint: the status comes from the list); the
// actions are Lenses' PUT …/{action} calls, a task restart included; there is no config tab
// (no Lenses endpoint gives a connector's config); Test connection lists the connectors.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { e2e, eventually } from './lib/harness.mjs';
import { ENVIRONMENT, startLenses } from './lib/lenses.mjs';
import { AppShell, forwardToFixture, testNewCluster, waitConnectorState, withConfig } from './pages/app.mjs';

const PATH = '/lenses-fixture';
const NAME = 'orders-sink';
let lenses;

before(async () => { lenses = await startLenses(); });
after(async () => { await lenses?.close(); });

async function lensesOnly(page) {
  const url = await forwardToFixture(page, PATH, lenses.url);
  await withConfig(page, [{ id: 'ls', name: 'lenses', flavor: 'lenses', url, environment: ENVIRONMENT, cluster: 'connect-a' }],
    { pollIntervalMs: 2000 });
  return url;
}

/** The mutating requests the app sent since `from`, as "METHOD path-after-the-connector". */
const sentActions = (from = 0) => lenses.log.slice(from)
  .filter((r) => r.method !== 'GET')
  .map((r) => `${r.method} ${r.path.split(`/clusters/connect-a/connectors/${NAME}`)[1] ?? r.path}`);

e2e('Lenses (fixture): the list of the configured Connect cluster, a connector\'s state and tasks from it', async ({ page }) => {
  await lensesOnly(page);
  const app = new AppShell(page);
  await app.open('connectors?cluster=ls');
  const rows = page.locator('[data-testid="connector-row"][data-cluster="ls"]');
  await eventually(async () => (await rows.count()) === 2, { timeout: 20_000, what: 'the two connectors of connect-a' });
  assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.dataset.name))).sort(), ['minimal', 'orders-sink']);
  assert.equal(await page.locator(`[data-testid="connector-row"][data-name="${NAME}"]`).getAttribute('data-health'), 'degraded');
  for (const r of lenses.log.filter((x) => x.path.endsWith('/connectors'))) assert.equal(r.search, '?cluster=connect-a');

  // A link to its config (no Lenses endpoint gives it) opens the status; there is no config tab.
  await app.open(`clusters/ls/connectors/${NAME}`, { query: '?tab=config' });
  await waitConnectorState(page, 'running');
  await page.getByTestId('panel-status').waitFor();
  const failed = page.locator('[data-testid=task-row][data-task="1"]');
  await failed.waitFor({ timeout: 10_000 });
  assert.equal(await failed.getAttribute('data-state'), 'failed');
  for (const tab of ['config', 'offsets', 'tasks', 'topics']) assert.equal(await page.getByTestId(`tab-${tab}`).count(), 0, `no ${tab} tab`);
  assert.equal(await page.getByTestId('tab-status').count(), 1);

  await app.open('workers');
  const workers = page.locator('[data-testid="worker-cluster"][data-cluster="ls"]');
  assert.match(await workers.getByTestId('worker-unknown').textContent(), /Lenses HQ does not report which worker/);
  assert.equal(await workers.getByTestId('worker-unassigned').count(), 0, 'not called unassigned');
});

e2e('Lenses (fixture): task restart, pause, stop and resume are Lenses actions', async ({ page }) => {
  await lensesOnly(page);
  const app = new AppShell(page);
  await app.open(`clusters/ls/connectors/${NAME}`);
  await waitConnectorState(page, 'running');
  const from = lenses.log.length;
  const failed = page.locator('[data-testid=task-row][data-task="1"]');
  await failed.getByTestId('task-restart').click();
  await eventually(async () => (await failed.getAttribute('data-state')) === 'running', { timeout: 20_000, what: 'task 1 RUNNING' });
  await page.getByTestId('action-pause').click();
  await waitConnectorState(page, 'paused');
  await page.getByTestId('action-stop').click();
  assert.doesNotMatch(await page.getByTestId('confirm-stop').textContent(), /[Oo]ffsets/);
  await page.getByTestId('confirm-stop').getByTestId('confirm-ok').click();
  await waitConnectorState(page, 'stopped');
  // A stopped connector runs no task: no task restart is offered (Lenses still lists them).
  assert.ok(await page.getByTestId('task-row').count() > 0);
  assert.equal(await page.getByTestId('task-restart').count(), 0);
  await page.getByTestId('action-resume').click();
  await waitConnectorState(page, 'running');
  await eventually(async () => (await page.getByTestId('task-restart').count()) > 0, { what: 'task restart back once running' });
  assert.deepEqual(sentActions(from), ['PUT /tasks/1/restart', 'PUT /pause', 'PUT /stop', 'PUT /resume']);
});

e2e('Lenses (fixture): "Test connection" in Settings lists the connectors (there is no version endpoint)', async ({ page }) => {
  const url = await lensesOnly(page);
  const form = await testNewCluster(page, { name: 'lenses two', flavor: 'Lenses HQ', url, environment: ENVIRONMENT, cluster: 'connect-b' });
  assert.match(await form.getByTestId('cluster-test-ok').textContent(), /Connected — 1 connector listed/);
  assert.equal(await form.getByTestId('cluster-test-warning').count(), 0);
  // A misspelt Connect cluster lists nothing (Lenses filters by it): the result says so.
  await form.getByTestId('cluster-cluster').fill('connect-typo');
  await form.getByTestId('cluster-test').click();
  await form.getByTestId('cluster-test-warning').waitFor({ timeout: 10_000 });
  assert.match(await form.getByTestId('cluster-test-warning').textContent(), /No connector runs on “connect-typo”; Connect clusters with connectors: connect-a, connect-b/);
});

e2e('Lenses (fixture): with no plugin list, New connector takes a typed class and validates it', async ({ page, session }) => {
  await lensesOnly(page);
  // The fixture answers no validate (Lenses publishes no schema for its answer): a 404 here.
  session.allow(/404.*\/kafka-connect\/validate/);
  const app = new AppShell(page);
  await app.open('new', { query: '?cluster=ls' });
  await page.getByTestId('class-entry').waitFor({ timeout: 20_000 });
  const from = lenses.log.length;
  await page.getByTestId('class-entry-input').fill('io.lenses.streamreactor.connect.aws.s3.sink.S3SinkConnector');
  await page.getByTestId('class-entry-use').click();
  await eventually(() => new URL(page.url()).searchParams.get('plugin') === 'io.lenses.streamreactor.connect.aws.s3.sink.S3SinkConnector', { what: 'the class in the URL' });
  await eventually(() => lenses.log.slice(from).some((r) => r.method === 'POST' && r.path.endsWith('/validate')), { what: 'a Lenses validate' });
  // The list's Class column comes from the list item's className.
  await app.open('connectors?cluster=ls');
  const row = page.locator(`[data-testid="connector-row"][data-name="${NAME}"]`);
  await row.waitFor({ timeout: 20_000 });
  assert.match(await row.textContent(), /S3SinkConnector/);
});
