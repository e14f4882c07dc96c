/*
 * tests/search-check.js -- runs a built site's search script under Node
 * as the browser would and checks its answers against the item pages.
 *
 *   node tests/search-check.js SITE [options]
 *     --queries N     queries to draw (default 300)
 *     --seed S        their random stream (default 1)
 *     --absent WORD   a word that must find nothing (repeatable)
 *     --present WORD  a word that must find something (repeatable)
 *     --max-bytes N   fail if a query reads more index bytes than N
 *     --sample N      read only every item page in N (a big site): the
 *                     queries come from those, and only bytes, and that
 *                     each query finds its own page, are checked
 *
 * The expected answer is computed here, independently of the index:
 * from every built item page (body class "page-item") it takes what a
 * reader sees -- the <h1> title, the 索引号 and 文号 cells, the text of
 * the article body -- splits it into blocks at block tags, folds it
 * (ASCII lower case, full-width forms to ASCII, brackets to ( and ),
 * traditional characters to simplified, white space to one space
 * between letters or digits and to nothing elsewhere, what shows
 * nothing left out) and says an item
 * matches when, for each word of the query (folded alike), a block
 * holds it.  The
 * search script (assets/search.js) is evaluated in a fresh context with
 * no document; each index file it asks for is read from SITE and
 * evaluated there too, with the registration function the script
 * defines, exactly as its <script> element would be.
 *
 * Checked: every expected item is found (no misses), nothing else is
 * (no false positives, after the page's check of long queries), nothing
 * that is not an item page of the site, title hits come first and each
 * group is newest first, unit= keeps to the unit's folder, every
 * result line links an existing page.  Printed: index size, files,
 * bytes read per query (index files for the answer and the lines of the
 * first 20 results), median and worst, and the false positives.
 * Exits 1 on a failure.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const args = process.argv.slice(2);
const site = args.shift();
const opt = { queries: 300, seed: 1, absent: [], present: [], maxBytes: 0,
    exact: false };
while (args.length > 0) {
	const a = args.shift();
	if (a === "--queries") opt.queries = +args.shift();
	else if (a === "--seed") opt.seed = +args.shift();
	else if (a === "--absent") opt.absent.push(args.shift());
	else if (a === "--present") opt.present.push(args.shift());
	else if (a === "--max-bytes") opt.maxBytes = +args.shift();
	else if (a === "--sample") opt.sample = +args.shift();
	else { console.error("unknown option " + a); process.exit(2); }
}

let failures = 0;
function fail(msg) {
	failures++;
	if (failures <= 30)
		console.log("FAIL " + msg);
}

/* ---- the expected answer, from the pages --------------------------- */

function walk(dir, out) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) {
			if (p !== path.join(site, "assets"))
				walk(p, out);
		} else if (e.name.endsWith(".html"))
			out.push(p);
	}
	return out;
}

function decode(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi,
	    (m, e) => {
		if (e[0] === "#")
			return String.fromCodePoint(e[1] === "x" || e[1] === "X" ?
			    parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return { amp: "&", lt: "<", gt: ">", quot: "\"",
		    apos: "'" }[e.toLowerCase()];
	});
}

const BLOCK = /<\/?(p|h[1-6]|li|ul|ol|blockquote|pre|table|thead|tbody|tr|td|th|div|caption|hr|br|section|dl|dt|dd)\b[^>]*>/gi;

/* The blocks a reader sees in an HTML fragment. */
function blocks(html) {
	return decode(html.replace(BLOCK, "\u0000").replace(/<[^>]*>/g, ""))
	    .split("\u0000");
}

/*
 * Folded as the index is (search.h), written here again on purpose:
 * white space is one space between letters or digits and nothing
 * elsewhere, full-width forms are ASCII, letters lower case, brackets
 * ( and ), traditional characters simplified by the table the build
 * wrote (assets/search/fold.js, from the same data as the C table),
 * the default ignorable code points (U+200B, U+FEFF, U+00AD...) left
 * out, as Unicode says which they are (util.c, cp_ignorable, lists them).
 */
const T2S = new Map();
{
	const m = /^gkSearchPart\("fold",("(?:[^"\\]|\\.)*")\);\n$/.exec(
	    fs.readFileSync(path.join(site, "assets", "search", "fold.js"),
	    "utf8"));
	/* pairs: the step from the last traditional character in base
	 * 36, then the simplified one */
	let key = 0;
	for (const [, step, to] of (m ? JSON.parse(m[1]) : "")
	    .matchAll(/([0-9a-z]+)([^\x00-\x7f])/gu)) {
		key += parseInt(step, 36);
		T2S.set(String.fromCodePoint(key), to);
	}
	if (T2S.size < 2000 || !T2S.has("計"))
		fail("fold.js holds no table of traditional characters");
}
const BRACKET = { "[": "(", "]": ")", "【": "(", "】": ")", "〔": "(",
    "〕": ")", "〖": "(", "〗": ")", "〘": "(", "〙": ")", "\uff5f": "(",
    "\uff60": ")" };
const isWord = (ch) => /^[0-9a-z\u00c0-\u1fff\uac00-\ud7a3]$/.test(ch);
function fold(s) {
	let out = [], space = false;
	for (const ch of s) {
		let c = ch.codePointAt(0);
		if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x3000 ||
		    c === 0x2028 || c === 0x2029) {
			space = true;
			continue;
		}
		if (/\p{Default_Ignorable_Code_Point}/u.test(ch))
			continue;
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0;
		if (c >= 0x41 && c <= 0x5a)
			c += 0x20;
		let f = String.fromCodePoint(c);
		f = BRACKET[f] || T2S.get(f) || f;
		if (space && out.length > 0 && isWord(out[out.length - 1]) &&
		    isWord(f))
			out.push(" ");
		space = false;
		out.push(f);
	}
	return out.join("");
}

/* The terms of a query: its words folded, or the whole if no word has
 * two characters (search.js, terms). */
function termsOf(q) {
	const ws = [...new Set(q.split(/[\x00-\x20\x7f-\xa0\u3000\u2028\u2029]+/)
	    .map(fold).filter((w) => w.length > 0))];
	if (ws.some((w) => [...w].length >= 2))
		return ws;
	const f = fold(q);
	return [...f].length >= 2 ? [f] : [];
}

const items = new Map();	/* url from the site root -> item */
let nth = 0;
for (const file of walk(site, [])) {
	if (opt.sample > 1 && !file.endsWith("index.html") &&
	    nth++ % opt.sample !== 0)
		continue;
	const html = fs.readFileSync(file, "utf8");
	if (!/<body class="page-item"/.test(html))
		continue;
	const url = path.relative(site, file).split(path.sep).join("/");
	const title = decode((/<article>\s*<h1>([\s\S]*?)<\/h1>/.exec(html) ||
	    [])[1] || "");
	const cell = (name) => {
		const m = new RegExp("<th scope=\"row\">" + name +
		    "</th><td>([\\s\\S]*?)</td>").exec(html);
		return m && m[1] !== "无" ? decode(m[1]) : "";
	};
	const b0 = html.indexOf("<div class=\"article-body\">");
	/* the body ends where the page's own parts start: the
	 * 审核信息, the print note, the end of the article */
	const ends = ["<details class=\"provenance\"",
	    "<p class=\"print-this\"", "</article>"]
	    .map((e) => html.indexOf(e, b0)).filter((i) => i >= 0);
	const b1 = ends.length > 0 ? Math.min(...ends) : html.length;
	const body = b0 < 0 ? "" : html.slice(b0, b1);
	const date = (/<th scope="row">发布日期<\/th><td>([0-9-]+)</.exec(html) ||
	    [])[1];
	const segs = [title, cell("索引号"), cell("文号")].concat(blocks(body))
	    .map(fold).filter((s) => s.length > 0);
	items.set(url, { url, title, ftitle: fold(title), date, segs,
	    raw: [title, cell("索引号"), cell("文号")].concat(blocks(body)) });
}
if (items.size === 0) {
	fail("no item pages in " + site);
	process.exit(1);
}

/* ---- the script under test ------------------------------------------ */

const dir = path.join(site, "assets", "search");
const ctx = vm.createContext({});
vm.runInContext(fs.readFileSync(path.join(site, "assets", "search.js"),
    "utf8"), ctx, { filename: "search.js" });
const register = ctx.gkSearchPart;
if (typeof register !== "function" || !ctx.gkSearch) {
	fail("search.js defines no gkSearchPart or gkSearch");
	process.exit(1);
}
const cache = new Map();	/* name -> data */
let read = null;		/* names read by the current query */
ctx.gkSearchPart = function (name, data) {
	cache.set(name, data);
	register(name, data);
};
function load(name) {
	read.add(name);
	if (!cache.has(name)) {
		const file = path.join(dir, name + ".js");
		vm.runInContext(fs.readFileSync(file, "utf8"), ctx,
		    { filename: file });
		if (!cache.has(name))
			return Promise.reject(new Error(name + " registers nothing"));
	}
	return Promise.resolve(cache.get(name));
}
function size(name) {
	return fs.statSync(path.join(dir, name + ".js")).size;
}

/* ---- queries ---------------------------------------------------------- */

let rs = opt.seed >>> 0 || 1;
function rnd(n) {
	rs = (rs * 48271) % 2147483647;
	return rs % n;
}
const list = [...items.values()];
const queries = [];
function draw(pred, len) {
	for (let tries = 0; tries < 50; tries++) {
		const it = list[rnd(list.length)];
		const segs = it.raw.filter((s) => fold(s).length >= len);
		if (segs.length === 0)
			continue;
		const s = [...segs[rnd(segs.length)]];
		const i = rnd(s.length - len + 1);
		const q = s.slice(i, i + len).join("");
		if (termsOf(q).length > 0 && pred(q))
			return { q, from: it.url };
	}
	return null;
}
const kinds = [
	["2 characters", () => true, () => 2],
	["3 characters", () => true, () => 3],
	["4 to 12 characters", () => true, () => 4 + rnd(9)],
	["ASCII or digits", (q) => /^[\x21-\x7e]+$/.test(q), () => 2 + rnd(6)],
	["with punctuation", (q) => /[，。、：；（）〔〕《》“”,.:;()-]/.test(q),
	    () => 2 + rnd(8)],
	["title", null, () => 2 + rnd(6)],
];
for (let k = 0; queries.length < opt.queries; k = (k + 1) % kinds.length) {
	const [kind, pred, len] = kinds[k];
	let d;
	if (pred === null) {
		const it = list[rnd(list.length)], t = [...it.title];
		const n = Math.min(len(), t.length), i = rnd(t.length - n + 1);
		d = { q: t.slice(i, i + n).join(""), from: it.url };
		if (termsOf(d.q).length === 0)
			d = null;
	} else
		d = draw(pred, len());
	if (d !== null)
		queries.push({ kind, q: d.q, from: d.from });
	else if (queries.length === 0 && k === kinds.length - 1)
		break;
}
for (const w of opt.absent)
	queries.push({ kind: "absent", q: w, absent: true });
for (const w of opt.present)
	queries.push({ kind: "present", q: w });

/* The units: every folder that holds an item's folder. */
function unitsOf(url) {
	const parts = url.split("/"), out = [];
	for (let i = 1; i < parts.length - 1; i++)
		out.push(parts.slice(0, i).join("/"));
	return out;
}

/* The items that hold every term ts (each in one block). */
function expected(ts) {
	const out = new Set();
	for (const it of list)
		if (ts.every((t) => it.segs.some((s) => s.includes(t))))
			out.add(it.url);
	return out;
}

function holdsAll(s, ts) {
	return ts.every((t) => s.includes(t));
}

/* With --sample: only the page the query was drawn from is known. */
function expectedSample(qq) {
	return new Set(qq.from ? [qq.from] : []);
}

/* ---- run -------------------------------------------------------------- */

const bytes = [];
let fp = 0, fpq = 0, shortExact = 0, cands = 0;

async function one(qq, unit) {
	read = new Set();
	const res = await ctx.gkSearch.search(qq.q, unit, load);
	await ctx.gkSearch.check(res, 20, load);
	await ctx.gkSearch.lines(res.ok.slice(0, 20), load);
	let n = 0;
	const by = {};
	for (const name of read) {
		const k = name.split("/")[0];
		by[k] = (by[k] || 0) + size(name);
		n += size(name);
	}
	/* every candidate checked, every line, for the checks below (not
	 * counted) */
	const cand = res.ids.length;
	if (opt.sample > 1) {
		/* a big site: is the page the query came from a candidate,
		 * and does the check keep it? */
		const rows = await ctx.gkSearch.lines(res.ids, load);
		const fts = ctx.gkSearch.terms(qq.q).map((t) =>
		    t.cps.map((c) => String.fromCodePoint(c)).join(""));
		res.ok = [];
		const all = [];
		for (let i = 0; i < rows.length; i++)
			if (decodeURIComponent(rows[i][1]) === qq.from &&
			    holdsAll(await ctx.gkSearch.text(res.ids[i], load),
			    fts)) {
				res.ok.push(res.ids[i]);
				all.push(rows[i]);
			}
		return { res, all, bytes: n, cand, by };
	}
	await ctx.gkSearch.check(res, Infinity, load, Infinity);
	const all = await ctx.gkSearch.lines(res.ok, load);
	return { res, all, bytes: n, cand, by };
}

(async () => {
	for (const qq of queries) {
		const ts = termsOf(qq.q);
		const exp = opt.sample > 1 ? expectedSample(qq) : expected(ts);
		const r = await one(qq, "");
		bytes.push(r.bytes);
		if (opt.maxBytes > 0 && r.bytes > opt.maxBytes)
			fail(`'${qq.q}' reads ${r.bytes} bytes > ${opt.maxBytes} ` +
			    JSON.stringify(r.by) + ` (${r.cand} candidates)`);
		const got = new Set();
		for (const row of r.all) {
			const url = decodeURIComponent(row[1]);
			if (opt.sample > 1 ? !fs.existsSync(path.join(site, url)) :
			    !items.has(url))
				fail(`'${qq.q}' finds '${row[1]}', not an item page`);
			got.add(url);
		}
		if (qq.absent && r.res.ids.length > 0)
			fail(`'${qq.q}' must find nothing, finds ${r.res.ids.length}`);
		for (const u of exp)
			if (!got.has(u))
				fail(`'${qq.q}' (${qq.kind}) misses ${u}`);
		const extra = opt.sample > 1 ? [] :
		    [...got].filter((u) => !exp.has(u));
		if (!(opt.sample > 1))
			cands += r.cand - exp.size;
		if (extra.length > 0) {
			fp += extra.length;
			fpq++;
			fail(`'${qq.q}' (${qq.kind}) finds ${extra[0]}` +
				    ` which does not hold it (${extra.length})`);
		}
		if (!qq.absent && exp.size === 0 && !opt.absent.includes(qq.q))
			fail(`'${qq.q}' drawn from the pages but expects nothing`);
		/* ranking: title hits, then the rest, each newest first */
		let phase = 0, prev = "9999-99-99";
		r.all.forEach((row, i) => {
			const it = items.get(decodeURIComponent(row[1]));
			if (!it || opt.sample > 1)
				return;
			const inTitle = i < r.res.tok;
			if (inTitle && !holdsAll(it.ftitle, ts))
				fail(`'${qq.q}': title hit ${it.url} has no such title`);
			if (!inTitle && holdsAll(it.ftitle, ts))
				fail(`'${qq.q}': ${it.url} holds it in the title ` +
				    "but is not ranked with the title hits");
			if (!inTitle && phase === 0) {
				phase = 1;
				prev = "9999-99-99";
			}
			if (it.date > prev)
				fail(`'${qq.q}': ${it.url} (${it.date}) after ` +
				    `a result of ${prev}`);
			prev = it.date;
			if (row[2] !== it.date)
				fail(`'${qq.q}': line of ${it.url} says ${row[2]}`);
		});
		/* unit=: the answer within one unit's folder */
		if (exp.size > 0 && rnd(4) === 0) {
			const some = [...exp][rnd(exp.size)];
			const us = unitsOf(some);
			const unit = us[rnd(us.length)];
			const s = await one(qq, unit);
			const sgot = new Set(s.all.map((row) =>
			    decodeURIComponent(row[1])));
			for (const u of exp)
				if (u.startsWith(unit + "/") && !sgot.has(u))
					fail(`'${qq.q}' unit=${unit} misses ${u}`);
			for (const u of sgot)
				if (!u.startsWith(unit + "/"))
					fail(`'${qq.q}' unit=${unit} finds ${u}`);
			if (s.res.scope === null)
				fail(`unit=${unit}: no unit name`);
		}
		if (ts.length === 1 && [...ts[0]].length <= 4)
			shortExact++;
	}
	bytes.sort((a, b) => a - b);
	let total = 0, files = 0;
	(function du(d) {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory())
				du(p);
			else {
				total += fs.statSync(p).size;
				files++;
			}
		}
	})(dir);
	console.log(`items ${items.size}, index ${total} bytes in ${files} ` +
	    `files; ${queries.length} queries, bytes read per query: ` +
	    `median ${bytes[bytes.length >> 1]}, worst ` +
	    `${bytes[bytes.length - 1]}; false positives ${fp} in ${fpq} ` +
	    `queries (of ${queries.length - shortExact} longer than 4; ` +
	    `${cands} candidates dropped by checking the text)`);
	console.log(failures === 0 ? "search-check: ok" :
	    `search-check: ${failures} failures`);
	process.exit(failures === 0 ? 0 : 1);
})().catch((e) => {
	console.log("FAIL " + (e && e.stack || e));
	process.exit(1);
});
