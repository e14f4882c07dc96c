'use strict';
// The .html files under a folder, sorted: the pages the browser checks
// (axe-check.js, pages-narrow.js) visit.
const fs = require('fs'), path = require('path');

function htmlFiles(d) {
	let r = [];
	for (const e of fs.readdirSync(d, { withFileTypes: true })) {
		const p = path.join(d, e.name);
		if (e.isDirectory())
			r = r.concat(htmlFiles(p));
		else if (e.name.endsWith('.html'))
			r.push(p);
	}
	return r.sort();
}

module.exports = { htmlFiles };
