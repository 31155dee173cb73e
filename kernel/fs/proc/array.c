/*
 * /proc/PID/stat, status and statm, as Linux's fs/proc/array.c: the
 * task_struct's fields printed in exactly Linux's formats, which ps, top
 * and pstree parse by position. Times are in USER_HZ (100) clock ticks.
 * Simplified: one thread per process, everything owned by root with all
 * capabilities, no ptrace, no cgroups or namespaces (the NS* lines show
 * the one namespace's numbers).
 * Lock: none. Fields are read with READ_ONCE where they change under us;
 * a line may mix values from before and after an update, as in Linux.
 */
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/sched/cputime.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/fdtable.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <uapi/linux/resource.h>
#include <spindle/task.h>
#include "internal.h"

#define PROC_MASK_BITS ((int)sizeof(unsigned long) * 8)

/* Linux's task_state_array, in TASK_* bit order. */
static const char *const task_state_array[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
	"t (tracing stop)", "X (dead)", "Z (zombie)", "P (parked)", "I (idle)",
};

/**
 * proc_task_state - @p's state as ps shows it ("S (sleeping)")
 * @p: the task
 *
 * Return: a static string; its first letter is the stat file's state.
 */
const char *proc_task_state(const struct task_struct *p)
{
	unsigned int state = task_state(p);

	if (READ_ONCE(p->exit_state) & EXIT_ZOMBIE)
		return task_state_array[6];
	if (READ_ONCE(p->exit_state) & EXIT_DEAD)
		return task_state_array[5];
	if ((state & TASK_IDLE) == TASK_IDLE)
		return task_state_array[8];
	if (state & TASK_PARKED)
		return task_state_array[7];
	if (state & TASK_FROZEN)	/* D, as the refrigerator showed before 6.1 */
		return task_state_array[2];
	if (state & __TASK_STOPPED)
		return task_state_array[3];
	if (state & TASK_UNINTERRUPTIBLE)
		return task_state_array[2];
	if (state & TASK_INTERRUPTIBLE)
		return task_state_array[1];
	return task_state_array[0];
}

/**
 * nsec_to_clock_t - nanoseconds in USER_HZ ticks, the unit of /proc times
 * @ns: the time
 */
u64 nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

static pid_t task_ppid(const struct task_struct *p)
{
	struct task_struct *parent = READ_ONCE(p->real_parent);

	/* Linux shows 0 for the idle task and for init and kthreadd. */
	if (!p->pid || !parent || parent == &init_task)
		return 0;
	return READ_ONCE(parent->tgid);
}

/* The controlling terminal's device number (Linux's tty_devnum) and
 * foreground group, or 0 and -1 without one. */
static void task_tty(const struct task_struct *p, int *tty_nr, int *tpgid)
{
	struct signal_struct *sig = READ_ONCE(p->signal);
	struct tty_struct *tty = sig ? READ_ONCE(sig->tty) : NULL;

	*tty_nr = 0;
	*tpgid = -1;
	if (!tty)
		return;
	*tty_nr = (int)new_encode_dev(MKDEV(tty->driver->major,
					    tty->driver->minor_start + tty->index));
	*tpgid = READ_ONCE(tty->pgrp);
}

/* The mask of signals whose action is @handler (SIG_IGN) or any handler. */
static u64 task_sig_mask(const struct task_struct *p, bool ignored)
{
	struct sighand_struct *sh = READ_ONCE(p->sighand);
	u64 mask = 0;

	if (!sh)
		return ignored ? ~0ULL : 0;	/* kthreads ignore signals */
	for (int sig = 1; sig <= 64; sig++) {
		__sighandler_t h = READ_ONCE(sh->action[sig - 1].sa.sa_handler);

		if (ignored ? h == SIG_IGN : (h != SIG_IGN && h != SIG_DFL))
			mask |= 1ULL << (sig - 1);
	}
	return mask;
}

static u64 task_pending(const struct task_struct *p, bool shared)
{
	struct signal_struct *sig = READ_ONCE(p->signal);

	if (shared)
		return sig ? READ_ONCE(sig->shared_pending.signal.sig[0]) : 0;
	return READ_ONCE(p->pending.signal.sig[0]);
}

/* The mm's numbers for stat and statm, zero for a kernel thread. */
struct proc_mm_info {
	unsigned long total_vm, rss, shared, text, data, stack;
	unsigned long start_code, end_code, start_stack, start_data, end_data;
	unsigned long start_brk, arg_start, arg_end, env_start, env_end, pgtables;
};

static void task_mm_info(struct task_struct *task, struct proc_mm_info *info)
{
	struct mm_struct *mm = proc_task_mm(task);
	struct vm_area_struct *vma;

	memset(info, 0, sizeof(*info));
	if (!mm)
		return;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (vma->vm_flags & VM_STACK)
			info->stack += vma_pages(vma);
		else if ((vma->vm_flags & VM_WRITE) && !vma->vm_file)
			info->data += vma_pages(vma);
	}
	info->total_vm = mm->total_vm;
	info->rss = mm->rss_anon;
	info->text = PFN_UP(mm->end_code) - PFN_DOWN(mm->start_code);
	info->start_code = mm->start_code;
	info->end_code = mm->end_code;
	info->start_stack = mm->start_stack;
	info->start_data = mm->start_data;
	info->end_data = mm->end_data;
	info->start_brk = mm->start_brk;
	info->arg_start = mm->arg_start;
	info->arg_end = mm->arg_end;
	info->env_start = mm->env_start;
	info->env_end = mm->env_end;
	info->pgtables = mm->pgtables;
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
}

static unsigned long task_rsslim(const struct task_struct *p)
{
	struct signal_struct *sig = READ_ONCE(p->signal);

	return sig ? READ_ONCE(sig->rlim[RLIMIT_RSS].rlim_cur) : RLIM_INFINITY;
}

/* The fields after "(comm) S": Linux's do_task_stat(), all 52 in total. */
static void stat_ids(struct seq_file *m, struct task_struct *task)
{
	struct signal_struct *sig = READ_ONCE(task->signal);
	int tty_nr, tpgid;

	task_tty(task, &tty_nr, &tpgid);
	seq_put_decimal_ll(m, " ", task_ppid(task));
	seq_put_decimal_ll(m, " ", sig ? READ_ONCE(sig->pgrp) : 0);
	seq_put_decimal_ll(m, " ", sig ? READ_ONCE(sig->session) : 0);
	seq_put_decimal_ll(m, " ", tty_nr);
	seq_put_decimal_ll(m, " ", tpgid);
	seq_put_decimal_ull(m, " ", task->flags);
}

/* A process leader's line counts all its threads (Linux's /proc/PID
 * view); another thread's, its own. */
static void stat_times(struct seq_file *m, struct task_struct *task)
{
	struct signal_struct *sig = READ_ONCE(task->signal);
	struct task_cputime t = { task->utime, task->stime, task->min_flt, task->maj_flt };

	if (sig && thread_group_leader(task))
		thread_group_cputime(task, &t);
	seq_put_decimal_ull(m, " ", t.min_flt);
	seq_put_decimal_ull(m, " ", sig ? READ_ONCE(sig->cmin_flt) : 0);
	seq_put_decimal_ull(m, " ", t.maj_flt);
	seq_put_decimal_ull(m, " ", sig ? READ_ONCE(sig->cmaj_flt) : 0);
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(t.utime));
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(t.stime));
	seq_put_decimal_ll(m, " ", sig ? nsec_to_clock_t(READ_ONCE(sig->cutime)) : 0);
	seq_put_decimal_ll(m, " ", sig ? nsec_to_clock_t(READ_ONCE(sig->cstime)) : 0);
	seq_put_decimal_ll(m, " ", READ_ONCE(task->prio) - MAX_RT_PRIO);
	seq_put_decimal_ll(m, " ", task_nice(task));
	seq_put_decimal_ll(m, " ", sig ? READ_ONCE(sig->nr_threads) : 1);	/* num_threads */
	seq_put_decimal_ll(m, " ", 0);			/* itrealvalue */
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(task->start_time));
}

static void stat_mm(struct seq_file *m, struct task_struct *task,
		    const struct proc_mm_info *mi)
{
	seq_put_decimal_ull(m, " ", mi->total_vm << PAGE_SHIFT);
	seq_put_decimal_ull(m, " ", mi->rss);
	seq_put_decimal_ull(m, " ", task_rsslim(task));
	seq_put_decimal_ull(m, " ", mi->total_vm ? mi->start_code : 1);
	seq_put_decimal_ull(m, " ", mi->total_vm ? mi->end_code : 1);
	seq_put_decimal_ull(m, " ", mi->start_stack);
	seq_puts(m, " 0 0");				/* kstkesp, kstkeip */
	/* Obsolete signal fields (decimal masks), as Linux prints them. */
	seq_put_decimal_ull(m, " ", task_pending(task, false) & 0xffffffffUL);
	seq_put_decimal_ull(m, " ", READ_ONCE(task->blocked.sig[0]) & 0xffffffffUL);
	seq_put_decimal_ull(m, " ", task_sig_mask(task, true) & 0xffffffffUL);
	seq_put_decimal_ull(m, " ", task_sig_mask(task, false) & 0xffffffffUL);
}

static void stat_tail(struct seq_file *m, struct task_struct *task,
		      const struct proc_mm_info *mi)
{
	unsigned int state = task_state(task);

	seq_puts(m, (state & TASK_NORMAL) ? " 1" : " 0");	/* wchan */
	seq_puts(m, " 0 0");				/* nswap, cnswap */
	seq_put_decimal_ll(m, " ", task->exit_signal);
	seq_put_decimal_ll(m, " ", task_cpu(task));
	seq_put_decimal_ull(m, " ", task->rt_priority);
	seq_put_decimal_ull(m, " ", task->policy);
	seq_puts(m, " 0 0 0");			/* blkio ticks, guest, cguest */
	seq_put_decimal_ull(m, " ", mi->start_data);
	seq_put_decimal_ull(m, " ", mi->end_data);
	seq_put_decimal_ull(m, " ", mi->start_brk);
	seq_put_decimal_ull(m, " ", mi->arg_start);
	seq_put_decimal_ull(m, " ", mi->arg_end);
	seq_put_decimal_ull(m, " ", mi->env_start);
	seq_put_decimal_ull(m, " ", mi->env_end);
	seq_put_decimal_ll(m, " ", task->exit_state ? task->exit_code : 0);
	seq_putc(m, '\n');
}

int proc_pid_stat(struct seq_file *m, struct task_struct *task)
{
	struct proc_mm_info mi;
	char comm[TASK_COMM_LEN];

	task_mm_info(task, &mi);
	get_task_comm(comm, task);
	seq_put_decimal_ll(m, "", task->pid);
	seq_printf(m, " (%s) %c", comm, proc_task_state(task)[0]);
	stat_ids(m, task);
	stat_times(m, task);
	stat_mm(m, task, &mi);
	stat_tail(m, task, &mi);
	return 0;
}

int proc_pid_statm(struct seq_file *m, struct task_struct *task)
{
	struct proc_mm_info mi;

	task_mm_info(task, &mi);
	/* size resident shared text lib data dt, in pages */
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mi.total_vm, mi.rss, mi.shared,
		   mi.text, mi.data + mi.stack);
	return 0;
}

static unsigned int task_fdsize(const struct task_struct *task)
{
	struct files_struct *files = READ_ONCE(task->files);

	return files && !(task->flags & PF_EXITING) ? READ_ONCE(files->fdt.max_fds) : 0;
}

/* Name .. Groups and the namespace lines: Linux's task_state(). */
static void status_ids(struct seq_file *m, struct task_struct *task)
{
	struct fs_struct *fs = READ_ONCE(task->fs);
	struct signal_struct *sig = READ_ONCE(task->signal);
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, task);
	seq_printf(m, "Name:\t%s\n", comm);
	if (fs && !(task->flags & PF_EXITING))
		seq_printf(m, "Umask:\t%04o\n", READ_ONCE(fs->umask));
	seq_printf(m, "State:\t%s\n", proc_task_state(task));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   task->tgid, task->pid, task_ppid(task));
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	seq_printf(m, "FDSize:\t%u\nGroups:\t \n", task_fdsize(task));
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   task->tgid, task->pid, sig ? sig->pgrp : 0, sig ? sig->session : 0);
	seq_printf(m, "Kthread:\t%d\n", task->flags & PF_KTHREAD ? 1 : 0);
}

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/* The Vm* lines: Linux's task_mem(). Kernel threads have none. */
static void status_mem(struct seq_file *m, struct task_struct *task)
{
	struct proc_mm_info mi;

	task_mm_info(task, &mi);
	if (!mi.total_vm)
		return;
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n", K(mi.total_vm), K(mi.total_vm));
	seq_printf(m, "VmLck:\t%8lu kB\nVmPin:\t%8lu kB\n", 0UL, 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", K(mi.rss), K(mi.rss));
	seq_printf(m, "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   K(mi.rss), 0UL, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		   K(mi.data), K(mi.stack), K(mi.text));
	seq_printf(m, "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		   0UL, K(mi.pgtables), 0UL);
	seq_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}

/* Threads .. the end: signals, capabilities, CPUs, switches. */
static void status_rest(struct seq_file *m, struct task_struct *task)
{
	struct signal_struct *sig = READ_ONCE(task->signal);
	unsigned long rlim = sig ? READ_ONCE(sig->rlim[RLIMIT_SIGPENDING].rlim_cur) : 0;
	unsigned long cpus = READ_ONCE(task->cpus_mask) & READ_ONCE(__cpu_online_mask);

	seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t%d\nSigQ:\t0/%lu\n",
		   sig ? READ_ONCE(sig->nr_threads) : 1, rlim);
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n",
		   (unsigned long long)task_pending(task, false),
		   (unsigned long long)task_pending(task, true));
	seq_printf(m, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   (unsigned long long)READ_ONCE(task->blocked.sig[0]),
		   (unsigned long long)task_sig_mask(task, true),
		   (unsigned long long)task_sig_mask(task, false));
	seq_puts(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		 "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
		 "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n"
		 "Seccomp_filters:\t0\n");
	seq_printf(m, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t", cpus);
	proc_print_cpu_list(m, cpus);
	seq_puts(m, "\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   READ_ONCE(task->nvcsw), READ_ONCE(task->nivcsw));
}

int proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	status_ids(m, task);
	status_mem(m, task);
	status_rest(m, task);
	return 0;
}

/**
 * proc_print_cpu_list - @mask as a CPU list ("0-1,3"), as Linux's "%*pbl"
 * @m: where
 * @mask: the CPUs
 */
void proc_print_cpu_list(struct seq_file *m, unsigned long mask)
{
	bool first = true;

	for (int cpu = 0; cpu < PROC_MASK_BITS; cpu++) {
		int last = cpu;

		if (!(mask & (1UL << cpu)))
			continue;
		while (last + 1 < PROC_MASK_BITS && (mask & (1UL << (last + 1))))
			last++;
		seq_printf(m, first ? "%d" : ",%d", cpu);
		if (last > cpu)
			seq_printf(m, "-%d", last);
		first = false;
		cpu = last;
	}
}
