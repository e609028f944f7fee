// Embedding (issue 11): the app in an iframe of a host page (?embed=1&theme=…) and mounted
// into an element of a host page through embed.js, under the host's strict CSP, without
// changing the host page's own styles or taking over its links.
import assert from 'node:assert/strict';
import { e2e } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { checkA11y } from './lib/axe.mjs';
import { screenshot } from './lib/screens.mjs';
import { AppShell } from './pages/app.mjs';
import { HostPage } from './pages/host.mjs';

e2e('iframe host: ?embed=1 hides the app chrome and ?theme=dark sets the theme', async ({ page }) => {
  const host = new HostPage(page);
  await host.open('iframe.html');
  const frame = page.frame({ url: /\/console\/\?embed=1/ }) ?? (await (await host.slot.elementHandle()).contentFrame());
  const app = new AppShell(frame);
  await app.ready();
  await app.overview.waitFor();
  assert.equal(await app.nav.count(), 0, 'no app navigation in embed mode');
  assert.equal(await app.buildInfo.count(), 0, 'no footer in embed mode');
  assert.equal(await app.theme(), 'dark', 'theme from the URL');
  assert.equal(await frame.evaluate(() => localStorage.getItem('connect-console.theme')), null,
    'a theme from the URL is not saved');
  await screenshot(page, 'embed-iframe', 'dark');
  await checkA11y(page, 'iframe host page');
});

e2e('without ?embed the same URL shows the chrome, and ?theme=light overrides a dark system', async ({ page }) => {
  const app = new AppShell(page);
  await app.open('', { query: '?theme=light' });
  assert.equal(await app.theme(), 'light');
  await app.nav.waitFor();
  await app.buildInfo.waitFor();
  await app.open('');
  assert.equal(await app.theme(), 'dark', 'without the parameter the saved/system theme applies again');
  assert.equal((await app.themeSwitch.textContent()).trim(), 'Theme: system');
}, { contextOptions: { colorScheme: 'dark' } });

e2e('element host: ConnectConsole.mount renders the app in the element, host styles unchanged', async ({ page, session }) => {
  const host = new HostPage(page);
  await host.open('element.html', '?manual');
  await page.waitForFunction(() => window.ConnectConsole && window.ConnectConsoleEmbed === true);
  await page.evaluate(() => window.ConnectConsole.ready);
  // main() did not take over <body>: nothing is mounted until the host asks.
  assert.equal(await page.locator('.app-root').count(), 0);
  const before = await host.hostStyles();

  await page.evaluate(() => window.ConnectConsole.mount(document.getElementById('connect-console'), {
    config: { clusters: [{ id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha' }] },
    theme: 'dark',
  }));
  const app = new AppShell(page);
  await app.ready();
  await app.overview.waitFor();
  assert.equal(await page.locator('#connect-console > .app-root-provider .app-root, #connect-console .app-root').count(), 1,
    'one app root, inside the host element');
  assert.equal(await page.locator('body > .app-root, body > .app-root-provider').count(), 0, 'nothing mounted on <body>');
  assert.equal(await page.evaluate(() => document.body.classList.contains('cc-page')), false);
  assert.equal(await app.theme(), 'dark', 'theme from the mount options');
  await app.buildCommit.waitFor();
  assert.equal(session.requestsTo(/\/console\/version\.json$/).length, 1, 'version.json read from next to embed.js');
  assert.equal(session.requestsTo(/config\.json/).length, 0, 'the config came from the host, not config.json');

  const after = await host.hostStyles();
  assert.deepEqual(after, before, 'the host page\'s computed styles are unchanged by the mount');
  // What the app added to <head>: its scoped stylesheet and thaw's component styles. Every
  // selector of every rule (read through the CSSOM, nested @media/@supports included) targets
  // thaw's or the app's own classes; nothing styles the host's elements by tag or globally.
  const selectors = await page.evaluate(() => {
    const out = [];
    const walk = (rules, from) => {
      for (const r of rules) {
        if (r instanceof CSSStyleRule) out.push({ from, sel: r.selectorText });
        else if (r.cssRules && !(r instanceof CSSKeyframesRule)) walk(r.cssRules, from);
      }
    };
    for (const sheet of document.styleSheets) {
      const node = sheet.ownerNode;
      if (node.tagName === 'STYLE' || /\/console\/main-[0-9a-f]{1,16}\.css$/.test(sheet.href || '')) {
        walk(sheet.cssRules, node.tagName === 'STYLE' ? 'thaw <style>' : 'app css');
      }
    }
    return out;
  });
  assert.ok(selectors.filter((s) => s.from === 'thaw <style>').length > 10, 'thaw injected its styles');
  assert.ok(selectors.filter((s) => s.from === 'app css').length > 10, 'the app stylesheet was read');
  // The first compound of each selector carries a thaw or app class (div.thaw-x, .app-root a).
  const topLevel = (sel) => { // split "a, b:where(c, d)" at the commas outside parentheses
    const parts = ['']; let depth = 0;
    for (const ch of sel) {
      if (ch === '(') depth += 1; else if (ch === ')') depth -= 1;
      if (ch === ',' && depth === 0) parts.push(''); else parts[parts.length - 1] += ch;
    }
    return parts.map((x) => x.trim());
  };
  const unscoped = selectors.flatMap(({ from, sel }) => topLevel(sel)
    .filter((one) => !/^([a-z]+)?(\.thaw-|\.app-root)|^body\.cc-page/.test(one)).map((one) => `${from}: ${one}`));
  assert.deepEqual(unscoped, [], 'style rules that could reach the host page');
  await screenshot(page, 'embed-element', 'dark');
  await checkA11y(page, 'element host page');
});

// The same app elements, standalone and embedded in the (deliberately loud) host page.
const APP_ELEMENTS = {
  heading: '[data-testid="overview"] h1',
  text: '[data-testid="overview"] p',
  navLink: 'nav[aria-label="Main"] a[aria-current]',
  themeSwitch: '[data-testid="theme-switch"]',
  footer: '[data-testid="build-info"]',
  root: '.app-root',
};
const APP_PROPS = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height',
  'margin', 'padding', 'text-decoration-line', 'border-top-style', 'border-top-width', 'text-align'];

async function appStyles(page) {
  return page.evaluate(({ elements, props }) => Object.fromEntries(Object.entries(elements).map(([k, sel]) => {
    const el = document.querySelector(sel);
    if (!el) return [k, null];
    const cs = getComputedStyle(el);
    return [k, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
  })), { elements: APP_ELEMENTS, props: APP_PROPS });
}

e2e('element host: the host page\'s own rules do not leak into the app (same look as standalone)', async ({ page }) => {
  const app = new AppShell(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('', { query: '?theme=dark' });
  await app.buildCommit.waitFor();
  const standalone = await appStyles(page);
  for (const [k, v] of Object.entries(standalone)) assert.ok(v, `${k} exists standalone`);

  await new HostPage(page).open('element.html');
  await page.locator('body[data-console-mounted="true"]').waitFor();
  await app.overview.waitFor();
  await app.buildCommit.waitFor();
  assert.deepEqual(await appStyles(page), standalone);
});

e2e('element host: the app routes under the host path and leaves the host\'s own links alone', async ({ page }) => {
  const host = new HostPage(page);
  await host.open('element.html');
  await page.locator('body[data-console-mounted="true"]').waitFor();
  const app = new AppShell(page);
  await app.overview.waitFor();
  assert.equal(await app.theme(), 'dark');
  const brand = app.nav.getByRole('link', { name: 'Overview' });
  assert.equal(await brand.getAttribute('href'), '/embed/element.html/', 'app links live under the host page path');
  await page.evaluate(() => { window.__e2eNoReload = true; });
  await brand.click();
  await app.overview.waitFor();
  assert.equal(await page.evaluate(() => window.__e2eNoReload), true, 'in-app navigation without reload');
  // A host link is not intercepted by the app's router: the browser loads the other page.
  await page.locator('#host-link').click();
  await page.locator('#other').waitFor();
  assert.equal(new URL(page.url()).pathname, '/embed/other.html');
  assert.equal(await page.evaluate(() => window.__e2eNoReload), undefined, 'a real page load happened');
});
