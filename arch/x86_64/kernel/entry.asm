; Interrupt and exception entry: one small stub per IDT vector pushes the
; vector (and a zero where the CPU pushes no error code), then the common
; path saves every general register as a struct pt_regs (asm/ptrace.h) and
; calls x86_interrupt(regs) in C. Mirrors arch/x86/entry/entry_64.S, for
; a kernel that runs in ring 0 only (no swapgs, no user return).

bits 64
section .text

extern x86_interrupt

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

interrupt_common:
	cld
	push	rdi
	push	rsi
	push	rdx
	push	rcx
	push	rax
	push	r8
	push	r9
	push	r10
	push	r11
	push	rbx
	push	rbp
	push	r12
	push	r13
	push	r14
	push	r15
	mov	rdi, rsp
	; A frame record so that backtraces walk from the handler through
	; the interrupted code: [rbp] = interrupted rbp, [rbp+8] = its rip.
	push	qword [rsp + 17 * 8]	; regs->rip
	push	rbp
	mov	rbp, rsp
	call	x86_interrupt
	add	rsp, 16
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbp
	pop	rbx
	pop	r11
	pop	r10
	pop	r9
	pop	r8
	pop	rax
	pop	rcx
	pop	rdx
	pop	rsi
	pop	rdi
	add	rsp, 16			; vector and error code
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
