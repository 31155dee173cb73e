/*
 * Formatting into a fresh kmalloc buffer, as Linux's lib/kasprintf.c:
 * vsnprintf() once to measure, kmalloc() the exact size, once more to
 * fill. The caller kfree()s the result.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

/**
 * kvasprintf - format into a newly allocated string
 * @gfp: how to allocate (GFP_KERNEL may sleep)
 * @fmt: printf-style format
 * @ap: its arguments
 *
 * Return: the string, or NULL when memory runs out.
 */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int first, second;
	va_list aq;
	char *p;

	va_copy(aq, ap);
	first = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);

	p = kmalloc(first + 1, gfp);
	if (!p)
		return NULL;
	second = vsnprintf(p, first + 1, fmt, ap);
	WARN(first != second, "different return values (%u and %u) from vsnprintf(\"%s\", ...)",
	     first, second, fmt);
	return p;
}

/**
 * kasprintf - format into a newly allocated string
 * @gfp: how to allocate
 * @fmt: printf-style format, then its arguments
 *
 * Return: the string (kfree() it), or NULL when memory runs out.
 */
char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
