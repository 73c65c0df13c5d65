import Foundation
import KodexModel
import KodexSupport

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

    /// What to tell someone who asked for a PDF on a machine without Chromium, in the
    /// codex's language.
    public static func installHint(in locale: Manifest.Locale) -> String {
        locale == .hu
            ? "a PDF-hez Chromium kell, de nincs telepítve: telepítse (Debian és Ubuntu: `apt install chromium`), vagy "
                + "adja meg így: KODEX_CHROMIUM=/út/a/chrome-hoz; a kézikönyv többi része elkészült"
            : "the PDF needs Chromium, which was not found: install it (Debian and Ubuntu: "
                + "`apt install chromium`) or name it with KODEX_CHROMIUM=/path/to/chrome; the rest of the build was written"
    }

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
            throw PublishError(.pdf, "cannot make a temporary folder for the PDF: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/handbook.html", pdf = folder + "/handbook.pdf"
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        } catch {
            throw PublishError(.pdf, "cannot write the page to print: \(error.localizedDescription)")
        }
        var arguments = ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--hide-scrollbars",
                         "--user-data-dir=\(folder)/profile", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: page).absoluteString]
        // Chromium's sandbox refuses to start as root, as in a container.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let status: Int32
        do {
            let chrome = try ChildProcess(chromium, arguments, input: .empty, captureOutput: false)
            status = try chrome.finish(timeout: timeout).status
        } catch {
            throw PublishError(.pdf, error.description.replacingOccurrences(of: " and was killed; it printed: ", with: " and was stopped"))
        }
        guard status == 0, let data = FileManager.default.contents(atPath: pdf), data.starts(with: Array("%PDF".utf8)) else {
            throw PublishError(.pdf, "Chromium (`\(chromium)`) did not print the PDF (exit status \(status))")
        }
        return Array(data)
    }
}
