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
        # Code is not Markdown: "a[i](x)" in a listing is no link.
        code = {b.first + k for b in docs.blocks(os.path.relpath(path, ROOT))
                for k in range(len(b.lines))}
        for n, line in enumerate(text.splitlines(), 1):
            if n in code:
                continue
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


def _section(text, title):
    """The lines of @text's "## @title" section, or None."""
    m = re.search(r"^## " + title + r"\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else None


def test_every_chapter_has_objectives_exercises_and_answers():
    """Each chapter of README's list opens with "Learning objectives" (the
    first section) and ends with "Exercises" (the last), 3 to 6 items each,
    every exercise naming something of the tree or a command to type; the
    instructors' answers have a section for every chapter, with as many
    answers as it has exercises, and an answer to every lab of labs.md."""
    readme = open(os.path.join(ROOT, "README.md")).read()
    answers = open(os.path.join(ROOT, "docs", "instructor", "answers.md")).read()
    chapters = sorted(set(re.findall(r"^\d+\. .*?\]\(docs/([\w-]+\.md)\)", readme, re.M))
                      | set(re.findall(r"^\d+\. .*?; \[docs/([\w-]+\.md)\]", readme, re.M)))
    chapters.remove("labs.md")     # exercises already: answered lab by lab
    assert len(chapters) > 15, chapters
    labs = open(os.path.join(ROOT, "docs", "labs.md")).read()
    bad = [f"docs/instructor/answers.md: no answer to Lab {n}"
           for n in re.findall(r"^## Lab (\d+):", labs, re.M) if f"**Lab {n}.**" not in answers]
    for name in chapters:
        text = open(os.path.join(ROOT, "docs", name)).read()
        heads = re.findall(r"^## (.*)$", text, re.M)
        obj, ex = _section(text, "Learning objectives"), _section(text, "Exercises")
        if not heads or heads[0] != "Learning objectives" or obj is None:
            bad.append(f"docs/{name}: no \"## Learning objectives\" as its first section")
        elif not 3 <= len(re.findall(r"^- ", obj, re.M)) <= 6:
            bad.append(f"docs/{name}: 3 to 6 learning objectives")
        if not heads or heads[-1] != "Exercises" or ex is None:
            bad.append(f"docs/{name}: no \"## Exercises\" as its last section")
            continue
        items = re.split(r"^\d+\. ", ex, flags=re.M)[1:]
        if not 3 <= len(items) <= 6:
            bad.append(f"docs/{name}: 3 to 6 exercises, not {len(items)}")
        for k, item in enumerate(items, 1):
            if not re.search(r"\*\*(Read|Observe|Change)\.\*\*", item) or "`" not in item:
                bad.append(f"docs/{name}: exercise {k} says neither Read, Observe nor Change, "
                           "or names no file, function or command")
        sec = re.search(r"^## .*\(\.\./" + re.escape(name) + r"\)\)?\n(.*?)(?=^## |\Z)",
                        answers, re.M | re.S)
        if not sec:
            bad.append(f"docs/instructor/answers.md: no section for docs/{name}")
        elif len(re.findall(r"^\d+\. ", sec.group(1), re.M)) != len(items):
            bad.append(f"docs/instructor/answers.md: docs/{name} has {len(items)} exercises, "
                       f"its section another number of answers")
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
