// tests/axe-check.js SITE -- runs axe-core (its default rules: WCAG 2
// A and AA and best practices) in Chromium over a page of each kind of
// a built site, from disk: once as it is, once without script (script
// files refused, <noscript> shown), and the search page with a query.
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

function walk(d) {
	let r = [];
	for (const e of fs.readdirSync(d, { withFileTypes: true })) {
		const p = path.join(d, e.name);
		if (e.isDirectory())
			r = r.concat(walk(p));
		else if (e.name.endsWith('.html'))
			r.push(p);
	}
	return r.sort();
}

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
	const off = await browser.newContext({ bypassCSP: true });
	await off.route(/\.js(\?.*)?$/, r => r.abort());
	for (const f of pages)
		await run(off, f, null, true);
	await browser.close();
	console.log(pages.length + ' pages, ' + bad + ' violations');
	process.exit(bad ? 1 : 0);
})().catch(e => { console.log(String(e)); process.exit(2); });
