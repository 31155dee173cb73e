"""A PC whose only keyboard is on USB (docs/real-hardware.md): no i8042
(-machine q35,i8042=off), QEMU's xHCI controller with a usb-kbd. Keys
pressed through QMP's send-key reach the shell as the characters of a US
keyboard, under SeaBIOS and OVMF, directly on a root port or behind a
hub; the keyboard can be unplugged and plugged again (device_del,
device_add); a key held down repeats."""
import contextlib
import re

from qemu import Machine
from test_keyboard import enter_line, press, ALL_PRINTABLE

XHCI = ["-device", "qemu-xhci,id=xhci"]
KBD_READY = r"input: USB HID boot keyboard as (1-[\d.]+) \(endpoint 0x81\), US layout"


@contextlib.contextmanager
def usb_pc(devices, firmware="bios"):
    """A machine without PS/2 at the shell prompt, its USB keyboard ready."""
    with Machine(machine="q35,i8042=off", firmware=firmware,
                 extra=XHCI + devices) as m:
        m.wait_ready(timeout=120)
        m.wait_for(KBD_READY, timeout=60)
        assert "keyboard: no i8042 controller; no PS/2 keyboard" in m.output
        yield m


def hmp(m, command):
    return m.qmp("human-monitor-command", **{"command-line": command})


def check_typing(firmware):
    with usb_pc(["-device", "usb-kbd,bus=xhci.0"], firmware) as m:
        log = m.output
        assert re.search(r"pci 0000:00:\w\w\.0: \[1b36:000d\] type 00 class 0x0c0330", log)
        assert re.search(r"xhci_hcd 0000:00:\w\w\.0: xHCI Host Controller", log), log
        assert re.search(r"usb 1-\d: Product: QEMU USB Keyboard", log), log
        assert enter_line(m, "echo Hello", tail="echo Hello") == "Hello\n"
        out = enter_line(m, "echo " + ALL_PRINTABLE, tail=ALL_PRINTABLE[-10:])
        assert out == " ".join(ALL_PRINTABLE.split()) + "\n", out


def test_usb_keyboard_types_seabios():
    check_typing("bios")


def test_usb_keyboard_types_ovmf():
    check_typing("uefi")


def test_xhci_behind_a_pcie_bridge():
    """An xHCI add-in card: the controller sits behind a PCI Express root
    port (a bridge), on the bus the firmware gave it, and is found there."""
    with Machine(machine="q35,i8042=off",
                 extra=["-device", "pcie-root-port,id=rp,bus=pcie.0,chassis=1",
                        "-device", "qemu-xhci,id=xhci,bus=rp",
                        "-device", "usb-kbd,bus=xhci.0"]) as m:
        m.wait_ready(timeout=120)
        m.wait_for(KBD_READY, timeout=60)
        assert re.search(r"pci 0000:00:\w\w\.0: \[1b36:000c\] type 01 class 0x060400",
                         m.output), m.output
        assert "xhci_hcd 0000:01:00.0: xHCI Host Controller" in m.output, m.output
        assert enter_line(m, "echo bridge", tail="echo bridge") == "bridge\n"


def test_usb_keyboard_behind_hub():
    with usb_pc(["-device", "usb-hub,bus=xhci.0,port=1",
                 "-device", "usb-kbd,bus=xhci.0,port=1.2"]) as m:
        # Linux's names: QEMU's first USB 2 port is port 1 of bus 1 (usb1),
        # the USB 3 ports are bus 2's.
        assert "hub 1-0:1.0: 4 ports detected" in m.output, m.output
        assert "hub 2-0:1.0: 4 ports detected" in m.output, m.output
        assert "hub 1-1:1.0: USB hub found" in m.output, m.output
        assert "usb 1-1.2: Product: QEMU USB Keyboard" in m.output, m.output
        assert re.search(KBD_READY, m.output).group(1) == "1-1.2"
        out = enter_line(m, "echo ", ["caps_lock"], "hub", ["caps_lock"], "1", tail="HUB1")
        assert out == "HUB1\n", out


def test_usb_keyboard_unplugged_and_plugged_again():
    with usb_pc(["-device", "usb-hub,bus=xhci.0,port=1,id=hub",
                 "-device", "usb-kbd,bus=xhci.0,port=2,id=kbd"]) as m:
        name = re.search(KBD_READY, m.output).group(1)
        start = len(m.output)
        hmp(m, "device_del kbd")
        m.wait_for(rf"usb {re.escape(name)}: USB disconnect, device number \d+",
                   timeout=30, start=start)
        # Plugged into the hub this time: found there, and it types.
        start = len(m.output)
        hmp(m, "device_add usb-kbd,bus=xhci.0,port=1.3,id=kbd2")
        again = m.wait_for(KBD_READY, timeout=60, start=start).group(1)
        assert again.endswith(".3"), again
        assert enter_line(m, "echo back", tail="echo back") == "back\n"
        # And the hub with the keyboard on it goes away as a whole.
        start = len(m.output)
        hmp(m, "device_del hub")
        m.wait_for(rf"usb {re.escape(again)}: USB disconnect.*usb 1-\d: USB disconnect",
                   timeout=30, start=start)


def test_usb_key_held_down_repeats():
    """A boot keyboard reports a key once; holding it must repeat it in
    software (250 ms, then every 33 ms): a 1.2 s hold gives several."""
    with usb_pc(["-device", "usb-kbd,bus=xhci.0"]) as m:
        start = len(m.output)
        press(m, "echo x")
        m.qmp("send-key", keys=[{"type": "qcode", "data": "a"}], **{"hold-time": 1200})
        press(m, "y", ["ret"])
        out = m.wait_for(r"\n(xa+y)\n", timeout=20, start=start).group(1)
        assert 3 <= out.count("a") <= 40, out


def mem_free_kb(m):
    return int(re.search(r"MemFree:\s+(\d+) kB", m.run("meminfo")).group(1))


def test_usb_replugging_leaks_no_memory():
    """A hub with a keyboard on it, pulled out and plugged in six times:
    every page and object of both devices is given back (each cycle
    allocates about 9 pages; 64 kB of slack allows for anything else)."""
    with usb_pc(["-device", "usb-hub,bus=xhci.0,port=1,id=hub",
                 "-device", "usb-kbd,bus=xhci.0,port=1.2,id=kbd"]) as m:
        before = mem_free_kb(m)
        for i in range(6):
            start = len(m.output)
            hmp(m, "device_del hub")
            m.wait_for(r"USB disconnect.*USB disconnect", timeout=30, start=start)
            start = len(m.output)
            hmp(m, "device_add usb-hub,bus=xhci.0,port=1,id=hub")
            hmp(m, "device_add usb-kbd,bus=xhci.0,port=1.2,id=kbd")
            m.wait_for(KBD_READY, timeout=60, start=start)
        after = mem_free_kb(m)
        assert before - after < 64, f"MemFree {before} kB before, {after} kB after"
        assert enter_line(m, "echo ok", tail="echo ok") == "ok\n"


def test_xhci_bios_handoff_ktest_suite_passes():
    """The USB legacy support handoff (KTAP suite tests/ktest/xhci_test.c)
    against fake registers: QEMU's xHCI has no legacy capability."""
    from test_ktest_lib import run_suite
    run_suite("xhci")
