/*
 * Inodes, as Linux's fs/inode.c without the inode hash: an inode lives
 * while something references it (a dentry, an open file) and is evicted
 * at the last iput(), when the file system frees its data.
 * Lock: i_count is atomic; sb_inode_lock guards the super_block's list.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/timekeeping.h>

static struct kmem_cache *inode_cache;
static DEFINE_SPINLOCK(sb_inode_lock);
static unsigned long last_ino;

unsigned long get_next_ino(void)
{
	return __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
}

/*
 * There is no real-time clock yet: file times count from the epoch as if
 * the machine booted at 1970-01-01 (documented in docs/filesystems.md).
 */
struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_ns();

	return (struct timespec64){ .tv_sec = ns / 1000000000,
				    .tv_nsec = ns % 1000000000 };
}

/**
 * new_inode - allocate an inode of @sb
 * @sb: its file system
 *
 * Return: an inode with one reference, a fresh number, mode 0, or NULL.
 */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;

	if (!inode_cache)
		inode_cache = kmem_cache_create("inode", sizeof(struct inode), 0, 0, NULL);
	inode = kmem_cache_zalloc(inode_cache, GFP_KERNEL);
	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_ino = get_next_ino();
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	mutex_init(&inode->i_rwsem);
	spin_lock(&sb_inode_lock);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb_inode_lock);
	return inode;
}

void ihold(struct inode *inode)
{
	WARN_ON(__atomic_add_fetch(&inode->i_count, 1, __ATOMIC_RELAXED) < 2);
}

static void evict(struct inode *inode)
{
	spin_lock(&sb_inode_lock);
	list_del(&inode->i_sb_list);
	spin_unlock(&sb_inode_lock);
	if (inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	if (inode->i_pipe)
		free_pipe_info(inode->i_pipe);
	kmem_cache_free(inode_cache, inode);
}

/**
 * iput - drop a reference to an inode
 * @inode: the inode, or NULL
 *
 * The last reference evicts it: nothing caches unreferenced inodes, and
 * a RAM file system's live files are referenced by their dentries.
 * Context: may sleep.
 */
void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (__atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL) == 0)
		evict(inode);
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	if (!WARN_ON(inode->i_nlink == 0))
		inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

/**
 * init_special_inode - make @inode a device node, FIFO or socket
 * @inode: a new inode
 * @mode: its type and permissions
 * @rdev: the device (character and block devices)
 */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	} else if (S_ISBLK(mode)) {
		inode->i_rdev = rdev;	/* no block devices: open gives -ENXIO */
	}
}

/* Linux's may_open(FMODE_EXEC): a regular file with an x bit. */
int inode_permission_exec(struct inode *inode)
{
	if (!S_ISREG(inode->i_mode))
		return -EACCES;
	if (!(inode->i_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return -EACCES;
	return 0;
}
