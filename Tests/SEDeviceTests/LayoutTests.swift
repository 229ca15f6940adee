import CSEUVDevice
import Testing

@Suite("uvdevice ABI as Swift sees it")
struct LayoutTests {
    @Test("uvio_ioctl_cb is 0x40 bytes with the kernel's field offsets")
    func controlBlockLayout() {
        typealias Layout = MemoryLayout<cse_uvio_ioctl_cb>
        #expect(Layout.size == 0x40)
        #expect(Layout.offset(of: \.flags) == 0x00)
        #expect(Layout.offset(of: \.uv_rc) == 0x04)
        #expect(Layout.offset(of: \.uv_rrc) == 0x06)
        #expect(Layout.offset(of: \.argument_addr) == 0x08)
        #expect(Layout.offset(of: \.argument_len) == 0x10)
        #expect(Layout.offset(of: \.reserved14) == 0x14)
        #expect(MemoryLayout.size(ofValue: cse_uvio_ioctl_cb().reserved14) == 0x40 - 0x14)
    }

    @Test("uvio_attest is 0x138 bytes with the kernel's field offsets")
    func attestLayout() {
        typealias Layout = MemoryLayout<cse_uvio_attest>
        #expect(Layout.size == 0x138)
        #expect(Layout.offset(of: \.arcb_addr) == 0x000)
        #expect(Layout.offset(of: \.meas_addr) == 0x008)
        #expect(Layout.offset(of: \.add_data_addr) == 0x010)
        #expect(Layout.offset(of: \.user_data) == 0x018)
        #expect(Layout.offset(of: \.config_uid) == 0x118)
        #expect(Layout.offset(of: \.arcb_len) == 0x128)
        #expect(Layout.offset(of: \.meas_len) == 0x12C)
        #expect(Layout.offset(of: \.add_data_len) == 0x130)
        #expect(Layout.offset(of: \.user_data_len) == 0x134)
        #expect(Layout.offset(of: \.reserved136) == 0x136)
        #expect(MemoryLayout.size(ofValue: cse_uvio_attest().user_data) == 256)
        #expect(MemoryLayout.size(ofValue: cse_uvio_attest().config_uid) == 16)
    }

    @Test("the attestation ioctl request number is 0xc0407501")
    func requestNumber() {
        #expect(cse_uvio_attest_request() == 0xC040_7501)
    }

    @Test("uvdevice support is reported for s390x only")
    func supported() {
        #if arch(s390x)
        #expect(cse_uvio_supported() == 1)
        #else
        #expect(cse_uvio_supported() == 0)
        #endif
    }
}
