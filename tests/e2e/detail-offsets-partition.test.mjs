// Per-partition offsets (issue 6) against the real stack: through the detail page's offsets
// editor, alter ONE partition of a STOPPED sink connector and of a STOPPED source connector,
// then read the offsets back through the REST API: the edited partition has the new offset,
// the others are untouched, and exactly one PATCH was sent. And a STOPPED source with no
// offsets at all is given its starting offset through "Set offsets as JSON" (checked before
// sending: invalid JSON is refused with its line and column).
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { restJson, restJsonSettled } from './lib/rest.mjs';
import { AppShell } from './pages/app.mjs';

const RUN = `e2e-offp-${Date.now().toString(36)}`;
const created = new Set();

const rest = restJson;

async function createStopped(name, config) {
  await rest('POST', '/connectors', { name, initial_state: 'STOPPED', config });
  created.add(name);
  await eventually(async () => {
    try { return (await rest('GET', `/connectors/${name}/status`)).connector.state === 'STOPPED'; } catch { return false; }
  }, { timeout: 20_000, what: `${name} STOPPED` });
}

after(async () => {
  for (const name of created) {
    await fetch(`${env.alphaUrl}/connectors/${encodeURIComponent(name)}`, { method: 'DELETE' }).catch(() => {});
  }
});

async function editOnePartition(page, session, name, rowText, value) {
  const app = new AppShell(page);
  await app.open(`clusters/alpha/connectors/${encodeURIComponent(name)}?tab=offsets`);
  const row = page.getByTestId('offset-row').filter({ hasText: rowText });
  await row.waitFor({ timeout: 30_000 });
  await row.getByTestId('offset-edit').click();
  await row.getByTestId('offset-input').fill(String(value));
  await page.getByTestId('offsets-apply').click();
  const dialog = page.getByTestId('confirm-offsets');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`→ ${value}`), 'the confirmation names the new offset');
  const typing = dialog.getByTestId('confirm-typing');
  if (await typing.count()) await typing.fill(name);
  await dialog.getByTestId('confirm-ok').click();
  const flow = page.getByTestId('offsets-flow');
  await eventually(async () => /successfully altered|altered successfully/i.test(await flow.textContent()), { timeout: 30_000, interval: 250, what: 'the server message' });
  // A 409 during a rebalance is retried by the client (nothing was applied): counted out.
  const applied = (await session.applied()).map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`);
  assert.deepEqual(applied, ['PATCH offsets'], 'a STOPPED connector is altered directly, one PATCH');
}

e2e('alter one partition of a STOPPED sink through the offsets editor, read back via the API', async ({ page, session }) => {
  const name = `${RUN}-sink`;
  await createStopped(name, {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    topics: 'cc-file-lines', file: `/tmp/${name}.txt`, 'tasks.max': '1',
  });
  await restJsonSettled('PATCH', `/connectors/${name}/offsets`, { offsets: [
    { partition: { kafka_topic: 'cc-file-lines', kafka_partition: 0 }, offset: { kafka_offset: 1 } },
  ] });
  await editOnePartition(page, session, name, 'cc-file-lines', 3);
  const back = await rest('GET', `/connectors/${name}/offsets`);
  assert.deepEqual(back.offsets, [
    { partition: { kafka_partition: 0, kafka_topic: 'cc-file-lines' }, offset: { kafka_offset: 3 } },
  ]);
}, { timeout: 120_000 });

e2e('alter one partition of a STOPPED source (two partitions), the other stays, read back via the API', async ({ page, session }) => {
  const name = `${RUN}-source`;
  await createStopped(name, {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
    file: '/tmp/cc-offp-a.txt', topic: 'cc-offp', 'tasks.max': '1',
  });
  await restJsonSettled('PATCH', `/connectors/${name}/offsets`, { offsets: [
    { partition: { filename: '/tmp/cc-offp-a.txt' }, offset: { position: 10 } },
    { partition: { filename: '/tmp/cc-offp-b.txt' }, offset: { position: 20 } },
  ] });
  await editOnePartition(page, session, name, 'cc-offp-b.txt', 77);
  const back = await rest('GET', `/connectors/${name}/offsets`);
  const byFile = Object.fromEntries(back.offsets.map((o) => [o.partition.filename, o.offset.position]));
  assert.deepEqual(byFile, { '/tmp/cc-offp-a.txt': 10, '/tmp/cc-offp-b.txt': 77 });
}, { timeout: 120_000 });

e2e('starting offsets for a STOPPED source that has none, typed as JSON, then read back via the API', async ({ page, session }) => {
  const name = `${RUN}-json`;
  await createStopped(name, {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
    file: '/tmp/cc-offp-json.txt', topic: 'cc-offp', 'tasks.max': '1',
  });
  const app = new AppShell(page);
  await app.open(`clusters/alpha/connectors/${encodeURIComponent(name)}?tab=offsets`);
  await page.getByTestId('offsets-empty').waitFor({ timeout: 30_000 });
  const editor = page.getByTestId('offsets-json');
  await editor.locator('summary').click();
  const text = page.getByTestId('offsets-json-text');
  await eventually(async () => /"filename"/.test(await text.inputValue()), { what: 'an example in the source shape' });

  // Checked before anything is sent.
  await text.fill('{"offsets": [');
  await page.getByTestId('offsets-json-apply').click();
  assert.match(await page.getByTestId('offsets-json-error').textContent(), /Not valid JSON \(line 1/);
  assert.equal(await page.getByTestId('confirm-offsets-json').isVisible(), false);

  await text.fill(JSON.stringify({ offsets: [{ partition: { filename: '/tmp/cc-offp-json.txt' }, offset: { position: 123 } }] }));
  await page.getByTestId('offsets-json-apply').click();
  const dialog = page.getByTestId('confirm-offsets-json');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Partition \{"filename":"\/tmp\/cc-offp-json\.txt"\} → \{"position":123\}/);
  await dialog.getByTestId('confirm-ok').click();
  const flow = page.getByTestId('offsets-flow');
  await eventually(async () => /successfully altered|altered successfully/i.test(await flow.textContent()), { timeout: 30_000, interval: 250, what: 'the server message' });
  const mutating = (await session.applied()).map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`);
  assert.deepEqual(mutating, ['PATCH offsets'], 'a STOPPED connector is altered directly, one PATCH');
  const back = await rest('GET', `/connectors/${name}/offsets`);
  assert.deepEqual(back.offsets, [{ partition: { filename: '/tmp/cc-offp-json.txt' }, offset: { position: 123 } }]);
  // The table shows the new partition.
  await page.getByTestId('offset-row').filter({ hasText: 'cc-offp-json.txt' }).waitFor({ timeout: 20_000 });
}, { timeout: 120_000 });
