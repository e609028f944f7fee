// Connector detail, plugins and log levels against the real Kafka Connect stack, through nginx
// under /console/: traces and restart onlyFailed on the seeded failing-task-sink, the lifecycle
// (pause, resume, stop, resume, delete) and the guided offsets reset on connectors this file
// creates (e2e-detail-*) and deletes, a worker log-level change (restored), plugins and the rich
// plugin's definition, the basic-auth cluster through the proxy; screenshots in both themes.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { restJson, restJsonSettled } from './lib/rest.mjs';
import { screenshot } from './lib/screens.mjs';
import { AppShell } from './pages/app.mjs';

const RUN = `e2e-detail-${Date.now().toString(36)}`;
const created = new Set();
const SAMPLE = '/root/.cache/connect-console/stack-data/sample.txt';

const rest = restJson;

async function state(name) {
  // A just-created connector has no status for a moment (404): not a state yet.
  try {
    return (await rest('GET', `/connectors/${encodeURIComponent(name)}/status`)).connector.state;
  } catch {
    return null;
  }
}

async function createSource(name) {
  await rest('POST', '/connectors', {
    name,
    config: {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      file: SAMPLE, topic: 'cc-e2e-detail', 'tasks.max': '1',
    },
  });
  created.add(name);
  await eventually(async () => (await state(name)) === 'RUNNING', { timeout: 20000, what: `${name} RUNNING` });
}

after(async () => {
  for (const name of created) {
    await fetch(`${env.alphaUrl}/connectors/${encodeURIComponent(name)}`, { method: 'DELETE' }).catch(() => {});
  }
});

function detailPath(cluster, name, tab) {
  return `clusters/${cluster}/connectors/${encodeURIComponent(name)}${tab ? `?tab=${tab}` : ''}`;
}

async function openDetail(page, cluster, name, tab) {
  const app = new AppShell(page);
  await app.open(detailPath(cluster, name, tab));
  await page.getByTestId('connector-detail').waitFor();
  await page.getByTestId('detail-tabs').waitFor({ timeout: 20000 });
  return app;
}

const connectorState = (page) => page.getByTestId('connector-state').getAttribute('data-state');

async function waitState(page, want, timeout = 30000) {
  await eventually(async () => (await connectorState(page)) === want, { timeout, interval: 250, what: `state ${want}` });
}

e2e('failing-task-sink opened cold: trace collapsed to its first line, expands, restart onlyFailed', async ({ page, session }) => {
  await openDetail(page, 'alpha', 'failing-task-sink');
  const row = page.locator('[data-testid=task-row][data-task="0"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-state'), 'failed');
  const first = row.getByTestId('trace-first-line');
  assert.match(await first.textContent(), /ConnectException: Couldn't find or create file/);
  assert.equal(await row.getByTestId('trace-full').count(), 0, 'the full trace starts collapsed');
  assert.ok(await row.getByTestId('trace-copy').isVisible(), 'a copy button is offered');
  await row.getByTestId('trace-toggle').click();
  assert.match(await row.getByTestId('trace-full').textContent(), /FileStreamSinkTask\.start/);
  await row.getByTestId('trace-toggle').click();

  await page.getByTestId('action-restart').click();
  const dialog = page.getByTestId('confirm-restart');
  await dialog.getByTestId('restart-include-tasks').check();
  await dialog.getByTestId('restart-only-failed').check();
  await dialog.getByTestId('confirm-ok').click();
  const restart = await eventually(() => session.requests.find((r) => r.method === 'POST' && /\/restart/.test(r.url)),
    { what: 'the restart request' });
  assert.match(restart.url, /includeTasks=true/);
  assert.match(restart.url, /onlyFailed=true/);
  const result = page.getByTestId('action-result');
  await eventually(async () => /Restart failed instances: failing-task-sink/.test(await result.textContent()), { timeout: 10000, what: 'the result line' });
  // The task visibly restarts (RESTARTING from the 202 answer) and then comes back or fails again.
  await eventually(async () => ['restarting', 'failed', 'running', 'unassigned'].includes(await row.getAttribute('data-state')),
    { timeout: 20000, what: 'a task state after the restart' });
  await eventually(async () => (await row.getAttribute('data-state')) === 'failed', { timeout: 30000, what: 'the task failed again' });
}, { timeout: 90000 });

e2e('lifecycle on an e2e connector: pause, resume, stop, resume, then delete back to the list', async ({ page }) => {
  const name = `${RUN}-life`;
  await createSource(name);
  await openDetail(page, 'alpha', name);
  await waitState(page, 'running');
  await page.getByTestId('action-pause').click();
  await waitState(page, 'paused');
  assert.equal(await state(name), 'PAUSED');
  await page.getByTestId('action-resume').click();
  await waitState(page, 'running');
  await page.getByTestId('action-stop').click();
  const stop = page.getByTestId('confirm-stop');
  assert.match(await stop.getByTestId('confirm-items').textContent(), new RegExp(name));
  assert.match(await stop.textContent(), /Offsets can only be changed while it is stopped/);
  await stop.getByTestId('confirm-ok').click();
  await waitState(page, 'stopped');
  assert.equal(await state(name), 'STOPPED');
  assert.equal(await page.getByTestId('action-stop').count(), 0, 'no stop button on a stopped connector');
  await page.getByTestId('action-resume').click();
  await waitState(page, 'running');

  await page.getByTestId('action-delete').click();
  const del = page.getByTestId('confirm-delete');
  assert.ok(await del.getByTestId('confirm-ok').isDisabled(), 'delete needs the name typed');
  await del.getByTestId('confirm-typing').fill(name);
  await del.getByTestId('confirm-ok').click();
  await eventually(() => new URL(page.url()).pathname === '/console/connectors', { timeout: 15000, what: 'navigation to the list' });
  // The list says what happened (the page that reported it is gone).
  await eventually(async () => (await page.locator('.thaw-toast-title').allTextContents()).includes(`Delete: ${name}`),
    { what: 'the delete toast on the list' });
  const gone = await fetch(`${env.alphaUrl}/connectors/${encodeURIComponent(name)}`);
  assert.equal(gone.status, 404);
  created.delete(name);
}, { timeout: 120000 });

e2e('a pause accepted on a FAILED connector says it stays FAILED until it is restarted', async ({ page }) => {
  const name = `${RUN}-failpause`;
  // The seed's failing connector shape: its target cluster cannot be reached.
  await rest('POST', '/connectors', {
    name,
    config: {
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector', 'tasks.max': '1',
      'source.cluster.alias': 'alpha', 'target.cluster.alias': 'nowhere', 'target.cluster.bootstrap.servers': 'not-a-host-port',
    },
  });
  created.add(name);
  await eventually(async () => (await state(name)) === 'FAILED', { timeout: 30000, what: `${name} FAILED` });
  await openDetail(page, 'alpha', name);
  await waitState(page, 'failed');
  await page.getByTestId('action-pause').click();
  const result = page.getByTestId('action-result');
  await eventually(async () => /Pause: .*stays FAILED: it starts paused when it is restarted/.test(await result.textContent()),
    { timeout: 10000, what: 'the note on the pause' });
  assert.equal(await state(name), 'FAILED', 'what the note says');
}, { timeout: 90000 });

e2e('offsets reset through the guided flow: stop, reset, resume, with the server message', async ({ page, session }) => {
  const name = `${RUN}-offsets`;
  await createSource(name);
  // Seed one partition's offset so the table has a row (stop, alter, resume through REST).
  await rest('PUT', `/connectors/${name}/stop`);
  await eventually(async () => (await state(name)) === 'STOPPED', { timeout: 20000, what: 'seed stop' });
  await restJsonSettled('PATCH', `/connectors/${name}/offsets`, { offsets: [{ partition: { filename: SAMPLE }, offset: { position: 42 } }] });
  await rest('PUT', `/connectors/${name}/resume`);
  await eventually(async () => (await state(name)) === 'RUNNING', { timeout: 20000, what: 'seed resume' });

  await openDetail(page, 'alpha', name, 'offsets');
  await waitState(page, 'running');
  const row = page.getByTestId('offset-row').first();
  await row.waitFor();
  assert.match(await row.textContent(), /sample\.txt/);
  assert.match(await page.getByTestId('offsets-table').textContent(), /position/);
  await page.getByTestId('offsets-reset-all').click();
  const dialog = page.getByTestId('confirm-offsets-reset');
  const steps = await dialog.getByTestId('confirm-items').textContent();
  assert.match(steps, /Stop the connector/);
  assert.match(steps, /Reset all offsets/);
  assert.match(steps, /Resume the connector/);
  await dialog.getByTestId('confirm-typing').fill(name);
  await dialog.getByTestId('confirm-ok').click();
  const flow = page.getByTestId('offsets-flow');
  await eventually(async () => (await flow.locator('[data-status=done]').count()) === 4, { timeout: 45000, interval: 250, what: 'all four steps done' });
  assert.match(await flow.textContent(), /The offsets for this connector have been reset successfully/);
  const order = (await session.applied()).map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`);
  assert.deepEqual(order, ['PUT stop', 'DELETE offsets', 'PUT resume']);
  await waitState(page, 'running');
  await screenshot(page, 'detail-offsets-flow', 'light');
}, { timeout: 120000 });

/** The log levels page of alpha-direct on worker 127.0.0.1:18083, searched for `logger`: a
 *  function that finds its row (re-rendered rows are found again). */
async function openLoggerRow(page, logger) {
  const app = new AppShell(page);
  await app.open('loggers?cluster=alpha-direct');
  await page.getByTestId('loggers-page').waitFor();
  const workerPicker = page.getByTestId('worker-picker');
  await eventually(async () => (await workerPicker.locator('option').count()) > 1, { timeout: 20000, what: 'workers listed' });
  await workerPicker.selectOption('127.0.0.1:18083');
  await page.getByTestId('loggers-search').fill(logger);
  const row = () => page.locator(`[data-testid=logger-row][data-logger="${logger}"]`);
  await row().waitFor({ timeout: 20000 });
  return row;
}

e2e('offsets reset on a PAUSED connector: stop, reset, then paused again (never resumed)', async ({ page, session }) => {
  const name = `${RUN}-offsets-paused`;
  await createSource(name);
  // Seed one partition's offset so there is something to reset, then pause it.
  await rest('PUT', `/connectors/${name}/stop`);
  await eventually(async () => (await state(name)) === 'STOPPED', { timeout: 20000, what: 'seed stop' });
  await restJsonSettled('PATCH', `/connectors/${name}/offsets`, { offsets: [{ partition: { filename: SAMPLE }, offset: { position: 42 } }] });
  await rest('PUT', `/connectors/${name}/pause`);
  await eventually(async () => (await state(name)) === 'PAUSED', { timeout: 20000, what: `${name} PAUSED` });

  await openDetail(page, 'alpha', name, 'offsets');
  await waitState(page, 'paused');
  await page.getByTestId('offset-row').first().waitFor();
  await page.getByTestId('offsets-reset-all').click();
  const dialog = page.getByTestId('confirm-offsets-reset');
  const steps = await dialog.getByTestId('confirm-items').textContent();
  assert.match(steps, /Stop the connector/);
  assert.match(steps, /Pause the connector again/);
  assert.doesNotMatch(steps, /Resume/);
  await dialog.getByTestId('confirm-typing').fill(name);
  await dialog.getByTestId('confirm-ok').click();
  const flow = page.getByTestId('offsets-flow');
  await eventually(async () => (await flow.locator('[data-status=done]').count()) === 4, { timeout: 45000, interval: 250, what: 'all four steps done' });
  const order = (await session.applied()).map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`);
  assert.deepEqual(order, ['PUT stop', 'DELETE offsets', 'PUT pause']);
  // The worker takes the paused state from STOPPED (KIP-875 target states).
  await eventually(async () => (await state(name)) === 'PAUSED', { timeout: 20000, what: `${name} PAUSED again on the worker` });
  await waitState(page, 'paused');
}, { timeout: 120000 });

e2e('a connector that is not on the cluster: the page says so and offers no lifecycle action', async ({ page }) => {
  const app = new AppShell(page);
  await app.open(`clusters/alpha/connectors/${RUN}-never-created`);
  await page.getByTestId('detail-missing').waitFor({ timeout: 20000 });
  for (const id of ['action-pause', 'action-resume', 'action-stop', 'action-restart', 'action-delete']) {
    assert.equal(await page.getByTestId(id).count(), 0, `no ${id}`);
  }
  // The same page for one that exists has them (so the check above can fail).
  await app.open('clusters/alpha/connectors/file-source');
  await page.getByTestId('action-delete').waitFor({ timeout: 20000 });
});

e2e('log levels that cannot be read show the error once, and are not asked for again on every poll', async ({ page, session }) => {
  // The worker answers 502 to every read of its loggers (a proxy in trouble). Before the fix
  // the page re-read them on every poll (the read tracked the cluster's health): "Loading
  // log levels…" for ever and a request flood.
  session.allow(/502/);
  let reads = 0;
  await page.route(/\/admin\/loggers$/, (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    reads += 1;
    return route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
  });
  const app = new AppShell(page);
  await app.open('loggers?cluster=alpha');
  const error = page.getByTestId('loggers-error');
  await error.waitFor({ timeout: 30000 });
  const afterError = reads;
  assert.ok(afterError >= 1, 'the loggers were asked for');
  // Three poll intervals (5 s each in the e2e config) later: nothing more was asked.
  await page.waitForTimeout(16000);
  assert.equal(reads, afterError, `no read after the error (${afterError} while loading, ${reads} in all)`);
  assert.ok(await error.isVisible(), 'the error is still shown');
  // Once the worker answers again, "Read again" shows the levels.
  await page.unroute(/\/admin\/loggers$/);
  await page.getByTestId('loggers-retry').click();
  await page.getByTestId('logger-row').first().waitFor({ timeout: 20000 });
}, { timeout: 60000 });

e2e('a cluster-scope log level change: the table waits for the workers to apply it', async ({ page }) => {
  const logger = 'org.apache.kafka.clients.NetworkClient';
  const direct2 = env.alphaUrl2;
  const levelAt = async (url) => (await (await fetch(`${url}/admin/loggers/${logger}`)).json()).level;
  const before = await levelAt(env.alphaUrl);
  const target = before === 'DEBUG' ? 'TRACE' : 'DEBUG';
  const row = await openLoggerRow(page, logger);
  await page.getByTestId('scope-cluster').check();
  // The worker's first read after the change still reports the old level (as it does when
  // the config topic has not reached it yet): a single reload would stop there.
  let changed = false;
  let stale = 0;
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().includes('/admin/loggers/')) changed = true; });
  await page.route(/\/admin\/loggers$/, async (route) => {
    if (route.request().method() !== 'GET' || !changed || stale > 0) return route.continue();
    stale += 1;
    const response = await route.fetch();
    const body = await response.json();
    body[logger] = { ...body[logger], level: before };
    return route.fulfill({ response, json: body });
  });
  try {
    await row().getByTestId('logger-level').selectOption(target);
    // No reload: the page reads the worker again until the change is applied.
    await eventually(async () => (await row().getAttribute('data-level')) === target,
      { timeout: 15000, what: `${logger} at ${target} in the table` });
    assert.equal(stale, 1, 'the first read after the change was answered with the old level');
    assert.equal(await levelAt(env.alphaUrl), target, 'the first worker applied it');
    await eventually(async () => (await levelAt(direct2)) === target, { timeout: 15000, what: 'the second worker applied it' });
  } finally {
    await fetch(`${env.alphaUrl}/admin/loggers/${logger}?scope=cluster`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ level: before }),
    });
  }
}, { timeout: 60000 });

e2e('a worker log level change on alpha-direct, then restored', async ({ page }) => {
  const logger = 'org.apache.kafka.clients.NetworkClient';
  const before = (await rest('GET', `/admin/loggers/${logger}`)).level;
  const row = await openLoggerRow(page, logger);
  const target = before === 'DEBUG' ? 'TRACE' : 'DEBUG';
  try {
    await row().getByTestId('logger-level').selectOption(target);
    await eventually(async () => (await row().getAttribute('data-level')) === target,
      { timeout: 15000, what: `${logger} at ${target}` });
    assert.equal((await rest('GET', `/admin/loggers/${logger}`)).level, target, 'the worker reports the new level');
    assert.match(await row().getByTestId('logger-modified').textContent(), /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    await screenshot(page, 'loggers', 'light');
  } finally {
    await rest('PUT', `/admin/loggers/${logger}`, { level: before });
  }
}, { timeout: 60000 });

e2e('plugins list FileStreamSource and the rich test plugin; its definition and Create button', async ({ page }) => {
  const app = new AppShell(page);
  await app.open('plugins?cluster=alpha');
  const table = page.getByTestId('plugins-table');
  await table.waitFor({ timeout: 20000 });
  await page.locator('[data-testid=plugin-row][data-class="org.apache.kafka.connect.file.FileStreamSourceConnector"]').waitFor();
  const rich = page.locator('[data-testid=plugin-row][data-class="io.connectconsole.test.RichSourceConnector"]');
  await rich.waitFor();
  await page.getByTestId('plugins-all-types').check();
  await page.locator('[data-testid=plugin-row][data-class*="transforms"]').first().waitFor({ timeout: 15000 });
  await page.getByTestId('plugins-search').fill('RichSource');
  assert.equal(await page.getByTestId('plugin-row').count(), 1);
  await screenshot(page, 'plugins', 'light');
  await page.locator('[data-testid=plugin-row] a', { hasText: 'RichSourceConnector' }).click();
  await page.getByTestId('plugin-page').waitFor();
  await page.getByTestId('plugin-group').first().waitFor({ timeout: 20000 });
  assert.ok((await page.getByTestId('plugin-group').count()) >= 2, 'keys are grouped');
  assert.ok((await page.getByTestId('plugin-key').count()) > 10);
  const create = page.getByTestId('plugin-create');
  assert.equal(await create.getAttribute('href'), '/console/new?cluster=alpha&plugin=io.connectconsole.test.RichSourceConnector');
  await screenshot(page, 'plugin-detail', 'light');
});

e2e('a deep link to a cluster that is not configured says so, on the plugin page as on the connector page', async ({ page }) => {
  const app = new AppShell(page);
  await app.open('clusters/nosuch/plugins/org.example.X');
  const plugin = page.getByTestId('plugin-unknown-cluster');
  await plugin.waitFor({ timeout: 10_000 });
  assert.match(await plugin.textContent(), /No cluster with the id “nosuch” is configured/);
  assert.equal(await page.getByTestId('plugin-create').count(), 0, 'nothing to create a connector on');
  assert.equal(await page.getByText('Loading the config definition').count(), 0);
  await app.open('clusters/nosuch/connectors/x');
  await page.getByTestId('detail-unknown-cluster').waitFor({ timeout: 10_000 });
});

e2e('beta (basic auth at the proxy): detail of beta-source and its config', async ({ page }) => {
  await openDetail(page, 'beta', 'beta-source');
  await waitState(page, 'running', 20000);
  await page.getByTestId('tab-config').click();
  await page.getByTestId('config-view').waitFor();
  assert.match(await page.getByTestId('config-view').textContent(), /connector\.class/);
});

const TABS = ['status', 'config', 'tasks', 'offsets', 'topics'];
for (const theme of ['light', 'dark']) {
  e2e(`screenshots of the detail tabs, plugins, plugin detail and loggers (${theme})`, async ({ page }) => {
    for (const tab of TABS) {
      await openDetail(page, 'alpha', tab === 'status' ? 'failing-task-sink' : 'file-sink', tab);
      await page.getByTestId(`panel-${tab}`).waitFor();
      await page.waitForTimeout(800);
      if (tab === 'status') await page.getByTestId('trace-toggle').first().click();
      await screenshot(page, `detail-${tab}`, theme);
    }
    const app = new AppShell(page);
    await app.open('plugins?cluster=alpha');
    await page.getByTestId('plugins-table').waitFor({ timeout: 20000 });
    await screenshot(page, 'plugins', theme);
    await app.open('clusters/alpha/plugins/io.connectconsole.test.RichSourceConnector');
    await page.getByTestId('plugin-group').first().waitFor({ timeout: 20000 });
    await screenshot(page, 'plugin-detail', theme);
    await app.open('loggers?cluster=alpha');
    await page.getByTestId('loggers-table').waitFor({ timeout: 20000 });
    await screenshot(page, 'loggers', theme);
  }, { timeout: 120000, contextOptions: { colorScheme: theme } });
}
