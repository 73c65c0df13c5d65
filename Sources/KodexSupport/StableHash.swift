/// FNV-1a, 64 bits: a hash that is the same in every process and on every machine,
/// unlike Swift's seeded `Hasher`, for names and keys that are written to disk.
public struct StableHash: Sendable {
    private var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// An empty hash.
    public init() {}

    /// Adds bytes.
    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds bytes eight at a time: the same mixing on 64-bit words, about eight times faster
    /// than ``combine(_:)-(Bytes)`` for whole files. Not the same value as byte by byte.
    public mutating func combineWords(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            value = (value ^ UInt64(littleEndian: word)) &* 0x0000_0100_0000_01B3
            index += 8
        }
        combine(UnsafeRawBufferPointer(rebasing: bytes[index...]))
        combine(CollectionOfOne(UInt8(truncatingIfNeeded: bytes.count)))
    }

    /// Adds a string's UTF-8 bytes and a separator, so that `ab`+`c` and `a`+`bc` differ.
    public mutating func combine(_ text: String) {
        combine(text.utf8)
        combine(CollectionOfOne(0))
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
