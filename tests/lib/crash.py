"""Booting into a deliberate fault (boot_crash=TYPE) and collecting the
report, for the oops and memory-protection tests."""
from qemu import Machine

PANIC_STATUS = 3    # isa-debug-exit: panic() writes 1, QEMU exits (1 << 1) | 1


def boot_crash(kind, timeout=60):
    """Boots with boot_crash=@kind, expects the panic, returns the console
    output from the first boot_crash line on."""
    with Machine(cmdline=f"boot_crash={kind}") as m:
        status = m.wait_exit(timeout=timeout)
        out = m.output
    assert status == PANIC_STATUS, f"QEMU exit status {status}\n{out[-2000:]}"
    return out[out.index("boot_crash:"):]
