/*
 * pstree: the process tree from /proc, drawn as psmisc's `pstree -A`
 * does (Debian's busybox has no pstree). Identical leaf siblings are
 * folded into "N*[name]", so kthreadd's many children stay readable.
 *
 *	pstree [-p] [PID]	(-p: show PIDs; PID: start there, default 1)
 */
#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct proc {
	int pid, ppid;
	char name[64];
	struct proc **kids;
	int nkids;
};

static struct proc *procs;
static int nprocs;
static bool show_pids;
static char bar[4096];	/* bar[col]: a branch continues below in this column */

/* Reads "pid (comm) state ppid" from /proc/PID/stat. */
static bool read_stat(int pid, struct proc *p)
{
	char path[64], buf[512], *open, *close;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	open = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!open || !close || close < open)
		return false;
	*close = '\0';
	p->pid = pid;
	snprintf(p->name, sizeof(p->name), "%s", open + 1);
	return sscanf(close + 2, "%*c %d", &p->ppid) == 1;
}

static void load(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d) {
		perror("pstree: /proc");
		exit(1);
	}
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		procs = realloc(procs, (nprocs + 1) * sizeof(*procs));
		memset(&procs[nprocs], 0, sizeof(*procs));
		if (read_stat(atoi(e->d_name), &procs[nprocs]))
			nprocs++;
	}
	closedir(d);
}

static int by_pid(const void *a, const void *b)
{
	return (*(struct proc *const *)a)->pid - (*(struct proc *const *)b)->pid;
}

static void link_tree(void)
{
	for (int i = 0; i < nprocs; i++)
		for (int j = 0; j < nprocs; j++)
			if (procs[j].ppid == procs[i].pid && j != i) {
				struct proc *p = &procs[i];

				p->kids = realloc(p->kids, (p->nkids + 1) * sizeof(*p->kids));
				p->kids[p->nkids++] = &procs[j];
			}
	for (int i = 0; i < nprocs; i++)
		qsort(procs[i].kids, procs[i].nkids, sizeof(*procs[i].kids), by_pid);
}

static struct proc *find(int pid)
{
	for (int i = 0; i < nprocs; i++)
		if (procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/* How many leaf siblings from @i on share kids[i]'s name (folded). */
static int same_leaves(struct proc *parent, int i)
{
	int n = 1;

	if (show_pids || parent->kids[i]->nkids)
		return 1;
	while (i + n < parent->nkids && !parent->kids[i + n]->nkids &&
	       !strcmp(parent->kids[i + n]->name, parent->kids[i]->name))
		n++;
	return n;
}

static void indent(int col)
{
	for (int c = 0; c < col; c++)
		putchar(bar[c] ? '|' : ' ');
}

static void draw(struct proc *p, int count, int col)
{
	char label[96];
	int len, groups = 0;

	if (count > 1)
		len = snprintf(label, sizeof(label), "%d*[%s]", count, p->name);
	else if (show_pids)
		len = snprintf(label, sizeof(label), "%s(%d)", p->name, p->pid);
	else
		len = snprintf(label, sizeof(label), "%s", p->name);
	fputs(label, stdout);
	col += len;
	if (!p->nkids || count > 1) {
		putchar('\n');
		return;
	}
	for (int i = 0; i < p->nkids; i += same_leaves(p, i))
		groups++;
	for (int i = 0, g = 0; i < p->nkids; g++) {
		int n = same_leaves(p, i);
		bool last = g == groups - 1;

		if (g == 0)
			fputs(groups == 1 ? "---" : "-+-", stdout);
		else {
			indent(col + 1);
			fputs(last ? "`-" : "|-", stdout);
		}
		if ((size_t)col + 1 < sizeof(bar))
			bar[col + 1] = !last;
		draw(p->kids[i], n, col + 3);
		i += n;
	}
	if ((size_t)col + 1 < sizeof(bar))
		bar[col + 1] = 0;
}

int main(int argc, char **argv)
{
	int root = 1;
	struct proc *p;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p"))
			show_pids = true;
		else if (isdigit((unsigned char)argv[i][0]))
			root = atoi(argv[i]);
		else {
			fprintf(stderr, "usage: pstree [-p] [PID]\n");
			return 2;
		}
	}
	load();
	link_tree();
	p = find(root);
	if (!p) {
		fprintf(stderr, "pstree: no process %d\n", root);
		return 1;
	}
	draw(p, 1, 0);
	return 0;
}
