/*
 * The screen console: a terminal of character cells that printk() and
 * the shell write to, drawn by the framebuffer driver (fbcon.c) or the
 * VGA text driver (vgacon.c), whichever the boot loader's framebuffer tag
 * allows. Mirrors Linux's drivers/tty/vt/vt.c: UTF-8 decoding, control
 * characters, a few ECMA-48 (ANSI) escape sequences, line wrap, scrolling.
 *
 * Simplified: one screen, no tty of its own, no scrollback. The cells are
 * kept in RAM and each write ends by drawing only the cells that changed
 * (it looks only at the range written since the last flush), so scrolling
 * never reads the (slow, uncached) video memory back. A scroll redraws
 * most of the screen, so scrolls are drawn at most once a frame, from the
 * tick (vc_update()): Spindle's own; Linux's fbcon draws every one.
 * Locking: the console write runs under printk's log lock with interrupts
 * off, the only lock needed; init runs before other CPUs exist.
 */
#include <asm/screen.h>
#include <linux/console.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/bootinfo.h>
#include <asm/setup.h>
#include <linux/timekeeping.h>
#include <spindle/printk.h>
#include <linux/init.h>
#include <linux/tty.h>

#define VC_CELL_NONE 0xffff	/* in shown[]: not drawn as it is in cells[] */
#define TAB_WIDTH 8
/* At most 50 redraws of a scrolled screen a second. */
#define SCREEN_FRAME_NS (20 * 1000 * 1000ULL)

static struct vc_data vc;
static bool screen_registered;	/* the screen console exists */

/* SGR colour numbers are ANSI's order; attribute bits are the VGA's. */
static const u8 ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static void vc_update_attr(struct vc_data *vc)
{
	u8 fg = vc->fg | (vc->bold ? 0x08 : 0);
	u8 bg = vc->bg;

	if (vc->reverse)
		vc->attr = (fg & 0x07) << 4 | bg;
	else
		vc->attr = bg << 4 | fg;
}

/* Erased cells take the current colours, as in Linux and xterm. */
static u16 vc_blank(struct vc_data *vc)
{
	return VC_CELL(' ', vc->attr);
}

/* Cells [from, to) changed: the next flush must look at them. */
static void vc_mark(struct vc_data *vc, unsigned int from, unsigned int to)
{
	vc->dirty_lo = min(vc->dirty_lo, from);
	vc->dirty_hi = max(vc->dirty_hi, to);
}

/* Blanks cells [from, to) of the screen, counted row after row. */
static void vc_erase(struct vc_data *vc, unsigned int from, unsigned int to)
{
	u16 blank = vc_blank(vc);

	for (unsigned int i = from; i < to; i++)
		vc->cells[i] = blank;
	vc_mark(vc, from, to);
}

static void vc_scroll_up(struct vc_data *vc)
{
	unsigned int n = vc->cols * vc->rows;

	memmove(vc->cells, vc->cells + vc->cols, (n - vc->cols) * sizeof(u16));
	vc->scrolled = true;
	vc_mark(vc, 0, n);
	vc_erase(vc, n - vc->cols, n);
}

static void vc_line_feed(struct vc_data *vc)
{
	if (vc->y + 1 < vc->rows)
		vc->y++;
	else
		vc_scroll_up(vc);
}

/* "\n" also returns the carriage, as a tty with ONLCR (Linux's default). */
static void vc_newline(struct vc_data *vc)
{
	vc->x = 0;
	vc->need_wrap = false;
	vc_line_feed(vc);
}

/*
 * Backspace. After the last column is written the cursor stays on it
 * (need_wrap), so "\b \b" erases that column; at the start of a row it
 * goes back to the end of the row above (xterm's reverse wraparound), so
 * the shell's "\b \b" also erases across a line that wrapped.
 */
static void vc_backspace(struct vc_data *vc)
{
	if (vc->need_wrap) {
		vc->need_wrap = false;
	} else if (vc->x > 0) {
		vc->x--;
	} else if (vc->y > 0) {
		vc->y--;
		vc->x = vc->cols - 1;
	}
}

static void vc_tab(struct vc_data *vc)
{
	vc->x = min(vc->x / TAB_WIDTH * TAB_WIDTH + TAB_WIDTH, vc->cols - 1);
}

/* Writes glyph @ch at the cursor; the wrap happens at the next glyph. */
static void vc_put_glyph(struct vc_data *vc, u8 ch)
{
	unsigned int at;

	if (vc->need_wrap)
		vc_newline(vc);
	at = vc->y * vc->cols + vc->x;
	vc->cells[at] = VC_CELL(ch, vc->attr);
	vc_mark(vc, at, at + 1);
	if (vc->x + 1 < vc->cols)
		vc->x++;
	else
		vc->need_wrap = true;
}

static void vc_goto(struct vc_data *vc, int x, int y)
{
	vc->x = clamp(x, 0, (int)vc->cols - 1);
	vc->y = clamp(y, 0, (int)vc->rows - 1);
	vc->need_wrap = false;
}

/* ESC [ n J: 0 from the cursor on, 1 up to the cursor, 2 or 3 all. */
static void csi_J(struct vc_data *vc, unsigned int mode)
{
	unsigned int cur = vc->y * vc->cols + vc->x;

	if (mode == 0)
		vc_erase(vc, cur, vc->cols * vc->rows);
	else if (mode == 1)
		vc_erase(vc, 0, cur + 1);
	else
		vc_erase(vc, 0, vc->cols * vc->rows);
}

/* ESC [ n K: the same within the cursor's row. */
static void csi_K(struct vc_data *vc, unsigned int mode)
{
	unsigned int row = vc->y * vc->cols;

	if (mode == 0)
		vc_erase(vc, row + vc->x, row + vc->cols);
	else if (mode == 1)
		vc_erase(vc, row, row + vc->x + 1);
	else
		vc_erase(vc, row, row + vc->cols);
}

/* ESC [ ... m: colours. 38 and 48 (256 colours, RGB) are skipped. */
static void csi_m(struct vc_data *vc)
{
	for (unsigned int i = 0; i < vc->npar; i++) {
		unsigned int p = vc->par[i];

		if (p == 0) {
			vc->fg = VC_DEF_ATTR & 0x0f;
			vc->bg = VC_DEF_ATTR >> 4;
			vc->bold = vc->reverse = false;
		} else if (p == 1 || p == 22) {
			vc->bold = p == 1;
		} else if (p == 7 || p == 27) {
			vc->reverse = p == 7;
		} else if (p >= 30 && p <= 37) {
			vc->fg = ansi_to_vga[p - 30];
		} else if (p == 39) {
			vc->fg = VC_DEF_ATTR & 0x0f;
		} else if (p >= 40 && p <= 47) {
			vc->bg = ansi_to_vga[p - 40];
		} else if (p == 49) {
			vc->bg = VC_DEF_ATTR >> 4;
		} else if (p >= 90 && p <= 97) {
			vc->fg = ansi_to_vga[p - 90] | 0x08;
		} else if (p >= 100 && p <= 107) {
			vc->bg = ansi_to_vga[p - 100];
		} else if (p == 38 || p == 48) {
			break;
		}
	}
	vc_update_attr(vc);
}

/* The final byte of ESC [ ... ends the sequence; unknown ones are dropped. */
static void vc_do_csi(struct vc_data *vc, u8 c)
{
	int n = vc->par[0] ? vc->par[0] : 1;
	int x = vc->x, y = vc->y;

	switch (c) {
	case 'A':
		vc_goto(vc, x, y - n);
		break;
	case 'B':
		vc_goto(vc, x, y + n);
		break;
	case 'C':
		vc_goto(vc, x + n, y);
		break;
	case 'D':
		vc_goto(vc, x - n, y);
		break;
	case 'G':
		vc_goto(vc, n - 1, y);
		break;
	case 'H':
	case 'f':
		vc_goto(vc, (vc->par[1] ? (int)vc->par[1] : 1) - 1, n - 1);
		break;
	case 'J':
		csi_J(vc, vc->par[0]);
		break;
	case 'K':
		csi_K(vc, vc->par[0]);
		break;
	case 'm':
		csi_m(vc);
		break;
	}
}

/* One byte of "ESC [ params final"; parameters are numbers split by ';'. */
static void vc_csi_byte(struct vc_data *vc, u8 c)
{
	if (vc->state == ESsquare) {
		memset(vc->par, 0, sizeof(vc->par));
		vc->npar = 1;
		vc->state = ESgetpars;
		if (c == '?')	/* private modes (ESC [ ? 25 l): parsed, ignored */
			return;
	}
	if (c >= '0' && c <= '9') {
		unsigned int *p = &vc->par[vc->npar - 1];

		if (*p < 10000)
			*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (vc->npar < VC_NPAR)
			vc->npar++;
	} else if (c >= 0x40 && c <= 0x7e) {
		vc->state = ESnormal;
		vc_do_csi(vc, c);
	}
	/* anything else (intermediate bytes) is skipped */
}

static bool vc_control(struct vc_data *vc, u32 c)
{
	switch (c) {
	case '\n':
		vc_newline(vc);
		return true;
	case '\r':
		vc->x = 0;
		vc->need_wrap = false;
		return true;
	case '\b':
		vc_backspace(vc);
		return true;
	case '\t':
		vc_tab(vc);
		return true;
	case 0x1b:
		vc->state = ESesc;
		return true;
	}
	return c < 0x20 || c == 0x7f;	/* other controls: ignored */
}

/* The glyph showing Unicode @c, or '?' when the font has none. */
static u8 vc_glyph(u32 c)
{
	if (c >= 0x20 && c < 0x7f)
		return c;
	for (unsigned int i = 0x80; i < 256; i++) {
		if (font8x16_unicode[i] == c)
			return i;
	}
	return '?';
}

static void vc_put_char(struct vc_data *vc, u32 c)
{
	if (vc_control(vc, c))
		return;
	switch (vc->state) {
	case ESnormal:
		vc_put_glyph(vc, vc_glyph(c));
		break;
	case ESesc:
		/* ESC [ starts a CSI sequence; other ESC x pairs are dropped. */
		vc->state = c == '[' ? ESsquare : ESnormal;
		break;
	default:
		if (c < 0x80)	/* sequences are ASCII; anything else is skipped */
			vc_csi_byte(vc, c);
		break;
	}
}

/*
 * UTF-8: returns the code point ended by byte @c, or -1 while a sequence
 * is incomplete. Malformed input gives U+FFFD (drawn as '?'); a sequence
 * cut short by a new one is dropped.
 */
static int vc_utf8(struct vc_data *vc, u8 c)
{
	if (c < 0x80) {
		vc->utf_left = 0;
		return c;
	}
	if ((c & 0xc0) == 0x80) {
		if (!vc->utf_left)
			return 0xfffd;
		vc->utf_char = vc->utf_char << 6 | (c & 0x3f);
		return --vc->utf_left ? -1 : (int)vc->utf_char;
	}
	if ((c & 0xe0) == 0xc0) {
		vc->utf_char = c & 0x1f;
		vc->utf_left = 1;
	} else if ((c & 0xf0) == 0xe0) {
		vc->utf_char = c & 0x0f;
		vc->utf_left = 2;
	} else if ((c & 0xf8) == 0xf0) {
		vc->utf_char = c & 0x07;
		vc->utf_left = 3;
	} else {
		vc->utf_left = 0;
		return 0xfffd;
	}
	return -1;
}

/*
 * Draws the cells that differ from what is on the screen, then the
 * cursor. The driver draws the cursor's cell itself, so that cell is
 * marked as not drawn plainly and is redrawn once the cursor leaves.
 * Only the cells changed since the last flush are compared (a printk
 * line touches one row, not the whole screen).
 */
static void vc_flush(struct vc_data *vc)
{
	unsigned int cur = vc->y * vc->cols + vc->x;
	unsigned int lo = min(vc->dirty_lo, min(cur, vc->cursor_at));
	unsigned int hi = max(vc->dirty_hi, max(cur, vc->cursor_at) + 1);

	for (unsigned int i = lo; i < hi; i++) {
		if (i == cur || vc->cells[i] == vc->shown[i])
			continue;
		vc->sw->con_putc(vc, vc->cells[i], i % vc->cols, i / vc->cols);
		vc->shown[i] = vc->cells[i];
	}
	vc->sw->con_cursor(vc, vc->cells[cur], vc->x, vc->y);
	vc->shown[cur] = VC_CELL_NONE;
	vc->cursor_at = cur;
	vc->dirty_lo = UINT_MAX;
	vc->dirty_hi = 0;
	if (vc->scrolled) {
		vc->scrolled = false;
		vc->redrawn_ns = ktime_get_ns();
	}
}

/*
 * Draws now, unless the screen scrolled and a scroll was drawn less than
 * a frame ago: then the tick draws it once the frame is due, so a burst
 * of lines costs one redraw per frame, not one per line (a terminal's
 * "jump scroll"). A line that does not scroll is drawn at once, and so is
 * everything while no tick is coming (early boot, panic).
 * Returns true when drawing was put off.
 */
static bool vc_update(struct vc_data *vc)
{
	if (vc->scrolled && console_may_defer() &&
	    ktime_get_ns() - vc->redrawn_ns < SCREEN_FRAME_NS)
		return true;
	vc_flush(vc);
	return false;
}

static void screen_write(struct console *con, const char *s, size_t len)
{
	struct vc_data *vc = con->data;

	for (size_t i = 0; i < len; i++) {
		int c = vc_utf8(vc, s[i]);

		if (c >= 0)
			vc_put_char(vc, c);
	}
	if (vc_update(vc))
		console_defer_flush();
}

static bool screen_flush(struct console *con)
{
	return vc_update(con->data);
}

/* Index -1: console=tty0, tty1, ... all name this one screen (Linux has
 * a virtual terminal for each; Spindle has one). */
static struct console screen_console = {
	.name = "tty",
	.index = -1,
	.write = screen_write,
	.flush = screen_flush,
	.data = &vc,
};

/* The driver has cleared the screen: the cells start blank, as shown. */
static void vc_reset(struct vc_data *vc)
{
	vc->fg = VC_DEF_ATTR & 0x0f;
	vc->bg = VC_DEF_ATTR >> 4;
	vc_update_attr(vc);
	vc_erase(vc, 0, vc->cols * vc->rows);
	memcpy(vc->shown, vc->cells, vc->cols * vc->rows * sizeof(u16));
	vc->dirty_lo = UINT_MAX;
	vc->dirty_hi = 0;
	vc->cursor_at = 0;
}

static int screen_driver_init(const struct framebuffer_info *fb)
{
	switch (fb->type) {
	case MB2_FB_TYPE_RGB:
		return fbcon_init(&vc, fb);
	case MB2_FB_TYPE_EGA_TEXT:
		/* UEFI machines have no VGA text memory to write to. */
		return boot_info.efi ? -ENODEV : vgacon_init(&vc, fb);
	default:
		return -EOPNOTSUPP;	/* palette (indexed) modes */
	}
}

/**
 * screen_console_init - show the kernel's output on the screen
 *
 * Picks the driver from the boot loader's framebuffer tag: fbcon for an
 * RGB framebuffer, vgacon for EGA text mode, none otherwise. Registering
 * replays the log, so the screen shows everything printed before.
 *
 * Context: setup_arch(), after the serial console, one CPU.
 */
void screen_console_init(void)
{
	const struct framebuffer_info *fb = &boot_info.fb;
	int err;

	if (!boot_info.has_fb) {
		pr_info("screen: the boot loader gave no framebuffer; no screen console\n");
		return;
	}
	err = screen_driver_init(fb);
	if (err) {
		pr_warn("screen: no console on the %ux%u type %u framebuffer (%s)\n",
			fb->width, fb->height, fb->type, errname(err));
		return;
	}
	vc_reset(&vc);
	snprintf(screen_console.settings, sizeof(screen_console.settings),
		 "%ux%u", vc.cols, vc.rows);
	register_console(&screen_console);
	screen_registered = true;
	pr_info("screen: %s console, %ux%u characters\n", vc.sw->con_name,
		vc.cols, vc.rows);
}

/*
 * The virtual console as a terminal, tty1 (Linux's vt.c tty driver):
 * /dev/tty1 and /dev/tty0 (the current console, the only one here). The
 * keyboard types into it (vc_port); its output is drawn on the screen,
 * whether or not printk uses the screen console.
 */
struct tty_port vc_port;

static ssize_t vt_tty_write(struct tty_struct *tty, const u8 *buf, size_t count)
{
	if (READ_ONCE(screen_registered))
		console_write_one(&screen_console, (const char *)buf, count);
	return count;
}

static unsigned int vt_tty_write_room(struct tty_struct *tty)
{
	return 4096;
}

static const struct tty_operations vt_tty_ops = {
	.write = vt_tty_write,
	.write_room = vt_tty_write_room,
};

static struct tty_driver vt_driver = {
	.driver_name = "vt",
	.name = "tty",
	.major = 4,
	.minor_start = 1,
	.name_base = 1,
	.num = 1,
	.flags = TTY_DRIVER_CONSOLE_VT,
	.console_name = "tty",
	.console_index = 0,
	.ops = &vt_tty_ops,
	.init_winsize = { .ws_row = 25, .ws_col = 80 },
};

static int __init vt_tty_init(void)
{
	if (screen_registered) {
		vt_driver.init_winsize.ws_row = vc.rows;
		vt_driver.init_winsize.ws_col = vc.cols;
	}
	vt_driver.init_termios = tty_std_termios;
	tty_port_link_device(&vc_port, &vt_driver, 0);
	if (tty_register_driver(&vt_driver))
		pr_warn("vt: no /dev/tty1\n");
	return 0;
}
device_initcall(vt_tty_init);

/* Before the keyboard's interrupt can feed the port. */
static int __init vt_port_init(void)
{
	tty_port_init(&vc_port);
	return 0;
}
early_initcall(vt_port_init);
