/*
 * Copying to and from user space, as Linux's lib/usercopy.c,
 * lib/strncpy_from_user.c, lib/strnlen_user.c and
 * arch/x86/lib/usercopy_64.c: check the range with access_ok(), open the
 * SMAP window, and let the assembly in copy_user_64.asm do the access,
 * whose faults end in an exception-table fixup instead of an oops.
 * A fault may sleep in the page-fault handler (demand paging): these
 * are for process context only.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/smap.h>

bool x86_smap_enabled;

unsigned long copy_user_generic(void *to, const void *from, unsigned long n);
unsigned long clear_user_generic(void *to, unsigned long n);
long strncpy_user_generic(char *dst, const char *src, long count);
long strnlen_user_generic(const char *s, long n);

static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	unsigned long left;

	stac();
	left = copy_user_generic(to, from, n);
	clac();
	return left;
}

/**
 * copy_from_user - copy @n bytes from user space
 * @to: kernel destination
 * @from: user source
 * @n: byte count
 *
 * What could not be copied is zeroed in @to, as Linux does, so a short
 * copy never leaves stale kernel data behind.
 * Return: the number of bytes not copied (0 on success).
 */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = raw_copy(to, (const void *)from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

/**
 * copy_to_user - copy @n bytes to user space
 * @to: user destination
 * @from: kernel source
 * @n: byte count
 *
 * Return: the number of bytes not copied (0 on success).
 */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy((void *)to, from, n);
}

/**
 * clear_user - zero @n bytes of user memory
 * @to: user destination
 * @n: byte count
 *
 * Return: the number of bytes not cleared.
 */
unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long left;

	if (!access_ok(to, n))
		return n;
	stac();
	left = clear_user_generic((void *)to, n);
	clac();
	return left;
}

/* How far from @addr user space goes on, at most @count. */
static long user_limit(const void __user *addr, long count)
{
	unsigned long a = (unsigned long)addr;

	if (a >= TASK_SIZE_MAX || count <= 0)
		return 0;
	return min_t(unsigned long, count, TASK_SIZE_MAX - a);
}

/**
 * strncpy_from_user - copy a NUL-terminated string from user space
 * @dst: kernel buffer of at least @count bytes
 * @src: user string
 * @count: the most bytes to copy, NUL included
 *
 * Return: the string's length (without the NUL), @count if no NUL came
 * within @count bytes (then @dst is not terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long max = user_limit(src, count), res;

	if (count <= 0)
		return 0;
	if (!max)
		return -EFAULT;
	stac();
	res = strncpy_user_generic(dst, (const char *)src, max);
	clac();
	if (res == max && max < count)
		return -EFAULT;	/* ran into the end of user space */
	return res;
}

/**
 * strnlen_user - the length of a user string, NUL included
 * @str: user string
 * @n: the most bytes to look at
 *
 * Return: the length with the NUL, 0 on a fault (or past the end of
 * user space), a value greater than @n if the string is longer.
 */
long strnlen_user(const char __user *str, long n)
{
	long max = user_limit(str, n), res;

	if (!max)
		return 0;
	stac();
	res = strnlen_user_generic((const char *)str, max);
	clac();
	if (res > max && max < n)
		return 0;
	return res;
}

/* get_user()/put_user() of 1, 2, 4 or 8 bytes. Return: 0 or -EFAULT. */
int __get_user_n(void *kdst, const void __user *src, unsigned int size)
{
	return copy_from_user(kdst, src, size) ? -EFAULT : 0;
}

int __put_user_n(void __user *dst, const void *ksrc, unsigned int size)
{
	return copy_to_user(dst, ksrc, size) ? -EFAULT : 0;
}
