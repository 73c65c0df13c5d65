/// A word-level difference between two texts, as a person reads a change of wording.
public struct WordDiff: Sendable, Equatable {
    /// A run of words that both texts share, or that only one of them has.
    public enum Part: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The runs in reading order; removed words come before the words that replace them.
    public var parts: [Part]

    /// Texts longer than this many words a side are shown as a whole replaced, after their
    /// shared beginning and end: the table of a word diff grows with the product of lengths.
    static let wordLimit = 2_000

    /// The difference between `old` and `new`, by words separated by white space.
    public init(_ old: String, _ new: String) {
        let a = old.split(whereSeparator: \.isWhitespace)
        let b = new.split(whereSeparator: \.isWhitespace)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])

        var operations: [(kind: Int, word: Substring)] = a[..<prefix].map { (0, $0) }
        if middleA.count <= Self.wordLimit, middleB.count <= Self.wordLimit, !middleA.isEmpty, !middleB.isEmpty {
            // Longest common subsequence, table from the end so the walk goes forwards.
            let width = middleB.count + 1
            var table = [Int32](repeating: 0, count: (middleA.count + 1) * width)
            for i in stride(from: middleA.count - 1, through: 0, by: -1) {
                for j in stride(from: middleB.count - 1, through: 0, by: -1) {
                    table[i * width + j] = middleA[i] == middleB[j]
                        ? table[(i + 1) * width + j + 1] + 1
                        : max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
            var i = 0, j = 0
            while i < middleA.count || j < middleB.count {
                if i < middleA.count, j < middleB.count, middleA[i] == middleB[j] {
                    operations.append((0, middleA[i]))
                    i += 1
                    j += 1
                } else if j == middleB.count || (i < middleA.count && table[(i + 1) * width + j] >= table[i * width + j + 1]) {
                    operations.append((-1, middleA[i]))
                    i += 1
                } else {
                    operations.append((1, middleB[j]))
                    j += 1
                }
            }
        } else {
            operations += middleA.map { (-1, $0) } + middleB.map { (1, $0) }
        }
        operations += a[(a.count - suffix)...].map { (0, $0) }

        // Runs of one kind become one part; within a changed stretch, removals go first.
        var parts: [Part] = []
        var index = 0
        while index < operations.count {
            if operations[index].kind == 0 {
                var words: [Substring] = []
                while index < operations.count, operations[index].kind == 0 { words.append(operations[index].word); index += 1 }
                parts.append(.same(words.joined(separator: " ")))
            } else {
                var removed: [Substring] = [], added: [Substring] = []
                while index < operations.count, operations[index].kind != 0 {
                    if operations[index].kind < 0 { removed.append(operations[index].word) } else { added.append(operations[index].word) }
                    index += 1
                }
                if !removed.isEmpty { parts.append(.removed(removed.joined(separator: " "))) }
                if !added.isEmpty { parts.append(.added(added.joined(separator: " "))) }
            }
        }
        self.parts = parts
    }
}
