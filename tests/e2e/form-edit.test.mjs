// Editing and cloning connectors through the form against the real stack: the diff before
// saving, unknown keys and config provider references kept intact, a PASSWORD never shown or
// sent as [hidden], the warning when the live config changed meanwhile, clone to a new name.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { checkA11y } from './lib/axe.mjs';
import { screenshot } from './lib/screens.mjs';
import { execFileSync } from 'node:child_process';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, bodies, createRich, deleteConnector, rest, richConfig, uniqueName, workerConfig } from './pages/form.mjs';

e2e('edit shows a diff and saving keeps unknown transforms.* keys, ${file:...} references and the password', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('edit');
  try {
    const before = await createRich(name);
    await app.open(`clusters/alpha/connectors/${name}/edit`);
    await form.editPage.waitFor();
    await form.settled();

    // The stored password is never in the page, nor a [hidden] mask.
    const pw = form.input('rich.password');
    assert.equal(await pw.getAttribute('type'), 'password');
    assert.equal(await pw.inputValue(), '');
    assert.match(await pw.getAttribute('placeholder'), /kept/);
    const html = await page.content();
    assert.ok(!html.includes('s3cret-e2e-value'), 'the secret is not in the DOM');
    const inputsHidden = await page.locator('input, textarea').evaluateAll((els) => els.filter((e) => e.value.includes('[hidden]')).length);
    assert.equal(inputsHidden, 0, 'no input holds [hidden]');
    // The reference is kept and not shown in clear.
    assert.ok(!html.includes('/etc/connect/secrets.properties'), 'the reference path is not shown');
    // The transforms.* and producer.override.* keys are kept as form fields. Validate defines
    // transforms.<alias>.* (its Transforms group), so they need not be "additional" properties.
    const form_ = page.getByTestId('connector-form');
    await form_.locator('[data-key="transforms.mask.type"]').first().waitFor();
    await form_.locator('[data-key="producer.override.linger.ms"]').first().waitFor();

    await form.fill('rich.topic', `${name}-renamed`);
    await page.getByTestId('review-changes').click();
    await form.review.waitFor();
    const rows = form.review.getByTestId('review-diff').getByTestId('diff-row');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute('data-key'), 'rich.topic');
    assert.equal(await rows.first().getAttribute('data-kind'), 'changed');
    assert.equal(await page.getByTestId('live-changed').count(), 0, 'nobody else changed it');
    // the window around the review (the whole page is a long form)
    await form.review.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-edit-diff', 'light', { fullPage: false });
    await app.setTheme('dark');
    await form.review.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-edit-diff', 'dark', { fullPage: false });
    await checkA11y(page, 'edit review (dark)');

    await page.getByTestId('confirm-save').click();
    await eventually(() => new URL(page.url()).pathname === `/console/clusters/alpha/connectors/${name}`,
      { timeout: 15_000, what: 'navigation to the connector' });
    const after = await workerConfig(name, (c) => c['rich.topic'] !== before['rich.topic']);
    assert.equal(after['rich.topic'], `${name}-renamed`);
    for (const k of ['transforms', 'transforms.mask.type', 'transforms.mask.fields', 'producer.override.linger.ms',
      'rich.notes', 'rich.password', 'rich.username', 'rich.interval.ms']) {
      assert.equal(after[k], before[k], `${k} kept verbatim`);
    }
    // Nothing the page sent carried a mask; the PUT carried the real secret, untouched.
    for (const b of bodies(session)) assert.ok(!b.body.includes('[hidden]'), `${b.method} ${b.url} sent [hidden]`);
    const puts = bodies(session, new RegExp(`/connectors/${name}/config$`));
    assert.equal(puts.length, 1, 'one PUT of the config');
    assert.equal(JSON.parse(puts[0].body)['rich.password'], 's3cret-e2e-value');
  } finally {
    await deleteConnector(name);
  }
});

e2e('if the live config changed since the form was opened, the review warns and shows it', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('live');
  try {
    await createRich(name);
    await app.open(`clusters/alpha/connectors/${name}/edit`);
    await form.settled();
    await form.fill('rich.topic', 'mine');
    // Someone else changes the connector meanwhile.
    const theirs = richConfig(name, { 'rich.interval.ms': '7777' });
    assert.equal((await rest('PUT', `/connectors/${name}/config`, theirs)).status, 200);
    await page.getByTestId('review-changes').click();
    const warning = page.getByTestId('live-changed');
    await warning.waitFor();
    const row = warning.locator('[data-testid="diff-row"][data-key="rich.interval.ms"]');
    assert.match(await row.textContent(), /7777/);
    await page.getByTestId('take-server-changes').click();
    await eventually(async () => (await page.getByTestId('live-changed').count()) === 0, { what: 'rebased' });
    await page.getByTestId('confirm-save').click();
    await eventually(() => /\/connectors\/[^/]+$/.test(new URL(page.url()).pathname), { timeout: 15_000, what: 'saved' });
    const after = await workerConfig(name, (c) => c['rich.topic'] !== `${name}-events`);
    assert.equal(after['rich.topic'], 'mine');
    assert.equal(after['rich.interval.ms'], '7777', 'their change was kept');
  } finally {
    await deleteConnector(name);
  }
});

e2e('copy as curl keeps ${file:...} references and passes the password as a variable; the command applies', async ({ page }) => {
  const app = new AppShell(page);
  const name = uniqueName('curl');
  const userRef = '${file:/etc/connect/secrets.properties:user}';
  try {
    await createRich(name, { 'rich.username': userRef });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
    await app.open(`clusters/alpha/connectors/${name}`, { query: '?tab=config' });
    await page.getByTestId('copy-config-curl').click();
    let curl = '';
    await eventually(async () => { curl = await page.evaluate(() => navigator.clipboard.readText()); return curl.startsWith('curl '); },
      { timeout: 10_000, what: 'the command on the clipboard' });
    assert.ok(curl.includes(userRef), `the username reference is kept:\n${curl}`);
    assert.ok(curl.includes('${file:/etc/connect/secrets.properties:notes}'), 'the notes reference is kept');
    assert.ok(curl.includes('"$RICH_PASSWORD"'), 'the password is a variable');
    assert.ok(!curl.includes('s3cret-e2e-value') && !curl.includes('[hidden]'), curl);
    // The command itself, run against the console's origin (the proxy), changes only what
    // the variables say: the references stay on the worker.
    execFileSync('bash', ['-c', curl], { env: { ...process.env, CONNECT_ORIGIN: env.origin, RICH_PASSWORD: 'rotated-e2e-value' }, stdio: 'pipe' });
    const cfg = await workerConfig(name);
    assert.equal(cfg['rich.username'], userRef);
    assert.equal(cfg['rich.notes'], '${file:/etc/connect/secrets.properties:notes}');
    assert.equal(cfg['rich.password'], 'rotated-e2e-value');
  } finally {
    await deleteConnector(name);
  }
});

e2e('clone notes follow the name being typed (a sink clone uses the consumer group connect-<new name>)', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: '?cluster=alpha&from_cluster=alpha&from=file-sink' });
  await page.getByTestId('clone-source').waitFor();
  await form.settled();
  const note = page.locator('[data-testid=clone-note][data-key=name]');
  await eventually(async () => (await note.textContent()).includes('"connect-file-sink-copy"'), { timeout: 10_000, what: 'the note names the default group' });
  await form.name.fill('orders-sink-v2');
  await eventually(async () => (await note.textContent()).includes('"connect-orders-sink-v2"'), { timeout: 10_000, what: 'the note follows the new name' });
  assert.ok(!(await note.textContent()).includes('connect-file-sink-copy'), 'the old group is gone from the note');
});

e2e('clone a connector to a new name: secrets copied, never shown, notes shown', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const source = uniqueName('csrc');
  const copy = `${source}-copy`;
  try {
    await createRich(source);
    await app.open('new', { query: `?cluster=alpha&from_cluster=alpha&from=${source}` });
    await page.getByTestId('clone-source').waitFor();
    await form.settled();
    assert.equal(await form.name.inputValue(), copy);
    assert.equal(await form.input('rich.password').inputValue(), '');
    assert.ok(!(await page.content()).includes('s3cret-e2e-value'));
    await form.create.click();
    await eventually(() => new URL(page.url()).pathname.endsWith(`/connectors/${copy}`), { timeout: 15_000, what: 'created' });
    const cfg = await workerConfig(copy);
    assert.equal(cfg['rich.password'], 's3cret-e2e-value', 'the secret was copied verbatim');
    assert.equal(cfg['transforms.mask.type'], 'org.apache.kafka.connect.transforms.MaskField$Value');
    for (const b of bodies(session)) assert.ok(!b.body.includes('[hidden]'));
  } finally {
    await deleteConnector(copy);
    await deleteConnector(source);
  }
});
