import { startServer } from './lib/server.mjs';
import { withBrowser, withPage } from './lib/browser.mjs';
const server = await startServer({ root: process.argv[2] });
const shots = JSON.parse(process.argv[3]);
await withBrowser(async (browser) => {
  await Promise.all(shots.map(([path, width, name, setup, media]) => withPage(async (page, ctx) => {
    await page.goto(`${server.url}/${path}`);
    if (setup) await page.evaluate(setup);
    if (media) await page.emulateMedia({ media });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `/tmp/h24-${name}.png`, fullPage: false });
    if (ctx.pageErrors.length) console.log(name, ctx.pageErrors);
  }, { browser, context: { viewport: { width, height: width > 500 ? 900 : 740 } } })));
});
await server.close();
