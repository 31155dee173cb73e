"""Interrupts and time: with ACPI the I/O APIC delivers device interrupts
and the local APIC timer gives the tick; the clock keeps wall time
whichever clock source and tick are in use; without ACPI the kernel falls
back to the 8259 PIC and the PIT and still works."""
import re
import time

from qemu import Machine

APIC_TIMER = r"APIC timer: calibrated to \d+ Hz bus clock; periodic tick at 1000 Hz"
IOAPIC_IN_USE = "init_IRQ: local APIC and I/O APIC in use; 8259 PIC masked"
PIC_FALLBACK = "init_IRQ: no usable APIC; using the legacy 8259 PIC"
PIT_TICK = "time_init: PIT tick at 1000 Hz on IRQ 0"


def irqs(m):
    """Runs `irqs`; returns {line name: (count, chip)} and the raw text."""
    out = m.run("irqs")
    lines = {}
    for line in out.splitlines():
        dev = re.match(r"\s*(\d+):\s+(\d+)\s+(\S+)\s+(\S+)", line)
        loc = re.match(r"LOC:\s+(\d+)\s+Local timer interrupts", line)
        if dev:
            lines[dev.group(4)] = (int(dev.group(2)), dev.group(3))
        elif loc:
            lines["LOC"] = (int(loc.group(1)), "APIC")
    return lines, out


def uptime(m):
    out = m.run("uptime")
    r = re.search(r"up (\d+)\.(\d+) s, jiffies (\d+), clocksource (\w+)", out)
    assert r, out
    return int(r.group(1)) + int(r.group(2)) / 1e6, int(r.group(3)), r.group(4)


def check_clock(m, clocksource, wait=2.0):
    """Two `uptime`s @wait seconds apart: the guest's time must advance by
    about the host's. Loose bounds: a clock 3x or 10x off fails, but TCG
    on a loaded host may lose timer ticks (an emulated PIT or APIC timer
    drops periods the vCPU was not running for), so tick-counted time
    (jiffies) may lag."""
    slack = 0.3 if clocksource == "jiffies" else 0.6
    t0 = time.monotonic()
    up1, jif1, cs1 = uptime(m)
    t1 = time.monotonic()
    time.sleep(wait)
    t2 = time.monotonic()
    up2, jif2, cs2 = uptime(m)
    t3 = time.monotonic()
    assert cs1 == cs2 == clocksource, (cs1, cs2)
    guest = up2 - up1
    # The guest read its clock between t0..t1 and t2..t3.
    assert slack * (t2 - t1) <= guest <= 1.3 * (t3 - t0) + 0.2, \
        f"guest clock advanced {guest:.3f}s in {t2 - t1:.3f}..{t3 - t0:.3f}s of host time"
    # jiffies count ticks: the tick rate must match too (ticks may be lost).
    ticks = (jif2 - jif1) / 1000
    assert 0.3 * guest <= ticks <= 1.2 * guest + 0.05, \
        f"{jif2 - jif1} jiffies in {guest:.3f}s"


def check_apic_machine(firmware, machine, uefi_xsdt=False):
    with Machine(firmware=firmware, machine=machine) as m:
        m.wait_ready(timeout=90)
        log = m.output
        root = "XSDT" if uefi_xsdt else "RSDT"
        assert re.search(r"ACPI: RSDP 0x[0-9A-F]{16} 0000(14|24) \(v0[02] BOCHS \)", log), log
        for sig in (root, "FACP", "DSDT", "APIC", "HPET"):
            assert re.search(rf"ACPI: {sig} 0x[0-9A-F]{{16}} [0-9A-F]{{6}} \(v\d\d BOCHS ", log), sig
        assert "ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)" in log
        assert re.search(r"IOAPIC\[0\]: apic_id \d+, version \d+, address 0xfec00000, GSI 0-23", log)
        assert IOAPIC_IN_USE in log
        assert re.search(APIC_TIMER, log), log
        assert PIT_TICK not in log

        first, _ = irqs(m)
        time.sleep(0.5)
        second, out = irqs(m)
        assert second["serial"][1] == "IO-APIC", out
        assert "XT-PIC" not in out and "timer" not in second, out
        # Typing `irqs` raised serial interrupts; the APIC timer kept ticking.
        assert second["serial"][0] > first["serial"][0], out
        assert second["LOC"][0] > first["LOC"][0] + 100, out

        check_clock(m, "hpet")
        # The PIC stays masked while the I/O APIC is in use; IRQ 0 arrives
        # on pin 2 (the MADT override) but stays masked: the PIT is off.
        pic = m.qmp("human-monitor-command", **{"command-line": "info pic"})
        assert re.search(r"pic0: .*imr=ff", pic) and re.search(r"pic1: .*imr=ff", pic), pic
        assert re.search(r"pin 2 +0x[0-9a-f]+ dest=0 vec=32 .*masked", pic), pic
        assert re.search(r"pin 4 +0x[0-9a-f]+ dest=0 vec=36 +active-hi edge +fixed", pic), pic
        lapic = m.qmp("human-monitor-command", **{"command-line": "info lapic"})
        assert re.search(r"LVTT\s+0x000200ec .*periodic", lapic), lapic
        return m


def test_ioapic_and_apic_timer_q35():
    check_apic_machine("bios", "q35")


def test_ioapic_and_apic_timer_pc():
    check_apic_machine("bios", "pc")


def test_uefi_xsdt_ioapic_and_apic_timer():
    check_apic_machine("uefi", "q35", uefi_xsdt=True)


def test_no_acpi_falls_back_to_pic_and_pit():
    with Machine(machine="pc", extra=["-no-acpi"]) as m:
        m.wait_ready(timeout=90)
        log = m.output
        assert "ACPI: no valid RSDP found" in log
        assert PIC_FALLBACK in log and PIT_TICK in log
        assert not re.search(APIC_TIMER, log)
        assert m.run("echo still here").strip() == "still here"
        first, _ = irqs(m)
        time.sleep(0.5)
        second, out = irqs(m)
        assert second["timer"][1] == "XT-PIC" and second["serial"][1] == "XT-PIC", out
        assert second["timer"][0] > first["timer"][0] + 100, out
        assert second["LOC"][0] == 0, out
        check_clock(m, "jiffies")


def test_apic_timer_alone_keeps_time():
    """hpet=disable and pmtmr=0 (no PM timer) leave jiffies as the clock:
    only a well calibrated APIC timer keeps it in step with the host."""
    with Machine(cmdline="hpet=disable pmtmr=0") as m:
        m.wait_ready(timeout=90)
        assert "hpet: disabled by hpet=disable" in m.output
        assert "clocksource: acpi_pm: no PM timer (pmtmr=0)" in m.output
        assert re.search(APIC_TIMER, m.output)
        check_clock(m, "jiffies")


def test_tsc_clocksource_keeps_time():
    """TCG never reports an invariant TSC; tsc=reliable makes it the
    clock, which then shows the PIT calibration is right."""
    with Machine(cmdline="tsc=reliable") as m:
        m.wait_ready(timeout=90)
        assert re.search(r"tsc: Detected \d+\.\d{3} MHz processor", m.output)
        assert "clocksource: switched to tsc" in m.output
        check_clock(m, "tsc")


def test_noapic_uses_pic_with_acpi_present():
    with Machine(cmdline="noapic") as m:
        m.wait_ready(timeout=90)
        assert "APIC: disabled by noapic" in m.output
        assert PIC_FALLBACK in m.output and PIT_TICK in m.output
        lines, out = irqs(m)
        assert lines["timer"][1] == "XT-PIC", out
        check_clock(m, "hpet")
