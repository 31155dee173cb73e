# GDB helpers for Spindle, in the manner of Linux's scripts/gdb
# (vmlinux-gdb.py): commands that read the kernel's own structures through
# GDB's view of its symbols. `make debug` loads this file; by hand:
#   (gdb) source scripts/gdb/spindle.py
#
#   lx-ps             every task: PID, PPID, state, comm (init_task.tasks)
#   lx-dmesg          the kernel log ring (kernel/printk/printk.c: log_buf)
#   lx-lsmod          loaded modules (kernel/module/main.c: modules)
#   lx-kthread-queue  kthread_create() requests kthreadd has not served yet
#
# They only read memory, so they work with the machine stopped anywhere,
# even inside a spinlock; a structure seen half-updated may print oddly.
import gdb

STATES = [(0x0040, "P"), (0x0080, "X"), (0x0400, "I"), (0x0002, "D"), (0x0001, "S")]


def container_of(ptr, typename, member):
    """The struct @typename whose @member is at address @ptr."""
    t = gdb.lookup_type(typename)
    offset = int(gdb.parse_and_eval(f"(unsigned long)&(({typename} *)0)->{member}"))
    return (ptr.cast(gdb.lookup_type("unsigned long")) - offset).cast(t.pointer()).dereference()


def list_entries(head, typename, member):
    """The entries of a struct list_head @head (a gdb.Value of the head)."""
    node = head["next"]
    while int(node) != int(head.address):
        yield container_of(node, typename, member)
        node = node["next"]


def state_letter(task):
    if int(task["exit_state"]) & 0x0020:
        return "Z"
    s = int(task["__state"])
    if s == 0:
        return "R"
    if s & 0x0400 and s & 0x0002:
        return "I"
    for bit, letter in STATES:
        if s & bit:
            return letter
    return "?"


class LxPs(gdb.Command):
    """List every task as ps does: PID, PPID, state letter, comm."""

    def __init__(self):
        super().__init__("lx-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        init = gdb.parse_and_eval("init_task")
        gdb.write("  PID  PPID S COMM\n")
        tasks = [init] + list(list_entries(init["tasks"], "struct task_struct", "tasks"))
        for t in tasks:
            parent = t["real_parent"]
            ppid = int(parent["pid"]) if int(parent) and int(t["pid"]) else 0
            gdb.write(f"{int(t['pid']):5d} {ppid:5d} {state_letter(t)} "
                      f"{t['comm'].string()}\n")


class LxDmesg(gdb.Command):
    """Print the kernel log ring, oldest line first, as dmesg does."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval("log_buf")
        size = int(buf.type.sizeof)
        head = int(gdb.parse_and_eval("log_head"))
        first = int(gdb.parse_and_eval("log_first")["pos"])
        inferior = gdb.selected_inferior()
        base = int(buf.address)
        data = bytearray()
        pos = first
        while pos < head:       # the ring may wrap: read it in two pieces
            start = pos % size
            n = min(head - pos, size - start)
            data += bytes(inferior.read_memory(base + start, n))
            pos += n
        for line in data.decode("utf-8", "replace").split("\n"):
            if line.startswith("<") and ">" in line[:4]:
                line = line[line.index(">") + 1:]      # the stored priority
            if line:
                gdb.write(line + "\n")


class LxLsmod(gdb.Command):
    """List the loaded modules (not the built-in ones): name, size, users."""

    def __init__(self):
        super().__init__("lx-lsmod", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("Module                  Size  Used by\n")
        for m in list_entries(gdb.parse_and_eval("modules"), "struct module", "list"):
            gdb.write(f"{m['name'].string():<20} {int(m['core_layout']['size']):7d}  "
                      f"{int(m['refcnt'])}\n")


class LxKthreadQueue(gdb.Command):
    """Show kthread_create_list: the requests queued for kthreadd."""

    def __init__(self):
        super().__init__("lx-kthread-queue", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        reqs = list(list_entries(gdb.parse_and_eval("kthread_create_list"),
                                 "struct kthread_create_info", "list"))
        gdb.write(f"kthread_create_list: {len(reqs)} request(s) waiting for kthreadd\n")
        for r in reqs:
            gdb.write(f"  {r['name'].string()}: threadfn {r['threadfn']}\n")


LxPs()
LxDmesg()
LxLsmod()
LxKthreadQueue()
