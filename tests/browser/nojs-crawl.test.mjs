// With JavaScript disabled, a breadth-first crawl from the home page that only follows links
// reaches every published record page (compared with data/catalog.json). Needs GONGKAI_SITE.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { withPage } from './lib/browser.mjs';

const SITE = process.env.GONGKAI_SITE;

test('every published record is reachable by clicking links, without JavaScript', async () => {
  assert.ok(SITE && existsSync(join(SITE, 'data/catalog.json')), 'GONGKAI_SITE must point at a built site');
  const catalog = JSON.parse(readFileSync(join(SITE, 'data/catalog.json'), 'utf8'));
  const base = catalog.base_url;
  const expected = new Set(catalog.records.map((r) => new URL(r.url).pathname));
  assert.ok(expected.size > 0, 'catalog.json lists records');

  const server = await startServer({ root: SITE });
  try {
    await withPage(async (page) => {
      const origin = new URL(server.url).origin;
      const queue = ['/index.html'];
      const seen = new Set(queue);
      while (queue.length) {
        const path = queue.shift();
        const res = await page.goto(`${origin}${path}`, { waitUntil: 'domcontentloaded' });
        assert.equal(res.status(), 200, `${path} (linked from the site) does not load`);
        const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
        for (const href of hrefs) {
          const url = new URL(href);
          if (url.origin !== origin || !url.pathname.endsWith('.html')) continue;
          if (!seen.has(url.pathname)) {
            seen.add(url.pathname);
            queue.push(url.pathname);
          }
        }
      }
      const reached = new Set([...seen].filter((p) => p.startsWith('/doc/')));
      const missing = [...expected].filter((p) => !reached.has(p));
      assert.deepEqual(missing, [], 'published records no link leads to');
      const extra = [...reached].filter((p) => !expected.has(p));
      assert.deepEqual(extra, [], 'record pages reached that catalog.json does not list');
      assert.ok(base.startsWith('http'), 'catalog.json names the base URL');
    }, { context: { javaScriptEnabled: false } });
  } finally {
    await server.close();
  }
});
