"""The PS/2 keyboard: keys pressed on QEMU's emulated keyboard (QMP
send-key) reach the shell as the characters a US keyboard gives, and the
shell's answer shows on the serial console. A PC without an i8042 boots
to the shell and says it has no PS/2 keyboard."""
import contextlib
import re
from qemu import Machine, PROMPT

SHIFTED = {
    "!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7",
    "*": "8", "(": "9", ")": "0", "_": "minus", "+": "equal",
    "{": "bracket_left", "}": "bracket_right", "|": "backslash",
    ":": "semicolon", '"': "apostrophe", "~": "grave_accent", "<": "comma",
    ">": "dot", "?": "slash",
}
PLAIN = {
    " ": "spc", "-": "minus", "=": "equal", "[": "bracket_left",
    "]": "bracket_right", "\\": "backslash", ";": "semicolon",
    "'": "apostrophe", "`": "grave_accent", ",": "comma", ".": "dot",
    "/": "slash",
}
ALL_PRINTABLE = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ "
                 "0123456789 !@#$%^&*()_+{}|:\"~<>? -=[]\\;'`,./")


def chords(text):
    """The key chords that type @text: each a list of qcodes held together."""
    out = []
    for ch in text:
        if ch.islower() or ch.isdigit():
            out.append([ch])
        elif ch.isupper():
            out.append(["shift", ch.lower()])
        elif ch in SHIFTED:
            out.append(["shift_r" if ch in "<>?" else "shift", SHIFTED[ch]])
        else:
            out.append([PLAIN[ch]])
    return out


def press(m, *items):
    """Presses each item: a string is typed; a list is one chord."""
    for item in items:
        for chord in chords(item) if isinstance(item, str) else [item]:
            m.qmp("send-key", keys=[{"type": "qcode", "data": k} for k in chord],
                  **{"hold-time": 20})


def enter_line(m, *items, tail):
    """Presses @items then Enter; returns what the command printed.
    @tail is the end of what the shell echoes while the line is typed."""
    start = len(m.output)
    press(m, *items)
    m.wait_for(re.escape(tail), timeout=20, start=start)
    press(m, ["ret"])
    found = m.wait_for(re.escape(tail) + r"\n(.*?)" + re.escape(PROMPT),
                       timeout=20, start=start)
    return found.group(1)


@contextlib.contextmanager
def boot(**kw):
    """A machine at the shell prompt whose keyboard driver found the i8042."""
    with Machine(**kw) as m:
        m.wait_ready(timeout=90)
        assert "keyboard: PS/2 keyboard on IRQ 1" in m.output, m.output[-3000:]
        yield m


def check_echo_hello(**kw):
    with boot(**kw) as m:
        assert enter_line(m, "echo Hello", tail="echo Hello") == "Hello\n"


def test_typed_command_runs_seabios_q35():
    check_echo_hello(firmware="bios", machine="q35")


def test_typed_command_runs_seabios_pc():
    check_echo_hello(firmware="bios", machine="pc")


def test_typed_command_runs_ovmf_q35():
    check_echo_hello(firmware="uefi", machine="q35")


def test_backspace_edits_the_line():
    with boot() as m:
        out = enter_line(m, "echox", ["backspace"], " ok", tail=" ok")
        assert out == "ok\n", out


def test_every_printable_character_us_layout():
    with boot(machine="pc") as m:
        out = enter_line(m, "echo " + ALL_PRINTABLE, tail=ALL_PRINTABLE[-10:])
        assert out == " ".join(ALL_PRINTABLE.split()) + "\n", out


def test_caps_lock_shifts_letters_only():
    with boot() as m:
        out = enter_line(m, "echo ", ["caps_lock"], "ab", ["shift", "c"], "1-",
                         ["caps_lock"], "d", tail="1-d")
        assert out == "ABc1-d\n", out


def test_ctrl_letter_is_a_control_code_not_the_letter():
    # The shell drops control codes it does not know; once it learns
    # Ctrl-U (kill the line), the line typed after it is all that runs.
    with boot() as m:
        out = enter_line(m, "echo a", ["ctrl", "u"], ["ctrl_r", "c"], "echo b",
                         tail="echo b")
        assert out in ("aecho b\n", "b\n"), out


def test_keypad_with_num_lock_types_digits_and_operators():
    with boot() as m:
        out = enter_line(m, "echo ", ["kp_1"], ["kp_2"], ["kp_add"],
                         ["kp_subtract"], ["kp_multiply"], ["kp_divide"],
                         ["kp_decimal"], ["kp_0"], tail="12+-*/.0")
        assert out == "12+-*/.0\n", out
        out = enter_line(m, "echo kp", ["kp_enter"], tail="echo kp")
        assert out == "kp\n", out


def press_enter(m, *items):
    """Presses @items then Enter; returns what the command printed (the
    echoed line holds cursor movements, so only its end is waited for)."""
    start = len(m.output)
    press(m, *items, ["ret"])
    return m.wait_for(r"\n(.*?)" + re.escape(PROMPT), timeout=20, start=start).group(1)


def test_arrow_and_editing_keys_edit_the_line():
    # The keyboard sends ANSI sequences (ESC [ A ...); the shell's line
    # editor turns them into cursor movement, deletion and history.
    with boot() as m:
        assert press_enter(m, "echo ab", ["left"], ["left"], "X", ["delete"]) == "Xb\n"
        assert press_enter(m, "cho z", ["home"], "e", ["end"], "y") == "zy\n"
        assert press_enter(m, "echo q", ["left"], ["right"], "r") == "qr\n"
        assert press_enter(m, ["up"]) == "qr\n"
        assert press_enter(m, "echo typed", ["up"], ["down"]) == "typed\n"


def test_no_i8042_boots_without_keyboard():
    with Machine(machine="q35,i8042=off") as m:
        m.wait_ready(timeout=90)
        assert "keyboard: no i8042 controller; no PS/2 keyboard" in m.output, \
            m.output[-3000:]
        assert m.run("echo serial still works").strip() == "serial still works"
