// tests/display-fit.js PAGE -- shows each slide of a display page in
// Chromium at 1366x768, 1920x1080 and 1024x768 and checks that its
// line of date and 索引号 and its QR code end above the footer, and
// that no row of its table shows cut: each row that starts in the box
// of the rows ends in it too (a row past the room is hidden whole,
// right of the box, not half shown at its bottom).  Prints
// each slide that does not fit and exits 1 if any.  Run by
// tests/display.test.sh when AXE_MODULES names a node_modules folder
// holding playwright-core, and CHROMIUM the browser.
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.AXE_MODULES,
    'playwright-core'));

(async () => {
	const b = await chromium.launch({ executablePath: process.env.CHROMIUM,
	    args: ['--no-sandbox'] });
	let bad = 0;
	for (const [w, h] of [[1366, 768], [1920, 1080], [1024, 768]]) {
		const p = await b.newPage({ viewport: { width: w, height: h } });
		await p.goto('file://' + path.resolve(process.argv[2]));
		const r = await p.evaluate(() => {
			const out = [];
			const foot = document.querySelector('.d-foot')
			    .getBoundingClientRect().top;
			document.querySelectorAll('.slide').forEach((s, i) => {
				s.style.visibility = 'visible';
				const m = s.querySelector('.meta')
				    .getBoundingClientRect().bottom;
				const q = s.querySelector('.side')
				    .getBoundingClientRect().bottom;
				if (m > foot || q > foot)
					out.push(`slide ${i + 1}: meta ends ` +
					    `at ${m}, QR at ${q}, footer at ` +
					    `${foot}`);
				const box = s.querySelector('.d-rows');
				const bb = box !== null ?
				    box.getBoundingClientRect() : null;
				(box !== null ? box.querySelectorAll('tr') :
				    []).forEach((tr, j) => {
					const r = tr.getBoundingClientRect();
					if (r.left < bb.right - 1 &&
					    r.top < bb.bottom - 1 &&
					    r.bottom > bb.bottom + 0.5)
						out.push(`slide ${i + 1}: row ` +
						    `${j + 1} ends at ` +
						    `${r.bottom}, its box at ` +
						    `${bb.bottom}`);
				});
				s.style.visibility = '';
			});
			return out;
		});
		for (const l of r)
			console.log(`${w}x${h}: ${l}`);
		bad += r.length;
		await p.close();
	}
	await b.close();
	process.exit(bad ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
