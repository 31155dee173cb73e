"""Every `path/file.c: function()` the docs name (also "`function()` in
`path/file.c`") is a file of the tree that defines that function (or
macro, or assembly label): a renamed function or a moved file cannot
leave the docs pointing at nothing."""
import os
import re
import sys
from qemu import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

SRC = r"((?:[\w.-]+/)+[\w.-]+\.(?:c|h|asm|S|py))"
FN = r"(\w+)\(\)"
# `kernel/fork.c: copy_process()`, inside one code span (it may wrap).
COLON = re.compile(r"`" + SRC + r":\s+" + FN + r"`")
# `copy_process()` in `kernel/fork.c`, or (`kernel/fork.c`) right after it.
IN_FILE = re.compile(r"`" + FN + r"`\s+(?:in|of|from)\s+`" + SRC + r"`")


def spindle_text(text):
    """@text without what names Linux's code rather than Spindle's: table
    columns headed "Linux..." and quotes of the seed chapter (lines that
    start with '>')."""
    out, drop = [], set()
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if ln.lstrip().startswith(">"):
            continue
        if ln.startswith("|"):
            cells = ln.split("|")
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if re.match(r"^\|[\s:|-]+$", nxt):        # a header row
                drop = {k for k, c in enumerate(cells) if "Linux" in c}
            ln = "|".join(c for k, c in enumerate(cells) if k not in drop)
        else:
            drop = set()
        out.append(ln)
    return "\n".join(out)


def references(text):
    """(file, function) pairs that name Spindle's code. Linux's own code is
    named too, and left out: spindle_text(), and references with "Linux"
    shortly before them."""
    flat = re.sub(r"\s*\n\s*", " ", spindle_text(text))      # spans wrap across lines
    found = [(m.start(), m.group(1), m.group(2)) for m in COLON.finditer(flat)]
    found += [(m.start(), m.group(2), m.group(1)) for m in IN_FILE.finditer(flat)]
    for pos, src, fn in found:
        if "Linux" not in flat[max(0, pos - 60):pos]:
            yield src, fn


def defines(source, name):
    """Whether @source defines @name: a function or declaration starting in
    column 0 (kernel style), a macro, an assembly label, a Python def, or
    a SYSCALL_DEFINE for sys_NAME."""
    n = re.escape(name)
    pats = [r"^[A-Za-z_][^;\n]*\b" + n + r"\s*\(", r"^" + n + r"\s*\(",
            r"^#\s*define\s+" + n + r"\b", r"^\s*(?:global\s+)?" + n + r":",
            r"^\s*def\s+" + n + r"\s*\(",
            r"SYSCALL_DEFINE\d\(" + re.escape(name[4:] if name.startswith("sys_") else name)
            + r"\b"]
    return any(re.search(p, source, re.M) for p in pats)


def resolve(path):
    """The file a doc names: relative to the tree, or under arch/x86_64/
    (docs often drop the prefix inside an x86 paragraph)."""
    for base in ("", "arch/x86_64/"):
        full = os.path.join(ROOT, base + path)
        if os.path.isfile(full):
            return full
    return None


def test_every_file_and_function_the_docs_name_exists():
    bad, seen = [], 0
    for path in docs.doc_files():
        text = open(os.path.join(ROOT, path)).read()
        for src, fn in sorted(set(references(text))):
            seen += 1
            full = resolve(src)
            if not full:
                bad.append(f"{path}: `{src}: {fn}()`: no file {src}")
            elif not defines(open(full, errors="replace").read(), fn):
                bad.append(f"{path}: `{src}: {fn}()`: {src} does not define {fn}()")
    assert seen > 50, f"only {seen} references found: the patterns are broken"
    assert not bad, "names in the docs that do not resolve:\n" + "\n".join(bad)


def test_the_checker_catches_a_wrong_name():
    text = ("see `kernel/fork.c: copy_process()` and `no_such_fn()` in `kernel/fork.c`;\n"
            "Linux's `init/main.c: start_kernel()`\n> quoted `init/main.c: rest_init()`")
    refs = set(references(text))
    assert refs == {("kernel/fork.c", "copy_process"), ("kernel/fork.c", "no_such_fn")}
    src = open(resolve("kernel/fork.c")).read()
    assert defines(src, "copy_process") and not defines(src, "no_such_fn")


PATH_SPAN = re.compile(r"`((?:arch/x86_64|kernel|lib|include|tests|tools|modules|user|scripts|iso)"
                       r"/[\w./-]*)`")


def test_every_path_the_docs_name_exists():
    bad, seen = [], 0
    for path in docs.doc_files():
        text = open(os.path.join(ROOT, path)).read()
        lines = spindle_text(text).split("\n")
        for n, line in enumerate(lines, 1):
            before = (lines[n - 2] if n > 1 else "") + " "
            for m in PATH_SPAN.finditer(line):
                p = m.group(1).rstrip("/.")
                context = (before + line[:m.start()])[-70:]
                # Linux's files ("Linux's `kernel/...`"), and files a lab
                # asks the reader to write.
                if "*" in p or re.search(r"Linux|Write", context):
                    continue
                seen += 1
                if not (os.path.exists(os.path.join(ROOT, p))
                        or os.path.exists(os.path.join(ROOT, "arch/x86_64", p))):
                    bad.append(f"{path}:{n}: `{p}` does not exist")
    assert seen > 100, f"only {seen} paths found: the pattern is broken"
    assert not bad, "paths in the docs that do not exist:\n" + "\n".join(bad)
