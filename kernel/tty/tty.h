/*
 * Private to kernel/tty/: what the TTY core's files share.
 */
#ifndef _KERNEL_TTY_TTY_H
#define _KERNEL_TTY_TTY_H

#include <linux/tty.h>

/* open(2) flags, Linux's x86-64 values (the VFS's fcntl.h has them too). */
#ifndef O_NOCTTY
#define O_NOCTTY 00000400
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 00004000
#endif

#define TTY_MAJOR 4
#define TTYAUX_MAJOR 5

/* tty_jobctrl.c: SIGTTIN for a read from a background process group. */
int tty_job_control_read(struct tty_struct *tty, struct file *file);
/* tty_jobctrl.c: the TIOCSCTTY of a session leader's open. */
void __proc_set_tty(struct tty_struct *tty);

/* tty_io.c */
extern struct mutex tty_mutex;
struct tty_struct *tty_lookup(dev_t device, int *index,
			      struct tty_driver **driver);
int tty_open_locked(struct tty_struct **ttyp, struct tty_driver *driver,
		    int index, struct file *filp);
void tty_release_locked(struct tty_struct *tty, struct file *filp);
ssize_t tty_ldisc_read(struct tty_struct *tty, struct file *file, u8 *kbuf,
		       size_t nr);
struct tty_driver *tty_find_console_line(int *index);

#define N_TTY_READ_MAX 4096	/* one read(2) takes at most this */
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* tty_buffer.c */
void tty_port_detach(struct tty_port *port);

#endif
