/* PID allocation (kernel/pid.c). */
#ifndef _SPINDLE_PID_H
#define _SPINDLE_PID_H

struct task_struct;

#define PID_MAX_DEFAULT 0x8000	/* Linux's default pid_max */
#define RESERVED_PIDS 300	/* where the counter restarts after a wrap */

int alloc_pid(struct task_struct *p);
int pid_last_nr(void);
void free_pid(int pid);
void pid_set_last(int pid);
/* @a and @b swap PIDs (execve in a thread takes its leader's). Caller
 * holds tasklist_lock. */
void exchange_pids(struct task_struct *a, struct task_struct *b);

#endif
