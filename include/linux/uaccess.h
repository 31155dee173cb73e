/*
 * Copying between the kernel and user space, as Linux's
 * include/linux/uaccess.h. A user pointer is only an address the process
 * gave us: it may be unmapped, point into the kernel or change under us.
 * Every access goes through these functions, which check the range
 * (access_ok) and let a fault end the copy with an error instead of an
 * oops (the exception table, arch/x86_64/mm/extable.c). With SMAP the
 * copies open user memory to the kernel (stac) only while they run.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>

/* The top of user space: one page below the canonical hole, as Linux. */
#define TASK_SIZE_MAX 0x00007FFFFFFFF000UL
#undef TASK_SIZE
#define TASK_SIZE TASK_SIZE_MAX

/* True if [@addr, @addr + @size) lies wholly in user space. */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

/* These return the number of bytes NOT copied: 0 on success. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
/* Zeroes user memory; returns the bytes not cleared. */
unsigned long clear_user(void __user *to, unsigned long n);
/* Copies a string of at most @count bytes with its NUL. Return: its
 * length (without the NUL), @count if no NUL came first, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* The length of a user string including its NUL, 0 on a fault, or more
 * than @n if it is longer. */
long strnlen_user(const char __user *str, long n);

/* One value of 1, 2, 4 or 8 bytes. Return: 0 or -EFAULT. */
int __get_user_n(void *kdst, const void __user *src, unsigned int size);
int __put_user_n(void __user *dst, const void *ksrc, unsigned int size);

#define get_user(x, ptr)                                                    \
	({                                                                  \
		__typeof__(*(ptr)) __gu_val;                                \
		int __gu_err = __get_user_n(&__gu_val, (ptr), sizeof(*(ptr))); \
		(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;          \
		__gu_err;                                                   \
	})

#define put_user(x, ptr)                                                    \
	({                                                                  \
		__typeof__(*(ptr)) __pu_val = (x);                          \
		__put_user_n((ptr), &__pu_val, sizeof(*(ptr)));             \
	})

#endif
