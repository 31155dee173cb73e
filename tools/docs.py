#!/usr/bin/env python3
"""The docs' own build and checks (docs/testing.md, "Docs that cannot drift").

  python3 tools/docs.py mermaid [--out DIR]   render every ```mermaid block
                                              of README.md and docs/ to SVG
  python3 tools/docs.py blocks                list the fenced blocks

Mermaid is rendered by mermaid-cli in Debian's chromium
(tools/mermaid/render.mjs, installed by scripts/setup-docs.sh), the same
renderer a reader's browser runs, so a block that does not parse fails
here with its file and line. The block parser is shared with the
transcript and name checks in tests/e2e/test_docs_*.py.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MERMAID_DIR = os.path.join(ROOT, "tools", "mermaid")
FENCE = re.compile(r"^(\s*)(`{3,})\s*([^`]*?)\s*$")


class Block:
    """A fenced block: @path (relative to ROOT), @line (1-based line of the
    opening fence), @info (the info string: "mermaid", "console replay=..."),
    @lines (the body) and @first (the 1-based line of the body's first line)."""

    def __init__(self, path, line, info, lines):
        self.path, self.line, self.info, self.lines = path, line, info, lines
        self.first = line + 1

    @property
    def lang(self):
        return self.info.split()[0] if self.info else ""

    def attrs(self):
        """key=value words of the info string after the language."""
        out = {}
        for word in self.info.split()[1:]:
            k, _, v = word.partition("=")
            out[k] = v
        return out

    def where(self, i=0):
        return f"{self.path}:{self.first + i}"


def doc_files():
    """README.md and every chapter in docs/ (new chapters included as they
    appear); the seed chapter's copy in docs/seed is Linux's text, not ours."""
    return ["README.md"] + sorted(os.path.relpath(p, ROOT)
                                  for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))


def blocks(path):
    """Every fenced block of @path (relative to ROOT), in order."""
    with open(os.path.join(ROOT, path)) as f:
        text = f.read().split("\n")
    out = []
    i = 0
    while i < len(text):
        m = FENCE.match(text[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.groups()
        start = i
        body = []
        i += 1
        while i < len(text) and not re.match(r"^\s*" + fence + r"\s*$", text[i]):
            ln = text[i]
            body.append(ln[len(indent):] if ln.startswith(indent) else ln.lstrip())
            i += 1
        out.append(Block(path, start + 1, info, body))
        i += 1
    return out


def all_blocks(lang=None):
    return [b for p in doc_files() for b in blocks(p) if lang is None or b.lang == lang]


def mermaid_ready():
    """None when mermaid-cli and chromium are installed, else why not."""
    if not os.path.exists(os.path.join(MERMAID_DIR, "node_modules", "@mermaid-js",
                                       "mermaid-cli")):
        return "mermaid-cli is not installed: run scripts/setup-docs.sh"
    if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        return "chromium is not installed: run scripts/setup-docs.sh"
    return None


def render_mermaid(items, outdir):
    """Renders @items, a list of (name, text, svg file name), into @outdir.
    Returns ({name: "ok" or the error}, the renderer's raw output)."""
    os.makedirs(outdir, exist_ok=True)
    why = mermaid_ready()
    if why:
        return {name: why for name, _, _ in items}, why
    jobs = [{"name": n, "text": t, "out": os.path.join(outdir, f)} for n, t, f in items]
    r = subprocess.run(["node", os.path.join(MERMAID_DIR, "render.mjs")], cwd=MERMAID_DIR,
                       input=json.dumps(jobs), capture_output=True, text=True, timeout=600)
    result = {n: "renderer did not report it" for n, _, _ in items}
    for line in r.stdout.splitlines():
        if line.startswith("ok "):
            result[line[3:]] = "ok"
        elif line.startswith("FAIL "):
            name, _, err = line[5:].partition(": ")
            result[name] = err
    return result, r.stdout + r.stderr


def svg_name(block):
    base = os.path.splitext(block.path.replace("/", "_"))[0]
    return f"{base}-{block.line}.svg"


def cmd_mermaid(args):
    bl = all_blocks("mermaid")
    items = [(b.where(-1), "\n".join(b.lines) + "\n", svg_name(b)) for b in bl]
    result, raw = render_mermaid(items, args.out)
    bad = {n: e for n, e in result.items() if e != "ok"}
    for n, e in bad.items():
        print(f"{n}: mermaid block does not render: {e}", file=sys.stderr)
    if bad and "renderer did not report" in " ".join(bad.values()):
        print(raw, file=sys.stderr)
    print(f"docs: {len(items) - len(bad)} of {len(items)} diagrams rendered to "
          f"{os.path.relpath(args.out, ROOT)}/")
    return 1 if bad else 0


def cmd_blocks(args):
    for b in all_blocks():
        print(f"{b.path}:{b.line} [{b.info}] {len(b.lines)} lines")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("mermaid")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "docs"))
    p.set_defaults(fn=cmd_mermaid)
    p = sub.add_parser("blocks")
    p.set_defaults(fn=cmd_blocks)
    args = ap.parse_args()
    if hasattr(args, "out"):
        args.out = os.path.abspath(args.out)
    sys.exit(args.fn(args))


if __name__ == "__main__":
    main()
