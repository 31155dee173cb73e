/*
 * Pipes and FIFOs, as Linux's fs/pipe.c: a ring of bytes in up to 16
 * pages (64 KiB). A reader sleeps while it is empty and a writer exists;
 * a writer sleeps while it is full, and gets EPIPE (and SIGPIPE) when no
 * reader is left. Writes of at most PIPE_BUF bytes are atomic. pipe(2)
 * makes an inode on the internal pipefs; a FIFO is a ramfs inode whose
 * i_pipe is made at first open.
 * Lock: pipe->mutex guards the ring and counts; sleeping is done with it
 * dropped, on rd_wait/wr_wait.
 */
#include <linux/lockdep.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/linux/statfs.h>
#include "internal.h"

static struct vfsmount *pipe_mnt;
static DEFINE_MUTEX(fifo_open_lock);	/* creation of a FIFO's i_pipe */

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->size = PIPE_DEF_BUFFERS * PAGE_SIZE;
	return pipe;
}

void free_pipe_info(struct pipe_inode_info *pipe)
{
	for (int i = 0; i < PIPE_DEF_BUFFERS; i++)
		if (pipe->pages[i])
			free_page((unsigned long)pipe->pages[i]);
	kfree(pipe);
}

/* Sleeps on @wq until @cond may have changed. Return: 0 or -ERESTARTSYS. */
static int pipe_wait(struct pipe_inode_info *pipe, wait_queue_head_t *wq)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(wq, &wait, TASK_INTERRUPTIBLE);
	mutex_unlock(&pipe->mutex);
	if (!signal_pending(current))
		schedule();
	finish_wait(wq, &wait);
	mutex_lock(&pipe->mutex);
	return signal_pending(current) ? -ERESTARTSYS : 0;
}

/* Copies up to @n bytes out of the ring at tail. Return: bytes copied. */
static size_t ring_out(struct pipe_inode_info *pipe, struct iov_iter *to, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned int off = pipe->tail % pipe->size;
		size_t chunk = min(n - done, PAGE_SIZE - off % PAGE_SIZE);
		size_t got = copy_to_iter((char *)pipe->pages[off / PAGE_SIZE] +
					  off % PAGE_SIZE, chunk, to);

		pipe->tail += got;
		done += got;
		if (got < chunk)
			break;
	}
	return done;
}

static ssize_t ring_in(struct pipe_inode_info *pipe, struct iov_iter *from, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned int off = pipe->head % pipe->size;
		size_t chunk = min(n - done, PAGE_SIZE - off % PAGE_SIZE), got;
		void **page = &pipe->pages[off / PAGE_SIZE];

		if (!*page && !(*page = (void *)__get_free_page(GFP_KERNEL)))
			return done ? (ssize_t)done : -ENOMEM;
		got = copy_from_iter((char *)*page + off % PAGE_SIZE, chunk, from);
		pipe->head += got;
		done += got;
		if (got < chunk)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

static ssize_t pipe_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->private_data;
	size_t want = iov_iter_count(to);
	ssize_t ret = 0;

	mutex_lock(&pipe->mutex);
	for (;;) {
		size_t avail = pipe->head - pipe->tail;

		if (avail) {
			ret = ring_out(pipe, to, min(avail, want));
			if (!ret)
				ret = -EFAULT;
			wake_up_interruptible_all(&pipe->wr_wait);
			break;
		}
		if (!pipe->writers)
			break;		/* end of file */
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = -EAGAIN;
			break;
		}
		ret = pipe_wait(pipe, &pipe->rd_wait);
		if (ret)
			break;
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

static ssize_t pipe_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->private_data;
	size_t total = iov_iter_count(from), done = 0;
	ssize_t ret = 0;

	mutex_lock(&pipe->mutex);
	while (done < total) {
		size_t room = pipe->size - (pipe->head - pipe->tail);
		size_t left = total - done;

		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = -EPIPE;
			break;
		}
		/* A small write goes in whole or waits: PIPE_BUF atomicity. */
		if (room && (left > PIPE_BUF || room >= left)) {
			ret = ring_in(pipe, from, min(room, left));
			if (ret < 0)
				break;
			done += ret;
			wake_up_interruptible_all(&pipe->rd_wait);
			continue;
		}
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = -EAGAIN;
			break;
		}
		ret = pipe_wait(pipe, &pipe->wr_wait);
		if (ret)
			break;
	}
	mutex_unlock(&pipe->mutex);
	return done ? (ssize_t)done : ret;
}

__poll_t pipe_poll(struct file *filp, struct poll_table_struct *wait)
{
	struct pipe_inode_info *pipe = filp->private_data;
	__poll_t mask = 0;

	poll_wait(filp, &pipe->rd_wait, wait);
	poll_wait(filp, &pipe->wr_wait, wait);
	mutex_lock(&pipe->mutex);
	if (filp->f_mode & FMODE_READ) {
		if (pipe->head != pipe->tail)
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!pipe->writers)
			mask |= EPOLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (pipe->size - (pipe->head - pipe->tail) >= PIPE_BUF)
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!pipe->readers)
			mask |= EPOLLERR;
	}
	mutex_unlock(&pipe->mutex);
	return mask;
}

/* One file less on @pipe; the last frees it. Caller holds pipe->mutex. */
static void put_pipe(struct inode *inode, struct pipe_inode_info *pipe)
{
	bool free = --pipe->files == 0;

	lockdep_assert_held(&pipe->mutex);
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
	if (free) {
		mutex_lock(&fifo_open_lock);
		inode->i_pipe = NULL;
		mutex_unlock(&fifo_open_lock);
		free_pipe_info(pipe);
	}
}

static int pipe_release(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe = filp->private_data;

	mutex_lock(&pipe->mutex);
	if (filp->f_mode & FMODE_READ)
		pipe->readers--;
	if (filp->f_mode & FMODE_WRITE)
		pipe->writers--;
	put_pipe(inode, pipe);
	return 0;
}

/* A FIFO's open: the shared pipe, and Linux's rendezvous of the two ends. */
int pipe_fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe;
	int ret = 0;

	mutex_lock(&fifo_open_lock);
	pipe = inode->i_pipe;
	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe) {
			mutex_unlock(&fifo_open_lock);
			return -ENOMEM;
		}
		inode->i_pipe = pipe;
	}
	mutex_lock(&pipe->mutex);
	pipe->files++;
	mutex_unlock(&fifo_open_lock);
	filp->private_data = pipe;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	if (filp->f_mode & FMODE_READ) {
		pipe->readers++;
		pipe->r_counter++;
		wake_up_interruptible_all(&pipe->wr_wait);
		while (!pipe->writers && !(filp->f_flags & O_NONBLOCK)) {
			unsigned int seen = pipe->w_counter;

			while (pipe->w_counter == seen && !ret)
				ret = pipe_wait(pipe, &pipe->rd_wait);
			if (ret)
				break;
		}
	}
	if (!ret && (filp->f_mode & FMODE_WRITE)) {
		if (!pipe->readers && (filp->f_flags & O_NONBLOCK) &&
		    !(filp->f_mode & FMODE_READ)) {
			ret = -ENXIO;
		} else {
			pipe->writers++;
			pipe->w_counter++;
			wake_up_interruptible_all(&pipe->rd_wait);
			while (!pipe->readers && !ret) {
				unsigned int seen = pipe->r_counter;

				while (pipe->r_counter == seen && !ret)
					ret = pipe_wait(pipe, &pipe->wr_wait);
			}
			if (ret)
				pipe->writers--;
		}
	}
	if (ret) {
		if (filp->f_mode & FMODE_READ)
			pipe->readers--;
		filp->private_data = NULL;
		put_pipe(inode, pipe);
		return ret;
	}
	mutex_unlock(&pipe->mutex);
	return 0;
}

static int fifo_release(struct inode *inode, struct file *filp)
{
	return filp->private_data ? pipe_release(inode, filp) : 0;
}

const struct file_operations pipefifo_fops = {
	.open = pipe_fifo_open,
	.llseek = no_llseek,
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.poll = pipe_poll,
	.release = fifo_release,
};

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	struct super_block *sb = sget_anon(type);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_magic = PIPEFS_MAGIC;
	root = new_inode(sb);
	if (root)
		root->i_mode = S_IFDIR | 0500;
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return dget(sb->s_root);
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_litter_super,
};

/* An inode and dentry on pipefs, named like Linux's "pipe:[ino]". */
static struct dentry *new_pipe_dentry(void)
{
	struct inode *inode;
	struct dentry *d;
	char name[32];
	struct qstr q;

	if (!pipe_mnt) {
		pipe_mnt = vfs_kern_mount(&pipe_fs_type, 0, "pipefs", NULL);
		if (IS_ERR(pipe_mnt)) {
			pipe_mnt = NULL;
			return NULL;
		}
	}
	inode = new_inode(pipe_mnt->mnt_sb);
	if (!inode)
		return NULL;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = alloc_pipe_info();
	q.len = snprintf(name, sizeof(name), "pipe:[%lu]", inode->i_ino);
	q.name = name;
	d = inode->i_pipe ? d_alloc(pipe_mnt->mnt_root, &q) : NULL;
	if (!d) {
		iput(inode);
		return NULL;
	}
	d_drop(d);	/* anonymous: no lookup finds it */
	d_instantiate(d, inode);
	return d;
}

/**
 * create_pipe_files - the two ends of a new pipe
 * @res: receives the read end [0] and the write end [1]
 * @flags: O_NONBLOCK (both ends get it)
 *
 * Return: 0 or -ENOMEM.
 */
int create_pipe_files(struct file **res, int flags)
{
	struct dentry *d = new_pipe_dentry();
	struct path path;
	struct pipe_inode_info *pipe;

	if (!d)
		return -ENOMEM;
	pipe = d->d_inode->i_pipe;
	path.mnt = mntget(pipe_mnt);
	path.dentry = d;
	res[0] = alloc_file(&path, O_RDONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (IS_ERR(res[0])) {
		path_put(&path);
		return -ENOMEM;
	}
	path_get(&path);
	res[1] = alloc_file(&path, O_WRONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (IS_ERR(res[1])) {
		path_put(&path);
		res[0]->f_op = NULL;
		fput(res[0]);
		return -ENOMEM;
	}
	for (int i = 0; i < 2; i++)
		res[i]->private_data = pipe;
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;
	return 0;
}

static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	err = fd[1] < 0 ? fd[1] : 0;
	if (!err && copy_to_user(fildes, fd, sizeof(fd)))
		err = -EFAULT;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(fd[0]);
		if (fd[1] >= 0 && fd[1] != fd[0])
			put_unused_fd(fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}
