// The harness itself: its watchdog must catch each kind of problem on a real app page, or a
// green suite would mean nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, openSession, watchdog } from './lib/harness.mjs';
import { AppShell } from './pages/app.mjs';

async function withAppPage(fn) {
  const { context, page, session } = await openSession();
  try {
    await new AppShell(page).open();
    assert.deepEqual(watchdog(session), [], 'a clean load reports nothing');
    await fn(page, session);
    await eventually(() => watchdog(session).length > 0, { what: 'the watchdog to report' });
    await page.waitForTimeout(150); // and anything else the same action causes
    return watchdog(session);
  } finally {
    await context.close();
  }
}

test('watchdog: a console error fails the test', async () => {
  const problems = await withAppPage((page) => page.evaluate(() => console.error('boom from the app')));
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^console error: boom from the app/);
});

test('watchdog: a Rust panic message fails the test even when errors are allowed', async () => {
  const problems = await withAppPage(async (page, session) => {
    session.allow(/./);
    await page.evaluate(() => console.error("panicked at src/app.rs:1:1:\nexplicit panic"));
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^Rust panic: panicked at src\/app\.rs/);
});

test('watchdog: a CSP violation (inline script injected by the page) fails the test', async () => {
  const problems = await withAppPage((page) => page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
  }));
  assert.ok(problems.some((p) => /^CSP violation: script-src(-elem)? blocked inline/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /^console error: .*Content Security Policy/.test(p)), 'the console line is caught too');
});

test('watchdog: an uncaught exception fails the test', async () => {
  const problems = await withAppPage((page) => page.evaluate(() => { setTimeout(() => { throw new Error('uncaught!'); }, 0); }));
  assert.ok(problems.some((p) => /^uncaught page error: .*uncaught!/.test(p)), problems.join('\n'));
});

test('watchdog: a logged rebalance answer passes only when its body says so and it was asked again', async () => {
  const { context, page, session } = await openSession();
  try {
    await new AppShell(page).open();
    const asked = new Map();
    await page.route('**/__e2e/answer/**', (route) => {
      const url = route.request().url();
      const n = (asked.get(url) ?? 0) + 1;
      asked.set(url, n);
      if (url.endsWith('/then-ok') && n > 1) return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
      if (url.endsWith('/stale-then-ok')) {
        return n > 1 ? route.fulfill({ status: 200, contentType: 'application/json', body: '{}' })
          : route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error_code: 409, message: 'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)' }) });
      }
      const message = url.includes('/other') ? 'Something broke' : 'Request cannot be completed because a rebalance is expected';
      return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error_code: 500, message }) });
    });
    const ask = (p) => page.evaluate((p) => fetch(p).then((r) => r.status), p);
    assert.deepEqual([await ask('/__e2e/answer/then-ok'), await ask('/__e2e/answer/then-ok')], [500, 200]);
    assert.deepEqual([await ask('/__e2e/answer/stale-then-ok'), await ask('/__e2e/answer/stale-then-ok')], [409, 200]);
    await ask('/__e2e/answer/twice');
    await ask('/__e2e/answer/twice');
    await ask('/__e2e/answer/other');
    await ask('/__e2e/answer/other');
    await eventually(() => session.console.filter((m) => m.type === 'error').length >= 6, { what: 'six logged answers' });
    await page.waitForTimeout(150);
    await session.readRebalanceAnswers();
    const problems = watchdog(session);
    const about = (part) => problems.filter((p) => p.includes(part)).length;
    assert.equal(about('/then-ok'), 0, problems.join('\n'));
    assert.equal(about('/stale-then-ok'), 0, `a 409 for a concurrent config change, asked again:\n${problems.join('\n')}`);
    assert.equal(about('/twice'), 1, `the last answer was not asked again:\n${problems.join('\n')}`);
    assert.equal(about('/other'), 2, `not a rebalance answer:\n${problems.join('\n')}`);
    assert.equal(problems.length, 3, problems.join('\n'));
  } finally {
    await context.close();
  }
});
