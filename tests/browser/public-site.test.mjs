// The public's site (issue 24): reading aids (font size, high contrast, 长者模式, reading guide)
// switched on and off on the home, a record, a list, the search and the annual report pages at
// 1280 and 360 px with axe clean in each mode; settings kept across a page change; a keyboard-only
// path; the record page's 字号/打印/关闭 and QR code; print media; phones from 320 to 414 px;
// the footer's inspection items; pages without JavaScript. Needs GONGKAI_SITE.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { startServer } from './lib/server.mjs';
import { launch, withPage } from './lib/browser.mjs';
import { axeViolations, formatViolations } from './lib/axe.mjs';

const SITE = process.env.GONGKAI_SITE;

/** The first record page (in file order) whose HTML matches `re`. */
function recordWith(re) {
  for (const name of readdirSync(join(SITE, 'doc')).sort()) {
    if (re.test(readFileSync(join(SITE, 'doc', name), 'utf8'))) return `doc/${name}`;
  }
  throw new Error(`no record page matches ${re}`);
}

function pages() {
  const reports = readdirSync(join(SITE, 'xxgk/nb')).filter((n) => /^\d{4}\.html$/.test(n)).sort();
  assert.ok(reports.length > 0, 'the example site has an annual report page');
  return {
    home: 'index.html',
    record: recordWith(/id="att-heading"/),
    list: 'xxgk/zcwj/gfxwj/index.html',
    search: 'search.html',
    report: `xxgk/nb/${reports.at(-1)}`,
  };
}

let server;
let browser;
test.before(async () => {
  assert.ok(SITE && existsSync(join(SITE, 'index.html')), 'GONGKAI_SITE must point at a built site');
  server = await startServer({ root: SITE });
  browser = await launch(); // one browser for every test of this file
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (fn, context = {}) => withPage(fn, { browser, context });
const html = (page) => page.evaluate(() => ({ ...document.documentElement.dataset }));
const pressed = (page, sel) => page.getAttribute(sel, 'aria-pressed');
const status = async (page) => {
  await page.waitForFunction(() => document.getElementById('aids-status')?.textContent.trim() !== '');
  return page.textContent('#aids-status');
};

async function axeClean(page, label) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(violations, `${label}: `));
}

/** Each aid: the button, the data attribute it sets on <html>, and the value when on. */
const AIDS = [
  { name: 'font', button: '[data-aid-font="1"]', off: '[data-aid-font="-1"]', attr: 'font', on: '1' },
  { name: 'contrast', button: '[data-aid-toggle="contrast"]', attr: 'contrast', on: '' },
  { name: 'elder', button: '[data-aid-toggle="elder"]', attr: 'elder', on: '' },
  { name: 'guide', button: '[data-aid-toggle="guide"]', attr: 'guide', on: '' },
];

test('every reading aid switches on and off on each page type at 1280 and 360 px, axe clean in each mode', async () => {
  const p = pages();
  const jobs = [];
  for (const width of [1280, 360]) {
    for (const [kind, path] of Object.entries(p)) {
      jobs.push(open(async (page, ctx) => {
        const at = `${path} at ${width}px`;
        assert.equal((await page.goto(`${server.url}/${path}`)).status(), 200, at);
        assert.ok(await page.isVisible('#aids'), `${at}: the reading aids are shown`);
        if (width < 768) {
          // Phones: one button opens the aids, so they do not push the page off the first screen.
          assert.equal(await page.isVisible('[data-aid-toggle="contrast"]'), false, `${at}: aids folded`);
          await page.click('.aids-toggle');
          assert.equal(await page.getAttribute('.aids-toggle', 'aria-expanded'), 'true');
        }
        await axeClean(page, `${at}, no aid`);
        for (const aid of AIDS) {
          await page.click(aid.button);
          assert.equal((await html(page))[aid.attr], aid.on, `${at}: ${aid.name} on`);
          if (aid.name !== 'font') assert.equal(await pressed(page, aid.button), 'true', `${at}: ${aid.name} pressed`);
          assert.ok((await status(page)).length > 0, `${at}: ${aid.name} is announced`);
          if (aid.name === 'guide') {
            assert.ok(await page.isVisible('.reading-guide'), `${at}: the guide line shows`);
          }
          // Colours and layout change with contrast and elder mode: axe each. The font step is
          // checked with everything on below; the guide line is aria-hidden and lets clicks through.
          if (aid.name === 'contrast' || aid.name === 'elder') await axeClean(page, `${at}, ${aid.name} on`);
          await page.click(aid.off ?? aid.button);
          assert.equal((await html(page))[aid.attr], undefined, `${at}: ${aid.name} off`);
        }
        if (kind === 'record') {
          const body = () => page.$eval('.record .body', (el) => parseFloat(getComputedStyle(el).fontSize));
          const medium = await body();
          await page.click('[data-record-font="large"]');
          assert.ok(await body() > medium, `${at}: 字号 大 enlarges the text`);
          assert.equal(await pressed(page, '[data-record-font="large"]'), 'true');
          await axeClean(page, `${at}, 字号 大`);
          await page.click('[data-record-font="small"]');
          assert.ok(await body() < medium, `${at}: 字号 小 shrinks the text`);
          await page.click('[data-record-font="medium"]');
          assert.equal(await body(), medium, `${at}: 字号 中 restores the text`);
        }
        // Everything on at once (the strongest mode) stays clean too.
        for (let i = 0; i < 4; i++) await page.click('[data-aid-font="1"]');
        await page.click('[data-aid-toggle="contrast"]');
        await page.click('[data-aid-toggle="elder"]');
        assert.ok(await page.isDisabled('[data-aid-font="1"]'), `${at}: the largest size disables A+`);
        await axeClean(page, `${at}, all aids`);
        await page.click('[data-aid-reset]');
        assert.deepEqual(await html(page), {}, `${at}: reset`);
        assert.deepEqual(ctx.pageErrors, [], `${at}: script errors`);
      }, { viewport: { width, height: 800 } }));
    }
  }
  await Promise.all(jobs);
});

test('a setting survives a page change and is shown as pressed there', async () => {
  const p = pages();
  await open(async (page) => {
    await page.goto(`${server.url}/index.html`);
    await page.click('[data-aid-toggle="elder"]');
    await page.click('[data-aid-toggle="contrast"]');
    await page.click('[data-aid-font="1"]');
    await Promise.all([page.waitForNavigation(), page.click('.site-nav a[href$="xxgk/index.html"]')]);
    const state = await html(page);
    assert.equal(state.elder, '', 'elder mode kept');
    assert.equal(state.contrast, '', 'high contrast kept');
    assert.equal(state.font, '1', 'font step kept');
    assert.equal(await pressed(page, '[data-aid-toggle="elder"]'), 'true');
    await page.goto(`${server.url}/${p.record}`);
    assert.equal((await html(page)).elder, '', 'kept on a record page');
    await page.click('[data-aid-reset]');
    await page.goto(`${server.url}/index.html`);
    assert.equal((await html(page)).elder, undefined, 'reset is kept too');
  });
});

test('keyboard only: skip link, the aids and the navigation are reached and used with Tab and Enter', async () => {
  await open(async (page) => {
    await page.goto(`${server.url}/index.html`);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { text: el.textContent.trim(), tag: el.tagName, outline: style.outlineStyle, shadow: style.boxShadow };
    });
    await page.keyboard.press('Tab');
    assert.equal((await focused()).tag, 'A', 'the skip link comes first');
    let f;
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (f.text === '高对比度') break;
    }
    assert.equal(f.text, '高对比度', 'Tab reaches the high-contrast button');
    assert.ok(f.outline !== 'none' || f.shadow !== 'none', 'the focus is visible');
    await page.keyboard.press('Enter');
    assert.equal((await html(page)).contrast, '', 'Enter switches high contrast on');
    await page.keyboard.press('Space');
    assert.equal((await html(page)).contrast, undefined, 'Space switches it off');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (f.text === '政府信息公开') break;
    }
    assert.equal(f.text, '政府信息公开', 'Tab reaches the navigation');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(page.url(), /xxgk\/index\.html$/);
  });
});

test('without JavaScript: no dead controls, the QR code and every link still there', async () => {
  const p = pages();
  await open(async (page) => {
    await page.goto(`${server.url}/${p.record}`);
    assert.equal(await page.isVisible('#aids'), false, 'the aids bar needs the script: hidden');
    assert.equal(await page.isVisible('.record-tools'), false, '打印/关闭/字号 need the script: hidden');
    assert.ok(await page.isVisible('.share-qr img.qr'), 'the QR code shows');
    assert.ok(await page.isVisible('.site-nav'), 'the navigation shows');
  }, { javaScriptEnabled: false });
});

test('record page: QR code of its own URL, 打印 opens the print dialog, metadata rows never blank', async () => {
  const p = pages();
  await open(async (page) => {
    await page.goto(`${server.url}/${p.record}`);
    const qr = await page.$eval('.share-qr', (el) => ({
      caption: el.querySelector('figcaption')?.textContent ?? '',
      alt: el.querySelector('img.qr')?.getAttribute('alt'),
      width: el.querySelector('img.qr')?.naturalWidth ?? 0,
      shown: el.querySelector('img.qr')?.getBoundingClientRect().width ?? 0,
    }));
    assert.match(qr.caption, /扫一扫/);
    assert.equal(qr.alt, '', 'the code is decorative; the caption says what it is');
    assert.ok(qr.width >= 21, `the PNG decodes (${qr.width} px wide)`);
    assert.ok(qr.shown >= 100, `the code is shown large enough to scan (${qr.shown} px)`);
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await page.click('[data-action="print"]');
    assert.equal(await page.evaluate(() => window.__printed), 1, '打印 calls the print dialog');
  });
  // Rows that do not apply are left out: no empty metadata cell on any record page.
  for (const name of readdirSync(join(SITE, 'doc')).filter((n) => n.endsWith('.html'))) {
    const text = readFileSync(join(SITE, 'doc', name), 'utf8');
    const meta = /<table class="meta">[\s\S]*?<\/table>/.exec(text)?.[0] ?? '';
    assert.doesNotMatch(meta, /<td( colspan="3")?>\s*<\/td>/, `doc/${name} shows a blank metadata cell`);
  }
});

test('print media: the record page prints metadata, body and attachments without navigation', async () => {
  const p = pages();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-print-'));
  await open(async (page) => {
    await page.goto(`${server.url}/${p.record}`);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-header', '.site-nav', '.site-footer', '.breadcrumb', '#aids', '.record-tools', '.prevnext']) {
      if (await page.$(sel)) assert.equal(await page.isVisible(sel), false, `${sel} is not printed`);
    }
    for (const sel of ['table.meta', '.record .body', '.attachments', '.share-qr']) {
      assert.ok(await page.isVisible(sel), `${sel} is printed`);
    }
    const shot = await page.screenshot({ path: join(dir, 'record-print.png'), fullPage: true });
    assert.ok(shot.length > 10_000, 'the print screenshot has content');
    // White paper, black text.
    const colors = await page.$eval('body', (b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
    assert.equal(colors[0], 'rgb(255, 255, 255)');
  });
});

test('phones 320-414 px: nothing runs off the page, navigation in rows, tap targets of 44 px, tables scroll in their box', async () => {
  const p = pages();
  const jobs = [];
  for (const width of [320, 360, 414]) {
    for (const path of Object.values(p)) {
      jobs.push(open(async (page) => {
        const at = `${path} at ${width}px`;
        await page.goto(`${server.url}/${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${at}: the page is ${overflow}px wider than the screen`);
        const small = await page.$$eval(
          '.site-nav a, #aids button, .aids-toggle, .record-tools button, .footer-links a, .pager a, .search-box button',
          (els) => els.filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim(), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 43.5),
        );
        assert.deepEqual(small, [], `${at}: tap targets under 44 px`);
        const nav = await page.$$eval('.site-nav a', (els) => els.map((e) => e.getBoundingClientRect().right));
        assert.ok(Math.max(...nav) <= width, `${at}: a navigation item is off the screen`);
        if (path === p.report) {
          const boxes = await page.$$eval('.table-scroll', (els) => els.map((e) => getComputedStyle(e).overflowX));
          assert.ok(boxes.length > 0 && boxes.every((o) => o === 'auto'), `${at}: report tables scroll in their box`);
        }
      }, { viewport: { width, height: 740 } }));
    }
  }
  await Promise.all(jobs);
});

test('footer: 找错 entry, HTML site map and an explained open-data page on every page type', async () => {
  const p = pages();
  await Promise.all(Object.values(p).map((path) => open(async (page) => {
    await page.goto(`${server.url}/${path}`);
    const links = await page.$$eval('.site-footer a', (as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
    const href = (text) => links.find(([t]) => t === text)?.[1];
    assert.match(href('我为政府网站找错') ?? '', /^https:\/\/zfwzgl\.www\.gov\.cn\/exposure\/jiucuo\.html\?site_code=\d+/, `${path}: 找错`);
    assert.match(href('网站地图') ?? '', /wzdt\.html$/, `${path}: the site map is an HTML page`);
    assert.ok(!links.some(([, h]) => /\.(xml|json|csv)$/.test(h)), `${path}: the footer opens raw data files`);
    assert.match(await page.textContent('.site-footer'), /主办单位：.+承办单位：/);
  })));
  await open(async (page) => {
    await page.goto(`${server.url}/kfsj.html`);
    const rows = await page.$$eval('table.open-data tbody tr', (trs) => trs.map((tr) => [tr.id, tr.querySelector('td')?.textContent ?? '']));
    for (const id of ['catalog-json', 'catalog-csv', 'ocds', 'popolo', 'feed']) {
      const row = rows.find(([r]) => r === id);
      assert.ok(row && /[\u4e00-\u9fff]{8,}/.test(row[1]), `kfsj.html explains ${id} in Chinese`);
    }
    await axeClean(page, 'kfsj.html');
    await page.goto(`${server.url}/wzdt.html`);
    assert.ok((await page.$$('.tree a')).length > 10, 'the site map lists the catalog');
    await axeClean(page, 'wzdt.html');
    await page.goto(`${server.url}/xxgk/index.html`);
    assert.ok(await page.isVisible('.entry-cards a[href$="zn.html#part2"]'), 'the landing has a 依申请公开 entry');
  });
});

test('speed: the record page is small, its scripts never block rendering, fonts are the system\'s', async () => {
  const p = pages();
  const page = readFileSync(join(SITE, p.record), 'utf8');
  for (const tag of page.match(/<script\b[^>]*>/g) ?? []) {
    assert.match(tag, /\b(defer|async|type="module")\b/, `a render-blocking script: ${tag}`);
  }
  const css = page.match(/href="([^"]+\.css)"/g).map((h) => h.slice(6, -1).replace(/^(\.\.\/)+/, ''));
  let total = gzipSync(page).length;
  for (const c of css) {
    const text = readFileSync(join(SITE, c), 'utf8');
    assert.doesNotMatch(text, /@font-face|url\(https?:/, `${c} loads a web font or a remote file`);
    total += gzipSync(text).length;
  }
  assert.ok(total <= 30 * 1024, `record page HTML+CSS is ${total} bytes compressed (limit 30 KB)`);
  assert.ok(existsSync(join(SITE, 'wzdt.html')) && /rel="icon"/.test(page), 'a favicon is linked');
});
