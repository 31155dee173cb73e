"""ACPI tables: the kernel walks the root table, checks and lists every
table as Linux does, reads the MADT, FADT and \\_S5 from them, and boots
without them (acpi=off) on its legacy paths."""
import os
import re
import struct
import tempfile

from qemu import Machine


def extra_table(path):
    """A table QEMU adds to its RSDT (QEMU fixes up the checksum)."""
    body = b"spindle test table"
    header = struct.pack("<4sIBB6s8sI4sI", b"SPNT", 36 + len(body), 1, 0,
                         b"SPNDLE", b"TESTTBL ", 7, b"SPDL", 1)
    with open(path, "wb") as f:
        f.write(header + body)


def test_tables_listed_and_parsed():
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "spnt.dat")
        extra_table(table)
        with Machine(machine="q35", extra=["-acpitable", f"file={table}"]) as m:
            m.wait_ready(timeout=90)
            log = m.output
    # Every table in the RSDT is listed, including one the kernel knows
    # nothing about, with the fields of Linux's table list.
    for sig in ("RSDT", "FACP", "DSDT", "APIC", "HPET", "MCFG"):
        assert re.search(rf"ACPI: {sig} 0x[0-9A-F]{{16}} [0-9A-F]{{6}} "
                         r"\(v\d\d BOCHS  BXPC     00000001 BXPC 00000001\)", log), sig
    assert re.search(r"ACPI: SPNT 0x[0-9A-F]{16} 000036 "
                     r"\(v01 SPNDLE TESTTBL  00000007 SPDL 00000001\)", log), log
    assert re.search(r"ACPI: FACS 0x[0-9A-F]{16} 000040", log)
    # MADT, FADT and \_S5 as QEMU's q35 builds them.
    assert "ACPI: LAPIC (acpi_id[0x00] lapic_id[0x00] enabled)" in log
    assert "ACPI: IOAPIC (id[0x00] address[0xfec00000] gsi_base[0])" in log
    assert "ACPI: INT_SRC_OVR (bus 0 bus_irq 9 global_irq 9 high level)" in log
    assert "ACPI: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1])" in log
    assert "ACPI: FADT: SCI IRQ 9, SMI_CMD 0xb2, PM1a_CNT 0x604 (io)" in log
    assert "ACPI: PM: (supports S0 S3 S4 S5)" in log
    assert "ACPI: \\_S5: SLP_TYPa 0, SLP_TYPb 0" in log
    assert "Incorrect checksum" not in log
    # The IRQ 9 override (SCI: level, active high) reaches the I/O APIC.
    assert "IO-APIC: IRQ 9 -> IOAPIC[0] pin 9 (GSI 9), level, active high" in log


def test_acpi_off_uses_legacy_paths():
    with Machine(cmdline="acpi=off") as m:
        m.wait_ready(timeout=90)
        log = m.output
        assert "ACPI: disabled by acpi=off" in log
        assert "ACPI: RSDP" not in log
        assert "init_IRQ: no usable APIC; using the legacy 8259 PIC" in log
        assert "time_init: PIT tick at 1000 Hz on IRQ 0" in log
        assert m.run("echo fine").strip() == "fine"
        m.send("reboot\r")
        assert m.wait_exit(timeout=30) == 0
