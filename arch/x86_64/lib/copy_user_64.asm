; The instructions that touch user memory, as Linux's
; arch/x86/lib/copy_user_64.S, strncpy_from_user and strnlen_user. Each
; access that may fault has an exception-table entry (__ex_table,
; arch/x86_64/mm/extable.c): a fault there resumes at the fixup, which
; returns what was left instead of oopsing. The callers
; (arch/x86_64/lib/usercopy_64.c) check the range and bracket the call
; with stac/clac.

bits 64
section .text

; An exception-table entry: a fault at %1 continues at %2.
%macro EXTABLE 2
section __ex_table progbits alloc noexec nowrite align=8
	dq	%1, %2
section .text
%endmacro

; unsigned long copy_user_generic(void *to, const void *from, unsigned long n)
; Returns the bytes not copied. rep movsb stops at the faulting byte with
; rcx counting what is left, so the result is exact to the byte.
global copy_user_generic
copy_user_generic:
	mov	rcx, rdx
.copy:	rep movsb
	xor	eax, eax
	ret
.fault:	mov	rax, rcx
	ret
EXTABLE copy_user_generic.copy, copy_user_generic.fault

; unsigned long clear_user_generic(void *to, unsigned long n)
; Returns the bytes not cleared.
global clear_user_generic
clear_user_generic:
	mov	rcx, rsi
	xor	eax, eax
.clear:	rep stosb
	ret
.fault:	mov	rax, rcx
	ret
EXTABLE clear_user_generic.clear, clear_user_generic.fault

; long strncpy_user_generic(char *dst, const char *src, long count)
; Copies up to count bytes, stopping after a NUL. Returns the length
; without the NUL, count if none came, or -EFAULT.
global strncpy_user_generic
strncpy_user_generic:
	xor	eax, eax
.next:	cmp	rax, rdx
	jae	.done
.load:	movzx	ecx, byte [rsi + rax]
	mov	[rdi + rax], cl
	test	cl, cl
	jz	.done
	inc	rax
	jmp	.next
.done:	ret
.fault:	mov	rax, -14		; -EFAULT
	ret
EXTABLE strncpy_user_generic.load, strncpy_user_generic.fault

; long strnlen_user_generic(const char *s, long n)
; Returns the length with the NUL, n + 1 if no NUL in n bytes, 0 on a fault.
global strnlen_user_generic
strnlen_user_generic:
	xor	eax, eax
.next:	cmp	rax, rsi
	jae	.long
.load:	cmp	byte [rdi + rax], 0
	je	.found
	inc	rax
	jmp	.next
.found:	inc	rax
	ret
.long:	lea	rax, [rsi + 1]
	ret
.fault:	xor	eax, eax
	ret
EXTABLE strnlen_user_generic.load, strnlen_user_generic.fault

; int futex_cmpxchg_user_generic(u32 *uaddr, u32 old, u32 new, u32 *cur)
; One atomic compare-and-exchange on a user futex word, as Linux's
; futex_atomic_cmpxchg_inatomic(): *cur gets the value found there.
; Returns 0, or -EFAULT if the word cannot be written.
global futex_cmpxchg_user_generic
futex_cmpxchg_user_generic:
	mov	eax, esi
.cmpxchg:
	lock cmpxchg [rdi], edx
	mov	[rcx], eax
	xor	eax, eax
	ret
.fault:	mov	eax, -14		; -EFAULT
	ret
EXTABLE futex_cmpxchg_user_generic.cmpxchg, futex_cmpxchg_user_generic.fault
