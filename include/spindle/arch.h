/*
 * What the portable kernel needs from the architecture. kernel/ and lib/
 * hold no assembly and no port I/O; they call these. Implemented in
 * arch/x86_64/ (inline ones in asm/irqflags.h and asm/processor.h).
 */
#ifndef _SPINDLE_ARCH_H
#define _SPINDLE_ARCH_H

#include <linux/types.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

struct pt_regs;
struct task_struct;

/*
 * Boot steps start_kernel() calls, in this order (as Linux's arch hooks):
 * setup_arch() reads the boot loader's information, starts the early
 * consoles, loads the CPU's descriptor tables and finds the firmware
 * tables; trap_init() installs the exception handlers; init_IRQ() sets up
 * the interrupt controllers; time_init() calibrates the clocks and starts
 * the periodic tick.
 */
void setup_arch(void);
void trap_init(void);
void init_IRQ(void);
void time_init(void);

/* Wait for the next interrupt with interrupts enabled (the idle loop). */
void arch_cpu_idle(void);
/* Stop this CPU for good: interrupts off, halted. */
void __attribute__((noreturn)) arch_halt_forever(void);

/* Runs @fn(@arg) on the stack whose top is @stack_top, then returns. */
void arch_call_on_stack(void *stack_top, void (*fn)(void *), void *arg);

/*
 * SMP (arch/x86_64/kernel/smpboot.c, smp.c): number the CPUs the firmware
 * lists (at most @max_cpus; returns how many are present), start one on
 * @idle's stack (0, or -EIO when it did not answer), and send the
 * reschedule and call-function interprocessor interrupts.
 */
unsigned int arch_smp_prepare_cpus(unsigned int max_cpus);
int arch_cpu_up(unsigned int cpu, struct task_struct *idle);
/* The dead CPU's last act: halt until started again (Linux's play_dead()). */
void __attribute__((noreturn)) arch_cpu_play_dead(void);
/* Waits until @cpu has halted in arch_cpu_play_dead() (Linux's
 * __cpu_die()): 0, or -ETIMEDOUT after 5 s. */
int arch_cpu_die(unsigned int cpu);
void arch_smp_send_reschedule(int cpu);
void arch_send_call_function_single_ipi(int cpu);
void arch_send_call_function_ipi_mask(unsigned long mask);

/* /proc/interrupts: how often each interrupt line has fired. */
struct seq_file;
int show_interrupts(struct seq_file *p, void *v);
/* /proc/cpuinfo's iterator (arch/x86_64/kernel/cpu/proc.c). */
struct seq_operations;
extern const struct seq_operations cpuinfo_op;

/* Seconds since 1970 (UTC) from the battery-backed clock, or 0. */
s64 arch_read_persistent_clock(void);

/* Power: never return on success; return -errno when the method failed. */
int arch_power_off(void);
int arch_restart(void);
/* Ends an emulator with @code when it supports that (QEMU isa-debug-exit). */
void arch_emulator_exit(int code);

/* Prints registers and a backtrace starting at @regs (or here if NULL). */
void arch_show_regs(const struct pt_regs *regs);
void arch_dump_stack(const struct pt_regs *regs);
/* The backtrace of @p, which must be off the CPU (sleeping). */
void arch_show_task_stack(const struct task_struct *p);


#endif
