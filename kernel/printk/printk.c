/*
 * printk(): formats a message, stamps it with the time since boot, keeps
 * it in the log ring (read by dmesg) and writes it to every enabled
 * console, as Linux's kernel/printk/printk.c does. register_console()
 * enables a console as console= asks (console_cmdline.c) and marks the
 * /dev/console one(s), CON_CONSDEV, which the shell writes to.
 *
 * Simplified: the log is a ring of text lines, each stored as
 * "<P>[stamp] text\n" with its priority P (facility * 8 + level), like
 * Linux before 3.5; each whole line is a record with a sequence number
 * (log_first_seq .. log_next_seq), which syslog(2) and /dev/kmsg
 * (syslog.c, devkmsg.c) read through struct log_pos. Consoles are written
 * synchronously under the log lock with interrupts off, so printk() works
 * from any context, including exceptions and interrupt handlers.
 */
#include <linux/lockdep.h>
#include <linux/printk.h>
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <spindle/printk.h>
#include <linux/timekeeping.h>
#include "internal.h"

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static char log_buf[LOG_BUF_LEN];
static u64 log_head;		/* bytes ever written; log_buf[head % LEN] is next */
static struct console *consoles;
static DEFINE_RAW_SPINLOCK(logbuf_lock);
static bool line_open;		/* the last line had no newline yet */
static int open_level;
/* The oldest whole line still in the ring, and the next line to start. */
static struct log_pos log_first = { 0, 0 };
static u64 log_next_seq;
static struct log_pos log_clear;	/* dmesg -c: later reads start here */

/* Forgets the oldest line, before its bytes are overwritten. */
static void log_drop_first(void)
{
	while (log_first.pos < log_head &&
	       log_buf[log_first.pos++ % LOG_BUF_LEN] != '\n')
		;
	log_first.seq++;
}

static void log_store(const char *s, size_t len)
{
	while (log_head + len - log_first.pos > LOG_BUF_LEN)
		log_drop_first();
	for (size_t i = 0; i < len; i++) {
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
		if (s[i] == '\n')
			log_next_seq++;
	}
	log_head += len;
}

/* Put-off drawing (include/spindle/printk.h): none before the first
 * tick or after a panic; console_flush_pending is set under logbuf_lock. */
static bool console_ticking;
static bool console_flush_pending;

bool console_may_defer(void)
{
	return READ_ONCE(console_ticking);
}

void console_defer_flush(void)
{
	WRITE_ONCE(console_flush_pending, true);
}

static void consoles_flush(void)
{
	bool pending = false;

	for (struct console *con = consoles; con; con = con->next)
		if ((con->flags & CON_ENABLED) && con->flush)
			pending |= con->flush(con);
	console_flush_pending = pending;
}

void console_tick(void)
{
	if (unlikely(!console_ticking))
		WRITE_ONCE(console_ticking, true);
	if (likely(!READ_ONCE(console_flush_pending)))
		return;
	raw_spin_lock(&logbuf_lock);
	consoles_flush();
	raw_spin_unlock(&logbuf_lock);
}

void console_flush_on_panic(void)
{
	unsigned long flags;

	WRITE_ONCE(console_ticking, false);
	raw_spin_lock_irqsave(&logbuf_lock, flags);
	consoles_flush();
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* printk's output: every enabled console. Caller holds logbuf_lock. */
static void consoles_write(const char *s, size_t len)
{
	lockdep_assert_held(&logbuf_lock);
	for (struct console *con = consoles; con; con = con->next)
		if (con->flags & CON_ENABLED)
			con->write(con, s, len);
}

/* Splits "\001N" off the front of @text; returns the level or -1. */
static int parse_level(const char **text, bool *cont)
{
	const char *s = *text;
	int level = -1;

	*cont = false;
	while (s[0] == KERN_SOH[0] && s[1]) {
		if (s[1] >= '0' && s[1] <= '7')
			level = s[1] - '0';
		else if (s[1] == 'c')
			*cont = true;
		s += 2;
	}
	*text = s;
	return level;
}

/* Emits one piece of text: a line start gets the priority and time stamp;
 * @level is the priority (a kernel message: its level, facility 0). */
static void emit(const char *text, size_t len, int level, bool new_line)
{
	char prefix[32];
	int n;

	if (new_line) {
		u64 ns = ktime_get_ns();

		n = snprintf(prefix, sizeof(prefix), "<%d>", level);
		log_store(prefix, n);
		n = snprintf(prefix, sizeof(prefix), "[%5lu.%06lu] ",
			     (unsigned long)(ns / 1000000000),
			     (unsigned long)(ns % 1000000000) / 1000);
		log_store(prefix, n);
		if (LOG_LEVEL(level) < console_loglevel)
			consoles_write(prefix, n);
	}
	log_store(text, len);
	if (LOG_LEVEL(level) < console_loglevel)
		consoles_write(text, len);
}

static void log_text(const char *text, int level, bool cont)
{
	if (line_open && !cont) {
		/* A new message ends an unfinished line, as Linux does. */
		emit("\n", 1, open_level, false);
		line_open = false;
	}
	if (line_open)
		level = open_level;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) + 1 : strlen(text);

		emit(text, len, level, !line_open);
		line_open = !nl;
		open_level = level;
		text += len;
	}
}

int vprintk(const char *fmt, va_list args)
{
	static char text[LOG_LINE_MAX];
	unsigned long flags;
	const char *body;
	bool cont;
	int level, len;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	len = vscnprintf(text, sizeof(text), fmt, args);
	body = text;
	level = parse_level(&body, &cont);
	if (level < 0)
		level = MESSAGE_LOGLEVEL_DEFAULT;
	log_text(body, level, cont);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
	return len;
}

/**
 * log_emit - log one message with a priority of any facility
 * @prio: facility * 8 + level (a /dev/kmsg writer's, e.g. LOG_USER)
 * @text: the message; a missing final newline is added
 *
 * For /dev/kmsg writes (devkmsg.c): like printk(), but the record keeps
 * @prio, as Linux's printk_emit() with a facility does.
 * Context: any.
 */
void log_emit(int prio, const char *text)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	log_text(text, prio, false);
	if (line_open)
		log_text("\n", prio, true);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/**
 * console_device_write - write terminal text to /dev/console
 * @s: the text
 * @len: its length
 *
 * For the shell's output: no time stamp, no log record, and only to the
 * consoles marked CON_CONSDEV (the preferred console, or every console
 * when console= was not given), as init writes to /dev/console in Linux.
 *
 * Context: any; takes logbuf_lock with interrupts off.
 */
void console_device_write(const char *s, size_t len)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	for (struct console *con = consoles; con; con = con->next)
		if (con->flags & CON_CONSDEV)
			con->write(con, s, len);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/**
 * console_write_one - write terminal text to one console
 * @con: the console (need not be enabled for printk)
 * @s: the text
 * @len: its length
 *
 * For a terminal on the console's device (the virtual console tty1):
 * serialised with printk's output by the log lock.
 * Context: any; takes logbuf_lock with interrupts off.
 */
void console_write_one(struct console *con, const char *s, size_t len)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	con->write(con, s, len);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* Set by the fallback when no console named by console= exists. */
static bool console_fallback;

/* Is every console enabled and /dev/console? Without console=, or after
 * the fallback: Spindle's default, unlike Linux (see console_cmdline.c). */
static bool console_every(void)
{
	return !console_set_on_cmdline || READ_ONCE(console_fallback);
}

static struct console *console_consdev(void)
{
	for (struct console *con = consoles; con; con = con->next)
		if (con->flags & CON_CONSDEV)
			return con;
	return NULL;
}

/*
 * Decides the flags of a new console, as the middle of Linux's
 * register_console(): enabled if console= named it (or no console= was
 * given); /dev/console if it was named last, or if no enabled console is
 * /dev/console yet (Linux: the first enabled console heads the list and
 * holds CON_CONSDEV until the preferred one registers).
 * Caller holds logbuf_lock.
 */
static void console_set_flags(struct console *con, int entry)
{
	struct console *dev;

	con->flags |= CON_PRINTBUFFER;	/* log_replay(), always */
	if (console_every()) {
		con->flags |= CON_ENABLED | CON_CONSDEV;
		return;
	}
	if (entry < 0)
		return;
	con->flags |= CON_ENABLED;
	dev = console_consdev();
	if (dev && entry != console_cmdline_preferred())
		return;
	if (dev)
		dev->flags &= ~CON_CONSDEV;
	con->flags |= CON_CONSDEV;
}

/**
 * register_console - add a console; print the log on it if it is enabled
 * @con: the console; its index -1 (any) becomes 0
 *
 * Mirrors Linux's register_console() with try_enable_preferred_console():
 * a console that console= named is set up with the option's text after
 * the comma, enabled, and first receives the messages already logged
 * that are within the console loglevel, so nothing from early boot is
 * lost. A console that console= did not name stays in the list, disabled
 * (Linux leaves it out), so that `consoles` shows it and the fallback in
 * console_cmdline.c can enable it.
 *
 * Context: boot, one CPU; may printk (not under logbuf_lock).
 */
void register_console(struct console *con)
{
	struct console **tail = &consoles;
	unsigned long flags;
	char *options;
	int entry = console_cmdline_match(con, &options);
	bool enable = console_every() || entry >= 0;

	if (con->index < 0)
		con->index = 0;		/* the one screen: tty0 */
	if (enable && con->setup)
		con->setup(con, options);
	raw_spin_lock_irqsave(&logbuf_lock, flags);
	console_set_flags(con, entry);
	while (*tail)
		tail = &(*tail)->next;
	con->next = NULL;
	*tail = con;			/* registration order, for `consoles` */
	if (enable)
		log_replay(con);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
	if (enable)
		pr_info("printk: console [%s%d] enabled\n", con->name, con->index);
}

/**
 * console_enable_all - make every console print and be /dev/console
 *
 * The fallback when none of the consoles console= named exists. A
 * console enabled here gets the whole log, as if it had been enabled
 * when it registered.
 *
 * Context: process or boot context, not under logbuf_lock.
 */
void console_enable_all(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	WRITE_ONCE(console_fallback, true);
	for (struct console *con = consoles; con; con = con->next) {
		if (!(con->flags & CON_ENABLED)) {
			con->flags |= CON_ENABLED;
			log_replay(con);
		}
		con->flags |= CON_CONSDEV;
	}
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/**
 * console_accepts_input - may this input device reach the shell?
 * @name: the console the device belongs to: "ttyS" for a serial port,
 *        "tty" for the keyboard (it types on the screen, as on a Linux VT)
 * @index: its index
 *
 * Linux's init reads /dev/console, which is the preferred console only;
 * so does the shell. With every console as /dev/console (no console=,
 * or the fallback), all input is taken, as before console= existed.
 *
 * Context: interrupt; reads flags written at boot, without the lock.
 */
bool console_accepts_input(const char *name, int index)
{
	struct console *dev;

	if (console_every())
		return true;
	dev = console_consdev();
	if (!dev)
		return true;	/* nothing is /dev/console yet: nothing to protect */
	return !strcmp(dev->name, name) && dev->index == index;
}

void unregister_console(struct console *con)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	for (struct console **p = &consoles; *p; p = &(*p)->next) {
		if (*p == con) {
			*p = con->next;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/**
 * console_list - one line per console, in the format of /proc/consoles
 * @print: where to print (tty_printf)
 *
 * "ttyS0  -W- (EC p  ) 115200n8": read/write/unblank methods, then the
 * flags E enabled, C /dev/console, B boot, p printbuffer, b braille,
 * a anytime (Linux's show_console_dev()), then the driver's settings.
 * Consoles are only added, at boot, so the list is walked without the
 * lock (@print writes to the consoles, which takes it).
 */
void console_list(console_report_fn print)
{
	for (struct console *con = READ_ONCE(consoles); con; con = READ_ONCE(con->next)) {
		char name[CONSOLE_NAME_MAX + 8];
		unsigned int f = con->flags;

		snprintf(name, sizeof(name), "%s%d", con->name, con->index);
		print("%-21s-%c- (%c%c %c  ) %s\n", name, con->write ? 'W' : '-',
		      f & CON_ENABLED ? 'E' : ' ', f & CON_CONSDEV ? 'C' : ' ',
		      f & CON_PRINTBUFFER ? 'p' : ' ', con->settings);
	}
}

/* The priority of the stored line @line ("<P>..."); sets *@hdr past "<P>". */
static int line_prio(const char *line, size_t n, size_t *hdr)
{
	int prio = 0;
	size_t i = 1;

	if (n < 3 || line[0] != '<')
		return -1;
	while (i < n && line[i] >= '0' && line[i] <= '9')
		prio = prio * 10 + line[i++] - '0';
	if (i == 1 || i >= n || line[i] != '>')
		return -1;
	*hdr = i + 1;
	return prio;
}

/* Iterates over whole lines in the log: calls @fn with level and text. */
static void log_for_each_line(void (*fn)(void *arg, int level, const char *s,
					 size_t len), void *arg)
{
	char line[LOG_LINE_MAX + 40];
	size_t n = 0, hdr;
	int prio;

	for (u64 i = max(log_first.pos, log_clear.pos); i < log_head; i++) {
		char c = log_buf[i % LOG_BUF_LEN];

		if (n < sizeof(line))
			line[n++] = c;
		if (c != '\n')
			continue;
		prio = line_prio(line, n, &hdr);
		if (prio >= 0)
			fn(arg, LOG_LEVEL(prio), line + hdr, n - hdr);
		n = 0;
	}
}

static void replay_line(void *arg, int level, const char *s, size_t len)
{
	struct console *con = arg;

	if (level < console_loglevel)
		con->write(con, s, len);
}

/* Caller holds logbuf_lock. */
void log_replay(struct console *con)
{
	log_for_each_line(replay_line, con);
}

struct log_read {
	char *buf;
	size_t size, len;
	unsigned int level_mask;
};

static void read_line(void *arg, int level, const char *s, size_t len)
{
	struct log_read *r = arg;

	if (level < 0 || level > 7 || !(r->level_mask & (1U << level)))
		return;
	if (r->len + len >= r->size)
		len = r->size - r->len - 1;
	memcpy(r->buf + r->len, s, len);
	r->len += len;
}

/* Where the next whole record starts (an open line's start). Caller holds
 * logbuf_lock. */
static void log_end_locked(struct log_pos *p)
{
	u64 pos = log_head;

	if (line_open)
		while (pos > log_first.pos && log_buf[(pos - 1) % LOG_BUF_LEN] != '\n')
			pos--;
	*p = (struct log_pos){ log_next_seq, pos };
}

/**
 * log_read_all - copy the log (as dmesg shows it) into @buf
 * @buf: destination, NUL-terminated on return
 * @size: its size
 * @max_level: only lines at this level or more urgent (7: all)
 *
 * Return: the number of bytes copied, without the NUL.
 */
size_t log_read_all(char *buf, size_t size, int max_level)
{
	return log_read(buf, size, (2U << max_level) - 1, false);
}

/**
 * log_read - copy the lines of some levels, and maybe clear the log
 * @buf: destination, NUL-terminated on return
 * @size: its size
 * @level_mask: bit N set: lines of level N (dmesg -l)
 * @clear: afterwards, let later reads start after what was read
 *         (dmesg -c, Linux's SYSLOG_ACTION_READ_CLEAR); nothing logged
 *         in between is lost, both happen under the log lock
 *
 * Return: the number of bytes copied, without the NUL.
 */
size_t log_read(char *buf, size_t size, unsigned int level_mask, bool clear)
{
	struct log_read r = { buf, size, 0, level_mask };
	unsigned long flags;

	if (!size)
		return 0;
	raw_spin_lock_irqsave(&logbuf_lock, flags);
	log_for_each_line(read_line, &r);
	if (clear)
		log_end_locked(&log_clear);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
	buf[r.len] = '\0';
	return r.len;
}

/*
 * Record access for syslog(2) and /dev/kmsg (internal.h). A struct
 * log_pos names a record by sequence number and byte offset; a reader
 * keeps one and each call takes the lock for one record only.
 */

/* Caller holds logbuf_lock: is @p still in the ring? */
static bool log_pos_valid(const struct log_pos *p)
{
	return p->seq >= log_first.seq;
}

void log_pos_first(struct log_pos *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	*p = log_first;
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

void log_pos_clear(struct log_pos *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	*p = log_clear.seq > log_first.seq ? log_clear : log_first;
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* The end: where the next whole record will start (an open line's start). */
void log_pos_end(struct log_pos *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	log_end_locked(p);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

void log_set_clear(const struct log_pos *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	log_clear = *p;
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/**
 * log_get_line - copy the record at @p and step past it
 * @p: the reader's position
 * @buf: gets the stored line "<P>[stamp] text\n" (cut at @size, NUL-ended)
 * @size: its size
 *
 * Return: the stored line's length (what it takes in the ring), -EAGAIN
 * at the end (no whole line yet), or -EPIPE if the record was
 * overwritten: @p then moves to the oldest record.
 */
int log_get_line(struct log_pos *p, char *buf, size_t size)
{
	unsigned long flags;
	u64 i;
	int ret = -EAGAIN;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	if (!log_pos_valid(p)) {
		*p = log_first;
		ret = -EPIPE;
		goto out;
	}
	for (i = p->pos; i < log_head; i++) {
		if (log_buf[i % LOG_BUF_LEN] != '\n')
			continue;
		ret = i + 1 - p->pos;
		for (u64 j = 0; j < (u64)ret && j + 1 < size; j++)
			buf[j] = log_buf[(p->pos + j) % LOG_BUF_LEN];
		buf[min_t(u64, ret, size - 1)] = '\0';
		p->pos = i + 1;
		p->seq++;
		break;
	}
out:
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
	return ret;
}

/**
 * log_parse_line - split a stored line into its parts
 * @line: "<P>[sssss.uuuuuu] text\n", as log_get_line() gives it
 * @usec: the stamp in microseconds
 * @text: set to the text after the stamp
 *
 * Return: the priority, or -EINVAL for a line not in that form.
 */
int log_parse_line(const char *line, u64 *usec, const char **text)
{
	unsigned long long sec = 0, us = 0;
	size_t hdr;
	int prio = line_prio(line, strlen(line), &hdr);
	const char *s = line + hdr;

	if (prio < 0 || *s++ != '[')
		return -EINVAL;
	while (*s == ' ')
		s++;
	while (*s >= '0' && *s <= '9')
		sec = sec * 10 + *s++ - '0';
	if (*s++ != '.')
		return -EINVAL;
	while (*s >= '0' && *s <= '9')
		us = us * 10 + *s++ - '0';
	if (s[0] != ']' || s[1] != ' ')
		return -EINVAL;
	*usec = sec * 1000000 + us;
	*text = s + 2;
	return prio;
}

/**
 * console_active_names - the ttys behind /dev/console, for sysfs
 * @buf: gets "ttyS0\n", or "tty1 ttyS0\n" when several consoles are
 *       /dev/console (no console= given)
 * @size: its size
 *
 * As Linux's show_cons_active() for /sys/class/tty/console/active: the
 * consoles in reverse order of registration, so that the last word
 * (what busybox's cttyhack opens) is the first registered. The screen
 * console "tty0" is the terminal tty1 (the foreground virtual console).
 * Return: the length written.
 */
size_t console_active_names(char *buf, size_t size)
{
	struct console *list[8];
	unsigned int n = 0;
	size_t len = 0;

	for (struct console *con = READ_ONCE(consoles); con && n < ARRAY_SIZE(list);
	     con = READ_ONCE(con->next))
		if (con->flags & CON_CONSDEV)
			list[n++] = con;
	while (n--) {
		const struct console *con = list[n];
		bool vt = !strcmp(con->name, "tty");

		len += scnprintf(buf + len, size - len, "%s%d%s", con->name,
				 vt ? con->index + 1 : con->index, n ? " " : "\n");
	}
	return len;
}
