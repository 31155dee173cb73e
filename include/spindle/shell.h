/* The console shell (kernel/shell/). */
#ifndef _SPINDLE_SHELL_H
#define _SPINDLE_SHELL_H

#include <linux/types.h>

#define SHELL_LINE_MAX 256
#define SHELL_MAX_ARGS 16
#define SHELL_LINE_INTR (-1)	/* shell_readline(): Ctrl-C */
#define SHELL_LINE_TOOLONG (-2)	/* shell_readline(): did not fit */

struct shell_command {
	const char *name;
	const char *usage;	/* "NAME ARGS - what it does" */
	int (*run)(int argc, char **argv);
	const char *help;	/* more lines for `help NAME`, or NULL */
	/* Tab completion of the first argument: the @i-th word, or NULL. */
	const char *(*complete)(unsigned int i);
};

/* What Tab completes: the word at @prefix among @next's candidates. */
struct shell_completion {
	const char *prefix;
	size_t prefix_len;
	const struct shell_command *cmd;	/* NULL: command names */
	const char *(*next)(const struct shell_completion *c, unsigned int i);
};

/* Reads and runs commands from the console, forever. */
void __attribute__((noreturn)) shell_run(void);
/* Runs one command line; returns the command's result. */
int shell_execute(char *line);

/* kernel/shell/capture.c: a command's output into a buffer (debugfs). */
int shell_run_captured(char *line, char *out, size_t size);
/* From tty_write(): true if current's output was captured. */
bool shell_capture_write(const char *s, size_t len);

/* kernel/shell/readline.c */
int shell_readline(const char *prompt, char *buf, size_t size);
void shell_history_add(const char *line);
/* kernel/shell/shell.c: what Tab completes at @start in @line. */
bool shell_completion_init(struct shell_completion *c, const char *line,
			   size_t start, size_t len);

int shell_usage(const char *name);
const struct shell_command *shell_find_command(const char *name);
/* Parses a decimal int in [@min, @max]; prints why not and returns -EINVAL. */
int shell_parse_int(const char *cmd, const char *what, const char *s, int min,
		    int max, int *out);
/* Prints "@what: @err (-ENAME)" style results. */
const char *shell_errname(int err);

/* kernel/shell/tasks.c */
int cmd_ps(int argc, char **argv);
int cmd_pstree(int argc, char **argv);
int cmd_top(int argc, char **argv);
struct task_struct;
char task_state_letter(const struct task_struct *p);
/* The task with @pid, with a reference taken (put_task_struct), or NULL. */
struct task_struct *shell_get_task(int pid);

/* kernel/shell/kthread_cmd.c, trace_cmd.c, kernel/lkdtm/core.c */
int cmd_kthread(int argc, char **argv);
const char *kthread_cmd_complete(unsigned int i);
int cmd_trace(int argc, char **argv);
const char *trace_cmd_complete(unsigned int i);
int cmd_lkdtm(int argc, char **argv);
const char *lkdtm_complete(unsigned int i);

/* kernel/shell/cpu_cmd.c */
int cmd_cpu(int argc, char **argv);
const char *cpu_cmd_complete(unsigned int i);

/* kernel/shell/fs_cmds.c */
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);

extern const struct shell_command shell_commands[];
extern const unsigned int shell_nr_commands;

#endif
