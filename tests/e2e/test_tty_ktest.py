"""The TTY layer's in-kernel suite (tests/ktest/tty_test.c): N_TTY's
canonical editing and echo, VEOF, VMIN/VTIME, ICRNL/ONLCR, ISIG and
NOFLSH, TCSETSF, the window size and poll, on a test terminal."""
from test_ktest_lib import run_suite


def test_tty_ktest_suite_passes():
    run_suite("tty")
