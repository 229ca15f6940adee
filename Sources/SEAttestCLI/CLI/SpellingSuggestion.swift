/// The "did you mean" of a usage error: the known word closest to a mistyped one, as pvattest
/// (clap) offers, but only when it is close enough to be what the user meant.
enum SpellingSuggestion {
    /// The candidate nearest to `word`, or nil when none is within a third of its length (at
    /// least one edit). Leading dashes are compared too, so `--hrd` finds `--hdr`, not `-h`.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.unicodeScalars)
        let allowed = max(1, typed.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(typed, Array(candidate.unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Insertions, deletions, substitutions and swaps of neighbours (optimal string alignment):
    /// a swap is the commonest slip (`hrd` for `hdr`) and counts as one.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
