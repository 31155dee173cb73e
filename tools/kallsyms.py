#!/usr/bin/env python3
"""Turns `nm -n` output into the kallsyms table (GNU assembler source).

Keeps text, data, rodata and bss symbols (t/T, d/D, r/R, b/B), sorted by
address, and drops the table's own symbols so that the table has the same
size whether it was made from a link with or without it.
"""
import sys

KEEP = set("tTdDrRbB")


def main():
    syms = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in KEEP:
            continue
        addr, _, name = parts
        if name.startswith("kallsyms_") or name.startswith("."):
            continue
        syms.append((int(addr, 16), name))
    syms.sort()

    out = ['\t.section .kallsyms, "a"', "\t.balign 8"]
    out += ["\t.globl kallsyms_num_syms", "kallsyms_num_syms:",
            f"\t.quad {len(syms)}"]
    out += ["\t.globl kallsyms_addresses", "kallsyms_addresses:"]
    out += [f"\t.quad 0x{a:x}" for a, _ in syms]
    out += ["\t.globl kallsyms_name_offsets", "kallsyms_name_offsets:"]
    offset = 0
    for _, name in syms:
        out.append(f"\t.long {offset}")
        offset += len(name) + 1
    out += ["\t.globl kallsyms_names", "kallsyms_names:"]
    out += [f'\t.asciz "{name}"' for _, name in syms]
    out.append('\t.section .note.GNU-stack, "", @progbits')
    print("\n".join(out))


if __name__ == "__main__":
    main()
