/*
 * Atomic operations on futex words in user memory, as Linux's
 * arch/x86/include/asm/futex.h: what FUTEX_WAKE_OP and the robust-list
 * walk at exit need. Both fault like any user access (exception table,
 * arch/x86_64/lib/copy_user_64.asm) and answer -EFAULT.
 */
#ifndef _ASM_X86_FUTEX_H
#define _ASM_X86_FUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>

/**
 * futex_atomic_cmpxchg_inatomic - compare-and-exchange a user futex word
 * @uval: where to store the value found at @uaddr
 * @uaddr: the user word (aligned)
 * @oldval: the value expected there
 * @newval: the value to put there if @oldval was found
 *
 * Context: process context (a fault may be served, and sleep).
 * Return: 0 (compare *@uval with @oldval to know if it was written), or
 * -EFAULT.
 */
int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval, u32 newval);

/**
 * arch_futex_atomic_op_inuser - apply a FUTEX_WAKE_OP operation
 * @op: FUTEX_OP_SET, _ADD, _OR, _ANDN or _XOR
 * @oparg: its operand
 * @oval: where to store the value the word had before
 * @uaddr: the user word
 *
 * Return: 0, -EFAULT, or -ENOSYS for an unknown @op.
 */
int arch_futex_atomic_op_inuser(int op, u32 oparg, int *oval, u32 __user *uaddr);

#endif
