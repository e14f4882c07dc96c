#!/bin/sh
# Real administrative documents on paper (pdf_cols.c, pdf_layout.c), as
# a tester printed them from Word and WPS: read back with pdftotext.
#
#   - a table of four columns (单位 | 项目 | 金额 | 备注) with long cells
#     beside a longer remark: no column one character wide, its text
#     running down the page 卫/生/健/康, on the board (the narrow
#     column of an A3 landscape sheet) or the A4 handout;
#   - a signature (落款) set right with a run of U+3000, the sender's
#     name and the date each on a line of their own: the name stays on
#     one line where the run and the name together are wider than the
#     board's column, and so does the date; a paragraph's two U+3000
#     of indent stay;
#   - no cell ends in a line of one character alone (孤字: 公示七 / 日
#     on both sheets, 特别扶助 / 金 on the board, before): the line
#     above gives it one;
#   - where the board's column pulled the name left, the date stays
#     under it, right edges aligned (it kept its place, 9 pt short of
#     the name's end, before); on the handout, where both fit, the
#     name and the date start where their runs put them;
#   - the same where the name and the date are two paragraphs, as Word
#     and WPS paste a 落款 typed with Enter after the name.
#
# Set PRINT_DOCS_KEEP to a folder to keep the PDFs there.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21, fixed "today"
U=shifan-county/dongcheng-town/王庄村
NAME=某某县东城镇卫生健康办公室
NAME2=某某县东城镇人民政府社会事务办公室
DATE2=2026年11月18日
R=$TMP/repo
mkdir -p "$R"
cp -R content config.yaml "$R/"
sp=$(printf '\343\200\200')			# U+3000
run=$sp$sp$sp$sp$sp$sp$sp$sp$sp$sp$sp$sp	# twelve of them
{
	printf -- '---\ntitle: 落款与表格测试事项\ndate: 2026-11-20\n'
	printf 'index_no: 54510124MF00002356/2026-00991\n'
	printf 'outputs: [board, handout]\n---\n'
	printf '%s%s现将有关经费安排公示如下，公示期七日，期间如有异议，' \
	    "$sp" "$sp"
	printf '请向村民委员会或镇卫生健康办公室反映。表前段落。\n\n'
	printf '| 单位 | 项目 | 金额 | 备注 |\n|---|---|--:|---|\n'
	printf '| 某某县卫生健康委员会 | 农村部分计划生育家庭奖励扶助金 | '
	printf '1,234,567.89 | 按照每人每年不低于一千二百元的标准发放，资金由'
	printf '中央和地方财政按比例分担，通过惠农一卡通直接发放到户，'
	printf '任何单位和个人不得截留挪用；对象死亡、违反政策生育或'
	printf '不再符合条件的，自次年起停止发放，由村民委员会在村务公开栏'
	printf '公示，接受群众监督，公示期满无异议后报镇人民政府审核、县卫生'
	printf '健康局审批，审批结果再次在村务公开栏公示七日 |\n'
	printf '| 东城镇人民政府 | 计划生育特别扶助金 | 45,600.00 | 独生子女'
	printf '伤残死亡家庭，按月发放 |\n\n'
	printf '表后段落。\n\n'
	printf '%s%s%s\n%s%s2026年11月20日\n' "$run" "$run" "$NAME" "$run" \
	    "$run"
	printf '\n%s%s%s\n\n%s%s%s\n' "$run" "$run" "$NAME2" "$run" \
	    "$run" "$DATE2"
} >"$R/content/$U/other/docs.md"
check "scratch content passes check" "$GONGKAI" check "$R" >/dev/null

"$GONGKAI" print --preview --quiet --out "$TMP/out" "$U" --repo "$R" \
    2>"$TMP/err" || fail "print: $(cat "$TMP/err")"
[ -z "$PRINT_DOCS_KEEP" ] || cp -R "$TMP/out/$U/print/." "$PRINT_DOCS_KEEP"

# words PDF: the words of the PDF in the order drawn, one a line, each
# after its left edge (points) and a space
words() {
	pdftotext -bbox -raw "$1" - | sed -n \
	    's/.*<word xMin="\([0-9.]*\)"[^>]*>\(.*\)<\/word>.*/\1 \2/p'
}
# edges PDF: the same with both edges, "left right word"
edges() {
	pdftotext -bbox -raw "$1" - | sed -n 's/.*<word xMin="\([0-9.]*\)"'\
'[^>]*xMax="\([0-9.]*\)"[^>]*>\(.*\)<\/word>.*/\1 \2 \3/p'
}
# near A B: A and B are numbers within half a point
near() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" &&
	    b != "" && d > -0.5 && d < 0.5) }'
}
for f in board handout; do
	pdf=$TMP/out/$U/print/$f.pdf
	[ -s "$pdf" ] || { fail "$f: no PDF"; continue; }
	words "$pdf" >"$TMP/$f.words"
	# the table's cells: the lines between the paragraphs around it
	# (without the page's footer, 第 3 页 共 4 页, if it falls there)
	sed -n '/表前段落/,/表后段落/p' "$TMP/$f.words" | sed '1d;$d' |
	    cut -d' ' -f2- | grep -vx '第\|页\|共\|[0-9]*' >"$TMP/$f.cells"
	check "$f: the table's cells are read" \
	    [ "$(wc -l <"$TMP/$f.cells")" -ge 8 ]
	# two lines of one character running are a column one character
	# wide
	one=0 prev=2
	while IFS= read -r w; do
		n=$(printf '%s' "$w" | wc -m)
		[ "$n" -le 1 ] && [ "$prev" -le 1 ] && one=$((one + 1))
		prev=$n
	done <"$TMP/$f.cells"
	[ $one -eq 0 ] || sed 's/^/# /' "$TMP/$f.cells"
	check "$f: no column one character wide ($one)" [ $one -eq 0 ]
	# and none ends in one (no cell here is one character long)
	lone=$(grep -x . "$TMP/$f.cells" | tr '\n' ' ')
	check "$f: no cell ends in a character alone ($lone)" [ -z "$lone" ]
	check "$f: the signature's name on one line" \
	    grep -qx "[0-9.]* $NAME" "$TMP/$f.words"
	check "$f: the signature's date on one line" \
	    grep -qx '[0-9.]* 2026年11月20日' "$TMP/$f.words"
	edges "$pdf" >"$TMP/$f.edges"
	for sig in "$NAME 2026年11月20日 one paragraph" \
	    "$NAME2 $DATE2 two paragraphs"; do
		set -- $sig
		nl=$(grep " $1\$" "$TMP/$f.edges")
		dl=$(grep " $2\$" "$TMP/$f.edges")
		if [ $f = board ]; then
			check "$f, $3 $4: the date ends where the name ends \
($nl; $dl)" near "$(echo "$nl" | cut -d' ' -f2)" \
			    "$(echo "$dl" | cut -d' ' -f2)"
		else
			check "$f, $3 $4: the date starts where the name \
starts ($nl; $dl)" near "$(echo "$nl" | cut -d' ' -f1)" \
			    "$(echo "$dl" | cut -d' ' -f1)"
		fi
	done
	# the paragraph's two U+3000 (two characters of the body's size)
	# before its text: its first line that far right of its next
	a=$(awk '$2 ~ /^现将有关经费/ { print $1; exit }' "$TMP/$f.words")
	b=$(awk 'go { print $1; exit } $2 ~ /^现将有关经费/ { go = 1 }' \
	    "$TMP/$f.words")
	check "$f: a paragraph's two-character indent stays ($a, $b)" \
	    awk -v a="$a" -v b="$b" -v s=$([ $f = board ] && echo 16 ||
	    echo 11) 'BEGIN { d = a - b - 2 * s; exit !(a != "" &&
	    b != "" && d > -0.5 && d < 0.5) }'
	# the index number, dates and version beside each QR code: a line
	# breaks between two of them, and none ends in a separator
	pdftotext -layout "$pdf" - | grep '·[ 　]*$' >"$TMP/$f.dots"
	check "$f: no line ends in a middle dot ($(head -1 "$TMP/$f.dots"))" \
	    [ ! -s "$TMP/$f.dots" ]
done

done_tests
