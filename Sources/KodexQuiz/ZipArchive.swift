/// A zip archive of stored (uncompressed) files, as a QTI content package is: every
/// reader takes it, and the same files give the same bytes, since each entry carries the
/// same fixed time (1 January 1980, the format's first day).
struct ZipArchive {
    private var entries: [(name: [UInt8], data: [UInt8])] = []

    /// Adds a file; `first` puts it before the others.
    mutating func add(_ name: String, _ data: [UInt8], first: Bool = false) {
        let entry = (Array(name.utf8), data)
        if first { entries.insert(entry, at: 0) } else { entries.append(entry) }
    }

    /// The archive's bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(truncatingIfNeeded: out.count)
            let crc = Self.crc32(entry.data)
            let size = UInt32(truncatingIfNeeded: entry.data.count)
            // Local file header.
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x0021)
            out += le32(crc) + le32(size) + le32(size) + le16(UInt16(entry.name.count)) + le16(0)
            out += entry.name + entry.data
            // Its central directory record; bit 11 says the name is UTF-8.
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x0021)
            central += le32(crc) + le32(size) + le32(size) + le16(UInt16(entry.name.count)) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0o100644 << 16) + le32(offset) + entry.name
        }
        let centralOffset = UInt32(truncatingIfNeeded: out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 zip stores for each file.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
