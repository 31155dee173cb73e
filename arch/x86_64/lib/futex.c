/*
 * Atomic read-modify-write of user futex words (asm/futex.h). Linux
 * inlines lock xadd/xchg/cmpxchg loops; here one exception-protected
 * lock cmpxchg (copy_user_64.asm) serves both, the operations as a
 * compare-and-exchange loop around it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <uapi/linux/futex.h>
#include <asm/futex.h>
#include <asm/smap.h>

int futex_cmpxchg_user_generic(u32 *uaddr, u32 old, u32 new, u32 *cur);

int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval, u32 newval)
{
	int err;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	stac();
	err = futex_cmpxchg_user_generic((u32 *)uaddr, oldval, newval, uval);
	clac();
	return err;
}

static bool futex_op_apply(int op, u32 oparg, u32 old, u32 *new)
{
	switch (op) {
	case FUTEX_OP_SET:
		*new = oparg;
		return true;
	case FUTEX_OP_ADD:
		*new = old + oparg;
		return true;
	case FUTEX_OP_OR:
		*new = old | oparg;
		return true;
	case FUTEX_OP_ANDN:
		*new = old & ~oparg;
		return true;
	case FUTEX_OP_XOR:
		*new = old ^ oparg;
		return true;
	}
	return false;
}

int arch_futex_atomic_op_inuser(int op, u32 oparg, int *oval, u32 __user *uaddr)
{
	u32 old, cur, new;
	int err;

	if (get_user(old, uaddr))
		return -EFAULT;
	for (;;) {
		if (!futex_op_apply(op, oparg, old, &new))
			return -ENOSYS;
		err = futex_atomic_cmpxchg_inatomic(&cur, uaddr, old, new);
		if (err)
			return err;
		if (cur == old)
			break;
		old = cur;	/* another thread changed it: again */
	}
	*oval = old;
	return 0;
}
