"""The kernel command line: what GRUB passes is shown and used; unknown
options are reported once and ignored; an over-long line is cut with a
warning; loglevel/quiet decide what reaches the console while the log
keeps everything."""
import re
from qemu import Machine


def test_command_line_is_shown_and_kept():
    with Machine(cmdline="loglevel=7 hello.world=1") as m:
        m.wait_ready()
        assert re.search(r"Kernel command line: .*loglevel=7 hello.world=1", m.output)
        assert "loglevel=7 hello.world=1" in m.run("cmdline")


def test_unknown_options_reported_once_and_ignored():
    with Machine(cmdline="frobnicate=3 wibble loglevel=7") as m:
        m.wait_ready()
        lines = re.findall(r"Unknown kernel command line parameters.*", m.output)
        assert len(lines) == 1, lines
        assert '"frobnicate=3 wibble", ignored.' in lines[0], lines
        assert m.run("echo still here").strip() == "still here"


def test_overlong_command_line_is_truncated_with_warning():
    long_opt = "x" * 3000
    with Machine(cmdline=f"loglevel=7 junk={long_opt}") as m:
        m.wait_ready()
        assert re.search(r"Kernel command line too long: \d+ bytes dropped \(limit 2047\)",
                         m.output), m.output[-3000:]
        shown = m.run("cmdline").strip()
        assert len(shown) == 2047, len(shown)
        assert shown.startswith("loglevel=7 junk=xxx")


def test_quiet_hides_info_from_console_but_log_keeps_it():
    with Machine(cmdline="quiet") as m:
        m.wait_ready()
        assert "start_kernel: done" not in m.output
        assert "start_kernel: done" in m.run("dmesg")


def test_malformed_loglevel_is_reported():
    with Machine(cmdline="loglevel=loud") as m:
        m.wait_ready()
        assert "Malformed early option 'loglevel'" in m.run("dmesg")
