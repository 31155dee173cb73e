"""console= on the kernel command line, with Linux's meaning: only the
named consoles print the kernel log, the last one named is /dev/console
(the shell's input and output), console=ttyS0,OPTIONS sets the serial
line, and a name that matches nothing is reported. Without console= both
consoles print, and when no named console exists Spindle falls back to
both (Linux would stay mute).

The screen is read back from QMP screendumps with the font reader of
test_screen.py; the serial line through the harness."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
from qemu import Machine, PROMPT  # noqa: E402
from test_screen import read_screen, dump  # noqa: E402
from test_keyboard import press  # noqa: E402

BANNER = r"\[\s*\d+\.\d+\] Spindle version"
STAMP = r"\[\s*\d+\.\d+\] "


def screen_text(m, name):
    """The rows of the screen, right spaces stripped."""
    return [r.rstrip() for r in read_screen(dump(m, name))]


def wait_screen(m, name, pred, timeout=60):
    """Screendumps @m until @pred(rows) holds, reading the serial line
    meanwhile; returns the rows."""
    deadline = time.time() + timeout
    while True:
        try:
            rows = screen_text(m, name)
        except (OSError, qemu.BootError, AssertionError):
            rows = []
        if rows and pred(rows):
            return rows
        assert time.time() < deadline, "screen never got there:\n" + "\n".join(rows)
        # Keep reading the serial line: QEMU holds a byte the harness does
        # not take, and the kernel gives up on a UART stuck that long.
        if m.serial:
            m.read_for(0.5)
        else:
            time.sleep(0.5)


def prompt_last(rows):
    lines = [r for r in rows if r]
    return bool(lines) and lines[-1] == PROMPT.rstrip()


def assert_boot_log(rows):
    """The screen shows the end of the boot log (the banner has scrolled
    away on a 48-row screen)."""
    text = "\n".join(rows)
    assert sum(bool(re.match(STAMP, r)) for r in rows) >= 20, text
    assert "start_kernel: done" in text and "shell: ready" in text, text


def consoles(m):
    """{name: (flags, settings)} from the `consoles` command."""
    out = {}
    for line in m.run("consoles").splitlines():
        f = re.match(r"(\S+)\s+-W- \((.{6})\) ?(\S*)$", line)
        assert f, f"odd consoles line {line!r}"
        out[f.group(1)] = (f.group(2).replace(" ", ""), f.group(3))
    return out


def test_console_ttyS0_prints_on_serial_only():
    """console=ttyS0: the boot and the shell on the serial line; the
    screen console exists but stays blank, and the keyboard (which types
    on the screen's tty0) does not reach the shell."""
    with Machine(cmdline="console=ttyS0") as m:
        m.wait_ready()
        assert re.search(BANNER, m.output), m.output[:2000]
        assert "printk: console [ttyS0] enabled" in m.output
        assert "screen: framebuffer console" in m.output, "no screen to test"
        assert m.run("echo on serial").strip() == "on serial"
        cons = consoles(m)
        assert cons["ttyS0"] == ("ECp", "115200n8"), cons
        assert cons["tty0"][0] == "p", cons
        press(m, "echo fromkbd", ["ret"])
        m.read_for(1.0)
        assert "fromkbd" not in m.output, m.output[-1500:]
        rows = screen_text(m, "console-ttyS0")
        assert not any(rows), "kernel text on the screen:\n" + "\n".join(rows)
        # The log itself is not filtered: dmesg has all of it.
        assert "screen: framebuffer console" in m.run("dmesg")


def test_console_tty0_prints_on_screen_only():
    """console=tty0: the boot and the shell on the screen; after GRUB,
    nothing on the serial line; the keyboard drives the shell and serial
    input is ignored."""
    with Machine(cmdline="console=tty0") as m:
        rows = wait_screen(m, "console-tty0", prompt_last)
        assert_boot_log(rows)
        m.send("echo fromserial\r")
        press(m, "echo fromkbd", ["ret"])
        rows = wait_screen(m, "console-tty0-typed",
                           lambda r: "fromkbd" in r and prompt_last(r))
        assert "spindle# echo fromkbd" in rows, rows
        assert not any("fromserial" in r for r in rows), rows
        serial = m.read_for(1.0)
        # What precedes is GRUB's (it clears the screen, says "Booting").
        assert not re.search(STAMP, serial), serial
        assert "Spindle" not in serial.replace("Booting `Spindle'", ""), serial
        assert PROMPT not in serial and "fromkbd" not in serial, serial


def test_console_ttyS0_9600_sets_the_divisor():
    """console=ttyS0,9600 programs divisor 12 (115200 / 9600), read back
    from the UART; parity and data bits follow the Linux syntax."""
    with Machine(cmdline="console=ttyS0,9600") as m:
        m.wait_ready()
        assert "serial: ttyS0 at 9600n8, divisor 12 (read back from the UART)" \
            in m.output, m.output[:3000]
        assert consoles(m)["ttyS0"] == ("ECp", "9600n8")
    with Machine(cmdline="console=ttyS0,57600e7") as m:
        m.wait_ready()
        assert "serial: ttyS0 at 57600e7, divisor 2 " in m.output, m.output[:3000]
        assert consoles(m)["ttyS0"] == ("ECp", "57600e7")


def test_console_bad_serial_options_keep_115200():
    with Machine(cmdline="console=ttyS0,abc") as m:
        m.wait_ready()
        assert re.search(r'console=ttyS0,abc: bad serial options "abc" \(expected '
                         r'BAUD\[PARITY\[BITS\]\] like 115200n8.*\); keeping 115200n8',
                         m.output), m.output[:3000]
        assert "divisor" not in m.output
        assert consoles(m)["ttyS0"] == ("ECp", "115200n8")
        assert m.run("echo still talking").strip() == "still talking"


def test_console_unknown_name_warns_and_falls_back():
    """console=foo: no such console; none named exists, so both consoles
    print (and the serial line gets the whole log, replayed)."""
    with Machine(cmdline="console=foo") as m:
        m.wait_ready()
        assert "console=foo: no such console" in m.output, m.output[-3000:]
        assert "using every console" in m.output
        assert re.search(BANNER, m.output), "the log was not replayed"
        cons = consoles(m)
        assert cons["ttyS0"][0] == "ECp" and cons["tty0"][0] == "ECp", cons
        assert m.run("echo both").strip() == "both"
        rows = wait_screen(m, "console-foo", lambda r: any(x == "both" for x in r))
        assert any("console=foo: no such console" in r for r in rows), rows


def test_console_last_named_is_preferred():
    """console=tty0 console=ttyS0: both print the log, ttyS0 is
    /dev/console, so the shell answers on serial and not on the screen.
    Swapped (and tty3, which names the same one screen), the shell moves
    to the screen and the serial line gets only the log."""
    with Machine(cmdline="console=tty0 console=ttyS0") as m:
        m.wait_ready()
        assert m.run("echo marker").strip() == "marker"
        cons = consoles(m)
        assert cons["ttyS0"][0] == "ECp" and cons["tty0"][0] == "Ep", cons
        rows = screen_text(m, "console-pref-ttyS0")
        assert_boot_log(rows)
        text = "\n".join(rows)
        assert "marker" not in text and PROMPT.strip() not in text, text
    with Machine(cmdline="console=ttyS0 console=tty3") as m:
        rows = wait_screen(m, "console-pref-tty3", prompt_last)
        m.wait_for(r"shell: ready")
        serial = m.read_for(0.5)
        assert re.search(BANNER, serial) and PROMPT not in serial, serial[-2000:]


def test_console_too_many_and_missing_names():
    """Nine console= options: the ninth is refused (Linux's
    MAX_CMDLINECONSOLES is 8); the named ports that do not exist are
    reported; the one that does, ttyS0, takes /dev/console because the
    preferred one (ttyS7) never registers, as in Linux."""
    names = " ".join(f"console=ttyS{i}" for i in range(9))
    with Machine(cmdline=names) as m:
        m.wait_ready()
        assert "console=ttyS8: more than 8 consoles named; ignored" in m.output
        for i in range(1, 8):
            assert f"console=ttyS{i}: no such console" in m.output, m.output[-3000:]
        assert "console=ttyS0: no such console" not in m.output
        assert "using every console" not in m.output
        cons = consoles(m)
        assert cons["ttyS0"][0] == "ECp" and cons["tty0"][0] == "p", cons


def test_console_quiet_applies_to_the_selected_console():
    with Machine(cmdline="console=ttyS0 quiet") as m:
        m.wait_ready()
        assert not re.search(BANNER, m.output)
        assert "start_kernel: done" not in m.output
        assert "start_kernel: done" in m.run("dmesg")


def test_console_ttyS0_without_serial_port_falls_back_to_screen():
    """A PC without a serial port booted with console=ttyS0: ttyS0 never
    registers, so the screen is enabled after the warning, with the
    whole log, and the keyboard drives the shell."""
    with Machine(cmdline="console=ttyS0", serial=False) as m:
        rows = wait_screen(m, "console-no-serial", prompt_last)
        assert any("console=ttyS0: no such console" in r for r in rows), rows
        assert_boot_log(rows)
        press(m, "echo kbd", ["ret"])
        wait_screen(m, "console-no-serial-typed", lambda r: "kbd" in r)
