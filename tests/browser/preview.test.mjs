// The weekly preview in a real browser (issue 19 item 12): `gongkai serve --drafts` on a copy of
// the shipped example site (ledger included) shows the drafts with their banner, and a published
// record edited in place reloads in the open tab as a pending revision (待发布修订).
// Needs GONGKAI_BIN (scripts/test.sh sets it); without it this FAILS.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withPage } from './lib/browser.mjs';
import { copyExample, freePort, waitFor } from './lib/site.mjs';

const BIN = process.env.GONGKAI_BIN;
const DRAFT = '/doc/11430199MB0000000X-2026-00036.html';
const REVIEW = '/doc/11430199MB0000000X-2026-00037.html';
const PUBLISHED = '/doc/11430199MB0000000X-2024-00016.html';
const PUBLISHED_FILE = 'content/zfcg/jggg/2024-yjwz-cjgg.md';

const bannerOf = (page) => page.evaluate(() => document.querySelector('.banner-preview strong')?.textContent ?? null);

test('serve --drafts on the example site: draft banners, and an edit previews as 待发布修订', async () => {
  assert.ok(BIN, 'GONGKAI_BIN is not set: run this through scripts/test.sh');
  const site = copyExample('gongkai-preview-test-');
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--drafts', '--port', String(port), '--site', site], {
    env: { ...process.env, GONGKAI_NOW: process.env.GONGKAI_NOW ?? '2026-11-25T12:00:00+08:00' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/`, (status) => status === 200).catch((e) => {
      throw new Error(`${e.message}\nserver stderr:\n${stderr.slice(0, 2000)}`);
    });
    await withPage(async (page, ctx) => {
      let response = await page.goto(base + DRAFT);
      assert.equal(response.status(), 200);
      assert.equal(await bannerOf(page), '草稿');
      const robots = await page.evaluate(() => document.querySelector('meta[name=robots]')?.content);
      assert.equal(robots, 'noindex, nofollow');

      response = await page.goto(base + REVIEW);
      assert.equal(response.status(), 200);
      assert.equal(await bannerOf(page), '待审核');

      response = await page.goto(base + PUBLISHED);
      assert.equal(response.status(), 200);
      assert.equal(await bannerOf(page), null, 'a published, unedited record has no banner');

      // Edit the published record in place: the open tab reloads by itself and shows the
      // correction with the pending-revision banner (not a failed build).
      const file = join(site, PUBLISHED_FILE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('## 项目信息', '## 项目信息（更正）'));
      await page.waitForFunction(
        () => document.body.textContent.includes('项目信息（更正）'),
        null,
        { timeout: 90_000 },
      );
      assert.equal(await bannerOf(page), '待发布修订');
      assert.deepEqual(ctx.pageErrors, [], 'JavaScript errors in the preview');
      assert.deepEqual(ctx.externalRequests, [], 'the preview asked for outside hosts');
    });
  } finally {
    child.kill('SIGINT');
    await new Promise((res) => (child.exitCode !== null ? res() : child.once('exit', res)));
    rmSync(site, { recursive: true, force: true });
  }
});
