"""The VFS (kernel/fs/): the in-kernel ktest suite `vfs` passes at boot,
and an initramfs given to GRUB as a module is unpacked into the rootfs,
where the kernel shell's ls and cat see its files."""
import os
import subprocess
import tempfile
from test_ktest_lib import run_suite
from qemu import Machine


def test_vfs_ktest_suite_passes():
    run_suite("vfs")


def test_boot_without_initramfs_has_dev_nodes():
    with Machine() as m:
        m.wait_ready(timeout=180)
        out = m.run("ls /dev")
        assert "null" in out and "zero" in out, out


def make_cpio(tree, out):
    """Packs the dict @tree {path: content or None for a dir} with the
    host's cpio -o -H newc."""
    with tempfile.TemporaryDirectory() as d:
        for path, content in tree.items():
            full = os.path.join(d, path)
            if content is None:
                os.makedirs(full, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "w") as f:
                    f.write(content)
        os.symlink("motd", os.path.join(d, "etc", "motd.link"))
        names = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=d,
                               capture_output=True, check=True).stdout
        with open(out, "wb") as f:
            subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=d,
                           input=names, stdout=f, check=True)


def test_initramfs_module_is_unpacked():
    with tempfile.TemporaryDirectory() as d:
        cpio = os.path.join(d, "initramfs.cpio")
        make_cpio({"etc": None, "etc/motd": "hello from the initramfs\n",
                   "srv/data/deep.txt": "deep file\n"}, cpio)
        with Machine(initramfs=cpio) as m:
            m.wait_ready(timeout=180)
            assert "Freeing initrd memory" in m.output, m.output[-3000:]
            assert "Initramfs unpacking failed" not in m.output
            out = m.run("cat /etc/motd")
            assert "hello from the initramfs" in out, out
            out = m.run("cat /etc/motd.link")
            assert "hello from the initramfs" in out, out
            out = m.run("ls /srv/data")
            assert "deep.txt" in out and "10" in out, out
            out = m.run("ls /etc")
            assert "motd.link -> motd" in out, out


def test_corrupt_initramfs_is_reported_and_boot_goes_on():
    with tempfile.TemporaryDirectory() as d:
        cpio = os.path.join(d, "bad.cpio")
        with open(cpio, "wb") as f:
            f.write(b"070701" + b"Z" * 200)
        with Machine(initramfs=cpio) as m:
            m.wait_ready(timeout=180)
            assert "Initramfs unpacking failed: bad header field" in m.output, \
                m.output[-3000:]
            out = m.run("ls /dev")
            assert "null" in out, out
