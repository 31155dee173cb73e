/*
 * prctl(2), after the prctl() of Linux's kernel/sys.c: the operations a
 * process performs on itself that programs and C libraries use at start
 * (a thread's name, the parent-death signal, dumpable, no_new_privs).
 * Other options answer -EINVAL, as Linux does for an option it does not
 * know, so callers fall back as they would on an older kernel.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/sched/signal.h>

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39

#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER 1	/* a process's state until it says otherwise */

static long set_name(const char __user *uname)
{
	char name[TASK_COMM_LEN];
	long len = strncpy_from_user(name, uname, sizeof(name) - 1);

	if (len < 0)
		return -EFAULT;
	name[len] = '\0';
	set_task_comm(current, name);
	return 0;
}

static long get_name(char __user *uname)
{
	char name[TASK_COMM_LEN];

	get_task_comm(name, current);
	return copy_to_user(uname, name, sizeof(name)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (!valid_signal(arg2))
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_GET_DUMPABLE:
		return current->not_dumpable ? SUID_DUMP_DISABLE : SUID_DUMP_USER;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		current->not_dumpable = arg2 == SUID_DUMP_DISABLE;
		return 0;
	case PR_SET_NAME:
		return set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return get_name((char __user *)arg2);
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	}
	return -EINVAL;
}
