import Dispatch

/// Runs independent per-host-key work (certificate checks, ECDH, key-slot wrapping) on all
/// cores: `create` for a fleet of host keys is dominated by one P-521 ECDH per key.
public enum Parallel {
    /// Below this many items the threads cost more than they save.
    static let threshold = 4

    /// `transform` applied to every item, results in input order; the first error (in input
    /// order) is thrown after all items ran.
    public static func map<T: Sendable, R, E: Error>(_ items: [T], _ transform: @Sendable (T) throws(E) -> R) throws(E) -> [R] {
        guard items.count >= threshold else {
            var results: [R] = []
            results.reserveCapacity(items.count)
            for item in items {
                results.append(try transform(item))
            }
            return results
        }
        // Each iteration writes only its own slot, so the buffer needs no lock.
        nonisolated(unsafe) let outcomes = UnsafeMutableBufferPointer<Result<R, E>?>.allocate(capacity: items.count)
        outcomes.initialize(repeating: nil)
        defer {
            outcomes.deinitialize()
            outcomes.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            do throws(E) {
                outcomes[index] = .success(try transform(items[index]))
            } catch {
                outcomes[index] = .failure(error)
            }
        }
        var results: [R] = []
        results.reserveCapacity(items.count)
        for outcome in outcomes {
            switch outcome {
            case .success(let value): results.append(value)
            case .failure(let error): throw error
            case nil: continue
            }
        }
        return results
    }
}
