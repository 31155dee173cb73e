"""Power off and reboot from the shell. Under QEMU `poweroff` first
writes to the isa-debug-exit port (exit status 1); without that device
ACPI S5 turns the machine off (status 0). `reboot` resets it, which ends
QEMU (-no-reboot) with status 0. Without ACPI, poweroff fails cleanly and
reboot still works through the keyboard controller."""
from qemu import Machine

DEBUG_EXIT = "isa-debug-exit,iobase=0xf4,iosize=0x04"


class MachineWithoutDebugExit(Machine):
    """A QEMU without the isa-debug-exit device: only real power-off
    methods can end it."""

    def args(self, iso):
        a = super().args(iso)
        i = a.index(DEBUG_EXIT)
        return a[:i - 1] + a[i + 1:]


def shell_command_ends_qemu(m, command):
    m.wait_ready(timeout=90)
    m.send(command + "\r")
    status = m.wait_exit(timeout=30)
    assert "failed" not in m.output[-500:], m.output[-500:]
    return status


def test_poweroff_uses_debug_exit_under_qemu():
    with Machine() as m:
        assert shell_command_ends_qemu(m, "poweroff") == 1
        assert "Power down." in m.output


def test_poweroff_acpi_s5_q35():
    with MachineWithoutDebugExit(machine="q35") as m:
        assert DEBUG_EXIT not in m.args("x.iso")
        assert shell_command_ends_qemu(m, "poweroff") == 0


def test_poweroff_acpi_s5_pc():
    with MachineWithoutDebugExit(machine="pc") as m:
        assert shell_command_ends_qemu(m, "poweroff") == 0


def test_reboot_q35_acpi_reset_register():
    with Machine(machine="q35") as m:
        assert shell_command_ends_qemu(m, "reboot") == 0
        assert "ACPI: FADT: reset register 0xcf9 (io)" in m.output
        assert "ACPI reset register had no effect" not in m.output


def test_reboot_pc_keyboard_controller():
    """QEMU's pc FADT (revision 1) has no reset register."""
    with Machine(machine="pc") as m:
        assert shell_command_ends_qemu(m, "reboot") == 0
        assert "ACPI: FADT: no reset register" in m.output


def test_no_acpi_poweroff_fails_cleanly_then_reboot():
    with MachineWithoutDebugExit(machine="pc", extra=["-no-acpi"]) as m:
        m.wait_ready(timeout=90)
        out = m.run("poweroff")
        assert "poweroff failed: -ENODEV" in out, out
        assert m.run("echo alive").strip() == "alive"
        m.send("reboot\r")
        assert m.wait_exit(timeout=30) == 0


def test_no_acpi_poweroff_still_exits_qemu():
    """Without ACPI tables QEMU is recognised by its fw_cfg signature."""
    with Machine(machine="pc", extra=["-no-acpi"]) as m:
        assert shell_command_ends_qemu(m, "poweroff") == 1
