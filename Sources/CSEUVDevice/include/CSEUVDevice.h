#ifndef CSE_UVDEVICE_H
#define CSE_UVDEVICE_H
/*
 * The Linux uvdevice (/dev/uv) ABI for Retrieve Attestation Measurement, docs/formats.md §9, under
 * the cse_ prefix so it never collides with <asm/uvdevice.h> when both are visible (s390x).
 * Layout only: native byte order and natural alignment, exactly as the kernel reads it.
 */
#include <stdint.h>

/* Argument of every uvdevice ioctl (0x40 bytes), docs/formats.md §9.3. */
typedef struct cse_uvio_ioctl_cb {
    uint32_t flags;                  /* 0x00 in: must be 0 */
    uint16_t uv_rc;                  /* 0x04 out: Ultravisor return code */
    uint16_t uv_rrc;                 /* 0x06 out: Ultravisor return-reason code */
    uint64_t argument_addr;          /* 0x08 in: address of the command argument (cse_uvio_attest) */
    uint32_t argument_len;           /* 0x10 in: size of the command argument */
    uint8_t reserved14[0x40 - 0x14]; /* 0x14 in: must be 0 */
} cse_uvio_ioctl_cb;

/* Command argument of the attestation ioctl (0x138 bytes), docs/formats.md §9.4. */
typedef struct cse_uvio_attest {
    uint64_t arcb_addr;      /* 0x000 in: the ARCB */
    uint64_t meas_addr;      /* 0x008 in: buffer for the measurement */
    uint64_t add_data_addr;  /* 0x010 in: buffer for the additional data, 0 if add_data_len is 0 */
    uint8_t user_data[256];  /* 0x018 in: user data, zero-padded */
    uint8_t config_uid[16];  /* 0x118 out: configuration unique ID (CUID) */
    uint32_t arcb_len;       /* 0x128 in: 1..0x100000 */
    uint32_t meas_len;       /* 0x12c in: 1..0x8000 */
    uint32_t add_data_len;   /* 0x130 in/out: 0..0x8000 */
    uint16_t user_data_len;  /* 0x134 in: 0..256 */
    uint16_t reserved136;    /* 0x136 in: must be 0 */
} cse_uvio_attest;

/* UVIO_IOCTL_ATT, _IOWR('u', 1, struct uvio_ioctl_cb) = 0xC0407501: a macro Swift cannot import. */
unsigned long cse_uvio_attest_request(void);

/* 1 where /dev/uv can exist (s390x), 0 elsewhere. */
int cse_uvio_supported(void);

/* ioctl(fd, request, cb) with a typed prototype; returns the ioctl result, or -errno on failure
 * so that nothing runs between the call and reading errno. */
int cse_uvio_ioctl(int fd, unsigned long request, cse_uvio_ioctl_cb *cb);

#endif
