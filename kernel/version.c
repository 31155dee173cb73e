/* The banner: name, version and compiler, as Linux's init/version.c. */
#include <spindle/version.h>

#define SPINDLE_VERSION "0.1"

const char spindle_banner[] = "Spindle version " SPINDLE_VERSION
	" (x86_64) built with " __VERSION__ " on " __DATE__ "\n";
