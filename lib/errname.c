/* Names of error numbers, for messages ("-ENOMEM"), like lib/errname.c. */
#include <linux/errno.h>
#include <linux/kernel.h>

#define E(x) [x] = "-" #x
static const char *const names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(EBUSY), E(EEXIST), E(ENODEV), E(EINVAL), E(ENOSPC),
	E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOSYS), E(ENODATA),
	E(ETIME), E(EOVERFLOW), E(EOPNOTSUPP), E(ETIMEDOUT), E(EALREADY),
	E(EINPROGRESS), E(ECANCELED), E(ENOTBLK), E(EXDEV), E(ENOTDIR),
	E(EISDIR), E(ENFILE), E(EMFILE), E(ENOTTY), E(ETXTBSY), E(EFBIG),
	E(ESPIPE), E(EROFS), E(EMLINK), E(EPIPE), E(ENOTEMPTY), E(ELOOP),
};
#undef E

/**
 * errname - name of an error code
 * @err: an error number, negative or positive
 *
 * Return: "-ENOMEM" and the like, or NULL for a number without a name.
 */
const char *errname(int err)
{
	/* In unsigned arithmetic, so that INT_MIN is no overflow. */
	unsigned int n = err < 0 ? 0U - (unsigned int)err : (unsigned int)err;

	if (n >= ARRAY_SIZE(names))
		return NULL;
	return names[n];
}
