import Synchronization

/// The CRLs downloaded during one verifier's life, by URL. Host-key documents from one signing
/// key share its distribution point, so a fleet of documents, checked in parallel, fetches it
/// once; a URL that failed is not tried again either (each try may cost the full timeout).
final class CRLDownloads: Sendable {
    private let fetcher: any CRLFetching
    private let downloads = Mutex<[String: Download]>([:])

    /// One URL's outcome: the first caller fetches it while holding the lock, so callers that
    /// ask for the same URL meanwhile wait for that result instead of fetching again.
    private final class Download: Sendable {
        let outcome = Mutex<Result<[CertificateRevocationList], Failure>?>(nil)
    }

    /// Why a URL gave no CRL: the fetcher's reason or the parser's, as text for `-v`.
    private struct Failure: Error {
        let reason: String
    }

    init(fetcher: any CRLFetching) {
        self.fetcher = fetcher
    }

    /// The CRLs from the first distribution point of `certificate` that yields any (pvattest's
    /// rule); each failure is added to `notes` for `-v`.
    func crls(for certificate: Certificate, notes: inout [String]) -> [CertificateRevocationList] {
        for url in certificate.crlDistributionPoints {
            switch outcome(of: url) {
            case .success(let crls): return crls
            case .failure(let failure): notes.append("CRL download from \(url) failed: \(failure.reason)")
            }
        }
        return []
    }

    private func outcome(of url: String) -> Result<[CertificateRevocationList], Failure> {
        let download = downloads.withLock { downloads in
            if let known = downloads[url] { return known }
            let new = Download()
            downloads[url] = new
            return new
        }
        return download.outcome.withLock { outcome in
            if let outcome { return outcome }
            let fetched: Result<[CertificateRevocationList], Failure>
            do {
                fetched = .success(try CertificateRevocationList.loadAll(from: fetcher.fetch(url)))
            } catch let error as CryptoError {
                fetched = .failure(Failure(reason: error.message))
            } catch {
                fetched = .failure(Failure(reason: String(describing: error)))
            }
            outcome = fetched
            return fetched
        }
    }
}
