/*
 * String to integer conversion with Linux's kstrto*() contract
 * (lib/kstrtox.c): the whole string must be a number (one trailing newline
 * allowed), overflow is -ERANGE, anything else malformed is -EINVAL.
 * Base 0 means: "0x" prefix is hex, a leading "0" octal, else decimal.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>

static unsigned int parse_base(const char **s, unsigned int base)
{
	const char *p = *s;

	if (base == 0) {
		if (p[0] == '0' && tolower(p[1]) == 'x' && isxdigit(p[2]))
			base = 16;
		else if (p[0] == '0')
			base = 8;
		else
			base = 10;
	}
	if (base == 16 && p[0] == '0' && tolower(p[1]) == 'x')
		p += 2;
	*s = p;
	return base;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

static int parse_ull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	const char *start;

	base = parse_base(&s, base);
	start = s;
	for (; *s && *s != '\n'; s++) {
		int d = digit_value(*s);

		if (d >= (int)base)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (s == start || (*s == '\n' && s[1]))
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err;

	if (*s == '+')
		s++;
	err = parse_ull(s, base, &v);
	if (!err)
		*res = v;
	return err;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long long v;
	bool neg = *s == '-';
	int err;

	if (*s == '-' || *s == '+')
		s++;
	err = parse_ull(s, base, &v);
	if (err)
		return err;
	if (neg ? v > (unsigned long long)LONG_MAX + 1 : v > LONG_MAX)
		return -ERANGE;
	*res = neg ? (long)(0 - v) : (long)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (err)
		return err;
	if (v > INT_MAX || v < -INT_MAX - 1)
		return -ERANGE;
	*res = v;
	return 0;
}
