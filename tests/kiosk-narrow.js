// tests/kiosk-narrow.js PAGE... -- each kiosk page, in Chromium at 320
// by 640 px, is no wider than the screen: a 落款 pushed right with a
// run of ideographic spaces (U+3000), a 29-character 索引号 or a long
// 文号 under an item's title once widened a page to 500 px (a kiosk
// is a touch screen, but its pages are also opened on phones, and a
// screen may be narrow and tall).  With SIGNS naming the folder of the
// pages' Markdown, each line of a 落款 there (one that starts with ten
// U+3000 or more) stands on one line at the right edge of its
// paragraph, at 320 px and on a screen 1280 px wide, on some page
// (tests/sign-edges.js).  Prints each failure and exits 1 if any.  Run
// by tests/kiosk.test.sh when AXE_MODULES names a node_modules folder
// holding playwright-core, and CHROMIUM the browser.
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.AXE_MODULES,
    'playwright-core'));
const { signLines, signEdges } = require('./sign-edges.js');

(async () => {
	const b = await chromium.launch({ executablePath: process.env.CHROMIUM,
	    args: ['--no-sandbox'] });
	const ctx = await b.newContext({ viewport: { width: 320,
	    height: 640 } });
	const wide = await b.newContext({ viewport: { width: 1280,
	    height: 800 } });
	const signs = process.env.SIGNS ? signLines(process.env.SIGNS) : [];
	let bad = 0, signed = 0;
	for (const f of process.argv.slice(2)) {
		const u = 'file://' + path.resolve(f).split('/')
		    .map(encodeURIComponent).join('/');
		let p = await ctx.newPage();
		await p.goto(u);
		const w = await p.evaluate(() =>
		    document.documentElement.scrollWidth);
		if (w > 320) {
			console.log(`${f}: ${w} px wide at 320`);
			bad++;
		}
		const e = await signEdges(p, '.k-body', signs);
		await p.close();
		if (e.found === 0)
			continue;
		signed++;
		p = await wide.newPage();
		await p.goto(u);
		const e2 = await signEdges(p, '.k-body', signs);
		await p.close();
		for (const [x, wd] of e.out.map(x => [x, 320]).concat(
		    e2.out.map(x => [x, 1280]))) {
			console.log(`${wd} px: ${f}: ${x}`);
			bad++;
		}
	}
	if (signs.length > 0 && signed === 0) {
		console.log(`no page shows a 落款 of ${process.env.SIGNS}`);
		bad++;
	}
	await b.close();
	process.exit(bad ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
