/*
 * In-kernel tests of the TTY layer (kernel/tty/): a test terminal whose
 * driver records what N_TTY writes, fed through tty_ldisc_receive_buf()
 * as the flip-buffer work would. Checks canonical editing and its echo,
 * VEOF, the four VMIN/VTIME cases, ICRNL/ONLCR, ISIG (through the
 * kill_pgrp hook), NOFLSH, TCSETSF, the window size and poll readiness.
 * Reads are non-blocking or timed, so a bug fails instead of hanging.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/poll.h>
#include <linux/tty.h>
#include <linux/sched/signal.h>
#include <spindle/ktest.h>

static char out[512];
static size_t out_len;

static ssize_t rec_write(struct tty_struct *tty, const u8 *buf, size_t n)
{
	size_t room = sizeof(out) - 1 - out_len;

	n = min(n, room);
	memcpy(out + out_len, buf, n);
	out_len += n;
	out[out_len] = '\0';
	return n;
}

static const struct tty_operations rec_ops = { .write = rec_write };

static struct tty_driver rec_driver = {
	.driver_name = "ktest",
	.name = "ttyKT",
	.major = 0,
	.num = 1,
	.ops = &rec_ops,
	.init_winsize = { .ws_row = 24, .ws_col = 80 },
};

static pid_t sig_pgrp;
static int sig_last, sig_count;

static int record_kill(pid_t pgrp, int sig, int priv)
{
	sig_pgrp = pgrp;
	sig_last = sig;
	sig_count++;
	return 0;
}

static struct tty_struct *test_open(struct ktest *t)
{
	struct tty_struct *tty;

	rec_driver.init_termios = tty_std_termios;
	tty = tty_kopen(&rec_driver, 0);
	if (IS_ERR(tty))
		return NULL;
	tty_set_termios(tty, &tty_std_termios);	/* every case starts cooked */
	out_len = 0;
	out[0] = '\0';
	sig_count = sig_last = sig_pgrp = 0;
	tty_set_kill_pgrp_hook(record_kill);
	return tty;
}

static void test_close(struct tty_struct *tty)
{
	tty_set_kill_pgrp_hook(NULL);
	tty_kclose(tty);
}

static void feed(struct tty_struct *tty, const char *s)
{
	tty_ldisc_receive_buf(tty, (const u8 *)s, strlen(s));
}

/* A non-blocking read as a string; the length or -errno in *@n. */
static const char *rd(struct tty_struct *tty, ssize_t *n)
{
	static char buf[128];
	ssize_t r = tty_kread(tty, (u8 *)buf, sizeof(buf) - 1, true);

	buf[r > 0 ? r : 0] = '\0';
	*n = r;
	return buf;
}

static void set_lflag(struct tty_struct *tty, tcflag_t on, tcflag_t off)
{
	struct ktermios kt = tty->termios;

	kt.c_lflag = (kt.c_lflag | on) & ~off;
	tty_set_termios(tty, &kt);
}

static void set_raw(struct tty_struct *tty, int vmin, int vtime)
{
	struct ktermios kt = tty->termios;

	kt.c_lflag &= ~(ICANON | ECHO);
	kt.c_cc[VMIN] = vmin;
	kt.c_cc[VTIME] = vtime;
	tty_set_termios(tty, &kt);
}

static void tty_canon_erase_and_echo(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	feed(tty, "ab\x7f");
	KTEST_EXPECT_EQ(t, rd(tty, &n)[0], 0);	/* no line yet */
	KTEST_EXPECT_EQ(t, n, -EAGAIN);
	feed(tty, "c\r");
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "ac\n"));
	KTEST_EXPECT_TRUE(t, !strcmp(out, "ab\b \bc\r\n"));
	/* ^A shows as ^A (ECHOCTL): its erase takes two columns. */
	out_len = 0;
	feed(tty, "x\x01\x7f\n");
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "x\n"));
	KTEST_EXPECT_TRUE(t, !strcmp(out, "x^A\b \b\b \b\r\n"));
	test_close(tty);
}

static void tty_kill_and_werase(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	feed(tty, "xy\x15");	/* ^U, with ECHOKE: erased one by one */
	KTEST_EXPECT_TRUE(t, !strcmp(out, "xy\b \b\b \b"));
	feed(tty, "foo bar\x17z\n");	/* ^W takes "bar" */
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "foo z\n"));
	set_lflag(tty, 0, ECHOKE);
	out_len = 0;
	feed(tty, "q\x15");	/* without ECHOKE: ^U and a newline */
	KTEST_EXPECT_TRUE(t, !strcmp(out, "q^U\r\n"));
	test_close(tty);
}

static void tty_eof_at_line_start(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	feed(tty, "ab\x04");
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "ab"));
	KTEST_EXPECT_EQ(t, n, 2);
	feed(tty, "\x04");
	rd(tty, &n);
	KTEST_EXPECT_EQ(t, n, 0);	/* end of file */
	rd(tty, &n);
	KTEST_EXPECT_EQ(t, n, -EAGAIN);	/* and it was consumed */
	test_close(tty);
}

static void tty_vmin_vtime(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	u8 buf[8];
	unsigned long start;
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	set_raw(tty, 0, 0);	/* polling: 0 at once */
	KTEST_EXPECT_EQ(t, tty_kread(tty, buf, 8, false), 0);
	set_raw(tty, 0, 1);	/* 0.1 s for a first byte */
	start = jiffies;
	KTEST_EXPECT_EQ(t, tty_kread(tty, buf, 8, false), 0);
	KTEST_EXPECT_TRUE(t, jiffies - start >= msecs_to_jiffies(90));
	feed(tty, "z");
	KTEST_EXPECT_EQ(t, tty_kread(tty, buf, 8, false), 1);
	set_raw(tty, 2, 0);	/* at least two bytes */
	feed(tty, "ab\r");
	n = tty_kread(tty, buf, 8, false);
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, buf[2], '\n');	/* ICRNL holds in raw mode too */
	set_raw(tty, 3, 1);	/* 3 bytes, or 0.1 s after the last */
	feed(tty, "cd");
	start = jiffies;
	KTEST_EXPECT_EQ(t, tty_kread(tty, buf, 8, false), 2);
	KTEST_EXPECT_TRUE(t, jiffies - start >= msecs_to_jiffies(90));
	KTEST_EXPECT_EQ(t, out_len, 0);	/* no ECHO */
	test_close(tty);
}

static void tty_onlcr_output(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	struct ktermios kt;

	KTEST_ASSERT_NOT_NULL(t, tty);
	tty_kwrite(tty, (const u8 *)"a\nb", 3);
	KTEST_EXPECT_TRUE(t, !strcmp(out, "a\r\nb"));
	kt = tty->termios;
	kt.c_oflag &= ~ONLCR;
	tty_set_termios(tty, &kt);
	out_len = 0;
	tty_kwrite(tty, (const u8 *)"a\nb", 3);
	KTEST_EXPECT_TRUE(t, !strcmp(out, "a\nb"));
	test_close(tty);
}

static void tty_isig_intr(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	tty->pgrp = 42;
	feed(tty, "ab\x03");
	KTEST_EXPECT_EQ(t, sig_count, 1);
	KTEST_EXPECT_EQ(t, sig_last, SIGINT);
	KTEST_EXPECT_EQ(t, sig_pgrp, 42);
	KTEST_EXPECT_TRUE(t, !strcmp(out, "ab^C"));
	feed(tty, "x\n");	/* "ab" was flushed */
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "x\n"));
	feed(tty, "\x1a\x1c");
	KTEST_EXPECT_EQ(t, sig_count, 3);
	KTEST_EXPECT_EQ(t, sig_last, SIGQUIT);
	set_lflag(tty, 0, ISIG);
	feed(tty, "\x03\n");	/* without ISIG: an ordinary byte */
	KTEST_EXPECT_EQ(t, sig_count, 3);
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "\x03\n"));
	test_close(tty);
}

static void tty_noflsh(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	tty->pgrp = 7;
	set_lflag(tty, NOFLSH, 0);
	feed(tty, "ab\x03\n");
	KTEST_EXPECT_EQ(t, sig_last, SIGINT);
	KTEST_EXPECT_TRUE(t, !strcmp(rd(tty, &n), "ab\n"));
	test_close(tty);
}

static void tty_tcsetsf_flushes(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	struct termios tio;
	int cnt = -1;
	ssize_t n;

	KTEST_ASSERT_NOT_NULL(t, tty);
	feed(tty, "abc\n");
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, FIONREAD, (unsigned long)&cnt), 0);
	KTEST_EXPECT_EQ(t, cnt, 4);
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TCGETS, (unsigned long)&tio), 0);
	KTEST_EXPECT_EQ(t, tio.c_lflag, tty_std_termios.c_lflag);
	KTEST_EXPECT_EQ(t, tio.c_cc[VINTR], 3);
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TCSETSW, (unsigned long)&tio), 0);
	KTEST_EXPECT_EQ(t, n_tty_ops.chars_in_buffer(tty), 4);	/* kept */
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TCSETSF, (unsigned long)&tio), 0);
	rd(tty, &n);
	KTEST_EXPECT_EQ(t, n, -EAGAIN);
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, 0x5499, 0), -ENOTTY);
	test_close(tty);
}

static void tty_winsize(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);
	struct winsize ws = { .ws_row = 30, .ws_col = 100 }, got = { 0 };

	KTEST_ASSERT_NOT_NULL(t, tty);
	tty->pgrp = 9;
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TIOCGWINSZ, (unsigned long)&got), 0);
	KTEST_EXPECT_EQ(t, got.ws_row, 24);
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TIOCSWINSZ, (unsigned long)&ws), 0);
	KTEST_EXPECT_EQ(t, sig_last, SIGWINCH);
	KTEST_EXPECT_EQ(t, tty_kioctl(tty, NULL, TIOCGWINSZ, (unsigned long)&got), 0);
	KTEST_EXPECT_EQ(t, got.ws_row, 30);
	KTEST_EXPECT_EQ(t, got.ws_col, 100);
	tty_kioctl(tty, NULL, TIOCSWINSZ, (unsigned long)&ws);
	KTEST_EXPECT_EQ(t, sig_count, 1);	/* the same size: no SIGWINCH */
	test_close(tty);
}

static void tty_poll_readiness(struct ktest *t)
{
	struct tty_struct *tty = test_open(t);

	KTEST_ASSERT_NOT_NULL(t, tty);
	KTEST_EXPECT_EQ(t, tty_kpoll(tty), POLLOUT | POLLWRNORM);
	feed(tty, "x");
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & POLLIN, 0);	/* not a line yet */
	feed(tty, "\n");
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & (POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
	feed(tty, "\x13");	/* ^S stops output */
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & POLLOUT, 0);
	feed(tty, "\x11");
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & POLLOUT, POLLOUT);
	set_raw(tty, 3, 0);	/* raw, MIN 3: ready at 3 bytes queued */
	n_tty_ops.flush_buffer(tty);
	feed(tty, "ab");
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & POLLIN, 0);
	feed(tty, "c");
	KTEST_EXPECT_EQ(t, tty_kpoll(tty) & POLLIN, POLLIN);
	test_close(tty);
}

static const struct ktest_case tty_cases[] = {
	KTEST_CASE(tty_canon_erase_and_echo),
	KTEST_CASE(tty_kill_and_werase),
	KTEST_CASE(tty_eof_at_line_start),
	KTEST_CASE(tty_vmin_vtime),
	KTEST_CASE(tty_onlcr_output),
	KTEST_CASE(tty_isig_intr),
	KTEST_CASE(tty_noflsh),
	KTEST_CASE(tty_tcsetsf_flushes),
	KTEST_CASE(tty_winsize),
	KTEST_CASE(tty_poll_readiness),
	{}
};

static const struct ktest_suite tty_suite = {
	.name = "tty",
	.cases = tty_cases,
};
ktest_register_suite(tty_suite);
