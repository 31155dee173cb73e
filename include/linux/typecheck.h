/* Compile-time type checks, as Linux's include/linux/typecheck.h. */
#ifndef _LINUX_TYPECHECK_H
#define _LINUX_TYPECHECK_H

/*
 * typecheck - 1, after a compiler warning if @x is not of @type
 * (comparing pointers to two different types is what warns).
 */
#define typecheck(type, x)                        \
	({                                        \
		type __dummy;                     \
		__typeof__(x) __dummy2;           \
		(void)(&__dummy == &__dummy2);    \
		1;                                \
	})

#endif
