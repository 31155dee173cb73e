/*
 * Job control on a terminal (Linux's drivers/tty/tty_jobctrl.c): the
 * controlling terminal of a session, its foreground process group, and
 * the SIGTTIN/SIGTTOU a background group gets when it reads, or writes
 * with TOSTOP, or changes the settings.
 *
 * Simplified: process groups and sessions are numbers (pid_t); an
 * orphaned process group is not detected (it gets the signal too).
 * Locking: tty->lock for tty->pgrp/session; tasklist_lock to walk tasks.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/tty.h>
#include <linux/sched/signal.h>
#include <spindle/task.h>
#include "tty.h"

static int (*kill_pgrp_hook)(pid_t pgrp, int sig, int priv);

void tty_set_kill_pgrp_hook(int (*hook)(pid_t pgrp, int sig, int priv))
{
	WRITE_ONCE(kill_pgrp_hook, hook);
}

static int tty_kill_pgrp(pid_t pgrp, int sig)
{
	int (*hook)(pid_t, int, int) = READ_ONCE(kill_pgrp_hook);

	if (pgrp <= 0)
		return 0;
	return hook ? hook(pgrp, sig, 1) : kill_pgrp(pgrp, sig, 1);
}

/**
 * isig_signal - send @sig to @tty's foreground process group
 * @tty: the terminal
 * @sig: SIGINT, SIGQUIT, SIGTSTP (ISIG) or SIGWINCH
 *
 * Context: process; not under tty->lock.
 */
void isig_signal(struct tty_struct *tty, int sig)
{
	pid_t pgrp;

	spin_lock(&tty->lock);
	pgrp = tty->pgrp;
	spin_unlock(&tty->lock);
	tty_kill_pgrp(pgrp, sig);
}

struct tty_struct *get_current_tty(void)
{
	return current->signal ? READ_ONCE(current->signal->tty) : NULL;
}

static bool is_ignored(int sig)
{
	struct sighand_struct *sh = current->sighand;

	return sigismember(&current->blocked, sig) ||
	       (sh && sh->action[sig - 1].sa.sa_handler == SIG_IGN);
}

/**
 * __tty_check_change - may current use @tty, or is it in the background?
 * @tty: the terminal
 * @sig: SIGTTIN (a read) or SIGTTOU (a write with TOSTOP, a settings change)
 *
 * Only a process whose controlling terminal is @tty can be in its
 * background. One there gets @sig (its whole group does), unless it
 * ignores or blocks it: then a read fails with -EIO and the rest goes on.
 * Return: 0, -EIO, or -ERESTARTSYS (the call is restarted after the stop).
 */
int __tty_check_change(struct tty_struct *tty, int sig)
{
	pid_t pgrp, tty_pgrp;

	if (get_current_tty() != tty)
		return 0;
	spin_lock(&tty->lock);
	tty_pgrp = tty->pgrp;
	spin_unlock(&tty->lock);
	pgrp = task_pgrp_nr(current);
	if (!tty_pgrp || pgrp == tty_pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	tty_kill_pgrp(pgrp, sig);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTOU);
}

int tty_job_control_read(struct tty_struct *tty, struct file *file)
{
	return __tty_check_change(tty, SIGTTIN);
}

/* @tty becomes current's controlling terminal; current's group its
 * foreground. Caller holds tty_mutex. */
void __proc_set_tty(struct tty_struct *tty)
{
	spin_lock(&tty->lock);
	tty->session = task_session_nr(current);
	tty->pgrp = task_pgrp_nr(current);
	spin_unlock(&tty->lock);
	WRITE_ONCE(current->signal->tty, tty_kref_get(tty));
}

/**
 * tty_open_proc_set_tty - the open of a terminal by a session leader
 * @filp: the file being opened (not O_NOCTTY)
 * @tty: its terminal
 *
 * A session leader without a controlling terminal that opens one nobody
 * controls gets it, as in Linux (System V behaviour).
 * Context: tty_open(), tty_mutex held.
 */
void tty_open_proc_set_tty(struct file *filp, struct tty_struct *tty)
{
	struct signal_struct *sig = current->signal;

	if (!sig || !sig->leader || sig->tty || tty->session)
		return;
	__proc_set_tty(tty);
}

/**
 * proc_clear_tty - @p no longer has a controlling terminal
 * @p: a task (its process)
 *
 * For setsid(): the new session starts without a terminal.
 */
void proc_clear_tty(struct task_struct *p)
{
	struct tty_struct *tty;

	if (!p->signal)
		return;
	tty = p->signal->tty;
	WRITE_ONCE(p->signal->tty, NULL);
	tty_kref_put(tty);
}

/**
 * session_clear_tty - no process of @session keeps its terminal
 * @session: the session ID
 */
void session_clear_tty(pid_t session)
{
	struct task_struct *p;
	unsigned long flags;

	if (session <= 0)
		return;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->signal && p->signal->session == session)
			p->signal->tty = NULL;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/**
 * disassociate_ctty - a session leader lets go of its terminal
 * @on_exit: 1 when it exits (do_exit()), 0 for TIOCNOTTY
 *
 * The foreground group gets SIGHUP and SIGCONT; the terminal has no
 * session any more and no process of the session keeps it.
 * Context: process; current is the caller (or the exiting leader).
 */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = get_current_tty();
	pid_t pgrp;

	if (!current->signal || !current->signal->leader)
		return;
	if (tty) {
		spin_lock(&tty->lock);
		pgrp = tty->pgrp;
		tty->pgrp = 0;
		tty->session = 0;
		spin_unlock(&tty->lock);
		tty_kill_pgrp(pgrp, SIGHUP);
		tty_kill_pgrp(pgrp, SIGCONT);
	}
	session_clear_tty(task_session_nr(current));
}

/* The session of process group @pgrp, or 0 if no process is in it. */
static pid_t pgrp_session(pid_t pgrp)
{
	struct task_struct *p;
	unsigned long flags;
	pid_t sid = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->signal && p->signal->pgrp == pgrp) {
			sid = p->signal->session;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return sid;
}

static int tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	struct signal_struct *sig = current->signal;

	if (!sig)
		return -EPERM;
	if (sig->leader && sig->session == tty->session)
		return 0;
	if (!sig->leader || sig->tty)
		return -EPERM;
	if (tty->session) {
		/* Stealing another session's terminal: arg 1 and root (every
		 * process is root in Spindle). */
		if (arg != 1)
			return -EPERM;
		session_clear_tty(tty->session);
	}
	__proc_set_tty(tty);
	return 0;
}

static int tiocspgrp(struct tty_struct *tty, pid_t pgrp)
{
	int ret = tty_check_change(tty);

	if (ret == -EIO)
		return -ENOTTY;
	if (ret)
		return ret;
	if (get_current_tty() != tty || tty->session != task_session_nr(current))
		return -ENOTTY;
	if (pgrp < 0)
		return -EINVAL;
	if (pgrp_session(pgrp) != tty->session)
		return pgrp_session(pgrp) ? -EPERM : -ESRCH;
	spin_lock(&tty->lock);
	tty->pgrp = pgrp;
	spin_unlock(&tty->lock);
	return 0;
}

/**
 * tty_jobctrl_ioctl - TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID
 * @tty: the terminal
 * @file: the open file
 * @cmd: the ioctl
 * @karg: the value, or a kernel pointer to it (tty_ioctl.c copied it)
 *
 * Return: 0, -ENOTTY for another command or not our terminal, -errno.
 */
int tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file,
		      unsigned int cmd, unsigned long karg)
{
	int ret = 0;

	switch (cmd) {
	case TIOCSCTTY:
		mutex_lock(&tty_mutex);
		ret = tiocsctty(tty, karg);
		mutex_unlock(&tty_mutex);
		return ret;
	case TIOCNOTTY:
		if (get_current_tty() != tty)
			return -ENOTTY;
		if (current->signal->leader)
			disassociate_ctty(0);
		proc_clear_tty(current);
		return 0;
	case TIOCGPGRP:
		if (get_current_tty() != tty)
			return -ENOTTY;
		*(int *)karg = tty->pgrp;
		return 0;
	case TIOCSPGRP:
		return tiocspgrp(tty, *(int *)karg);
	case TIOCGSID:
		if (get_current_tty() != tty || !tty->session)
			return -ENOTTY;
		*(int *)karg = tty->session;
		return 0;
	}
	return -ENOIOCTLCMD;
}
