/*
 * tests/search-fold.js -- folds each line of standard input with the
 * search page's fold (SITE/assets/search.js, with the table of
 * SITE/assets/search/fold.js loaded as the page loads it) and prints
 * it, a line each: tests/search-fold.test.sh holds it against
 * search_fold's (build/unit_search --fold).
 *
 *   node tests/search-fold.js SITE <lines
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const ctx = vm.createContext({});
for (const f of [path.join(site, "assets", "search.js"),
    path.join(site, "assets", "search", "fold.js")])
	vm.runInContext(fs.readFileSync(f, "utf8"), ctx, { filename: f });
const input = fs.readFileSync(0, "utf8");
const lines = input.split("\n");
if (lines[lines.length - 1] === "")
	lines.pop();
let out = "";
for (const l of lines)
	out += ctx.gkSearch.fold(l).map((c) => String.fromCodePoint(c))
	    .join("") + "\n";
process.stdout.write(out);
