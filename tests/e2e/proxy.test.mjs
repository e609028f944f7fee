// The nginx proxy in front of the Connect clusters: the browser talks to /connect/<name>/ on
// the app's origin and never holds a credential; nginx adds beta's basic auth and spreads
// alpha over both of its workers. alpha-direct is reached over CORS, allowed by the CSP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';

async function browserGet(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, body: await r.text() };
  }, url);
}

e2e('beta through the proxy: 200 without the browser sending any Authorization header', async ({ page, session }) => {
  // Without credentials the worker itself refuses: the 200 below is the proxy's doing.
  const direct = await fetch(`${env.betaUrl}/connectors`);
  assert.equal(direct.status, 401, 'the beta worker requires basic auth');
  const basic = Buffer.from(`${env.betaUser}:${env.betaPassword}`).toString('base64');
  const authed = await fetch(`${env.betaUrl}/connectors`, { headers: { authorization: `Basic ${basic}` } });
  assert.equal(authed.status, 200, 'and accepts the stack credentials');
  const expected = (await authed.json()).sort();

  await new AppShell(page).open();
  const r = await browserGet(page, '/connect/beta/connectors');
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body).sort(), expected, 'the proxied answer is the worker\'s');
  const sent = session.requestsTo(/\/connect\/beta\/connectors$/);
  assert.equal(sent.length, 1);
  const headers = await sent[0].request.allHeaders();
  assert.equal(headers.authorization, undefined, 'the browser sent no Authorization header');
  assert.deepEqual(session.mutating(), [], 'no mutating request was sent');
});

e2e('alpha through the proxy reaches both workers; alpha-direct answers over CORS', async ({ page, session }) => {
  await new AppShell(page).open();
  const log = path.join(env.nginxRun, 'access.log');
  const before = fs.readFileSync(log, 'utf8').length;
  for (let i = 0; i < 6; i += 1) {
    const r = await browserGet(page, `/connect/alpha/connectors?i=${i}`);
    assert.equal(r.status, 200);
    assert.ok(JSON.parse(r.body).includes('file-source'), 'the seeded connector is listed');
  }
  // nginx writes the access log line after answering.
  const lines = await eventually(() => {
    // Only this test's six requests: the app's own refreshes of alpha go through the same path.
    const found = fs.readFileSync(log, 'utf8').slice(before).split('\n').filter((l) => l.includes('/connect/alpha/connectors?i='));
    return found.length === 6 && found;
  }, { what: 'six proxied requests in the access log' });
  const upstreams = new Set(lines.map((l) => l.match(/upstream=(\S+)/)?.[1]));
  assert.deepEqual([...upstreams].sort(), [new URL(env.alphaUrl).host, new URL(env.alphaUrl2).host].sort(),
    'round robin over both alpha workers');

  const direct = await browserGet(page, `${env.alphaUrl}/connectors`);
  assert.equal(direct.status, 200, 'the worker allows the app origin (CORS) and the CSP allows the worker');
  // Exactly this request: the app's own refresh of alpha-direct (`/connectors?expand=…`) may
  // already have gone out by now.
  const cors = session.requestsTo(new RegExp(`^${env.alphaUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/connectors$`));
  assert.equal(cors.length, 1);
  assert.equal((await cors[0].request.allHeaders()).origin, env.origin);
});

e2e('the CSP keeps the browser off any other host: beta directly is blocked', async ({ page, session }) => {
  session.expectCsp(new RegExp(`^${env.betaUrl}`));
  session.allow(/Content Security Policy|Failed to fetch/); // the blocked fetch is logged as an error
  await new AppShell(page).open();
  const outcome = await page.evaluate(async (u) => {
    try { await fetch(u); return 'fetched'; } catch (e) { return `blocked: ${e.name}`; }
  }, `${env.betaUrl}/connectors`);
  assert.equal(outcome, 'blocked: TypeError');
  await eventually(() => session.csp.length > 0, { what: 'the securitypolicyviolation event' });
  await page.waitForTimeout(100);
  assert.equal(session.csp.length, 1, 'one securitypolicyviolation event');
  assert.equal(session.csp[0].directive, 'connect-src');
  assert.ok(session.csp[0].blocked.startsWith(env.betaUrl));
});
