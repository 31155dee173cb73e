#!/usr/bin/env python3
"""Builds the initramfs: a cpio "newc" archive, as Linux's usr/gen_init_cpio.

    gen_initramfs.py OUT LIST [--busybox PATH] [--extra DIR ...] [--var NAME=VALUE ...]

LIST uses gen_init_cpio's line format (see user/initramfs.list):
    dir   NAME MODE UID GID
    file  NAME SOURCE MODE UID GID
    slink NAME TARGET MODE UID GID
    nod   NAME MODE UID GID c|b MAJOR MINOR
@NAME@ in a line is replaced by a --var value. --busybox adds a link for
every applet the binary lists (busybox --list-full), unless LIST already
has that name. --extra copies a host directory tree over the result
(`make iso INITRAMFS_EXTRA=DIR`). Parent directories are made as needed,
and entries are sorted so that a directory precedes what it holds.
"""
import argparse
import os
import stat
import subprocess
import sys


class Archive:
    def __init__(self):
        self.entries = {}   # name -> (mode, uid, gid, data, rdev)

    def add(self, name, mode, uid=0, gid=0, data=b"", rdev=(0, 0)):
        name = name.strip("/")
        parts = name.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            self.entries.setdefault(parent, (stat.S_IFDIR | 0o755, 0, 0, b"", (0, 0)))
        self.entries[name] = (mode, uid, gid, data, rdev)

    def has(self, name):
        return name.strip("/") in self.entries

    def write(self, out):
        ino = 1
        with open(out, "wb") as f:
            for name in sorted(self.entries, key=lambda n: n.split("/")):
                mode, uid, gid, data, (maj, mino) = self.entries[name]
                nlink = 2 if stat.S_ISDIR(mode) else 1
                write_entry(f, name, ino, mode, uid, gid, nlink, data, maj, mino)
                ino += 1
            write_entry(f, "TRAILER!!!", 0, 0, 0, 0, 1, b"", 0, 0)


def pad4(f):
    f.write(b"\0" * (-f.tell() % 4))


def write_entry(f, name, ino, mode, uid, gid, nlink, data, maj, mino):
    namebytes = name.encode() + b"\0"
    fields = [ino, mode, uid, gid, nlink, 0, len(data), 0, 0, maj, mino,
              len(namebytes), 0]
    f.write(b"070701" + b"".join(b"%08X" % v for v in fields))
    f.write(namebytes)
    pad4(f)
    f.write(data)
    pad4(f)


def parse_list(arc, path, variables):
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            for k, v in variables.items():
                line = line.replace(f"@{k}@", v)
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            kind, name = words[0], words[1]
            try:
                if kind == "dir":
                    arc.add(name, stat.S_IFDIR | int(words[2], 8), int(words[3]), int(words[4]))
                elif kind == "file":
                    with open(words[2], "rb") as src:
                        data = src.read()
                    arc.add(name, stat.S_IFREG | int(words[3], 8), int(words[4]),
                            int(words[5]), data)
                elif kind == "slink":
                    arc.add(name, stat.S_IFLNK | int(words[3], 8), int(words[4]),
                            int(words[5]), words[2].encode())
                elif kind == "nod":
                    kind_bit = stat.S_IFCHR if words[5] == "c" else stat.S_IFBLK
                    arc.add(name, kind_bit | int(words[2], 8), int(words[3]), int(words[4]),
                            rdev=(int(words[6]), int(words[7])))
                else:
                    raise ValueError(f"unknown entry type {kind}")
            except (IndexError, ValueError, OSError) as e:
                sys.exit(f"{path}:{lineno}: {e}")


def add_busybox_links(arc, busybox):
    out = subprocess.run([busybox, "--list-full"], check=True, capture_output=True,
                         text=True).stdout
    for applet in out.split():
        if not arc.has(applet):
            target = os.path.relpath("/bin/busybox", os.path.dirname("/" + applet))
            arc.add(applet, stat.S_IFLNK | 0o777, data=target.encode())


def add_tree(arc, top):
    for root, dirs, files in os.walk(top):
        for n in sorted(dirs + files):
            p = os.path.join(root, n)
            rel = os.path.relpath(p, top)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                arc.add(rel, stat.S_IFLNK | 0o777, data=os.readlink(p).encode())
            elif stat.S_ISDIR(st.st_mode):
                arc.add(rel, stat.S_IFDIR | stat.S_IMODE(st.st_mode))
            elif stat.S_ISREG(st.st_mode):
                with open(p, "rb") as f:
                    arc.add(rel, stat.S_IFREG | stat.S_IMODE(st.st_mode), data=f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("list")
    ap.add_argument("--busybox")
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--var", action="append", default=[])
    a = ap.parse_args()
    variables = dict(v.split("=", 1) for v in a.var)
    arc = Archive()
    parse_list(arc, a.list, variables)
    if a.busybox:
        add_busybox_links(arc, a.busybox)
    for d in a.extra:
        if not os.path.isdir(d):
            sys.exit(f"INITRAMFS_EXTRA: {d} is not a directory")
        add_tree(arc, d)
    arc.write(a.out)


if __name__ == "__main__":
    main()
