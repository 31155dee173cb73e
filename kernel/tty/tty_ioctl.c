/*
 * Terminal ioctls (Linux's drivers/tty/tty_ioctl.c and tty_ioctl() of
 * tty_io.c): termios (TCGETS, TCSETS[WF], their termios2 forms), the
 * window size, flushing, flow control, and the job-control calls of
 * tty_jobctrl.c.
 *
 * tty_ioctl() copies the argument in and out by a table of each
 * command's size, so tty_kioctl() works on kernel memory only (and the
 * ktest suite calls it directly). Simplified: output is written at once,
 * so "wait until sent" (TCSETSW, TCSBRK) has nothing to wait for; no
 * termio (TCGETA) calls, no modem lines, no break.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/tty.h>
#include <linux/sched/signal.h>
#include "tty.h"

#define TERMIOS_SIZE offsetof(struct ktermios, c_ispeed)

static const unsigned int baud_table[] = {
	0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800,
	9600, 19200, 38400, 57600, 115200, 230400, 460800,
};

/* The speed that c_cflag's CBAUD bits name (Linux's tty_termios_baud_rate()). */
static speed_t cflag_baud(tcflag_t cflag)
{
	unsigned int i = cflag & CBAUD;

	if (i & CBAUDEX)
		i = (i & ~CBAUDEX) + 15;
	return i < ARRAY_SIZE(baud_table) ? baud_table[i] : 0;
}

/**
 * tty_set_termios - change a terminal's settings
 * @tty: the terminal
 * @kt: the new settings
 *
 * The driver and the line discipline see the change (N_TTY makes queued
 * input readable when ICANON goes off). Return: 0.
 */
int tty_set_termios(struct tty_struct *tty, const struct ktermios *kt)
{
	struct ktermios old;

	spin_lock(&tty->lock);
	old = tty->termios;
	tty->termios = *kt;
	tty->termios.c_line = N_TTY;
	spin_unlock(&tty->lock);
	if (tty->ops->set_termios)
		tty->ops->set_termios(tty, &old);
	if (tty->disc_data)
		n_tty_ops.set_termios(tty, &old);
	return 0;
}

/* Keeps the hardware fields of @old (a pseudo-terminal would). */
void tty_termios_copy_hw(struct ktermios *new, const struct ktermios *old)
{
	new->c_cflag = old->c_cflag;
	new->c_ispeed = old->c_ispeed;
	new->c_ospeed = old->c_ospeed;
}

/**
 * tty_do_resize - TIOCSWINSZ: a new window size
 * @tty: the terminal
 * @ws: rows and columns
 *
 * The foreground group gets SIGWINCH when the size changed.
 */
int tty_do_resize(struct tty_struct *tty, const struct winsize *ws)
{
	bool changed;

	spin_lock(&tty->lock);
	changed = memcmp(ws, &tty->winsize, sizeof(*ws));
	tty->winsize = *ws;
	spin_unlock(&tty->lock);
	if (changed)
		isig_signal(tty, SIGWINCH);
	return 0;
}

static int set_termios(struct tty_struct *tty, unsigned int cmd, void *karg)
{
	struct ktermios kt;
	bool t2 = cmd == TCSETS2 || cmd == TCSETSW2 || cmd == TCSETSF2;
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	kt = tty->termios;
	memcpy(&kt, karg, t2 ? sizeof(struct termios2) : TERMIOS_SIZE);
	if (!t2 || (kt.c_cflag & CBAUD) != BOTHER)
		kt.c_ispeed = kt.c_ospeed = cflag_baud(kt.c_cflag);
	if ((cmd == TCSETSF || cmd == TCSETSF2) && tty->disc_data)
		n_tty_ops.flush_buffer(tty);
	return tty_set_termios(tty, &kt);
}

static int tty_flush(struct tty_struct *tty, unsigned long how)
{
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	switch (how) {
	case TCIFLUSH:
	case TCIOFLUSH:
		n_tty_ops.flush_buffer(tty);
		return 0;
	case TCOFLUSH:
		return 0;	/* output is never queued */
	}
	return -EINVAL;
}

static void tty_start_stop(struct tty_struct *tty, bool stop)
{
	spin_lock(&tty->lock);
	tty->stopped = stop;
	spin_unlock(&tty->lock);
	if (!stop)
		wake_up_interruptible_all(&tty->write_wait);
}

static int tty_xonc(struct tty_struct *tty, unsigned long arg)
{
	u8 c;
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	switch (arg) {
	case TCOOFF:
	case TCOON:
		tty_start_stop(tty, arg == TCOOFF);
		return 0;
	case TCIOFF:
	case TCION:
		c = tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		if (c)
			tty_put_chars(tty, &c, 1);
		return 0;
	}
	return -EINVAL;
}

/* TIOCSTI: as if typed; only on one's own terminal (Linux also lets
 * CAP_SYS_ADMIN, which would be every Spindle process). */
static int tiocsti(struct tty_struct *tty, const u8 *c)
{
	if (get_current_tty() != tty)
		return -EPERM;
	n_tty_ops.receive_buf(tty, c, 1);
	return 0;
}

static long tty_mode_ioctl(struct tty_struct *tty, unsigned int cmd, void *karg)
{
	switch (cmd) {
	case TCGETS:
		spin_lock(&tty->lock);
		memcpy(karg, &tty->termios, TERMIOS_SIZE);
		spin_unlock(&tty->lock);
		return 0;
	case TCGETS2:
		spin_lock(&tty->lock);
		memcpy(karg, &tty->termios, sizeof(struct termios2));
		spin_unlock(&tty->lock);
		return 0;
	case TCSETS: case TCSETSW: case TCSETSF:
	case TCSETS2: case TCSETSW2: case TCSETSF2:
		return set_termios(tty, cmd, karg);
	}
	return -ENOIOCTLCMD;
}

/**
 * tty_kioctl - a terminal ioctl on kernel memory
 * @tty: the terminal
 * @file: the open file, or NULL from the kernel
 * @cmd: the ioctl number (include/uapi/linux/termios.h)
 * @karg: the integer argument, or a kernel pointer to the argument
 *
 * Return: 0 or a value, -ENOTTY for an unknown command, or -errno.
 */
long tty_kioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		unsigned long karg)
{
	void *p = (void *)karg;
	long ret;

	switch (cmd) {
	case TIOCGWINSZ:
		spin_lock(&tty->lock);
		memcpy(p, &tty->winsize, sizeof(struct winsize));
		spin_unlock(&tty->lock);
		return 0;
	case TIOCSWINSZ:
		return tty_do_resize(tty, p);
	case TIOCSTI:
		return tiocsti(tty, p);
	case TIOCGETD:
		*(int *)p = N_TTY;
		return 0;
	case TIOCSETD:
		return *(int *)p == N_TTY ? 0 : -EINVAL;
	case TIOCGDEV:
		*(unsigned int *)p = (tty->driver->major << 8) |
				     (tty->driver->minor_start + tty->index);
		return 0;
	case TCSBRK:
	case TCSBRKP:
	case TIOCSBRK:
	case TIOCCBRK:
		return 0;
	case TIOCOUTQ:
		*(int *)p = 0;
		return 0;
	case FIONREAD:
		*(int *)p = n_tty_ops.chars_in_buffer(tty);
		return 0;
	case TCXONC:
		return tty_xonc(tty, karg);
	case TCFLSH:
		return tty_flush(tty, karg);
	}
	ret = tty_jobctrl_ioctl(tty, file, cmd, karg);
	if (ret == -ENOIOCTLCMD)
		ret = tty_mode_ioctl(tty, cmd, p);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

/* How each command's argument travels: by value, or copied in or out. */
enum { ARG_VAL, ARG_IN, ARG_OUT };

struct tty_ioctl_arg {
	unsigned int cmd;
	u8 dir;
	u8 size;
};

static const struct tty_ioctl_arg tty_ioctl_args[] = {
	{ TCGETS, ARG_OUT, TERMIOS_SIZE },
	{ TCSETS, ARG_IN, TERMIOS_SIZE },
	{ TCSETSW, ARG_IN, TERMIOS_SIZE },
	{ TCSETSF, ARG_IN, TERMIOS_SIZE },
	{ TCGETS2, ARG_OUT, sizeof(struct termios2) },
	{ TCSETS2, ARG_IN, sizeof(struct termios2) },
	{ TCSETSW2, ARG_IN, sizeof(struct termios2) },
	{ TCSETSF2, ARG_IN, sizeof(struct termios2) },
	{ TIOCGWINSZ, ARG_OUT, sizeof(struct winsize) },
	{ TIOCSWINSZ, ARG_IN, sizeof(struct winsize) },
	{ TIOCGPGRP, ARG_OUT, sizeof(int) },
	{ TIOCSPGRP, ARG_IN, sizeof(int) },
	{ TIOCGSID, ARG_OUT, sizeof(int) },
	{ TIOCOUTQ, ARG_OUT, sizeof(int) },
	{ FIONREAD, ARG_OUT, sizeof(int) },
	{ TIOCSTI, ARG_IN, 1 },
	{ TIOCGETD, ARG_OUT, sizeof(int) },
	{ TIOCSETD, ARG_IN, sizeof(int) },
	{ TIOCGDEV, ARG_OUT, sizeof(unsigned int) },
};

/* The file's ioctl: copies the argument, runs tty_kioctl(), copies back. */
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	const struct tty_ioctl_arg *a = NULL;
	u8 kbuf[sizeof(struct termios2)] __aligned(8) = { 0 };
	void __user *uarg = (void __user *)arg;
	long ret;

	for (size_t i = 0; i < ARRAY_SIZE(tty_ioctl_args); i++)
		if (tty_ioctl_args[i].cmd == cmd)
			a = &tty_ioctl_args[i];
	if (!a)
		return tty_kioctl(file->private_data, file, cmd, arg);
	if (a->dir == ARG_IN && copy_from_user(kbuf, uarg, a->size))
		return -EFAULT;
	ret = tty_kioctl(file->private_data, file, cmd, (unsigned long)kbuf);
	if (!ret && a->dir == ARG_OUT && copy_to_user(uarg, kbuf, a->size))
		return -EFAULT;
	return ret;
}
