#include "CSEUVDevice.h"

#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>

#define CSE_UVIO_TYPE 'u'
#define CSE_UVIO_ATT_NR 1
#define CSE_UVIO_IOCTL_ATT _IOWR(CSE_UVIO_TYPE, CSE_UVIO_ATT_NR, cse_uvio_ioctl_cb)

_Static_assert(sizeof(cse_uvio_ioctl_cb) == 0x40, "uvio_ioctl_cb size");
_Static_assert(offsetof(cse_uvio_ioctl_cb, flags) == 0x00, "uvio_ioctl_cb.flags");
_Static_assert(offsetof(cse_uvio_ioctl_cb, uv_rc) == 0x04, "uvio_ioctl_cb.uv_rc");
_Static_assert(offsetof(cse_uvio_ioctl_cb, uv_rrc) == 0x06, "uvio_ioctl_cb.uv_rrc");
_Static_assert(offsetof(cse_uvio_ioctl_cb, argument_addr) == 0x08, "uvio_ioctl_cb.argument_addr");
_Static_assert(offsetof(cse_uvio_ioctl_cb, argument_len) == 0x10, "uvio_ioctl_cb.argument_len");
_Static_assert(offsetof(cse_uvio_ioctl_cb, reserved14) == 0x14, "uvio_ioctl_cb.reserved14");

_Static_assert(sizeof(cse_uvio_attest) == 0x138, "uvio_attest size");
_Static_assert(offsetof(cse_uvio_attest, arcb_addr) == 0x000, "uvio_attest.arcb_addr");
_Static_assert(offsetof(cse_uvio_attest, meas_addr) == 0x008, "uvio_attest.meas_addr");
_Static_assert(offsetof(cse_uvio_attest, add_data_addr) == 0x010, "uvio_attest.add_data_addr");
_Static_assert(offsetof(cse_uvio_attest, user_data) == 0x018, "uvio_attest.user_data");
_Static_assert(offsetof(cse_uvio_attest, config_uid) == 0x118, "uvio_attest.config_uid");
_Static_assert(offsetof(cse_uvio_attest, arcb_len) == 0x128, "uvio_attest.arcb_len");
_Static_assert(offsetof(cse_uvio_attest, meas_len) == 0x12c, "uvio_attest.meas_len");
_Static_assert(offsetof(cse_uvio_attest, add_data_len) == 0x130, "uvio_attest.add_data_len");
_Static_assert(offsetof(cse_uvio_attest, user_data_len) == 0x134, "uvio_attest.user_data_len");
_Static_assert(offsetof(cse_uvio_attest, reserved136) == 0x136, "uvio_attest.reserved136");

_Static_assert(CSE_UVIO_IOCTL_ATT == 0xC0407501UL, "UVIO_IOCTL_ATT request number");

#if defined(__s390x__) && __has_include(<asm/uvdevice.h>)
#include <asm/uvdevice.h>
_Static_assert(sizeof(struct uvio_ioctl_cb) == sizeof(cse_uvio_ioctl_cb), "kernel uvio_ioctl_cb size");
_Static_assert(offsetof(struct uvio_ioctl_cb, uv_rc) == offsetof(cse_uvio_ioctl_cb, uv_rc), "kernel uv_rc");
_Static_assert(offsetof(struct uvio_ioctl_cb, uv_rrc) == offsetof(cse_uvio_ioctl_cb, uv_rrc), "kernel uv_rrc");
_Static_assert(offsetof(struct uvio_ioctl_cb, argument_addr) == offsetof(cse_uvio_ioctl_cb, argument_addr),
               "kernel argument_addr");
_Static_assert(offsetof(struct uvio_ioctl_cb, argument_len) == offsetof(cse_uvio_ioctl_cb, argument_len),
               "kernel argument_len");
_Static_assert(offsetof(struct uvio_ioctl_cb, reserved14) == offsetof(cse_uvio_ioctl_cb, reserved14),
               "kernel reserved14");
_Static_assert(sizeof(struct uvio_attest) == sizeof(cse_uvio_attest), "kernel uvio_attest size");
_Static_assert(offsetof(struct uvio_attest, meas_addr) == offsetof(cse_uvio_attest, meas_addr), "kernel meas_addr");
_Static_assert(offsetof(struct uvio_attest, add_data_addr) == offsetof(cse_uvio_attest, add_data_addr),
               "kernel add_data_addr");
_Static_assert(offsetof(struct uvio_attest, user_data) == offsetof(cse_uvio_attest, user_data), "kernel user_data");
_Static_assert(offsetof(struct uvio_attest, config_uid) == offsetof(cse_uvio_attest, config_uid),
               "kernel config_uid");
_Static_assert(offsetof(struct uvio_attest, arcb_len) == offsetof(cse_uvio_attest, arcb_len), "kernel arcb_len");
_Static_assert(offsetof(struct uvio_attest, meas_len) == offsetof(cse_uvio_attest, meas_len), "kernel meas_len");
_Static_assert(offsetof(struct uvio_attest, add_data_len) == offsetof(cse_uvio_attest, add_data_len),
               "kernel add_data_len");
_Static_assert(offsetof(struct uvio_attest, user_data_len) == offsetof(cse_uvio_attest, user_data_len),
               "kernel user_data_len");
_Static_assert(offsetof(struct uvio_attest, reserved136) == offsetof(cse_uvio_attest, reserved136),
               "kernel reserved136");
#ifdef UVIO_IOCTL_ATT
_Static_assert(UVIO_IOCTL_ATT == CSE_UVIO_IOCTL_ATT, "kernel UVIO_IOCTL_ATT");
#endif
#endif

unsigned long cse_uvio_attest_request(void) {
    return CSE_UVIO_IOCTL_ATT;
}

int cse_uvio_supported(void) {
#if defined(__s390x__)
    return 1;
#else
    return 0;
#endif
}

int cse_uvio_ioctl(int fd, unsigned long request, cse_uvio_ioctl_cb *cb) {
    int result = ioctl(fd, request, cb);
    return result == -1 ? -errno : result;
}
