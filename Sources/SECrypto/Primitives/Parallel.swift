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
/// The helper threads are started on first use and then kept, as Dispatch keeps its workers:
/// each new thread would set up OpenSSL's per-thread state (its random generator among it) again.
public enum Parallel {
    /// Below this many items the threads cost more than they save.
    static let threshold = 4

    /// `transform` applied to every item, results in input order; the first error (in input
    /// order) is thrown after all items ran.
    public static func map<T: Sendable, R, E: Error>(_ items: [T], _ transform: @Sendable (T) throws(E) -> R) throws(E) -> [R] {
        guard items.count >= threshold, processorCount > 1 else {
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
        let next = ItemCursor()
        withoutActuallyEscaping(transform) { transform in
            WorkerPool.shared.run {
                while case let index = next.take(), index < items.count {
                    do throws(E) {
                        outcomes[index] = .success(try transform(items[index]))
                    } catch {
                        outcomes[index] = .failure(error)
                    }
                }
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

/// One helper thread per further processor, started on first use and kept for the process.
/// `run` hands the same loop to every helper and runs it on the calling thread too; it returns
/// when all have finished. A `run` while another is under way (from a helper's work, or from a
/// second thread: a service calling the library from many threads is parallel already) runs its
/// loop on the calling thread alone.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(helpers: Parallel.processorCount - 1)

    private let helpers: Int
    /// Guards everything below; `wake` signals a new round to the helpers, `finished` the end of
    /// one to the caller.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var started = 0
    private var round = 0
    private var work: (@Sendable () -> Void)?
    private var working = 0
    private var busy = false

    init(helpers: Int) {
        self.helpers = helpers
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    func run(_ loop: @escaping @Sendable () -> Void) {
        pthread_mutex_lock(lock)
        guard !busy else {
            pthread_mutex_unlock(lock)
            loop()
            return
        }
        busy = true
        while started < helpers, startHelper() {
            started += 1
        }
        work = loop
        working = started
        round += 1
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
        loop()
        pthread_mutex_lock(lock)
        while working > 0 {
            pthread_cond_wait(finished, lock)
        }
        work = nil   // the loop may capture what the caller frees once run returns
        busy = false
        pthread_mutex_unlock(lock)
    }

    /// Called with the lock held; false when no thread can be made (the caller then works alone).
    /// A helper holds its pool for good: it waits on the pool's condition for the process's life.
    private func startHelper() -> Bool {
        var thread = pthread_t()
        let pool = Unmanaged.passRetained(self)
        let made = pthread_create(&thread, nil, { argument in
            argument.map { Unmanaged<WorkerPool>.fromOpaque($0).takeUnretainedValue().serve() }
            return nil
        }, pool.toOpaque()) == 0
        if made { pthread_detach(thread) } else { pool.release() }
        return made
    }

    private func serve() {
        var seen = 0
        pthread_mutex_lock(lock)
        while true {
            while round == seen {
                pthread_cond_wait(wake, lock)
            }
            seen = round
            let loop = work
            pthread_mutex_unlock(lock)
            loop?()
            pthread_mutex_lock(lock)
            working -= 1
            if working == 0 { pthread_cond_signal(finished) }
        }
    }
}
