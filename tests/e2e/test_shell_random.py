"""100,000 random bytes over serial (fixed seed): every control code,
escape sequence, byte above 0x7f, over-long line and Ctrl-C the shell may
meet. Afterwards the shell answers and the kernel has not oopsed."""
import random
import re
from qemu import BootError, Machine, PROMPT


def feed(m, data):
    """Sends @data. QEMU takes input only as fast as the guest reads it:
    keep reading the output meanwhile, or both sides wait on each other."""
    sent = 0
    while sent < len(data):
        try:
            sent += m.sock.send(data[sent:sent + 1024])
        except TimeoutError:
            pass
        try:
            m.wait_for(r"(?!)", timeout=0.01)    # reads what came
        except BootError:
            pass


def test_random_bytes_leave_the_shell_working():
    rng = random.Random(20240605)
    data = bytes(rng.randrange(256) for _ in range(100_000))
    with Machine() as m:
        m.wait_ready()
        feed(m, data)
        # The 4 KiB input queue overflowed (its overruns are dropped), so
        # the line may be lost until the shell has caught up: try again.
        # Ctrl-C and Ctrl-U leave whatever state the editor is in.
        for attempt in range(60):
            start = len(m.output)
            feed(m, b"\x03\x15echo still-alive\r")
            try:
                m.wait_for(r"\nstill-alive\n" + re.escape(PROMPT), 5, start)
                break
            except BootError:
                continue
        else:
            raise AssertionError("the shell never answered")
        assert m.run("uptime").startswith("up ")
        out = m.output
    for bad in ("Kernel panic", "Oops", "BUG:", "WARNING:", "general protection"):
        assert bad not in out, bad
