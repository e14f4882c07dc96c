// tests/axe-check.js SITE -- runs axe-core (its default rules: WCAG 2
// A and AA and best practices) in Chromium over a page of each kind of
// a built site, from disk: once as it is, once without script (script
// files refused, <noscript> shown), and the search page with a query.
// Then, on a phone 320 px wide, it tabs to the first wide table's
// scrolling region (.table-wrap) of each of those pages that has one:
// the region must show a solid ring 2 px wide or more, of 3:1 against
// what is behind it (WCAG 2.4.7, 2.4.11, 1.4.11), inside the screen,
// and focusing it must not widen the page.
// Prints each violation and exits 1 if there is any.  Run by
// tests/pages.test.sh only when AXE_MODULES names a node_modules folder
// holding axe-core and playwright-core, and CHROMIUM the browser:
// neither is a dependency of gongkai.  AXE_ALL=1 checks every page
// instead of one of each kind (slow: for sweeps over real content).
'use strict';
const fs = require('fs'), path = require('path');
const mods = process.env.AXE_MODULES;
const { chromium } = require(path.join(mods, 'playwright-core'));
const axeSrc = fs.readFileSync(path.join(mods, 'axe-core', 'axe.min.js'),
    'utf8');
const site = path.resolve(process.argv[2]);

const walk = require('./htmlfiles.js').htmlFiles;

// A page of each kind: its <body> class, and for programme and hotline
// pages their folder and whether it is the index.
function kind(f) {
	const t = fs.readFileSync(f, 'utf8');
	const m = /<body[^>]*?(?: class="([^"]*)")?[^>]*>/.exec(t);
	let k = f.endsWith('/embed/catalogue.html') ? 'embed' :
	    f.endsWith('/embed/frame.html') ? 'embed frame' :
	    m ? m[1] || 'display' : '?';
	if (/page-(programme|hotline)/.test(k))
		k += ' ' + path.basename(path.dirname(f)) + ' ' +
		    (path.basename(f) === 'index.html');
	return k;
}

// What is wrong with the focus ring of page f's first table region,
// reached with the Tab key, or '' if nothing.
async function ring(ctx, f) {
	const page = await ctx.newPage();
	await page.goto('file://' + f.split('/').map(encodeURIComponent)
	    .join('/'));
	const wide = await page.evaluate(() =>
	    document.documentElement.scrollWidth);
	let i, on = false;
	for (i = 0; i < 400 && !on; i++) {
		await page.keyboard.press('Tab');
		on = await page.evaluate(() => document.activeElement !== null &&
		    document.activeElement.classList.contains('table-wrap'));
	}
	const why = !on ? 'no region reached with Tab' :
	    await page.evaluate((wide) => {
		const lum = (c) => {
			const v = c.match(/[\d.]+/g).slice(0, 3).map(x => {
				x /= 255;
				return x <= 0.03928 ? x / 12.92 :
				    Math.pow((x + 0.055) / 1.055, 2.4);
			});
			return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
		};
		const opaque = (c) => !/^rgba\(.*, 0\)$/.test(c) &&
		    c !== 'transparent';
		const el = document.activeElement, s = getComputedStyle(el);
		const w = parseFloat(s.outlineWidth);
		const off = parseFloat(s.outlineOffset) || 0;
		if (!el.matches(':focus-visible'))
			return 'not :focus-visible after Tab';
		if (s.outlineStyle !== 'solid' || !(w >= 2))
			return 'ring ' + s.outlineStyle + ' ' + s.outlineWidth;
		let b = el.parentElement, bg = 'rgb(255, 255, 255)';
		for (; b !== null; b = b.parentElement)
			if (opaque(getComputedStyle(b).backgroundColor)) {
				bg = getComputedStyle(b).backgroundColor;
				break;
			}
		const l1 = lum(s.outlineColor), l2 = lum(bg);
		const cr = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		if (cr < 3)
			return 'ring contrast ' + cr.toFixed(2) + ':1 on ' + bg;
		const r = el.getBoundingClientRect(), out = w + off;
		if (r.left - out < 0 || r.right + out > window.innerWidth)
			return 'ring outside the screen (' + (r.left - out) +
			    ' to ' + (r.right + out) + ')';
		if (document.documentElement.scrollWidth > wide)
			return 'focus widened the page to ' +
			    document.documentElement.scrollWidth + ' px';
		return '';
	}, wide);
	await page.close();
	return why;
}

(async () => {
	const seen = new Set(), pages = [];
	for (const f of walk(site)) {
		const k = process.env.AXE_ALL ? f : kind(f);
		if (!seen.has(k)) {
			seen.add(k);
			pages.push(f);
		}
	}
	const browser = await chromium.launch({
	    executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
	let bad = 0;
	async function run(ctx, f, query, noscript) {
		const page = await ctx.newPage();
		const url = 'file://' + f.split('/').map(encodeURIComponent)
		    .join('/');
		if (f.endsWith('/embed/catalogue.html')) {
			// a fragment: inside a portal's page
			await page.setContent('<!DOCTYPE html><html lang="zh-CN">' +
			    '<head><meta charset="utf-8"><title>portal</title>' +
			    '</head><body><main><h1>portal</h1>' +
			    fs.readFileSync(f, 'utf8') + '</main></body></html>');
		} else
			await page.goto(url + (query ? '?q=' +
			    encodeURIComponent(query) : ''));
		if (query)
			await page.waitForSelector('#results li');
		if (noscript)
			await page.evaluate(() => {
				for (const n of document.querySelectorAll('noscript')) {
					const t = document.createElement('template');
					t.innerHTML = n.textContent;
					n.replaceWith(t.content);
				}
			});
		await page.evaluate(axeSrc);
		const r = await page.evaluate(() => axe.run());
		for (const v of r.violations) {
			bad++;
			console.log(path.relative(site, f) + (query ? '?q=' + query :
			    '') + (noscript ? ' (no script)' : '') + ': ' + v.id +
			    ' (' + v.impact + '): ' + v.help);
			for (const n of v.nodes)
				console.log('    ' + n.html.slice(0, 160));
		}
		await page.close();
	}
	// the pages' own Content-Security-Policy would refuse axe itself
	const on = await browser.newContext({ bypassCSP: true });
	for (const f of pages)
		await run(on, f, null, false);
	await run(on, path.join(site, 'search.html'), '计划生育', false);
	// the ring of a focused table region, on a phone
	const phone = await browser.newContext({
	    viewport: { width: 320, height: 640 } });
	for (const f of pages) {
		if (!fs.readFileSync(f, 'utf8').includes('class="table-wrap'))
			continue;
		const why = await ring(phone, f);
		if (why) {
			bad++;
			console.log(path.relative(site, f) +
			    ': table-wrap-focus: ' + why);
		}
	}
	const off = await browser.newContext({ bypassCSP: true });
	await off.route(/\.js(\?.*)?$/, r => r.abort());
	for (const f of pages)
		await run(off, f, null, true);
	await browser.close();
	console.log(pages.length + ' pages, ' + bad + ' violations');
	process.exit(bad ? 1 : 0);
})().catch(e => { console.log(String(e)); process.exit(2); });
