"""Screen tests: what the kernel prints is drawn on the screen, correctly.

Each test boots Spindle, takes a QMP screendump and reads the text back
from the pixels, cell by cell, with the kernel's own font (tools/mkfont.py
reads the same GRUB font the build converts): a glyph either matches
exactly or the cell reads as '\\x00' (a shaded box in messages). The
text read must equal what a terminal shows after receiving the serial
output (a small model of arch/x86_64/drivers/screen.c below), so a
blank, shifted, garbled or unscrolled screen fails. The pictures are kept under the build
directory (screen-*.png) for a person to look at.

GRUB's video mode is chosen with `set gfxpayload=...`, added to grub.cfg
by giving the harness a command line that starts a new line: the
multiboot2 line ends there, and GRUB reads gfxpayload when it boots.
"""
import collections
import os
import re
import sys
import time
import zlib

import qemu
from qemu import Machine

sys.path.insert(0, os.path.join(qemu.ROOT, "tools"))
import mkfont  # noqa: E402

CELL_W, CELL_H = mkfont.CELL_W, mkfont.CELL_H
BANNER = r"\[\s*\d+\.\d+\] Spindle version"
TEXT_MODE = "\nset gfxpayload=text"
DEPTH_24 = "\nset gfxpayload=800x600x24"
UNKNOWN = "\x00"


# --- reading the screen ------------------------------------------------------

class Font:
    """The console font: glyph bit patterns -> characters."""

    def __init__(self):
        glyphs, code_points = mkfont.load_glyphs()
        self.exact, self.upper = {}, {}
        # Lower glyph numbers win: ' ' over U+00A0, which looks the same.
        for i in reversed(range(256)):
            if code_points[i]:
                self.exact[tuple(glyphs[i])] = chr(code_points[i])
                self.upper[tuple(glyphs[i][:CELL_H - 2])] = chr(code_points[i])
        self.code_points = set(code_points) - {0}

    def read(self, pattern):
        """The character drawn as @pattern (16 row bytes); a cell with
        the cursor (the last two rows full) is read without them."""
        if pattern in self.exact:
            return self.exact[pattern]
        if pattern[CELL_H - 2:] == (0xFF, 0xFF):
            return self.upper.get(pattern[:CELL_H - 2], UNKNOWN)
        return UNKNOWN


_font = None


def font():
    global _font
    if _font is None:
        _font = Font()
    return _font


class Image:
    def __init__(self, width, height, rgb):
        self.width, self.height, self.rgb = width, height, rgb

    @classmethod
    def from_ppm(cls, path):
        with open(path, "rb") as f:
            data = f.read()
        fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        assert fields, f"{path} is not a binary PPM"
        w, h = int(fields.group(1)), int(fields.group(2))
        return cls(w, h, data[fields.end():fields.end() + w * h * 3])

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])

    def save_png(self, path):
        """Writes the image as a PNG (8-bit RGB, no filtering)."""
        def chunk(kind, body):
            return (len(body).to_bytes(4, "big") + kind + body +
                    zlib.crc32(kind + body).to_bytes(4, "big"))
        stride = self.width * 3
        raw = b"".join(b"\0" + self.rgb[y * stride:(y + 1) * stride]
                       for y in range(self.height))
        header = self.width.to_bytes(4, "big") + self.height.to_bytes(4, "big") + b"\x08\x02\0\0\0"
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                    chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

    def background(self):
        counts = collections.Counter(self.rgb[i:i + 3] for i in range(0, len(self.rgb), 3 * 97))
        return counts.most_common(1)[0][0]

    def cell_patterns(self):
        """Returns rows of cells, each cell its 16 row bytes of ink
        (pixels not of the background colour)."""
        bg = self.background()
        cols, rows = self.width // CELL_W, self.height // CELL_H
        stride = self.width * 3
        bits = []
        for y in range(rows * CELL_H):
            line = self.rgb[y * stride:(y + 1) * stride]
            ink = "".join("0" if line[i:i + 3] == bg else "1"
                          for i in range(0, cols * CELL_W * 3, 3))
            bits.append([int(ink[c * CELL_W:(c + 1) * CELL_W], 2) for c in range(cols)])
        return [[tuple(bits[r * CELL_H + i][c] for i in range(CELL_H)) for c in range(cols)]
                for r in range(rows)]


def read_screen(image):
    """The text on a framebuffer screen, one string per text row."""
    f = font()
    return ["".join(f.read(p) for p in row) for row in image.cell_patterns()]


# A scrolled screen is redrawn at most once a frame (20 ms), from the tick
# (arch/x86_64/drivers/screen.c: vc_update()): wait a few frames first.
SCREEN_SETTLE_S = 0.1


def settle(m):
    """Waits until the screen shows what was written (reading the serial
    line meanwhile, so the kernel's serial output never stalls)."""
    if m.serial:
        m.read_for(SCREEN_SETTLE_S)
    else:
        time.sleep(SCREEN_SETTLE_S)


def dump(m, name):
    """Screendumps machine @m once the screen has settled; keeps it as
    BUILD/screen-@name.png."""
    settle(m)
    ppm = os.path.join(m.tmp, name + ".ppm")
    m.screendump(ppm)
    image = Image.from_ppm(ppm)
    image.save_png(os.path.join(qemu.BUILD, f"screen-{name}.png"))
    return image


# --- what the screen should show ----------------------------------------------

class Terminal:
    """What arch/x86_64/drivers/screen.c shows for some text: deferred
    wrap at the last column, "\\n" as CR LF, "\\b" with reverse wrap, tabs
    every 8, and the escape sequences ESC [ ... A B C D G H f J K m."""

    def __init__(self, cols, rows, glyphs):
        self.cols, self.rows, self.glyphs = cols, rows, glyphs
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.wrap = False
        self.state = "normal"
        self.params = []

    def text(self):
        return ["".join(row) for row in self.cells]

    def feed(self, s):
        for ch in s:
            self.put(ch)
        return self

    def newline(self):
        self.x, self.wrap = 0, False
        if self.y + 1 < self.rows:
            self.y += 1
        else:
            self.cells = self.cells[1:] + [[" "] * self.cols]

    def goto(self, x, y):
        self.x = min(max(x, 0), self.cols - 1)
        self.y = min(max(y, 0), self.rows - 1)
        self.wrap = False

    def control(self, ch):
        if ch == "\n":
            self.newline()
        elif ch == "\r":
            self.x, self.wrap = 0, False
        elif ch == "\b":
            if self.wrap:
                self.wrap = False
            elif self.x > 0:
                self.x -= 1
            elif self.y > 0:
                self.x, self.y = self.cols - 1, self.y - 1
        elif ch == "\t":
            self.x = min(self.x // 8 * 8 + 8, self.cols - 1)
        elif ch == "\x1b":
            self.state = "esc"
        else:
            return ord(ch) < 0x20 or ch == "\x7f"
        return True

    def put(self, ch):
        if self.control(ch):
            return
        if self.state == "esc":
            self.state = "csi-start" if ch == "[" else "normal"
        elif self.state.startswith("csi"):
            if ch < "\x80":
                self.csi_byte(ch)
        else:
            if self.wrap:
                self.newline()
            self.cells[self.y][self.x] = ch if ord(ch) in self.glyphs else "?"
            if self.x + 1 < self.cols:
                self.x += 1
            else:
                self.wrap = True

    def csi_byte(self, ch):
        if self.state == "csi-start":
            self.state, self.params = "csi", [0]
            if ch == "?":
                return
        if ch.isdigit():
            self.params[-1] = min(self.params[-1] * 10 + int(ch), 99999)
        elif ch == ";":
            if len(self.params) < 8:
                self.params.append(0)
        elif "\x40" <= ch <= "\x7e":
            self.state = "normal"
            self.csi(ch)

    def erase(self, start, end):
        for i in range(start, end):
            self.cells[i // self.cols][i % self.cols] = " "

    def csi(self, final):
        p = self.params
        n = p[0] or 1
        moves = {"A": (0, -n), "B": (0, n), "C": (n, 0), "D": (-n, 0)}
        cur = self.y * self.cols + self.x
        if final in moves:
            self.goto(self.x + moves[final][0], self.y + moves[final][1])
        elif final == "G":
            self.goto(n - 1, self.y)
        elif final in "Hf":
            self.goto((p[1] if len(p) > 1 and p[1] else 1) - 1, n - 1)
        elif final == "J":
            start, end = {0: (cur, self.cols * self.rows), 1: (0, cur + 1)}.get(
                p[0], (0, self.cols * self.rows))
            self.erase(start, end)
        elif final == "K":
            row = self.y * self.cols
            start, end = {0: (cur, row + self.cols), 1: (row, cur + 1)}.get(
                p[0], (row, row + self.cols))
            self.erase(start, end)


def expected_screen(output, cols, rows):
    """The terminal after the kernel's serial output in @output."""
    start = re.search(BANNER, output)
    assert start, "no banner in the serial output"
    return Terminal(cols, rows, font().code_points).feed(output[start.start():])


def console_size(m, driver):
    m_ = re.search(rf"screen: {driver} console, (\d+)x(\d+) characters", m.output)
    assert m_, f"the kernel did not report a {driver} console:\n{m.output[-3000:]}"
    return int(m_.group(1)), int(m_.group(2))


def assert_same_text(shown, term):
    want = term.text()
    shown = list(shown)
    if len(shown) == len(want):
        diff = [f"row {i:2}: screen {s.rstrip().replace(UNKNOWN, chr(0x2592))!r}\n"
                f"        model  {w.rstrip()!r}"
                for i, (s, w) in enumerate(zip(shown, want)) if s != w]
    else:
        diff = [f"{len(shown)} rows on screen, {len(want)} expected"]
    assert not diff, "the screen differs from the serial output:\n" + "\n".join(diff[:12])


def check_framebuffer_screen(m, name):
    """Reads the framebuffer screen of @m and compares it with the
    serial output; returns (image, terminal model)."""
    cols, rows = console_size(m, "framebuffer")
    image = dump(m, name)
    assert (cols, rows) == (image.width // CELL_W, image.height // CELL_H), \
        f"{cols}x{rows} characters on a {image.width}x{image.height} screen"
    term = expected_screen(m.output, cols, rows)
    assert_same_text(read_screen(image), term)
    under_cursor = image.cell_patterns()[term.y][term.x]
    assert under_cursor[CELL_H - 2:] == (0xFF, 0xFF), "no cursor after the prompt"
    return image, term


def type_with_backspace(m):
    """Types a command with a typo fixed by backspace; the shell echoes
    "\\b \\b", which must erase the wrong letter on the screen too."""
    start = len(m.output)
    m.send("echo hellx\x7fo screen\r")
    m.wait_for(r"hello screen\n" + re.escape(qemu.PROMPT), 20, start)


# --- tests ---------------------------------------------------------------------

def test_framebuffer_bios_shows_log_and_shell():
    """SeaBIOS, 1024x768x32: the boot log, a command line edited with
    backspace and enough dmesg output to scroll, all drawn right."""
    with Machine(firmware="bios") as m:
        m.wait_ready(60)
        for _ in range(2):
            m.run("dmesg")
        type_with_backspace(m)
        assert re.search(r"fbcon: 1024x768, 32 bpp", m.output), m.output[-3000:]
        _, term = check_framebuffer_screen(m, "bios")
        assert term.text()[-1].startswith(qemu.PROMPT)
        assert any(row.startswith("spindle# echo hello screen ") for row in term.text())


def test_framebuffer_uefi_shows_log_and_shell():
    """OVMF through GOP: there is no VGA text mode, only the framebuffer."""
    with Machine(firmware="uefi") as m:
        m.wait_ready(90)
        type_with_backspace(m)
        _, term = check_framebuffer_screen(m, "uefi")
        assert "spindle# echo hello screen" in "\n".join(term.text())


def test_framebuffer_24bpp():
    """Three bytes per pixel (what GRUB on UEFI may pick): 800x600x24."""
    with Machine(firmware="uefi", cmdline=DEPTH_24) as m:
        m.wait_ready(90)
        assert re.search(r"fbcon: 800x600, 24 bpp, pitch \d+", m.output), \
            "GRUB did not give a 24 bpp framebuffer:\n" + m.output[-3000:]
        check_framebuffer_screen(m, "uefi-24bpp")


def test_vga_text_mode():
    """SeaBIOS in VGA text mode: the characters in text memory at 0xB8000
    are the serial output, as an 80x25 terminal shows it."""
    with Machine(firmware="bios", cmdline=TEXT_MODE) as m:
        m.wait_ready(60)
        type_with_backspace(m)
        cols, rows = console_size(m, "VGA text")
        assert (cols, rows) == (80, 25)
        settle(m)
        mem = os.path.join(m.tmp, "vga.bin")
        m.qmp("pmemsave", val=0xB8000, size=cols * rows * 2, filename=mem)
        with open(mem, "rb") as f:
            cells = f.read()
        text = bytes(cells[0::2]).decode("cp437")
        attrs = set(cells[1::2])
        dump(m, "vga")
        shown = [text[r * cols:(r + 1) * cols] for r in range(rows)]
        assert_same_text(shown, expected_screen(m.output, cols, rows))
        assert attrs == {0x07}, f"colours other than grey on black: {attrs}"


def test_escape_sequences_and_utf8():
    """ANSI colour, cursor movement, erase-line and erase-screen, and
    UTF-8, printed by the kernel echoing its command line (the shell's
    `cmdline`: the boot log's own echo scrolls away under the lines that
    follow it). ESC [ 2 J ESC [ H clear the screen, so the banner must be
    gone."""
    cmdline = "\x1b[2J\x1b[Hx\x1b[31mRED\x1b[0m \u00e9\u2500 b\x1b[2D\x1b[Kc"
    with Machine(firmware="bios", cmdline=cmdline) as m:
        m.wait_ready(60)
        m.run("cmdline")
        image, term = check_framebuffer_screen(m, "ansi")
        text = term.text()
        assert not any(re.match(BANNER, row) for row in text), "ESC [ 2 J did not clear"
        row = next((i for i, r in enumerate(text) if "xRED \u00e9\u2500c" in r), None)
        assert row is not None, "the command line is not on screen:\n" + "\n".join(text)
        col = text[row].index("xRED")
        assert ink_colours(image, col, row) == {(0xAA, 0xAA, 0xAA)}
        for c in range(col + 1, col + 4):
            assert ink_colours(image, c, row) == {(0xAA, 0, 0)}, "RED is not red"


def ink_colours(image, col, row):
    bg = tuple(image.background())
    return {image.pixel(col * CELL_W + x, row * CELL_H + y)
            for x in range(CELL_W) for y in range(CELL_H)} - {bg}


def test_screen_without_serial_port():
    """A PC with no serial port at all: the shell prompt still appears
    on the screen, below the boot log."""
    with Machine(firmware="bios", serial=False) as m:
        deadline = time.time() + 60
        while True:
            try:
                text = [r.rstrip() for r in read_screen(dump(m, "no-serial"))]
            except (OSError, qemu.BootError, AssertionError):
                text = []
            lines = [r for r in text if r]
            if lines and lines[-1] == qemu.PROMPT.rstrip():
                break
            assert time.time() < deadline, "no prompt on screen:\n" + "\n".join(text)
            time.sleep(0.5)
        log_rows = [r for r in lines if re.match(r"\[\s*\d+\.\d+\] ", r)]
        assert len(log_rows) >= len(lines) // 2, "no boot log:\n" + "\n".join(text)
        assert any("shell: ready" in r for r in lines), "no shell:\n" + "\n".join(text)
        assert UNKNOWN not in "".join(text), "unreadable cells:\n" + "\n".join(text)
