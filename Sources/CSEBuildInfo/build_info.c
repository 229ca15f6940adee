#include "CSEBuildInfo.h"

/* Absent in a source tree without git and in a plain `swift build` that no script prepared. */
#if __has_include("source_revision.h")
#include "source_revision.h"
#endif
#ifndef CSE_SOURCE_REVISION
#define CSE_SOURCE_REVISION ""
#endif

const char *cse_source_revision(void) {
    return CSE_SOURCE_REVISION;
}
