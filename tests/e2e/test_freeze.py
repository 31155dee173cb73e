"""Suspend-to-idle (docs/kthread-worker.md#the-freezer): `echo freeze >
/sys/power/state` from busybox freezes every user process but the writer
(a busy loop and a sleeper among them), with Linux 6.1's messages, and
the machine idles until a byte arrives on the serial line; then
everything is thawed, the writer's echo returns 0, and the background
jobs carry on. Other states are refused."""
import re
from test_userspace import boot_busybox, sh


def test_echo_freeze_suspends_until_serial_input_and_thaws():
    m = boot_busybox()
    try:
        out, rc = sh(m, "cat /sys/power/state")
        assert rc == 0 and out.strip().splitlines()[-1] == "freeze", out
        out, rc = sh(m, "echo mem > /sys/power/state")
        assert rc != 0 and "Invalid argument" in out, out
        sh(m, "sleep 1000 & while :; do :; done & echo started")
        start = len(m.output)
        m.send("echo freeze > /sys/power/state; echo FR''OZE-$?\n")
        m.wait_for(r"PM: suspend-to-idle: waiting for a key press or serial input",
                   timeout=120, start=start)
        assert "FROZE-" not in m.output[start:]      # still suspended
        m.send("\n")                                   # the wake-up event
        done = m.wait_for(r"\nFROZE-(\d+)\r?\n", timeout=120, start=start)
        assert done.group(1) == "0", m.output[start:]
        log = m.output[start:]
        steps = [r"PM: suspend entry \(s2idle\)",
                 r"Freezing user space processes \.\.\. \(elapsed \d+\.\d{3} seconds\) done\.",
                 r"Freezing remaining freezable tasks \.\.\. \(elapsed \d+\.\d{3} seconds\) done\.",
                 r"PM: suspend-to-idle: waiting for a key press or serial input",
                 r"PM: resume from suspend-to-idle",
                 r"Restarting tasks \.\.\. done\.",
                 r"PM: suspend exit"]
        pos = 0
        for step in steps:
            found = re.compile(step).search(log, pos)
            assert found, (step, log)
            pos = found.end()
        # The frozen jobs were thawed: both still there, and killable.
        out, rc = sh(m, "jobs")
        assert out.count("Running") == 2, out
        out, rc = sh(m, "kill %1 %2; wait; echo gone")
        assert "gone" in out, out
    finally:
        m.__exit__(None, None, None)
