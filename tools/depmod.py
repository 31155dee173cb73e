#!/usr/bin/env python3
"""Spindle's depmod, after Linux's: modules.dep for a module directory.

    depmod.py DIR
        Writes DIR/modules.dep with one line per .ko below DIR,
        "path.ko: dep.ko ...", paths relative to DIR. The dependencies come
        from each module's .modinfo "depends=" (tools/modpost.py writes
        it), all of them, the ones needed first listed last, so that
        modprobe loads them from the end of the line, as Linux's depmod
        orders them. A cycle or a missing module is reported, not fatal.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modpost import modinfo  # noqa: E402


def scan(root):
    """{module name: (relative path, [names it depends on])}"""
    mods = {}
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(".ko"):
                continue
            path = os.path.join(d, f)
            tags = dict(s.split("=", 1) for s in modinfo(path) if "=" in s)
            name = tags.get("name", f[:-3])
            deps = [x for x in tags.get("depends", "").split(",") if x]
            mods[name] = (os.path.relpath(path, root), deps)
    return mods


def load_order(name, mods, seen, stack, out):
    """Appends @name's dependencies to @out, deepest first (post-order)."""
    for dep in mods[name][1]:
        if dep in stack:
            print(f"depmod: ERROR: Cycle detected: {name} -> {dep}", file=sys.stderr)
            continue
        if dep not in mods:
            print(f"depmod: WARNING: {mods[name][0]} needs unknown module {dep}",
                  file=sys.stderr)
            continue
        if dep in seen:
            continue
        seen.add(dep)
        load_order(dep, mods, seen, stack | {dep}, out)
        out.append(dep)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: depmod.py DIR")
    root = sys.argv[1]
    mods = scan(root)
    lines = []
    for name in sorted(mods, key=lambda n: mods[n][0]):
        order = []
        load_order(name, mods, set(), {name}, order)
        deps = " ".join(mods[d][0] for d in reversed(order))
        lines.append(f"{mods[name][0]}:{' ' + deps if deps else ''}")
    with open(os.path.join(root, "modules.dep"), "w") as f:
        f.write("\n".join(lines) + ("\n" if lines else ""))


if __name__ == "__main__":
    main()
