// What the form must never lose or overwrite, against the real stack (found by an exploratory
// QA pass): a save re-reads the live config right before its PUT (a change made during the
// review is shown, not overwritten; a connector deleted meanwhile is not silently created
// again); the raw editor's imported text and a text that does not parse survive; a name typed
// with spaces creates the trimmed connector; the plugin picker picks on Enter, not on an arrow
// key; a clone's draft has its own slot and comes back after a reload; "Start as" is kept.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, RICH, bodies, createRich, deleteConnector, rest, richConfig, uniqueName, workerConfig } from './pages/form.mjs';

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

/** Both alpha workers (the console's proxy reaches either) answer `ready(config)` / `status`. */
async function bothWorkers(name, check) {
  await eventually(async () => {
    for (const base of [env.alphaUrl, env.alphaUrl2]) {
      const r = await fetch(new URL(`/connectors/${name}/config`, base));
      const json = r.status === 200 ? await r.json() : undefined;
      if (!check(r.status, json)) return false;
    }
    return true;
  }, { timeout: 15_000, interval: 200, what: `both alpha workers to agree on ${name}` });
}

/** Creates `name` on alpha (a 404 of its config allowed: these tests delete it), opens its
 *  edit page and changes its topic to "mine". */
async function editWithChange(page, session, form, name) {
  await createRich(name);
  session.allow(new RegExp(`404.*/connectors/${name}/config`));
  await new AppShell(page).open(`clusters/alpha/connectors/${name}/edit`);
  await form.settled();
  await form.fill('rich.topic', 'mine');
}

const configPuts = (session, name) => bodies(session, new RegExp(`/connectors/${name}/config$`)).filter((b) => b.method === 'PUT');

e2e('a change made on the server during the review is shown, and nothing is sent until Save is pressed again', async ({ page, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('during');
  try {
    await createRich(name);
    await app.open(`clusters/alpha/connectors/${name}/edit`);
    await form.settled();
    await form.fill('rich.topic', 'mine');
    await page.getByTestId('review-changes').click();
    await form.review.waitFor();
    assert.equal(await page.getByTestId('live-changed').count(), 0, 'nothing changed yet when the review opened');
    // Someone else changes the connector while the review is being read.
    assert.equal((await rest('PUT', `/connectors/${name}/config`, richConfig(name, { 'rich.interval.ms': '8888' }))).status, 200);
    await bothWorkers(name, (status, c) => status === 200 && c['rich.interval.ms'] === '8888');
    await page.getByTestId('confirm-save').click();
    await form.saveError.waitFor();
    assert.match(await form.saveError.textContent(), /Nothing was sent.*changed on the cluster while you were reviewing/);
    const row = page.getByTestId('live-changed').locator('[data-testid="diff-row"][data-key="rich.interval.ms"]');
    await row.waitFor();
    assert.match(await row.textContent(), /8888/);
    assert.equal(configPuts(session, name).length, 0, 'no PUT was sent');
    assert.equal((await workerConfig(name))['rich.topic'], `${name}-events`);
    // Saving again overwrites knowingly.
    assert.equal(await page.getByTestId('confirm-save').textContent(), 'Overwrite and save');
    await page.getByTestId('confirm-save').click();
    await eventually(() => /\/connectors\/[^/]+$/.test(new URL(page.url()).pathname), { timeout: 15_000, what: 'saved' });
    const after = await workerConfig(name, (c) => c['rich.topic'] === 'mine');
    assert.equal(after['rich.interval.ms'], '5000', 'the review said it would be overwritten');
    assert.equal(configPuts(session, name).length, 1);
  } finally {
    await deleteConnector(name);
  }
});

e2e('saving a connector deleted during the review sends nothing; one created again meanwhile is shown, not overwritten', async ({ page, session }) => {
  const form = new FormPage(page);
  const name = uniqueName('gone');
  try {
    await editWithChange(page, session, form, name);
    await page.getByTestId('review-changes').click();
    await form.review.waitFor();
    assert.equal((await rest('DELETE', `/connectors/${name}`)).status, 204);
    await bothWorkers(name, (status) => status === 404);
    await page.getByTestId('confirm-save').click();
    await form.saveError.waitFor();
    assert.match(await form.saveError.textContent(), /Nothing was sent.*was deleted from the cluster/);
    assert.equal(configPuts(session, name).length, 0, 'no PUT (it would have created the connector again)');
    await page.waitForTimeout(1000);
    assert.equal((await rest('GET', `/connectors/${name}/config`)).status, 404, 'still gone');

    // Someone creates it again before "Create it again" is pressed: that is shown, not overwritten.
    await createRich(name, { 'rich.interval.ms': '4321' });
    await bothWorkers(name, (status, c) => status === 200 && c['rich.interval.ms'] === '4321');
    await page.getByTestId('recreate').click();
    await eventually(async () => /exists on the cluster again/.test(await form.saveError.textContent().catch(() => '')), { what: 'the connector is back' });
    assert.equal(configPuts(session, name).length, 0, 'still no PUT');
    assert.equal(await page.getByTestId('recreate').count(), 0, 'no recreate offer for a connector that exists');
    assert.equal((await workerConfig(name))['rich.interval.ms'], '4321');
  } finally {
    await deleteConnector(name);
  }
});

e2e('a connector deleted before the review: the review says so, and "Create it again" creates it with the changes', async ({ page, session }) => {
  const form = new FormPage(page);
  const name = uniqueName('gone2');
  try {
    await editWithChange(page, session, form, name);
    assert.equal((await rest('DELETE', `/connectors/${name}`)).status, 204);
    await bothWorkers(name, (status) => status === 404);
    await page.getByTestId('review-changes').click();
    await form.review.waitFor();
    assert.match(await form.saveError.textContent(), /was deleted from the cluster/);
    await page.getByTestId('recreate').click();
    await eventually(() => /\/connectors\/[^/]+$/.test(new URL(page.url()).pathname), { timeout: 15_000, what: 'created again' });
    const back = await workerConfig(name);
    assert.equal(back['rich.topic'], 'mine');
  } finally {
    await deleteConnector(name);
  }
});

e2e('raw editor: an imported file replaces the text, and a text that does not parse survives switching tabs', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await form.name.fill('typed-name');
  await page.getByTestId('tab-raw').click();
  await page.getByTestId('raw-tab-properties').click();
  const text = page.getByTestId('raw-text');
  await page.getByTestId('raw-import').setInputFiles({
    name: 'imported.properties',
    mimeType: 'text/plain',
    buffer: Buffer.from(`connector.class=${RICH}\nname=imported-name\nrich.topic=imported-topic\ntransforms=t\ntransforms.t.type=org.apache.kafka.connect.transforms.InsertField$Value\n`),
  });
  await eventually(async () => (await text.inputValue()).includes('name=imported-name'), { what: 'the textarea shows the import' });
  assert.doesNotMatch(await text.inputValue(), /typed-name/);
  // Typing in the textarea now edits the imported config, not the text from before.
  await text.focus();
  await page.keyboard.press('End');
  await text.press('Control+End');
  await page.keyboard.type('\nrich.batch.size=50');
  await page.getByTestId('tab-form').click();
  await form.settled();
  assert.equal(await form.name.inputValue(), 'imported-name');
  assert.equal(await form.input('rich.topic').inputValue(), 'imported-topic');

  // A JSON text with a missing comma: not applied, and kept across tabs.
  await page.getByTestId('tab-raw').click();
  await page.getByTestId('raw-tab-json').click();
  const broken = `{\n  "connector.class": "${RICH}",\n  "name": "imported-name"\n  "rich.description": "my long hand-typed text"\n}`;
  await text.fill(broken);
  await page.getByTestId('raw-error').waitFor();
  await page.getByTestId('tab-form').click();
  await page.getByTestId('raw-unapplied').waitFor();
  assert.match(await page.getByTestId('raw-unapplied').textContent(), /JSON text does not parse/);
  await page.getByTestId('tab-raw').click();
  assert.equal(await text.inputValue(), broken, 'the typed text is back');
  await page.getByTestId('raw-error').waitFor();
  // The other format shows the form's config, and says where the text is.
  await page.getByTestId('raw-tab-properties').click();
  assert.match(await text.inputValue(), /name=imported-name/);
  await page.getByTestId('raw-unapplied-elsewhere').waitFor();
  await page.getByTestId('raw-tab-json').click();
  assert.equal(await text.inputValue(), broken);
  await page.getByTestId('raw-unapplied-discard').click();
  assert.match(await text.inputValue(), /"rich.batch.size": "50"/);
  assert.equal(await page.getByTestId('raw-error').isVisible(), false);
  await page.getByTestId('tab-form').click();
  assert.equal(await page.getByTestId('raw-unapplied').count(), 0, 'nothing kept after discarding');
});

e2e('raw editor: a typed .properties text keeps its comments and layout when the textarea loses focus', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(RICH)}` });
  await form.settled();
  await page.getByTestId('tab-raw').click();
  await page.getByTestId('raw-tab-properties').click();
  const text = page.getByTestId('raw-text');
  const typed = `# where the events go\nconnector.class=${RICH}\nname = commented\n\n# the topic\nrich.topic=kept-topic\n`;
  await text.fill(typed);
  await text.blur();
  await page.waitForTimeout(300);
  assert.equal(await text.inputValue(), typed, 'the text as typed, comments included');
  assert.equal(await page.getByTestId('raw-error').isVisible(), false);
  // It was applied: the form holds what it says.
  await page.getByTestId('tab-form').click();
  await form.settled();
  assert.equal(await form.name.inputValue(), 'commented');
  assert.equal(await form.input('rich.topic').inputValue(), 'kept-topic');
});

e2e('a name typed with spaces around it creates the trimmed connector', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('trim');
  try {
    await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(FILE_SOURCE)}` });
    await form.settled();
    // A name the cluster already lists is said while typing (the list is read by the app).
    await form.name.fill('file-source');
    await eventually(async () => /already exists on this cluster/.test(await page.getByTestId('name-warnings').innerText().catch(() => '')), { timeout: 15_000, what: 'the existing-name warning' });
    await form.name.fill(`  ${name}  `);
    await form.fill('topic', `${name}-lines`);
    await form.create.click();
    await eventually(() => new URL(page.url()).pathname.endsWith(`/connectors/${name}`), { timeout: 20_000, what: 'the new connector page' });
    const cfg = await workerConfig(name);
    assert.equal(cfg.name, name);
  } finally {
    await deleteConnector(name);
  }
});

e2e('the plugin picker: an arrow key does not pick, Enter does; Start as is kept in the draft', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  await app.open('new', { query: '?cluster=alpha' });
  await page.getByTestId('plugin-picker').waitFor();
  await page.getByTestId('plugin-search').fill('RichSource');
  const option = page.locator(`[data-testid="plugin-option"][data-class="${RICH}"]`);
  await option.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).searchParams.get('plugin'), null, 'nothing picked by an arrow key');
  await option.focus();
  await page.keyboard.press('Enter');
  await eventually(() => new URL(page.url()).searchParams.get('plugin') === RICH, { what: 'picked with Enter' });
  await form.settled();
  await form.name.fill(uniqueName('start'));
  await form.fill('rich.topic', 'kept-topic');
  await page.getByTestId('initial-state').selectOption('STOPPED');
  await page.waitForTimeout(300);
  await page.reload({ waitUntil: 'load' });
  await app.ready();
  await form.draftRestored.waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('initial-state').inputValue(), 'STOPPED');
  await page.getByTestId('discard-draft').click();
  await eventually(async () => (await page.getByTestId('initial-state').inputValue()) === 'RUNNING', { what: 'Start as back to Running after discarding' });
});

e2e('a clone draft has its own slot and comes back after a reload', async ({ page }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = uniqueName('clsrc');
  try {
    await createRich(name);
    await app.open('new', { query: `?cluster=alpha&from_cluster=alpha&from=${encodeURIComponent(name)}` });
    await form.settled();
    await form.fill('rich.topic', 'clone-edit');
    await page.waitForTimeout(300);
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => /^connect-console\.(clone-)?draft\./.test(k)));
    assert.ok(keys.includes(`connect-console.clone-draft.${JSON.stringify(['alpha', name])}`), keys.join(', '));
    assert.ok(!keys.some((k) => k.includes('.create.')), `no create slot was written: ${keys.join(', ')}`);
    await page.reload({ waitUntil: 'load' });
    await app.ready();
    await form.draftRestored.waitFor({ timeout: 15_000 });
    await form.settled();
    assert.equal(await form.input('rich.topic').inputValue(), 'clone-edit');
    assert.equal(await form.name.inputValue(), `${name}-copy`);
    await page.getByTestId('discard-draft').click();
    await eventually(async () => (await form.input('rich.topic').inputValue()) === `${name}-events`, { what: 'a fresh clone after discarding' });
  } finally {
    await deleteConnector(name);
  }
});
