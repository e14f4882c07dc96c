'use strict';
// Where a 落款 stands on a page: the browser checks (pages-narrow.js,
// kiosk-narrow.js) want each of its lines on one line, at the right
// edge of its paragraph's text, on every width.
const fs = require('fs'), path = require('path');

// The lines of a 落款 in the Markdown below dir, sorted: what follows
// a run of ten U+3000 or more at a line's start.
function signLines(dir) {
	let out = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const f = path.join(dir, e.name);
		if (e.isDirectory())
			out = out.concat(signLines(f));
		else if (f.endsWith('.md'))
			for (const m of fs.readFileSync(f, 'utf8')
			    .matchAll(/^\u3000{10,}(.+)$/gm))
				out.push(m[1].trim());
	}
	return out.sort();
}

// On playwright page p: how many text nodes below the element sel
// shows are one of the texts signs (spaces around them aside), and,
// for each that does not end at the right edge of its paragraph's text
// (2 px either way) or takes more than a line, what is wrong.
function signEdges(p, sel, signs) {
	return p.evaluate(([sel, signs]) => {
		const body = document.querySelector(sel), out = [];
		let found = 0, n;
		if (body === null)
			return { found, out };
		const tw = document.createTreeWalker(body,
		    NodeFilter.SHOW_TEXT);
		while ((n = tw.nextNode()) !== null) {
			const t = n.textContent.trim();
			if (!signs.includes(t))
				continue;
			found++;
			const i = n.textContent.indexOf(t);
			const rg = document.createRange();
			rg.setStart(n, i);
			rg.setEnd(n, i + t.length);
			const rs = rg.getClientRects();
			const para = n.parentElement.closest('p');
			const pb = para.getBoundingClientRect();
			const edge = pb.right -
			    parseFloat(getComputedStyle(para).paddingRight);
			const r = rs[rs.length - 1].right;
			if (rs.length !== 1 || Math.abs(r - edge) > 2)
				out.push(`"${t}" ends at ` +
				    `${Math.round(r - pb.left)} px, its ` +
				    `paragraph's text at ` +
				    `${Math.round(edge - pb.left)}` +
				    (rs.length !== 1 ?
				    `, on ${rs.length} lines` : ''));
		}
		return { found, out };
	}, [sel, signs]);
}

module.exports = { signLines, signEdges };
