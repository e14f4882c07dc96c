# tests/hostile/scan.py FILE... -- prints what in the HTML files could
# run script: a <script> element with inline text or a src off the
# site, an on* attribute, a URL attribute whose scheme (after the
# characters browsers ignore) is javascript:, vbscript: or data:.
# Exit 1 if it printed anything.  See tests/hostile.test.sh.
import re, sys
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href",
             "poster", "data", "srcset", "background", "cite"}
BAD = re.compile(r"^(javascript|vbscript|data):", re.I)
IGNORED = re.compile(r"[\x00-\x20\x7f]")


class Scan(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.found, self.in_script = name, [], False

    def bad(self, what):
        self.found.append("%s:%d: %s" % (self.name, self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"):
                self.bad("<%s %s=...>" % (tag, k))
            if k in URL_ATTRS and v is not None and \
                    BAD.match(IGNORED.sub("", v)):
                self.bad("<%s %s=%r>" % (tag, k, v))
            if tag == "meta" and k == "content" and v and \
                    re.search(r"url\s*=\s*(javascript|vbscript|data):",
                              IGNORED.sub("", v), re.I):
                self.bad("<meta content=%r>" % v)
        if tag == "script":
            self.in_script = True
            src = dict(attrs).get("src")
            if src is not None and re.match(r"^[a-z]+:|^//", src, re.I):
                self.bad("<script src=%r>" % src)
        if tag in ("iframe", "object", "embed", "base"):
            self.bad("<%s>" % tag)
        # the one form a page has: the site's own search box, a GET to
        # search.html beside the root
        a = dict(attrs)
        if tag == "form" and not (
                re.match(r"^(\.\./)*search\.html$", a.get("action") or "")
                and (a.get("method") or "get").lower() == "get"):
            self.bad("<form action=%r>" % a.get("action"))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.bad("inline script %r" % data[:40])


found = []
for f in sys.argv[1:]:
    s = Scan(f)
    with open(f, encoding="utf-8") as fh:
        s.feed(fh.read())
    found += s.found
for x in found[:20]:
    print(x)
sys.exit(1 if found else 0)
