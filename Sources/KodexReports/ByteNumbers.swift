import Foundation

/// Texts numbered in the order first seen, looked up by their bytes: what a report counts
/// by (agents, versions, skip reasons) is numbered once, and a session's text is found
/// without making a `String` of it.
///
/// Texts are equal here when their bytes are; a caller that must treat texts equal in
/// Unicode's sense as one merges their numbers by ``text(_:)`` when it names them.
struct ByteNumbers: Sendable {
    /// Every text's bytes, one after another.
    private var storage: [UInt8] = []
    /// Where each text is in ``storage``, by number.
    private var places: [Range<Int>] = []
    /// Open addressing: each slot holds a number plus one, or 0 when empty.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    /// How many texts are numbered.
    var count: Int { places.count }

    /// The number of `bytes`, numbering them when they are new.
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & (slots.count - 1)
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if holds(number, bytes) { return number }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = places.count
        places.append(storage.count ..< storage.count + bytes.count)
        storage.append(contentsOf: bytes)
        slots[slot] = Int32(truncatingIfNeeded: number + 1)
        // At most half full, so that a search ends soon.
        if places.count * 2 > slots.count { grow() }
        return number
    }

    /// The number of `bytes`, or nil when they were never numbered.
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & (slots.count - 1)
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if holds(number, bytes) { return number }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The text numbered `number`.
    func text(_ number: Int) -> String { String(decoding: storage[places[number]], as: UTF8.self) }

    private func holds(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let place = places[number]
        guard place.count == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            guard let mine = stored.baseAddress, let theirs = bytes.baseAddress else { return true }
            return sameBytes(UnsafeRawPointer(mine + place.lowerBound), UnsafeRawPointer(theirs), bytes.count)
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for number in places.indices {
            let hash = storage.withUnsafeBufferPointer { stored in
                Self.hash(UnsafeBufferPointer(rebasing: stored[places[number]]))
            }
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(truncatingIfNeeded: number + 1)
        }
    }

    /// A hash of the bytes, a word at a time, seeded afresh in each process: agents type
    /// skip reasons, and texts made to collide must not make a report slow. (Swift's own
    /// `Hasher` was a twentieth of a report over a million sessions.)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = seed ^ UInt64(bytes.count)
        guard let start = bytes.baseAddress else { return Int(truncatingIfNeeded: mix(hash, 0x9e37_79b9_7f4a_7c15)) }
        let raw = UnsafeRawPointer(start)
        var offset = 0
        while bytes.count - offset >= 8 {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0x9e37_79b9_7f4a_7c15)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset ..< bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
        return Int(truncatingIfNeeded: mix(hash ^ tail, 0xc2b2_ae3d_27d4_eb4f))
    }

    /// The two halves of the full product, folded: each bit of either input moves many.
    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    private static let seed = UInt64.random(in: .min ... .max)
}
