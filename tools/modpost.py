#!/usr/bin/env python3
"""Spindle's modpost, after Linux's scripts/mod/modpost.c.

    modpost.py symvers < nm-of-kernel > Module.symvers
        Lists the kernel's exports (the __ksymtab_* variables that
        EXPORT_SYMBOL() leaves, include/linux/export.h) in Linux's
        Module.symvers format: "0x00000000<TAB>NAME<TAB>vmlinux<TAB>EXPORT_SYMBOL[_GPL]".

    modpost.py exports --obj DIR/MOD.o ... > DIR/Module.symvers
        Lists what the modules of one build export (EXPORT_SYMBOL in a
        module), in the same format, the module ("DIR/MOD") in column 3.

    modpost.py mod --symvers FILE [--symvers FILE ...] --name NAME --obj MOD.o
                   --out MOD.mod.c [--intree]
        Checks a module before it is linked into NAME.ko: every undefined
        symbol must be exported by the kernel or another module, GPL-only
        ones only to a GPL-compatible module, and MODULE_LICENSE() should
        be there. Then writes MOD.mod.c: the module's vermagic, name and
        depends (the modules it uses) in .modinfo, and __this_module, the
        struct module the loader takes over, pointing at
        init_module/cleanup_module when the module has them.
"""
import argparse
import struct
import subprocess
import sys

GPL_COMPATIBLE = {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
                  "Dual MIT/GPL", "Dual MPL/GPL"}


def export_of(nm_line):
    """(NAME, EXPORT_SYMBOL[_GPL]) for an nm line of an export's variable."""
    parts = nm_line.split()
    if len(parts) != 3 or not parts[2].startswith("__ksymtab_"):
        return None
    name = parts[2][len("__ksymtab_"):]
    if name.startswith("gpl__"):
        return name[len("gpl__"):], "EXPORT_SYMBOL_GPL"
    return name, "EXPORT_SYMBOL"


def symvers(out):
    for line in sys.stdin:
        e = export_of(line)
        if e:
            out.append(f"0x00000000\t{e[0]}\tvmlinux\t{e[1]}\t")
    print("\n".join(sorted(out)))


def module_exports(objs, nm):
    out = []
    for obj in objs:
        lines = subprocess.run([nm, obj], check=True, capture_output=True,
                               text=True).stdout.splitlines()
        for e in filter(None, map(export_of, lines)):
            out.append(f"0x00000000\t{e[0]}\t{obj[:-2]}\t{e[1]}\t")
    print("\n".join(sorted(out)))


def read_symvers(paths):
    """{symbol: (kind, owner)}: owner is "vmlinux" or a module's path."""
    exports = {}
    for path in paths:
        try:
            f = open(path)
        except FileNotFoundError:
            continue
        with f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 4:
                    exports[parts[1]] = (parts[3], parts[2])
    return exports


def modinfo(path):
    """The "tag=value" strings of the object's .modinfo section."""
    data = open(path, "rb").read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def shdr(i):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
    stroff = shdr(shstrndx)[4]
    info = []
    for i in range(shnum):
        name, _, _, _, off, size = shdr(i)[:6]
        end = data.index(b"\0", stroff + name)
        if data[stroff + name:end] == b".modinfo":
            info += [s.decode() for s in data[off:off + size].split(b"\0") if s]
    return info


def undefined_and_defined(obj, nm):
    out = subprocess.run([nm, obj], check=True, capture_output=True, text=True).stdout
    undef, defined = [], set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undef.append(parts[1])
        elif len(parts) == 3:
            defined.add(parts[2])
    return undef, defined


def check(a, info, undef):
    """Return: (errors, the modules this one uses)."""
    exports = read_symvers(a.symvers)
    tags = dict(s.split("=", 1) for s in info if "=" in s)
    license = tags.get("license")
    errors, depends = 0, set()
    if license is None:
        print(f"WARNING: modpost: missing MODULE_LICENSE() in {a.obj}", file=sys.stderr)
    for sym in undef:
        kind, owner = exports.get(sym, (None, None))
        if owner and owner != "vmlinux":
            depends.add(owner.rsplit("/", 1)[-1])
        if kind is None:
            level = "WARNING" if a.warn else "ERROR"
            print(f'{level}: modpost: "{sym}" [{a.ko}] undefined!', file=sys.stderr)
            errors += 1
        elif kind == "EXPORT_SYMBOL_GPL" and license not in GPL_COMPATIBLE:
            print(f"ERROR: modpost: GPL-incompatible module {a.ko} uses GPL-only "
                  f"symbol '{sym}'", file=sys.stderr)
            errors += 1
    depends.discard(a.name)
    return errors, sorted(depends)


def mod_c(a, defined, depends):
    lines = ["/* Written by tools/modpost.py: the module's identity. */",
             "#include <linux/module.h>",
             "#include <linux/vermagic.h>",
             "",
             "MODULE_INFO(vermagic, VERMAGIC_STRING);",
             f'MODULE_INFO(name, "{a.name}");',
             f'MODULE_INFO(depends, "{",".join(depends)}");']
    if a.intree:
        lines.append('MODULE_INFO(intree, "Y");')
    lines += ["",
              "struct module __this_module __section(\".gnu.linkonce.this_module\") = {",
              f'\t.name = "{a.name}",']
    if "init_module" in defined:
        lines.append("\t.init = init_module,")
    if "cleanup_module" in defined:
        lines.append("\t.exit = cleanup_module,")
    lines.append("};")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["symvers", "exports", "mod"])
    ap.add_argument("--symvers", action="append", default=[],
                    help="exports to link against: the kernel's, other modules'")
    ap.add_argument("--name")
    ap.add_argument("--obj", action="append", default=[])
    ap.add_argument("--ko")
    ap.add_argument("--out")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--intree", action="store_true")
    ap.add_argument("--warn", action="store_true",
                    help="undefined symbols are warnings (KBUILD_MODPOST_WARN)")
    a = ap.parse_args()
    if a.mode == "symvers":
        symvers([])
        return
    if a.mode == "exports":
        module_exports(a.obj, a.nm)
        return
    a.obj = a.obj[0]
    undef, defined = undefined_and_defined(a.obj, a.nm)
    errors, depends = check(a, modinfo(a.obj), undef)
    if errors and not a.warn:
        sys.exit(1)
    with open(a.out, "w") as f:
        f.write(mod_c(a, defined, depends))


if __name__ == "__main__":
    main()
