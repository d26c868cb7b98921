// Launch Debian's Chromium through playwright-core (no downloaded browser: `npx playwright install`
// cannot work on these machines).
//
//   await withPage(async (page, ctx) => {
//     await page.goto(`${server.url}/index.html`);
//     assert.deepEqual(ctx.pageErrors, []);
//   });
//
// Every launch gets a fresh, empty profile: playwright's chromium.launch() creates a temporary
// user-data-dir itself and deletes it on close (it refuses a --user-data-dir argument).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';

// The background-networking flags matter: without them Chromium keeps trying to reach Google's
// hosts through this machine's closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Default context: a Chinese-language reader in China's time zone on a desktop-sized window. */
export const DEFAULT_CONTEXT = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1280, height: 800 },
};

export async function launch(options = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run scripts/setup.sh (apt package chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

const isLocal = (url) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};

/**
 * Run fn(page, ctx) in a new page and close everything afterwards, even when fn throws.
 * ctx = {browser, context, consoleErrors, pageErrors, externalRequests}.
 * Options:
 *   browser        reuse an already launched browser (it is left open); otherwise one is launched
 *   context        options for browser.newContext(), merged over DEFAULT_CONTEXT
 *   blockExternal  abort requests to hosts other than localhost and record them (default true):
 *                  the site must be self-contained, and the machine has no network anyway
 */
export async function withPage(fn, { browser, context: contextOptions = {}, blockExternal = true } = {}) {
  const ownBrowser = !browser;
  const b = browser ?? (await launch());
  const ctx = { browser: b, context: null, consoleErrors: [], pageErrors: [], externalRequests: [] };
  try {
    ctx.context = await b.newContext({ ...DEFAULT_CONTEXT, ...contextOptions });
    if (blockExternal) {
      await ctx.context.route((url) => !isLocal(url.href), (route) => {
        ctx.externalRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      });
    }
    const page = await ctx.context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') ctx.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => ctx.pageErrors.push(String(err?.stack ?? err)));
    return await fn(page, ctx);
  } finally {
    await ctx.context?.close().catch(() => {});
    if (ownBrowser) await b.close().catch(() => {});
  }
}

/** Run fn(browser) with one browser for several pages (pass it to withPage as {browser}). */
export async function withBrowser(fn, options) {
  const b = await launch(options);
  try {
    return await fn(b);
  } finally {
    await b.close().catch(() => {});
  }
}
