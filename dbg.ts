import { demoRepoFolder } from './devserver/src/demo';
import { startDevServer } from './test/support/devServer';
import { openEditor, snap } from './test/support/workbench';
(async () => {
  const dev = await startDevServer();
  const editor = await openEditor({ open: { folder: demoRepoFolder(dev.dataDir, 'shop-api') }, settings: { 'tinyforge.url': dev.url }, env: { TINYFORGE_TOKEN: dev.adminToken } });
  const page = editor.page;
  try {
    await page.waitForTimeout(3000);
    const icon = page.locator('.activitybar .action-item a[aria-label^="Tinyforge"]');
    console.log('icons', await icon.count(), await page.locator('.activitybar .action-item a').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))));
    await icon.first().click();
    await page.waitForTimeout(5000);
    await snap(page, 'dbg-view');
    console.log(await page.locator('.pane-body .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))));
    console.log(dev.log.filter((l) => l.startsWith('GET')).length, dev.log.slice(-20).join('\n'));
  } finally { await editor.close(); await dev.stop(); }
})();
