#ifndef CSE_BUILD_INFO_H
#define CSE_BUILD_INFO_H

/* What a bug report needs to know about the build, recorded at build time without a SwiftPM
   plugin: scripts/source-revision writes source_revision.h (git-ignored) next to build_info.c. */

/* The git revision the binary was built from ("0123456789ab", with "+modified" when the
   checkout had uncommitted changes), or "" when none was recorded. */
const char *cse_source_revision(void);

#endif
