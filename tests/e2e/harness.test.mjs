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
