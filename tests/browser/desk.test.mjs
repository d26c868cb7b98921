// The office's desk in a real browser (issue 23): the clerk's week on a copy of the example site
// — create a 通知公告 with an attachment, see the errors for a missing title and a mobile number
// in the body, fix them, sign the review, publish, see it on the preview and in the ledger, edit
// and publish a revision, withdraw. Plus axe-core on the desk's pages, keyboard-only use of the
// form, and the layout at 1280 and 768 px. Needs GONGKAI_BIN (scripts/test.sh sets it).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withBrowser, withPage } from './lib/browser.mjs';
import { axeViolations, formatViolations } from './lib/axe.mjs';
import { PDF, startDesk, waitFor } from './lib/desk.mjs';

const TITLE = '关于开展2026年冬季安全生产大检查的通知';

async function save(page) {
  await Promise.all([page.waitForLoadState('load'), page.click('form.record button[value=save]')]);
}

async function publish(page, base) {
  await page.goto(`${base}/publish`);
  await Promise.all([page.waitForURL(`${base}/publish`), page.click('form[action="/publish"] button')]);
  await page.waitForSelector('.notice');
  return page.locator('.entries').innerText().catch(() => '');
}

test('the clerk’s week at the desk', async () => {
  const desk = await startDesk();
  const { base, preview } = desk;
  try {
    await withPage(async (page, ctx) => {
      // Monday: a new 通知公告, with an attachment; no title yet, and a mobile number in the body.
      await page.goto(`${base}/new?node=tzgg`);
      const indexNo = await page.inputValue('#f-index_no');
      assert.match(indexNo, /^11430199MB0000000X\/2026-\d{5}$/, 'the next 索引号 is filled in');
      assert.equal(await page.inputValue('#f-created'), '2026-11-25');
      await page.fill('#f-body', '各街道办事处：\n\n请于12月10日前完成自查。联系人：王某，手机 13812345678。\n');
      // Live checks: the finding appears beside the body before anything is saved, masked.
      const live = page.locator('.field.body .live-msg');
      await live.first().waitFor();
      assert.match(await live.first().innerText(), /个人信息.*138\*{4}5678/);
      assert.match(await page.locator('#live-status').innerText(), /问题/);
      await page.setInputFiles('#up-file', { name: '检查表.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.fill('#up-title', '安全生产检查表');
      await save(page);
      // Not saved: the problems are listed on top, focused, and shown beside their fields.
      await page.waitForSelector('#problems');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'problems');
      const titleMsg = await page.locator('#f-title-msg0').innerText();
      assert.match(titleMsg, /title/);
      assert.equal(await page.getAttribute('#f-title', 'aria-invalid'), 'true');
      assert.match(await page.getAttribute('#f-title', 'aria-describedby'), /f-title-msg0/);
      const bodyMsg = await page.locator('#f-body-msg0').innerText();
      assert.match(bodyMsg, /个人信息/);
      assert.ok(!bodyMsg.includes('13812345678'), `the finding is masked: ${bodyMsg}`);
      // Nothing lost: the body as typed, and the uploaded file as an attachment row.
      assert.match(await page.inputValue('#f-body'), /13812345678/);
      assert.equal(await page.inputValue('#f-attachments-0-file'), '_files/检查表.pdf');
      assert.equal(await page.inputValue('#f-attachments-0-title'), '安全生产检查表');
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], formatViolations(violations, 'form with errors: '));

      // Fix both and save.
      await page.fill('#f-title', TITLE);
      await page.fill('#f-body', '各街道办事处：\n\n请于12月10日前完成自查，并报区应急管理局。\n');
      await save(page);
      await page.waitForSelector('.notice');
      assert.match(await page.locator('.notice').innerText(), /已新建记录/);
      const file = join(desk.site, 'content/tzgg', `${indexNo.replace('/', '-')}.md`);
      const text = readFileSync(file, 'utf8');
      assert.match(text, /attachments:\n {2}- file: _files\/检查表.pdf\n {4}title: 安全生产检查表\n/);
      assert.match(text, /status: draft/);

      // Submit for review, then sign it.
      await Promise.all([page.waitForLoadState('load'), page.click('button[value=submit]')]);
      await page.waitForSelector('.notice');
      assert.match(readFileSync(file, 'utf8'), /status: review/);
      await page.fill('#s-by', '李某某');
      await page.selectOption('#s-secrecy', '非涉密');
      await page.fill('#s-conclusion', '同意公开');
      await Promise.all([page.waitForLoadState('load'), page.click('button[value=sign]')]);
      await page.waitForSelector('.notice');
      const signed = readFileSync(file, 'utf8');
      assert.match(signed, /status: approved/);
      assert.match(signed, /review: \{by: 李某某, on: 2026-11-25, secrecy: 非涉密, conclusion: 同意公开\}/);
      const recordUrl = page.url();

      // Publish: the ledger records it, and the preview shows it.
      const entries = await publish(page, base);
      assert.match(entries, /发布（publish）/);
      assert.ok(entries.includes(indexNo), entries);
      assert.match(await page.locator('table.ledger').innerText(), new RegExp(indexNo.replace('/', '\\/')));
      const ledger = readFileSync(join(desk.site, 'ledger.jsonl'), 'utf8').trim().split('\n');
      const last = JSON.parse(ledger.at(-1));
      assert.equal(last.index_no, indexNo);
      assert.equal(last.action, 'publish');
      assert.match(readFileSync(file, 'utf8'), /published: 2026-11-25/);
      const docUrl = `${preview}/doc/${indexNo.replace('/', '-')}.html`;
      await waitFor(docUrl, (status, body) => status === 200 && body.includes(TITLE));

      // Later: edit it and publish a revision.
      await page.goto(recordUrl.split('&')[0]);
      await page.fill('#f-title', `${TITLE}（修订）`);
      await save(page);
      await page.waitForSelector('.notice');
      assert.match(await publish(page, base), /revise/);
      await waitFor(docUrl, (status, body) => status === 200 && body.includes('（修订）'));

      // And withdraw it.
      await page.goto(recordUrl.split('&')[0]);
      await Promise.all([page.waitForLoadState('load'), page.click('button[value=withdraw]')]);
      await page.waitForSelector('.notice');
      assert.match(await page.locator('.entries').innerText(), /withdraw/);
      assert.match(readFileSync(file, 'utf8'), /status: withdrawn/);
      assert.deepEqual(ctx.pageErrors, []);
    });
  } finally {
    desk.stop();
  }
});

test('the desk’s pages: axe-clean, usable by keyboard, at 1280 and 768 px', async () => {
  const desk = await startDesk();
  const { base } = desk;
  try {
    await withBrowser(async (browser) => {
      for (const width of [1280, 768]) {
        await withPage(async (page, ctx) => {
          for (const path of ['/', '/?state=held', '/new?node=tzgg', '/record?path=content%2Ftzgg%2F2024-awws-yd.md', '/publish']) {
            await page.goto(base + path);
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], formatViolations(violations, `${path} at ${width}: `));
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `${path} at ${width}px is ${overflow}px too wide`);
          }
          assert.deepEqual(ctx.pageErrors, []);
        }, { browser, context: { viewport: { width, height: 900 } } });
      }
      // Keyboard only: Tab to the title, type, Tab to 保存, Enter; the problems get the focus.
      await withPage(async (page) => {
        await page.goto(`${base}/new?node=tzgg`);
        const tabTo = async (pred, max = 200) => {
          for (let i = 0; i < max; i++) {
            await page.keyboard.press('Tab');
            const el = await page.evaluate(() => ({
              id: document.activeElement?.id ?? '',
              value: document.activeElement?.getAttribute('value') ?? '',
              visible: (() => {
                const s = getComputedStyle(document.activeElement);
                return s.outlineStyle !== 'none' && s.outlineWidth !== '0px';
              })(),
            }));
            if (pred(el)) return el;
          }
          throw new Error('not reachable by Tab');
        };
        const title = await tabTo((el) => el.id === 'f-title');
        assert.ok(title.visible, 'the focused field shows its focus');
        await page.keyboard.type('键盘录入的标题');
        // Clear the 索引号 so the save fails and the focus moves to the problems.
        await page.fill('#f-index_no', '');
        await tabTo((el) => el.value === 'save');
        await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
        await page.waitForSelector('#problems');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'problems');
        assert.equal(await page.inputValue('#f-title'), '键盘录入的标题');
      }, { browser });
    });
  } finally {
    desk.stop();
  }
});
