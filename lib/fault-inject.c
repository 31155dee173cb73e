/*
 * The fault-injection decision (see include/linux/fault-inject.h), after
 * Linux's lib/fault-inject.c.
 * Context: any; the counters are per attribute and not locked, so with
 * several CPUs the exact call that fails may vary, as in Linux.
 */
#include <linux/fault-inject.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/random.h>

bool should_fail(struct fault_attr *attr, ssize_t size)
{
	attr->count++;
	if (attr->fail_nth) {
		if (--attr->fail_nth)
			return false;
		attr->failures++;
		return true;
	}
	if (attr->times == 0)
		return false;
	if (attr->space > size) {
		attr->space -= size;
		return false;
	}
	if (attr->interval > 1 && attr->count % attr->interval)
		return false;
	if (attr->probability < 100 &&
	    get_random_u32() % 100 >= attr->probability)
		return false;
	if (attr->times > 0)
		attr->times--;
	attr->failures++;
	return true;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	char buf[64], *p = buf, *field[4];
	long v[4];

	if (strscpy(buf, str, sizeof(buf)) < 0)
		return -EINVAL;
	for (int i = 0; i < 4; i++) {
		field[i] = strsep(&p, ",");
		if (!field[i] || kstrtol(field[i], 10, &v[i]))
			return -EINVAL;
	}
	if (v[0] < 1 || v[1] < 0 || v[1] > 100 || v[2] < 0)
		return -EINVAL;
	attr->interval = v[0];
	attr->probability = v[1];
	attr->space = v[2];
	attr->times = v[3];
	attr->count = 0;
	return 0;
}

void fault_attr_fail_nth(struct fault_attr *attr, unsigned long n)
{
	attr->fail_nth = n;
}

void fault_attr_disable(struct fault_attr *attr)
{
	attr->fail_nth = 0;
	attr->times = 0;
}
