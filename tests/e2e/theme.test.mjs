// Light and dark themes: the switch works, the choice survives a reload, both themes are
// screenshotted, and axe finds no serious or critical issue on any screen in either theme.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { e2e } from './lib/harness.mjs';
import { checkA11y } from './lib/axe.mjs';
import { screenshot } from './lib/screens.mjs';
import { AppShell } from './pages/app.mjs';

const SCREENS = [
  { screen: 'overview', path: '', ready: (app) => app.overview },
  { screen: 'not-found', path: 'definitely/not/a/route', ready: (app) => app.notFound },
];

e2e('the theme switch cycles system, light, dark and the choice survives a reload', async ({ page }) => {
  const app = new AppShell(page);
  await app.open();
  assert.equal((await app.themeSwitch.textContent()).trim(), 'Theme: system');
  assert.equal(await app.theme(), 'light', 'system is light in a light-scheme browser');
  const bg = () => app.root.evaluate((el) => getComputedStyle(el).backgroundColor);
  const lightBg = await bg();
  await app.setTheme('dark');
  assert.equal(await app.theme(), 'dark');
  assert.notEqual(await bg(), lightBg, 'the app background changes');
  await page.reload();
  await app.ready();
  assert.equal(await app.theme(), 'dark', 'the choice is kept in localStorage');
  assert.equal((await app.themeSwitch.textContent()).trim(), 'Theme: dark');
});

e2e('the system theme follows the browser color scheme', async ({ page }) => {
  const app = new AppShell(page);
  await app.open();
  assert.equal(await app.theme(), 'dark');
}, { contextOptions: { colorScheme: 'dark' } });

for (const { screen, path, ready } of SCREENS) {
  e2e(`${screen}: screenshots and axe in light and dark`, async ({ page }) => {
    const app = new AppShell(page);
    await app.open(path);
    await ready(app).waitFor();
    for (const theme of ['light', 'dark']) {
      await app.setTheme(theme);
      assert.equal(await app.theme(), theme);
      const file = await screenshot(page, screen, theme);
      assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      await checkA11y(page, `${screen} (${theme})`);
    }
  });
}
