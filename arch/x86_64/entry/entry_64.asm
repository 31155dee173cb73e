; The 64-bit system-call entry, as Linux's entry_SYSCALL_64
; (arch/x86/entry/entry_64.S). The syscall instruction leaves rip in rcx
; and rflags in r11, loads the kernel CS and SS from MSR_STAR and clears
; the RFLAGS bits of MSR_SYSCALL_MASK (IF among them); it does not
; change rsp or GS. So the entry swaps GS to find this CPU's data, parks
; the user rsp, takes the task's kernel stack top, and builds there the
; same struct pt_regs an interrupt from ring 3 would (asm/ptrace.h).
; do_syscall_64() (syscall_64.c) runs the call and the exit-to-user work
; and says whether sysret may return; if not, the return goes by iret.
; Simplified: no kernel page-table isolation, no trampoline stack.

bits 64
section .text

%include "calling.inc"

extern do_syscall_64, swapgs_restore_regs_and_return_to_usermode

global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	mov	[gs:PCPU_user_rsp_scratch], rsp
	mov	rsp, [gs:PCPU_top_of_stack]

	; The frame iret would pop, then error code, vector, orig_rax.
	push	qword GDT_USER_DS			; ss
	push	qword [gs:PCPU_user_rsp_scratch]	; rsp
	push	r11					; rflags
	push	qword GDT_USER_CS			; cs
	push	rcx					; rip
	push	qword 0					; error_code
	push	qword -1				; vector: none
	push	rax					; orig_rax
	PUSH_REGS -38					; rax = -ENOSYS
	xor	ebp, ebp		; end of the backtrace: no kernel caller

	mov	rdi, rsp
	movsxd	rsi, eax		; the number is an int, as in Linux
	sub	rsp, 8			; 16-byte alignment for the C call
	call	do_syscall_64
	add	rsp, 8
	test	al, al
	jz	swapgs_restore_regs_and_return_to_usermode

	; sysret: rcx and r11 hold rip and rflags again (checked in C).
	POP_REGS
	mov	rsp, [rsp + 3 * 8 + 3 * 8]	; past orig_rax, vector, error
						; code, rip, cs, rflags: rsp
	swapgs
	o64 sysret
