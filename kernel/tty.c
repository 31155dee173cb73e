/*
 * The console input queue: a single-producer ring (interrupt handlers add
 * with interrupts off) and a single consumer (the shell). Plays the part
 * of Linux's tty flip buffer and line discipline input, much reduced.
 *
 * A reader with nothing to read sleeps on tty_wait; the interrupt
 * handler that adds a character wakes it. Ctrl-C is not queued: as
 * Linux's n_tty does with ISIG set, it raises an interrupt for whatever
 * runs in the foreground (the shell or its command), which sees it with
 * tty_intr_pending(). There are no signals, so a command that never looks
 * cannot be interrupted; the characters typed meanwhile stay queued.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <spindle/tty.h>
#include <spindle/arch.h>
#include <spindle/printk.h>
#include <linux/wait.h>

static char queue[TTY_QUEUE_SIZE];
static volatile unsigned int head, tail;	/* head: next write */
static unsigned long overruns;
static volatile bool intr_pending;
static DECLARE_WAIT_QUEUE_HEAD(tty_wait);

void tty_receive_char(char c)
{
	unsigned int next = (head + 1) % TTY_QUEUE_SIZE;

	if (c == TTY_INTR_CHAR) {
		intr_pending = true;
		wake_up(&tty_wait);
		return;
	}
	if (next == tail) {
		overruns++;
		return;
	}
	queue[head] = c;
	barrier();
	head = next;
	wake_up(&tty_wait);
}

int tty_trygetc(void)
{
	int c;

	if (tail == head)
		return -1;
	c = (unsigned char)queue[tail];
	barrier();
	tail = (tail + 1) % TTY_QUEUE_SIZE;
	return c;
}

static bool tty_input_ready(void)
{
	return intr_pending || tail != head;
}

bool tty_intr_pending(void)
{
	return READ_ONCE(intr_pending);
}

bool tty_take_intr(void)
{
	if (!READ_ONCE(intr_pending))
		return false;
	intr_pending = false;
	return true;
}

int tty_getc(void)
{
	wait_event_interruptible(tty_wait, tty_input_ready());
	return tty_take_intr() ? TTY_INTR : tty_trygetc();
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
	if (tty_take_intr())
		return TTY_INTR;
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

void tty_write(const char *s, size_t len)
{
	console_write_all(s, len);
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
