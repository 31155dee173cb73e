/*
 * The kernel command line: kept in boot_command_line, split into words
 * (double quotes group spaces: init.run="a; b"), and each word handed to
 * the handler registered for it with __setup() or early_param(). Mirrors
 * parse_early_param() and parse_args() in init/main.c and kernel/params.c.
 * "module.param=value" sets a built-in module's module_param(), as in
 * Linux. Unknown words are reported once, together, and otherwise ignored.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <spindle/params.h>
#include <spindle/module.h>

char boot_command_line[COMMAND_LINE_SIZE];
static size_t cmdline_dropped;	/* bytes cut because the line was too long */

extern const struct obs_kernel_param __setup_start[], __setup_end[];

/**
 * set_boot_command_line - record the command line the boot loader gave
 * @src: the text (need not be NUL-terminated within @len)
 * @len: its length
 */
void set_boot_command_line(const char *src, size_t len)
{
	len = strnlen(src, len);
	if (len >= COMMAND_LINE_SIZE) {
		cmdline_dropped = len - (COMMAND_LINE_SIZE - 1);
		len = COMMAND_LINE_SIZE - 1;
	}
	memcpy(boot_command_line, src, len);
	boot_command_line[len] = '\0';
}

/*
 * Cuts the next word off *args, as Linux's next_arg(): returns the word
 * start; *val points at the value after '=' (quotes removed) or is NULL.
 */
static char *next_arg(char **args, char **val)
{
	char *s = skip_spaces(*args), *p, *eq = NULL;
	bool quoted = false, whole = *s == '"';

	/* GRUB quotes a whole argument that has spaces: "init.run=a; b". */
	if (whole) {
		s++;
		quoted = true;
	}
	for (p = s; *p && (quoted || !isspace(*p)); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '=' && !eq)
			eq = p;
	}
	if (*p)
		*p++ = '\0';
	*args = p;
	if (whole && *s && s[strlen(s) - 1] == '"')
		s[strlen(s) - 1] = '\0';
	*val = NULL;
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
		if (**val == '"') {
			size_t n = strlen(*val);

			(*val)++;
			if (n >= 2 && (*val)[n - 2] == '"')
				(*val)[n - 2] = '\0';
		}
	}
	return s;
}

/* Finds the handler for @param ("name" or, with a value, "name="). */
static const struct obs_kernel_param *find_setup(const char *param, bool has_val)
{
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);
		bool wants_val = n && p->str[n - 1] == '=';

		if (wants_val && !has_val)
			continue;
		if (!strncmp(param, p->str, n - wants_val) &&
		    param[n - wants_val] == '\0')
			return p;
	}
	return NULL;
}

/* Walks a copy of the command line, calling each matching handler. */
static void for_each_param(bool early, char *unknown, size_t unknown_size)
{
	static char copy[COMMAND_LINE_SIZE];
	char *args = copy, *param, *val;

	strlcpy(copy, boot_command_line, sizeof(copy));
	while (*(args = skip_spaces(args))) {
		const struct obs_kernel_param *p;

		param = next_arg(&args, &val);
		p = find_setup(param, val != NULL);
		if (p && p->early == early) {
			if (p->setup_func(val ? val : (char *)"") < 0)
				pr_warn("Malformed early option '%s'\n", param);
		} else if (!p && unknown) {
			size_t len = strlen(unknown);
			int err = module_param_set(param, val ? val : (char *)"");

			if (err == -EINVAL)
				pr_warn("%s: invalid value '%s'\n", param, val ? val : "");
			if (err != -ENOENT)
				continue;
			snprintf(unknown + len, unknown_size - len, "%s%s%s%s",
				 len ? " " : "", param, val ? "=" : "",
				 val ? val : "");
		}
	}
}

void parse_early_param(void)
{
	for_each_param(true, NULL, 0);
}

void parse_args(void)
{
	static char unknown[COMMAND_LINE_SIZE];

	if (cmdline_dropped)
		pr_warn("Kernel command line too long: %zu bytes dropped (limit %d)\n",
			cmdline_dropped, COMMAND_LINE_SIZE - 1);
	unknown[0] = '\0';
	for_each_param(false, unknown, sizeof(unknown));
	if (unknown[0])
		pr_notice("Unknown kernel command line parameters \"%s\", ignored.\n",
			  unknown);
}

static int __init loglevel_setup(char *val)
{
	int level;

	if (kstrtoint(val, 10, &level) || level < 0 || level > 15)
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel=", loglevel_setup);

static int __init quiet_setup(char *val)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *val)
{
	console_loglevel = 10;	/* everything, as Linux's "debug" */
	return 0;
}
early_param("debug", debug_setup);
