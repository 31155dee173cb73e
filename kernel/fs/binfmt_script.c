/*
 * "#!" scripts, after Linux's fs/binfmt_script.c: a file starting with
 * "#!interpreter [one-argument]" is run as
 *	interpreter [one-argument] script-path argv[1]...
 * The line must end within the first BINPRM_BUF_SIZE bytes.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/binfmts.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* Rebuilds argv: interpreter, its argument, the script, old argv[1..]. */
static int script_argv(struct linux_binprm *bprm, const char *interp, const char *iarg)
{
	struct arg_list old = bprm->argv, neu = { 0 };
	size_t limit = bprm->args_limit;
	const char *s = old.buf;
	int err;

	err = arg_list_add(&neu, interp, strlen(interp), limit);
	if (!err && iarg)
		err = arg_list_add(&neu, iarg, strlen(iarg), limit);
	if (!err)
		err = arg_list_add(&neu, bprm->filename, strlen(bprm->filename), limit);
	for (int i = 0; !err && i < old.count; i++) {
		size_t len = strlen(s);

		if (i > 0)	/* argv[0] is replaced by the script's path */
			err = arg_list_add(&neu, s, len, limit);
		s += len + 1;
	}
	if (err) {
		arg_list_free(&neu);
		return err;
	}
	arg_list_free(&old);
	bprm->argv = neu;
	return 0;
}

int load_script(struct linux_binprm *bprm)
{
	char *line = bprm->buf + 2, *end, *interp, *iarg = NULL;
	int err;

	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	end = memchr(line, '\n', BINPRM_BUF_SIZE - 2);
	if (!end)
		return -ENOEXEC;	/* too long a line: Linux refuses it too */
	*end = '\0';
	while (spacetab(*line))
		line++;
	if (!*line)
		return -ENOEXEC;
	interp = line;
	while (*line && !spacetab(*line))
		line++;
	if (*line) {
		*line++ = '\0';
		while (spacetab(*line))
			line++;
		if (*line) {
			iarg = line;
			for (end--; end > line && spacetab(*end); end--)
				*end = '\0';	/* trailing blanks are not part of it */
		}
	}
	err = script_argv(bprm, interp, iarg);
	if (err)
		return err;
	kfree(bprm->interp);
	bprm->interp = kstrdup(interp, GFP_KERNEL);
	if (!bprm->interp)
		return -ENOMEM;
	err = bprm_open(bprm, bprm->interp);
	if (err)
		return err;
	return exec_binprm(bprm);
}
