# tests/patho/gen.py CASE DIR -- writes the pathological input CASE
# into the repository DIR (a copy of tests/bad/config.yaml and the
# units u, u/v): see tests/patho.test.sh.
import os, sys

case, repo = sys.argv[1], sys.argv[2]
laws = os.path.join(repo, "content/u/laws")
village = os.path.join(repo, "content/u/v/births")
head = "---\ntitle: 病态输入\ndate: 2026-01-01\n---\n"


def item(folder, name, body):
    with open(os.path.join(folder, name), "w") as f:
        f.write(head + body)


if case == "quote-nesting":
    item(laws, "a.md", ">" * 50000 + " 深\n")
elif case == "list-nesting":
    item(laws, "a.md", "".join("  " * i + "- 项\n" for i in range(900)))
elif case == "yaml-block-nesting":
    with open(os.path.join(laws, "a.yaml"), "w") as f:
        f.write("title: 病态输入\ndate: 2026-01-01\nbody: x\nx:\n"
                + "".join(" " * i + "a:\n" for i in range(1, 1300)))
elif case == "emphasis-run":
    item(laws, "a.md", "*" * 200000 + "a" + "_" * 200000 + "\n")
elif case == "bracket-run":
    item(laws, "a.md", "[" * 300000 + "\n\n" + "![" * 100000 + "\n")
elif case == "huge-table":
    cols = 20
    rows = ["|" + "|".join("列%d" % j for j in range(cols)) + "|",
            "|" + "---|" * cols]
    rows += ["|" + "|".join("%d*%d*" % (i, j) for j in range(cols)) + "|"
             for i in range(1000)]
    item(village, "a.md", "\n".join(rows) + "\n")
elif case == "yaml-nesting":
    with open(os.path.join(laws, "a.yaml"), "w") as f:
        f.write("title: 病态输入\ndate: 2026-01-01\nbody: x\nkeywords: "
                + "[" * 100000 + "]" * 100000 + "\n")
elif case == "yaml-map-nesting":
    with open(os.path.join(laws, "a.yaml"), "w") as f:
        f.write("title: 病态输入\ndate: 2026-01-01\nbody: x\nx: "
                + "{a: " * 50000 + "b" + "}" * 50000 + "\n")
elif case == "long-line":
    item(laws, "a.md", "长" * (1000 * 1000 // 3 - 100) + "\n")
elif case == "many-files":
    for i in range(100000):
        item(laws, "a%06d.md" % i, "正文。\n")
elif case == "print-brackets":
    item(village, "a.md", "| a | b |\n|---|---|\n| " + "![" * 20000 +
         " | x |\n")
elif case == "print-links":
    item(village, "a.md", "| a | b |\n|---|---|\n| " +
         "[链接](https://example.org/) " * 3000 + "| x |\n")
else:
    sys.exit("unknown case " + case)
