/*
 * The console shell's loop: prints a prompt, reads a line from the
 * console input queue (serial and keyboard), splits it into words and
 * runs the command. Enter is CR or LF (serial terminals send CR; a CR LF
 * pair counts once). Lines longer than the buffer are refused whole.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <spindle/shell.h>
#include <spindle/tty.h>

#define PROMPT "spindle# "

static const struct shell_command *find_command(const char *name)
{
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		if (!strcmp(shell_commands[i].name, name))
			return &shell_commands[i];
	return NULL;
}

/* Prints @name's usage line; returns -EINVAL for the caller to pass on. */
int shell_usage(const char *name)
{
	const struct shell_command *cmd = find_command(name);

	if (cmd)
		tty_printf("usage: %s\n", cmd->usage);
	return -EINVAL;
}

int shell_execute(char *line)
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
	cmd = find_command(argv[0]);
	if (!cmd) {
		tty_printf("%s: command not found; try 'help'\n", argv[0]);
		return -ENOENT;
	}
	return cmd->run(argc, argv);
}

/* Reads one line; returns its length, or -1 if it overflowed the buffer. */
static int read_line(char *buf, size_t size)
{
	static bool last_was_cr;
	size_t len = 0;
	bool overflow = false;

	for (;;) {
		int c = tty_getc();

		if (c == '\n' && last_was_cr) {
			last_was_cr = false;
			continue;
		}
		last_was_cr = c == '\r';
		if (c == '\r' || c == '\n') {
			tty_write("\n", 1);
			break;
		}
		if ((c == '\b' || c == 0x7f) && len) {
			len--;
			tty_write("\b \b", 3);
		} else if (isprint(c)) {
			if (len + 1 < size) {
				buf[len++] = c;
				tty_write(buf + len - 1, 1);
			} else {
				overflow = true;
			}
		}
	}
	buf[len] = '\0';
	return overflow ? -1 : (int)len;
}

void shell_run(void)
{
	static char line[SHELL_LINE_MAX];

	pr_info("shell: ready; type 'help'\n");
	for (;;) {
		tty_write(PROMPT, sizeof(PROMPT) - 1);
		if (read_line(line, sizeof(line)) < 0) {
			tty_printf("line too long (at most %d characters); ignored\n",
			       SHELL_LINE_MAX - 1);
			continue;
		}
		shell_execute(line);
	}
}
