/*
 * A program being executed, as Linux's include/linux/binfmts.h: execve()
 * gathers the file, its first bytes and copies of argv and envp here
 * before the old program is thrown away, so a failure up to the point of
 * no return leaves the caller intact.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;
struct mm_struct;

#define BINPRM_BUF_SIZE 256
#define MAX_ARG_STRLEN (32 * 4096)	/* one argument or variable */
#define BINPRM_MAX_RECURSION 4		/* #! interpreters of interpreters */

/* Strings copied into the kernel, NUL-separated, in order. */
struct arg_list {
	char *buf;
	size_t len, cap;
	int count;
};

struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *filename;		/* what execve() was asked to run */
	char *interp;			/* the file really opened (#! changes it) */
	struct arg_list argv, envp;
	size_t args_limit;		/* argv + envp bytes allowed (E2BIG) */
	int recursion;
};

/* Where argv and envp come from: user space, or the kernel (kernel_init). */
struct user_arg_ptr {
	bool is_kernel;
	union {
		const char __user *const __user *user;
		const char *const *kernel;
	};
};

/* kernel/fs/exec.c */
int do_execve(const char *filename, struct user_arg_ptr argv, struct user_arg_ptr envp);
/* Runs a program from the kernel, as Linux's kernel_execve(): PID 1's
 * /init. On success the caller returns to user mode in the new program. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);
/* The new program replaces the old: after this, failure kills. */
int begin_new_exec(struct linux_binprm *bprm);
int bprm_open(struct linux_binprm *bprm, const char *name);
/* Hands the program to the binary formats; recursive for #! scripts. */
int exec_binprm(struct linux_binprm *bprm);
int arg_list_add(struct arg_list *l, const char *s, size_t len, size_t limit);
void arg_list_free(struct arg_list *l);

/* kernel/fs/binfmt_elf.c and binfmt_script.c: -ENOEXEC if not theirs. */
int load_elf_binary(struct linux_binprm *bprm);
int load_script(struct linux_binprm *bprm);

#endif
