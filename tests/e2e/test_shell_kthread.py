"""kthread and trace from the shell: demo threads are created, parked,
unparked, reniced and stopped, each step printing its result and errno
name; what Linux would refuse is refused with a reason. trace records a
kthread creation and draws it as a mermaid sequenceDiagram with
create -> kthreadd -> first run in order; trace boot draws the boot."""
import re
import time
from qemu import Machine

PARTICIPANT = re.compile(r"^    participant P(\d+) as [A-Za-z0-9_./()\- ]+$")
MESSAGE = re.compile(r"^    P(\d+)(?:->>|-->>)P(\d+): [^;#]+$")
NOTE = re.compile(r"^    Note over P(\d+): [^;#]+$")


def check_mermaid(text):
    """Checks @text line by line against the mermaid sequenceDiagram
    grammar it uses; returns the diagram's lines after the header."""
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "sequenceDiagram", lines[:3]
    declared = set()
    body = []
    for ln in lines[1:]:
        if ln.startswith("("):     # "(N older events were overwritten)"
            break
        m = PARTICIPANT.match(ln)
        if m:
            assert not body, f"participant after messages: {ln}"
            declared.add(m.group(1))
            continue
        m = MESSAGE.match(ln) or NOTE.match(ln)
        assert m, f"not mermaid: {ln!r}"
        for pid in m.groups():
            assert pid in declared, f"undeclared P{pid}: {ln}"
        assert not re.search(r"\bend\b", ln), ln
        body.append(ln)
    return body


def result(out):
    """The command's "result: N (ERR)" line. A thread's printk (my_kthread
    runs in some tests) may land inside it: whole log lines are cut out."""
    out = re.sub(r"\[\s*\d+\.\d+\] [^\n]*\n", "", out)
    m = re.search(r"^result: (-?\d+) \((\S+)\)$", out, re.M)
    assert m, out
    return int(m.group(1)), m.group(2)


def create(m, args):
    out = m.run("kthread create " + args)
    assert result(out) == (0, "OK"), out
    return int(re.search(r"is PID (\d+)", out).group(1))


def ps_row(m, pid):
    for line in m.run("ps -o pid,state,nice,policy,comm").splitlines()[1:]:
        f = line.split()
        if int(f[0]) == pid:
            return f
    return None


def test_kthread_create_park_nice_stop():
    with Machine() as m:
        m.wait_ready()
        pid = create(m, "demo")
        assert ps_row(m, pid)[1] in "SR" and ps_row(m, pid)[4] == "demo"
        spin = create(m, "spinner --work spin --nice 5 --cpu 0")
        assert ps_row(m, spin)[2] == "5"
        fifo = create(m, "rt --fifo 10 --period 50")
        assert ps_row(m, fifo)[2:4] == ["-", "FIFO"]
        count = create(m, "counter --work count --nice 19")
        yielder = create(m, "yielder --work yield")
        listing = m.run("kthread list")
        for name in ("demo", "spinner", "rt", "counter", "yielder"):
            assert re.search(r"\b" + name + r"$", listing, re.M), listing

        out = m.run(f"kthread park {pid}")
        assert result(out) == (0, "OK") and "TASK_PARKED" in out
        assert ps_row(m, pid)[1] == "P"
        assert result(m.run(f"kthread park {pid}")) == (-16, "-EBUSY")
        out = m.run(f"kthread unpark {pid}")
        assert result(out) == (0, "OK"), out
        assert ps_row(m, pid)[1] != "P"
        assert result(m.run(f"kthread unpark {pid}")) == (-22, "-EINVAL")
        assert result(m.run(f"kthread park {spin}")) == (0, "OK")

        out = m.run(f"kthread nice {pid} -5")
        assert "nice 0 -> -5" in out and result(out) == (0, "OK")
        assert ps_row(m, pid)[2] == "-5"
        assert "nice 0 -> 3" in m.run("kthread nice 2 3")    # kthreadd may be reniced
        assert "real-time task ignores nice" in m.run(f"kthread nice {fifo} 1")

        for p in (pid, spin, fifo, count, yielder):
            out = m.run(f"kthread stop {p}", timeout=30)
            assert re.search(r"kthread_stop\(\) returned 0", out), out
            assert result(out) == (0, "OK")
            # kthread_stop() returns when the thread has exited; it leaves
            # the task list a moment later (as on Linux), so wait for it.
            for _ in range(50):
                if ps_row(m, p) is None:
                    break
                time.sleep(0.1)
            assert ps_row(m, p) is None
        assert m.run("kthread list").strip().splitlines() == [
            "PID S WORK   PERIOD      LOOPS NAME"]
        # The PID of an exited task names nothing now.
        out = m.run(f"kthread stop {pid}")
        assert "no task has PID" in out and result(out) == (-3, "-ESRCH")


def test_kthread_refusals():
    with Machine(cmdline="modules=my_kthread") as m:
        m.wait_ready()
        for pid, why in ((0, "idle task"), (1, "init"), (2, "kthreadd")):
            for op in ("stop", "park", "unpark"):
                out = m.run(f"kthread {op} {pid}")
                assert why in out and result(out) == (-1, "-EPERM"), out
        assert result(m.run("kthread nice 0 1")) == (-1, "-EPERM")
        mine = next(int(l.split()[0]) for l in m.run("ps").splitlines()
                    if l.endswith("my_kthread"))
        for op in ("stop", "park", "unpark"):
            out = m.run(f"kthread {op} {mine}")
            assert "was not made by 'kthread create'" in out, out
            assert result(out) == (-1, "-EPERM")
        bad = {
            "kthread stop -1": "PID -1 is out of range (0..32767)",
            "kthread stop 40000": "PID 40000 is out of range",
            "kthread park abc": "'abc' is not a number",
            "kthread stop 999": "no task has PID 999",
            "kthread nice 1 20": "nice value 20 is out of range (-20..19)",
            "kthread nice 1 -21": "nice value -21 is out of range",
            "kthread create x --cpu 1": "CPU 1 is not online",
            "kthread create x --cpu -1": "CPU -1 is out of range",
            "kthread create x --nice 20": "nice value 20 is out of range",
            "kthread create x --fifo 0": "FIFO priority 0 is out of range (1..99)",
            "kthread create x --fifo 100": "FIFO priority 100 is out of range",
            "kthread create x --fifo 5 --work spin": "--fifo needs --work sleep",
            "kthread create x --work nap": "unknown work 'nap'",
            "kthread create x --work spin --period 5": "--period is the sleep",
            "kthread create x --period 0": "period (ms) 0 is out of range",
            "kthread create a_name_much_too_long": "longer than 15 characters",
            "kthread create bad!name": "names use letters",
        }
        for cmd, msg in bad.items():
            out = m.run(cmd)
            assert msg in out, (cmd, out)
            assert result(out)[0] < 0, (cmd, out)
        assert "usage: kthread" in m.run("kthread create x --nice")
        assert "usage: kthread" in m.run("kthread stop")
        assert "LOOPS" in m.run("kthread list")
        assert m.run("echo alive") == "alive\n"


def test_trace_mermaid_shows_create_kthreadd_first_run():
    with Machine() as m:
        m.wait_ready()
        assert "no kthread creation recorded" in m.run("trace mermaid")
        assert "recording" in m.run("trace start")
        pid = create(m, "traced")
        m.run(f"kthread stop {pid}")
        out = m.run("trace stop")
        assert re.search(r"stopped; ring: \d+ events, 0 dropped", out), out
        show = m.run("trace show")
        assert "kthread_create(traced): request queued" in show
        assert f"create_kthread(traced): kernel_thread() = {pid}" in show
        body = check_mermaid(m.run("trace mermaid"))
        text = "\n".join(body)
        assert f"participant P1 as init (PID 1)" in m.run("trace mermaid")
        steps = [r"P1->>P2: kthread_create\(traced\): request queued",
                 r"Note over P2: kthreadd wakes",
                 rf"P2->>P{pid}: kernel_thread\(\): new task PID {pid}",
                 rf"Note over P{pid}: first run: schedule_tail\(\)",
                 rf"Note over P{pid}: kthread\(\): complete\(done\)",
                 rf"P1->>P{pid}: wake_up_process\(traced\)",
                 rf"Note over P{pid}: threadfn\(data\) starts",
                 rf"P1->>P{pid}: kthread_stop\(\)",
                 rf"Note over P{pid}: do_exit\(0\)"]
        pos = [re.search(s, text).start() if re.search(s, text) else -1 for s in steps]
        assert -1 not in pos and pos == sorted(pos), (list(zip(steps, pos)), text)
        # Only one creation's flow when asked by PID.
        assert check_mermaid(m.run(f"trace mermaid {pid}"))
        assert "of that PID" in m.run("trace mermaid 999")


def test_trace_boot_is_recorded_from_the_first_instant():
    with Machine() as m:
        m.wait_ready()
        body = check_mermaid(m.run("trace boot"))
        text = "\n".join(body)
        steps = ["Note over P0: start_kernel()",
                 "Note over P0: rest_init()",
                 "P0->>P1: kernel_thread(): new task PID 1",
                 "P0->>P2: kernel_thread(): new task PID 2",
                 "Note over P0: rest_init(): complete(kthreadd_done)",
                 "Note over P1: first run: schedule_tail()",
                 "Note over P1: kernel_init(): becomes the shell"]
        pos = [text.find(s) for s in steps]
        assert -1 not in pos and pos == sorted(pos), (list(zip(steps, pos)), text)
        assert body[0].strip() == "Note over P0: start_kernel()"
        assert "boot recording ends" in m.run("trace boot show")


def test_trace_ring_keeps_the_newest_and_counts_drops():
    with Machine() as m:
        m.wait_ready()
        m.run("trace start")
        # Two yielding threads switch thousands of times a second.
        a, b = create(m, "ping --work yield"), create(m, "pong --work yield")
        m.run("sleep 1")
        m.run(f"kthread stop {a}")
        m.run(f"kthread stop {b}")
        out = m.run("trace stop")
        dropped = int(re.search(r"ring: 2048 events, (\d+) dropped", out).group(1))
        assert dropped > 0, out
        show = m.run("trace show", timeout=60)
        assert f"2048 events, {dropped} dropped" in show
        # The oldest (the creations) were overwritten; the stops are kept.
        assert "kthread_create(ping)" not in show
        assert re.search(r"kthread_stop\(pong\) returned 0", show), show[-2000:]
        assert "no kthread creation recorded" in m.run("trace mermaid")
