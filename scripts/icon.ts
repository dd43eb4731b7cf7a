// Makes resources/icon.png, the 128×128 Marketplace icon (vsce refuses an SVG there), from the activity-bar glyph
// resources/tinyforge.svg, drawn white on a rounded square by Debian's Chromium. Run by hand when the glyph changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from './e2e/codeServer';

const root = join(__dirname, '..');
const glyph = readFileSync(join(root, 'resources/tinyforge.svg'), 'utf8').replace('stroke="currentColor"', 'stroke="#ffffff"').replace('width="24" height="24"', 'width="96" height="96"');

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent"><div style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#8a4f8a,#5b2d73);display:flex;align-items:center;justify-content:center">${glyph}</div></body></html>`);
  await page.screenshot({ path: join(root, 'resources/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  await browser.close();
}

void main();
