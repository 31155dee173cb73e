/*
 * Input from the hardware (Linux's drivers/tty/tty_buffer.c): an
 * interrupt handler puts received bytes into its port's flip buffer and
 * pushes; a work item then hands them to the line discipline in process
 * context, where N_TTY may sleep-free echo and send signals.
 *
 * Spindle's routing for console devices (tty_port_receive_char()): a
 * byte goes to the port's tty if user space has it open, else to the
 * /dev/console tty if that is open and this device feeds /dev/console,
 * else to the kernel console shell's queue (kernel/tty/shell_queue.c).
 * Locking: port->lock (raw, interrupts off) guards the ring and port->tty.
 */
#include <linux/suspend.h>
#include <linux/kernel.h>
#include <linux/tty.h>
#include <spindle/printk.h>
#include <spindle/tty.h>
#include "tty.h"

static void flush_to_ldisc(struct work_struct *work);

void tty_port_init(struct tty_port *port)
{
	raw_spin_lock_init(&port->lock);
	INIT_WORK(&port->work, flush_to_ldisc);
}

/**
 * tty_insert_flip_char - queue one received byte
 * @port: the port it came in on
 * @ch: the byte
 * @flag: TTY_NORMAL (no error flags in Spindle)
 *
 * Context: any (interrupt). Return: 1, or 0 if the buffer was full.
 */
int tty_insert_flip_char(struct tty_port *port, u8 ch, char flag)
{
	unsigned long flags;
	unsigned int next;
	int ret = 0;

	raw_spin_lock_irqsave(&port->lock, flags);
	next = (port->head + 1) % TTY_FLIPBUF_SIZE;
	if (next != port->tail) {
		port->buf[port->head] = ch;
		port->head = next;
		ret = 1;
	} else {
		port->overruns++;
	}
	raw_spin_unlock_irqrestore(&port->lock, flags);
	return ret;
}

void tty_flip_buffer_push(struct tty_port *port)
{
	schedule_work(&port->work);
}

/* Takes up to @n bytes out of the ring, with the tty they are for. */
static size_t take_flip(struct tty_port *port, u8 *buf, size_t n,
			struct tty_struct **tty)
{
	unsigned long flags;
	size_t i = 0;

	raw_spin_lock_irqsave(&port->lock, flags);
	*tty = port->tty;
	while (i < n && port->tail != port->head) {
		buf[i++] = port->buf[port->tail];
		port->tail = (port->tail + 1) % TTY_FLIPBUF_SIZE;
	}
	raw_spin_unlock_irqrestore(&port->lock, flags);
	return i;
}

static void flush_to_ldisc(struct work_struct *work)
{
	struct tty_port *port = container_of(work, struct tty_port, work);
	struct tty_struct *tty;
	u8 buf[64];
	size_t n;

	while ((n = take_flip(port, buf, sizeof(buf), &tty))) {
		if (tty)	/* else closed meanwhile: dropped */
			tty_ldisc_receive_buf(tty, buf, n);
	}
}

/**
 * tty_ldisc_receive_buf - give received bytes to the line discipline
 * @tty: an open terminal
 * @buf: the bytes
 * @count: how many
 *
 * Context: process (the flip work, TIOCSTI, tests).
 */
void tty_ldisc_receive_buf(struct tty_struct *tty, const u8 *buf, size_t count)
{
	if (tty->disc_data)
		n_tty_ops.receive_buf(tty, buf, count);
}

/* The line is closed: its input goes elsewhere from now on. */
void tty_port_detach(struct tty_port *port)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&port->lock, flags);
	port->tty = NULL;
	port->head = port->tail = 0;
	raw_spin_unlock_irqrestore(&port->lock, flags);
}

void tty_port_receive_char(struct tty_port *port, u8 ch)
{
	struct tty_driver *d = port->driver;
	struct tty_port *cons;

	pm_system_wakeup();	/* a key press or serial byte ends suspend-to-idle */
	if (READ_ONCE(port->tty)) {
		tty_insert_flip_char(port, ch, TTY_NORMAL);
		tty_flip_buffer_push(port);
		return;
	}
	if (d && d->console_name &&
	    !console_accepts_input(d->console_name, d->console_index))
		return;
	cons = console_tty_port();
	if (cons) {
		tty_insert_flip_char(cons, ch, TTY_NORMAL);
		tty_flip_buffer_push(cons);
		return;
	}
	tty_receive_char(ch);	/* the kernel console shell */
}
