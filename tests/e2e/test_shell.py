"""The console shell over serial: line editing (backspace, Ctrl-U/W/C,
cursor keys, history, Tab completion), bad input (unknown commands,
over-long lines, control and non-ASCII bytes), every general command
with its usage line and its refusals, init.run= scripts, and commands
piped in without a person typing. Several commands per boot."""
import re
import time
from qemu import Machine, PROMPT

UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"


def keys(m, text, timeout=20):
    """Sends @text and Enter; returns what the command printed (after
    the echoed line, before the next prompt)."""
    start = len(m.output)
    m.send(text + (b"\r" if isinstance(text, bytes) else "\r"))
    return m.wait_for(r"\n(.*?)" + re.escape(PROMPT), timeout, start).group(1)


def test_line_editing_keys():
    with Machine() as m:
        m.wait_ready()
        assert keys(m, "echo abx\x7fc") == "abc\n"
        assert keys(m, "echo abx\bc") == "abc\n"
        assert keys(m, "echo junk\x15echo ok") == "ok\n"
        assert keys(m, "echo a b\x17c") == "a c\n"
        assert keys(m, "echo ac" + LEFT + "b") == "abc\n"
        assert keys(m, "cho x" + HOME + "e" + END + "y") == "xy\n"
        assert keys(m, "echo abc" + LEFT + LEFT + DELETE) == "ac\n"
        assert keys(m, "echo abc" + LEFT + LEFT + RIGHT + "\x7f") == "ac\n"
        assert keys(m, "ho z\x01ec\x05!") == "z!\n"
        assert keys(m, "echo abcdef" + LEFT * 3 + "\x0b") == "abc\n"
        # The SS3 form of the cursor keys (ESC O D) works too.
        assert keys(m, "echo ac\x1bODb") == "abc\n"


def test_history_up_and_down():
    with Machine() as m:
        m.wait_ready()
        m.run("echo first")
        m.run("echo second")
        assert keys(m, UP) == "second\n"
        assert keys(m, UP + UP + UP) == "first\n"      # stops at the oldest
        # Down past the newest gives back the line being typed.
        assert keys(m, "echo typed" + UP + UP + DOWN + DOWN) == "typed\n"
        assert keys(m, UP + "\x7f\x7f\x7fX") == "tyX\n"   # "echo typed", edited


def test_ctrl_c_abandons_the_line():
    with Machine() as m:
        m.wait_ready()
        start = len(m.output)
        m.send("echo never\x03")
        m.wait_for(r"\^C\n" + re.escape(PROMPT), 10, start)
        assert m.run("echo after") == "after\n"
        assert "\nnever\n" not in m.output[start:]


def test_tab_completes_commands_modules_and_subcommands():
    with Machine() as m:
        m.wait_ready()
        assert keys(m, "ech\thi") == "hi\n"
        assert "my_kthread: not loaded (-ENOENT)" in keys(m, "rmmod my_k\t")
        assert "LOOPS" in keys(m, "kthread li\t")    # ran "kthread list"
        # Ambiguous: the common part, then the candidates on a second Tab.
        start = len(m.output)
        m.send("k\t\t")
        m.wait_for(r"kthread  ktest  \n" + re.escape(PROMPT) + "kt", 10, start)
        m.send("\x15\r")
        assert m.run("echo ok") == "ok\n"
        assert "killed by the oops" in keys(m, "lkdtm WRITE_R\t", timeout=30)


def test_bad_input_is_refused_clearly():
    with Machine() as m:
        m.wait_ready()
        assert keys(m, "frobnicate now") == "frobnicate: command not found; try 'help'\n"
        out = keys(m, "echo " + "x" * 300)
        assert out == "line too long (at most 255 characters); ignored\n", out
        assert m.run("echo fits") == "fits\n"
        # Control and non-ASCII bytes are dropped, not echoed or run.
        assert keys(m, b"echo a\x00\x12\x1f\x80\xff\x07\x1bxb\x1b[99zc\xc3\xa9") == "abc\n"
        assert "too many arguments (at most 16)" in m.run("echo " + "a " * 20)
        assert m.run("echo one; echo two") == "one; echo two\n"  # one command
        assert "no command 'nosuch'" in m.run("help nosuch")


COMMANDS = ["help", "echo", "uptime", "sleep", "dmesg", "ps", "pstree", "top",
            "watch", "kthread", "trace", "lkdtm", "ktest", "insmod", "rmmod",
            "lsmod", "meminfo", "vmstat", "slabinfo", "buddyinfo", "fault", "cmdline",
            "irqs", "poweroff", "reboot"]
NO_ARGS = ["uptime", "pstree", "lsmod", "meminfo", "vmstat", "slabinfo", "buddyinfo",
           "cmdline", "irqs", "poweroff", "reboot"]


def test_every_command_has_help_and_a_usage_line():
    with Machine() as m:
        m.wait_ready()
        listing = m.run("help")
        for c in COMMANDS:
            assert re.search(r"^  " + c + r"\b", listing, re.M), c
            assert m.run("help " + c).startswith("usage: " + c), c
        for c in NO_ARGS:
            assert m.run(c + " extra").startswith("usage: " + c), c
        for c in ["sleep", "insmod", "rmmod", "kthread", "lkdtm", "watch"]:
            assert "usage: " + c in m.run(c), c
        for bad in ["ps -x", "ps -o", "dmesg -z", "top -z", "trace bogus",
                    "kthread bogus", "ktest a b", "help a b"]:
            assert "usage: " + bad.split()[0] in m.run(bad), bad
        assert "kthread create NAME [--cpu N]" in m.run("help kthread")


def test_general_commands():
    with Machine(cmdline="loglevel=7") as m:
        m.wait_ready()
        assert re.match(r"up \d+\.\d{6} s, jiffies \d+, clocksource \w+\n$", m.run("uptime"))
        assert "loglevel=7" in m.run("cmdline")
        assert re.search(r"MemTotal:\s+\d+ kB", m.run("meminfo"))
        assert "kmalloc-64" in m.run("slabinfo")
        assert "zone" in m.run("buddyinfo").lower()
        assert re.search(r"timer|IRQ|\d", m.run("irqs"))
        assert "my_kthread" in m.run("lsmod")
        assert "failslab" in m.run("fault")
        assert re.search(r"^swapper/0\(0\)\n\|-init\(1\)\n`-kthreadd\(2\)", m.run("pstree"))
        t0 = time.time()
        assert m.run("sleep 1") == ""
        assert time.time() - t0 >= 1.0
        assert "seconds -1 is out of range (0..3600)" in m.run("sleep -1")
        assert "'soon' is not a number" in m.run("sleep soon")


def test_ps_columns():
    with Machine() as m:
        m.wait_ready()
        out = m.run("ps").splitlines()
        assert out[0].split() == ["PID", "PPID", "S", "CPU", "NI", "TIME", "COMM"]
        out = m.run("ps -o pid,policy,prio,nvcsw,comm").splitlines()
        assert out[0].split() == ["PID", "POL", "PRI", "NVCSW", "COMM"]
        assert re.search(r"^\s+0 IDLE\s+140\s+\d+ swapper/0$", "\n".join(out), re.M), out
        assert re.search(r"^\s+1 OTHER\s+120\s+\d+ init$", "\n".join(out), re.M), out
        assert "ps: unknown column 'color'" in m.run("ps -o pid,color")


def test_dmesg_levels_and_clear():
    with Machine() as m:
        m.wait_ready()
        m.run("lkdtm WARNING")      # logs a warning (level 4)
        info = m.run("dmesg -l info")
        assert "shell: ready" in info and "WARNING:" not in info
        warn = m.run("dmesg -l warn,4")
        assert "WARNING:" in warn and "shell: ready" not in warn
        assert "unknown level 'loud'" in m.run("dmesg -l loud")
        assert "shell: ready" in m.run("dmesg -c")
        assert "shell: ready" not in m.run("dmesg")
        m.run("lkdtm WARNING")
        assert "WARNING:" in m.run("dmesg")


def test_sleep_ctrl_c_and_type_ahead():
    with Machine() as m:
        m.wait_ready()
        start = len(m.output)
        m.send("sleep 100\r")
        m.wait_for(r"sleep 100\n", 10, start)
        time.sleep(0.3)
        m.send("\x03")
        m.wait_for(r"sleep: interrupted\n" + re.escape(PROMPT), 10, start)
        # Typed while a command runs: kept, and run after it.
        start = len(m.output)
        m.send("sleep 1\recho typed-ahead\r")
        m.wait_for(r"echo typed-ahead\ntyped-ahead\n" + re.escape(PROMPT), 20, start)
        # Typed while a command prints a lot: kept too, byte for byte.
        start = len(m.output)
        m.send("dmesg\r")
        m.send("echo " + "typed-while-printing " * 8 + "\r")
        m.wait_for(r"\n(typed-while-printing ){7}typed-while-printing\n" + re.escape(PROMPT),
                   30, start)


def test_top_and_watch():
    with Machine() as m:
        m.wait_ready()
        out = m.run("top -n 1")
        assert "\x1b[2J\x1b[H" in out
        assert re.search(r"top - up [\d.]+ s, \d+ tasks, CPU0 [\d.]+% busy", out), out
        assert "  PID S  NI PRI  %CPU      TIME COMMAND" in out
        assert re.search(r"^\s+1 R\s+0 120\s+[\d.]+\s+[\d.]+ init$", out, re.M), out
        out = m.run("top -d 1 -n 2")
        assert out.count("top - up") == 2
        assert "count 0 is out of range" in m.run("top -n 0")
        for quit_key in ("q", "\x03"):
            start = len(m.output)
            m.send("top\r")
            m.wait_for(r"COMMAND\n", 10, start)
            m.send(quit_key)
            m.wait_for(r"COMMAND\n.*" + re.escape(PROMPT), 10, start)
        start = len(m.output)
        m.send("watch -n 1 uptime\r")
        m.wait_for(r"Every 1s: uptime.*\nup .*\nup ", 15, start)
        m.send("\x03")
        m.wait_for(re.escape(PROMPT), 10, len(m.output))
        assert m.run("echo back") == "back\n"
        assert "cannot watch 'top'" in m.run("watch top")


def test_ktest_command_prints_ktap():
    with Machine() as m:
        m.wait_ready()
        out = m.run("ktest rbtree", timeout=120)
        assert "KTAP version 1" in out and re.search(r"ok 1 rbtree", out), out
        assert out.rstrip().endswith("ktest: 0 failed cases")
        assert "ktest: no suite 'nosuch'" in m.run("ktest nosuch")


def test_init_run_script_and_piped_commands():
    with Machine(cmdline='init.run="echo one; uptime;ps -o pid,comm"') as m:
        m.wait_ready()
        out = m.output[m.output.index("shell: running init.run"):]
        assert re.search(r"\+ echo one\none\n\+ uptime\nup [\d.]+ s.*\n"
                         r"\+ ps -o pid,comm\n\s+PID COMM\n\s+0 swapper/0", out), out
        assert "init.run=echo one; uptime;ps -o pid,comm" in m.run("cmdline")
        # Piped, LF line endings, no one typing: each line runs in order.
        start = len(m.output)
        m.send("echo p1\necho p2\nuptime\necho p3\n")
        m.wait_for(r"p1\n.*p2\n.*up .*p3\n" + re.escape(PROMPT), 20, start)


def test_poweroff_ends_qemu_or_says_why_not():
    with Machine() as m:
        m.wait_ready()
        start = len(m.output)
        m.send("poweroff\r")
        m.wait_for(r"Power down\.\n", 30, start)
        try:
            m.wait_for(r"poweroff failed: -E[A-Z]+\n" + re.escape(PROMPT), 10, start)
        except Exception:
            # 1: QEMU's isa-debug-exit device (status 0 << 1 | 1), which
            # the harness always adds; 0: ACPI S5 turned the VM off.
            assert m.wait_exit(timeout=30) in (0, 1)
            return
        assert m.run("echo still here") == "still here\n"


def test_reboot_restarts():
    # -no-reboot: QEMU exits when the guest resets.
    with Machine() as m:
        m.wait_ready()
        m.send("reboot\r")
        assert m.wait_exit(timeout=30) == 0
        assert "Restarting system." in m.output
