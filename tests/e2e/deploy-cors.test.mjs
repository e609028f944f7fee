// Direct mode's failure (issue 11): a cluster added by URL straight at a worker whose CORS does
// not allow the app's origin. The real alpha worker allows only loopback origins
// (`http://(127\.0\.0\.1|localhost):[0-9]+`), so the app is loaded as http://cc-app.test:<port>
// (Chromium maps that name to 127.0.0.1, same nginx): the worker answers without
// Access-Control-Allow-Origin and the browser refuses the answer, a real CORS refusal. The
// overview must show the worker settings for this origin and the proxy option, not a bare
// "Failed to fetch".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './lib/harness.mjs';
import { env } from './lib/env.mjs';

const HOST = 'cc-app.test';
let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
    timeout: 30_000,
  });
});
after(async () => { await browser?.close(); });

test('a worker that refuses the origin (CORS) gets the allow-origin settings and the proxy option', { timeout: 60_000 }, async () => {
  const port = new URL(env.origin).port;
  const origin = `http://${HOST}:${port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleLines = [];
  const errors = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(String(e)));
  const workerRequests = [];
  page.on('request', (r) => { if (r.url().startsWith(env.alphaUrl)) workerRequests.push(r); });
  await page.route(/\/config\.json(\?.*)?$/, (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({
      clusters: [{ id: 'direct', name: 'direct', flavor: 'apache', url: env.alphaUrl }],
      pollIntervalMs: 5000,
      theme: 'light',
    }),
  }));
  try {
    // The worker is up and answers this request outside the browser.
    const direct = await fetch(`${env.alphaUrl}/`, { headers: { Origin: origin } });
    assert.equal(direct.status, 200);
    assert.equal(direct.headers.get('access-control-allow-origin'), null, 'the worker does not allow this origin');

    await page.goto(`${origin}${env.base}`, { waitUntil: 'load' });
    const card = page.locator('[data-testid="cluster-card"][data-cluster="direct"]');
    await card.locator('[data-testid="cluster-reachability"][data-reach="bad"]').waitFor({ timeout: 15_000 });
    assert.ok(workerRequests.length >= 1, 'the app did ask the worker');
    assert.equal((await workerRequests[0].allHeaders()).origin, origin);
    assert.ok(consoleLines.some((l) => /blocked by CORS policy/.test(l)), `the browser refused it for CORS: ${consoleLines.join('\n')}`);

    const error = card.getByTestId('cluster-error');
    const message = await error.getByTestId('error-message').innerText();
    assert.match(message, new RegExp(`no answer from ${env.alphaUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const hint = await error.getByTestId('error-hint').innerText();
    assert.ok(hint.includes(`access.control.allow.origin=${origin}`), hint);
    assert.ok(hint.includes('access.control.allow.methods=GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS'), hint);
    assert.match(hint, /reverse proxy/);
    // The visible text is actionable; the browser's raw words are only inside the detail.
    const visible = await error.innerText();
    assert.doesNotMatch(visible, /Failed to fetch/);
    await error.locator('summary').click();
    const detail = await error.getByTestId('error-detail').innerText();
    assert.match(detail, /Option 1: allow this origin on every Connect worker/);
    assert.ok(detail.includes(`access.control.allow.origin=${origin}`));
    assert.match(detail, /Option 2: serve the console and the worker from one origin through a reverse proxy/);
    assert.match(detail, new RegExp(`proxy_pass ${env.alphaUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/;`));
    assert.deepEqual(errors, []);
    assert.ok(!consoleLines.some((l) => /panicked at|RuntimeError: unreachable/.test(l)), 'no Rust panic');
  } finally {
    await context.close();
  }
});
