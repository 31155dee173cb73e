/*
 * The shell's looks at the root file system: `ls [PATH]` lists a
 * directory (type, mode, size, name) or names one file; `cat FILE`
 * prints a file. They go through the VFS like any kernel user
 * (filp_open, kernel_getdents, kernel_read), from the shell's own root
 * and working directory (init_fs).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <spindle/shell.h>
#include <spindle/tty.h>
#include "../fs/internal.h"

static char type_letter(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFLNK: return 'l';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	case S_IFSOCK: return 's';
	default: return '-';
	}
}

static void print_entry(const char *path, const char *name)
{
	struct path p;
	struct inode *inode;

	if (kern_path(path, 0, &p)) {
		tty_printf("?          %8s %s\n", "?", name);
		return;
	}
	inode = p.dentry->d_inode;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		tty_printf("%c%04o %3u, %3u %s\n", type_letter(inode->i_mode),
			   inode->i_mode & 07777, MAJOR(inode->i_rdev),
			   MINOR(inode->i_rdev), name);
	else
		tty_printf("%c%04o %8lld %s%s%s\n", type_letter(inode->i_mode),
			   inode->i_mode & 07777, inode->i_size, name,
			   S_ISLNK(inode->i_mode) ? " -> " : "",
			   S_ISLNK(inode->i_mode) ? inode->i_link ? inode->i_link : "?" : "");
	path_put(&p);
}

struct ls_ctx {
	const char *dir;
	char *buf;
};

static bool ls_actor(void *arg, const char *name, int len, u64 ino, unsigned int type)
{
	struct ls_ctx *c = arg;
	char short_name[NAME_MAX + 1];

	memcpy(short_name, name, len);
	short_name[len] = '\0';
	snprintf(c->buf, PATH_MAX, "%s/%s", c->dir, short_name);
	print_entry(c->buf, short_name);
	return true;
}

int cmd_ls(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	struct ls_ctx c = { .dir = dir };
	struct file *f;
	int err;

	if (argc > 2)
		return shell_usage(argv[0]);
	f = filp_open(dir, O_RDONLY, 0);
	if (IS_ERR(f)) {
		tty_printf("ls: %s: %s\n", dir, shell_errname(PTR_ERR(f)));
		return PTR_ERR(f);
	}
	if (!S_ISDIR(file_inode(f)->i_mode)) {
		fput(f);
		print_entry(dir, dir);
		return 0;
	}
	c.buf = kmalloc(PATH_MAX, GFP_KERNEL);
	err = c.buf ? kernel_getdents(f, ls_actor, &c) : -ENOMEM;
	kfree(c.buf);
	fput(f);
	return err;
}

int cmd_cat(int argc, char **argv)
{
	char buf[256];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	if (argc != 2)
		return shell_usage(argv[0]);
	f = filp_open(argv[1], O_RDONLY, 0);
	if (IS_ERR(f)) {
		tty_printf("cat: %s: %s\n", argv[1], shell_errname(PTR_ERR(f)));
		return PTR_ERR(f);
	}
	while ((n = kernel_read(f, buf, sizeof(buf), &pos)) > 0)
		tty_printf("%.*s", (int)n, buf);
	fput(f);
	if (n < 0)
		tty_printf("cat: %s: %s\n", argv[1], shell_errname(n));
	return n < 0 ? n : 0;
}
