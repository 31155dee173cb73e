/*
 * The ktest runner (see include/spindle/ktest.h): walks the suites the
 * linker collected, runs each case, and prints KTAP version 1 as Linux's
 * lib/kunit/test.c does: a top-level plan, one indented subtest block per
 * suite, "ok N name" / "not ok N name" lines, diagnostics as "# ...".
 * ktest=all (or ktest=a,b) on the command line runs them at boot.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <spindle/ktest.h>

extern const struct ktest_suite *const __ktest_suites_start[];
extern const struct ktest_suite *const __ktest_suites_end[];

static char boot_filter[128];

static int __init ktest_setup(char *val)
{
	strlcpy(boot_filter, val, sizeof(boot_filter));
	return 0;
}
__setup("ktest=", ktest_setup);

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = true;
	pr_info("        # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	pr_info("        %s\n", msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

/* Is @name one of the comma-separated names in @filter ("all": every)? */
static bool selected(const char *filter, const char *name)
{
	size_t n = strlen(name);

	if (!strcmp(filter, "all"))
		return true;
	for (const char *p = filter; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

static unsigned int count_cases(const struct ktest_suite *s)
{
	unsigned int n = 0;

	while (s->cases[n].run)
		n++;
	return n;
}

/* Runs one suite; returns its number of failed cases. */
static int run_suite(const struct ktest_suite *s, unsigned int index)
{
	unsigned int n = count_cases(s);
	int failed = 0;

	pr_info("    KTAP version 1\n");
	pr_info("    # Subtest: %s\n", s->name);
	pr_info("    1..%u\n", n);
	for (unsigned int i = 0; i < n; i++) {
		struct ktest t = { .name = s->cases[i].name };

		s->cases[i].run(&t);
		if (t.skipped && !t.failed)
			pr_info("    ok %u %s # SKIP %s\n", i + 1, t.name, t.skip_reason);
		else
			pr_info("    %sok %u %s\n", t.failed ? "not " : "", i + 1, t.name);
		failed += t.failed;
	}
	pr_info("%sok %u %s\n", failed ? "not " : "", index, s->name);
	return failed;
}

int ktest_run(const char *filter)
{
	const struct ktest_suite *const *s;
	unsigned int total = 0, index = 0;
	int failed = 0;

	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		total += selected(filter, (*s)->name);
	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", total);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (selected(filter, (*s)->name))
			failed += run_suite(*s, ++index);
	pr_info("# ktest: %u suites, %d failed cases\n", total, failed);
	return failed;
}

void ktest_run_boot(void)
{
	if (boot_filter[0])
		ktest_run(boot_filter);
}

/* The @i-th suite's name, or NULL past the last (for the shell). */
const char *ktest_suite_name(unsigned int i)
{
	const struct ktest_suite *const *s = __ktest_suites_start + i;

	return s < __ktest_suites_end ? (*s)->name : NULL;
}
