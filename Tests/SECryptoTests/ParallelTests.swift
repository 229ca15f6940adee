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
        let runs = Mutex([Int](repeating: 0, count: 500))
        _ = Parallel.map(Array(0..<500)) { index in runs.withLock { $0[index] += 1 } }
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 500))
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

    @Test("with more than one processor, more than one thread does the work",
          .enabled(if: Parallel.processorCount > 1, "one processor"))
    func usesSeveralThreads() {
        let threads = Mutex(Set<UInt>())
        _ = Parallel.map(Array(0..<16)) { _ in
            usleep(1_000)
            threads.withLock { _ = $0.insert(UInt(bitPattern: Int(bitPattern: pthread_self()))) }
        }
        #expect(threads.withLock { $0.count } > 1)
    }

    @Test("below the threshold everything runs on the calling thread")
    func smallInputsStayOnTheCallingThread() {
        let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))
        let threads = Parallel.map(Array(0..<(Parallel.threshold - 1))) { _ in UInt(bitPattern: Int(bitPattern: pthread_self())) }
        #expect(Set(threads) == [caller])
    }
}
