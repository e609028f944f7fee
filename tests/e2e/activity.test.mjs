// The activity log against the real Kafka Connect stack: a pause from the detail page and a
// refused create (the name is taken) are listed on /activity, newest first, with the cluster's
// answer; "failed only" and the search filter them; a second tab's change shows up in an open
// log; the log survives a reload; the export is the entries as JSON without any config value;
// clearing empties it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { e2e, eventually, scratch } from './lib/harness.mjs';
import { screenshot } from './lib/screens.mjs';
import { AppShell } from './pages/app.mjs';
import { FormPage, deleteConnector, rest } from './pages/form.mjs';

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const SAMPLE = '/root/.cache/connect-console/stack-data/sample.txt';

async function state(name) {
  const r = await rest('GET', `/connectors/${encodeURIComponent(name)}/status`);
  return r.status === 200 ? r.json.connector.state : null;
}

e2e('the activity log lists what the console sent, with the cluster\'s answer, and keeps no config value', async ({ page, context, session }) => {
  const app = new AppShell(page);
  const form = new FormPage(page);
  const name = `cc-activity-${Date.now().toString(36)}`;
  const topic = `cc-activity-topic-${Date.now().toString(36)}`;
  session.allow(/status of 409/); // the refused create
  await rest('POST', '/connectors', {
    name, config: { 'connector.class': FILE_SOURCE, 'tasks.max': '1', topic, file: SAMPLE },
  });
  try {
    await eventually(async () => (await state(name)) === 'RUNNING', { timeout: 30_000, interval: 250, what: `${name} RUNNING` });

    // an empty log says so
    await app.open('activity');
    await page.getByTestId('activity-empty').waitFor();

    // 1. a pause from the detail page
    await app.open(`clusters/alpha/connectors/${encodeURIComponent(name)}`);
    await page.getByTestId('detail-tabs').waitFor({ timeout: 20_000 });
    await page.getByTestId('action-pause').click();
    await eventually(async () => (await state(name)) === 'PAUSED', { timeout: 20_000, interval: 250, what: 'PAUSED' });

    // 2. a create the cluster refuses: file-source exists
    await app.open('new', { query: `?cluster=alpha&plugin=${encodeURIComponent(FILE_SOURCE)}` });
    await form.settled();
    await form.fill('topic', topic);
    await form.fill('file', SAMPLE);
    await form.name.fill('file-source');
    await form.create.click();
    await form.saveError.waitFor({ timeout: 20_000 });

    // 3. the log, reached from the navigation
    await app.nav.getByTestId('nav-activity').click();
    const rows = page.getByTestId('activity-row');
    await eventually(async () => (await rows.count()) === 2, { timeout: 10_000, what: 'two entries' });
    const first = rows.nth(0);
    assert.equal(await first.getAttribute('data-result'), 'failed', 'newest first: the refused create');
    assert.equal(await first.getByTestId('activity-action').textContent(), 'Create');
    assert.equal(await first.getByTestId('activity-connector').textContent(), 'file-source');
    assert.match(await first.getByTestId('activity-result').textContent(), /file-source.*already exists/i, 'the server\'s reason, naming the connector');
    const second = rows.nth(1);
    assert.equal(await second.getAttribute('data-result'), 'done');
    assert.equal(await second.getByTestId('activity-action').textContent(), 'Pause');
    assert.equal(await second.getByTestId('activity-connector').textContent(), name);
    assert.match(await second.getByTestId('cluster-label').textContent(), /alpha/i);
    await screenshot(page, 'activity', 'light');
    await app.setTheme('dark');
    await screenshot(page, 'activity', 'dark');
    await app.setTheme('light');

    // filters
    await page.getByTestId('activity-failed-only').check();
    await eventually(async () => (await rows.count()) === 1, { what: 'failed only' });
    assert.equal(await rows.nth(0).getByTestId('activity-connector').textContent(), 'file-source');
    await page.getByTestId('activity-failed-only').uncheck();
    await page.getByTestId('activity-search').fill(`${name} pause`);
    await eventually(async () => (await rows.count()) === 1, { what: 'searched' });
    assert.equal(await rows.nth(0).getByTestId('activity-connector').textContent(), name);

    // the entry links to the connector
    await rows.nth(0).getByTestId('activity-connector').click();
    await page.getByTestId('detail-tabs').waitFor({ timeout: 20_000 });
    assert.match(decodeURIComponent(new URL(page.url()).pathname), new RegExp(`/clusters/alpha/connectors/${name}$`));
    // where the connector's page lists its own recent changes, and links back to them
    const recent = page.getByTestId('recent-activity-entry');
    await eventually(async () => (await recent.count()) === 1, { what: 'the connector\'s recent changes' });
    assert.equal(await recent.nth(0).getAttribute('data-result'), 'done');
    assert.match(await recent.nth(0).textContent(), /Pause/);
    await page.getByTestId('recent-activity-all').click();
    await page.getByTestId('activity-page').waitFor();
    await eventually(async () => (await page.getByTestId('activity-search').inputValue()) === name, { what: 'the search is the connector' });
    await eventually(async () => (await rows.count()) === 1, { what: 'this connector\'s entries' });

    // a second tab's change is listed here without a reload (the browser's storage event)
    const other = await context.newPage();
    await new AppShell(other).open(`clusters/alpha/connectors/${encodeURIComponent(name)}`);
    await other.getByTestId('detail-tabs').waitFor({ timeout: 20_000 });
    await other.getByTestId('action-resume').click();
    await eventually(async () => (await state(name)) === 'RUNNING', { timeout: 20_000, interval: 250, what: 'RUNNING again' });
    await eventually(async () => (await rows.count()) === 2, { timeout: 10_000, what: 'the other tab\'s resume, listed in this one' });
    assert.equal(await rows.nth(0).getByTestId('activity-action').textContent(), 'Resume', 'newest first');
    await other.close();

    // kept across a reload
    await app.open('activity');
    await eventually(async () => (await rows.count()) === 3, { what: 'entries after a reload' });

    // the export: the entries, and none of the config values sent or listed
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('activity-export').click()]);
    const file = path.join(scratch('activity'), 'activity.json');
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    const exported = JSON.parse(text);
    assert.deepEqual(exported.map((e) => [e.cluster, e.subject.name, e.action, e.outcome.result]),
      [['alpha', name, 'Pause', 'done'], ['alpha', 'file-source', 'Create', 'failed'], ['alpha', name, 'Resume', 'done']], 'oldest first');
    assert.ok(!text.includes(SAMPLE) && !text.includes(topic), `no config value in the export: ${text}`);
    const stored = await page.evaluate(() => localStorage.getItem('connect-console.activity.v1'));
    assert.equal(JSON.parse(stored).length, 3);
    assert.ok(!stored.includes(topic) && !stored.includes(SAMPLE), 'nor in the log the browser keeps');

    // clearing asks first, then empties the log for good
    await page.getByTestId('activity-clear').click();
    const dialog = page.getByTestId('activity-clear-confirm');
    await dialog.getByTestId('confirm-ok').click();
    await page.getByTestId('activity-empty').waitFor();
    await app.open('activity');
    await page.getByTestId('activity-empty').waitFor();
  } finally {
    await deleteConnector(name);
  }
}, { timeout: 150_000 });
