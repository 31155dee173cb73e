/*
 * The shell's line editor: what bash's readline or busybox's lineedit
 * do for a terminal, reduced. Keys (serial terminals and the PS/2
 * keyboard driver send the same bytes):
 *
 *   Backspace/DEL, Delete (ESC [ 3 ~), Ctrl-D   delete before/at the cursor
 *   Left/Right (ESC [ D/C), Ctrl-B/F             move the cursor
 *   Home/End (ESC [ H/F, ESC [ 1~/4~), Ctrl-A/E  start/end of the line
 *   Up/Down (ESC [ A/B), Ctrl-P/N                history
 *   Ctrl-U, Ctrl-K, Ctrl-W                      kill to start, to end, a word
 *   Ctrl-L                                      clear the screen
 *   Tab                                         complete a command, module, ...
 *   Ctrl-C                                      abandon the line (kernel/tty.c)
 *
 * Redrawing uses only '\b', spaces and reprinting, which every terminal
 * and the screen console understand. Other control bytes, unknown escape
 * sequences and bytes above 0x7f are dropped. A line longer than the
 * buffer is refused whole when Enter comes, never cut and run.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <spindle/shell.h>
#include <spindle/tty.h>

#define HISTORY_LEN 32
#define CTRL(c) ((c) & 0x1f)

struct editor {
	char *buf;
	size_t size, len, pos;	/* pos: the cursor, 0..len */
	bool overflow;		/* a character was refused: the line is too long */
	int hist;		/* -1: the line being typed; else age in history */
	const char *prompt;
};

static char history[HISTORY_LEN][SHELL_LINE_MAX];
static unsigned int hist_count;		/* lines ever added */
static char saved_line[SHELL_LINE_MAX];	/* the typed line while browsing */

static void put_repeat(char c, size_t n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	while (n) {
		size_t k = min(n, sizeof(chunk));

		tty_write(chunk, k);
		n -= k;
	}
}

/* Reprints from the cursor to the end, blanks @erase old characters
 * beyond it, and brings the cursor back. */
static void redraw_tail(struct editor *e, size_t erase)
{
	tty_write(e->buf + e->pos, e->len - e->pos);
	put_repeat(' ', erase);
	put_repeat('\b', e->len - e->pos + erase);
}

static void insert_char(struct editor *e, char c)
{
	if (e->len + 1 >= e->size) {
		e->overflow = true;
		return;
	}
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos] = c;
	e->len++;
	tty_write(&c, 1);
	e->pos++;
	if (e->pos < e->len)
		redraw_tail(e, 0);
}

/* Removes @n characters before the cursor. */
static void delete_before(struct editor *e, size_t n)
{
	n = min(n, e->pos);
	if (!n)
		return;
	memmove(e->buf + e->pos - n, e->buf + e->pos, e->len - e->pos);
	put_repeat('\b', n);
	e->pos -= n;
	e->len -= n;
	redraw_tail(e, n);
}

static void delete_at(struct editor *e)
{
	if (e->pos == e->len)
		return;
	memmove(e->buf + e->pos, e->buf + e->pos + 1, e->len - e->pos - 1);
	e->len--;
	redraw_tail(e, 1);
}

static void move_to(struct editor *e, size_t pos)
{
	if (pos < e->pos)
		put_repeat('\b', e->pos - pos);
	else if (pos > e->pos)
		tty_write(e->buf + e->pos, pos - e->pos);
	e->pos = pos;
}

/* Replaces the whole line by @text (history, Ctrl-U). */
static void replace_line(struct editor *e, const char *text)
{
	size_t old = e->len, n = strnlen(text, e->size - 1);

	move_to(e, 0);
	memcpy(e->buf, text, n);
	e->len = n;
	tty_write(e->buf, n);
	e->pos = n;
	if (old > n) {
		put_repeat(' ', old - n);
		put_repeat('\b', old - n);
	}
	e->overflow = false;
}

static void kill_word(struct editor *e)
{
	size_t p = e->pos;

	while (p && e->buf[p - 1] == ' ')
		p--;
	while (p && e->buf[p - 1] != ' ')
		p--;
	delete_before(e, e->pos - p);
}

static void kill_to_end(struct editor *e)
{
	size_t n = e->len - e->pos;

	e->len = e->pos;
	put_repeat(' ', n);
	put_repeat('\b', n);
}

/* Prints the prompt and the line again, the cursor where it was. */
static void reprint(struct editor *e)
{
	tty_write(e->prompt, strlen(e->prompt));
	tty_write(e->buf, e->len);
	put_repeat('\b', e->len - e->pos);
}

static void clear_screen(struct editor *e)
{
	tty_write("\033[2J\033[H", 7);
	reprint(e);
}

static const char *history_entry(unsigned int age)
{
	return history[(hist_count - 1 - age) % HISTORY_LEN];
}

/* @dir: +1 older (Up), -1 newer (Down). */
static void history_move(struct editor *e, int dir)
{
	int next = e->hist + dir;
	unsigned int avail = min(hist_count, (unsigned int)HISTORY_LEN);

	if (next < -1 || next >= (int)avail)
		return;
	if (e->hist == -1) {
		memcpy(saved_line, e->buf, e->len);
		saved_line[e->len] = '\0';
	}
	e->hist = next;
	replace_line(e, next == -1 ? saved_line : history_entry(next));
}

/**
 * shell_history_add - remember a line for Up/Down
 * @line: the line as typed; empty lines and repeats of the last are skipped
 */
void shell_history_add(const char *line)
{
	if (!*line || (hist_count && !strcmp(history_entry(0), line)))
		return;
	strlcpy(history[hist_count % HISTORY_LEN], line, SHELL_LINE_MAX);
	hist_count++;
}

/* Lists the candidates that start with the word typed so far. */
static void show_candidates(struct editor *e, const struct shell_completion *c)
{
	const char *name;

	tty_write("\n", 1);
	for (unsigned int i = 0; (name = c->next(c, i)) != NULL; i++)
		if (!strncmp(name, c->prefix, c->prefix_len))
			tty_printf("%s  ", name);
	tty_write("\n", 1);
	reprint(e);
}

/* Tab: completes the word before the cursor as far as it is unique. */
static void complete(struct editor *e)
{
	struct shell_completion c;
	const char *name, *first = NULL;
	size_t common = 0, start = e->pos;
	unsigned int matches = 0;

	while (start && e->buf[start - 1] != ' ')
		start--;
	e->buf[e->len] = '\0';
	if (!shell_completion_init(&c, e->buf, start, e->pos - start))
		return;
	for (unsigned int i = 0; (name = c.next(&c, i)) != NULL; i++) {
		if (strncmp(name, c.prefix, c.prefix_len))
			continue;
		if (!matches++) {
			first = name;
			common = strlen(name);
		}
		while (common && strncmp(first, name, common))
			common--;
	}
	if (!matches)
		return;
	for (size_t i = c.prefix_len; i < common; i++)
		insert_char(e, first[i]);
	if (matches == 1)
		insert_char(e, ' ');
	else if (common == c.prefix_len)
		show_candidates(e, &c);
}

/* Handles the final byte of ESC [ params final (or ESC O final). */
static void escape_key(struct editor *e, char final, unsigned int param)
{
	switch (final) {
	case 'A':
		history_move(e, 1);
		break;
	case 'B':
		history_move(e, -1);
		break;
	case 'C':
		move_to(e, min(e->pos + 1, e->len));
		break;
	case 'D':
		move_to(e, e->pos ? e->pos - 1 : 0);
		break;
	case 'H':
		move_to(e, 0);
		break;
	case 'F':
		move_to(e, e->len);
		break;
	case '~':
		if (param == 1 || param == 7)
			move_to(e, 0);
		else if (param == 4 || param == 8)
			move_to(e, e->len);
		else if (param == 3)
			delete_at(e);
		break;
	}
}

/* Control keys; those it does not know are dropped. */
static void control_key(struct editor *e, int c)
{
	switch (c) {
	case '\b':
	case 0x7f:
		delete_before(e, 1);
		break;
	case CTRL('D'):
		delete_at(e);
		break;
	case CTRL('A'):
		move_to(e, 0);
		break;
	case CTRL('E'):
		move_to(e, e->len);
		break;
	case CTRL('B'):
		escape_key(e, 'D', 0);
		break;
	case CTRL('F'):
		escape_key(e, 'C', 0);
		break;
	case CTRL('P'):
		history_move(e, 1);
		break;
	case CTRL('N'):
		history_move(e, -1);
		break;
	case CTRL('U'):
		replace_line(e, "");
		break;
	case CTRL('K'):
		kill_to_end(e);
		break;
	case CTRL('W'):
		kill_word(e);
		break;
	case CTRL('L'):
		clear_screen(e);
		break;
	case '\t':
		complete(e);
		break;
	}
}

/* Reads the rest of an escape sequence, after ESC; returns TTY_INTR if
 * Ctrl-C came in the middle of it, else 0. */
static int read_escape(struct editor *e)
{
	unsigned int param = 0;
	int c = tty_getc();

	if (c == 'O') {			/* SS3: ESC O A..D, H, F */
		c = tty_getc();
		if (c >= 0)
			escape_key(e, c, 0);
	}
	if (c != '[')
		return c == TTY_INTR ? TTY_INTR : 0;	/* Alt-key, stray ESC */
	while ((c = tty_getc()) >= 0) {
		if (isdigit(c))
			param = min(param * 10 + (c - '0'), 1000U);
		else if (c != ';' && (c < 0x40 || c > 0x7e))
			continue;	/* intermediate bytes */
		else if (c != ';')
			break;
	}
	if (c < 0)
		return TTY_INTR;
	escape_key(e, c, param);
	return 0;
}

/**
 * shell_readline - read one line from the console, with editing
 * @prompt: printed first
 * @buf: receives the line, NUL-terminated
 * @size: its size; longer lines are refused
 *
 * Enter is CR or LF (serial terminals send CR; a CR LF pair counts once).
 * Context: process context (the shell); sleeps for input.
 * Return: the line's length, SHELL_LINE_INTR when Ctrl-C abandoned it, or
 * SHELL_LINE_TOOLONG when it did not fit.
 */
int shell_readline(const char *prompt, char *buf, size_t size)
{
	static bool last_was_cr;
	struct editor e = { .buf = buf, .size = size, .hist = -1, .prompt = prompt };

	tty_write(prompt, strlen(prompt));
	for (;;) {
		int c = tty_getc();

		if (c == '\n' && last_was_cr) {
			last_was_cr = false;
			continue;
		}
		last_was_cr = c == '\r';
		if (c == 0x1b)
			c = read_escape(&e);
		if (c == TTY_INTR) {
			tty_write("^C\n", 3);
			return SHELL_LINE_INTR;
		}
		if (c == '\r' || c == '\n')
			break;
		if (!c)
			continue;	/* an escape sequence, done; or NUL */
		if (c >= 0x20 && c < 0x7f)
			insert_char(&e, c);
		else
			control_key(&e, c);
	}
	tty_write("\n", 1);
	buf[e.len] = '\0';
	return e.overflow ? SHELL_LINE_TOOLONG : (int)e.len;
}
