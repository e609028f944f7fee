// A Confluent Cloud cluster in real Chromium, against the Connect v1 fixture server
// (lib/confluent-cloud.mjs: the published examples, stateful), since no real Confluent Cloud can
// run here. The app reaches it at a same-origin path that Playwright forwards
// (`forwardToFixture`), as through a proxy. What this proves: the
// listing and detail read the Confluent Cloud shapes; tabs the flavor lacks are not offered
// (a link to one falls back to Status); restart says what Confluent Cloud does and sends no
// options; pause and resume work and there is no Stop; the offsets reset is one request that
// the flow follows through PENDING to APPLIED, showing the service's message, before reading
// the offsets again; the create form is built from its validate answer (groups, PASSWORD, the
// service's inline errors) and creates with `{name, config}`.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { CLUSTER, ENVIRONMENT, startConfluentCloud } from './lib/confluent-cloud.mjs';
import { AppShell, forwardToFixture, testNewCluster, waitConnectorState, withConfig } from './pages/app.mjs';
import { FormPage } from './pages/form.mjs';

const SINK = 'MyGcsLogsBucketConnector';
const PATH = '/cc-fixture';
let cloud;

before(async () => { cloud = await startConfluentCloud(); });
after(async () => { await cloud?.close(); });

/** The app's config.json lists only the Confluent Cloud cluster, served by the fixture. */
async function confluentCloudOnly(page) {
  const url = await forwardToFixture(page, PATH, cloud.url);
  await withConfig(page, [{ id: 'cc', name: 'cloud', flavor: 'confluent_cloud', url, environment: ENVIRONMENT, cluster: CLUSTER }],
    { pollIntervalMs: 2000 });
}

/** What the app sent the fixture since `from`: "METHOD path-after-the-connector". */
function sent(from = 0) {
  return cloud.log.slice(from).map((r) => `${r.method} ${r.path.split(`/connectors/${SINK}`)[1] ?? r.path}${r.search}`);
}

e2e('Confluent Cloud (fixture): the list and the detail read its shapes; missing tabs are not offered', async ({ page }) => {
  await confluentCloudOnly(page);
  const app = new AppShell(page);
  await app.open('connectors?cluster=cc');
  const rows = page.locator('[data-testid="connector-row"][data-cluster="cc"]');
  await eventually(async () => (await rows.count()) === 3, { timeout: 20_000, what: 'three rows' });
  assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.dataset.name))).sort(),
    ['MyDatagenConnector', 'MyGcsLogsBucketConnector', 'MyS3BucketConnector']);
  assert.equal(await page.locator('[data-testid="connector-row"][data-name="MyS3BucketConnector"]').getAttribute('data-health'), 'failed');
  // One listing request per refresh, with the three expansions repeated.
  const listings = cloud.log.filter((r) => r.path.endsWith('/connectors') && r.search);
  assert.ok(listings.length >= 1);
  for (const r of listings) assert.equal(r.search, '?expand=info&expand=status&expand=id');

  // A link to the Active topics tab (Apache only) opens Status instead; no tab for topics.
  await app.open(`clusters/cc/connectors/${SINK}`, { query: '?tab=topics' });
  await page.getByTestId('detail-tabs').waitFor({ timeout: 20_000 });
  await waitConnectorState(page, 'running');
  assert.equal(await page.getByTestId('tab-topics').count(), 0, 'no topics tab');
  await page.getByTestId('panel-status').waitFor();
  for (const tab of ['status', 'config', 'tasks', 'offsets']) {
    assert.equal(await page.getByTestId(`tab-${tab}`).count(), 1, `${tab} tab`);
  }
  // Connector config as the service returns it, its redacted keys shown as such.
  await page.getByTestId('tab-config').click();
  await page.getByTestId('config-json').waitFor({ state: 'attached' });
  assert.match(await page.getByTestId('config-json').textContent(), /"gcs\.bucket\.name": "APILogsBucket"/);

  // The workers it reports are the connectors' own names: the Workers page says so instead.
  await app.open('workers');
  const workers = page.locator('[data-testid="worker-cluster"][data-cluster="cc"]');
  assert.match(await workers.getByTestId('worker-unknown').textContent(), /Confluent Cloud runs connectors on workers it manages/);
  assert.equal(await workers.getByTestId('worker').count(), 0);
});

e2e('Confluent Cloud (fixture): restart takes no options, pause and resume, and there is no Stop', async ({ page }) => {
  await confluentCloudOnly(page);
  const app = new AppShell(page);
  await app.open(`clusters/cc/connectors/${SINK}`);
  await waitConnectorState(page, 'running');
  assert.equal(await page.getByTestId('action-stop').count(), 0, 'Confluent Cloud has no stop');

  const from = cloud.log.length;
  await page.getByTestId('action-restart').click();
  const dialog = page.getByTestId('confirm-restart');
  assert.match(await dialog.getByTestId('restart-plain-note').textContent(), /Confluent Cloud restarts the connector and all its tasks/);
  assert.equal(await dialog.getByTestId('restart-include-tasks').count(), 0, 'no restart options');
  await dialog.getByTestId('confirm-ok').click();
  await eventually(() => sent(from).includes('POST /restart'), { timeout: 10_000, what: 'POST …/restart without a query' });

  await page.getByTestId('action-pause').click();
  await waitConnectorState(page, 'paused');
  assert.ok(sent(from).includes('PUT /pause'));
  assert.equal(cloud.connectors.get(SINK).state, 'PAUSED');
  await page.getByTestId('action-resume').click();
  await waitConnectorState(page, 'running');
  assert.ok(sent(from).includes('PUT /resume'));
  assert.equal(cloud.connectors.get(SINK).state, 'RUNNING');
});

e2e('Confluent Cloud (fixture): an offsets reset is followed until APPLIED, then the offsets are read again', async ({ page }) => {
  await confluentCloudOnly(page);
  const app = new AppShell(page);
  await app.open(`clusters/cc/connectors/${SINK}`, { query: '?tab=offsets' });
  await waitConnectorState(page, 'running');
  const rows = page.getByTestId('offset-row');
  await eventually(async () => (await rows.count()) === 2, { timeout: 20_000, what: 'the two partitions of the published example' });
  assert.match(await page.getByTestId('offsets-table').textContent(), /topic_A/);

  const from = cloud.log.length;
  await page.getByTestId('offsets-reset-all').click();
  const dialog = page.getByTestId('confirm-offsets-reset');
  const steps = await dialog.getByTestId('confirm-items').textContent();
  assert.match(steps, /Reset all offsets/);
  assert.match(steps, /Wait until the cluster has applied it/);
  assert.doesNotMatch(steps, /Stop the connector/, 'Confluent Cloud stops it itself');
  if (await dialog.getByTestId('confirm-typing').count()) await dialog.getByTestId('confirm-typing').fill(SINK);
  await dialog.getByTestId('confirm-ok').click();

  const flow = page.getByTestId('offsets-flow');
  await eventually(async () => (await flow.locator('[data-status=done]').count()) === 2, { timeout: 20_000, interval: 250, what: 'both steps done' });
  assert.match(await flow.textContent(), /offsets for this connector have been reset successfully/);
  await eventually(async () => (await rows.count()) === 0, { timeout: 10_000, what: 'the offsets read again, now empty' });

  // One request, its status read until APPLIED (PENDING first), then the offsets.
  const calls = sent(from).filter((c) => c.includes('offsets'));
  assert.equal(calls[0], 'POST /offsets/request');
  assert.deepEqual(JSON.parse(cloud.log.slice(from).find((r) => r.method === 'POST').body), { type: 'DELETE' });
  const statusReads = calls.filter((c) => c === 'GET /offsets/request/status').length;
  assert.ok(statusReads >= 2, `status read through PENDING to APPLIED: ${calls.join(', ')}`);
  const lastStatus = calls.lastIndexOf('GET /offsets/request/status');
  assert.ok(calls.slice(lastStatus + 1).includes('GET /offsets'), `offsets read after APPLIED: ${calls.join(', ')}`);
});

e2e('Confluent Cloud (fixture): "Test connection" in Settings lists the connectors (there is no version endpoint)', async ({ page, session }) => {
  // The wrong cluster id below is answered 404; Chromium logs that response.
  session.allow(/status of 404 \(Not Found\)/);
  await confluentCloudOnly(page);
  const from = cloud.log.length;
  const form = await testNewCluster(page, { name: 'cloud two', flavor: 'Confluent Cloud', url: new URL(PATH, env.origin).href, environment: ENVIRONMENT, cluster: CLUSTER });
  assert.match(await form.getByTestId('cluster-test-ok').textContent(), /Connected — 3 connectors listed/);
  // The test's one request (the configured cluster's polls list with ?expand=).
  assert.deepEqual(sent(from).filter((c) => !c.includes('?expand=')), [`GET /connect/v1/environments/${ENVIRONMENT}/clusters/${CLUSTER}/connectors`]);
  // A wrong cluster id is the service's 404, shown as the test's error.
  await form.getByTestId('cluster-cluster').fill('lkc-nope');
  await form.getByTestId('cluster-test').click();
  await form.getByTestId('cluster-test-error').waitFor({ timeout: 10_000 });
});

e2e('Confluent Cloud (fixture): create through the form generated from its validate answer', async ({ page }) => {
  await confluentCloudOnly(page);
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: '?cluster=cc&plugin=GcsSink' });
  await form.settled();
  // The published groups order the sections; PASSWORD keys are masked inputs.
  const sections = await page.getByTestId('form-section').evaluateAll((els) => els.map((e) => e.dataset.section));
  assert.ok(sections.indexOf('Kafka Cluster credentials') > sections.indexOf('Which topics do you want to get data from?'), sections.join(' | '));
  assert.equal(await form.input('kafka.api.secret').getAttribute('type'), 'password');

  const name = 'gcs-from-e2e';
  await form.name.fill(name);
  // The service's own rule shows inline at its field.
  await form.fill('flush.size', '10');
  await eventually(async () => /greater than or equal to 1000/.test(await form.errorsOf('flush.size').textContent().catch(() => '')),
    { timeout: 10_000, what: 'the flush.size error inline' });
  const values = {
    'flush.size': '1000', 'kafka.api.key': 'KEY-e2e', 'kafka.api.secret': 'SECRET-e2e', 'gcs.credentials.config': '{"type":"service_account"}',
    'gcs.bucket.name': 'e2e-bucket', 'data.format': 'BYTES', 'time.interval': 'DAILY', 'tasks.max': '1',
  };
  for (const [key, value] of Object.entries(values)) {
    await form.reveal(key);
    if ((await form.input(key).evaluate((e) => e.tagName)) === 'SELECT') await form.input(key).selectOption(value);
    else await form.fill(key, value);
  }
  const add = form.row('topics').getByTestId('list-add-input');
  await add.fill('orders');
  await add.press('Enter');
  await page.waitForTimeout(400);
  await form.settled();
  await form.create.click();
  await eventually(() => new URL(page.url()).pathname.endsWith(`/clusters/cc/connectors/${name}`), { timeout: 15_000, what: 'the new connector' });
  const post = cloud.log.find((r) => r.method === 'POST' && r.path.endsWith('/connectors'));
  const sentBody = JSON.parse(post.body);
  assert.equal(sentBody.name, name);
  for (const [key, value] of Object.entries(values)) {
    // 1000 is flush.size's published default: typing it leaves the key out, the default applies.
    assert.equal(sentBody.config[key], key === 'flush.size' ? undefined : value, key);
  }
  assert.equal(sentBody.config.topics, 'orders');
  assert.equal(sentBody.config['connector.class'], 'GcsSink');
  assert.ok(cloud.connectors.has(name), 'created on the service');
});
