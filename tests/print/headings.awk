# headings.awk -- the headings of a PDF, from `pdftotext -bbox`: one
# line per heading, "PAGE COL YTOP YBOT TEXT", where COL is 0 for the
# left half of the page and 1 for the right one, y in points from the
# top, and TEXT the heading's words joined without spaces, over all its
# lines.  A heading is text set larger than 1.25 times the body's size
# (the most common word height); the lines of one heading are
# consecutive lines of the same height in one column.
function attr(s, name,    m) {
	if (!match(s, name "=\"[^\"]*\""))
		return ""
	m = substr(s, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
	return m + 0
}
/<page / { page++; half = attr($0, "width") / 2 }
/<word / {
	n++
	pg[n] = page
	x0[n] = attr($0, "xMin")
	y0[n] = attr($0, "yMin")
	y1[n] = attr($0, "yMax")
	t = $0
	sub(/^.*<word [^>]*>/, "", t)
	sub(/<\/word>.*$/, "", t)
	txt[n] = t
	col[n] = x0[n] < half ? 0 : 1
	hk = sprintf("%.0f", (y1[n] - y0[n]) * 2)
	if (++hcount[hk] > hcount[mode])
		mode = hk
}
END {
	body = mode / 2
	# Words into lines: same page, column, height and top.
	for (i = 1; i <= n; i++) {
		h = y1[i] - y0[i]
		if (h <= body * 1.25)
			continue
		for (k = 1; k <= nl; k++)
			if (lp[k] == pg[i] && lc[k] == col[i] &&
			    (ly0[k] - y0[i]) ^ 2 < 1 && (lh[k] - h) ^ 2 < 0.25)
				break
		if (k > nl) {
			nl++
			lp[k] = pg[i]; lc[k] = col[i]; ly0[k] = y0[i]
			ly1[k] = y1[i]; lh[k] = h; lx[k] = x0[i]; lt[k] = ""
		}
		if (x0[i] < lx[k])
			lx[k] = x0[i]
		lt[k] = lt[k] txt[i]
	}
	# Lines into headings: the next line starts where one ends.
	for (k = 1; k <= nl; k++) {
		if (done[k])
			continue
		text = lt[k]; bot = ly1[k]
		for (m = k + 1; m <= nl; m++)
			if (!done[m] && lp[m] == lp[k] && lc[m] == lc[k] &&
			    (lh[m] - lh[k]) ^ 2 < 0.25 && (ly0[m] - bot) ^ 2 < 4) {
				text = text lt[m]; bot = ly1[m]; done[m] = 1
			}
		printf "%d %d %.1f %.1f %s\n", lp[k], lc[k], ly0[k], bot, text
	}
}
