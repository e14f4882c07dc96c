// tests/pages-narrow.js SITE... -- what real documents did to the web
// pages of a built site, checked in Chromium from disk.  On a phone 320
// px wide (WCAG 1.4.10: no sideways scrolling at 320 CSS px), on every
// item page (one with the 信息基本情况 table):
//   - the page is no wider than the screen: a 落款 pushed right with
//     a run of ideographic spaces (U+3000) once stuck 30 to 100 px out;
//   - the 索引号 breaks, if at all, only after a '/' or '-', never
//     inside a number (word-break: break-all put the last 9 of
//     54510124MF00009999/2026-00001 on a line of its own).
// On that phone and on a screen 1280 px wide, each line of such a 落款
// (one that starts with ten U+3000 or more in an item of tests/pages)
// stands on one line at the right edge of its paragraph, as on paper:
// its spaces once wrapped it to the left on a phone, and on a wide
// screen left it where they ended (tests/sign-edges.js).  On the
// search page, and in the red header of an item page, the search
// field's focus ring: a solid ring 2 px wide or more, one of whose
// colours (the outline, or a shadow spread beyond it) stands at 3:1 or
// more against the page behind it (WCAG 2.4.11, 1.4.11).
// Prints each failure and exits 1 if any.  Run by tests/pages.test.sh
// when AXE_MODULES names a node_modules folder holding playwright-core,
// and CHROMIUM the browser.
'use strict';
const fs = require('fs'), path = require('path');
const { chromium } = require(path.join(process.env.AXE_MODULES,
    'playwright-core'));

const walk = require('./htmlfiles.js').htmlFiles;
const { signLines, signEdges } = require('./sign-edges.js');

const url = f => 'file://' + f.split('/').map(encodeURIComponent).join('/');

// Relative luminance and contrast of CSS rgb()/rgba() colours.
function lum(c) {
	const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)/.exec(c);
	const v = [m[1], m[2], m[3]].map(x => {
		x = x / 255;
		return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function contrast(a, b) {
	const x = lum(a), y = lum(b);
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

(async () => {
	const signs = signLines(path.join(__dirname, 'pages', 'content'));
	const sites = process.argv.slice(2).map(s => path.resolve(s));
	const all = [].concat(...sites.map(walk));
	const items = all.filter(f =>
	    fs.readFileSync(f, 'utf8').includes('class="meta-table"'));
	const bad = [];
	const b = await chromium.launch({ executablePath: process.env.CHROMIUM,
	    args: ['--no-sandbox'] });
	const phone = await b.newContext({ viewport: { width: 320,
	    height: 640 } });
	const wide = await b.newContext({ viewport: { width: 1280,
	    height: 800 } });
	let signed = 0;
	for (const f of items) {
		let p = await phone.newPage();
		await p.goto(url(f));
		const r = await p.evaluate(() => {
			const de = document.documentElement, out = [];
			if (de.scrollWidth > de.clientWidth)
				out.push(`${de.scrollWidth} px wide at ` +
				    `${de.clientWidth}`);
			for (const th of document.querySelectorAll(
			    '.meta-table th')) {
				if (th.textContent !== '索引号')
					continue;
				const td = th.nextElementSibling;
				const t = td.firstChild;
				if (t === null || t.nodeType !== 3)
					continue;
				const s = t.textContent, rg = document.createRange();
				let top = null;
				for (let i = 0; i < s.length; i++) {
					rg.setStart(t, i);
					rg.setEnd(t, i + 1);
					const y = rg.getBoundingClientRect().top;
					if (top !== null && y > top + 2 &&
					    !'/-'.includes(s[i - 1]))
						out.push(`索引号 ${s} breaks before ` +
						    `"${s.slice(i)}"`);
					top = y;
				}
			}
			return out;
		});
		for (const x of r)
			bad.push(`320 px: ${f}: ${x}`);
		let e = await signEdges(p, '.article-body', signs);
		for (const x of e.out)
			bad.push(`320 px: ${f}: ${x}`);
		await p.close();
		if (e.found === 0)
			continue;
		signed++;
		p = await wide.newPage();
		await p.goto(url(f));
		e = await signEdges(p, '.article-body', signs);
		for (const x of e.out)
			bad.push(`1280 px: ${f}: ${x}`);
		await p.close();
	}
	if (signed === 0)
		bad.push('no item page with a 落款 of tests/pages');
	const fields = all.filter(f => path.basename(f) === 'search.html')
	    .map(f => [f, '#q']);
	if (items.length > 0)	/* the box in the red header */
		fields.push([items[0], '.site-search input[type="search"]']);
	for (const [f, sel] of fields) {
		const p = await phone.newPage();
		await p.goto(url(f));
		await p.focus(sel);
		const r = await p.evaluate(() => {
			const e = document.activeElement, s = getComputedStyle(e);
			let a = e.parentElement, bg;
			for (; a !== null; a = a.parentElement) {
				bg = getComputedStyle(a).backgroundColor;
				if (!/rgba\(.*, 0\)$|transparent/.test(bg))
					break;
			}
			if (a === null)
				bg = 'rgb(255, 255, 255)';
			const rings = [];
			const ow = parseFloat(s.outlineWidth);
			if (s.outlineStyle === 'solid' && ow >= 2)
				rings.push(s.outlineColor);
			// a shadow spread past the outline is a second ring
			const m = /(rgba?\([^)]*\)) 0px 0px 0px ([\d.]+)px/
			    .exec(s.boxShadow);
			if (m && parseFloat(m[2]) -
			    (s.outlineStyle === 'solid' ? ow : 0) >= 2)
				rings.push(m[1]);
			return { rings, bg };
		});
		const best = Math.max(0, ...r.rings.map(c => contrast(c, r.bg)));
		if (best < 3)
			bad.push(`${f}: ${sel}'s focus ring ` +
			    `(${r.rings.join(', ') || 'none'}) is ` +
			    `${best.toFixed(2)}:1 on ${r.bg}`);
		await p.close();
	}
	await b.close();
	for (const x of bad)
		console.log(x);
	process.exit(bad.length ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
