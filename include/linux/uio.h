/*
 * I/O iterators, as Linux's include/linux/uio.h, reduced to one segment:
 * a ->read_iter/->write_iter copies through copy_to_iter()/
 * copy_from_iter() without knowing whether the buffer is a user one
 * (read(2)) or a kernel one (kernel_read(), exec, initramfs).
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;

enum iter_type { ITER_UBUF, ITER_KVEC };

struct iov_iter {
	enum iter_type iter_type;
	union {
		void __user *ubuf;
		void *kbuf;
	};
	size_t count;		/* bytes left */
};

/* One request: the file, the position it starts at, and flags. */
struct kiocb {
	struct file *ki_filp;
	long long ki_pos;
	int ki_flags;
};

#define IOCB_APPEND	(1 << 1)
#define IOCB_NOWAIT	(1 << 7)

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024

static inline void iov_iter_ubuf(struct iov_iter *i, void __user *buf, size_t count)
{
	i->iter_type = ITER_UBUF;
	i->ubuf = buf;
	i->count = count;
}

static inline void iov_iter_kvec(struct iov_iter *i, void *buf, size_t count)
{
	i->iter_type = ITER_KVEC;
	i->kbuf = buf;
	i->count = count;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Copy out of / into the iterator and advance it. Return: bytes copied
 * (short only on a user-space fault). */
size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *to, size_t bytes, struct iov_iter *i);
/* Zeroes @bytes of the destination (a hole in a sparse file). */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

#endif
