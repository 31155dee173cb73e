"""Machines shaped like the PCs of a teaching lab (docs/real-hardware.md):
no serial port, no PIT or HPET, x2APIC, only a USB keyboard. Each test
boots such a machine and checks what a person at it would see.

Screens are read back from QMP screendumps with test_screen.py's reader."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import Machine  # noqa: E402
from test_console import wait_screen, prompt_last  # noqa: E402
from test_interrupts_time import check_clock  # noqa: E402
from test_ktest_lib import run_suite  # noqa: E402

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


def timed_run(m, command):
    """Host seconds from typing @command to its prompt."""
    t0 = time.monotonic()
    m.run(command, timeout=30)
    return time.monotonic() - t0


def check_sleep_takes_5s(m):
    """`sleep 5` lasts 5 s of host time within 10%, after taking off what
    any command costs to type and answer (measured with `echo`)."""
    base = min(timed_run(m, "echo x") for _ in range(3))
    took = timed_run(m, "sleep 5") - base
    assert 4.5 <= took <= 5.5, f"sleep 5 took {took:.2f} s of host time"


def test_no_pit_no_hpet_calibrates_tsc_with_pm_timer():
    """A machine with neither PIT nor HPET: the ACPI PM timer calibrates
    the TSC, the TSC the APIC timer, and the PM timer keeps the time."""
    with Machine(machine="q35,pit=off,hpet=off") as m:
        m.wait_ready(timeout=90)
        log = m.output
        assert "ACPI: FADT: PM timer 0x608 (io), 24-bit" in log, log
        assert "tsc: Fast TSC calibration using PM timer" in log, log
        assert "tsc: no second reference to cross-check the PM timer calibration" in log
        assert re.search(r"tsc: Detected \d+\.\d{3} MHz processor", log), log
        assert "APIC timer: calibrated against the TSC" in log, log
        assert "PIT tick" not in log and "TSC not used" not in log, log
        check_clock(m, "acpi_pm")
        check_sleep_takes_5s(m)


def test_no_pit_no_hpet_uefi_tsc_is_clock():
    """The same machine under OVMF, with tsc=reliable: the TSC measured
    against the PM timer is the clock itself, so a wrong rate shows."""
    with Machine(machine="q35,pit=off,hpet=off", firmware="uefi",
                 cmdline="tsc=reliable") as m:
        m.wait_ready(timeout=120)
        assert "tsc: Fast TSC calibration using PM timer" in m.output
        check_clock(m, "tsc")
        check_sleep_takes_5s(m)


def test_tsc_calibration_cross_checked():
    """With every timer present the PM timer calibrates the TSC and the
    HPET confirms it; without the HPET the PIT does."""
    with Machine() as m:
        m.wait_ready()
        assert re.search(r"tsc: PM timer calibration matches HPET \(\d+ vs \d+ kHz\)",
                         m.output), m.output
    with Machine(machine="q35,hpet=off") as m:
        m.wait_ready()
        assert re.search(r"tsc: PM timer calibration matches PIT \(\d+ vs \d+ kHz\)",
                         m.output), m.output


def test_x2apic_ktest_suite_passes():
    """The x2APIC encodings and the MADT's type-9 entries (KTAP suite
    tests/ktest/x2apic_test.c): QEMU 7.2's TCG has no x2APIC to run."""
    run_suite("x2apic")


def test_x2apic_offered_to_tcg_boots_in_xapic_mode():
    """-cpu qemu64,+x2apic: QEMU 7.2's TCG drops the feature, so Spindle
    must find no x2APIC and run the xAPIC with two CPUs; nox2apic is
    accepted. (With KVM or QEMU 8+ the x2APIC path would run.)"""
    for cmdline in ("", "nox2apic"):
        with Machine(cmdline=cmdline, smp=2, extra=["-cpu", "qemu64,+x2apic"]) as m:
            m.wait_ready(timeout=90)
            assert "xAPIC mode" in m.output, m.output
            assert "x2apic enabled" not in m.output
            assert "smp: Brought up 1 node, 2 CPUs" in m.output, m.output
            assert "Unknown kernel command line" not in m.output, m.output
