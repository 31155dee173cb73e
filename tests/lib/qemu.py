"""Boots Spindle under QEMU for end-to-end tests.

A Machine builds (or reuses) an ISO with the wanted kernel command line,
starts QEMU with the serial port on a Unix socket (server=on,wait=on, so
no output is lost) and a QMP socket for screendumps, and offers
wait_for()/send()/run() on the serial line. Every wait is bounded so a
hung kernel fails its test instead of hanging the suite.
"""
import codecs
import hashlib
import os
import re
import socket
import subprocess
import tempfile
import time
import json
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SPINDLE_BUILD", os.path.join(ROOT, "build"))
OVMF = "/usr/share/ovmf/OVMF.fd"
PROMPT = "spindle# "
READY = "shell: ready"
_iso_lock = threading.Lock()


class BootError(Exception):
    pass


def build_iso(cmdline="", initramfs=None):
    """Returns the path of an ISO whose GRUB passes @cmdline (cached) and,
    with @initramfs (a cpio file), loads it as a module (the initramfs)."""
    with _iso_lock:
        return _build_iso(cmdline, initramfs)


def _build_iso(cmdline, initramfs=None):
    ident = cmdline
    if initramfs:
        with open(initramfs, "rb") as f:
            ident += "\0initramfs:" + hashlib.sha1(f.read()).hexdigest()
    key = hashlib.sha1(ident.encode()).hexdigest()[:12]
    iso_dir = os.path.join(BUILD, "test-isos")
    iso = os.path.join(iso_dir, key + ".iso")
    elf = os.path.join(BUILD, "spindle.elf")
    if os.path.exists(iso) and os.path.getmtime(iso) >= os.path.getmtime(elf):
        return iso
    os.makedirs(iso_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=iso_dir) as tmp:
        os.makedirs(os.path.join(tmp, "boot", "grub"))
        subprocess.run(["cp", elf, os.path.join(tmp, "boot", "spindle.elf")], check=True)
        with open(os.path.join(ROOT, "iso", "grub.cfg.in")) as f:
            cfg = f.read().replace("@CMDLINE@", cmdline)
        if initramfs:
            subprocess.run(["cp", initramfs, os.path.join(tmp, "boot", "initramfs.cpio")],
                           check=True)
            cfg = re.sub(r"^(\s*multiboot2 .*)$", r"\1\n\tmodule2 /boot/initramfs.cpio",
                         cfg, flags=re.M)
        with open(os.path.join(tmp, "boot", "grub", "grub.cfg"), "w") as f:
            f.write(cfg)
        out = f"{iso}.{os.getpid()}.tmp"   # other test runs may build it too
        subprocess.run(["grub-mkrescue", "--compress=xz", "--fonts=", "--locales=",
                        "--themes=", "-o", out, tmp], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.replace(out, iso)
    return iso


class Machine:
    """One QEMU run. Use as a context manager so QEMU is always killed."""

    def __init__(self, cmdline="", firmware="bios", machine="q35", media="cd",
                 mem="512M", smp=1, extra=None, display=False, serial=True,
                 initramfs=None):
        self.cmdline = cmdline
        self.initramfs = initramfs
        self.firmware = firmware
        self.machine = machine
        self.media = media
        self.mem = mem
        self.smp = smp
        self.extra = extra or []
        self.display = display
        self.serial = serial  # False: a PC without a serial port
        self.output = ""
        # Incremental: a UTF-8 character may be split between two reads.
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self.proc = None
        self.tmp = tempfile.mkdtemp(prefix="spindle-qemu-")

    def args(self, iso):
        serial = ["-serial", "none"]
        if self.serial:
            serial = ["-chardev", f"socket,id=ser0,path={self.tmp}/serial,server=on,wait=on",
                      "-serial", "chardev:ser0"]
        a = ["qemu-system-x86_64", "-M", self.machine, "-m", self.mem,
             "-smp", str(self.smp), "-no-reboot", "-display", "none", *serial,
             "-qmp", f"unix:{self.tmp}/qmp,server=on,wait=off",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if self.firmware == "uefi":
            a += ["-bios", OVMF]
        if self.media == "usb":
            a += ["-device", "qemu-xhci",
                  "-drive", f"if=none,id=stick,format=raw,file={iso},readonly=on",
                  "-device", "usb-storage,drive=stick"]
        else:
            a += ["-cdrom", iso]
        return a + self.extra

    def __enter__(self):
        iso = build_iso(self.cmdline, self.initramfs)
        self.proc = subprocess.Popen(self.args(iso), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if not self.serial:
            return self
        path = os.path.join(self.tmp, "serial")
        self.sock = socket.socket(socket.AF_UNIX)
        # The socket file appears at bind(), a moment before QEMU listens.
        for _ in range(200):
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.02)
        else:
            self.sock.connect(path)
        self.sock.settimeout(0.1)
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
        if self.proc:
            self.proc.wait()
        try:
            self.sock.close()
        except Exception:
            pass
        subprocess.run(["rm", "-rf", self.tmp])

    def _read(self):
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return None
        except OSError:
            return b""
        return data

    def wait_for(self, pattern, timeout=30, start=0):
        """Waits until @pattern (a regex) matches the serial output after
        offset @start; returns the match. Raises BootError on timeout or
        when QEMU exits first."""
        rx = re.compile(pattern, re.S)
        end = time.time() + timeout
        while True:
            m = rx.search(self.output, start)
            if m:
                return m
            if time.time() > end:
                raise BootError(f"timed out after {timeout}s waiting for {pattern!r}; "
                                f"last output:\n{self.output[-2000:]}")
            data = self._read()
            if data == b"":
                if self.proc.poll() is not None:
                    m = rx.search(self.output, start)
                    if m:
                        return m
                    raise BootError(f"QEMU exited ({self.proc.returncode}) before "
                                    f"{pattern!r}; last output:\n{self.output[-2000:]}")
                time.sleep(0.05)
            elif data:
                self.output += self._decode(data).replace("\r", "")

    def read_for(self, seconds):
        """Reads the serial line for @seconds, whatever comes (or nothing:
        a console= that turns the serial console off); returns the output
        so far."""
        end = time.time() + seconds
        while time.time() < end:
            data = self._read()
            if data:
                self.output += self._decode(data).replace("\r", "")
            elif data == b"":
                time.sleep(0.05)
        return self.output

    def wait_ready(self, timeout=60):
        return self.wait_for(re.escape(PROMPT), timeout)

    def send(self, text):
        self.sock.sendall(text.encode() if isinstance(text, str) else text)

    def run(self, command, timeout=20):
        """Types @command and Enter at the shell; returns what it printed
        before the next prompt."""
        start = len(self.output)
        self.send(command + "\r")
        # The kernel's log lines may land between the echoed characters
        # (a thread printing while the shell echoes): allow whole ones.
        log = r"(?:\[\s*\d+\.\d+\][^\n]*\n)*"
        echo = log.join(re.escape(c) for c in command) + log
        m = self.wait_for(echo + r"\n(.*?)" + re.escape(PROMPT), timeout, start)
        return m.group(1)

    def wait_exit(self, timeout=30):
        """Waits for QEMU to end; returns its exit status."""
        end = time.time() + timeout
        while self.proc.poll() is None:
            if time.time() > end:
                raise BootError(f"QEMU still running after {timeout}s; last output:\n"
                                f"{self.output[-2000:]}")
            data = self._read()
            if data:
                self.output += self._decode(data).replace("\r", "")
        while True:
            data = self._read()
            if not data:
                break
            self.output += self._decode(data).replace("\r", "")
        return self.proc.returncode

    def qmp(self, command, **arguments):
        """Runs one QMP command and returns its result."""
        s = socket.socket(socket.AF_UNIX)
        s.connect(os.path.join(self.tmp, "qmp"))
        f = s.makefile("rw")
        f.readline()
        for msg in ({"execute": "qmp_capabilities"},
                    {"execute": command, "arguments": arguments}):
            f.write(json.dumps(msg) + "\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "return" in reply or "error" in reply:
                    break
        s.close()
        if "error" in reply:
            raise BootError(f"QMP {command}: {reply['error']}")
        return reply["return"]

    def screendump(self, path):
        """Saves the screen as a PPM file at @path."""
        self.qmp("screendump", filename=path)
        return path
