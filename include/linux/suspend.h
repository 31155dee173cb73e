/*
 * System sleep, as Linux's include/linux/suspend.h: Spindle supports one
 * state, suspend-to-idle ("freeze" in /sys/power/state): tasks are
 * frozen and the CPUs idle until a wake-up event, here a key press or a
 * byte on the serial line.
 */
#ifndef _LINUX_SUSPEND_H
#define _LINUX_SUSPEND_H

#include <linux/types.h>

typedef int suspend_state_t;

#define PM_SUSPEND_ON 0
#define PM_SUSPEND_TO_IDLE 1
#define PM_SUSPEND_MIN PM_SUSPEND_TO_IDLE
#define PM_SUSPEND_MAX 2

/**
 * pm_suspend - suspend the system to @state and return after the wake-up
 * @state: PM_SUSPEND_TO_IDLE
 *
 * Context: process (the writer of /sys/power/state); sleeps until a
 * wake-up event. Return: 0; -EINVAL for another state; -EBUSY if a task
 * refused to freeze (everything thawed again).
 */
int pm_suspend(suspend_state_t state);

/* A wake-up event happened (an input interrupt): ends suspend-to-idle.
 * Context: any. */
void pm_system_wakeup(void);

#endif
