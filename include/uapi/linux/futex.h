/*
 * The futex system call's ABI, with Linux's values
 * (include/uapi/linux/futex.h): operations, the FUTEX_WAKE_OP encoding,
 * the lock-word bits of PI and robust futexes, and the robust list a
 * thread registers with set_robust_list().
 */
#ifndef _UAPI_LINUX_FUTEX_H
#define _UAPI_LINUX_FUTEX_H

#include <linux/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

/* One entry of a thread's robust list, inside each lock it holds. */
struct robust_list {
	struct robust_list __user *next;
};

/* The head set_robust_list() registers: the list, where the futex word
 * lies relative to each entry, and the lock being taken or released. */
struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list __user *list_op_pending;
};

/* The lock word of a PI or robust futex: the owner's TID and two flags. */
#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff

/* Bound on the robust-list walk, against a list looping on itself. */
#define ROBUST_LIST_LIMIT	2048

#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* FUTEX_WAKE_OP's val3: op:4 cmp:4 oparg:12 cmparg:12. */
#define FUTEX_OP_SET		0	/* *(int *)UADDR2 = OPARG; */
#define FUTEX_OP_ADD		1	/* *(int *)UADDR2 += OPARG; */
#define FUTEX_OP_OR		2	/* *(int *)UADDR2 |= OPARG; */
#define FUTEX_OP_ANDN		3	/* *(int *)UADDR2 &= ~OPARG; */
#define FUTEX_OP_XOR		4	/* *(int *)UADDR2 ^= OPARG; */
#define FUTEX_OP_OPARG_SHIFT	8	/* use (1 << OPARG) instead of OPARG */

#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

#define FUTEX_OP(op, oparg, cmp, cmparg)                                   \
	(((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | \
	 (cmparg & 0xfff))

#endif
