"""The docs stay readable from a clone (docs/, README.md): every relative
link names a file in the repository, and nothing points outside it (the
measurements and the seed chapter have copies in tests/data and docs/seed)."""
import glob
import os
import re
import sys
from qemu import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def doc_files():
    """README.md, docs/*.md and docs/instructor/*.md (tools/docs.py)."""
    return [os.path.join(ROOT, p) for p in docs.doc_files()]


def test_relative_links_resolve_inside_the_repository():
    bad = []
    for path in doc_files():
        text = open(path).read()
        for n, line in enumerate(text.splitlines(), 1):
            for target in LINK.findall(line):
                if re.match(r"[a-z]+:", target):
                    continue            # http:, mailto:
                full = os.path.normpath(os.path.join(os.path.dirname(path), target))
                inside = full.startswith(ROOT + os.sep)
                if not inside or not os.path.exists(full):
                    bad.append(f"{os.path.relpath(path, ROOT)}:{n}: {target}")
    assert not bad, "\n".join(bad)


def test_no_doc_names_the_folder_outside_the_repository():
    bad = [f"{os.path.relpath(p, ROOT)}:{n}"
           for p in doc_files()
           for n, line in enumerate(open(p).read().splitlines(), 1)
           if "../shared" in line]
    assert not bad, "\n".join(bad)


def test_chapters_are_numbered_once_in_the_readme():
    """README's list is the one numbering: 1, 2, 3 ... in boot order, every
    chapter of docs/ listed, and no chapter's title carries a number of
    its own that could disagree."""
    text = open(os.path.join(ROOT, "README.md")).read()
    items = re.findall(r"^(\d+)\. \[docs/([\w-]+\.md)\]", text, re.M)
    assert [int(n) for n, _ in items] == list(range(1, len(items) + 1)), items
    listed = set(re.findall(r"\]\(docs/([\w-]+\.md)", text))
    bad = []
    for path in glob.glob(os.path.join(ROOT, "docs", "*.md")):
        name = os.path.basename(path)
        title = open(path).readline()
        if re.match(r"#\s+Chapter\b", title):
            bad.append(f"docs/{name}: its title is numbered: {title.strip()}")
        if name not in listed:
            bad.append(f"docs/{name}: not in README.md's list of chapters")
    assert not bad, "\n".join(bad)
