/* The command line for the Swift runtime, without its search of /proc/self/maps.
 *
 * Statically linked, the Swift runtime finds argv for CommandLine.arguments with a constructor
 * that reads and parses /proc/self/maps to locate the stack (about 0.15 ms at every start). glibc
 * passes argc and argv to the executable's constructors, so this one keeps them, and the
 * runtime's lookup function defined here makes the linker leave the runtime's own (and its
 * constructor) out. Only the release build links the runtime statically; with the shared
 * runtime (debug builds, tests) its lookup is internal to libswiftCore.so and this one unused.
 * docs/architecture.md §4. */

#include "CSEArguments.h"

#include <stddef.h>
#include <stdlib.h> /* defines __GLIBC__ with the C library */

/* Only glibc passes argc and argv to constructors (musl calls them without arguments); elsewhere
 * nothing is defined here and the runtime keeps its own lookup. */
#if defined(__GLIBC__)

static int argument_count;
static char **arguments;

__attribute__((constructor)) static void cse_keep_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc > 0 && argv != NULL) {
        argument_count = argc;
        arguments = argv;
    }
}

/* The runtime's `_swift_stdlib_getUnsafeArgvArgc`, Swift calling convention: argv, with argc
 * through `count`. An empty command line if the C library passed none to constructors. */
__attribute__((swiftcall, used)) char **_swift_stdlib_getUnsafeArgvArgc(int *count) {
    static char *empty[] = { NULL };
    if (arguments == NULL) {
        *count = 0;
        return empty;
    }
    *count = argument_count;
    return arguments;
}

#endif
