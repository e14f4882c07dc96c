/*
 * search.js -- the search page, search.html?q=QUERY[&unit=PATH].
 *
 * The build (src/search.c, src/out_search.c) writes the index to
 * assets/search/ as script files, each one call of gkSearchPart(name,
 * data), so that the page can load them with <script> elements: that
 * works from disk (file://), where a page may not fetch files, and from
 * any server prefix (every name is relative to the page).
 *
 *   index.js        {items, buckets, gram, agram, chunk, tchunk}
 *   b/<k>.js        {key: [list, title list], ...}; a key is a folded
 *                   n-gram of 2 to gram characters (agram if all are
 *                   ASCII U+0021-007E), or U+0001 and a unit
 *                   folder ([list of its items, its name]); a list is
 *                   base64, or a number n: its text is g/<k>-<n>.js
 *   m/<n>.js        result lines [title, href, date, unit, 文号] of
 *                   items n*chunk ... in order
 *   t/<n>.js        [text, ...] of items n*tchunk ... in order: each
 *                   folded, a line per block; a query longer than the
 *                   index's n-grams is checked there
 *
 * Items are numbered newest first.  A query is folded as the text was
 * (ASCII lower case, full-width forms to ASCII, white space runs to one
 * space, characters that show nothing left out) and its n-grams' lists are intersected: a query the index has
 * as one n-gram is one list (exact); a longer one takes the longest
 * n-grams in it, up to MAXGRAMS spread over it.  Titles hits come first, then the others, each newest
 * first.  When the query was longer than one n-gram, an item holding
 * all its n-grams may still not hold it: the page reads the candidates'
 * text in order and keeps those that do, as many as it shows (a
 * positional index would have to load every position of every n-gram;
 * this reads a few kilobytes per result).  It loads the lines of the
 * results it shows only, PAGE at a time.
 */
(function (g) {
	"use strict";

	var MAXGRAMS = 6;	/* n-gram lists read for one query */
	var MAXTERMS = 4;	/* terms looked up in the index: the longest;
				   the others are checked in the text */
	var PAGE = 20;		/* results shown at a time */
	var MAXCHECK = 60;	/* texts read to show them (~3 KB each) */
	var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" +
	    "0123456789+/";
	/* the brackets folded to ( and ) (search.c, fold_char) */
	var OPEN = [0x5b, 0x3010, 0x3014, 0x3016, 0x3018, 0xff5f];
	var CLOSE = [0x5d, 0x3011, 0x3015, 0x3017, 0x3019, 0xff60];
	/* the characters that show nothing, left out (util.c, ignorable) */
	var IGNORABLE = [[0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c],
	    [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
	    [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f],
	    [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
	    [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3],
	    [0x1d173, 0x1d17a], [0xe0000, 0xe0fff]];
	var parts = {};
	var t2s = null;		/* fold.js as {traditional: simplified} */

	/* The registration function every index file calls. */
	g.gkSearchPart = function (name, data) {
		parts[name] = data;
	};

	function isSpace(c) {
		return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x3000 ||
		    c === 0x2028 || c === 0x2029;
	}

	/* 1 for a character that shows nothing: U+200B, U+FEFF, U+00AD...
	 * (util.c, cp_ignorable). */
	function isIgnorable(c) {
		var i;

		if (c < 0xad || (c > 0x3164 && c < 0xfe00))
			return false;
		for (i = 0; i < IGNORABLE.length; i++)
			if (c >= IGNORABLE[i][0] && c <= IGNORABLE[i][1])
				return true;
		return false;
	}

	/* A space between two of these is kept (search.c, is_word). */
	function isWord(c) {
		return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) ||
		    (c >= 0xc0 && c < 0x2000) || (c >= 0xac00 && c <= 0xd7a3);
	}

	/*
	 * The table of fold.js once it is loaded, else null: for each
	 * pair, how far its traditional character is past the one before,
	 * in base 36, then the simplified one (search.c, put_fold).
	 */
	function table() {
		var s = parts.fold, key = 0, i, j, c;

		if (t2s !== null || typeof s !== "string")
			return t2s;
		t2s = {};
		for (i = 0; i < s.length; i = j + (c > 0xffff ? 2 : 1)) {
			for (j = i; j < s.length && s.charCodeAt(j) < 0x80; j++)
				;
			key += parseInt(s.slice(i, j), 36);
			c = s.codePointAt(j);
			t2s[key] = c;
		}
		return t2s;
	}

	/* One character folded, white space aside (search.c, fold_char). */
	function foldChar(c, t) {
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0;
		if (c >= 0x41 && c <= 0x5a)
			return c + 0x20;
		if (OPEN.indexOf(c) >= 0)
			return 0x28;
		if (CLOSE.indexOf(c) >= 0)
			return 0x29;
		if (c >= 0x80 && t !== null && t[c] !== undefined)
			return t[c];
		return c;
	}

	/* The code points of s, folded as the index's text is (traditional
	 * characters once fold.js is loaded: search loads it). */
	function fold(s) {
		var out = [], space = false, t = table(), i, c;

		for (i = 0; i < s.length; i++) {
			c = s.codePointAt(i);
			if (c > 0xffff)
				i++;
			if (c >= 0xd800 && c <= 0xdfff)
				c = 0xfffd;
			if (isSpace(c)) {
				space = true;
				continue;
			}
			if (isIgnorable(c))
				continue;	/* not even a space */
			c = foldChar(c, t);
			if (space && out.length > 0 &&
			    isWord(out[out.length - 1]) && isWord(c))
				out.push(0x20);
			space = false;
			out.push(c);
		}
		return out;
	}

	function hash(cps) {
		var h = 2166136261, i;

		for (i = 0; i < cps.length; i++)
			h = Math.imul((h ^ cps[i]) >>> 0, 16777619) >>> 0;
		return h;
	}

	function str(cps) {
		var s = "", i;

		for (i = 0; i < cps.length; i++)
			s += String.fromCodePoint(cps[i]);
		return s;
	}

	/*
	 * The terms of query q: its words (split at white space) folded,
	 * each once, as {cps: code points, typed: the word}.  A reader
	 * does not know where a text has spaces, so a space in the query
	 * means "and", not "here".  When no word has two characters ("计
	 * 划", "a b") the whole query is one term, folded as the text is;
	 * [] when that is shorter too.
	 */
	function terms(q) {
		var words = [], w = "", out = [], seen = {}, long = false, i, f;

		for (i = 0; i <= q.length; i++)
			if (i === q.length || isSpace(q.charCodeAt(i))) {
				if (w !== "")
					words.push(w);
				w = "";
			} else
				w += q.charAt(i);
		words.forEach(function (x) {
			var k = fold(x), s = str(k);

			if (k.length > 0 && !seen[s]) {
				seen[s] = true;
				out.push({ cps: k, typed: x });
				long = long || k.length >= 2;
			}
		});
		if (long)
			return out;
		f = fold(q);
		return f.length >= 2 ? [{ cps: f, typed: q.trim() }] : [];
	}

	function ascii(c) {
		return c >= 0x21 && c <= 0x7e;
	}

	/*
	 * The n-grams whose lists answer a term of code points cps: from
	 * each place, the longest the index has (ix.gram characters, or up
	 * to ix.agram when all are ASCII), keeping those that reach further
	 * than the one before; at most max of them (MAXGRAMS if undefined),
	 * spread over the term, the first and the last always.
	 */
	function grams(cps, ix, max) {
		var all = [], out = [], reach = 0, i, m, k, last, pick;

		if (max === undefined)
			max = MAXGRAMS;
		for (i = 0; i + 1 < cps.length && reach < cps.length; i++) {
			m = Math.min(ix.gram, cps.length - i);
			while (i + m < cps.length && m < ix.agram &&
			    cps.slice(i, i + m + 1).every(ascii))
				m++;
			if (i + m > reach) {
				all.push(cps.slice(i, i + m));
				reach = i + m;
			}
		}
		if (all.length <= max)
			return all;
		last = -1;
		for (k = 0; k < max; k++) {
			pick = Math.round(k * (all.length - 1) / (max - 1));
			if (pick !== last)
				out.push(all[pick]);
			last = pick;
		}
		return out;
	}

	function unbase64(s) {
		var out = new Uint8Array(Math.floor(s.length * 3 / 4));
		var i, v = 0, bits = 0, n = 0;

		for (i = 0; i < s.length; i++) {
			v = v << 6 | B64.indexOf(s.charAt(i));
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				out[n++] = v >> bits & 255;
			}
		}
		return out.subarray(0, n);
	}

	/* A list (base64 text) as a bitmap of n bits. */
	function bitmap(s, n) {
		var bm = new Uint8Array((n + 7) >> 3), b = unbase64(s);
		var i = 1, v, sh, id = -1, lo;

		function leb() {
			v = 0;
			sh = 0;
			while (b[i] & 0x80) {
				v += (b[i++] & 0x7f) * Math.pow(2, sh);
				sh += 7;
			}
			v += b[i++] * Math.pow(2, sh);
			return v;
		}
		if (b.length === 0)
			return bm;
		if (b[0] === 0) {
			while (i < b.length) {
				id += leb() + 1;
				bm[id >> 3] |= 1 << (id & 7);
			}
		} else {
			lo = leb();
			bm.set(b.subarray(i), lo);
		}
		return bm;
	}

	function and(a, b) {
		var i;

		for (i = 0; i < a.length; i++)
			a[i] &= b[i];
		return a;
	}

	function ids(bm, n) {
		var out = [], i;

		for (i = 0; i < n; i++)
			if (bm[i >> 3] >> (i & 7) & 1)
				out.push(i);
		return out;
	}

	/* A list of an entry: its text, or the file that holds it. */
	function listOf(e, k, b, load) {
		if (typeof e[k] !== "number")
			return Promise.resolve(e[k]);
		return load("g/" + b + "-" + e[k]);
	}

	/*
	 * The keys to read for terms ts: {k: code points, title: whether
	 * its title list is read}.  The longest MAXTERMS terms of two
	 * characters or more, each with its share of MAXGRAMS (two at
	 * least); of each, the title lists of the first and the last
	 * n-gram only (the term's own when it is one n-gram): title lists
	 * of common n-grams are long, and the check tells a title hit by
	 * the first line of the item's text.  exact: every term is one
	 * n-gram, so the lists are the answer.
	 */
	function keysOf(ts, ix) {
		var long = ts.filter(function (t) {
			return t.cps.length >= 2;
		}), keys = [], exact = long.length === ts.length, per;

		long = long.slice().sort(function (a, b) {
			return b.cps.length - a.cps.length;
		}).slice(0, MAXTERMS);
		exact = exact && long.length === ts.length;
		per = Math.max(2, Math.floor(MAXGRAMS / long.length));
		long.forEach(function (t) {
			var gs = grams(t.cps, ix, per);

			exact = exact && gs.length === 1 &&
			    gs[0].length === t.cps.length;
			gs.forEach(function (k, i) {
				keys.push({ k: k, title: i === 0 ||
				    i === gs.length - 1 });
			});
		});
		return { keys: keys, exact: exact };
	}

	/*
	 * Runs query q (a string) within unit folder unit ("" for the whole
	 * site), reading index files through load(name) -> Promise of the
	 * file's data.  Resolves to an answer {ids, ntitle, scope, exact,
	 * terms, pos, ok, tok}: ids the candidates, the ntitle whose title
	 * may hold every term first, then the others, each newest first;
	 * scope the unit's name or null; exact when ids need no check;
	 * terms the folded terms (strings); ok the items known to hold
	 * them, tok of them first by title (see check); {short: true} for
	 * fewer than 2 characters.
	 */
	function search(q, unit, load) {
		/* the table of traditional characters, for any but ASCII */
		var tb = /[^\x00-\x7f]/.test(q) ? load("fold") :
		    Promise.resolve(null);

		return Promise.all([tb, load("index")]).then(function (got) {
			var ix = got[1], ts = terms(q), want = [], ko, keys;

			if (ts.length === 0)
				return { short: true, ids: [], ntitle: 0,
				    scope: null, exact: true, ok: [], tok: 0,
				    pos: 0, terms: [] };
			ko = keysOf(ts, ix);
			keys = ko.keys;
			if (unit)
				keys.push({ k: [1].concat(fold1(unit)),
				    scope: true });
			keys.forEach(function (key) {
				var b = hash(key.k) % ix.buckets;

				want.push(load("b/" + b).then(function (d) {
					var e = d[str(key.k)];

					if (e === undefined)
						return null;
					return Promise.all([listOf(e, 0, b, load),
					    key.scope ? e[1] : key.title ?
					    listOf(e, 1, b, load) : null]);
				}));
			});
			return Promise.all(want).then(function (es) {
				var r = answer(ix, es, !!unit);

				r.exact = ko.exact;
				r.terms = ts.map(function (t) {
					return str(t.cps);
				});
				r.typed = ts.map(function (t) {
					return t.typed;
				});
				r.pos = r.exact ? r.ids.length : 0;
				r.ok = r.exact ? r.ids : [];
				r.tok = r.exact ? r.ntitle : 0;
				r.later = [];
				return r;
			});
		});
	}

	/* The code points of s, not folded (a unit's folder). */
	function fold1(s) {
		var out = [], i, c;

		for (i = 0; i < s.length; i++) {
			c = s.codePointAt(i);
			if (c > 0xffff)
				i++;
			out.push(c);
		}
		return out;
	}

	function answer(ix, es, scoped) {
		var n = ix.items, all = null, title = null, i, scope = null;
		var hits, th, rest, k;

		for (i = 0; i < es.length; i++)
			if (es[i] === null)
				return { ids: [], ntitle: 0, scope: null };
		for (i = 0; i < es.length; i++)
			all = all === null ? bitmap(es[i][0], n) :
			    and(all, bitmap(es[i][0], n));
		if (scoped)
			scope = es[es.length - 1][1];
		for (i = 0; i < es.length - (scoped ? 1 : 0); i++)
			if (es[i][1] !== null)
				title = title === null ? bitmap(es[i][1], n) :
				    and(title, bitmap(es[i][1], n));
		hits = ids(all, n);
		th = [];
		rest = [];
		for (k = 0; k < hits.length; k++)
			if (title[hits[k] >> 3] >> (hits[k] & 7) & 1)
				th.push(hits[k]);
			else
				rest.push(hits[k]);
		return { ids: th.concat(rest), ntitle: th.length, scope: scope };
	}

	/* 1 if text t holds every term of ts. */
	function holds(t, ts) {
		return ts.every(function (x) {
			return t.indexOf(x) >= 0;
		});
	}

	/*
	 * Checks the candidates of an answer r that the index could not
	 * decide (a term longer than its n-grams, or of one character)
	 * against their folded text (text(), a line per block, the title
	 * first), in order, until r.ok holds want items, every candidate
	 * is checked (r.pos === r.ids.length) or budget texts (MAXCHECK if
	 * undefined) were read: what one page shows costs at most that.  A
	 * candidate of the title group whose title does not hold every
	 * term but whose text does waits in r.later and joins the others
	 * in their order.  Resolves to r.
	 */
	function check(r, want, load, budget) {
		var end, batch, inTitle;

		if (budget === undefined)
			budget = MAXCHECK;
		if (budget <= 0)
			return Promise.resolve(r);
		if (r.pos >= r.ntitle && r.later.length > 0) {
			r.ids = r.ids.slice(0, r.ntitle).concat(merge(r.later,
			    r.ids.slice(r.ntitle)));
			r.known = {};
			r.later.forEach(function (id) {
				r.known[id] = true;
			});
			r.later = [];
		}
		if (r.ok.length >= want || r.pos >= r.ids.length)
			return Promise.resolve(r);
		inTitle = r.pos < r.ntitle;
		end = inTitle ? r.ntitle : r.ids.length;
		batch = r.ids.slice(r.pos, Math.min(end, r.pos + Math.min(budget,
		    Math.max(8, Math.min(want - r.ok.length, 64)))));
		r.pos += batch.length;
		return Promise.all(batch.map(function (id) {
			return r.known && r.known[id] ? null : text(id, load);
		})).then(function (texts) {
			texts.forEach(function (t, i) {
				var nl;

				if (t === null) {
					r.ok.push(batch[i]);
					return;
				}
				if (!holds(t, r.terms))
					return;
				nl = t.indexOf("\n");
				if (!inTitle || holds(nl < 0 ? t : t.slice(0, nl),
				    r.terms)) {
					r.ok.push(batch[i]);
					if (inTitle)
						r.tok++;
				} else
					r.later.push(batch[i]);
			});
			return check(r, want, load, budget - batch.length);
		});
	}

	/* Two ascending lists as one. */
	function merge(a, b) {
		var out = [], i = 0, j = 0;

		while (i < a.length || j < b.length)
			if (j >= b.length || (i < a.length && a[i] < b[j]))
				out.push(a[i++]);
			else
				out.push(b[j++]);
		return out;
	}

	/* The folded text of item id. */
	function text(id, load) {
		return load("index").then(function (ix) {
			return load("t/" + Math.floor(id / ix.tchunk)).then(
			    function (d) {
				return d[id % ix.tchunk];
			});
		});
	}

	/* The result lines of items list (numbers). */
	function lines(list, load) {
		return load("index").then(function (ix) {
			return Promise.all(list.map(function (id) {
				return load("m/" + Math.floor(id / ix.chunk)).then(
				    function (d) {
					return d[id % ix.chunk];
				});
			}));
		});
	}

	/*
	 * The places of title t whose folded text is one of the terms ts
	 * (strings, folded): [[from, to], ...] in t, in order, apart; a
	 * place takes the white space and the characters that show nothing
	 * inside it (第四十三条　国家机关 for 第四十三条国家机关), the longest
	 * term first where two start.
	 */
	function places(t, ts) {
		var cps = [], at = [], out = [], tb = table(), i, c, p, best;
		var tc = ts.map(fold1);

		for (i = 0; i < t.length; i++) {
			c = t.codePointAt(i);
			if (!isSpace(c) && !isIgnorable(c)) {
				cps.push(foldChar(c, tb));
				at.push(i);
			}
			if (c > 0xffff)
				i++;
		}
		for (p = 0; p < cps.length; p += best > 0 ? best : 1) {
			best = 0;
			tc.forEach(function (k) {
				var j;

				if (k.length <= best || p + k.length > cps.length)
					return;
				for (j = 0; j < k.length && cps[p + j] === k[j]; j++)
					;
				if (j === k.length)
					best = k.length;
			});
			if (best > 0)
				out.push([at[p], end(t, at[p + best - 1])]);
		}
		return out;
	}

	/* Where the character at i of t ends. */
	function end(t, i) {
		return t.codePointAt(i) > 0xffff ? i + 2 : i + 1;
	}

	g.gkSearch = { fold: fold, terms: terms, hash: hash, grams: grams,
	    search: search, check: check, text: text, lines: lines,
	    places: places };

	/* ---- the page ---------------------------------------------------- */

	if (!g.document || !document.getElementById("search-form"))
		return;

	var form = document.getElementById("search-form");
	var base = form.getAttribute("data-index");
	var input = document.getElementById("q");
	var unitIn = document.getElementById("search-unit");
	var status = document.getElementById("search-status");
	var scopeP = document.getElementById("search-scope");
	var list = document.getElementById("results");
	var more = document.getElementById("search-more");
	var loading = {};

	function load(name) {
		if (loading[name])
			return loading[name];
		loading[name] = new Promise(function (resolve, reject) {
			var s = document.createElement("script");

			s.src = base + name + ".js";
			s.onload = function () {
				s.parentNode.removeChild(s);
				if (name in parts)
					resolve(parts[name]);
				else
					reject(new Error(name));
			};
			s.onerror = function () {
				s.parentNode.removeChild(s);
				reject(new Error(name));
			};
			document.head.appendChild(s);
		});
		return loading[name];
	}

	function param(name) {
		var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(
		    location.search);

		if (!m)
			return "";
		try {
			return decodeURIComponent(m[1].replace(/\+/g, " "));
		} catch (e) {
			return "";
		}
	}

	function say(text) {
		status.textContent = text;
	}

	function show(res, from) {
		more.hidden = true;
		return check(res, from + PAGE, load).then(function () {
			/* the check may stop short: show what it kept */
			tell(res);
			return lines(res.ok.slice(from, from + PAGE), load);
		}).then(function (rows) {
			var first = null;

			rows.forEach(function (r) {
				var li = document.createElement("li");
				var a = document.createElement("a");
				var p = document.createElement("p");
				var bits = [r[3]];

				a.href = r[1];
				mark(a, r[0], res.terms);
				li.appendChild(a);
				if (r[4])
					bits.push(r[4]);
				bits.push(r[2]);
				p.className = "result-meta";
				p.textContent = bits.join(" · ");
				li.appendChild(p);
				list.appendChild(li);
				if (first === null)
					first = a;
			});
			var next = from + rows.length;

			if (next < res.ok.length || res.pos < res.ids.length) {
				more.hidden = false;
				more.textContent = res.pos < res.ids.length ?
				    "显示更多结果" : "显示更多结果（还有 " +
				    (res.ok.length - next) + " 条）";
				more.onclick = function () {
					show(res, next).then(
					    function (f) {
						if (f)
							f.focus();
					});
				};
			}
			return first;
		});
	}

	/* What the results hold: 含有“计划生育”, 同时含有“计划生育”和“奖励”. */
	function holding(typed) {
		var q = typed.map(function (w) {
			return "“" + w + "”";
		});

		if (q.length === 1)
			return "含有" + q[0];
		return "同时含有" + q.slice(0, -1).join("、") + "和" +
		    q[q.length - 1];
	}

	/* Says how many were found (so far, while candidates remain). */
	function tell(res) {
		var what = holding(res.typed);

		if (res.ok.length === 0 && res.pos >= res.ids.length)
			say("没有找到" + what + "的公开信息。");
		else if (res.pos < res.ids.length)
			say("已找到 " + res.ok.length + " 条" + what +
			    "的公开信息，另有 " + (res.ids.length - res.pos) +
			    " 条可能含有，显示更多时继续查找。");
		else
			say("找到 " + res.ok.length + " 条" + what +
			    "的公开信息" + (res.tok > 0 ?
			    "，其中标题含有的 " + res.tok + " 条排在前面。" :
			    "。"));
	}

	/* Sets a's text to t with the places of the terms marked: as the
	 * index finds them, whatever the spaces, brackets or characters
	 * (traditional or simplified) the query was typed with. */
	function mark(a, t, terms) {
		var from = 0;

		places(t, terms).forEach(function (p) {
			var m = document.createElement("mark");

			a.appendChild(document.createTextNode(t.slice(from,
			    p[0])));
			m.textContent = t.slice(p[0], p[1]);
			a.appendChild(m);
			from = p[1];
		});
		a.appendChild(document.createTextNode(t.slice(from)));
	}

	var q = param("q"), unit = param("unit");

	input.value = q;
	if (unit) {
		unitIn.value = unit;
		unitIn.disabled = false;
	}
	if (q.replace(/\s+/g, "") === "")
		return;
	document.title = "搜索：" + q + " - " + document.title;
	say("正在搜索……");
	search(q, unit, load).then(function (res) {
		if (res.short) {
			say("请输入至少两个字。");
			return;
		}
		if (unit) {
			var a = document.createElement("a");

			scopeP.hidden = false;
			scopeP.textContent = "搜索范围：" + (res.scope || unit) +
			    "及其下级单位。";
			a.href = "search.html?q=" + encodeURIComponent(q);
			a.textContent = "在全站搜索";
			scopeP.appendChild(a);
		}
		return show(res, 0);
	}).catch(function () {
		say("搜索索引无法加载，请稍后再试，或使用网站地图查找。");
	});
})(this);
