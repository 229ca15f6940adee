#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Runs independent per-host-key work (certificate checks, ECDH, key-slot wrapping) on all
/// cores: `create` for a fleet of host keys is dominated by one P-521 ECDH per key.
///
/// Plain threads rather than Dispatch: linking libdispatch would cost every command, most of
/// which never run in parallel, a tenth of a millisecond of start-up (docs/architecture.md §4).
public enum Parallel {
    /// Below this many items the threads cost more than they save.
    static let threshold = 4

    /// `transform` applied to every item, results in input order; the first error (in input
    /// order) is thrown after all items ran.
    public static func map<T: Sendable, R, E: Error>(_ items: [T], _ transform: @Sendable (T) throws(E) -> R) throws(E) -> [R] {
        let threads = min(items.count, processorCount)
        guard items.count >= threshold, threads > 1 else {
            var results: [R] = []
            results.reserveCapacity(items.count)
            for item in items {
                results.append(try transform(item))
            }
            return results
        }
        // Each item is taken by exactly one thread, which writes only its own slot.
        nonisolated(unsafe) let outcomes = UnsafeMutableBufferPointer<Result<R, E>?>.allocate(capacity: items.count)
        outcomes.initialize(repeating: nil)
        defer {
            outcomes.deinitialize()
            outcomes.deallocate()
        }
        let cursor = ItemCursor()
        withoutActuallyEscaping(transform) { transform in
            let job = ThreadJob {
                while case let index = cursor.take(), index < items.count {
                    do throws(E) {
                        outcomes[index] = .success(try transform(items[index]))
                    } catch {
                        outcomes[index] = .failure(error)
                    }
                }
            }
            var helpers: [pthread_t] = []
            for _ in 1..<threads {
                var thread = pthread_t()
                if pthread_create(&thread, nil, runThreadJob, Unmanaged.passUnretained(job).toOpaque()) == 0 {
                    helpers.append(thread)
                }
            }
            // The calling thread works too; without helpers it does everything.
            job.run()
            for thread in helpers {
                pthread_join(thread, nil)
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

    /// The processors online, as Dispatch counted them; at least 1.
    static var processorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

/// Hands out item indices, each once, to the threads of one `Parallel.map`.
private final class ItemCursor: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int {
        next.add(1, ordering: .relaxed).oldValue
    }
}

/// The loop every thread of one `Parallel.map` runs, passed to `pthread_create` as one pointer.
private final class ThreadJob: Sendable {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
        self.run = run
    }
}

/// `pthread_create`'s entry: runs the ThreadJob its argument points to (kept alive by the caller,
/// which joins the thread before releasing it).
private func runThreadJob(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    if let argument {
        Unmanaged<ThreadJob>.fromOpaque(argument).takeUnretainedValue().run()
    }
    return nil
}
