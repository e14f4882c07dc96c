# tests/hostile/inject.py REPO [html] -- puts script into every field of
# REPO (a copy of the demo) that a template prints: config strings, unit
# names and contacts, item titles, 文号, summaries, topics, keywords,
# table cells, and links with hidden schemes in bodies; with "html",
# raw HTML in the bodies too, which gongkai refuses.  See
# tests/hostile.test.sh.
import json, os, re, sys

P = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
repo = sys.argv[1]
fields = ("title", "name", "summary", "doc_no", "topic", "address",
          "hours", "description", "org", "contact", "icp", "psb",
          "phone", "email", "postcode", "hotline", "site_code")
HTML = """

<script>alert(3)</script><img src=x onerror=alert(4)>
<a href="javascript:alert(13)">辛</a>

| 列"'><script>alert(14)</script> | b |
|---|---|
| <img src=x onerror=alert(15)> | [壬](jAvAsCrIpT:alert(16)) |
"""
BODY = """

[甲](javascript:alert(5)) [乙](JaVa&#x09;ScRiPt:alert(6))
[丙](<&#1;javascript:alert(7)>) [丁](vbscript:msgbox(8))
[戊](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)
![己](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTApPg==)
[庚](https://example.org/"onmouseover="alert(11) "t\\"itle\\" onfocus=alert(12)")

| 列"'>&lt;script&gt;alert(14)&lt;/script&gt; | b |
|---|---|
| &lt;img src=x onerror=alert(15)&gt; | [壬](jAvAsCrIpT:alert(16)) |
"""


def fix(line):
    m = re.match(r"^(\s*)(%s): (.*)$" % "|".join(fields), line)
    if m and not m.group(3).startswith(("|", ">")):
        v = m.group(3)
        if v[:1] in "\"'":
            v = v[1:-1]
        return "%s%s: %s\n" % (m.group(1), m.group(2), json.dumps(v + P,
                               ensure_ascii=False))
    m = re.match(r"^(\s*- \{ id: [^,]+, title: )(.*?)( \}.*)$", line)
    if m:
        return "%s%s%s\n" % (m.group(1), json.dumps(m.group(2) + P,
                             ensure_ascii=False), m.group(3))
    m = re.match(r"^keywords: \[(.*)$", line)
    if m:
        return "keywords: [%s, %s\n" % (json.dumps(P), m.group(1))
    return line


for d, _, files in os.walk(repo):
    for f in files:
        p = os.path.join(d, f)
        if not (f.endswith(".yaml") or f.endswith(".md")):
            continue
        with open(p) as fh:
            lines = fh.readlines()
        out, fm = [], 0
        for ln in lines:
            if ln == "---\n":
                fm += 1
            out.append(fix(ln) if f.endswith(".yaml") or fm == 1 else ln)
        text = "".join(out)
        if f.endswith(".md"):
            text += BODY + (HTML if sys.argv[2:] == ["html"] else "")
        with open(p, "w") as fh:
            fh.write(text)
