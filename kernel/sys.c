/*
 * Small system calls about the process and the system, after Linux's
 * kernel/sys.c: identity (getpid, getppid, gettid, the user and group
 * IDs), process groups and sessions (setpgid, setsid: the shell's job
 * control rests on them), resource limits, uname, sysinfo, umask-free
 * odds and ends.
 *
 * Simplified: one user, root. The IDs are kept per process and can be
 * set, but nothing checks permissions against them.
 */
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/timekeeping.h>
#include <linux/ktime.h>
#include <linux/sched/loadavg.h>
#include <spindle/task.h>
#include <uapi/linux/resource.h>
#include <uapi/linux/utsname.h>
#include <generated/utsrelease.h>
#include <linux/utsname.h>
#include "signal_internal.h"

/* What uname() reports. The release is Linux's format with Spindle's
 * name, and a version glibc accepts: static glibc refuses kernels older
 * than 3.2 ("FATAL: kernel too old") by parsing this string. */
#define UTS_SYSNAME "Linux"
#define UTS_VERSION "#1 SMP Spindle 0.1"

static char utsname_node[__NEW_UTS_LEN + 1] = "spindle";
static char utsname_domain[__NEW_UTS_LEN + 1] = "(none)";

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	return READ_ONCE(current->real_parent)->tgid;
}

SYSCALL_DEFINE0(getuid)
{
	return 0;
}

SYSCALL_DEFINE0(geteuid)
{
	return 0;
}

SYSCALL_DEFINE0(getgid)
{
	return 0;
}

SYSCALL_DEFINE0(getegid)
{
	return 0;
}

/* Root may become any user; Spindle has no other, so only 0 is kept. */
static long set_id(u32 id)
{
	return id == 0 || id == (u32)-1 ? 0 : -EPERM;
}

SYSCALL_DEFINE1(setuid, u32, uid)
{
	return set_id(uid);
}

SYSCALL_DEFINE1(setgid, u32, gid)
{
	return set_id(gid);
}

SYSCALL_DEFINE3(setresuid, u32, r, u32, e, u32, s)
{
	return set_id(r) ?: set_id(e) ?: set_id(s);
}

SYSCALL_DEFINE3(setresgid, u32, r, u32, e, u32, s)
{
	return set_id(r) ?: set_id(e) ?: set_id(s);
}

SYSCALL_DEFINE3(getresuid, u32 __user *, r, u32 __user *, e, u32 __user *, s)
{
	return put_user(0U, r) ?: put_user(0U, e) ?: put_user(0U, s);
}

SYSCALL_DEFINE3(getresgid, u32 __user *, r, u32 __user *, e, u32 __user *, s)
{
	return put_user(0U, r) ?: put_user(0U, e) ?: put_user(0U, s);
}

SYSCALL_DEFINE2(getgroups, int, size, u32 __user *, list)
{
	return size < 0 ? -EINVAL : 0;	/* root belongs to no extra group */
}

SYSCALL_DEFINE2(setgroups, int, size, u32 __user *, list)
{
	return size < 0 || size > 65536 ? -EINVAL : 0;
}

/* A live user process with this PID (thread-group leader), or NULL.
 * Caller holds tasklist_lock. */
static struct task_struct *find_process(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	lockdep_assert_held(&tasklist_lock);
	if (!p || !p->signal || p->exit_state || p->group_leader != p)
		return NULL;
	return p;
}

/* Does a process of @session belong to process group @pgrp? */
/* Zombies count: on Linux a process stays in its group until reaped,
 * so the shell can still move a pipeline's later commands into the group
 * of a first command that has already exited. */
static bool pgrp_in_session(pid_t pgrp, pid_t session)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->signal && p->exit_state != EXIT_DEAD && p->signal->pgrp == pgrp &&
		    p->signal->session == session)
			return true;
	return false;
}

/* Linux's setpgid() rules: the caller or a child of it in the same
 * session, not a session leader, into a group of the same session. */
static long do_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p;

	if (pgid < 0)
		return -EINVAL;
	p = find_process(pid);
	if (!p)
		return -ESRCH;
	if (!pgid)
		pgid = p->tgid;
	if (p != current && p->real_parent != current)
		return -ESRCH;
	if (p->signal->session != current->signal->session)
		return -EPERM;
	if (p->signal->leader)
		return -EPERM;
	if (pgid != p->tgid && !pgrp_in_session(pgid, current->signal->session))
		return -EPERM;
	p->signal->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	unsigned long flags;
	long ret;

	if (pid < 0)
		return -EINVAL;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	ret = do_setpgid(pid, pgid);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static long get_signal_id(pid_t pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process(pid);
	if (p)
		ret = session ? p->signal->session : p->signal->pgrp;
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	return get_signal_id(pid, false);
}

SYSCALL_DEFINE0(getpgrp)
{
	return get_signal_id(0, false);
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	return get_signal_id(pid, true);
}

/* A new session led by the caller, with no controlling terminal. It
 * fails for a process group leader (its group would straddle sessions). */
SYSCALL_DEFINE0(setsid)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;
	long ret = current->tgid;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	if (pgrp_in_session(current->tgid, sig->session) || sig->pgrp == current->tgid) {
		ret = -EPERM;
	} else {
		sig->session = sig->pgrp = current->tgid;
		sig->leader = true;
		sig->tty = NULL;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/**
 * get_utsname - the system's names, as uname() reports them
 * @u: filled (also for /proc/version and /proc/sys/kernel/)
 */
void get_utsname(struct new_utsname *u)
{
	memset(u, 0, sizeof(*u));
	strscpy(u->sysname, UTS_SYSNAME, sizeof(u->sysname));
	strscpy(u->nodename, utsname_node, sizeof(u->nodename));
	strscpy(u->release, UTS_RELEASE, sizeof(u->release));
	strscpy(u->version, UTS_VERSION, sizeof(u->version));
	strscpy(u->machine, "x86_64", sizeof(u->machine));
	strscpy(u->domainname, utsname_domain, sizeof(u->domainname));
}

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	get_utsname(&u);
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

static long set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN + 1];

	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	tmp[len] = '\0';
	memcpy(field, tmp, len + 1);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char __user *, name, int, len)
{
	return set_uts_field(utsname_node, name, len);
}

SYSCALL_DEFINE2(setdomainname, char __user *, name, int, len)
{
	return set_uts_field(utsname_domain, name, len);
}

/* Linux's defaults (include/asm-generic/resource.h INIT_RLIMITS). */
void default_rlimits(struct signal_struct *sig)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		sig->rlim[i].rlim_cur = sig->rlim[i].rlim_max = RLIM_INFINITY;
	sig->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	sig->rlim[RLIMIT_CORE].rlim_cur = 0;
	sig->rlim[RLIMIT_NPROC].rlim_cur = sig->rlim[RLIMIT_NPROC].rlim_max = 4096;
	sig->rlim[RLIMIT_NOFILE].rlim_cur = 1024;
	sig->rlim[RLIMIT_NOFILE].rlim_max = 4096;
	sig->rlim[RLIMIT_MEMLOCK].rlim_cur = sig->rlim[RLIMIT_MEMLOCK].rlim_max = 8UL << 20;
	sig->rlim[RLIMIT_SIGPENDING].rlim_cur = sig->rlim[RLIMIT_SIGPENDING].rlim_max = 4096;
	sig->rlim[RLIMIT_MSGQUEUE].rlim_cur = sig->rlim[RLIMIT_MSGQUEUE].rlim_max = 819200;
	sig->rlim[RLIMIT_NICE].rlim_cur = sig->rlim[RLIMIT_NICE].rlim_max = 0;
	sig->rlim[RLIMIT_RTPRIO].rlim_cur = sig->rlim[RLIMIT_RTPRIO].rlim_max = 0;
}

/**
 * rlimit - current's soft limit @res (RLIMIT_*)
 */
unsigned long rlimit(unsigned int res)
{
	return current->signal ? READ_ONCE(current->signal->rlim[res].rlim_cur)
			       : RLIM_INFINITY;
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 old, new;
	struct task_struct *p;
	unsigned long flags;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	if (new_rlim && new.rlim_cur > new.rlim_max)
		return -EINVAL;
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process(pid);
	if (!p) {
		raw_spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	old.rlim_cur = p->signal->rlim[resource].rlim_cur;
	old.rlim_max = p->signal->rlim[resource].rlim_max;
	if (new_rlim) {
		p->signal->rlim[resource].rlim_cur = new.rlim_cur;
		p->signal->rlim[resource].rlim_max = new.rlim_max;
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	if (old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 __user *, rlim)
{
	return sys_prlimit64(0, resource, NULL, rlim);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 __user *, rlim)
{
	return sys_prlimit64(0, resource, rlim, NULL);
}

/* Tasks that are processes or threads, for sysinfo's procs. */
static unsigned short count_tasks(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		n++;
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return n > U16_MAX ? U16_MAX : n;
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo val;

	memset(&val, 0, sizeof(val));
	si_meminfo(&val);
	val.uptime = ktime_get_ns() / NSEC_PER_SEC + 1;	/* rounded up, as Linux */
	get_avenrun(val.loads, 0, SI_LOAD_SHIFT - FSHIFT);
	val.procs = count_tasks();
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

/* The CPU time and faults of current's process (RUSAGE_SELF), of this
 * thread (RUSAGE_THREAD), or of the reaped children. */
static void fill_rusage(int who, struct rusage *r)
{
	struct task_struct *t = current;
	struct signal_struct *sig = t->signal;
	struct task_cputime times;

	memset(r, 0, sizeof(*r));
	if (who == RUSAGE_CHILDREN) {
		r->ru_utime = ns_to_kernel_old_timeval(sig->cutime);
		r->ru_stime = ns_to_kernel_old_timeval(sig->cstime);
		r->ru_minflt = sig->cmin_flt;
		r->ru_majflt = sig->cmaj_flt;
		r->ru_nvcsw = sig->cnvcsw;
		r->ru_nivcsw = sig->cnivcsw;
		return;
	}
	if (who == RUSAGE_SELF) {
		thread_group_cputime(t, &times);
	} else {
		times = (struct task_cputime){ t->utime, t->stime, t->min_flt, t->maj_flt };
	}
	r->ru_utime = ns_to_kernel_old_timeval(times.utime);
	r->ru_stime = ns_to_kernel_old_timeval(times.stime);
	r->ru_minflt = times.min_flt;
	r->ru_majflt = times.maj_flt;
	r->ru_nvcsw = t->nvcsw;
	r->ru_nivcsw = t->nivcsw;
	/* In KiB. Spindle keeps no high-water mark: the resident size now. */
	if (t->mm)
		r->ru_maxrss = READ_ONCE(t->mm->rss_anon) << (PAGE_SHIFT - 10);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	fill_rusage(who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* times(2)'s clock_t: USER_HZ (100) ticks, whatever HZ the kernel runs. */
#define USER_HZ 100

static long ns_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	struct task_struct *t = current;
	struct task_cputime times;
	struct tms tms;

	thread_group_cputime(t, &times);
	tms = (struct tms){
		.tms_utime = ns_to_clock_t(times.utime),
		.tms_stime = ns_to_clock_t(times.stime),
		.tms_cutime = ns_to_clock_t(t->signal->cutime),
		.tms_cstime = ns_to_clock_t(t->signal->cstime),
	};
	if (tbuf && copy_to_user(tbuf, &tms, sizeof(tms)))
		return -EFAULT;
	/* Ticks since some point in the past: Linux's starts 5 minutes
	 * before boot (INITIAL_JIFFIES); Spindle's at boot. */
	return ns_to_clock_t(ktime_get_ns());
}

SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
		void __user *, unused)
{
	unsigned int cpu = raw_smp_processor_id();

	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user(0, nodep))
		return -EFAULT;
	return 0;
}
