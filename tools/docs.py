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
import shlex
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
        """key=value words of the info string after the language (values
        may be quoted: cmdline="a b")."""
        out = {}
        for word in shlex.split(self.info)[1:]:
            k, _, v = word.partition("=")
            out[k] = v
        return out

    def where(self, i=0):
        return f"{self.path}:{self.first + i}"


def doc_files():
    """README.md, every chapter in docs/ (new chapters included as they
    appear) and the instructors' answers in docs/instructor/; the seed
    chapter's copy in docs/seed is Linux's text, not ours."""
    return ["README.md"] + sorted(os.path.relpath(p, ROOT) for d in ("docs", "docs/instructor")
                                  for p in glob.glob(os.path.join(ROOT, d, "*.md")))


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


# Transcripts (docs/testing.md, "Docs that cannot drift"). A block
# ```console replay=kshell|busybox [cmdline="..."] [smp=N] [commands]
# is a session at the kernel shell (`make run CMDLINE=kshell`) or busybox's
# shell (`make run`): lines starting with the prompt are typed, the lines
# after each are what it printed.
PROMPTS = {"kshell": "spindle# ", "busybox": "spindle:~# "}
PLACEHOLDERS = {"<N>": r"-?\d+", "<PID>": r"\d+", "<T>": r"\d+(?:\.\d+)?", "<S>": r"[RSDPIZ]",
                "<HEX>": r"(?:0x)?[0-9a-fA-F]+", "<*>": r".*"}
LOG_LINE = re.compile(r"^\[\s*\d+\.\d+\] ")
COMMENT = re.compile(r"\s{2,}#\s.*$")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")     # top's "clear the screen"


class Step:
    """One typed command of a transcript and the lines shown after it."""

    def __init__(self, line, command, expected):
        self.line, self.command, self.expected = line, command, expected


def transcript(block):
    """The steps of a replayed block: [(Step)], each Step.line the 1-based
    line of its command in the file. Text after two spaces and '#' on a
    command line is a comment for the reader and is not typed."""
    prompt = PROMPTS[block.attrs()["replay"]]
    steps = []
    for i, ln in enumerate(block.lines):
        if ln.startswith(prompt) or ln == prompt.rstrip():
            cmd = COMMENT.sub("", ln[len(prompt):]).rstrip()
            steps.append(Step(block.first + i, cmd, []))
        elif steps:
            steps[-1].expected.append((block.first + i, ln))
        elif ln.strip():
            raise ValueError(f"{block.where(i)}: text before the first prompt")
    return steps


def line_regex(expected):
    """An expected line as a regex: placeholders match what varies, a
    kernel log line's timestamp always varies, runs of spaces match any
    run of spaces (columns widen with their numbers)."""
    text = expected.rstrip()
    out = ""
    m = LOG_LINE.match(text)
    if m:
        out, text = r"\[\s*\d+\.\d+\] ", text[m.end():]
    for tok in re.split(r"(<N>|<PID>|<T>|<S>|<HEX>|<\*>| +)", text):
        if tok in PLACEHOLDERS:
            out += PLACEHOLDERS[tok]
        elif tok.startswith(" "):
            out += r" +"
        else:
            out += re.escape(tok)
    if expected.startswith(" "):
        out = r" *" + out.lstrip("\\ ").lstrip("+")
    return re.compile(out + r" *$")


def match_lines(expected, actual):
    """Matches @actual (output lines) against @expected ([(lineno, text)]).
    "..." alone on a line stands for any number of lines; a kernel log
    line the transcript does not show may come anywhere (threads print
    while the shell runs). Returns None on a match, else (lineno, why)."""
    actual = [ANSI.sub("", a).rstrip() for a in actual]
    while actual and not actual[-1]:
        actual.pop()
    exp = [(n, t) for n, t in expected]
    while exp and not exp[-1][1].strip():
        exp.pop()
    best = [0, None]     # deepest expected line reached, and why it failed

    memo = {}

    def go(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        ok = False
        if i == len(exp):
            ok = all(LOG_LINE.match(a) for a in actual[j:])
            if not ok and best[0] <= i:
                best[:] = [i, (exp[-1][0] if exp else 0,
                               f"unexpected output after it: {actual[j]!r}")]
        elif exp[i][1].strip() == "...":
            ok = any(go(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            if j < len(actual) and line_regex(exp[i][1]).match(actual[j]):
                ok = go(i + 1, j + 1)
            if not ok and j < len(actual) and LOG_LINE.match(actual[j]):
                ok = go(i, j + 1)
            if not ok and best[0] <= i:
                got = actual[j] if j < len(actual) else "(end of output)"
                best[:] = [i, (exp[i][0], f"expected {exp[i][1].strip()!r}, got {got!r}")]
        memo[key] = ok
        return ok

    if go(0, 0):
        return None
    return best[1]


def check_session(steps, outputs, log):
    """Checks a replayed block: @steps its Steps, @outputs the lines each
    command printed, @log every kernel log line the console showed while
    the block ran. A command's own output is matched line by line
    (match_lines); kernel log lines are matched apart, in order over the
    whole block, whichever prompt they came after: threads print them on
    their own time. Returns [(lineno, why)]."""
    bad = []
    for step, got in zip(steps, outputs):
        exp = [(n, t) for n, t in step.expected if not LOG_LINE.match(t)]
        why = match_lines(exp, [g for g in got if not LOG_LINE.match(g)])
        if why:
            bad.append(why)
    want = [(n, t) for step in steps for n, t in step.expected if LOG_LINE.match(t)]
    j = 0
    for n, t in want:
        rx = line_regex(t)
        while j < len(log) and not rx.match(log[j]):
            j += 1
        if j == len(log):
            bad.append((n, f"kernel log line {t.strip()!r} not printed (in this order)"))
            break
        j += 1
    return bad


def replay_blocks():
    """The blocks marked for replay, and those that show a session at a
    prompt without being marked (an error: they could drift)."""
    marked, unmarked = [], []
    for b in all_blocks():
        if "replay" in b.attrs():
            marked.append(b)
        elif b.lang in ("", "text", "console", "sh") and any(
                ln.startswith(p) for ln in b.lines for p in PROMPTS.values()):
            unmarked.append(b)
    return marked, unmarked


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
