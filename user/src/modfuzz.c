/*
 * modfuzz FILE.ko NAME ITERATIONS [SEED]: loads ITERATIONS corrupted
 * copies of a module through init_module(2), each with 1 to 4 random
 * bytes changed, and removes every copy that loads (delete_module(2)
 * under NAME). Reports how each attempt ended and how much free memory
 * (sysinfo(2)) changed from after a first warm-up load to the end, so a
 * test can see that the kernel survived and leaked nothing
 * (tests/e2e/test_modules.py). A bad copy must get an errno, never an oops.
 * With ITERATIONS written "loop:N", the pristine module is loaded and
 * removed N times instead (the leak check of a load/unload loop); with
 * "finit", it is loaded once through finit_module(2) from the open file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static unsigned long long rng;

static unsigned int next_rand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return rng >> 33;
}

static long load(const void *img, size_t len)
{
	return syscall(SYS_init_module, img, len, "") ? errno : 0;
}

static long unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? errno : 0;
}

static unsigned long free_ram(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) || !(buf = malloc(st.st_size)) ||
	    read(fd, buf, st.st_size) != st.st_size) {
		perror(path);
		exit(2);
	}
	close(fd);
	*len = st.st_size;
	return buf;
}

int main(int argc, char **argv)
{
	unsigned long counts[256] = { 0 }, before;
	unsigned char *orig, *copy;
	size_t len;
	int n, loop;

	if (argc < 4) {
		fprintf(stderr, "usage: modfuzz FILE.ko NAME ITERATIONS [SEED]\n");
		return 2;
	}
	if (!strcmp(argv[3], "finit")) {
		int fd = open(argv[1], O_RDONLY);

		if (syscall(SYS_finit_module, fd, "", 0) || unload(argv[2])) {
			perror("modfuzz: finit_module");
			return 1;
		}
		printf("modfuzz: finit_module ok\n");
		return 0;
	}
	orig = read_file(argv[1], &len);
	copy = malloc(len);
	loop = !strncmp(argv[3], "loop:", 5);
	n = atoi(argv[3] + (loop ? 5 : 0));
	rng = argc > 4 ? strtoull(argv[4], NULL, 0) : 1;
	/* Warm up: the first load may allocate lasting structures
	 * (page tables of the module area). */
	if (load(orig, len) || unload(argv[2])) {
		fprintf(stderr, "modfuzz: the pristine module does not load and unload\n");
		return 1;
	}
	before = free_ram();
	for (int i = 0; i < n; i++) {
		long err;

		memcpy(copy, orig, len);
		for (unsigned int k = next_rand() % 4 + 1; k && !loop; k--)
			copy[next_rand() % len] ^= 1 + next_rand() % 255;
		err = load(copy, len);
		if (!err && unload(argv[2]))
			printf("modfuzz: loaded copy %d could not be removed\n", i);
		counts[err & 255]++;
	}
	for (int e = 0; e < 256; e++)
		if (counts[e])
			printf("modfuzz: %s: %lu\n", e ? strerror(e) : "loaded", counts[e]);
	if (load(orig, len) || unload(argv[2]))
		printf("modfuzz: the pristine module no longer loads\n");
	printf("modfuzz: free memory change %ld KiB\n",
	       ((long)free_ram() - (long)before) / 1024);
	printf("modfuzz: done %d\n", n);
	return 0;
}
