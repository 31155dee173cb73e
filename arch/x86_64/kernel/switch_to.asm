; The context switch, as Linux's __switch_to_asm (arch/x86/entry/entry_64.S):
; save the callee-saved registers on the old task's stack, swap stack
; pointers, restore the new task's registers, and finish in C. Everything
; else a task needs to resume is on its own stack already.
;
;   struct task_struct *__switch_to_asm(prev, next)  returns prev, as seen
;   by the task that resumes. It is also arch_switch_to(), the name the
;   scheduler calls (include/spindle/sched_arch.h), with no wrapper between.

bits 64
section .text

global __switch_to_asm, arch_switch_to, ret_from_fork_asm
extern __switch_to, ret_from_fork, swapgs_restore_regs_and_return_to_usermode

TASK_THREAD_SP equ 0		; offsetof(struct task_struct, thread.sp)

arch_switch_to:
__switch_to_asm:
	push	rbp
	push	rbx
	push	r12
	push	r13
	push	r14
	push	r15
	mov	[rdi + TASK_THREAD_SP], rsp
	mov	rsp, [rsi + TASK_THREAD_SP]
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbx
	pop	rbp
	jmp	__switch_to		; its ret resumes the new task

; A new task's first return lands here (copy_thread() built the frame):
; rbx holds the kernel thread's function (0 for a user task), r12 its
; argument, rax the previous task; the stack points one word below the
; task's pt_regs. ret_from_fork() runs the function; if it returns (a
; kernel thread that became a process by execve, like kernel_init), or
; there was none (a user child of clone), the task enters user mode
; through its pt_regs, as Linux's ret_from_fork.
ret_from_fork_asm:
	mov	rdi, rax		; prev
	lea	rsi, [rsp + 8]		; regs
	mov	rdx, rbx		; fn
	mov	rcx, r12		; fn_arg
	call	ret_from_fork
	add	rsp, 8
	jmp	swapgs_restore_regs_and_return_to_usermode
