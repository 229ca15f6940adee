import Foundation
import Synchronization
import Testing
@testable import SECrypto

/// Parallel.map on its own threads: every item once, results in input order, the first error
/// in input order after all items ran, and more than one thread at work.
@Suite struct ParallelTests {
    private struct Failure: Error, Equatable {
        let index: Int
    }

    @Test("results come back in input order and equal the serial map, for every size around the threshold")
    func inputOrder() {
        for count in [0, 1, Parallel.threshold - 1, Parallel.threshold, 7, 1_000] {
            let items = Array(0..<count)
            let results = Parallel.map(items) { $0 * $0 + 1 }
            #expect(results == items.map { $0 * $0 + 1 }, "\(count) items")
        }
    }

    @Test("every item runs exactly once")
    func eachItemOnce() {
        let runs = Atomic<Int>(0)
        let results = Parallel.map(Array(0..<500)) { index in
            runs.add(1, ordering: .relaxed)
            return index
        }
        // Every slot filled with its own item, and no more runs than items.
        #expect(results == Array(0..<500))
        #expect(runs.load(ordering: .relaxed) == 500)
    }

    @Test("the first failing item in input order is thrown, after all items ran")
    func firstErrorInInputOrder() {
        let ran = Atomic<Int>(0)
        // Late items fail fast, early ones slowly: the error thrown is still the earliest's.
        let outcome = Result { () throws(Failure) in
            try Parallel.map(Array(0..<64)) { (index) throws(Failure) -> Int in
                if index == 10 { usleep(2_000) }
                ran.add(1, ordering: .relaxed)
                if index == 10 || index == 50 || index == 63 { throw Failure(index: index) }
                return index
            }
        }
        #expect(throws: Failure(index: 10)) { try outcome.get() }
        #expect(ran.load(ordering: .relaxed) == 64)
    }

    @Test("a pool's helper takes part in a run, and the next run is served by the same helper thread")
    func poolThreadsTakePartAndStay() {
        let pool = WorkerPool(helpers: 1)
        func threadsOfOneRun() -> Set<UInt> {
            let threads = Mutex(Set<UInt>())
            let next = Atomic<Int>(0)
            pool.run {
                while next.add(1, ordering: .relaxed).oldValue < 16 {
                    usleep(1_000)
                    threads.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: pthread_self()))) }
                }
            }
            return threads.withLock { $0 }
        }
        let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))
        let first = threadsOfOneRun()
        #expect(first.count == 2 && first.contains(caller), "\(first)")
        #expect(threadsOfOneRun() == first)
    }

    @Test("a run inside a run works on the calling thread alone")
    func nestedRun() {
        let pool = WorkerPool(helpers: 1)
        let inner = Mutex(Set<UInt>())
        let outerRuns = Atomic<Int>(0)
        pool.run {
            guard outerRuns.add(1, ordering: .relaxed).oldValue == 0 else { return }
            let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))
            pool.run { inner.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: pthread_self()))) } }
            #expect(inner.withLock { $0 } == [caller])
        }
        #expect(outerRuns.load(ordering: .relaxed) == 2)
    }

    @Test("below the threshold everything runs on the calling thread")
    func smallInputsStayOnTheCallingThread() {
        let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))
        let threads = Parallel.map(Array(0..<(Parallel.threshold - 1))) { _ in UInt(bitPattern: Int(bitPattern: pthread_self())) }
        #expect(Set(threads) == [caller])
    }
}
