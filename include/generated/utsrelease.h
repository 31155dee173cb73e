/* The kernel release uname -r reports, as Linux's generated utsrelease.h:
 * modules' vermagic and the Makefile's /lib/modules/<release>/ use it. */
#define UTS_RELEASE "6.1.0-spindle"
