/*
 * The interrupt descriptor table: one interrupt gate per vector, each
 * pointing at its stub in entry.asm. Double fault, NMI and machine check
 * switch to their own IST stacks. Mirrors arch/x86/kernel/idt.c.
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/traps.h>

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct idt_ptr {
	u16 limit;
	u64 base;
} __packed;

extern const u64 interrupt_stubs[256];
static struct idt_gate idt[256] __aligned(16);

#define GATE_INTERRUPT 0x8E	/* present, ring 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60		/* also reachable by int n from ring 3 */

static void set_gate(int vector, u64 handler, int ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xFFFF;
	g->selector = GDT_KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_INTERRUPT;
	g->offset_mid = (handler >> 16) & 0xFFFF;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

void idt_setup(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, interrupt_stubs[v], 0);
	set_gate(X86_TRAP_DF, interrupt_stubs[X86_TRAP_DF], IST_DOUBLE_FAULT);
	set_gate(X86_TRAP_NMI, interrupt_stubs[X86_TRAP_NMI], IST_NMI);
	set_gate(X86_TRAP_MC, interrupt_stubs[X86_TRAP_MC], IST_MACHINE_CHECK);
	/* int3 and into are instructions user code may execute (debuggers
	 * plant int3): their gates admit ring 3, as Linux's system gates.
	 * Any other int n from user mode is a #GP. */
	idt[X86_TRAP_BP].type_attr |= GATE_DPL3;
	idt[X86_TRAP_OF].type_attr |= GATE_DPL3;
	idt_load();
}

void idt_load(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u64)idt };

	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}
