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
