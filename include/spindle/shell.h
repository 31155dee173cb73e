/* The console shell (kernel/shell/). */
#ifndef _SPINDLE_SHELL_H
#define _SPINDLE_SHELL_H

#define SHELL_LINE_MAX 256
#define SHELL_MAX_ARGS 16

struct shell_command {
	const char *name;
	const char *usage;	/* "NAME ARGS - what it does" */
	int (*run)(int argc, char **argv);
};

/* Reads and runs commands from the console, forever. */
void __attribute__((noreturn)) shell_run(void);
/* Runs one command line; returns the command's result. */
int shell_execute(char *line);

int shell_usage(const char *name);
/* kernel/shell/tasks.c */
int cmd_ps(int argc, char **argv);
int cmd_pstree(int argc, char **argv);
struct task_struct;
char task_state_letter(const struct task_struct *p);

extern const struct shell_command shell_commands[];
extern const unsigned int shell_nr_commands;

#endif
