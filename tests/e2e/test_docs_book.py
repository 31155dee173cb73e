"""`make book` builds an offline site, every mermaid block of the docs drawn
by the real renderer (a block that does not render fails the build with
its file and line), and that a real browser shows without an
error: every page of it opened in Debian's chromium (headless, through
puppeteer) with no console error or failed load, every diagram drawn as
an SVG with content, every internal link and anchor resolving; the
chapters numbered in README's order; listings equal to the source they are
cut from; every chapter with its learning objectives and exercises
boxed, and the instructors' answers on a page of their own. A
screenshot of the kthreads chapter is kept in
BUILD/book-kthreads.png for a person to look at."""
import os
import re
import subprocess
import sys
import tempfile
from qemu import BUILD, ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import book  # noqa: E402
import docs  # noqa: E402


def test_book_builds_and_every_page_is_clean_in_chromium():
    assert docs.mermaid_ready() is None, docs.mermaid_ready()
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "book.py"), "--out", out],
                           capture_output=True, text=True, timeout=600)
        # A diagram that does not render fails the build, naming file and line.
        assert r.returncode == 0, r.stdout + r.stderr
        slugs = {p.src: p.slug for p in book.pages()}
        for b in docs.all_blocks("mermaid"):
            page = slugs[b.path]
            html_text = open(os.path.join(out, page + ".html")).read()
            for name in re.findall(r"participant \w+ as ([A-Za-z_]\w{3,})", "\n".join(b.lines)):
                assert name in html_text, f"{b.where(-1)}: {name} not drawn"
        readme = open(os.path.join(ROOT, "README.md")).read()
        chapters = re.findall(r"^(\d+)\. \[docs/([\w-]+)\.md\]", readme, re.M)
        for n, name in chapters:
            page = open(os.path.join(out, name + ".html")).read()
            assert re.search(r'<h1 id="[^"]*"><span class="num">' + n + r"\.</span>", page), name
            # Objectives first, exercises last, each drawn as a box (CSS h2+list).
            assert re.search(r'<h2 id="learning-objectives">[^<]*</h2>\s*<ul>', page), name
            assert re.search(r'<h2 id="exercises">[^<]*</h2>\s*<ol>', page), name
            # The answers are not in the chapter, only a link in the nav.
            assert "instructor-answers.html" in page and "Answers to the exercises" not in \
                page.split("</nav>", 1)[1], name
        answers = open(os.path.join(out, "instructor-answers.html")).read()
        assert 'href="kthreads.html' in answers and "**" not in answers
        glossary = open(os.path.join(out, "glossary.html")).read()
        assert "<svg" in glossary and "kthread_unpark()" in glossary    # the task states
        shot = os.path.join(BUILD, "book-kthreads.png")
        r = subprocess.run(["node", os.path.join(ROOT, "tools", "mermaid", "check_book.mjs"),
                            out, "kthreads.html", shot], capture_output=True, text=True,
                           timeout=600, cwd=os.path.join(ROOT, "tools", "mermaid"))
        lines = r.stdout.strip().split("\n")
        assert r.returncode == 0 and re.fullmatch(r"checked (\d+) pages", lines[-1]), \
            r.stdout + r.stderr
        assert int(lines[-1].split()[1]) > len(chapters), lines[-1]
        assert lines == lines[-1:], "problems in the book:\n" + "\n".join(lines[:-1])
        assert os.path.getsize(shot) > 10000


def test_listings_in_the_docs_are_the_source():
    found = 0
    for b in docs.all_blocks():
        if "listing" in b.attrs():
            found += 1
            f, _, fn = b.attrs()["listing"].partition(":")
            code, _ = book.cut_function(f, fn)
            assert "\n".join(b.lines) == code, \
                f"{b.where(-1)}: the listing differs from {f}: {fn}() (copy it again)"
    assert found, "no ```c listing=FILE:FUNCTION block found"
