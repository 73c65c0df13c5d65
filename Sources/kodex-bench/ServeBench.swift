import Foundation
import KodexSupport

/// `kodex serve` measured as a consultant meets it: the time from saving a one-step edit
/// to the reload event reaching the open page, and on to the page served again with the
/// edit in it, beside a full `kodex build --format html` of the same codex in the same run.
struct ServeRow {
    var name: String
    var steps: Int
    var build: Samples
    var reload: Samples
    var page: Samples
}

/// A socket connected to the server on the loopback `port`, whose reads give up after a minute.
private func connectToServer(port: Int) throws -> Int32 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(socket)
        throw BenchError("cannot connect to kodex serve on port \(port)")
    }
    return socket
}

/// A page's event stream, read over a plain socket.
private final class EventStream {
    let socket: Int32
    private var received: [UInt8] = []

    init(port: Int) throws {
        socket = try connectToServer(port: port)
        let request = Array("GET /_kodex/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        try wait(for: ": kodex")
    }

    deinit { close(socket) }

    /// Reads until `marker` has arrived since the last wait.
    func wait(for marker: String) throws {
        let needle = Array(marker.utf8)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(needle) {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { throw BenchError("the event stream ended before `\(marker)`") }
            received += buffer[..<count]
        }
        received.removeAll()
    }
}

private extension Array where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0 ..< $0 + needle.count].elementsEqual(needle) }
    }
}

/// The file and line of the first step title of the first situation file of `directory`,
/// and the id of the situation, which names its page.
private func firstStepTitle(in directory: String) throws -> (path: String, line: Int, situation: String) {
    let files = try FileManager.default.subpathsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    for file in files {
        let lines = try String(contentsOfFile: directory + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        guard let steps = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "steps:" }),
              let title = lines[steps...].firstIndex(where: { $0.contains("title: ") }),
              let id = lines.first(where: { $0.hasPrefix("  id: ") }) else { continue }
        return (directory + "/" + file, title, String(id.dropFirst("  id: ".count)))
    }
    throw BenchError("no step title in \(directory)")
}

/// The body of `path` from the server, over a connection of its own, as a browser's
/// reload asks for it.
private func fetch(_ path: String, port: Int) throws -> String {
    let socket = try connectToServer(port: port)
    defer { close(socket) }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { break }
        received += buffer[..<count]
    }
    return String(decoding: received, as: UTF8.self)
}

/// Saves the line with `suffix` added or removed, as an editor's atomic save does; whether
/// it was added.
private func toggle(_ line: Int, in path: String, suffix: String) throws -> Bool {
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    let adding = !lines[line].hasSuffix(suffix)
    lines[line] = adding ? lines[line] + suffix : String(lines[line].dropLast(suffix.count))
    let temporary = path + ".bench~"
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else { throw BenchError("cannot save \(path)") }
    return adding
}

func measureServe(name: String, steps: Int, directory: String, kodex: String, work: String, runs: Int) throws -> ServeRow {
    let copy = "\(work)/serve-\(name)"
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: directory, toPath: copy)
    let server = try ChildProcess(kodex, ["serve", copy, "--port", "0"], input: .empty)
    defer {
        server.send(SIGINT)
        _ = try? server.finish(timeout: 30)
    }
    let output = server.readOutput(timeout: 600) { $0.contains("http://") && $0.hasSuffix("\n") }
    guard let range = output.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
          let port = Int(output[range].split(separator: ":")[1]) else {
        throw BenchError("kodex serve printed no address: \(output)")
    }
    let (path, line, situation) = try firstStepTitle(in: copy)
    let suffix = " (szerkesztve)"
    let clock = ContinuousClock()
    var build = Samples(), reload = Samples(), page = Samples()
    for _ in 0..<runs {
        let stream = try EventStream(port: port)
        let start = clock.now
        let edited = try toggle(line, in: path, suffix: suffix)
        try stream.wait(for: "event: reload")
        reload.seconds.append((clock.now - start).seconds)
        let served = try fetch("/situations/\(situation).html", port: port)
        page.seconds.append((clock.now - start).seconds)
        // The page must show the edit: a title with the suffix after adding it, none after
        // taking it away.
        guard served.contains("200 OK"), served.contains(suffix) == edited else {
            throw BenchError("the page served after the reload does not show the edit: \(served.prefix(300))")
        }
        build.add(try measureProgram(kodex, ["build", copy, "--out", "\(work)/serve-out-\(name)", "--format", "html"], runs: 1))
    }
    return ServeRow(name: name, steps: steps, build: build, reload: reload, page: page)
}

func printServe(_ rows: [ServeRow]) {
    guard !rows.isEmpty else { return }
    func milliseconds(_ value: Double) -> String { String(format: "%.0f ms", value * 1000) }
    print("")
    print("| codex | steps | full `kodex build --format html` | save → reload event under `kodex serve` | ÷ build | save → edited page served | ÷ build |")
    print("|---|---|---|---|---|---|---|")
    for row in rows {
        print("| \(row.name) | \(row.steps) | \(milliseconds(row.build.median)) | \(milliseconds(row.reload.median)) "
              + "| \(String(format: "%.2f", row.reload.median / row.build.median))× | \(milliseconds(row.page.median)) "
              + "| \(String(format: "%.2f", row.page.median / row.build.median))× |")
    }
}
