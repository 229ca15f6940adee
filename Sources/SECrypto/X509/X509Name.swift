internal import CSEOpenSSL
internal import CSEOpenSSLShims

/// Distinguished-name helpers (X509_NAME*, borrowed) for messages and IBM's naming rules.
enum X509Name {
    /// One line in RFC 2253 form (most specific component first), for `Certificate.subject`,
    /// `issuer` and messages.
    static func text(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        return MemoryBIO.text { bio in X509_NAME_print_ex(bio, name, 0, cse_xn_flag_rfc2253) >= 0 }
    }

    /// Number of RDN entries.
    static func entryCount(_ name: OpaquePointer) -> Int {
        Int(X509_NAME_entry_count(name))
    }

    /// The raw value bytes of the first entry with `nid` (as pvattest compares them).
    static func firstValue(_ name: OpaquePointer, nid: Int32) -> [UInt8]? {
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        return bytes(of: data)
    }

    /// The first entry with `nid` converted to UTF-8.
    static func firstUTF8Value(_ name: OpaquePointer, nid: Int32) -> [UInt8]? {
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard length >= 0, let utf8 else { ERR_clear_error(); return nil }
        defer { cse_openssl_free(utf8) }
        return Array(UnsafeBufferPointer(start: utf8, count: Int(length)))
    }

    static func bytes(of string: UnsafePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    private static let ibmName = Array("International Business Machines Corporation".utf8)

    /// pvattest's rule for the IBM Z signing key: exactly six entries, C=US, ST=New York,
    /// L=Poughkeepsie or Armonk, O and CN = IBM's full name, OU ending in "Key Signing Service".
    static func isIBMZSigningKeySubject(_ name: OpaquePointer) -> Bool {
        guard entryCount(name) == 6,
              firstValue(name, nid: NID_countryName) == Array("US".utf8),
              firstValue(name, nid: NID_stateOrProvinceName) == Array("New York".utf8),
              let locality = firstValue(name, nid: NID_localityName),
              locality == Array("Poughkeepsie".utf8) || locality == Array("Armonk".utf8),
              firstValue(name, nid: NID_organizationName) == ibmName,
              firstValue(name, nid: NID_commonName) == ibmName,
              let unit = firstUTF8Value(name, nid: NID_organizationalUnitName)
        else { return false }
        return unit.count >= suffix.count && Array(unit.suffix(suffix.count)) == suffix
    }

    private static let suffix = Array("Key Signing Service".utf8)

    /// The issuer names under which IBM publishes the signing key's CRLs, in pvattest's order:
    /// the subject itself; with L=Armonk replaced by Poughkeepsie; that reordered as
    /// C, O, OU, L, ST, CN; the subject reordered the same way.
    static func signingKeyCRLIssuers(of subject: OpaquePointer) -> [OwnedX509Name] {
        var names: [OwnedX509Name] = []
        if let copy = X509_NAME_dup(subject) { names.append(OwnedX509Name(copy)) }
        if firstValue(subject, nid: NID_localityName) == Array("Armonk".utf8),
           let poughkeepsie = replacingLocality(of: subject) {
            names.append(poughkeepsie)
            if let reordered = reordered(poughkeepsie.name) { names.append(reordered) }
        }
        if let reordered = reordered(subject) { names.append(reordered) }
        ERR_clear_error()
        return names
    }

    private static func replacingLocality(of subject: OpaquePointer) -> OwnedX509Name? {
        guard let name = X509_NAME_new() else { return nil }
        let owned = OwnedX509Name(name)
        for index in 0..<X509_NAME_entry_count(subject) {
            guard let entry = X509_NAME_get_entry(subject, index) else { return nil }
            let object = X509_NAME_ENTRY_get_object(entry)
            if OBJ_obj2nid(object) == NID_localityName {
                let poughkeepsie = Array("Poughkeepsie".utf8)
                let ok = X509_NAME_add_entry_by_NID(name, NID_localityName, MBSTRING_UTF8, poughkeepsie,
                                                    Int32(poughkeepsie.count), -1, 0)
                guard ok == 1 else { return nil }
            } else if X509_NAME_add_entry(name, entry, -1, 0) != 1 {
                return nil
            }
        }
        return owned
    }

    private static let crlIssuerOrder: [Int32] = [
        NID_countryName, NID_organizationName, NID_organizationalUnitName,
        NID_localityName, NID_stateOrProvinceName, NID_commonName,
    ]

    private static func reordered(_ subject: OpaquePointer) -> OwnedX509Name? {
        guard let name = X509_NAME_new() else { return nil }
        let owned = OwnedX509Name(name)
        for nid in crlIssuerOrder {
            let index = X509_NAME_get_index_by_NID(subject, nid, -1)
            guard index >= 0 else { continue }
            guard let entry = X509_NAME_get_entry(subject, index), X509_NAME_add_entry(name, entry, -1, 0) == 1 else {
                return nil
            }
        }
        return owned
    }
}

/// An X509_NAME* this code built and must free.
final class OwnedX509Name {
    let name: OpaquePointer
    init(_ name: OpaquePointer) { self.name = name }
    deinit { X509_NAME_free(name) }
}
