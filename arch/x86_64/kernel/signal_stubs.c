/*
 * TEMPORARY (uentry): weak stand-ins for kernel/signal.c, which the lead
 * writes, so the arch's signal code links before it lands. With them no
 * signal is ever pending, and a fault signal kills the task at once (the
 * default action of every fault signal). Delete this file when
 * kernel/signal.c is in the tree.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/irqflags.h>
#include <spindle/task.h>

__weak bool signal_pending(struct task_struct *p)
{
	return false;
}

__weak bool get_signal(struct ksignal *ksig)
{
	return false;
}

__weak void signal_setup_done(int failed, struct ksignal *ksig)
{
}

__weak int force_sig_fault(int sig, int code, void __user *addr)
{
	pr_info("%s[%d]: signal %d (code %d, addr %px): no signal delivery yet, exiting\n",
		current->comm, current->pid, sig, code, addr);
	local_irq_enable();
	make_task_dead(sig);
}

__weak void force_sig(int sig)
{
	force_sig_fault(sig, SI_KERNEL, NULL);
}
