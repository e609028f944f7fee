// The e2e harness: one Chromium per test file (/usr/bin/chromium, never a downloaded browser),
// a fresh context and page per test, and a watchdog over everything the page says.
//
// Every test written with `e2e(name, fn)` fails when the page logs a console error, logs a
// warning about the Content-Security-Policy, fires a `securitypolicyviolation` event (in any
// frame), throws an uncaught exception, or a Rust panic reaches the console. On failure the
// page's screenshot, console log and request log are saved under results/<test>/.
import { after, before, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { RESULTS } from './env.mjs';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

let browser;

/** Launches the system Chromium (fresh profile in a temp dir, which launch() creates). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

export function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

// Runs in every frame before any page script: forwards CSP violations to the test.
const CSP_PROBE = `
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI,
                source: e.sourceFile, line: e.lineNumber, frame: location.href };
    try { window.__e2eCsp(v); } catch (_) {}
  }, true);
`;

const PANIC = /panicked at|RuntimeError: unreachable|wasm-bindgen: imported JS function/;
// Kafka Connect's answers while its group rebalances or its config changes under a request
// (connect-api.md: 409 "… likely because a rebalance was underway", "… due to stale
// configuration (typically caused by a concurrent config change)", 500 "Request cannot be
// completed because a rebalance is expected").
const REBALANCE_ANSWER = /rebalance is expected|rebalance was underway|conflicting operation \(e\.g\. worker rebalance\)|due to stale configuration/i;
/** How long the watchdog waits for a 409/500 answer's body before judging it unreadable. */
const ANSWER_BODY_MS = 5000;
const CSP_TEXT = /Content[- ]Security[- ]Policy|Refused to (load|execute|connect|apply|frame|evaluate)/i;

/**
 * A test with a fresh browser context and page, console and network recording, and the
 * watchdog. `fn` receives { page, context, session } where session has:
 *   console[]   every console message ({type, text, location, frame})
 *   requests[]  every request ({method, url, resourceType, request}) in order
 *   csp[]       CSP violations seen
 *   allow(re)   accept console errors matching re for this test (say why at the call site);
 *               an error is matched as "text (url:line)"
 *   expectCsp(re) accept CSP violations whose blocked URI matches re (the test must assert them)
 *   mutating()  requests other than GET/HEAD/OPTIONS
 * options: { contextOptions } passed to browser.newContext().
 */
export function e2e(name, fn, options = {}) {
  return test(name, { timeout: options.timeout ?? 60_000 }, async (t) => {
    const { context, page, session } = await openSession(options);
    let failure;
    try {
      await fn({ page, context, session, t });
      // Let late console output and violations arrive before judging.
      await page.waitForTimeout(150).catch(() => {});
      await session.readRebalanceAnswers();
      const problems = watchdog(session);
      if (problems.length) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
    } catch (err) {
      failure = err;
    } finally {
      if (failure) await saveFailure(name, page, session, failure);
      await context.close().catch(() => {});
    }
    if (failure) throw failure;
  });
}

/** A fresh context and page with console, error, CSP and network recording (see e2e()). */
export async function openSession(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    ...options.contextOptions,
  });
  const session = {
    console: [], requests: [], csp: [], errors: [], failedRequests: [],
    allowed: [], expectedCsp: [], answers: [], pendingAnswers: [],
    allow(re) { this.allowed.push(re); },
    /**
     * Kafka Connect answers a request 409 or 500 while its group rebalances ("a rebalance is
     * expected", "likely because a rebalance was underway"): nothing is applied, and the console
     * asks again by design (src/protocol/retry.rs). The browser logs each such answer as a
     * console error; the watchdog lets it pass only when its body says so and the console did
     * ask the same thing again afterwards.
     */
    async readRebalanceAnswers() {
      this.answers.push(...await Promise.all(this.pendingAnswers.splice(0)));
    },
    expectCsp(re) { this.expectedCsp.push(re); },
    mutating() { return this.requests.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method)); },
    requestsTo(re) { return this.requests.filter((r) => re.test(r.url)); },
    /**
     * The mutating requests the server did not turn away with a 409. Kafka Connect answers 409
     * while its group rebalances (nothing is applied) and the client retries by design
     * (src/protocol/retry.rs), so a test counting writes counts these.
     */
    async applied() {
      const out = [];
      for (const r of this.mutating()) {
        if ((await r.request.response())?.status() !== 409) out.push(r);
      }
      return out;
    },
  };
  await context.exposeBinding('__e2eCsp', (_source, v) => { session.csp.push(v); });
  await context.addInitScript(CSP_PROBE);
  context.on('console', (msg) => {
    const loc = msg.location();
    session.console.push({ type: msg.type(), text: msg.text(), location: loc ? `${loc.url}:${loc.lineNumber}` : '' });
  });
  context.on('weberror', (err) => { session.errors.push(String(err.error()?.stack || err.error())); });
  context.on('request', (request) => {
    session.requests.push({ method: request.method(), url: request.url(), resourceType: request.resourceType(), request });
  });
  context.on('response', (response) => {
    const status = response.status();
    if (status !== 409 && status !== 500) return;
    const request = response.request();
    // Requests recorded from here on were sent after this answer arrived.
    const after = session.requests.length;
    const answer = (rebalance) => ({ method: request.method(), url: response.url(), status, after, rebalance });
    // A body that cannot be read (or never ends) is not a rebalance answer: the line fails.
    const timeout = new Promise((ok) => setTimeout(() => ok(null), ANSWER_BODY_MS));
    session.pendingAnswers.push(Promise.race([response.text(), timeout]).then(
      (body) => answer(typeof body === 'string' && REBALANCE_ANSWER.test(body)),
      () => answer(false),
    ));
  });
  context.on('requestfailed', (request) => {
    session.failedRequests.push({ method: request.method(), url: request.url(), failure: request.failure()?.errorText });
  });
  const page = await context.newPage();
  return { context, page, session };
}

/** Everything in a session that fails a test, as readable lines. */
export function watchdog(session) {
  const problems = [];
  const allowed = (text) => session.allowed.some((re) => re.test(text));
  // The browser logs each 409/500 answer once, in order: the k-th such line for a URL is its
  // k-th answer of that status. Every such line is counted (allowed or not), so the pairing
  // holds. A line passes when its answer was a rebalance one and the same request was sent
  // again after that answer arrived (see readRebalanceAnswers).
  const seen = new Map();
  const retried = session.console.map((m) => {
    const hit = m.type === 'error' && /status of (409|500)\b/.exec(m.text);
    if (!hit || !m.location.endsWith(':0')) return false;
    const url = m.location.slice(0, -2);
    const key = `${hit[1]} ${url}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const a = session.answers.filter((x) => `${x.status} ${x.url}` === key)[k];
    return Boolean(a?.rebalance
      && session.requests.some((r, i) => i >= a.after && r.method === a.method && r.url === a.url));
  });
  session.console.forEach((m, i) => {
    if (PANIC.test(m.text)) problems.push(`Rust panic: ${m.text}`);
    // Matched with its location too, so an allowance can name the URL it is about.
    else if (m.type === 'error' && !allowed(`${m.text} (${m.location})`) && !retried[i]) problems.push(`console error: ${m.text} (${m.location})`);
    else if (m.type === 'warning' && CSP_TEXT.test(m.text) && !allowed(m.text)) problems.push(`CSP warning: ${m.text}`);
  });
  for (const v of session.csp) {
    if (!session.expectedCsp.some((re) => re.test(v.blocked || ''))) {
      problems.push(`CSP violation: ${v.directive} blocked ${v.blocked} (in ${v.frame}, ${v.source}:${v.line})`);
    }
  }
  for (const e of session.errors) problems.push(`uncaught page error: ${e}`);
  return problems;
}

async function saveFailure(name, page, session, failure) {
  const dir = path.join(RESULTS, slug(name));
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'failure.png'), fullPage: true, timeout: 5000 }).catch(() => {});
  const lines = session.console.map((m) => `[${m.type}] ${m.text}  (${m.location})`);
  fs.writeFileSync(path.join(dir, 'console.log'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'requests.log'),
    session.requests.map((r) => `${r.method} ${r.url}`).join('\n') + '\n'
    + session.failedRequests.map((r) => `FAILED ${r.method} ${r.url} ${r.failure}`).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'error.txt'), `${failure?.stack || failure}\n\nCSP: ${JSON.stringify(session.csp, null, 2)}\n`);
}

/** A scratch directory for one test. */
export function scratch(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cc-e2e-${prefix}-`));
  fs.chmodSync(dir, 0o755); // nginx's worker (nobody) must be able to read what it serves
  return dir;
}

/**
 * Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws, with the
 * last error `fn` threw, if any: a locator that is not there yet is retried, not fatal).
 */
export async function eventually(fn, { timeout = 3000, interval = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
