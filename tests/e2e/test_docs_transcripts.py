"""The console sessions shown in README.md and docs/ are real: each block
marked ```console replay=kshell|busybox is typed again, command by
command, on a booted kernel, and what it prints is compared line by line
with the block (placeholders for what varies: docs/testing.md). A chapter's
blocks with the same boot options share one boot, in reading order, as a
reader following the chapter would type them. Also: no session at a prompt
is left unmarked, and every `make TARGET` the docs name exists."""
import os
import re
import shlex
import subprocess
import sys
from qemu import BootError, Machine, ROOT, INITRAMFS

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

# Not anchored at the end: a thread's log line may follow the prompt.
BUSYBOX_PROMPT = re.compile(r"\nspindle:[^\n#]*# ")
# What a command the docs tell readers to type must never print.
NOT_A_COMMAND = re.compile(r"command not found|^usage: |unknown (command|option)|no task has PID", re.M)


def boot_key(block):
    a = block.attrs()
    return (a["replay"], a.get("cmdline", ""), int(a.get("smp", "1")), a.get("session", ""))


def boot(key):
    kind, cmdline, smp, _ = key
    if kind == "kshell":
        cmdline = ("kshell " + cmdline).strip()
    m = Machine(cmdline=cmdline, initramfs=INITRAMFS, smp=smp)
    m.__enter__()
    try:
        if kind == "kshell":
            m.wait_ready(timeout=120)
        else:
            m.wait_for(BUSYBOX_PROMPT.pattern, timeout=120)
    except Exception:
        m.close()
        raise
    return m


def busybox_run(m, command, timeout, wake=None):
    """Types @command at busybox's shell; returns its output lines. The end
    is a marker the echoed command line cannot match (its echo has quotes).
    With @wake, Enter is pressed once the console shows that text (a
    suspend waiting for a key: the block's wake="...")."""
    start = len(m.output)
    m.send(command + "; echo EN''D\n")
    if wake and m.wait_for(re.escape(wake) + r"|\nEND\n", timeout=timeout,
                           start=start).group(0) != "\nEND\n":
        m.send("\n")
    end = m.wait_for(r"\nEND\n", timeout=timeout, start=start)
    m.wait_for(BUSYBOX_PROMPT.pattern, timeout=timeout, start=end.end() - 1)
    text = m.output[start:end.start() + 1]
    return after_echo(text).split("\n")[:-1]


def after_echo(text):
    """@text from the line after the echo of the typed command. The echo
    may wrap (busybox breaks a long line at the terminal's width, even
    inside the marker), so the marker is found with the breaks left out."""
    pos = [i for i, c in enumerate(text) if c != "\n"]
    k = "".join(text[i] for i in pos).rfind("EN''D")
    if k < 0:
        return text
    return text[text.find("\n", pos[k + 4]) + 1:]


def kshell_run(m, command, expected, timeout):
    """Types @command at the kernel shell; returns its output lines. A first
    expected line "^C" is Ctrl-C typed while the command runs."""
    if expected and expected[0][1].startswith("^C"):
        start = len(m.output)
        m.send(command + "\r")
        m.wait_for(re.escape(command) + r"\n", timeout=timeout, start=start)
        m.send(b"\x03")
        out = m.wait_for(r"\n(.*?)" + re.escape("spindle# "), timeout, start).group(1)
        return out.split("\n")[:-1], expected[1:]
    return m.run(command, timeout=timeout).split("\n")[:-1], expected


def replay_boot(block, cache):
    """A replay=boot block: an excerpt of a boot log (or its oops); its lines
    must appear in that order (other lines may come between) in what the
    console printed until the first prompt, or until QEMU exited (a panic
    ends it). Timestamps are left out
    on both sides (an excerpt may show them or not). Blocks of a document
    with the same options share one boot (@cache)."""
    a = block.attrs()
    key = (a.get("cmdline", ""), int(a.get("smp", "1")), a.get("mem", "512M"))
    if key not in cache:
        with Machine(cmdline=key[0], initramfs=INITRAMFS, smp=key[1], mem=key[2]) as m:
            try:
                m.wait_for(r"spindle(?::~)?# ", timeout=int(a.get("timeout", "120")))
            except BootError:
                if m.proc.poll() is None:
                    raise
            cache[key] = [docs.LOG_LINE.sub("", ln) for ln in m.output.split("\n")]
    got, j = cache[key], 0
    for i, ln in enumerate(block.lines):
        if ln.strip() == "...":
            continue
        rx = docs.line_regex(docs.LOG_LINE.sub("", ln))
        while j < len(got) and not rx.match(got[j]):
            j += 1
        if j == len(got):
            return [f"{block.path}:{block.first + i}: {ln.strip()!r} not in the boot log "
                    "(in this order)"]
        j += 1
    return []


def replay(path):
    failures, cache = [], {}
    groups = {}
    for b in docs.blocks(path):
        if b.attrs().get("replay") in docs.PROMPTS:
            groups.setdefault(boot_key(b), []).append(b)
    for key, blocks in groups.items():
        m = boot(key)
        # Its boot log serves the replay=boot blocks with the same options.
        kind, cmdline, smp, session = key
        full = ("kshell " + cmdline).strip() if kind == "kshell" else cmdline
        if not session:
            cache[(full, smp, "512M")] = [docs.LOG_LINE.sub("", ln)
                                          for ln in m.output.split("\n")]
        try:
            for b in blocks:
                commands_only = "commands" in b.attrs()
                timeout = int(b.attrs().get("timeout", "60"))
                start, nfail = len(m.output), len(failures)
                steps, outputs, seen = docs.transcript(b), [], []
                for step in steps:
                    if key[0] == "kshell":
                        got, step.expected = kshell_run(m, step.command, step.expected,
                                                        timeout)
                    else:
                        got = busybox_run(m, step.command, timeout, b.attrs().get("wake"))
                    outputs.append(got)
                    seen += [docs.PROMPTS[key[0]] + step.command] + got
                    if commands_only:
                        bad = NOT_A_COMMAND.search("\n".join(got))
                        if bad:
                            failures.append(f"{path}:{step.line}: `{step.command}` "
                                            f"printed {bad.group(0)!r}")
                if not commands_only:
                    # A thread's line may follow a prompt on the same line.
                    log = re.findall(r"\[\s*\d+\.\d+\] [^\n]*", m.output[start:])
                    for n, why in docs.check_session(steps, outputs, log):
                        failures.append(f"{path}:{n}: {why}")
                    if len(failures) > nfail:
                        failures.append("    the session was:\n" + "\n".join(
                            "      " + ln for ln in seen))
                dump = os.environ.get("DOCS_REPLAY_DUMP")
                if dump:    # what the kernel printed, to paste into the doc
                    os.makedirs(dump, exist_ok=True)
                    name = f"{path.replace('/', '_')}-{b.line}.txt"
                    with open(os.path.join(dump, name), "w") as f:
                        f.write("\n".join(seen) + "\n")
        finally:
            m.close()
    for b in docs.blocks(path):
        if b.attrs().get("replay") == "boot":
            failures += replay_boot(b, cache)
    assert not failures, "transcripts that no longer match:\n" + "\n".join(failures)


def _make_test(path):
    def test():
        replay(path)
    test.__name__ = "test_replay_" + re.sub(r"\W", "_", os.path.basename(path))
    test.__doc__ = f"{path}'s transcripts replay on a booted kernel."
    return test


# One test per document with transcripts (new chapters join by themselves).
for _path in docs.doc_files():
    if any(b.attrs().get("replay") in (*docs.PROMPTS, "boot") for b in docs.blocks(_path)):
        _t = _make_test(_path)
        globals()[_t.__name__] = _t


def test_every_session_at_a_prompt_is_replayed():
    marked, unmarked = docs.replay_blocks()
    assert len(marked) > 10, "the replayed blocks were not found"
    assert not unmarked, ("sessions at a prompt not marked ```console replay=...:\n"
                          + "\n".join(b.where(-1) for b in unmarked))
    for b in marked:
        kind = b.attrs()["replay"]
        assert kind in (*docs.PROMPTS, "boot") or (kind == "no" and b.attrs().get("why")), \
            f"{b.where(-1)}: replay={kind}: kshell, busybox, boot, or no with why=\"...\""



def make_targets(text):
    """(directory, target) for each `make ...` command line in @text."""
    for line in text.split("\n"):
        m = re.search(r"(?:^|[\s($])make((?:[ \t].*)?)$", line)
        if not m:
            continue
        try:
            words = shlex.split(m.group(1), comments=True)
        except ValueError:
            words = m.group(1).split()
        d, i = ".", 0
        while i < len(words):
            w = words[i]
            if w in ("&&", "||", ";", "|"):
                break
            if w in ("-C", "-f"):
                d = words[i + 1] if w == "-C" else d
                i += 2
                continue
            if not (w.startswith("-") or "=" in w) and re.fullmatch(r"[a-z][a-z0-9_-]*", w):
                yield (d, w)
            i += 1


def targets(d):
    """The targets GNU make knows in directory @d (its database, printed
    without running anything)."""
    r = subprocess.run(["make", "-pRrq", "-C", os.path.join(ROOT, d), ":"],
                       capture_output=True, text=True, timeout=120)
    return set(re.findall(r"^([A-Za-z0-9_.-]+):", r.stdout, re.M))


def test_make_targets_named_in_the_docs_exist():
    seen = set()
    for path in docs.doc_files():
        text = open(os.path.join(ROOT, path)).read()
        # Inline code and command blocks only: prose "make" is a verb.
        spans = re.findall(r"`([^`\n]+)`", text)
        spans += [ln for b in docs.blocks(path) if b.lang in ("sh", "console", "")
                  for ln in b.lines]
        for span in spans:
            for d, target in make_targets(span):
                # -C <spindle> or /path/to/spindle: the tree itself.
                seen.add((path, d if os.path.isdir(os.path.join(ROOT, d)) else ".", target))
    assert any(t == "docs" for _, _, t in seen), "make docs not found in the docs"
    known = {d: targets(d) for d in {d for _, d, _ in seen}}
    assert {"all", "test", "docs"} <= known["."], known["."]
    bad = [f"{path}: make {'-C ' + d + ' ' if d != '.' else ''}{t}"
           for path, d, t in sorted(seen) if t not in known[d]]
    assert not bad, "make targets the docs name but the Makefile lacks:\n" + "\n".join(bad)
