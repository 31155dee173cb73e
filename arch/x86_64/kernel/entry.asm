; Interrupt and exception entry: one small stub per IDT vector pushes the
; vector (and a zero where the CPU pushes no error code), then the common
; path saves every general register as a struct pt_regs (asm/ptrace.h) and
; calls x86_interrupt(regs) in C. Mirrors arch/x86/entry/entry_64.S
; (idtentry, error_entry, swapgs_restore_regs_and_return_to_usermode).
;
; From ring 3 (the saved CS has RPL 3) the entry swaps GS to the kernel's
; per-CPU base and the exit swaps back; the CPU took the stack from
; TSS.rsp0, so the frame is the task's task_pt_regs(). x86_interrupt()
; runs the exit-to-user work before such a return. Simplified: NMI and
; machine check are not "paranoid" (one hitting the few instructions
; between a swapgs and sysret/iret would see the user's GS base).

bits 64
section .text

%include "calling.inc"

extern x86_interrupt, x86_smap_enabled

; Vectors for which the CPU pushes an error code itself.
%define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%macro STUB 1
align 16
stub_%1:
%if HAS_ERRCODE(%1)
	; error code already on the stack; it sits above the vector slot
	push	qword %1
	jmp	interrupt_common
%else
	push	qword 0
	push	qword %1
	jmp	interrupt_common
%endif
%endmacro

; The stack on entry to interrupt_common, top first: vector, error code,
; then RIP, CS, RFLAGS, RSP, SS pushed by the CPU. The error code slot is
; above the vector, so pt_regs lists vector before error_code.
%assign v 0
%rep 256
	STUB v
%assign v v + 1
%endrep

; Labels inside interrupt_common start with ..@ so that they make no
; symbol kallsyms keeps: the backtrace recognises a return into
; interrupt_common by the symbol's name.
interrupt_common:
	cld
	test	byte [rsp + 3 * 8], 3	; the saved CS: from user mode?
	jz	..@from_kernel
	swapgs
..@from_kernel:
	; An interrupt may hit a user copy with RFLAGS.AC set (stac); the
	; handler must not inherit the open SMAP window (Linux's ASM_CLAC).
	cmp	byte [rel x86_smap_enabled], 0
	je	..@no_smap
	clac
..@no_smap:
	push	qword -1		; orig_rax: not a system call
	PUSH_REGS rax
	mov	rdi, rsp
	; A frame record so that backtraces walk from the handler through
	; the interrupted code: [rbp] = interrupted rbp, [rbp+8] = its rip.
	; The extra 8 bytes keep the C call 16-byte aligned.
	push	qword [rsp + PT_RIP]
	push	rbp
	mov	rbp, rsp
	sub	rsp, 8
	call	x86_interrupt
	add	rsp, 24
	test	byte [rsp + PT_CS], 3
	jnz	swapgs_restore_regs_and_return_to_usermode
	POP_REGS
	add	rsp, 24			; orig_rax, vector and error code
	iretq

; The one way back to ring 3 by iret: from interrupts and exceptions, from
; a system call that may not use sysret, and a new task's first return
; (ret_from_fork_asm). rsp points at the task's pt_regs, interrupts off,
; the exit-to-user work done.
global swapgs_restore_regs_and_return_to_usermode
swapgs_restore_regs_and_return_to_usermode:
	POP_REGS
	add	rsp, 24			; orig_rax, vector and error code
	swapgs
	iretq

; Table of stub addresses, read by idt.c to fill the IDT.
section .rodata
global interrupt_stubs
align 8
interrupt_stubs:
%assign v 0
%rep 256
	dq stub_ %+ v
%assign v v + 1
%endrep
