/*
 * The console input queue: a single-producer ring (interrupt handlers add
 * with interrupts off) and a single consumer (the shell). Plays the part
 * of Linux's tty flip buffer and line discipline input, much reduced.
 *
 * A reader with nothing to read sleeps on tty_wait; the interrupt
 * handler that adds a character wakes it.
 */
#include <linux/kernel.h>
#include <spindle/tty.h>
#include <spindle/arch.h>
#include <spindle/printk.h>
#include <linux/wait.h>

static char queue[TTY_QUEUE_SIZE];
static volatile unsigned int head, tail;	/* head: next write */
static unsigned long overruns;
static DECLARE_WAIT_QUEUE_HEAD(tty_wait);

void tty_receive_char(char c)
{
	unsigned int next = (head + 1) % TTY_QUEUE_SIZE;

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

int tty_getc(void)
{
	int c;

	wait_event_interruptible(tty_wait, (c = tty_trygetc()) >= 0);
	return c;
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
