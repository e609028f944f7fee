// The build the user is looking at: version and commit in the app's footer, from version.json.
import assert from 'node:assert/strict';
import { e2e } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';

e2e('the footer shows the version and commit of the deployed build', async ({ page, session }) => {
  const info = await (await fetch(new URL(`${env.base}version.json`, env.origin))).json();
  const app = new AppShell(page);
  await app.open();
  await app.buildCommit.waitFor();
  assert.equal((await app.buildVersion.textContent()).trim(), `v${info.version}`, 'compiled-in version = version.json');
  assert.equal((await app.buildCommit.textContent()).trim(), info.commit + (info.dirty ? '+dirty' : ''));
  assert.equal(await app.buildCommit.getAttribute('title'), `built ${info.built_at}`);
  assert.equal(session.requestsTo(/\/console\/version\.json$/).length, 1, 'fetched once, from under the base');
});
