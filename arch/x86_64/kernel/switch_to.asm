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
extern __switch_to, schedule_tail, kthread_fn_returned

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
; rbx holds the function, r12 its argument, rax the previous task.
ret_from_fork_asm:
	mov	rdi, rax
	call	schedule_tail		; release the run queue, as the switch would
	mov	rdi, r12
	call	rbx
	mov	rdi, rax		; a thread function returned: exit with it
	call	kthread_fn_returned
	ud2
