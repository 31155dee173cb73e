/*
 * One-segment I/O iterators (Linux's lib/iov_iter.c, reduced): the copy
 * goes to user space through copy_to_user() or to a kernel buffer with
 * memcpy(), so a file system's ->read_iter serves read(2) and
 * kernel_read() alike.
 */
#include <linux/uio.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i)
{
	size_t n = min(bytes, i->count), left = 0;

	if (i->iter_type == ITER_KVEC)
		memcpy(i->kbuf, from, n);
	else
		left = copy_to_user(i->ubuf, from, n);
	n -= left;
	i->kbuf = (char *)i->kbuf + n;
	i->count -= n;
	return n;
}

size_t copy_from_iter(void *to, size_t bytes, struct iov_iter *i)
{
	size_t n = min(bytes, i->count), left = 0;

	if (i->iter_type == ITER_KVEC)
		memcpy(to, i->kbuf, n);
	else
		left = copy_from_user(to, i->ubuf, n);
	n -= left;
	i->kbuf = (char *)i->kbuf + n;
	i->count -= n;
	return n;
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	size_t n = min(bytes, i->count), left = 0;

	if (i->iter_type == ITER_KVEC)
		memset(i->kbuf, 0, n);
	else
		left = clear_user(i->ubuf, n);
	n -= left;
	i->kbuf = (char *)i->kbuf + n;
	i->count -= n;
	return n;
}
