/*
 * System call definitions, as Linux's include/linux/syscalls.h:
 *
 *	SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
 *
 * defines `long sys_read(unsigned int fd, char __user *buf, size_t count)`.
 * The table (arch/x86_64/entry/syscall_64.tbl, Linux's numbers) names
 * every call; a number whose sys_* function nobody defines answers
 * -ENOSYS through a weak alias to sys_ni_syscall().
 *
 * Differs from Linux: no pt_regs wrappers; the entry code passes the six
 * argument registers as C arguments, and a callee that takes an `int`
 * reads only the low half, which is what Linux's wrappers do too.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <linux/compiler.h>

#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)
#define __SC_DECL(t, a) t a

#define SYSCALL_DEFINE0(name) long sys_##name(void); long sys_##name(void)
/* The prototype first: sys_* functions have no header of their own. */
#define SYSCALL_DEFINEx(x, name, ...)                                \
	long sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__));           \
	long sys_##name(__MAP(x, __SC_DECL, __VA_ARGS__))
#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

/* The answer for a number nobody implements: -ENOSYS, logged once. */
long sys_ni_syscall(void);

#endif
