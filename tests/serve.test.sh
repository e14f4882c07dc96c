#!/bin/sh
# tests/serve.test.sh -- gongkai serve: starts on a free port with a
# copy of the demo content, serves a page, sees an edit, shows a failed
# build's error over the last good site, reloads (the build counter
# moves), refuses other hosts and paths outside the site, stops on
# SIGTERM with its scratch folder gone and site-out/ never written.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1795219200	# 2026-11-21: after the demo's records
GONGKAI=${GONGKAI:-$(pwd)/gongkai}

if ! command -v curl >/dev/null 2>&1; then
	skip "curl is not installed"
	done_tests
	exit
fi

R=$TMP/repo
mkdir -p "$R" "$TMP/tmp"
cp -r content themes config.yaml "$R/"
PAGE=shifan-county/plans/2026-work-plan.html
SRC=$R/content/shifan-county/plans/2026-work-plan.md

TMPDIR=$TMP/tmp "$GONGKAI" serve --port 0 "$R" >"$TMP/out" 2>"$TMP/err" &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT

# wait_for WHAT CMD...: retry CMD until it succeeds, at most 600 times
# 0.1 s apart (a minute on a slow machine); 1 if it never did.
wait_for() {
	_w=$1
	shift
	_i=0
	while [ $_i -lt 600 ]; do
		"$@" && return 0
		kill -0 $PID 2>/dev/null || { fail "$_w: serve died: $(cat "$TMP/err")"; return 1; }
		sleep 0.1
		_i=$((_i + 1))
	done
	fail "$_w: timed out"
	return 1
}

port() { sed -n 's|^serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$TMP/out"; }
have_port() { [ -n "$(port)" ]; }
wait_for "address printed" have_port
P=$(port)
U=http://127.0.0.1:$P
get() { curl -s --max-time 20 "$U/$1"; }
code() { curl -s --max-time 20 -o /dev/null -w '%{http_code}' "$@"; }

has() { get "$1" | grep -q "$2"; }
wait_for "first build" has "$PAGE" '示范县2026年人口和计划生育工作要点'
check "a scratch folder is in TMPDIR" [ -n "$(ls "$TMP/tmp")" ]
check "the home page is served" [ "$(code "$U/")" = 200 ]
check "a folder redirects to its slash" [ "$(code "$U/shifan-county")" = 301 ]
check "a missing page is 404" [ "$(code "$U/no/such.html")" = 404 ]
check "no way out of the site" [ "$(code --path-as-is "$U/../../etc/passwd")" = 404 ]
check "another Host is refused" \
    [ "$(code -H 'Host: evil.example:80' "$U/")" = 403 ]
check "pages load the reload script" \
    sh -c "curl -s '$U/$PAGE' | grep -q 'src=\"/__gongkai/reload.js\" data-build=\"1\"'"
check "no inline script is added" \
    sh -c "! curl -s '$U/$PAGE' | grep -q '<script>'"
check "the reload script is served" has __gongkai/reload.js 'location.reload'
check "a CSS file keeps its bytes" \
    sh -c "curl -s '$U/assets/style.css' | cmp -s - '$(ls -d "$TMP"/tmp/*/site)/assets/style.css'"
# types a browser needs to show a file right: the display's GB18030
# marquee is not UTF-8, a month's hotline table is CSV
type() { curl -s --max-time 20 -o /dev/null -w '%{content_type}' "$U/$1"; }
SITE=$(ls -d "$TMP"/tmp/*/site)
f=$(cd "$SITE" && find . -name ticker.gb18030.txt | LC_ALL=C sort | head -1)
check "a GB18030 marquee says its charset" \
    [ -n "$f" ] && [ "$(type "${f#./}")" = "text/plain; charset=gb18030" ]
f=$(cd "$SITE" && find . -name ticker.txt | LC_ALL=C sort | head -1)
check "a UTF-8 one says UTF-8" \
    [ "$(type "${f#./}")" = "text/plain; charset=utf-8" ]
f=$(cd "$SITE" && find . -name '*.csv' | LC_ALL=C sort | head -1)
check "a CSV file is text/csv" \
    [ -n "$f" ] && [ "$(type "${f#./}")" = "text/csv; charset=utf-8" ]

# The reload script, run under Node with a fake page: it polls the
# counter and reloads only when it moved.
if command -v node >/dev/null 2>&1; then
	get __gongkai/reload.js >"$TMP/reload.js"
	cat >"$TMP/reload-test.js" <<-'EOF'
	var src = require('fs').readFileSync(process.argv[2], 'utf8');
	var reloaded = 0, timers = [], answer = '1', urls = [];
	global.document = { currentScript: { getAttribute: function () { return '1'; } } };
	global.location = { reload: function () { reloaded++; } };
	global.setTimeout = function (f) { timers.push(f); };
	global.XMLHttpRequest = function () {
		var x = this;
		x.open = function (m, u) { urls.push(u); };
		x.send = function () { x.status = 200; x.responseText = answer; x.onload(); };
	};
	eval(src);
	timers.shift()();
	if (reloaded !== 0 || timers.length !== 1) { console.log('reloaded on the same build'); process.exit(1); }
	answer = '2';
	timers.shift()();
	if (reloaded !== 1) { console.log('no reload on a new build'); process.exit(1); }
	if (urls[0] !== '/__gongkai/build') { console.log('polls ' + urls[0]); process.exit(1); }
	EOF
	check "reload script reloads on a new build only" node "$TMP/reload-test.js" "$TMP/reload.js"
else
	skip "node is not installed: reload script not run"
fi
g0=$(get __gongkai/build)
check "build counter is 1" [ "$g0" = 1 ]

# An edit is served, and the counter that pages poll moves.
printf '\nSERVE-EDIT-MARK-1\n' >>"$SRC"
wait_for "edit served" has "$PAGE" SERVE-EDIT-MARK-1
# (the new site is in place a moment before the build has exited)
moved() { [ "$(get __gongkai/build)" -gt "$g0" ]; }
wait_for "build counter moved" moved

# A new folder is watched too.
mkdir -p "$R/content/shifan-county/plans/sub"
printf '\nSERVE-EDIT-MARK-2\n' >>"$SRC"
wait_for "second edit served" has "$PAGE" SERVE-EDIT-MARK-2

# A broken file: the last good page stays, with the error over it.
printf -- '---\ntitle: [broken\n' >"$R/content/shifan-county/plans/zz-bad.md"
wait_for "error shown" has "$PAGE" 'gk-serve-error'
check "the error names the file" has "$PAGE" 'zz-bad.md:1:1: error'
check "the last good text stays" has "$PAGE" SERVE-EDIT-MARK-2
check "the error is on stderr" grep -q 'zz-bad.md:1:1: error' "$TMP/err"
rm "$R/content/shifan-county/plans/zz-bad.md"
wait_for "error gone" sh -c "! curl -s '$U/$PAGE' | grep -q gk-serve-error"

# A POST is refused.
check "POST is refused" [ "$(code -X POST -d x "$U/")" = 405 ]

kill -TERM $PID
wait $PID
rc=$?
check "exits 0 on SIGTERM (got $rc)" [ $rc -eq 0 ]
check "scratch folder removed" [ -z "$(ls "$TMP/tmp")" ]
check "site-out never written" [ ! -e "$R/site-out" ]
check "the repository holds only what we put there" \
    [ "$(ls "$R")" = "$(printf 'config.yaml\ncontent\nthemes')" ]

# Usage and a taken port.
"$GONGKAI" serve --port 70000 "$R" >/dev/null 2>&1
check "a bad port is a usage error" [ $? -eq 2 ]
"$GONGKAI" serve --help | grep -q -- '--trust FILE' && ok || fail "serve --help"

done_tests
