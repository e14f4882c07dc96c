/*
 * tests/search-dom.js -- runs search.html's script against a small fake
 * document, as a browser opening SITE/search.html?q=QUERY would: the
 * page part of assets/search.js (the form, <script> elements for the
 * index files, the results list, the status line).
 *
 *   node tests/search-dom.js SITE QUERY [UNIT]
 *
 * Prints the status line, then one line per result link (href, text
 * with the marked places as <mark>…</mark>),
 * then "more" if the "more results" button shows.  Exits 1 if the
 * script threw or the page reported that the index could not load.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, query, unit] = process.argv.slice(2);

class El {
	constructor(tag) {
		this.tagName = tag;
		this.children = [];
		this.attrs = {};
		this.hidden = false;
		this.disabled = false;
		this.value = "";
		this._text = "";
		this.parentNode = null;
	}
	appendChild(c) {
		c.parentNode = this;
		this.children.push(c);
		if (c.tagName === "script")
			setTimeout(() => runScript(c), 0);
		return c;
	}
	removeChild(c) {
		this.children = this.children.filter((x) => x !== c);
	}
	getAttribute(k) { return this.attrs[k]; }
	setAttribute(k, v) { this.attrs[k] = v; }
	set textContent(t) { this._text = t; this.children = []; }
	get textContent() {
		return this._text + this.children.map((c) => c.textContent)
		    .join("");
	}
	focus() {}
}

const ids = {};
for (const id of ["search-form", "q", "search-unit", "search-status",
    "search-scope", "results", "search-more"])
	ids[id] = new El(id === "results" ? "ol" : "p");
ids["search-form"].attrs["data-index"] = "assets/search/";
ids["search-unit"].disabled = true;
ids["search-more"].hidden = true;

let failed = false;
const document = {
	title: "搜索",
	head: new El("head"),
	getElementById: (id) => ids[id] || null,
	createElement: (t) => new El(t),
	createTextNode: (t) => { const e = new El("#text"); e._text = t; return e; },
};
const search = "?q=" + encodeURIComponent(query) +
    (unit ? "&unit=" + encodeURIComponent(unit) : "");
const ctx = vm.createContext({ document, location: { search }, console,
    setTimeout });
ctx.window = ctx;

function runScript(s) {
	const file = path.join(site, s.src);
	try {
		vm.runInContext(fs.readFileSync(file, "utf8"), ctx,
		    { filename: file });
	} catch (e) {
		if (s.onerror)
			s.onerror(e);
		return;
	}
	if (s.onload)
		s.onload();
}

process.on("uncaughtException", (e) => {
	console.log("FAIL script threw: " + (e && e.stack || e));
	process.exit(1);
});
vm.runInContext(fs.readFileSync(path.join(site, "assets", "search.js"),
    "utf8"), ctx, { filename: "search.js" });

/* done when nothing has changed for a while (every load is a timer) */
let last = "", still = 0;
setTimeout(function done() {
	const status = ids["search-status"].textContent;
	const now = status + "|" + ids.results.children.length + "|" +
	    ids["search-more"].hidden;
	if (now !== last || status === "正在搜索……" || still < 10) {
		still = now === last ? still + 1 : 0;
		last = now;
		return setTimeout(done, 20);
	}
	console.log(status);
	for (const li of ids.results.children) {
		const a = li.children[0];
		/* the marked places as <mark>…</mark> */
		console.log(a.href + " " + a.children.map((c) =>
		    c.tagName === "mark" ? "<mark>" + c.textContent + "</mark>" :
		    c.textContent).join(""));
	}
	if (!ids["search-more"].hidden)
		console.log("more");
	if (/无法加载/.test(status) || failed)
		process.exit(1);
}, 20);
