/*
 * printk(): formats a message, stamps it with the time since boot, keeps
 * it in the log ring (read by dmesg) and writes it to every console whose
 * turn it is, as Linux's kernel/printk/printk.c does.
 *
 * Simplified: the log is a ring of text lines, each stored as "<L>text\n"
 * with its level L and stamp, like Linux before 3.5; consoles are written
 * synchronously under the log lock with interrupts off, so printk() works
 * from any context, including exceptions and interrupt handlers.
 */
#include <linux/printk.h>
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <spindle/printk.h>
#include <linux/timekeeping.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static char log_buf[LOG_BUF_LEN];
static u64 log_head;		/* bytes ever written; log_buf[head % LEN] is next */
static struct console *consoles;
static DEFINE_RAW_SPINLOCK(logbuf_lock);
static bool line_open;		/* the last line had no newline yet */
static int open_level;
static u64 log_clear_head;	/* dmesg -c: later reads start here */

static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += len;
}

static void consoles_write(const char *s, size_t len)
{
	for (struct console *con = consoles; con; con = con->next)
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

/* Emits one piece of text: a line start gets the level and time stamp. */
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
		if (level < console_loglevel)
			consoles_write(prefix, n);
	}
	log_store(text, len);
	if (level < console_loglevel)
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
 * console_write_all - write text to every console, bypassing the log
 * @s: the text
 * @len: its length
 *
 * For terminal output (the shell): no time stamp, no log record.
 */
void console_write_all(const char *s, size_t len)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	consoles_write(s, len);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
}

/**
 * register_console - start sending printk output to a console
 * @con: the console; it first receives the messages already logged that
 *       are within the console loglevel, so nothing from early boot is lost.
 */
void register_console(struct console *con)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&logbuf_lock, flags);
	con->next = consoles;
	consoles = con;
	log_replay(con);
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
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

/* Index of the oldest whole line still in the ring. */
static u64 log_first(void)
{
	u64 start;

	if (log_head <= LOG_BUF_LEN)
		return log_clear_head;
	start = log_head - LOG_BUF_LEN;
	while (start < log_head && log_buf[(start - 1) % LOG_BUF_LEN] != '\n')
		start++;
	return max(start, log_clear_head);
}

/* Iterates over whole lines in the log: calls @fn with level and text. */
static void log_for_each_line(void (*fn)(void *arg, int level, const char *s,
					 size_t len), void *arg)
{
	char line[LOG_LINE_MAX + 40];
	size_t n = 0;

	for (u64 i = log_first(); i < log_head; i++) {
		char c = log_buf[i % LOG_BUF_LEN];

		if (n < sizeof(line))
			line[n++] = c;
		if (c != '\n')
			continue;
		if (n >= 3 && line[0] == '<' && line[2] == '>')
			fn(arg, line[1] - '0', line + 3, n - 3);
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
		log_clear_head = log_head;
	raw_spin_unlock_irqrestore(&logbuf_lock, flags);
	buf[r.len] = '\0';
	return r.len;
}
