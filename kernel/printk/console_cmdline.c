/*
 * The console= kernel option: which consoles print the kernel log and
 * which one is /dev/console (the shell's). Mirrors console_setup(),
 * __add_preferred_console() and the table of kernel/printk/
 * console_cmdline.h in Linux; register_console() (printk.c) asks
 * console_cmdline_match() whether a new console was named.
 *
 * Differs from Linux on purpose: without console= every console prints
 * (Linux picks one), and when none of the named consoles exists a late
 * initcall falls back to every console (Linux stays mute), so that a
 * typo on the command line of a teaching machine cannot hide the boot.
 *
 * Written only by parse_early_param() (one CPU, before the consoles);
 * read afterwards, so no lock.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <spindle/printk.h>

struct console_cmdline {
	char name[CONSOLE_NAME_MAX];	/* "ttyS" of ttyS0 */
	int index;			/* 0 of ttyS0 */
	char options[24];		/* "115200n8" after the comma */
	bool has_options;
	char arg[48];			/* the option as given, for warnings */
	bool found;			/* a registered console matched it */
};

static struct console_cmdline console_cmdline[MAX_CMDLINECONSOLES];
static int nr_console_cmdline;
static int preferred_console = -1;
bool console_set_on_cmdline;	/* any console= given: only those print */

/*
 * Splits "ttyS0" into "ttyS" and 0 as Linux's console_setup() does: the
 * name ends at the first digit, the index is the digits (0 if none, so
 * "foo" is foo0). Unlike Linux, text after the digits is refused rather
 * than ignored, so "ttyS0x" does not silently mean ttyS0.
 */
static int __init console_name_split(const char *s, size_t len, char *name,
				     int *index)
{
	size_t n = 0;

	while (n < len && !isdigit(s[n]))
		n++;
	if (!n || n >= CONSOLE_NAME_MAX)
		return -EINVAL;
	memcpy(name, s, n);
	name[n] = '\0';
	*index = 0;
	for (; n < len; n++) {
		if (!isdigit(s[n]) || *index > 9999)
			return -EINVAL;
		*index = *index * 10 + (s[n] - '0');
	}
	return 0;
}

/*
 * Records one console= entry; naming a console again only makes it the
 * preferred one again, as Linux's __add_preferred_console().
 */
static int __init add_preferred_console(const char *name, int index,
					const char *options, const char *arg)
{
	struct console_cmdline *c;

	for (int i = 0; i < nr_console_cmdline; i++) {
		c = &console_cmdline[i];
		if (!strcmp(c->name, name) && c->index == index) {
			preferred_console = i;
			return 0;
		}
	}
	if (nr_console_cmdline == MAX_CMDLINECONSOLES) {
		pr_warn("console=%s: more than %d consoles named; ignored\n",
			arg, MAX_CMDLINECONSOLES);
		return -E2BIG;
	}
	c = &console_cmdline[nr_console_cmdline];
	strlcpy(c->name, name, sizeof(c->name));
	c->index = index;
	c->has_options = options != NULL;
	if (options)
		strlcpy(c->options, options, sizeof(c->options));
	strlcpy(c->arg, arg, sizeof(c->arg));
	preferred_console = nr_console_cmdline++;
	return 0;
}

/* console=NAME[,OPTIONS]: Linux's console_setup(), an early option so
 * that it is known before the first console registers. */
static int __init console_setup(char *str)
{
	char buf[CONSOLE_NAME_MAX + 4], name[CONSOLE_NAME_MAX];
	const char *arg = str, *options = strchr(str, ',');
	size_t len = options ? (size_t)(options - str) : strlen(str);
	int index;

	console_set_on_cmdline = true;
	/* A bare number is a serial port, as in Linux: console=0 is ttyS0. */
	if (isdigit(str[0]) && len + 4 < sizeof(buf)) {
		snprintf(buf, sizeof(buf), "ttyS%.*s", (int)len, str);
		str = buf;
		len = strlen(buf);
	}
	if (console_name_split(str, len, name, &index)) {
		pr_warn("console=%s: not a console name (like ttyS0 or tty0); ignored\n",
			arg);
		return 0;	/* reported here: not a "Malformed early option" */
	}
	add_preferred_console(name, index, options ? options + 1 : NULL, arg);
	return 0;
}
early_param("console=", console_setup);

/**
 * console_cmdline_match - was @con named by a console= option?
 * @con: a console being registered
 * @options: set to the text after the comma, or NULL
 *
 * A console with index -1 (the screen) matches its name with any index.
 * Marks the entry found, for the check at the end of the boot.
 *
 * Return: the entry's number, or -1.
 */
int console_cmdline_match(const struct console *con, char **options)
{
	for (int i = 0; i < nr_console_cmdline; i++) {
		struct console_cmdline *c = &console_cmdline[i];

		if (strcmp(c->name, con->name))
			continue;
		if (con->index >= 0 && c->index != con->index)
			continue;
		c->found = true;
		*options = c->has_options ? c->options : NULL;
		return i;
	}
	*options = NULL;
	return -1;
}

int console_cmdline_preferred(void)
{
	return preferred_console;
}

/*
 * At the end of the boot every console has registered: names that found
 * none are reported, and if no named console exists at all the machine
 * would be mute, so every console is enabled instead (Linux keeps quiet).
 */
static int __init console_cmdline_check(void)
{
	bool any = false;

	for (int i = 0; i < nr_console_cmdline; i++) {
		if (console_cmdline[i].found)
			any = true;
		else
			pr_warn("console=%s: no such console\n", console_cmdline[i].arg);
	}
	if (console_set_on_cmdline && !any) {
		pr_warn("console: none of the consoles named by console= exists; "
			"using every console\n");
		console_enable_all();
	}
	return 0;
}
late_initcall(console_cmdline_check);
