#ifndef CSE_UVDEVICE_H
#define CSE_UVDEVICE_H
/* The Linux uvdevice (/dev/uv) ABI under the cse_ prefix. Filled in by the perform work. */
#endif
