/*
 * N_TTY, the line discipline of every terminal (Linux's
 * drivers/tty/n_tty.c): input processing (ISTRIP, ICRNL, ...), canonical
 * line editing with echo, the signal characters (ISIG), raw reads with
 * VMIN/VTIME, and output processing (OPOST, ONLCR, tabs).
 *
 * Simplified: echoes are written at once instead of through Linux's echo
 * buffer, and ^S stops write(2) but not echoes; no ECHOPRT, PARMRK,
 * EXTPROC or packet mode. Locking: everything in struct n_tty_data and the
 * output column are under tty->lock; a reader holds atomic_read_lock and a
 * writer atomic_write_lock for the whole call. Signals are sent after
 * tty->lock is dropped.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include "tty.h"

#define N_TTY_BUF_SIZE 4096
#define N_TTY_MASK (N_TTY_BUF_SIZE - 1)
#define BITS_PER_LONG 64
#define DISABLED_CHAR 0		/* _POSIX_VDISABLE; also the stored EOF mark */
#define OUT_CHUNK 64

struct n_tty_data {
	/* Free-running indices into read_buf: [read_tail, canon_head) holds
	 * complete lines, [canon_head, read_head) the line being edited. */
	size_t read_head, read_tail, canon_head;
	unsigned int column;		/* where the cursor is on the terminal */
	unsigned int canon_column;	/* the column the edited line began at */
	bool lnext;			/* the next byte is literal (^V) */
	unsigned long read_flags[N_TTY_BUF_SIZE / BITS_PER_LONG];	/* line ends */
	u8 read_buf[N_TTY_BUF_SIZE];
};

/* Bytes on their way to the driver: gathered to write in pieces. */
struct out_buf {
	struct tty_struct *tty;
	size_t n;
	u8 buf[OUT_CHUNK];
};

static bool is_delim(struct n_tty_data *ld, size_t i)
{
	i &= N_TTY_MASK;
	return ld->read_flags[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void set_delim(struct n_tty_data *ld, size_t i, bool on)
{
	unsigned long bit = 1UL << ((i & N_TTY_MASK) % BITS_PER_LONG);
	unsigned long *w = &ld->read_flags[(i & N_TTY_MASK) / BITS_PER_LONG];

	*w = on ? *w | bit : *w & ~bit;
}

static u8 read_byte(struct n_tty_data *ld, size_t i)
{
	return ld->read_buf[i & N_TTY_MASK];
}

static size_t read_cnt(struct n_tty_data *ld)
{
	return ld->read_head - ld->read_tail;
}

static bool tty_iscntrl(u8 c)
{
	return c < 0x20 || c == 0x7f;
}

/* Is @c the special character at c_cc[@idx]? 0 there means "disabled". */
static bool is_cc(struct tty_struct *tty, u8 c, int idx)
{
	return tty->termios.c_cc[idx] != DISABLED_CHAR && c == tty->termios.c_cc[idx];
}

/* --- output --------------------------------------------------------- */

static void out_flush(struct out_buf *ob)
{
	if (ob->n)
		tty_put_chars(ob->tty, ob->buf, ob->n);
	ob->n = 0;
}

static void out_raw(struct out_buf *ob, u8 c)
{
	if (ob->n == sizeof(ob->buf))
		out_flush(ob);
	ob->buf[ob->n++] = c;
}

/* Whether @c starts a character on the screen (not a UTF-8 continuation). */
static bool takes_column(struct tty_struct *tty, u8 c)
{
	return !(I_FLAG(tty, IUTF8) && (c & 0xc0) == 0x80);
}

/*
 * One byte of output with OPOST processing, keeping track of the column
 * so that erasing a tab knows how far to back up (Linux's
 * do_output_char()). Caller holds tty->lock.
 */
static void do_output_char(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;
	unsigned int spaces;

	if (!O_OPOST(tty)) {
		out_raw(ob, c);
		return;
	}
	switch (c) {
	case '\n':
		if (O_ONLRET(tty))
			ld->column = 0;
		if (O_ONLCR(tty)) {
			ld->canon_column = ld->column = 0;
			out_raw(ob, '\r');
		}
		ld->canon_column = ld->column;
		break;
	case '\r':
		if (O_ONOCR(tty) && ld->column == 0)
			return;
		if (O_OCRNL(tty)) {
			c = '\n';
			if (O_ONLRET(tty))
				ld->canon_column = ld->column = 0;
			break;
		}
		ld->canon_column = ld->column = 0;
		break;
	case '\t':
		spaces = 8 - (ld->column & 7);
		ld->column += spaces;
		if (O_TABDLY(tty) == XTABS) {
			while (spaces--)
				out_raw(ob, ' ');
			return;
		}
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (tty_iscntrl(c))
			break;
		if (O_OLCUC(tty))
			c = toupper(c);
		if (takes_column(tty, c))
			ld->column++;
	}
	out_raw(ob, c);
}

/* --- echo ----------------------------------------------------------- */

/* Echoes @c; with ECHOCTL a control character shows as ^X (2 columns). */
static void echo_char(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;

	if (L_ECHOCTL(tty) && tty_iscntrl(c) && c != '\t' && c != '\n') {
		out_raw(ob, '^');
		out_raw(ob, c ^ 0x40);
		ld->column += 2;
		return;
	}
	do_output_char(ob, c);
}

/* The column the edited line's byte at @end would start at. */
static unsigned int line_column(struct tty_struct *tty, size_t end)
{
	struct n_tty_data *ld = tty->disc_data;
	unsigned int col = ld->canon_column;

	for (size_t i = ld->canon_head; i != end; i++) {
		u8 c = read_byte(ld, i);

		if (c == '\t')
			col = (col | 7) + 1;
		else if (tty_iscntrl(c))
			col += L_ECHOCTL(tty) ? 2 : 0;
		else if (takes_column(tty, c))
			col++;
	}
	return col;
}

/* Takes the byte at read_head - 1 off the screen: what its echo showed. */
static void echo_erase_one(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;
	unsigned int n = 1;

	if (c == '\t') {
		unsigned int col = line_column(tty, ld->read_head);

		for (n = ld->column - min(col, ld->column); n; n--)
			do_output_char(ob, '\b');
		return;
	}
	if (tty_iscntrl(c))
		n = L_ECHOCTL(tty) ? 2 : 0;
	else if (!takes_column(tty, c))
		n = 0;
	while (n--) {
		do_output_char(ob, '\b');
		do_output_char(ob, ' ');
		do_output_char(ob, '\b');
	}
}

enum erase_type { ERASE, WERASE, KILL };

static bool is_word_char(u8 c)
{
	return isalnum(c) || c == '_';
}

/* VERASE, VWERASE and VKILL on the edited line (Linux's eraser()). */
static void eraser(struct out_buf *ob, enum erase_type kind)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;
	bool seen_word = false;

	if (ld->read_head == ld->canon_head)
		return;
	if (kind == KILL && (!L_ECHO(tty) || !L_ECHOK(tty) || !L_ECHOKE(tty) ||
			     !L_ECHOE(tty))) {
		ld->read_head = ld->canon_head;
		if (L_ECHO(tty)) {
			echo_char(ob, KILL_CHAR(tty));
			if (L_ECHOK(tty))
				do_output_char(ob, '\n');
		}
		return;
	}
	while (ld->read_head != ld->canon_head) {
		u8 c = read_byte(ld, ld->read_head - 1);

		if (kind == WERASE) {
			if (is_word_char(c))
				seen_word = true;
			else if (seen_word)
				break;
		}
		ld->read_head--;
		if (L_ECHO(tty)) {
			if (kind == ERASE && !L_ECHOE(tty))
				echo_char(ob, ERASE_CHAR(tty));
			else
				echo_erase_one(ob, c);
		}
		if (kind == ERASE)
			break;
	}
}

/* --- input ---------------------------------------------------------- */

static void put_tty_queue(struct n_tty_data *ld, u8 c)
{
	set_delim(ld, ld->read_head, false);
	ld->read_buf[ld->read_head & N_TTY_MASK] = c;
	ld->read_head++;
}

/* The edited line ends at the byte just queued: readers may take it. */
static void end_line(struct tty_struct *tty)
{
	struct n_tty_data *ld = tty->disc_data;

	set_delim(ld, ld->read_head - 1, true);
	ld->canon_head = ld->read_head;
	wake_up_interruptible_all(&tty->read_wait);
}

/* Empties the input queue (TCIFLUSH, and ISIG without NOFLSH). */
static void n_tty_flush_locked(struct tty_struct *tty)
{
	struct n_tty_data *ld = tty->disc_data;

	ld->read_head = ld->read_tail = ld->canon_head = 0;
	ld->lnext = false;
	ld->canon_column = ld->column;
	memset(ld->read_flags, 0, sizeof(ld->read_flags));
}

static void n_tty_flush_buffer(struct tty_struct *tty)
{
	spin_lock(&tty->lock);
	n_tty_flush_locked(tty);
	spin_unlock(&tty->lock);
	wake_up_interruptible_all(&tty->write_wait);
}

/* ^C, ^\ or ^Z: flush unless NOFLSH, echo; the caller sends @sig. */
static int receive_signal_char(struct out_buf *ob, u8 c, int sig)
{
	struct tty_struct *tty = ob->tty;

	if (!L_NOFLSH(tty))
		n_tty_flush_locked(tty);
	if (I_IXON(tty))
		tty->stopped = false;
	if (L_ECHO(tty))
		echo_char(ob, c);
	return sig;
}

/* Room left: a canonical line keeps one byte for its end, as Linux. */
static bool queue_full(struct tty_struct *tty, bool line_end)
{
	struct n_tty_data *ld = tty->disc_data;
	size_t room = N_TTY_BUF_SIZE - read_cnt(ld);

	return room == 0 || (L_ICANON(tty) && room == 1 && !line_end);
}

/* An ordinary byte: echo it and queue it. */
static void receive_plain(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;

	if (queue_full(tty, false))
		return;
	if (L_ECHO(tty)) {
		if (ld->read_head == ld->canon_head)
			ld->canon_column = ld->column;
		echo_char(ob, c);
	}
	put_tty_queue(ld, c);
	if (!L_ICANON(tty))
		wake_up_interruptible_all(&tty->read_wait);
}

/* A line end: '\n', VEOL, VEOL2 (echoed) or VEOF (queued as a mark). */
static void receive_line_end(struct out_buf *ob, u8 c, bool eof)
{
	struct tty_struct *tty = ob->tty;

	if (queue_full(tty, true))
		return;
	if (c == '\n' && (L_ECHO(tty) || L_ECHONL(tty)))
		do_output_char(ob, '\n');
	else if (!eof && L_ECHO(tty))
		echo_char(ob, c);
	put_tty_queue(tty->disc_data, eof ? DISABLED_CHAR : c);
	end_line(tty);
}

/* The canonical mode's editing characters; false if @c is none. */
static bool receive_canon_special(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	bool ext = L_IEXTEN(tty);

	if (is_cc(tty, c, VERASE))
		eraser(ob, ERASE);
	else if (is_cc(tty, c, VKILL))
		eraser(ob, KILL);
	else if (ext && is_cc(tty, c, VWERASE))
		eraser(ob, WERASE);
	else if (c == '\n' || is_cc(tty, c, VEOL) || (ext && is_cc(tty, c, VEOL2)))
		receive_line_end(ob, c, false);
	else if (is_cc(tty, c, VEOF))
		receive_line_end(ob, c, true);
	else
		return false;
	return true;
}

/* ^S and ^Q with IXON; true if @c was one (it is not queued then). */
static bool receive_flow_char(struct tty_struct *tty, u8 c)
{
	if (is_cc(tty, c, VSTOP) && !(tty->stopped && is_cc(tty, c, VSTART))) {
		tty->stopped = true;
		return true;
	}
	if (is_cc(tty, c, VSTART)) {
		tty->stopped = false;
		wake_up_interruptible_all(&tty->write_wait);
		return true;
	}
	return false;
}

static int isig_for(struct tty_struct *tty, u8 c)
{
	if (is_cc(tty, c, VINTR))
		return SIGINT;
	if (is_cc(tty, c, VQUIT))
		return SIGQUIT;
	if (is_cc(tty, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/*
 * One received byte (Linux's n_tty_receive_char_special() and friends).
 * Caller holds tty->lock. Return: the signal ISIG asks for, or 0.
 */
static int n_tty_receive_char(struct out_buf *ob, u8 c)
{
	struct tty_struct *tty = ob->tty;
	struct n_tty_data *ld = tty->disc_data;
	int sig;

	if (I_ISTRIP(tty))
		c &= 0x7f;
	if (I_IUCLC(tty) && L_IEXTEN(tty))
		c = tolower(c);
	if (ld->lnext) {
		ld->lnext = false;
		if (L_ECHO(tty) && L_ECHOCTL(tty))
			do_output_char(ob, '\b');	/* over the ^ shown for ^V */
		receive_plain(ob, c);
		return 0;
	}
	if (I_IXON(tty) && receive_flow_char(tty, c))
		return 0;
	if (I_IXON(tty) && I_IXANY(tty) && tty->stopped) {
		tty->stopped = false;
		wake_up_interruptible_all(&tty->write_wait);
	}
	sig = L_ISIG(tty) ? isig_for(tty, c) : 0;
	if (sig)
		return receive_signal_char(ob, c, sig);
	if (c == '\r') {
		if (I_IGNCR(tty))
			return 0;
		if (I_ICRNL(tty))
			c = '\n';
	} else if (c == '\n' && I_INLCR(tty)) {
		c = '\r';
	}
	if (L_ICANON(tty) && L_IEXTEN(tty) && is_cc(tty, c, VLNEXT)) {
		ld->lnext = true;
		if (L_ECHO(tty) && L_ECHOCTL(tty)) {
			out_raw(ob, '^');
			out_raw(ob, '\b');
		}
		return 0;
	}
	if (L_ICANON(tty) && receive_canon_special(ob, c))
		return 0;
	receive_plain(ob, c);
	return 0;
}

static void n_tty_receive_buf(struct tty_struct *tty, const u8 *cp, size_t count)
{
	struct out_buf ob = { .tty = tty };

	for (size_t i = 0; i < count; i++) {
		int sig;

		spin_lock(&tty->lock);
		sig = n_tty_receive_char(&ob, cp[i]);
		out_flush(&ob);
		spin_unlock(&tty->lock);
		if (sig)
			isig_signal(tty, sig);
	}
}

/* --- read ----------------------------------------------------------- */

/* Is there something a read (or, @poll, a poll) would return? */
static bool input_available(struct tty_struct *tty, bool poll)
{
	struct n_tty_data *ld = tty->disc_data;
	size_t amt = 1;

	if (L_ICANON(tty))
		return ld->canon_head != ld->read_tail;
	if (poll && !TIME_CHAR(tty) && MIN_CHAR(tty))
		amt = MIN_CHAR(tty);
	return read_cnt(ld) >= amt;
}

static size_t copy_from_read_buf(struct n_tty_data *ld, u8 *b, size_t n)
{
	n = min(n, read_cnt(ld));
	for (size_t i = 0; i < n; i++)
		b[i] = read_byte(ld, ld->read_tail + i);
	ld->read_tail += n;
	return n;
}

/*
 * Copies at most one line, without its VEOF mark; a line longer than @nr
 * is left partly queued for the next read. Caller holds tty->lock.
 */
static size_t canon_copy_from_read_buf(struct n_tty_data *ld, u8 *b, size_t nr)
{
	size_t i, n = 0;

	for (i = ld->read_tail; i != ld->canon_head && n < nr; i++) {
		bool eol = is_delim(ld, i);

		if (!(eol && read_byte(ld, i) == DISABLED_CHAR))
			b[n++] = read_byte(ld, i);
		if (eol) {
			i++;
			break;
		}
	}
	ld->read_tail = i;
	return n;
}

/*
 * How long a raw read waits (Linux's n_tty_read() prologue):
 * MIN>0 TIME=0: until MIN bytes; MIN>0 TIME>0: TIME between bytes once
 * one came; MIN=0 TIME>0: TIME for the first byte; MIN=0 TIME=0: never.
 */
static void raw_read_limits(struct tty_struct *tty, size_t *minimum,
			    long *timeout, long *time)
{
	*timeout = MAX_SCHEDULE_TIMEOUT;
	*time = 0;
	*minimum = MIN_CHAR(tty);
	if (*minimum) {
		*time = (HZ / 10) * TIME_CHAR(tty);
	} else {
		*timeout = (HZ / 10) * TIME_CHAR(tty);
		*minimum = 1;
	}
}

static bool file_nonblock(struct file *file)
{
	return file && (file->f_flags & O_NONBLOCK);
}

/* One pass: copy what is there. Return: true when the read is done. */
static bool n_tty_read_some(struct tty_struct *tty, u8 *kbuf, u8 **b,
			    size_t *nr, size_t minimum)
{
	struct n_tty_data *ld = tty->disc_data;
	size_t n;

	if (L_ICANON(tty)) {
		n = canon_copy_from_read_buf(ld, *b, *nr);
		*b += n;
		*nr -= n;
		return true;
	}
	n = copy_from_read_buf(ld, *b, *nr);
	*b += n;
	*nr -= n;
	return (size_t)(*b - kbuf) >= minimum;
}

static ssize_t n_tty_read(struct tty_struct *tty, struct file *file, u8 *kbuf,
			  size_t nr)
{
	DEFINE_WAIT(wait);
	u8 *b = kbuf;
	size_t minimum = 0;
	long timeout = MAX_SCHEDULE_TIMEOUT, time = 0;
	ssize_t ret = tty_job_control_read(tty, file);

	if (ret)
		return ret;
	mutex_lock(&tty->atomic_read_lock);
	if (!L_ICANON(tty))
		raw_read_limits(tty, &minimum, &timeout, &time);
	while (nr) {
		bool done;

		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		spin_lock(&tty->lock);
		if (input_available(tty, false)) {
			done = n_tty_read_some(tty, kbuf, &b, &nr, minimum);
			spin_unlock(&tty->lock);
			if (done)
				break;
			if (time)
				timeout = time;
			continue;
		}
		spin_unlock(&tty->lock);
		if (!timeout)
			break;
		if (file_nonblock(file)) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		timeout = schedule_timeout(timeout);
	}
	finish_wait(&tty->read_wait, &wait);
	mutex_unlock(&tty->atomic_read_lock);
	/* There may be room for a throttled sender now. */
	wake_up_interruptible_all(&tty->write_wait);
	return b > kbuf ? b - kbuf : ret;
}

/* --- write ---------------------------------------------------------- */

/* Waits while ^S holds the output. Return: 0, -EAGAIN or -ERESTARTSYS. */
static int wait_output_started(struct tty_struct *tty, struct file *file)
{
	DEFINE_WAIT(wait);
	int ret = 0;

	for (;;) {
		prepare_to_wait(&tty->write_wait, &wait, TASK_INTERRUPTIBLE);
		if (!READ_ONCE(tty->stopped))
			break;
		if (file_nonblock(file)) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&tty->write_wait, &wait);
	return ret;
}

static ssize_t n_tty_write(struct tty_struct *tty, struct file *file,
			   const u8 *buf, size_t nr)
{
	struct out_buf ob = { .tty = tty };
	size_t done = 0;
	int ret = 0;

	if (L_TOSTOP(tty)) {
		ret = __tty_check_change(tty, SIGTTOU);
		if (ret)
			return ret;
	}
	mutex_lock(&tty->atomic_write_lock);
	while (done < nr) {
		size_t n = min_t(size_t, nr - done, OUT_CHUNK);

		ret = wait_output_started(tty, file);
		if (ret)
			break;
		spin_lock(&tty->lock);
		for (size_t i = 0; i < n; i++)
			do_output_char(&ob, buf[done + i]);
		out_flush(&ob);
		spin_unlock(&tty->lock);
		done += n;
	}
	mutex_unlock(&tty->atomic_write_lock);
	return done ? (ssize_t)done : ret;
}

/* --- the rest ------------------------------------------------------- */

static __poll_t n_tty_poll(struct tty_struct *tty, struct file *file,
			   poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &tty->read_wait, wait);
	poll_wait(file, &tty->write_wait, wait);
	spin_lock(&tty->lock);
	if (input_available(tty, true))
		mask |= POLLIN | POLLRDNORM;
	if (!tty->stopped)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock(&tty->lock);
	return mask;
}

/* FIONREAD: what reads can take now (complete lines when canonical). */
static unsigned int n_tty_chars_in_buffer(struct tty_struct *tty)
{
	struct n_tty_data *ld = tty->disc_data;
	unsigned int n;

	spin_lock(&tty->lock);
	n = L_ICANON(tty) ? ld->canon_head - ld->read_tail : read_cnt(ld);
	spin_unlock(&tty->lock);
	return n;
}

/*
 * ICANON turned on makes what is queued one complete line; turned off,
 * the edited line becomes readable (Linux's n_tty_set_termios()).
 */
static void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old)
{
	struct n_tty_data *ld = tty->disc_data;
	bool was_canon = old && (old->c_lflag & ICANON);

	spin_lock(&tty->lock);
	if (!was_canon && L_ICANON(tty) && read_cnt(ld)) {
		set_delim(ld, ld->read_head - 1, true);
		ld->canon_head = ld->read_head;
	}
	if (!L_ICANON(tty))
		ld->canon_head = ld->read_head;
	ld->lnext = false;
	spin_unlock(&tty->lock);
	wake_up_interruptible_all(&tty->read_wait);
	wake_up_interruptible_all(&tty->write_wait);
}

/*
 * The first open allocates the state, later ones start it empty again.
 * It is never freed, like the tty_struct (include/linux/tty.h), so input
 * work still running after the last close finds valid memory.
 */
static int n_tty_open(struct tty_struct *tty)
{
	struct n_tty_data *ld = tty->disc_data;

	if (!ld) {
		ld = kzalloc(sizeof(*ld), GFP_KERNEL);
		if (!ld)
			return -ENOMEM;
		tty->disc_data = ld;
	}
	spin_lock(&tty->lock);
	n_tty_flush_locked(tty);
	ld->column = ld->canon_column = 0;
	tty->stopped = false;
	spin_unlock(&tty->lock);
	return 0;
}

static void n_tty_close(struct tty_struct *tty)
{
}

const struct tty_ldisc_ops n_tty_ops = {
	.name = "n_tty",
	.open = n_tty_open,
	.close = n_tty_close,
	.flush_buffer = n_tty_flush_buffer,
	.read = n_tty_read,
	.write = n_tty_write,
	.set_termios = n_tty_set_termios,
	.poll = n_tty_poll,
	.receive_buf = n_tty_receive_buf,
	.chars_in_buffer = n_tty_chars_in_buffer,
};
