// Reliability (issue 10): nothing the user typed or owns is lost, against the real stack.
//
// - One create-form draft lives through a failed create (the name already exists), a network
//   error (the create request aborted by the browser) and a reload, and is then created.
// - A validate slower than 30 s (rich plugin `validate.delay.ms`) shows progress all along and
//   can be cancelled: the browser aborts the request.
// - Deleting one connector needs a confirmation: no DELETE leaves the browser before it.
import assert from 'node:assert/strict';
import { e2e, eventually as pollUntil } from './lib/harness.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, deleteConnector, rest, workerConfig } from './pages/form.mjs';

const RICH = 'io.connectconsole.test.RichSourceConnector';
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

/** The harness's `eventually`, with this file's longer default wait. */
const eventually = (fn, options = {}) => pollUntil(fn, { timeout: 20_000, interval: 250, ...options });

e2e('a create draft survives a failed create, a network error and a reload', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = `cc-rel-draft-${Date.now().toString(36)}`;
  // the browser's own console lines for the refused create and the aborted request
  session.allow(/Failed to load resource/);
  try {
    await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
    await form.settled();
    await form.fill('rich.endpoint.url', 'https://nothing-lost.example.com/v1');
    await form.fill('rich.topic', 'nothing-lost-topic');

    // 1. a failed create: the name is taken
    await form.name.fill('file-source');
    await form.create.click();
    await eventually(async () => (await page.getByTestId('error-message').count()) > 0, { what: 'the create error' });
    assert.equal(await form.input('rich.topic').inputValue(), 'nothing-lost-topic', 'kept after the 409');

    // 2. a network error: the browser aborts the create request
    await form.name.fill(name);
    await page.route('**/connect/alpha/connectors', (route) => (route.request().method() === 'POST' ? route.abort('failed') : route.continue()));
    await form.create.click();
    await eventually(async () => session.failedRequests.some((r) => r.method === 'POST'), { what: 'the aborted create' });
    await page.waitForTimeout(500);
    assert.equal(await form.input('rich.topic').inputValue(), 'nothing-lost-topic', 'kept after the network error');
    assert.equal(await form.name.inputValue(), name);
    await page.unroute('**/connect/alpha/connectors');
    assert.equal((await rest('GET', `/connectors/${name}`)).status, 404, 'nothing was created');

    // 3. a reload: the draft comes back
    await page.reload({ waitUntil: 'load' });
    await form.draftRestored.waitFor({ timeout: 20_000 });
    await form.settled();
    assert.equal(await form.input('rich.topic').inputValue(), 'nothing-lost-topic');
    assert.equal(await form.input('rich.endpoint.url').inputValue(), 'https://nothing-lost.example.com/v1');
    if ((await form.name.inputValue()) !== name) await form.name.fill(name);

    // and it is created from the restored draft
    await form.create.click();
    const config = await workerConfig(name, () => true, 30_000);
    assert.equal(config['rich.topic'], 'nothing-lost-topic');
  } finally {
    await deleteConnector(name);
  }
}, { timeout: 120_000 });

e2e('a validate slower than 30 s shows progress and can be cancelled (the request is aborted)', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  session.allow(/Failed to load resource/);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.reveal('validate.delay.ms');
  await form.input('validate.delay.ms').fill('45000');
  const busy = page.getByTestId('validating');
  await busy.waitFor({ timeout: 10_000 });
  const started = Date.now();
  while (Date.now() - started < 31_000) {
    assert.ok(await busy.isVisible(), `progress still shown after ${Math.round((Date.now() - started) / 1000)} s`);
    await page.waitForTimeout(2000);
  }
  await page.getByTestId('cancel-validate').click();
  await page.getByTestId('validate-cancelled').waitFor({ timeout: 5000 });
  await eventually(async () => (await busy.count()) === 0, { what: 'no spinner left' });
  // Playwright learns of the abort from the browser's network events, which can arrive after the
  // page has already shown that the validate was cancelled: wait for it, do not just look once.
  const abortedValidate = () => session.failedRequests.some((r) => r.method === 'PUT' && /config\/validate$/.test(r.url));
  await eventually(async () => abortedValidate(), { timeout: 10_000, what: 'the aborted validate' }).catch(() => {});
  assert.ok(abortedValidate(), `the validate request was aborted: ${JSON.stringify(session.failedRequests)}`);
  assert.equal(await form.input('validate.delay.ms').inputValue(), '45000', 'what was typed stays');
}, { timeout: 90_000 });

e2e('deleting a connector needs a confirmation before any DELETE is sent', async ({ page, session }) => {
  const app = new AppShell(page);
  const name = `cc-rel-delete-${Date.now().toString(36)}`;
  await rest('POST', '/connectors', {
    name, initial_state: 'STOPPED',
    config: { 'connector.class': FILE_SOURCE, 'tasks.max': '1', topic: 'cc-rel', file: '/nonexistent' },
  });
  try {
    await app.open(`clusters/alpha/connectors/${name}`);
    await page.getByTestId('connector-name').waitFor({ timeout: 30_000 });
    const del = page.locator('main button', { hasText: /^Delete/ }).first();
    await del.click();
    // the page keeps its stop/restart/delete dialogs closed in the DOM: address the delete one
    const dialog = page.getByTestId('confirm-delete');
    const ok = dialog.getByTestId('confirm-ok');
    await ok.waitFor({ timeout: 5000 });
    await page.waitForTimeout(500);
    assert.deepEqual(session.mutating().filter((r) => r.method === 'DELETE'), [], 'nothing sent before confirming');
    await dialog.getByTestId('confirm-cancel').click();
    await page.waitForTimeout(500);
    assert.deepEqual(session.mutating().filter((r) => r.method === 'DELETE'), [], 'cancel sends nothing');
    assert.equal((await rest('GET', `/connectors/${name}`)).status, 200, 'still there');
    await del.click();
    const typing = dialog.getByTestId('confirm-typing');
    if (await typing.count()) await typing.fill(name);
    await ok.click();
    await eventually(async () => (await rest('GET', `/connectors/${name}`)).status === 404, { what: 'deleted after confirming' });
    assert.equal(session.mutating().filter((r) => r.method === 'DELETE').length, 1, 'exactly one DELETE');
  } finally {
    await deleteConnector(name);
  }
}, { timeout: 90_000 });
