// The screenshots of docs/用户手册.md, made from the example site with Debian's Chromium:
//
//   node scripts/screenshots.mjs [path/to/gongkai]     (default target/debug/gongkai)
//
// docs/img/check.png          `gongkai check` on a copy of the example site with three slips of the pen
// docs/img/draft-preview.png  a draft in `gongkai serve --drafts`, with its 草稿 banner
//
// Uses the Playwright setup of the browser tests (tests/browser/node_modules, run
// `bash scripts/setup.sh` first). The clock is pinned, so the pictures change only when the site,
// the theme or the messages do. Keep them small: each is checked to stay under 150 KB.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withBrowser, withPage } from '../tests/browser/lib/browser.mjs';
import { REPO, copyExample, freePort } from '../tests/browser/lib/site.mjs';

const BIN = process.argv[2] ?? join(REPO, 'target', 'debug', 'gongkai');
const NOW = '2026-11-25T12:00:00+08:00';
const IMG = join(REPO, 'docs', 'img');
const DRAFT = '/doc/11430199MB0000000X-2026-00036.html';
const MAX_BYTES = 150 * 1024;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A terminal-like page showing a command and what it printed. */
function terminal(command, output) {
  const lines = escape(output.trimEnd())
    .replace(/^(error|错误)(\[)/gm, '<b class=e>$1</b>$2')
    .replace(/^(warning|警告)(\[)/gm, '<b class=w>$1</b>$2');
  return `<!doctype html><meta charset=utf-8><style>
    body{margin:0;background:#1e1e1e}
    pre{margin:0;padding:14px 18px;color:#ddd;font:14px/1.55 "Noto Sans Mono CJK SC","Noto Sans CJK SC",monospace;white-space:pre-wrap;width:980px}
    .p{color:#8fd18f}.e{color:#ff6b6b}.w{color:#e5c07b}</style>
    <pre><span class=p>$ ${escape(command)}</span>\n${lines}</pre>`;
}

async function checkPicture(browser) {
  const site = copyExample('gongkai-screenshots-');
  try {
    const edit = (rel, f) => writeFileSync(join(site, rel), f(readFileSync(join(site, rel), 'utf8')));
    edit('content/tzgg/2026-2027yd-zbap-draft.md', (t) => t.replace(/^title: /m, 'title：'));
    edit('content/zfcg/cggg/2026-zwy-dyly-gs.md', (t) => t.replace(/^publisher: .*$/m, 'publisher: 区政府'));
    edit('content/zcwj/gfxwj/2026-zdsg-zqyj-draft.md', (t) => t.replace(/^genre: .*$/m, 'genre: 通令'));
    const run = spawnSync(BIN, ['check', '--site', site], { env: { ...process.env, GONGKAI_NOW: NOW }, encoding: 'utf8' });
    const errors = run.stderr.split('\n').filter((l) => /^(error|warning|错误|警告)\[|^\d+ (error|个错误)/.test(l));
    await shoot(browser, terminal('gongkai check', errors.join('\n')), 'check.png');
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

async function shoot(browser, html, name) {
  await withPage(async (page) => {
    await page.setContent(html);
    const box = await page.locator('pre').boundingBox();
    await page.screenshot({ path: join(IMG, name), clip: box });
  }, { browser, context: { viewport: { width: 1020, height: 400 } } });
}

async function draftPicture(browser) {
  const site = copyExample('gongkai-screenshots-');
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--drafts', '--port', String(port), '--site', site], {
    env: { ...process.env, GONGKAI_NOW: NOW },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/`)).status === 200) break;
      } catch { /* not listening yet */ }
      if (i > 600) throw new Error('serve --drafts did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    await withPage(async (page) => {
      await page.goto(base + DRAFT);
      await page.screenshot({ path: join(IMG, 'draft-preview.png'), clip: { x: 0, y: 0, width: 1000, height: 460 } });
    }, { browser, context: { viewport: { width: 1000, height: 800 } } });
  } finally {
    child.kill('SIGINT');
    await new Promise((res) => (child.exitCode !== null ? res() : child.once('exit', res)));
    rmSync(site, { recursive: true, force: true });
  }
}

await withBrowser(async (browser) => {
  await checkPicture(browser);
  await draftPicture(browser);
});
for (const name of ['check.png', 'draft-preview.png']) {
  const size = statSync(join(IMG, name)).size;
  if (size > MAX_BYTES) throw new Error(`docs/img/${name} is ${size} bytes, over ${MAX_BYTES}`);
  console.log(`docs/img/${name}: ${Math.round(size / 1024)} KB`);
}
