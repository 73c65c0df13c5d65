import Glibc

/// Why a file could not be written.
public enum FileReplacementError: Error, Sendable, Equatable {
    /// The path is a symbolic link: Kodex does not write through links.
    case symbolicLink(String)
    /// The path is a folder or another kind of non-regular file.
    case notARegularFile(String)
    /// The file changed on disk after it was read, so writing would lose that change.
    case changedMeanwhile(String)
    /// The system refused: the path and its `strerror`.
    case system(String, String)
}

/// Writes one whole file so that a reader sees either the old bytes or the new ones: the
/// new bytes go to a fresh file beside it, are flushed, and are renamed over it. A link is
/// never followed, and a file that changed since it was read is not overwritten.
public enum FileReplacement {
    /// Replaces (or creates) the file at `path` with `bytes`.
    ///
    /// - Parameter expected: the bytes the caller read before, nil when it found no file:
    ///   when the file holds anything else now, nothing is written.
    public static func write(_ bytes: [UInt8], to path: String, expecting expected: [UInt8]?? = .none) throws(FileReplacementError) {
        var info = stat()
        let exists = lstat(path, &info) == 0
        if exists {
            if info.st_mode & S_IFMT == S_IFLNK { throw .symbolicLink(path) }
            if info.st_mode & S_IFMT != S_IFREG { throw .notARegularFile(path) }
        }
        if case .some(let before) = expected {
            let now = exists ? read(path) : nil
            if now != before { throw .changedMeanwhile(path) }
        }
        let folder = parentFolder(of: path)
        var template = Array(((folder.isEmpty ? "." : folder) + "/.kodex-write-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw .system(path, String(cString: strerror(errno))) }
        let temporary = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } ?? "" }
        var failure: FileReplacementError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .system(path, String(cString: strerror(errno)))
                    return
                }
                offset += written
            }
        }
        let mode: mode_t = exists ? info.st_mode & 0o777 : 0o644
        if failure == nil, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 {
            failure = .system(path, String(cString: strerror(errno)))
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 {
            failure = .system(path, String(cString: strerror(errno)))
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The bytes of the regular file at `path`, not through a link; nil when there is none.
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }
}
