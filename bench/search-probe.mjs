// Search figures for a built site (issue 4's targets): for each query, the bytes of index the
// browser downloads (gzip, as a static server sends them) and the time to the first results,
// measured in headless Chromium against the site served on 127.0.0.1.
//
//   node bench/search-probe.mjs SITE_DIR [query …]
//
// Uses the test harness in tests/browser/lib (run `bash scripts/setup.sh` once).
import { startServer } from '../tests/browser/lib/server.mjs';
import { withBrowser, withPage } from '../tests/browser/lib/browser.mjs';

const [site, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search-probe.mjs SITE_DIR [query …]');
  process.exit(2);
}
const queries = given.length ? given : ['预算', '政府采购', '信息公开', '公开招标', '城乡建设', '安全生产检查', '2025'];
const server = await startServer({ root: site });
const rows = [];
try {
  await withBrowser(async (browser) => {
    await withPage(async (page) => {
      for (const q of queries) {
        server.resetStats();
        await page.goto(`${server.url}/search.html?q=${encodeURIComponent(q)}`);
        await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 30000 });
        const r = await page.evaluate(() => ({
          status: document.querySelector('#search-status').textContent,
          search: performance.getEntriesByName('gk-search')[0]?.duration,
          first: performance.getEntriesByName('gk-search-results')[0]?.startTime,
        }));
        const bytes = server.bytesSent((x) => x.path.includes('/search/'));
        rows.push({ q, status: r.status, kb: (bytes / 1024).toFixed(1), search: r.search?.toFixed(0), first: r.first?.toFixed(0) });
      }
    }, { browser });
  });
} finally {
  await server.close();
}
console.log('| query | result | index downloaded (KB, gzip) | search time (ms) | first result after navigation (ms) |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.q} | ${r.status} | ${r.kb} | ${r.search} | ${r.first} |`);
