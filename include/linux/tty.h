/*
 * Terminals, as Linux's include/linux/tty.h: a struct tty_struct per
 * open terminal line ties together its driver (the hardware), its
 * settings (termios, window size), its line discipline's state (N_TTY:
 * line editing, echo, signals) and the job-control owners (session and
 * foreground process group).
 *
 * Simplified: one line discipline (N_TTY); a tty_struct is made on the
 * first open of its line and kept until reboot (Linux frees it on the
 * last close), so a process's signal->tty never dangles; process groups
 * and sessions are pid_t numbers, not struct pid.
 * Locking: tty->lock (spinlock) guards termios, winsize, pgrp/session,
 * flow control and the N_TTY state; atomic_read_lock/atomic_write_lock
 * (mutexes) serialise readers and writers, as Linux's.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/fs.h>
#include <linux/tty_driver.h>

struct file;
struct task_struct;
struct poll_table_struct;

#define TTY_NAME_MAX 16
#define TTY_FLIPBUF_SIZE 512
#define TTY_NORMAL 0			/* flip-buffer flag of a good byte */

/* The hardware side of a line: bytes from the interrupt handler wait in
 * the flip buffer until the work item hands them to the line discipline
 * (Linux's tty_buffer.c, in process context). */
struct tty_port {
	struct tty_struct *tty;		/* set while the line is open */
	raw_spinlock_t lock;		/* the ring below; taken in interrupts */
	u8 buf[TTY_FLIPBUF_SIZE];
	unsigned int head, tail;
	unsigned long overruns;
	struct work_struct work;	/* flush_to_ldisc() */
	struct tty_driver *driver;	/* for the console input routing */
	unsigned int index;
};

struct tty_struct {
	struct tty_driver *driver;
	const struct tty_operations *ops;
	struct tty_port *port;
	int index;
	char name[TTY_NAME_MAX];
	int count;			/* open files, under tty_mutex */
	spinlock_t lock;
	struct mutex atomic_read_lock;
	struct mutex atomic_write_lock;
	struct ktermios termios;
	struct winsize winsize;
	pid_t pgrp;			/* foreground process group, 0 if none */
	pid_t session;			/* the session it controls, 0 if none */
	bool stopped;			/* output stopped by ^S (IXON) or TCXONC */
	void *disc_data;		/* struct n_tty_data */
	wait_queue_head_t read_wait;
	wait_queue_head_t write_wait;
	void *driver_data;
};

/* termios field helpers, as Linux's */
#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define C_FLAG(tty, f) ((tty)->termios.c_cflag & (f))
#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define I_ISTRIP(tty) I_FLAG(tty, ISTRIP)
#define I_INLCR(tty) I_FLAG(tty, INLCR)
#define I_IGNCR(tty) I_FLAG(tty, IGNCR)
#define I_ICRNL(tty) I_FLAG(tty, ICRNL)
#define I_IUCLC(tty) I_FLAG(tty, IUCLC)
#define I_IXON(tty) I_FLAG(tty, IXON)
#define I_IXANY(tty) I_FLAG(tty, IXANY)
#define O_OPOST(tty) O_FLAG(tty, OPOST)
#define O_ONLCR(tty) O_FLAG(tty, ONLCR)
#define O_OCRNL(tty) O_FLAG(tty, OCRNL)
#define O_ONOCR(tty) O_FLAG(tty, ONOCR)
#define O_ONLRET(tty) O_FLAG(tty, ONLRET)
#define O_OLCUC(tty) O_FLAG(tty, OLCUC)
#define O_TABDLY(tty) O_FLAG(tty, TABDLY)
#define L_ISIG(tty) L_FLAG(tty, ISIG)
#define L_ICANON(tty) L_FLAG(tty, ICANON)
#define L_ECHO(tty) L_FLAG(tty, ECHO)
#define L_ECHOE(tty) L_FLAG(tty, ECHOE)
#define L_ECHOK(tty) L_FLAG(tty, ECHOK)
#define L_ECHONL(tty) L_FLAG(tty, ECHONL)
#define L_NOFLSH(tty) L_FLAG(tty, NOFLSH)
#define L_TOSTOP(tty) L_FLAG(tty, TOSTOP)
#define L_ECHOCTL(tty) L_FLAG(tty, ECHOCTL)
#define L_ECHOKE(tty) L_FLAG(tty, ECHOKE)
#define L_IEXTEN(tty) L_FLAG(tty, IEXTEN)
#define INTR_CHAR(tty) ((tty)->termios.c_cc[VINTR])
#define QUIT_CHAR(tty) ((tty)->termios.c_cc[VQUIT])
#define ERASE_CHAR(tty) ((tty)->termios.c_cc[VERASE])
#define KILL_CHAR(tty) ((tty)->termios.c_cc[VKILL])
#define EOF_CHAR(tty) ((tty)->termios.c_cc[VEOF])
#define TIME_CHAR(tty) ((tty)->termios.c_cc[VTIME])
#define MIN_CHAR(tty) ((tty)->termios.c_cc[VMIN])
#define START_CHAR(tty) ((tty)->termios.c_cc[VSTART])
#define STOP_CHAR(tty) ((tty)->termios.c_cc[VSTOP])
#define SUSP_CHAR(tty) ((tty)->termios.c_cc[VSUSP])
#define EOL_CHAR(tty) ((tty)->termios.c_cc[VEOL])
#define REPRINT_CHAR(tty) ((tty)->termios.c_cc[VREPRINT])
#define WERASE_CHAR(tty) ((tty)->termios.c_cc[VWERASE])
#define LNEXT_CHAR(tty) ((tty)->termios.c_cc[VLNEXT])
#define EOL2_CHAR(tty) ((tty)->termios.c_cc[VEOL2])

/* The line discipline's operations (Linux's struct tty_ldisc_ops). */
struct tty_ldisc_ops {
	const char *name;
	int (*open)(struct tty_struct *tty);
	void (*close)(struct tty_struct *tty);
	void (*flush_buffer)(struct tty_struct *tty);
	ssize_t (*read)(struct tty_struct *tty, struct file *file, u8 *kbuf,
			size_t nr);
	ssize_t (*write)(struct tty_struct *tty, struct file *file,
			 const u8 *buf, size_t nr);
	int (*ioctl)(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
	void (*set_termios)(struct tty_struct *tty, const struct ktermios *old);
	__poll_t (*poll)(struct tty_struct *tty, struct file *file,
			 struct poll_table_struct *wait);
	/* Called with tty->lock NOT held; from flush_to_ldisc or TIOCSTI. */
	void (*receive_buf)(struct tty_struct *tty, const u8 *cp, size_t count);
	/* Bytes a canonical or raw read could take now (FIONREAD). */
	unsigned int (*chars_in_buffer)(struct tty_struct *tty);
};

extern const struct tty_ldisc_ops n_tty_ops;

/* kernel/tty/tty_io.c */
/* Opens line @index of @driver from the kernel (tests, kernel_init's
 * fallbacks) without a file; released with tty_kclose(). */
struct tty_struct *tty_kopen(struct tty_driver *driver, int index);
void tty_kclose(struct tty_struct *tty);
/* Processed output through the line discipline, as write(2) does. */
ssize_t tty_kwrite(struct tty_struct *tty, const u8 *buf, size_t count);
/* Reads through the line discipline; @nonblock as O_NONBLOCK. */
ssize_t tty_kread(struct tty_struct *tty, u8 *buf, size_t count, bool nonblock);
__poll_t tty_kpoll(struct tty_struct *tty);
/* The ioctl with @karg pointing at kernel memory (see tty_ioctl.c). */
long tty_kioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		unsigned long karg);
/* Raw bytes to the driver (echo and processed output use it). */
ssize_t tty_put_chars(struct tty_struct *tty, const u8 *buf, size_t count);
/* The reference kept by a process's signal->tty (see the file header:
 * nothing is freed, so these only document ownership). */
static inline struct tty_struct *tty_kref_get(struct tty_struct *tty)
{
	return tty;
}

static inline void tty_kref_put(struct tty_struct *tty)
{
}

/* kernel/tty/tty_buffer.c: input from the hardware (any context). */
void tty_port_init(struct tty_port *port);
int tty_insert_flip_char(struct tty_port *port, u8 ch, char flag);
void tty_flip_buffer_push(struct tty_port *port);
/* Spindle's input routing for a console's port: to its tty if open,
 * else to /dev/console's tty or the kernel shell when this device's
 * console is /dev/console; else dropped. Context: interrupt. */
void tty_port_receive_char(struct tty_port *port, u8 ch);
/* Gives bytes to the line discipline now. Context: process. */
void tty_ldisc_receive_buf(struct tty_struct *tty, const u8 *buf, size_t count);

/* kernel/tty/tty_ioctl.c */
int tty_set_termios(struct tty_struct *tty, const struct ktermios *kt);
void tty_termios_copy_hw(struct ktermios *new, const struct ktermios *old);
int tty_do_resize(struct tty_struct *tty, const struct winsize *ws);

/* kernel/tty/tty_jobctrl.c: sessions, process groups, job control. */
/* The calling process's controlling terminal, or NULL. */
struct tty_struct *get_current_tty(void);
/* setsid(): the caller leaves its controlling terminal (Linux's
 * proc_clear_tty()), before it becomes a session leader. */
void proc_clear_tty(struct task_struct *p);
/* A session leader exits (@on_exit 1) or gives up its terminal with
 * TIOCNOTTY (0): SIGHUP and SIGCONT to the foreground group, and no
 * process of the session keeps the terminal. */
void disassociate_ctty(int on_exit);
/* Becomes @tty's controlling terminal if current may (tty_open()). */
void tty_open_proc_set_tty(struct file *filp, struct tty_struct *tty);
/* Before a read (SIGTTIN), write with TOSTOP or settings change
 * (SIGTTOU) from a background group: 0 to go on, -EIO or -ERESTARTSYS. */
int tty_check_change(struct tty_struct *tty);
int __tty_check_change(struct tty_struct *tty, int sig);
int tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file,
		      unsigned int cmd, unsigned long karg);
/* Sends @sig to the foreground process group (ISIG). */
void isig_signal(struct tty_struct *tty, int sig);
/* Tests replace kill_pgrp() to watch ISIG's signals; NULL restores it. */
void tty_set_kill_pgrp_hook(int (*hook)(pid_t pgrp, int sig, int priv));
void session_clear_tty(pid_t session);

/* kernel/tty/tty_console.c: /dev/console */
extern struct tty_driver console_tty_driver;
/* Is the /dev/console tty open (input then goes there, not the shell)? */
struct tty_port *console_tty_port(void);

#endif
