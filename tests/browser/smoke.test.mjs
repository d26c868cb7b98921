// Smoke test of the built site's home page: language, title, and no serious accessibility fault.
// Needs GONGKAI_SITE (scripts/test.sh sets it to the freshly built site); without it this FAILS.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { withPage } from './lib/browser.mjs';
import { axeViolations, formatViolations } from './lib/axe.mjs';

const SITE = process.env.GONGKAI_SITE;

test('home page: lang zh-CN, a title, no serious/critical axe violation', async () => {
  assert.ok(SITE, 'GONGKAI_SITE is not set: run this through scripts/test.sh, or set it to a built site');
  assert.ok(existsSync(join(SITE, 'index.html')), `no index.html in the built site ${SITE}`);

  const server = await startServer({ root: SITE });
  try {
    await withPage(async (page, ctx) => {
      const response = await page.goto(`${server.url}/index.html`);
      assert.equal(response.status(), 200);

      const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      assert.equal(lang, 'zh-CN', '<html lang> of the home page');

      const title = (await page.title()).trim();
      assert.ok(title.length > 0, 'the home page has an empty <title>');

      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], formatViolations(violations));

      assert.deepEqual(ctx.pageErrors, [], 'JavaScript errors on the home page');
    });
  } finally {
    await server.close();
  }
});
