/*
 * Unpacking the initramfs, as Linux's init/initramfs.c: the boot loader's
 * cpio archive ("newc" 070701, or 070702 with checksums, the format of
 * usr/gen_init_cpio) is written into the rootfs before init runs:
 * directories, regular files, symlinks, device nodes and FIFOs, hard
 * links (entries with the same ino/dev), modes, owners and mtimes, up to
 * "TRAILER!!!". Every field is checked against the end of the buffer; a
 * bad archive stops with "Initramfs unpacking failed: ..." and what was
 * unpacked stays. Compressed archives are not supported (reported as
 * Linux does for an unknown compression).
 */
#include <linux/fs.h>
#include <linux/initrd.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include "internal.h"

#define CPIO_HDR_LEN 110
#define N_FIELDS 13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_MAJ, F_MIN,
       F_RMAJ, F_RMIN, F_NAMESIZE, F_CHKSUM };

struct hardlink {
	struct hardlink *next;
	unsigned long ino, major, minor;
	char name[];
};

struct cpio_state {
	const char *buf, *end;
	unsigned long f[N_FIELDS];
	bool crc;
	struct hardlink *links;
};

static int parse_hex8(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -EINVAL;
		v = v * 16 + d;
	}
	*out = v;
	return 0;
}

static const char *parse_header(struct cpio_state *s)
{
	const char *h = s->buf;

	if (s->end - h < CPIO_HDR_LEN)
		return "truncated header";
	if (memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2'))
		return h[0] == 0x1f ? "compressed archives are not supported (gzip)" :
				      "no cpio magic";
	s->crc = h[5] == '2';
	for (int i = 0; i < N_FIELDS; i++)
		if (parse_hex8(h + 6 + 8 * i, &s->f[i]))
			return "bad header field";
	return NULL;
}

static struct hardlink *find_link(struct cpio_state *s)
{
	for (struct hardlink *l = s->links; l; l = l->next)
		if (l->ino == s->f[F_INO] && l->major == s->f[F_MAJ] &&
		    l->minor == s->f[F_MIN])
			return l;
	return NULL;
}

static void remember_link(struct cpio_state *s, const char *name)
{
	size_t len = strlen(name) + 1;
	struct hardlink *l = kmalloc(sizeof(*l) + len, GFP_KERNEL);

	if (!l)
		return;
	l->ino = s->f[F_INO];
	l->major = s->f[F_MAJ];
	l->minor = s->f[F_MIN];
	memcpy(l->name, name, len);
	l->next = s->links;
	s->links = l;
}

static void free_links(struct cpio_state *s)
{
	while (s->links) {
		struct hardlink *l = s->links;

		s->links = l->next;
		kfree(l);
	}
}

static void set_attrs(struct cpio_state *s, const char *name)
{
	struct timespec64 t[2] = { { s->f[F_MTIME], 0 }, { s->f[F_MTIME], 0 } };

	init_chown(name, s->f[F_UID], s->f[F_GID]);
	if (!S_ISLNK(s->f[F_MODE]))
		init_chmod(name, s->f[F_MODE] & S_IALLUGO);
	init_utimes(name, t);
}

static const char *write_file(struct cpio_state *s, const char *name, const char *data)
{
	unsigned long size = s->f[F_FILESIZE];
	unsigned long sum = 0;
	struct file *f;
	loff_t pos = 0;

	if (s->crc) {
		for (unsigned long i = 0; i < size; i++)
			sum += (unsigned char)data[i];
		if ((sum & 0xffffffff) != s->f[F_CHKSUM])
			return "bad checksum";
	}
	if (s->f[F_NLINK] >= 2) {
		struct hardlink *l = find_link(s);

		if (l) {
			init_unlink(name);
			init_link(l->name, name);
			return NULL;
		}
		remember_link(s, name);
	}
	f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, s->f[F_MODE] & S_IALLUGO);
	if (IS_ERR(f)) {
		pr_warn("initramfs: cannot create %s: %ld\n", name, PTR_ERR(f));
		return NULL;
	}
	if (size && kernel_write(f, data, size, &pos) != (ssize_t)size)
		pr_warn("initramfs: short write to %s\n", name);
	fput(f);
	return NULL;
}

/* Creates one entry. Return: NULL or why unpacking must stop. */
static const char *do_entry(struct cpio_state *s, const char *name, const char *data)
{
	umode_t mode = s->f[F_MODE];
	char *target;
	const char *err = NULL;

	if (!strcmp(name, ".") || !strcmp(name, ""))
		return NULL;
	switch (mode & S_IFMT) {
	case S_IFREG:
		return write_file(s, name, data) ?: (set_attrs(s, name), NULL);
	case S_IFDIR:
		if (init_mkdir(name, mode & S_IALLUGO) == -EEXIST)
			init_chmod(name, mode & S_IALLUGO);
		break;
	case S_IFLNK:
		target = kmalloc(s->f[F_FILESIZE] + 1, GFP_KERNEL);
		if (!target)
			return "out of memory";
		memcpy(target, data, s->f[F_FILESIZE]);
		target[s->f[F_FILESIZE]] = '\0';
		init_unlink(name);
		init_symlink(target, name);
		kfree(target);
		break;
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		init_unlink(name);
		init_mknod(name, mode, MKDEV(s->f[F_RMAJ], s->f[F_RMIN]));
		break;
	default:
		return NULL;	/* unknown type: skipped, as Linux */
	}
	set_attrs(s, name);
	return err;
}

/**
 * unpack_to_rootfs - write a cpio archive into the current root
 * @buf: the archive
 * @len: its length
 *
 * Return: NULL on success, or a message saying why it stopped (the
 * entries before that point stay).
 */
const char *unpack_to_rootfs(const char *buf, unsigned long len)
{
	struct cpio_state s = { .buf = buf, .end = buf + len };
	const char *msg = NULL;

	for (;;) {
		unsigned long namesize, filesize;
		const char *name, *data;

		/* Zero padding may separate concatenated archives. */
		while (s.buf < s.end && !*s.buf)
			s.buf++;
		if (s.buf >= s.end) {
			msg = "TRAILER!!! missing";
			break;
		}
		msg = parse_header(&s);
		if (msg)
			break;
		namesize = s.f[F_NAMESIZE];
		filesize = s.f[F_FILESIZE];
		name = s.buf + CPIO_HDR_LEN;
		if (namesize == 0 || namesize > PATH_MAX ||
		    namesize > (unsigned long)(s.end - name)) {
			msg = "name past the end";
			break;
		}
		if (name[namesize - 1] != '\0') {
			msg = "name not terminated";
			break;
		}
		data = buf + ALIGN(name + namesize - buf, 4);
		if (data > s.end || filesize > (unsigned long)(s.end - data)) {
			msg = "file past the end";
			break;
		}
		if (!strcmp(name, "TRAILER!!!"))
			break;
		msg = do_entry(&s, name, data);
		if (msg)
			break;
		s.buf = buf + ALIGN(data + filesize - buf, 4);
	}
	free_links(&s);
	return msg;
}

unsigned long initrd_start, initrd_end;

__weak void free_initrd_mem(unsigned long start, unsigned long end)
{
}

/**
 * populate_rootfs - unpack the boot loader's initramfs into "/"
 *
 * A rootfs_initcall: after the file systems and devtmpfs are up, before
 * kernel_init looks for /init. Frees the archive's pages afterwards.
 * Return: 0 (a bad archive is reported, not fatal).
 */
int __init populate_rootfs(void)
{
	const char *err;

	if (!initrd_start || initrd_end <= initrd_start)
		return 0;
	err = unpack_to_rootfs((const char *)initrd_start, initrd_end - initrd_start);
	if (err)
		pr_err("Initramfs unpacking failed: %s\n", err);
	else
		pr_info("initramfs: unpacked %lu bytes\n", initrd_end - initrd_start);
	free_initrd_mem(initrd_start, initrd_end);
	pr_info("Freeing initrd memory: %luK\n", (initrd_end - initrd_start) >> 10);
	initrd_start = initrd_end = 0;
	return 0;
}
rootfs_initcall(populate_rootfs);
