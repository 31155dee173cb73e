/*
 * The TTY core (Linux's drivers/tty/tty_io.c): drivers register their
 * lines, open() finds or makes the tty_struct of a device number and
 * starts its line discipline, and read/write/poll/ioctl on the file go
 * through N_TTY. Device numbers as Linux: tty0 (4,0) the current virtual
 * console, ttyN (4,N), ttyS0 (4,64), /dev/tty (5,0) the caller's
 * controlling terminal, /dev/console (5,1).
 *
 * Simplified: a tty_struct lives from its first open until reboot.
 * Locking: tty_mutex guards the driver list, tty->count and opening and
 * closing; see include/linux/tty.h for the rest.
 */
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/poll.h>
#include <linux/tty.h>
#include <linux/sched/signal.h>
#include <spindle/devtmpfs.h>
#include "tty.h"

#ifndef S_IFCHR
#define S_IFCHR 0020000
#endif
#define TTY_IO_CHUNK 256

DEFINE_MUTEX(tty_mutex);
static LIST_HEAD(tty_drivers);
static struct tty_driver *console_driver;	/* the virtual console's */

/* Linux's tty_std_termios: a cooked terminal at 38400 baud. */
const struct ktermios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 3, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		  [VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
		  [VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022,
		  [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026 },
	.c_ispeed = 38400,
	.c_ospeed = 38400,
};

static int tty_create_node(const char *name, dev_t dev)
{
	return devtmpfs_create_node(name, S_IFCHR | 0620, dev);
}

/**
 * tty_register_driver - make a driver's lines openable
 * @driver: the driver, with its ports linked (tty_port_link_device())
 *
 * Creates /dev/NAMEn for each line, and /dev/tty0 for the virtual console.
 * Context: process (initcalls). Return: 0 or -errno.
 */
int tty_register_driver(struct tty_driver *driver)
{
	char name[TTY_NAME_MAX];
	int err = 0;

	if (WARN_ON(driver->num > TTY_MAX_LINES))
		return -EINVAL;
	mutex_lock(&tty_mutex);
	list_add_tail(&driver->tty_drivers, &tty_drivers);
	if (driver->flags & TTY_DRIVER_CONSOLE_VT)
		console_driver = driver;
	mutex_unlock(&tty_mutex);
	for (int i = 0; i < driver->num && driver->major == TTY_MAJOR; i++) {
		snprintf(name, sizeof(name), "%s%d", driver->name, driver->name_base + i);
		err = err ?: tty_create_node(name, MKDEV(driver->major,
							 driver->minor_start + i));
	}
	if (driver->flags & TTY_DRIVER_CONSOLE_VT)
		err = err ?: tty_create_node("tty0", MKDEV(TTY_MAJOR, 0));
	return err;
}

void tty_port_link_device(struct tty_port *port, struct tty_driver *driver,
			  unsigned int index)
{
	driver->ports[index] = port;
	port->driver = driver;
	port->index = index;
}

/* The driver and line of @device: /dev/tty0 is the current console,
 * Spindle's only one. Caller holds tty_mutex. */
struct tty_struct *tty_lookup(dev_t device, int *index,
			      struct tty_driver **driverp)
{
	struct tty_driver *d;

	lockdep_assert_held(&tty_mutex);
	if (device == MKDEV(TTYAUX_MAJOR, 1)) {
		*driverp = &console_tty_driver;
		*index = 0;
		return console_tty_driver.ttys[0];
	}
	if (device == MKDEV(TTY_MAJOR, 0) && console_driver) {
		*driverp = console_driver;
		*index = 0;
		return console_driver->ttys[0];
	}
	list_for_each_entry(d, &tty_drivers, tty_drivers) {
		int i = (int)MINOR(device) - d->minor_start;

		if ((int)MAJOR(device) == d->major && i >= 0 && i < d->num) {
			*driverp = d;
			*index = i;
			return d->ttys[i];
		}
	}
	*driverp = NULL;
	return NULL;
}

static struct tty_struct *alloc_tty_struct(struct tty_driver *driver, int idx)
{
	struct tty_struct *tty = kzalloc(sizeof(*tty), GFP_KERNEL);

	if (!tty)
		return NULL;
	tty->driver = driver;
	tty->ops = driver->ops;
	tty->index = idx;
	tty->port = driver->ports[idx];
	snprintf(tty->name, sizeof(tty->name), "%s%d", driver->name,
		 driver->name_base + idx);
	spin_lock_init(&tty->lock);
	mutex_init(&tty->atomic_read_lock);
	mutex_init(&tty->atomic_write_lock);
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	tty->termios = driver->init_termios;
	tty->winsize = driver->init_winsize;
	return tty;
}

/* The first open starts the line discipline and the hardware, then lets
 * the port's input in. */
static int tty_first_open(struct tty_struct *tty, struct file *filp)
{
	int err = n_tty_ops.open(tty);

	if (!err && tty->ops->open)
		err = tty->ops->open(tty, filp);
	if (err)
		return err;
	if (tty->port) {
		unsigned long flags;

		raw_spin_lock_irqsave(&tty->port->lock, flags);
		tty->port->head = tty->port->tail = 0;
		WRITE_ONCE(tty->port->tty, tty);
		raw_spin_unlock_irqrestore(&tty->port->lock, flags);
	}
	return 0;
}

/* Opens line @index of @driver. Caller holds tty_mutex. */
int tty_open_locked(struct tty_struct **ttyp, struct tty_driver *driver,
		    int index, struct file *filp)
{
	struct tty_struct *tty = driver->ttys[index];
	int err;

	lockdep_assert_held(&tty_mutex);
	if (!tty) {
		tty = alloc_tty_struct(driver, index);
		if (!tty)
			return -ENOMEM;
		driver->ttys[index] = tty;
	}
	if (!tty->count) {
		err = tty_first_open(tty, filp);
		if (err)
			return err;
	}
	tty->count++;
	*ttyp = tty;
	return 0;
}

/* The last close ends the session's hold on it (Linux's tty_release()). */
void tty_release_locked(struct tty_struct *tty, struct file *filp)
{
	if (WARN_ON(tty->count <= 0) || --tty->count)
		return;
	if (tty->port)
		tty_port_detach(tty->port);
	if (tty->ops->close)
		tty->ops->close(tty, filp);
	n_tty_ops.close(tty);
	session_clear_tty(tty->session);
	spin_lock(&tty->lock);
	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock(&tty->lock);
}

struct tty_struct *tty_kopen(struct tty_driver *driver, int index)
{
	struct tty_struct *tty;
	int err;

	mutex_lock(&tty_mutex);
	err = tty_open_locked(&tty, driver, index, NULL);
	mutex_unlock(&tty_mutex);
	return err ? ERR_PTR(err) : tty;
}

void tty_kclose(struct tty_struct *tty)
{
	mutex_lock(&tty_mutex);
	tty_release_locked(tty, NULL);
	mutex_unlock(&tty_mutex);
}

ssize_t tty_put_chars(struct tty_struct *tty, const u8 *buf, size_t count)
{
	return tty->ops->write(tty, buf, count);
}

ssize_t tty_kwrite(struct tty_struct *tty, const u8 *buf, size_t count)
{
	return n_tty_ops.write(tty, NULL, buf, count);
}

ssize_t tty_kread(struct tty_struct *tty, u8 *buf, size_t count, bool nonblock)
{
	struct file f = { .f_flags = nonblock ? O_NONBLOCK : 0 };

	return n_tty_ops.read(tty, &f, buf, count);
}

__poll_t tty_kpoll(struct tty_struct *tty)
{
	return n_tty_ops.poll(tty, NULL, NULL);
}

/* --- the file operations --------------------------------------------- */

static int tty_open(struct inode *inode, struct file *filp)
{
	dev_t device = inode->i_rdev;
	struct tty_driver *driver = NULL;
	struct tty_struct *tty;
	int index = 0, err;
	/* Linux: /dev/tty, /dev/console and /dev/tty0 never make a
	 * controlling terminal by being opened (TIOCSCTTY does). */
	bool noctty = (filp->f_flags & O_NOCTTY) || device == MKDEV(TTYAUX_MAJOR, 0) ||
		      device == MKDEV(TTYAUX_MAJOR, 1) || device == MKDEV(TTY_MAJOR, 0);

	mutex_lock(&tty_mutex);
	if (device == MKDEV(TTYAUX_MAJOR, 0)) {
		tty = get_current_tty();
		if (tty) {
			driver = tty->driver;
			index = tty->index;
		}
	} else {
		tty_lookup(device, &index, &driver);
	}
	err = driver ? tty_open_locked(&tty, driver, index, filp) : -ENXIO;
	if (!err) {
		filp->private_data = tty;
		if (!noctty)
			tty_open_proc_set_tty(filp, tty);
	}
	mutex_unlock(&tty_mutex);
	return err;
}

static int tty_release(struct inode *inode, struct file *filp)
{
	tty_kclose(filp->private_data);
	return 0;
}

static ssize_t tty_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	size_t n = min_t(size_t, count, N_TTY_READ_MAX);
	ssize_t ret;
	u8 *kbuf;

	if (!n)
		return 0;
	kbuf = kmalloc(n, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	ret = n_tty_ops.read(tty, file, kbuf, n);
	if (ret > 0 && copy_to_user(buf, kbuf, ret))
		ret = -EFAULT;
	kfree(kbuf);
	return ret;
}

static ssize_t tty_write(struct file *file, const char __user *buf,
			 size_t count, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	u8 kbuf[TTY_IO_CHUNK];
	size_t done = 0;
	ssize_t ret = 0;

	while (done < count) {
		size_t n = min_t(size_t, count - done, sizeof(kbuf));

		if (copy_from_user(kbuf, buf + done, n)) {
			ret = -EFAULT;
			break;
		}
		ret = n_tty_ops.write(tty, file, kbuf, n);
		if (ret <= 0)
			break;
		done += ret;
		if (done < count && signal_pending(current))
			break;
	}
	return done ? (ssize_t)done : ret;
}

static __poll_t tty_poll(struct file *filp, struct poll_table_struct *wait)
{
	return n_tty_ops.poll(filp->private_data, filp, wait);
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.release = tty_release,
};

/* Majors 4 (tty, ttyS) and 5 (/dev/tty, /dev/console), as Linux's
 * tty_init(); the drivers add their lines when they come up. */
static int __init tty_init(void)
{
	int err = register_chrdev(TTY_MAJOR, "tty", &tty_fops);

	err = err ?: register_chrdev(TTYAUX_MAJOR, "ttyaux", &tty_fops);
	err = err ?: tty_create_node("tty", MKDEV(TTYAUX_MAJOR, 0));
	err = err ?: tty_create_node("console", MKDEV(TTYAUX_MAJOR, 1));
	err = err ?: tty_register_driver(&console_tty_driver);
	if (err)
		pr_warn("tty: cannot register the terminal devices (%d)\n", err);
	return 0;
}
fs_initcall(tty_init);
