// axe-core (WCAG 2.1 A/AA, serious and critical only) on every page type of the built site: the
// home page, a catalog node page, a record page of EACH kind, the 政府信息公开 landing, the 指南,
// the 制度 page, the 法定主动公开内容 page and the browse views. Needs GONGKAI_SITE.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './lib/server.mjs';
import { withBrowser, withPage } from './lib/browser.mjs';
import { axeViolations, formatViolations } from './lib/axe.mjs';

const SITE = process.env.GONGKAI_SITE;
const KINDS = ['article', 'policy', 'interpretation', 'procurement', 'budget', 'person', 'organization', 'service'];

/** One record page per kind, found by the `data-kind` the record template writes. */
function recordPerKind() {
  const found = new Map();
  for (const name of readdirSync(join(SITE, 'doc')).sort()) {
    const html = readFileSync(join(SITE, 'doc', name), 'utf8');
    const kind = /data-kind="([a-z]+)"/.exec(html)?.[1];
    if (kind && !found.has(kind)) found.set(kind, `doc/${name}`);
  }
  return found;
}

test('no serious or critical axe violation on every page type', async () => {
  assert.ok(SITE && existsSync(join(SITE, 'index.html')), 'GONGKAI_SITE must point at a built site');
  const kinds = recordPerKind();
  assert.deepEqual([...kinds.keys()].sort(), [...KINDS].sort(), 'the example site has a record of each kind');
  const pages = [
    'index.html',
    'xxgk/index.html',
    'xxgk/zn.html',
    'xxgk/zd.html',
    'xxgk/fdzdgk/index.html',
    'xxgk/zcwj/gfxwj/index.html',
    'xxgk/fbjg/index.html',
    'xxgk/nf/index.html',
    'xxgk/xxyx/index.html',
    'xxgk/xxyx/fz/index.html',
    '404.html',
    ...kinds.values(),
  ];
  const server = await startServer({ root: SITE });
  try {
    await withBrowser(async (browser) => {
      for (const width of [1280, 360]) {
        for (const path of pages) {
          assert.ok(existsSync(join(SITE, path)), `${path} is missing from the built site`);
          await withPage(async (page, ctx) => {
            const res = await page.goto(`${server.url}/${path}`);
            assert.equal(res.status(), 200, path);
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], formatViolations(violations, `${path} at ${width}px: `));
            assert.deepEqual(ctx.externalRequests, [], `${path} asks for external assets`);
          }, { browser, context: { viewport: { width, height: 800 } } });
        }
      }
    });
  } finally {
    await server.close();
  }
});
