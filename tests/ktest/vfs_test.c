/*
 * In-kernel tests of the VFS (kernel/fs/): path walk edge cases, the
 * namespace operations, ramfs data at page boundaries and holes, readdir,
 * a second mount and ".." across it, pipes, the fd table, the cpio
 * unpacker on good and corrupt archives, and that create/delete churn
 * gives back its memory. The layers under the system calls are driven
 * with kernel buffers (kernel_read/kernel_write); the syscalls themselves
 * are left to e2e tests once user space runs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/initrd.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <spindle/ktest.h>
#include <spindle/slab.h>
#include "../../kernel/fs/internal.h"

static int write_file(const char *name, const char *data, size_t len, int flags)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | flags, 0644);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, data, len, &pos);
	fput(f);
	return n < 0 ? n : 0;
}

static ssize_t read_file(const char *name, char *buf, size_t len, loff_t pos)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len, &pos);
	fput(f);
	return n;
}

static int lookup_err(const char *name, unsigned int flags)
{
	struct path p;
	int err = kern_path(name, flags, &p);

	if (!err)
		path_put(&p);
	return err;
}

static void path_walk_edges(struct ktest *t)
{
	char longname[300];

	init_mkdir("/kt", 0755);
	KTEST_EXPECT_EQ(t, init_mkdir("/kt/a", 0755), 0);
	KTEST_EXPECT_EQ(t, init_mkdir("/kt/a", 0755), -EEXIST);
	KTEST_EXPECT_EQ(t, write_file("/kt/a/f", "x", 1, 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/a/f", 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt//a/./f", 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/a/../a/f", 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/../../kt/a", 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/a/f/", LOOKUP_FOLLOW), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/a/f/x", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/a/nope", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_err("", 0), -ENOENT);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	KTEST_EXPECT_EQ(t, lookup_err(longname, 0), -ENAMETOOLONG);
	/* symlinks: relative, absolute, a loop, a trailing one not followed */
	KTEST_EXPECT_EQ(t, init_symlink("a/f", "/kt/rel"), 0);
	KTEST_EXPECT_EQ(t, init_symlink("/kt/a", "/kt/abs"), 0);
	KTEST_EXPECT_EQ(t, init_symlink("/kt/loop", "/kt/loop"), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/rel", LOOKUP_FOLLOW), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/abs/f", 0), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/abs/", LOOKUP_FOLLOW), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/loop", LOOKUP_FOLLOW), -ELOOP);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/loop", 0), 0);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/kt/rel", O_RDONLY | O_NOFOLLOW, 0)), -ELOOP);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/kt/a/f", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/kt/a", O_WRONLY, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/kt/a/f", O_RDONLY | O_CREAT | O_EXCL, 0)), -EEXIST);
}

static void namespace_ops(struct ktest *t)
{
	char buf[8] = { 0 };

	init_mkdir("/kt", 0755);
	init_mkdir("/kt/ns", 0755);
	KTEST_ASSERT_EQ(t, write_file("/kt/ns/one", "hello", 5, 0), 0);
	KTEST_EXPECT_EQ(t, init_link("/kt/ns/one", "/kt/ns/two"), 0);
	KTEST_EXPECT_EQ(t, init_unlink("/kt/ns/one"), 0);
	KTEST_EXPECT_EQ(t, read_file("/kt/ns/two", buf, 5, 0), 5);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "hello", 5));
	KTEST_EXPECT_EQ(t, init_rename("/kt/ns/two", "/kt/ns/three"), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/ns/two", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/ns/three", 0), 0);
	KTEST_EXPECT_EQ(t, init_mkdir("/kt/ns/d", 0755), 0);
	KTEST_EXPECT_EQ(t, init_rename("/kt/ns", "/kt/ns/d/x"), -EINVAL);
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/ns"), -ENOTEMPTY);
	KTEST_EXPECT_EQ(t, init_unlink("/kt/ns/d"), -EISDIR);
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/ns/three"), -ENOTDIR);
	KTEST_EXPECT_EQ(t, init_rename("/kt/ns/three", "/kt/ns/d/moved"), 0);
	KTEST_EXPECT_EQ(t, init_unlink("/kt/ns/d/moved"), 0);
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/ns/d"), 0);
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/ns"), 0);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/ns", 0), -ENOENT);
}

static void data_pages_and_holes(struct ktest *t)
{
	char *buf = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct file *f;
	loff_t pos;
	bool zeros = true;

	KTEST_ASSERT_NOT_NULL(t, buf);
	init_mkdir("/kt", 0755);
	f = filp_open("/kt/data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	memset(buf, 'a', 3 * PAGE_SIZE);
	pos = PAGE_SIZE - 3;		/* straddles a page boundary */
	KTEST_EXPECT_EQ(t, kernel_write(f, buf, 6, &pos), 6);
	pos = 5 * PAGE_SIZE;		/* a hole of several pages */
	KTEST_EXPECT_EQ(t, kernel_write(f, "z", 1, &pos), 1);
	KTEST_EXPECT_EQ(t, file_inode(f)->i_size, 5 * PAGE_SIZE + 1);
	pos = 0;
	memset(buf, 0x55, 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 3 * PAGE_SIZE, &pos), 3 * PAGE_SIZE);
	for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
		if ((i >= PAGE_SIZE - 3 && i < PAGE_SIZE + 3) ? buf[i] != 'a' : buf[i] != 0)
			zeros = false;
	KTEST_EXPECT_TRUE(t, zeros);
	pos = 5 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 10, &pos), 1);
	KTEST_EXPECT_EQ(t, buf[0], 'z');
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 10, &pos), 0);	/* EOF */
	/* Truncate inside a page, grow again: the old tail reads as zeros. */
	KTEST_EXPECT_EQ(t, do_truncate(f->f_path.dentry, PAGE_SIZE - 1), 0);
	KTEST_EXPECT_EQ(t, do_truncate(f->f_path.dentry, PAGE_SIZE + 3), 0);
	pos = PAGE_SIZE - 3;
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 6, &pos), 6);
	KTEST_EXPECT_TRUE(t, buf[0] == 'a' && buf[1] == 'a' && !buf[2] && !buf[5]);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), PAGE_SIZE + 3);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -1, SEEK_SET), -EINVAL);
	fput(f);
	/* O_APPEND writes at the end whatever the position. */
	KTEST_EXPECT_EQ(t, write_file("/kt/data", "q", 1, O_APPEND), 0);
	KTEST_EXPECT_EQ(t, read_file("/kt/data", buf, 4, PAGE_SIZE + 3), 1);
	KTEST_EXPECT_EQ(t, buf[0], 'q');
	KTEST_EXPECT_EQ(t, init_unlink("/kt/data"), 0);
	kfree(buf);
}

struct listing {
	char names[256];
	int count;
};

static bool list_actor(void *arg, const char *name, int len, u64 ino, unsigned int type)
{
	struct listing *l = arg;
	size_t used = strlen(l->names);

	if (used + len + 2 < sizeof(l->names)) {
		memcpy(l->names + used, name, len);
		l->names[used + len] = ' ';
		l->names[used + len + 1] = '\0';
	}
	l->count++;
	return true;
}

static void readdir_lists(struct ktest *t)
{
	struct listing l = { "", 0 };
	struct file *f;

	init_mkdir("/kt", 0755);
	init_mkdir("/kt/ls", 0755);
	write_file("/kt/ls/b", "", 0, 0);
	init_mkdir("/kt/ls/c", 0755);
	f = filp_open("/kt/ls", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_getdents(f, list_actor, &l), 0);
	KTEST_EXPECT_EQ(t, l.count, 4);
	KTEST_EXPECT_TRUE(t, !strcmp(l.names, ". .. b c "));
	l.count = 0;
	KTEST_EXPECT_EQ(t, kernel_getdents(f, list_actor, &l), 0);
	KTEST_EXPECT_EQ(t, l.count, 0);		/* at the end: nothing more */
	fput(f);
	init_unlink("/kt/ls/b");
	init_rmdir("/kt/ls/c");
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/ls"), 0);
}

static void mount_and_dotdot(struct ktest *t)
{
	struct path p;
	char buf[4];

	init_mkdir("/kt", 0755);
	init_mkdir("/kt/mnt", 0755);
	write_file("/kt/outside", "o", 1, 0);
	KTEST_ASSERT_EQ(t, do_mount("none", "/kt/mnt", "tmpfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, write_file("/kt/mnt/inside", "i", 1, 0), 0);
	KTEST_EXPECT_EQ(t, read_file("/kt/mnt/../outside", buf, 1, 0), 1);
	KTEST_EXPECT_EQ(t, buf[0], 'o');
	KTEST_EXPECT_EQ(t, init_link("/kt/mnt/inside", "/kt/cross"), -EXDEV);
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/mnt"), -EBUSY);
	KTEST_ASSERT_EQ(t, kern_path("/kt/mnt", LOOKUP_FOLLOW, &p), 0);
	KTEST_EXPECT_EQ(t, path_umount(&p, 0), 0);
	path_put(&p);
	KTEST_EXPECT_EQ(t, lookup_err("/kt/mnt/inside", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, do_mount("none", "/kt/mnt", "nosuchfs", 0, NULL), -ENODEV);
	init_unlink("/kt/outside");
	KTEST_EXPECT_EQ(t, init_rmdir("/kt/mnt"), 0);
}

static void pipes(struct ktest *t)
{
	struct file *p[2];
	char buf[16];
	loff_t pos = 0;

	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, 4, &pos), -EAGAIN);
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "abcdef", 6, &pos), 6);
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, 4, &pos), 4);	/* partial */
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "abcd", 4));
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, 16, &pos), 2);
	KTEST_EXPECT_EQ(t, kernel_read(p[1], buf, 1, &pos), -EBADF);
	fput(p[1]);					/* writers gone: EOF */
	KTEST_EXPECT_EQ(t, kernel_read(p[0], buf, 16, &pos), 0);
	fput(p[0]);
	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	fput(p[0]);					/* readers gone: EPIPE */
	KTEST_EXPECT_EQ(t, kernel_write(p[1], "x", 1, &pos), -EPIPE);
	fput(p[1]);
}

static void fd_table(struct ktest *t)
{
	struct files_struct *saved = current->files, *copy;
	struct file *f;
	int err, fd;

	current->files = dup_fd(&init_files, &err);
	KTEST_ASSERT_NOT_NULL(t, current->files);
	f = filp_open("/", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	fd = get_unused_fd_flags(0);
	KTEST_EXPECT_EQ(t, fd, 0);
	fd_install(fd, f);
	KTEST_EXPECT_EQ(t, f_dupfd(0, f, O_CLOEXEC), 1);
	KTEST_EXPECT_EQ(t, replace_fd(200, f, 0), 200);	/* grows the table */
	KTEST_EXPECT_TRUE(t, current->files->fdt.max_fds > 200);
	KTEST_EXPECT_TRUE(t, get_close_on_exec(1));
	KTEST_EXPECT_EQ(t, replace_fd(NR_OPEN_MAX, f, 0), -EBADF);
	copy = dup_fd(current->files, &err);
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_TRUE(t, copy->fdt.fd[200] == f && copy->fdt.fd[1] == f);
	KTEST_EXPECT_EQ(t, f->f_count, 6);
	do_close_on_exec(copy);
	KTEST_EXPECT_NULL(t, copy->fdt.fd[1]);
	put_files_struct(copy);
	KTEST_EXPECT_EQ(t, close_fd(1), 0);
	KTEST_EXPECT_EQ(t, close_fd(1), -EBADF);
	KTEST_EXPECT_EQ(t, get_unused_fd_flags(0), 1);	/* lowest free */
	put_unused_fd(1);
	KTEST_EXPECT_EQ(t, f->f_count, 2);
	put_files_struct(current->files);
	current->files = saved;
}

/* Builds a newc entry at @p. Return: the bytes written (4-aligned). */
static size_t cpio_entry(char *p, const char *name, unsigned int mode,
			 const char *data, unsigned int size, unsigned int ino)
{
	size_t namesize = strlen(name) + 1, n;

	n = snprintf(p, 111, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		     ino, mode, 0, 0, 1, 1000, size, 0, 0, 0, 0, (unsigned int)namesize, 0);
	memcpy(p + n, name, namesize);
	n = ALIGN(n + namesize, 4);
	memcpy(p + n, data, size);
	return ALIGN(n + size, 4);
}

static void cpio_unpack(struct ktest *t)
{
	char *a = kzalloc(4096, GFP_KERNEL), buf[8];
	size_t n = 0, good;

	KTEST_ASSERT_NOT_NULL(t, a);
	n += cpio_entry(a + n, "ktc", S_IFDIR | 0755, "", 0, 1);
	n += cpio_entry(a + n, "ktc/file", S_IFREG | 0644, "data", 4, 2);
	n += cpio_entry(a + n, "ktc/link", S_IFLNK | 0777, "file", 4, 3);
	n += cpio_entry(a + n, "ktc/null", S_IFCHR | 0666, "", 0, 4);
	good = n;
	n += cpio_entry(a + n, "TRAILER!!!", 0, "", 0, 0);
	KTEST_EXPECT_NULL(t, unpack_to_rootfs(a, n));
	KTEST_EXPECT_EQ(t, read_file("/ktc/link", buf, 8, 0), 4);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "data", 4));
	KTEST_EXPECT_EQ(t, lookup_err("/ktc/null", 0), 0);
	/* corrupt archives: each stops with a reason */
	KTEST_EXPECT_TRUE(t, !strcmp(unpack_to_rootfs(a, good), "TRAILER!!! missing"));
	KTEST_EXPECT_TRUE(t, !strcmp(unpack_to_rootfs(a, 50), "truncated header"));
	a[0] = 'X';
	KTEST_EXPECT_TRUE(t, !strcmp(unpack_to_rootfs(a, n), "no cpio magic"));
	a[0] = '0';
	KTEST_EXPECT_TRUE(t, !strcmp(unpack_to_rootfs(a, 112), "name past the end"));
	memcpy(a + 6 + 8 * 6, "7FFFFFFF", 8);	/* the directory's filesize */
	KTEST_EXPECT_TRUE(t, !strcmp(unpack_to_rootfs(a, n), "file past the end"));
	init_unlink("/ktc/file");
	init_unlink("/ktc/link");
	init_unlink("/ktc/null");
	KTEST_EXPECT_EQ(t, init_rmdir("/ktc"), 0);
	kfree(a);
}

static void churn_does_not_leak(struct ktest *t)
{
	unsigned long pages, objs;
	char name[32];

	init_mkdir("/kt", 0755);
	write_file("/kt/warm", "w", 1, 0);	/* caches made before measuring */
	init_unlink("/kt/warm");
	kmem_cache_shrink_all();
	pages = nr_free_pages();
	objs = slab_active_objects();
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/kt/churn%d", i);
		write_file(name, name, PAGE_SIZE < 20 ? 1 : 20, 0);
	}
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/kt/churn%d", i);
		init_unlink(name);
	}
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, slab_active_objects(), objs);
	KTEST_EXPECT_TRUE(t, nr_free_pages() + 4 >= pages);
}

static const struct ktest_case vfs_cases[] = {
	KTEST_CASE(path_walk_edges),
	KTEST_CASE(namespace_ops),
	KTEST_CASE(data_pages_and_holes),
	KTEST_CASE(readdir_lists),
	KTEST_CASE(mount_and_dotdot),
	KTEST_CASE(pipes),
	KTEST_CASE(fd_table),
	KTEST_CASE(cpio_unpack),
	KTEST_CASE(churn_does_not_leak),
	{}
};

static const struct ktest_suite vfs_suite = {
	.name = "vfs",
	.cases = vfs_cases,
};
ktest_register_suite(vfs_suite);
