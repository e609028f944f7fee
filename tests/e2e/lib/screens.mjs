// Theme screenshots: results/screenshots/<screen>-<theme>.png for each theme.
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS } from './env.mjs';

export const SCREENSHOTS = path.join(RESULTS, 'screenshots');

/** Saves a screenshot of the page as <screen>-<theme>.png and returns its path: the whole page,
 *  or with `{ fullPage: false }` what the window shows (after scrolling to what matters). */
export async function screenshot(page, screen, theme, { fullPage = true } = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${screen}-${theme}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
