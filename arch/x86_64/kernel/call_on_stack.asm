; arch_call_on_stack(stack_top, fn, arg): runs fn(arg) on another stack
; and comes back, like Linux's call_on_stack() (used there for IRQ stacks).
; A frame record on the new stack repeats the caller's, so a backtrace
; from fn continues into the caller.

bits 64
section .text
global arch_call_on_stack

arch_call_on_stack:
	push	rbp
	mov	rbp, rsp
	push	rbx
	mov	rbx, rsp		; where to come back to
	mov	rsp, rdi
	push	qword [rbp + 8]		; the caller's return address
	push	qword [rbp]		; the caller's frame pointer
	mov	rbp, rsp
	mov	rdi, rdx
	call	rsi
	mov	rsp, rbx
	pop	rbx
	pop	rbp
	ret
