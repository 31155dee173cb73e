/*
 * lib/string.c and lib/vsprintf.c define memcpy, strlen, snprintf... under
 * the C library's names, as a kernel must. A host test needs both: lib/'s
 * to test and the C library's as the reference (and ASan's interceptors
 * of memcpy & co.). So every lib/ object is compiled with this header
 * forced in (-include), which renames those functions spindle_memcpy and
 * so on at the source level, definitions and calls alike. A test includes
 * it around lib/'s headers only:
 *
 *	#include "lib_names.h"
 *	#include <linux/string.h>		declares spindle_memcpy...
 *	#include "lib_names_end.h"
 *	#include <string.h>			memcpy is the host's: the reference
 *
 * lib_names_end.h is generated from this list by the Makefile.
 */
#define memset spindle_memset
#define memcpy spindle_memcpy
#define memmove spindle_memmove
#define memcmp spindle_memcmp
#define memchr spindle_memchr
#define strlen spindle_strlen
#define strnlen spindle_strnlen
#define strcmp spindle_strcmp
#define strncmp spindle_strncmp
#define strchr spindle_strchr
#define strrchr spindle_strrchr
#define strstr spindle_strstr
#define strlcpy spindle_strlcpy
#define strscpy spindle_strscpy
#define strsep spindle_strsep
#define skip_spaces spindle_skip_spaces
#define strim spindle_strim
#define snprintf spindle_snprintf
#define vsnprintf spindle_vsnprintf
#define scnprintf spindle_scnprintf
#define vscnprintf spindle_vscnprintf
