// Settings import through a file picker (issue 6): a file with invalid entries names each of
// them and imports nothing; a valid file imports its cluster, which then shows in the list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';

const file = (clusters) => ({
  name: 'connect-console-clusters.json',
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'connect-console/clusters', version: 1, clusters })),
});

e2e('settings import from a picked file: every invalid entry is named, a valid file is imported', async ({ page }) => {
  const app = new AppShell(page);
  await app.open('settings');
  const picker = page.getByTestId('settings-import-file');
  await picker.waitFor();
  const before = await page.locator('main').innerText();

  await picker.setInputFiles(file([
    { id: 'imp-ok', name: 'Imported fine', flavor: 'apache', baseUrl: 'http://example.invalid:8083', auth: 'none' },
    { id: 'imp-url', name: 'Bad URL', flavor: 'apache', baseUrl: 'ftp://x', auth: 'none' },
    { id: 'imp-basic', name: 'No user', flavor: 'apache', baseUrl: 'http://h:8083', auth: 'basic' },
  ]));
  const errors = page.getByTestId('settings-import-error');
  await eventually(async () => (await errors.count()) === 2, { timeout: 5000, what: 'two entry errors' });
  assert.match(await errors.nth(0).innerText(), /^Cluster 2 "Bad URL": /);
  assert.match(await errors.nth(1).innerText(), /^Cluster 3 "No user": .*user name/);
  assert.match(await page.getByTestId('settings-import-result').innerText(), /Nothing was imported: 2 entries are invalid/);
  assert.ok(!(await page.locator('main').innerText()).includes('Imported fine'), 'nothing imported');
  assert.ok(!before.includes('Imported fine'));

  // the file's text is shown for fixing; a valid file then imports
  assert.match(await page.getByTestId('settings-import-text').inputValue(), /"Bad URL"/);
  const sameOrigin = new URL('/connect/alpha', env.origin).href;
  await picker.setInputFiles(file([
    { id: 'imp-ok', name: 'Imported fine', flavor: 'apache', baseUrl: sameOrigin, auth: 'none' },
  ]));
  await eventually(async () => /Imported 1 cluster\b/.test(await page.getByTestId('settings-import-result').innerText()), { timeout: 5000, what: 'imported' });
  assert.equal(await errors.count(), 0, 'the old entry errors are gone');
  await eventually(async () => (await page.locator('main').innerText()).includes('Imported fine'), { timeout: 5000, what: 'the cluster is listed' });

  // The console's own export imported back adds nothing: every entry is already here (the
  // deployer's clusters and the one just imported), and each is named.
  const rows = page.getByTestId('cluster-row');
  const before2 = await rows.count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-export').click()]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const names = JSON.parse(exported).clusters.map((c) => c.name);
  assert.equal(names.length, before2, 'the export lists every cluster');
  await picker.setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await eventually(async () => /No cluster was added/.test(await page.getByTestId('settings-import-result').innerText()), { timeout: 5000, what: 'nothing added' });
  const result = await page.getByTestId('settings-import-result').innerText();
  assert.match(result, new RegExp(`${before2} entries were already here`));
  for (const n of names) assert.ok(result.includes(n), `${n} is named`);
  assert.equal(await rows.count(), before2, 'no cluster twice');
}, { timeout: 60_000 });
