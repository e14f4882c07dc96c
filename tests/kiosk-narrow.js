// tests/kiosk-narrow.js PAGE... -- each kiosk page, in Chromium at 320
// by 640 px, is no wider than the screen: a 落款 pushed right with a
// run of ideographic spaces (U+3000), a 29-character 索引号 or a long
// 文号 under an item's title once widened a page to 500 px (a kiosk
// is a touch screen, but its pages are also opened on phones, and a
// screen may be narrow and tall).  Prints each page that is wider and
// exits 1 if any.  Run by tests/kiosk.test.sh when AXE_MODULES names a
// node_modules folder holding playwright-core, and CHROMIUM the browser.
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.AXE_MODULES,
    'playwright-core'));

(async () => {
	const b = await chromium.launch({ executablePath: process.env.CHROMIUM,
	    args: ['--no-sandbox'] });
	const ctx = await b.newContext({ viewport: { width: 320,
	    height: 640 } });
	let bad = 0;
	for (const f of process.argv.slice(2)) {
		const p = await ctx.newPage();
		await p.goto('file://' + path.resolve(f).split('/')
		    .map(encodeURIComponent).join('/'));
		const w = await p.evaluate(() =>
		    document.documentElement.scrollWidth);
		if (w > 320) {
			console.log(`${f}: ${w} px wide at 320`);
			bad++;
		}
		await p.close();
	}
	await b.close();
	process.exit(bad ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
