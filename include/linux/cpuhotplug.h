/*
 * The CPU hotplug state machine's states, as Linux's
 * include/linux/cpuhotplug.h (a small subset). A CPU coming up walks the
 * states upward, calling each state's startup callback; going down, it
 * walks them downward calling teardown. States up to CPUHP_BRINGUP_CPU
 * run on a control CPU; the AP "starting/dying" states between
 * CPUHP_AP_OFFLINE and CPUHP_AP_ONLINE on the CPU itself with interrupts
 * off; the AP states above CPUHP_AP_ONLINE_IDLE on the CPU itself, in
 * its cpuhp/N thread (kernel/cpu.c, docs/cpu-hotplug.md).
 */
#ifndef _LINUX_CPUHOTPLUG_H
#define _LINUX_CPUHOTPLUG_H

#include <linux/types.h>

enum cpuhp_state {
	CPUHP_INVALID = -1,
	/* BP states: run on the CPU that brings the CPU up or takes it down */
	CPUHP_OFFLINE = 0,
	CPUHP_CREATE_THREADS,		/* smpboot threads exist, parked */
	CPUHP_RCUTREE_PREP,		/* RCU knows it; dead: nothing left */
	CPUHP_TIMERS_PREPARE,		/* its timer wheel; dead: timers moved */
	CPUHP_SOFTIRQ_DEAD,		/* dead: its pending softirqs taken over */
	CPUHP_WORKQUEUE_PREP,		/* its kworkers exist (not yet counted) */
	CPUHP_BRINGUP_CPU,		/* the CPU is started; dead: idle's mm dropped */
	/* AP "starting/dying" states: on the CPU itself, interrupts off */
	CPUHP_AP_IDLE_DEAD,		/* it left its idle loop (play_dead) */
	CPUHP_AP_OFFLINE,
	CPUHP_AP_SCHED_STARTING,	/* dying: its tasks move away */
	CPUHP_AP_RCUTREE_DYING,
	CPUHP_AP_SMPCFD_DYING,		/* dying: its queued IPI calls run */
	CPUHP_AP_ONLINE,
	CPUHP_TEARDOWN_CPU,		/* BP: stop_machine(take_cpu_down) */
	/* AP states: on the CPU itself, in its cpuhp/N thread */
	CPUHP_AP_ONLINE_IDLE,		/* it reached its idle loop */
	CPUHP_AP_SMPBOOT_THREADS,	/* its per-CPU threads unparked */
	CPUHP_AP_WORKQUEUE_ONLINE,	/* its worker pools associated */
	CPUHP_AP_RCUTREE_ONLINE,
	CPUHP_AP_WATCHDOG_ONLINE,	/* its soft-lockup watchdog armed */
	CPUHP_AP_ONLINE_DYN,		/* dynamic states for drivers/modules */
	CPUHP_AP_ONLINE_DYN_END = CPUHP_AP_ONLINE_DYN + 30,
	CPUHP_AP_ACTIVE,		/* the scheduler may place tasks there */
	CPUHP_ONLINE,
};

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu),
			int (*teardown)(unsigned int cpu), bool multi_instance);
void __cpuhp_remove_state(enum cpuhp_state state, bool invoke);

/**
 * cpuhp_setup_state - set up a hotplug state and call its startup
 * @state: a fixed state, or CPUHP_AP_ONLINE_DYN for a free dynamic slot
 * @name: shown in reports; required
 * @startup: called for each online CPU now and each CPU that comes up
 *	(on that CPU, in its cpuhp thread); may be NULL
 * @teardown: called when a CPU goes down or the state is removed; may be NULL
 *
 * Context: process context; sleeps.
 * Return: for CPUHP_AP_ONLINE_DYN the state number allocated (> 0);
 * otherwise 0; or a negative errno (then startup's partial work was
 * undone with teardown).
 */
static inline int cpuhp_setup_state(enum cpuhp_state state, const char *name,
				    int (*startup)(unsigned int cpu),
				    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}

/* The same, without calling startup for the CPUs already up. */
static inline int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
					    int (*startup)(unsigned int cpu),
					    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, false, startup, teardown, false);
}

/* Calls teardown for each online CPU, then frees the state. */
static inline void cpuhp_remove_state(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, true);
}

static inline void cpuhp_remove_state_nocalls(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}

#endif
