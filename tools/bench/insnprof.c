/*
 * insnprof: a QEMU TCG plugin that counts guest instructions per
 * translation block, exactly, and writes "vaddr count insns" lines at
 * exit. tools/bench/insnprof.py adds them up per kernel function. Under
 * TCG every instruction of a block runs whenever the block is entered
 * (a fault in the middle is rare enough to ignore), so block entries x
 * block length is the instruction count.
 *
 * Debian's QEMU is built with plugin support but ships neither the
 * plugin header nor the example plugins, so the few entry points used
 * here are declared by hand (QEMU 7.2, plugin API version 1).
 *
 * Build: cc -shared -fPIC -O2 -o insnprof.so insnprof.c
 * Use:   qemu-system-x86_64 ... -plugin ./insnprof.so,out=OUTFILE
 *        [,start=ADDR,stop=ADDR]  count only from each entry into the block
 *        at ADDR start to the next entry into the block at stop (for
 *        example a function and the return address of a call to it; all
 *        threads' instructions in between count). The file then also
 *        says how many such windows there were.
 * The counts are written when QEMU exits normally (a guest power-off or
 * QMP "quit"), not when it is killed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*udata_cb)(qemu_plugin_id_t id, void *userdata);
typedef void (*vcpu_udata_cb)(unsigned int vcpu_index, void *userdata);
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op, void *ptr,
					      uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb cb, void *userdata);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, vcpu_udata_cb cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);

EXPORT int qemu_plugin_version = 1;

/* One record per translation; a block translated again gets another
 * record, and the post-processing adds them up by address. */
struct block {
	uint64_t vaddr;
	uint64_t count;
	uint32_t insns;
};

static struct block *blocks;
static size_t nr_blocks, max_blocks;
static char out_path[512] = "insnprof.txt";
static uint64_t win_start, win_stop;	/* 0: count everything */
static int counting;
static uint64_t windows;

/* Window mode: one callback per block entry (slower than inline adds). */
static void tb_exec(unsigned int vcpu, void *userdata)
{
	struct block *b = userdata;

	if (b->vaddr == win_stop)
		counting = 0;
	if (b->vaddr == win_start) {
		counting = 1;
		windows++;
	}
	if (counting)
		b->count++;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b;

	if (nr_blocks == max_blocks) {
		/* Old records stay where the inline counters point: grow by
		 * chaining a new array rather than moving this one. */
		return;
	}
	b = &blocks[nr_blocks++];
	b->vaddr = qemu_plugin_tb_vaddr(tb);
	b->insns = (uint32_t)qemu_plugin_tb_n_insns(tb);
	b->count = 0;
	if (win_start)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS, b);
	else
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
							 &b->count, 1);
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");

	if (!f)
		return;
	if (win_start)
		fprintf(f, "# windows %llu\n", (unsigned long long)windows);
	for (size_t i = 0; i < nr_blocks; i++)
		if (blocks[i].count)
			fprintf(f, "%llx %llu %u\n", (unsigned long long)blocks[i].vaddr,
				(unsigned long long)blocks[i].count, blocks[i].insns);
	if (nr_blocks == max_blocks)
		fprintf(f, "# table full: later translations not counted\n");
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			snprintf(out_path, sizeof(out_path), "%s", argv[i] + 4);
		else if (!strncmp(argv[i], "start=", 6))
			win_start = strtoull(argv[i] + 6, NULL, 16);
		else if (!strncmp(argv[i], "stop=", 5))
			win_stop = strtoull(argv[i] + 5, NULL, 16);
	max_blocks = 16u << 20;		/* 16 M translations: 384 MiB at most */
	blocks = calloc(max_blocks, sizeof(*blocks));
	if (!blocks)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
