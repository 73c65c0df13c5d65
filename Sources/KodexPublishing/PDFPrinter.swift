import Foundation

/// Prints the single-file HTML handbook to PDF with headless Chromium, which implements
/// the stylesheet's print rules (A4, page numbers and the codex's title in the page
/// margins). Kodex makes no PDF itself; without Chromium the rest of a build goes on.
public struct PDFPrinter: Sendable {
    /// The Chromium program.
    public let chromium: String

    /// The Chromium on this machine: `$KODEX_CHROMIUM`, else the first of `chromium`,
    /// `chromium-browser`, `google-chrome` and `google-chrome-stable` on `PATH`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        if let chosen = environment["KODEX_CHROMIUM"], !chosen.isEmpty {
            return FileManager.default.isExecutableFile(atPath: chosen) ? PDFPrinter(chromium: chosen) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return PDFPrinter(chromium: folder + "/" + name)
            }
        }
        return nil
    }

    /// What to tell someone who asked for a PDF on a machine without Chromium.
    public static let installHint = "the PDF needs Chromium, which was not found: install it (Debian and Ubuntu: "
        + "`apt install chromium`) or name it with KODEX_CHROMIUM=/path/to/chrome; the rest of the build was written"

    /// Creates a printer that runs `chromium`.
    public init(chromium: String) {
        self.chromium = chromium
    }

    /// The PDF of `html`, a self-contained page.
    ///
    /// The page is written to a private temporary folder, printed there and the folder
    /// removed; nothing is written in the output folder but through the build's own
    /// staging.
    public func print(html: String, timeout: Double = 180) throws(PublishError) -> [UInt8] {
        var template = Array((NSTemporaryDirectory() + "/kodex-pdf-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw PublishError("cannot make a temporary folder for the PDF: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/handbook.html", pdf = folder + "/handbook.pdf"
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        } catch {
            throw PublishError("cannot write the page to print: \(error.localizedDescription)")
        }
        var arguments = ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--hide-scrollbars",
                         "--user-data-dir=\(folder)/profile", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: page).absoluteString]
        // Chromium's sandbox refuses to start as root, as in a container.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let status = try ExternalProgram.run(chromium, arguments, timeout: timeout)
        guard status == 0, let data = FileManager.default.contents(atPath: pdf), data.starts(with: Array("%PDF".utf8)) else {
            throw PublishError("Chromium (`\(chromium)`) did not print the PDF (exit status \(status))")
        }
        return Array(data)
    }
}

/// Runs a program with its output discarded and waits for it, within a deadline.
enum ExternalProgram {
    /// The program's exit status; a program that outlives `timeout` seconds is killed.
    static func run(_ path: String, _ arguments: [String], timeout: Double) throws(PublishError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw PublishError("cannot start `\(path)`: \(String(cString: strerror(spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw PublishError("cannot wait for `\(path)`: \(String(cString: strerror(errno)))") }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw PublishError("`\(path)` took longer than \(Int(timeout)) s and was stopped")
            }
            usleep(20_000)
        }
        // Exited normally: the status is in the second byte; killed by a signal: 128 + it.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
