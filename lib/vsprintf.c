/*
 * vsnprintf() for the kernel, after Linux's lib/vsprintf.c: the C99
 * conversions (d i u x X o c s p %, flags - 0 + space #, width, precision,
 * lengths hh h l ll z t) plus %pS, a code address as "symbol+0x1f/0x80",
 * %ps without the offset, and %pB for a return address (see kallsyms.h).
 * Never writes past @size; returns the length the full output would have.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/kallsyms.h>

struct out {
	char *buf;
	size_t size;
	size_t len;	/* characters produced, stored or not */
};

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision;	/* -1: none */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	int len;

	if (!s)
		s = "(null)";
	len = strnlen(s, sp->precision < 0 ? (size_t)-1 : (size_t)sp->precision);
	if (!sp->left)
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

/* As C: '#' gives hex a 0x only when not zero, octal a leading 0 digit. */
static void put_num(struct out *o, unsigned long long v, bool neg,
		    unsigned int base, bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = sp->alt && base == 16 && v ? (upper ? "0X" : "0x") : "";
	char sign = neg ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
	char tmp[24];
	int n = 0, prefix_len, zeros, total;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	zeros = sp->precision > n ? sp->precision - n : 0;
	if (sp->alt && base == 8 && !zeros && (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	prefix_len = strlen(prefix) + (sign ? 1 : 0);
	if (sp->zero && !sp->left && sp->precision < 0)
		zeros = max(zeros, sp->width - prefix_len - n);
	total = prefix_len + zeros + n;

	if (!sp->left)
		pad(o, ' ', sp->width - total);
	if (sign)
		put(o, sign);
	for (; *prefix; prefix++)
		put(o, *prefix);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - total);
}

/* %c stores its character even when it is NUL, as C does. */
static void put_char(struct out *o, char c, const struct spec *sp)
{
	if (!sp->left)
		pad(o, ' ', sp->width - 1);
	put(o, c);
	if (sp->left)
		pad(o, ' ', sp->width - 1);
}

static void put_pointer(struct out *o, const char **fmt, void *p,
			const struct spec *sp)
{
	struct spec hex = { .zero = true, .width = 16, .precision = -1 };
	char sym[KSYM_NAME_LEN + 32];

	if (**fmt == 'S' || **fmt == 's' || **fmt == 'B') {
		char kind = *(*fmt)++;

		if (kind == 'B')
			sprint_backtrace(sym, sizeof(sym), (unsigned long)p);
		else
			sprint_symbol(sym, sizeof(sym), (unsigned long)p, kind == 'S');
		put_str(o, sym, sp);
		return;
	}
	if (**fmt == 'x')
		(*fmt)++;	/* %px: the raw address (%p is not hashed here) */
	if (sp->width)
		hex.width = sp->width;
	put_num(o, (unsigned long)p, false, 16, false, &hex);
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->precision = -1;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else if (*fmt == '+')
			sp->plus = true;
		else if (*fmt == ' ')
			sp->space = true;
		else if (*fmt == '#')
			sp->alt = true;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		fmt++;
	} else {
		while (isdigit(*fmt))
			sp->width = sp->width * 10 + (*fmt++ - '0');
	}
	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			/* Read once: max() would evaluate va_arg() twice. */
			int prec = va_arg(*ap, int);

			sp->precision = prec < 0 ? -1 : prec;
			fmt++;
		} else {
			while (isdigit(*fmt))
				sp->precision = sp->precision * 10 + (*fmt++ - '0');
		}
	}
	return fmt;
}

/* Reads an integer argument of the size the length modifier names. */
static unsigned long long get_int(const char **fmt, va_list *ap, bool is_signed)
{
	const char *f = *fmt;
	long long v;

	if (f[0] == 'l' && f[1] == 'l') {
		*fmt += 2;
		return va_arg(*ap, unsigned long long);
	}
	if (*f == 'l' || *f == 'z' || *f == 't') {
		(*fmt)++;
		return is_signed ? (unsigned long long)va_arg(*ap, long)
				 : va_arg(*ap, unsigned long);
	}
	v = is_signed ? va_arg(*ap, int) : (long long)va_arg(*ap, unsigned int);
	if (f[0] == 'h' && f[1] == 'h') {
		*fmt += 2;
		v = is_signed ? (signed char)v : (unsigned char)v;
	} else if (*f == 'h') {
		(*fmt)++;
		v = is_signed ? (short)v : (unsigned short)v;
	}
	return (unsigned long long)v;
}

static bool is_signed_conv(const char *f)
{
	while (*f == 'l' || *f == 'h' || *f == 'z' || *f == 't')
		f++;
	return *f == 'd' || *f == 'i';
}

static void convert(struct out *o, const char **fmtp, const struct spec *sp,
		    va_list *ap)
{
	bool sgn = is_signed_conv(*fmtp);
	unsigned long long v;
	const char *f;
	char c;

	if (**fmtp == 'c') {
		(*fmtp)++;
		put_char(o, (char)va_arg(*ap, int), sp);
		return;
	}
	if (**fmtp == 's') {
		(*fmtp)++;
		put_str(o, va_arg(*ap, const char *), sp);
		return;
	}
	if (**fmtp == 'p') {
		(*fmtp)++;
		put_pointer(o, fmtp, va_arg(*ap, void *), sp);
		return;
	}
	f = *fmtp;
	while (*f == 'l' || *f == 'h' || *f == 'z' || *f == 't')
		f++;
	c = *f;
	if (!strchr("diuxXo", c) || !c) {
		put(o, '%');
		return;
	}
	v = get_int(fmtp, ap, sgn);
	*fmtp = f + 1;
	if (sgn && (long long)v < 0) {
		put_num(o, -(unsigned long long)v, true, 10, false, sp);
	} else {
		struct spec num = *sp;

		/* '+' and ' ' are for signed conversions only. */
		if (!sgn)
			num.plus = num.space = false;
		put_num(o, v, false, c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10,
			c == 'X', &num);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt, &sp, &ap);
		convert(&o, &fmt, &sp, &ap);
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like vsnprintf, but returns what was really stored (without the NUL). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
