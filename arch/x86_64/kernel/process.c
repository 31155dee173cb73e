/* The idle instruction and stopping a CPU (arch/x86/kernel/process.c). */
#include <linux/kernel.h>
#include <spindle/arch.h>

/* sti takes effect after the next instruction, so no interrupt can slip
 * in between it and hlt and leave us asleep with work pending. */
void arch_cpu_idle(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

void arch_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" : : : "memory");
}
