// Creating connectors through the generated form against the real stack: pick a plugin,
// fill the form, live re-validation with inline server errors, recommenders, create and see
// RUNNING, a failed create keeping what was typed, drafts surviving a reload.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { checkA11y } from './lib/axe.mjs';
import { screenshot } from './lib/screens.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, bodies, deleteConnector, rest, uniqueName, workerConfig } from './pages/form.mjs';

const RICH = 'io.connectconsole.test.RichSourceConnector';
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

e2e('create a FileStreamSource through the form and see it RUNNING', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('src');
  try {
    await app.open('new', { query: '?cluster=alpha' });
    await page.getByTestId('plugin-picker').waitFor();
    await page.getByTestId('plugin-search').fill('FileStreamSource');
    const option = page.locator(`[data-testid="plugin-option"][data-class="${FILE_SOURCE}"]`);
    await option.waitFor();
    assert.match(await option.textContent(), /source/);
    await screenshot(page, 'form-create-plugin', 'light');
    await app.setTheme('dark');
    await screenshot(page, 'form-create-plugin', 'dark');
    await checkA11y(page, 'plugin picker (dark)');
    await app.setTheme('light');
    await option.click();
    await eventually(() => new URL(page.url()).searchParams.get('plugin') === FILE_SOURCE, { what: 'plugin in the URL' });
    await form.settled();

    // The required topic is reported by the server before anything is typed.
    await form.name.fill(name);
    await form.fill('topic', `${name}-lines`);
    // The new connector's page must never say it is not found (Apache lists a connector only
    // once it has a status, a moment after the create).
    await page.evaluate(() => {
      window.__sawMissing = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="detail-missing"]')) window.__sawMissing = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await form.create.click();
    await eventually(() => new URL(page.url()).pathname === `/console/clusters/alpha/connectors/${name}`,
      { timeout: 15_000, what: 'navigation to the new connector' });
    await page.getByTestId('connector-state').waitFor({ timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.__sawMissing), false, 'never shown as not found');
    const status = await eventually(async () => {
      const r = await rest('GET', `/connectors/${name}/status`);
      return r.status === 200 && r.json.connector.state === 'RUNNING' && r.json;
    }, { timeout: 30_000, what: `${name} RUNNING` });
    assert.equal(status.connector.state, 'RUNNING');
    // (a worker answers 409 while the group rebalances, 404 until it has read the config)
    const config = await workerConfig(name);
    assert.equal(config['connector.class'], FILE_SOURCE);
    assert.equal(config.topic, `${name}-lines`);
    // Defaults were not sent: only what was typed (plus class and name).
    assert.deepEqual(Object.keys(config).sort(), ['connector.class', 'name', 'topic']);
    const creates = bodies(session, /\/connect\/alpha\/connectors$/);
    assert.equal(creates.length, 1, 'one POST /connectors');
    assert.equal(JSON.parse(creates[0].body).name, name);
  } finally {
    await deleteConnector(name);
  }
});

e2e('an invalid value shows the server\'s error inline and in the summary', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.name.fill(uniqueName('invalid'));
  await form.fill('rich.batch.size', '0');
  const inline = form.errorsOf('rich.batch.size');
  await eventually(async () => /at least 1/.test(await inline.textContent()), { timeout: 10_000, what: 'inline range error' });
  assert.equal(await form.input('rich.batch.size').getAttribute('aria-invalid'), 'true');
  // The summary counts the errors and links to the field.
  await form.summary.waitFor();
  assert.match(await page.getByTestId('error-count').textContent(), /\d+ problems? to fix/);
  const link = form.summary.locator('[data-testid="error-link"][data-key="rich.batch.size"]');
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), await form.input('rich.batch.size').getAttribute('id'));
  // A local type check needs no round trip.
  await form.reveal('rich.batch.size');
  await form.input('rich.batch.size').fill('12x');
  await eventually(async () => /whole number/.test(await inline.textContent()), { what: 'local check' });
  await screenshot(page, 'form-create-errors', 'light');
  await app.setTheme('dark');
  await screenshot(page, 'form-create-errors', 'dark');
  await checkA11y(page, 'create form with errors (dark)');
});

e2e('a recommender-driven field changes when its parent changes (rich.mode → rich.format)', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.reveal('rich.format');
  const options = async () => form.input('rich.format').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(await options(), ['json', 'avro', 'string']);
  assert.equal(await form.input('rich.incrementing.column').count(), 0, 'hidden while mode is standard');
  await form.input('rich.mode').selectOption('bulk');
  await eventually(async () => JSON.stringify(await options()) === JSON.stringify(['csv', 'json']), { timeout: 10_000, what: 'bulk formats' });
  await form.input('rich.mode').selectOption('incremental');
  await eventually(async () => JSON.stringify(await options()) === JSON.stringify(['json']), { timeout: 10_000, what: 'incremental formats' });
  await form.reveal('rich.incrementing.column');
});

e2e('a failed create keeps everything typed and shows the server\'s error', async ({ page, session }) => {
  session.allow(/409|Conflict|already exists/i);
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.name.fill('file-source'); // exists on alpha
  await form.fill('rich.endpoint.url', 'https://example.org/api');
  await form.fill('rich.topic', 'typed-topic');
  await form.input('rich.password').fill('typed-secret');
  await page.waitForTimeout(400);
  await form.settled();
  await form.create.click();
  await form.saveError.waitFor({ timeout: 15_000 });
  assert.match(await form.saveError.textContent(), /exist/i);
  assert.equal(await form.name.inputValue(), 'file-source');
  assert.equal(await form.input('rich.topic').inputValue(), 'typed-topic');
  assert.equal(await form.input('rich.endpoint.url').inputValue(), 'https://example.org/api');
  assert.equal(await form.input('rich.password').inputValue(), 'typed-secret');
  assert.match(new URL(page.url()).pathname, /\/console\/new$/);
  const seeded = (await rest('GET', '/connectors/file-source/config')).json;
  assert.equal(seeded['connector.class'], FILE_SOURCE, 'the existing connector is untouched');
});

e2e('a draft survives a reload, without its secrets', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('draft');
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.name.fill(name);
  await form.fill('rich.topic', 'draft-topic');
  await form.input('rich.password').fill('draft-secret');
  await page.waitForTimeout(500);
  const stored = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('connect-console.draft.')).map((k) => localStorage.getItem(k)).join('\n'));
  assert.match(stored, /draft-topic/);
  assert.doesNotMatch(stored, /draft-secret/, 'secrets are never persisted');
  await page.reload({ waitUntil: 'load' });
  await app.ready();
  await form.draftRestored.waitFor({ timeout: 15_000 });
  await form.settled();
  assert.equal(await form.name.inputValue(), name);
  assert.equal(await form.input('rich.topic').inputValue(), 'draft-topic');
  assert.equal(await form.input('rich.password').inputValue(), '');
  assert.match(await page.getByTestId('draft-reenter').textContent(), /rich\.password/);
  await page.getByTestId('discard-draft').click();
  await eventually(async () => (await form.input('rich.topic').inputValue()) === '', { what: 'draft discarded' });
});

e2e('a slow validate shows progress and can be cancelled', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  // validate.delay.ms makes the rich plugin's validate sleep.
  await form.reveal('validate.delay.ms');
  await form.input('validate.delay.ms').fill('20000');
  const cancel = page.getByTestId('cancel-validate');
  await cancel.waitFor({ timeout: 10_000 });
  await cancel.click();
  await page.getByTestId('validate-cancelled').waitFor();
  assert.equal(await page.getByTestId('validating').count(), 0);
  // Playwright reports the aborted request asynchronously, after the page has re-rendered.
  await eventually(() => session.failedRequests.some((r) => /config\/validate/.test(r.url)),
    { timeout: 5000, what: 'the validate fetch to be aborted' });
});
