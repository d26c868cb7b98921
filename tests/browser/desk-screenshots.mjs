// The screenshots of the desk's chapter of the manual (docs/工作台.md): run
//
//   cargo build && GONGKAI_BIN=target/debug/gongkai node tests/browser/desk-screenshots.mjs
//
// on a copy of the example site; writes docs/img/desk-*.png (1000 px wide, the top of each page).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withPage } from './lib/browser.mjs';
import { PDF, REPO, startDesk } from './lib/desk.mjs';

const OUT = join(REPO, 'docs', 'img');
mkdirSync(OUT, { recursive: true });
const desk = await startDesk();
const shot = (page, name, height = 640) =>
  page.screenshot({ path: join(OUT, name), clip: { x: 0, y: 0, width: 1000, height } });
try {
  await withPage(async (page) => {
    await page.goto(`${desk.base}/`);
    await shot(page, 'desk-records.png');
    await page.goto(`${desk.base}/new?node=tzgg`);
    await page.fill('#f-body', '各街道办事处：\n\n请于12月10日前完成自查。联系人：王某，手机 13812345678。\n');
    await page.setInputFiles('#up-file', { name: '检查表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.fill('#up-title', '安全生产检查表');
    await Promise.all([page.waitForLoadState('load'), page.click('form.record button[value=save]')]);
    await page.waitForSelector('#problems');
    await shot(page, 'desk-errors.png', 560);
    await page.fill('#f-title', '关于开展2026年冬季安全生产大检查的通知');
    await page.fill('#f-body', '各街道办事处：\n\n请于12月10日前完成自查，并报区应急管理局。\n');
    await Promise.all([page.waitForLoadState('load'), page.click('form.record button[value=save]')]);
    await page.fill('#s-by', '李某某');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value=sign]')]);
    await page.goto(`${desk.base}/publish`);
    await Promise.all([page.waitForURL(`${desk.base}/publish`), page.click('form[action="/publish"] button')]);
    await page.waitForSelector('.notice');
    await shot(page, 'desk-publish.png', 560);
  }, { context: { viewport: { width: 1000, height: 700 } } });
} finally {
  desk.stop();
}
console.log(`wrote ${OUT}/desk-records.png, desk-errors.png, desk-publish.png`);
