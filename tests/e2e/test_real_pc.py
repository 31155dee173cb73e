"""Machines shaped like the PCs of a teaching lab (docs/real-hardware.md):
no serial port, no PIT or HPET, x2APIC, only a USB keyboard. Each test
boots such a machine and checks what a person at it would see.

Screens are read back from QMP screendumps with test_screen.py's reader."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import Machine  # noqa: E402
from test_console import wait_screen, prompt_last  # noqa: E402

NO_UART = "serial: no UART at I/O 0x3f8"


def test_missing_uart_reported_once_on_screen():
    """A laptop without COM1 (every UART register reads 0xFF): the probe
    says so once, on the screen, and the boot reaches the shell there.
    loglevel=5 keeps the screen to warnings, so the line stays visible."""
    with Machine(cmdline="loglevel=5", serial=False) as m:
        rows = wait_screen(m, "no-uart", prompt_last)
        hits = [r for r in rows if NO_UART in r]
        assert len(hits) == 1, "\n".join(rows)
        assert "scratch register reads 0xff" in hits[0], hits[0]
        assert "no ttyS0" in hits[0], hits[0]


def test_present_uart_is_used_and_not_reported_missing():
    """The usual machine: the probe finds the 16550 and the serial console
    carries the boot log; no "no UART" message."""
    with Machine() as m:
        m.wait_ready()
        assert NO_UART not in m.output
        assert "loopback" not in m.run("dmesg")
