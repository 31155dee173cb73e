#!/usr/bin/env python3
"""`make book`: the docs as an offline static site in build/book/.

  python3 tools/book.py [--out DIR]

Chapters come in README.md's order and are numbered once, from that list
(the chapter files carry no numbers); the other documents follow as
appendices, then the glossary. Mermaid blocks become inline SVG, rendered
at build time by the same renderer as `make docs`, so pages need no
script and no network. A block ```c listing=FILE:FUNCTION is replaced by
that function cut from the source at build time, so a listing cannot
drift; an unknown file or function fails the build. Links to source
files lead to a copy of the file in src/. Each chapter's "Learning
objectives" and "Exercises" are boxed; the instructors' answers
(docs/instructor/*.md) are pages of their own, apart from the chapters
(the nav lists them last, under "For instructors"). Small on purpose: the Markdown
the docs use (headings, paragraphs, lists, tables, quotes, fenced code,
inline code, emphasis, links), nothing more.
"""
import argparse
import glob
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docs  # noqa: E402

ROOT = docs.ROOT
SLUGS = {}      # a page's source (relative to ROOT) -> its HTML name, set by main()
CSS = """body{font:16px/1.55 sans-serif;max-width:60em;margin:0 auto;padding:1em 2em;color:#222}
nav{font-size:90%;margin-bottom:1em;border-bottom:1px solid #ccc;padding-bottom:.5em}
pre{background:#f5f5f5;padding:.6em;overflow-x:auto;font-size:85%;line-height:1.35}
code{background:#f0f0f0;padding:0 .2em}pre code{background:none;padding:0}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
blockquote{border-left:4px solid #8ab;margin:1em 0;padding:.2em 1em;background:#f4f8fa}
.diagram{margin:1em 0;overflow-x:auto}.diagram svg{max-width:100%;height:auto}
.listing{font-size:80%;color:#555}h1 .num{color:#888}
h2#learning-objectives+ul,h2#exercises+ol{background:#f4f9f4;border:1px solid #bcd8bc;padding:.6em 1em .6em 2.2em}
h2#exercises+ol{background:#fbf8ef;border-color:#dccfa6}nav .instr{margin-left:1em;font-style:italic}
"""


def cut_function(path, name):
    """The source of function (or struct/macro) @name in @path: from its
    definition line at column 0, with the comment just above, to the
    closing brace at column 0."""
    lines = open(os.path.join(ROOT, path)).read().split("\n")
    rx = re.compile(r"^[A-Za-z_][^;]*\b" + re.escape(name) + r"\s*\(|^" + re.escape(name) + r"\s*\(")
    for i, ln in enumerate(lines):
        if rx.match(ln) and not ln.rstrip().endswith(";"):
            start = i
            while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("}"):
                start -= 1
            for j in range(i, len(lines)):
                if lines[j].startswith("}"):
                    return "\n".join(lines[start:j + 1]), start + 1
            break
    raise SystemExit(f"book: {path}: no function {name}() to cut a listing from")


class Page:
    def __init__(self, src, slug, title, number=None):
        self.src, self.slug, self.title, self.number = src, slug, title, number


def inline(text, page_dir, srcfiles):
    """Inline Markdown: code spans, links, bold, emphasis."""
    parts = re.split(r"(`+[^`]*?`+)", text)
    out = []
    for p in parts:
        if p.startswith("`"):
            out.append("<code>" + html.escape(p.strip("`").strip()) + "</code>")
            continue
        p = html.escape(p, quote=False)

        def link(m):
            label, target = m.group(1), m.group(2)
            return f'<a href="{html.escape(rewrite(target, page_dir, srcfiles))}">{label}</a>'
        p = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", link, p)
        p = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", p)
        p = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"<em>\1</em>", p)
        out.append(p)
    return "".join(out)


def rewrite(target, page_dir, srcfiles):
    """A link of the docs as a link of the book: chapter.md -> chapter.html,
    a source file -> its copy under src/."""
    if re.match(r"[a-z]+:", target) or target.startswith("#"):
        return target
    path, _, anchor = target.partition("#")
    full = os.path.normpath(os.path.join(ROOT, page_dir, path))
    rel = os.path.relpath(full, ROOT)
    if rel in SLUGS:
        return SLUGS[rel] + ".html" + ("#" + anchor if anchor else "")
    srcfiles.add(rel)
    return "src/" + rel + ".html"


def slugify(text):
    t = re.sub(r"<[^>]+>", "", text).lower()
    t = re.sub(r"[^\w\s-]", "", t)
    return re.sub(r"\s", "-", t.strip())


def render(page, svgs, srcfiles):
    text = open(os.path.join(ROOT, page.src)).read().split("\n")
    page_dir = os.path.dirname(page.src)
    out, i, para = [], 0, []
    blocks = {b.line: b for b in docs.blocks(page.src)}

    def flush():
        if para:
            out.append("<p>" + inline(" ".join(para), page_dir, srcfiles) + "</p>")
            para.clear()
    while i < len(text):
        ln = text[i]
        if i + 1 in blocks:
            flush()
            b = blocks[i + 1]
            i += len(b.lines) + 2
            if b.lang == "mermaid":
                out.append(f'<div class="diagram">{svgs[(b.path, b.line)]}</div>')
            elif "listing" in b.attrs():
                f, _, fn = b.attrs()["listing"].partition(":")
                code, first = cut_function(f, fn)
                srcfiles.add(f)
                out.append(f'<p class="listing">From <a href="src/{f}.html#L{first}">{f}</a>, '
                           f'line {first}, as built:</p><pre><code>{html.escape(code)}</code></pre>')
            else:
                out.append("<pre><code>" + html.escape("\n".join(b.lines)) + "</code></pre>")
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", ln)
        if m:
            flush()
            level, title = len(m.group(1)), inline(m.group(2), page_dir, srcfiles)
            if level == 1 and page.number:
                title = f'<span class="num">{page.number}.</span> {title}'
            out.append(f'<h{level} id="{slugify(m.group(2))}">{title}</h{level}>')
        elif ln.startswith("|"):
            flush()
            rows = []
            while i < len(text) and text[i].startswith("|"):
                rows.append(text[i])
                i += 1
            out.append("<table>")
            for k, r in enumerate(rows):
                if k == 1 and re.match(r"^\|[\s:|-]+$", r):
                    continue
                cells = [c.strip() for c in r.strip().strip("|").split("|")]
                tag = "th" if k == 0 else "td"
                out.append("<tr>" + "".join(f"<{tag}>{inline(c, page_dir, srcfiles)}</{tag}>"
                                            for c in cells) + "</tr>")
            out.append("</table>")
            continue
        elif re.match(r"^\s*([-*]|\d+\.)\s+", ln):
            flush()
            tag = "ol" if re.match(r"^\s*\d+\.", ln) else "ul"
            items = []
            while i < len(text) and (re.match(r"^\s*([-*]|\d+\.)\s+", text[i]) or
                                     (text[i].startswith("  ") and text[i].strip()
                                      and not text[i].strip().startswith("```"))):
                if re.match(r"^\s*([-*]|\d+\.)\s+", text[i]):
                    items.append(re.sub(r"^\s*([-*]|\d+\.)\s+", "", text[i]))
                else:
                    items[-1] += " " + text[i].strip()
                i += 1
            # A list that a code block interrupts goes on with its numbers.
            start = re.match(r"^\s*(\d+)\.", ln)
            attr = f' start="{start.group(1)}"' if start and start.group(1) != "1" else ""
            out.append(f"<{tag}{attr}>" + "".join(f"<li>{inline(t, page_dir, srcfiles)}</li>"
                                                   for t in items) + f"</{tag}>")
            continue
        elif ln.startswith(">"):
            flush()
            quote = []
            while i < len(text) and text[i].startswith(">"):
                quote.append(text[i][1:].strip())
                i += 1
            sub = Page(page.src, page.slug, page.title)
            out.append("<blockquote>" + render_text(quote, sub, page_dir, srcfiles) + "</blockquote>")
            continue
        elif not ln.strip():
            flush()
        else:
            para.append(ln.strip())
        i += 1
    flush()
    return "\n".join(out)


def render_text(lines, page, page_dir, srcfiles):
    """A quote's lines: paragraphs and lists only."""
    out, para, items = [], [], []
    for ln in lines + [""]:
        if re.match(r"^[-*]\s+", ln):
            if para:
                out.append("<p>" + inline(" ".join(para), page_dir, srcfiles) + "</p>")
                para = []
            items.append(ln[2:])
        elif ln and items:
            items[-1] += " " + ln
        elif ln:
            para.append(ln)
        else:
            if para:
                out.append("<p>" + inline(" ".join(para), page_dir, srcfiles) + "</p>")
                para = []
            if items:
                out.append("<ul>" + "".join(f"<li>{inline(t, page_dir, srcfiles)}</li>"
                                            for t in items) + "</ul>")
                items = []
    return "\n".join(out)


def pages():
    """README first, then the chapters in README's numbered list, then the
    other documents, then the glossary."""
    readme = open(os.path.join(ROOT, "README.md")).read()
    out = [Page("README.md", "index", "Spindle")]
    seen = set()
    for n, f in re.findall(r"^(\d+)\. \[docs/([\w-]+\.md)\]", readme, re.M):
        out.append(Page("docs/" + f, f[:-3], None, int(n)))
        seen.add(f)
    for f in re.findall(r"\]\(docs/([\w-]+\.md)", readme):
        if f not in seen and f != "glossary.md":
            out.append(Page("docs/" + f, f[:-3], None))
            seen.add(f)
    out.append(Page("docs/glossary.md", "glossary", None))
    for f in sorted(glob.glob(os.path.join(ROOT, "docs", "instructor", "*.md"))):
        name = os.path.basename(f)[:-3]
        out.append(Page("docs/instructor/" + name + ".md", "instructor-" + name, None))
    for p in out:
        first = open(os.path.join(ROOT, p.src)).readline()
        p.title = p.title or re.sub(r"^#\s*", "", first).strip().replace("`", "")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "book"))
    out = os.path.abspath(ap.parse_args().out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    all_pages = pages()
    SLUGS.update({p.src: p.slug for p in all_pages})
    mer = [b for p in all_pages for b in docs.blocks(p.src) if b.lang == "mermaid"]
    items = [(b.where(-1), "\n".join(b.lines) + "\n", docs.svg_name(b)) for b in mer]
    result, raw = docs.render_mermaid(items, os.path.join(out, "svg"))
    bad = [f"{n}: {e}" for n, e in result.items() if e != "ok"]
    if bad:
        sys.exit("book: diagrams that do not render:\n" + "\n".join(bad))
    svgs = {}
    for b in mer:
        svg = open(os.path.join(out, "svg", docs.svg_name(b))).read()
        svgs[(b.path, b.line)] = svg
    shutil.rmtree(os.path.join(out, "svg"))
    srcfiles = set()
    nav = " · ".join(f'<a href="{p.slug}.html">{(str(p.number) + ". ") if p.number else ""}'
                     f'{html.escape(p.title)}</a>' for p in all_pages
                     if not p.src.startswith("docs/instructor/"))
    instr = [p for p in all_pages if p.src.startswith("docs/instructor/")]
    if instr:
        nav += '<span class="instr">For instructors: ' + " · ".join(
            f'<a href="{p.slug}.html">{html.escape(p.title)}</a>' for p in instr) + "</span>"
    for p in all_pages:
        body = render(p, svgs, srcfiles)
        with open(os.path.join(out, p.slug + ".html"), "w") as f:
            f.write(f"<!doctype html><html lang=en><head><meta charset=utf-8>"
                    f"<title>{html.escape(p.title)}</title><style>{CSS}</style></head>"
                    f"<body><nav>{nav}</nav>\n{body}\n</body></html>\n")
    for rel in sorted(srcfiles):
        full = os.path.join(ROOT, rel)
        dest = os.path.join(out, "src", rel + ".html")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        depth = "../" * (rel.count("/") + 1)
        if os.path.isdir(full):
            body = "<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in sorted(os.listdir(full))) + "</ul>"
        elif os.path.isfile(full):
            lines = open(full, errors="replace").read().split("\n")
            body = "<pre><code>" + "\n".join(
                f'<span id="L{k}">{k:5d}  {html.escape(t)}</span>' for k, t in enumerate(lines, 1)) \
                + "</code></pre>"
        else:
            sys.exit(f"book: a link names {rel}, which does not exist")
        with open(dest, "w") as f:
            f.write(f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{rel}</title>"
                    f"<style>{CSS}</style></head><body><nav><a href=\"{depth}index.html\">"
                    f"the book</a></nav><h1>{html.escape(rel)}</h1>{body}</body></html>\n")
    print(f"book: {len(all_pages)} pages, {len(mer)} diagrams, {len(srcfiles)} source files "
          f"in {os.path.relpath(out, ROOT)}/")


if __name__ == "__main__":
    main()
