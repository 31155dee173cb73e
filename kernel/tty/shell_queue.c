/*
 * The kernel console shell's input queue (was kernel/tty.c). Bytes come
 * here only while no user program has the typing device's terminal (or
 * /dev/console) open: tty_port_receive_char() in tty_buffer.c decides.
 *
 * A single-producer ring (interrupt handlers add
 * with interrupts off) and a single consumer (the shell). Plays the part
 * of Linux's tty flip buffer and line discipline input, much reduced.
 *
 * A reader with nothing to read sleeps on tty_wait; the interrupt
 * handler that adds a character wakes it. Ctrl-C, as Linux's n_tty does
 * with ISIG set, interrupts whatever runs in the foreground (the shell or
 * its command), which sees it with tty_intr_pending(). There are no
 * signals, so a command that never looks cannot be interrupted; the
 * characters typed meanwhile stay queued.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <spindle/tty.h>
#include <spindle/shell.h>
#include <spindle/arch.h>
#include <spindle/printk.h>
#include <linux/wait.h>

static char queue[TTY_QUEUE_SIZE];
static unsigned int head, tail;	/* head: next write */
static unsigned long overruns;
/* Ctrl-C: each is queued in order with the text (the line editor sees
 * where it was typed) and counted in intr_events (a running command sees
 * it at once). Whoever takes it first consumes it for the other:
 * tty_take_intr() leaves intr_skip for the queued copy to be skipped. */
static unsigned int intr_events, intr_skip;
static DEFINE_RAW_SPINLOCK(tty_lock);
static DECLARE_WAIT_QUEUE_HEAD(tty_wait);

void tty_receive_char(char c)
{
	unsigned int next;
	unsigned long flags;

	raw_spin_lock_irqsave(&tty_lock, flags);
	next = (head + 1) % TTY_QUEUE_SIZE;
	if (next == tail) {
		overruns++;
	} else {
		queue[head] = c;
		head = next;
		if (c == TTY_INTR_CHAR)
			intr_events++;
	}
	raw_spin_unlock_irqrestore(&tty_lock, flags);
	wake_up(&tty_wait);
}

/* The next character, TTY_INTR for a Ctrl-C, or -1 if none is queued. */
int tty_trygetc(void)
{
	unsigned long flags;
	int c = -1;

	raw_spin_lock_irqsave(&tty_lock, flags);
	while (tail != head) {
		c = (unsigned char)queue[tail];
		tail = (tail + 1) % TTY_QUEUE_SIZE;
		if (c != TTY_INTR_CHAR)
			break;
		if (!intr_skip) {
			intr_events--;
			c = TTY_INTR;
			break;
		}
		intr_skip--;	/* a command has taken this one already */
		c = -1;
	}
	raw_spin_unlock_irqrestore(&tty_lock, flags);
	return c;
}

static bool tty_input_ready(void)
{
	return READ_ONCE(tail) != READ_ONCE(head);
}

bool tty_intr_pending(void)
{
	return READ_ONCE(intr_events) != 0;
}

bool tty_take_intr(void)
{
	unsigned long flags;
	bool taken = false;

	raw_spin_lock_irqsave(&tty_lock, flags);
	if (intr_events) {
		intr_events--;
		intr_skip++;
		taken = true;
	}
	raw_spin_unlock_irqrestore(&tty_lock, flags);
	return taken;
}

int tty_getc(void)
{
	int c;

	do {
		wait_event_interruptible(tty_wait, tty_input_ready());
		c = tty_trygetc();
	} while (c == -1);
	return c;
}

/**
 * tty_getc_timeout - wait up to @ms for a character or Ctrl-C
 * @ms: how long to wait, in milliseconds
 *
 * Context: process context; sleeps.
 * Return: the character, TTY_INTR for Ctrl-C, or -1 when the time ran out.
 */
int tty_getc_timeout(unsigned int ms)
{
	wait_event_interruptible_timeout(tty_wait, tty_input_ready(),
					 msecs_to_jiffies(ms));
	return tty_trygetc();
}

/**
 * tty_sleep - sleep @ms unless Ctrl-C comes first
 * @ms: milliseconds
 *
 * Characters typed meanwhile stay queued for the shell.
 * Return: true if Ctrl-C cut the sleep short (the interrupt is consumed).
 */
bool tty_sleep(unsigned int ms)
{
	wait_event_interruptible_timeout(tty_wait, tty_intr_pending(),
					 msecs_to_jiffies(ms));
	return tty_take_intr();
}

unsigned long tty_overruns(void)
{
	return overruns;
}

/* Consoles are written with interrupts off; a serial port's receive
 * FIFO holds 16 bytes. Small pieces let its interrupt drain the FIFO in
 * between, so what is typed while a command prints a lot is not lost. */
#define TTY_WRITE_CHUNK 16

void tty_write(const char *s, size_t len)
{
	if (shell_capture_write(s, len))
		return;		/* a shell command run for a debugfs file */
	while (len) {
		size_t n = min_t(size_t, len, TTY_WRITE_CHUNK);

		console_device_write(s, n);
		s += n;
		len -= n;
	}
}

int tty_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tty_write(buf, n);
	return n;
}
