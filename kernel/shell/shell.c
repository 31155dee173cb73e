/*
 * The console shell's loop: runs the init.run= script, then prints a
 * prompt, reads a line with editing (readline.c) from the console input
 * queue (serial and keyboard), splits it into words at blanks and runs
 * the command they name. Only init.run= scripts are split at ';' (a
 * typed line is one command, so echo can print a ';'). Plays the part
 * of /sbin/init plus a shell: Spindle has no user space, so init
 * (PID 1) runs it in the kernel.
 *
 * Commands run in init's context, one at a time; Ctrl-C reaches them
 * through tty_intr_pending() (kernel/tty.c), never as a signal.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include <spindle/trace.h>

#define PROMPT "spindle# "

static char init_run[512];

/* init.run="cmd; cmd": run before the first prompt (classroom demos, tests). */
static int __init init_run_setup(char *val)
{
	strlcpy(init_run, val, sizeof(init_run));
	return 0;
}
__setup("init.run=", init_run_setup);

const struct shell_command *shell_find_command(const char *name)
{
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		if (!strcmp(shell_commands[i].name, name))
			return &shell_commands[i];
	return NULL;
}

/* Prints @name's usage line; returns -EINVAL for the caller to pass on. */
int shell_usage(const char *name)
{
	const struct shell_command *cmd = shell_find_command(name);

	if (cmd)
		tty_printf("usage: %s\n", cmd->usage);
	return -EINVAL;
}

const char *shell_errname(int err)
{
	if (!err)
		return "OK";
	return errname(err) ?: "unknown error";
}

/**
 * shell_parse_int - parse a decimal argument, within bounds
 * @cmd: the command, for the message
 * @what: what the number is ("PID", "nice value")
 * @s: the text
 * @min: smallest allowed
 * @max: largest allowed
 * @out: the value
 *
 * Return: 0, or -EINVAL after printing why @s was refused.
 */
int shell_parse_int(const char *cmd, const char *what, const char *s, int min,
		    int max, int *out)
{
	long v;

	if (kstrtol(s, 10, &v)) {
		tty_printf("%s: '%s' is not a number (%s)\n", cmd, s, what);
		return -EINVAL;
	}
	if (v < min || v > max) {
		tty_printf("%s: %s %ld is out of range (%d..%d)\n", cmd, what, v,
			   min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* Splits @line into words and runs the command they name. */
static int run_command(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	const struct shell_command *cmd;
	int argc = 0;
	char *word;

	while ((word = strsep(&line, " \t")) != NULL) {
		if (!*word)
			continue;
		if (argc == SHELL_MAX_ARGS) {
			tty_printf("too many arguments (at most %d)\n", SHELL_MAX_ARGS);
			return -E2BIG;
		}
		argv[argc++] = word;
	}
	argv[argc] = NULL;
	if (!argc)
		return 0;
	cmd = shell_find_command(argv[0]);
	if (!cmd) {
		tty_printf("%s: command not found; try 'help'\n", argv[0]);
		return -ENOENT;
	}
	return cmd->run(argc, argv);
}

int shell_execute(char *line)
{
	return run_command(line);
}

static const char *complete_command(const struct shell_completion *c,
				    unsigned int i)
{
	return i < shell_nr_commands ? shell_commands[i].name : NULL;
}

static const char *complete_argument(const struct shell_completion *c,
				     unsigned int i)
{
	return c->cmd->complete(i);
}

/**
 * shell_completion_init - what does Tab complete here?
 * @c: filled in
 * @line: the whole line, NUL-terminated
 * @start: where the word being completed starts
 * @len: how much of it is typed
 *
 * The first word is a command name; the second, the command's own words
 * (module names for insmod, subcommands for kthread, ...).
 * Return: false if nothing can be completed here.
 */
bool shell_completion_init(struct shell_completion *c, const char *line,
			   size_t start, size_t len)
{
	char name[32];
	size_t n = 0, words = 0;

	for (size_t i = 0; i < start; i++)
		if (line[i] != ' ' && (i == 0 || line[i - 1] == ' '))
			words++;
	c->prefix = line + start;
	c->prefix_len = len;
	c->cmd = NULL;
	c->next = complete_command;
	if (words == 0)
		return true;
	if (words != 1)
		return false;
	while (*line == ' ')
		line++;
	while (line[n] && line[n] != ' ' && n < sizeof(name) - 1) {
		name[n] = line[n];
		n++;
	}
	name[n] = '\0';
	c->cmd = shell_find_command(name);
	if (!c->cmd || !c->cmd->complete)
		return false;
	c->next = complete_argument;
	return true;
}

/* Runs the init.run= commands, each shown as "+ cmd" like sh -x. */
static void run_boot_script(void)
{
	char *script = init_run, *one;

	if (!*script)
		return;
	pr_info("shell: running init.run\n");
	while ((one = strsep(&script, ";")) != NULL) {
		one = skip_spaces(one);
		if (!*one)
			continue;
		tty_printf("+ %s\n", one);
		run_command(one);
		if (tty_take_intr())
			break;
	}
}

void shell_run(void)
{
	static char line[SHELL_LINE_MAX];

	trace_boot_end();
	pr_info("shell: ready; type 'help'\n");
	run_boot_script();
	for (;;) {
		int n = shell_readline(PROMPT, line, sizeof(line));

		if (n == SHELL_LINE_INTR)
			continue;
		if (n == SHELL_LINE_TOOLONG) {
			tty_printf("line too long (at most %d characters); ignored\n",
				   SHELL_LINE_MAX - 1);
			continue;
		}
		shell_history_add(line);
		shell_execute(line);
		/* A Ctrl-C the command did not look at is used up with it. */
		tty_take_intr();
	}
}
