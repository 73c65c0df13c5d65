import Foundation
import KodexSupport
import Testing
import TestSupport

/// `kodex serve` end to end, as a browser meets it: pages served from memory, a reload
/// event after an edit, the overlay while the codex has errors, nothing outside the site
/// reachable, and a clean stop on Ctrl-C. The browser's part is `Readers/serve_probe.py`.
@Suite(.serialized) struct ServeCommandTests {
    static let probe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Readers/serve_probe.py").path

    /// A running `kodex serve` of a copy of the sample, on a free port.
    final class Server {
        let codex: TemporaryFolder
        let process: ChildProcess
        let address: String

        init() throws {
            codex = try TemporaryFolder()
            try FileManager.default.removeItem(atPath: codex.path)
            try FileManager.default.copyItem(atPath: CLITests.repository.path + "/codex", toPath: codex.path)
            process = try startProcess(kodexBinary, ["serve", codex.path, "--port", "0"])
            process.closeInput()
            let output = process.readOutput(timeout: 60) { $0.contains("http://") && $0.hasSuffix("\n") }
            let found = try #require(output.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\//), "no address in \(output)")
            address = String(found.output)
        }

        deinit {
            process.send(SIGKILL)
            _ = try? process.finish(timeout: 10)
        }

        /// A GET of `path`, sent as written: status, content type and body.
        func get(_ path: String) throws -> (status: Int, type: String, body: String) {
            let result = try runProcess("/usr/bin/env", ["python3", ServeCommandTests.probe, "get", address + path], timeout: 60)
            let lines = result.stdout.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            return (Int(lines.first ?? "") ?? 0, lines.count > 1 ? lines[1] : "", lines.count > 2 ? lines[2] : "")
        }

        /// Replaces `old` by `new` in a file of the codex as an editor saves, and returns the
        /// reload event the page receives: `reload GENERATION MILLISECONDS`.
        func edit(_ file: String, _ old: String, _ new: String) throws -> String {
            try runProcess("/usr/bin/env", ["python3", ServeCommandTests.probe, "edit-and-wait", address, codex.path + "/" + file, old, new],
                           timeout: 90).stdout
        }
    }

    @Test func pageIsServedWithItsReloadScriptAndAnEditReachesIt() throws {
        let server = try Server()
        let page = try server.get("situations/panaszos-ugyfel.html")
        #expect(page.status == 200)
        #expect(page.type == "text/html; charset=utf-8")
        #expect(page.body.contains("<script data-kodex-preview>"))
        #expect(page.body.contains("1. Meghallgatás"))
        let event = try server.edit("helyzetek/panaszos-ugyfel.yaml", "title: Meghallgatás\n", "title: Türelmes meghallgatás\n")
        #expect(event.hasPrefix("reload "), "\(event)")
        let after = try server.get("situations/panaszos-ugyfel.html")
        #expect(after.body.contains("1. Türelmes meghallgatás"))
        #expect(!after.body.contains("kodex-overlay"))
    }

    @Test func anOpenPageReloadsByItselfAfterAnEditAtTheScrollPositionItHad() throws {
        try #require(FileManager.default.fileExists(atPath: "/usr/bin/chromedriver"), ".ci/install-deps installs Chromium's driver")
        let server = try Server()
        let browser = URL(fileURLWithPath: ServeCommandTests.probe).deletingLastPathComponent().appendingPathComponent("serve_browser.py").path
        let result = try runProcess("/usr/bin/env", ["python3", browser, server.address + "situations/panaszos-ugyfel.html",
                                                     server.codex.path + "/helyzetek/panaszos-ugyfel.yaml",
                                                     "title: Panaszos ügyfél\n", "title: Panaszos ügyfél, szerkesztve\n"],
                                    timeout: 120)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("before 1200"), "\(result.stdout)\(result.stderr)")
        #expect(lines.contains("after 1200"), "the page keeps its place: \(result.stdout)")
        #expect(lines.contains("heading Panaszos ügyfél, szerkesztve"), "\(result.stdout)")
        #expect(lines.contains("index unread"), "the search index is read only for a search: \(result.stdout)")
    }

    @Test func brokenYAMLShowsTheOverlayOverTheLastGoodPageUntilItIsFixed() throws {
        let server = try Server()
        let broken = try server.edit("helyzetek/panaszos-ugyfel.yaml", "  id: panaszos-ugyfel\n", "  id: [panaszos-ugyfel\n")
        #expect(broken.hasPrefix("reload "), "\(broken)")
        let page = try server.get("situations/panaszos-ugyfel.html")
        #expect(page.body.contains("<div id=\"kodex-overlay\""))
        #expect(page.body.contains("A kódexben hibák vannak"))
        #expect(page.body.contains("error[K001]: this `[` is never closed"))
        #expect(page.body.contains("helyzetek/panaszos-ugyfel.yaml:2:7"))
        #expect(page.body.contains("<h1>Panaszos ügyfél</h1>"), "the last good page stays under the overlay")
        let fixed = try server.edit("helyzetek/panaszos-ugyfel.yaml", "  id: [panaszos-ugyfel\n", "  id: panaszos-ugyfel\n")
        #expect(fixed.hasPrefix("reload "), "\(fixed)")
        #expect(!(try server.get("situations/panaszos-ugyfel.html").body.contains("kodex-overlay")))
    }

    @Test func nothingOutsideTheBuiltSiteIsServed() throws {
        let server = try Server()
        for path in ["../codex.yaml", "%2e%2e/codex.yaml", "situations/../../codex.yaml", "..%2fcodex.yaml",
                     "codex.yaml", "helyzetek/panaszos-ugyfel.yaml", "situations/", "assets/", "%00",
                     "situations//akvizicio.html", "..%5ccodex.yaml", "%2fetc%2fpasswd"] {
            #expect(try server.get(path).status == 404, "\(path)")
        }
    }

    @Test func assetsHaveTheirContentTypes() throws {
        let server = try Server()
        #expect(try server.get("assets/style.css").type == "text/css; charset=utf-8")
        #expect(try server.get("assets/search.js").type == "text/javascript; charset=utf-8")
        #expect(try server.get("").type == "text/html; charset=utf-8")
    }

    @Test func interruptStopsItPromptlyWithAPageStillListening() throws {
        let server = try Server()
        // A page's event stream, left open.
        let listener = try startProcess("/usr/bin/env", ["python3", "-c", """
            import http.client, sys, urllib.parse
            p = urllib.parse.urlsplit(sys.argv[1])
            c = http.client.HTTPConnection(p.hostname, p.port, timeout=30)
            c.request("GET", "/_kodex/events"); r = c.getresponse(); print(r.readline().decode(), flush=True); r.read()
            """, server.address])
        listener.closeInput()
        _ = listener.readOutput(timeout: 30) { $0.contains(": kodex") }
        let started = Date()
        server.process.send(SIGINT)
        let result = try server.process.finish(timeout: 20)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 5)
        _ = try listener.finish(timeout: 20)
    }

    @Test func servingWritesNothingIntoTheCodexFolder() throws {
        let server = try Server()
        let before = Set(FileManager.default.subpaths(atPath: server.codex.path) ?? [])
        _ = try server.get("index.html")
        _ = try server.edit("uzenetsablonok.yaml", "title: Lezárási értesítés", "title: Lezárási levél")
        _ = try server.get("templates.html")
        #expect(Set(FileManager.default.subpaths(atPath: server.codex.path) ?? []) == before)
    }

    @Test func folderThatIsNoCodexEndsServeAndWatchedCheckWithTwo() throws {
        let folder = try TemporaryFolder()
        let serve = try runProcess(kodexBinary, ["serve", folder.path + "/nincs", "--port", "0"], timeout: 30)
        #expect(serve.status == 2)
        #expect(serve.stderr == "error: no codex folder at `\(folder.path)/nincs`\n")
        let check = try runProcess(kodexBinary, ["check", "--watch", folder.path], timeout: 30)
        #expect(check.status == 2)
        #expect(check.stderr.contains("no `codex.yaml` in"), "\(check.stderr)")
    }

    @Test func portInUseIsNamedInTheCodexLanguage() throws {
        let server = try Server()
        let port = try #require(server.address.split(separator: ":").last.flatMap { Int($0.dropLast()) })
        let second = try runProcess(kodexBinary, ["serve", server.codex.path, "--port", String(port)], timeout: 60)
        #expect(second.status == 2)
        #expect(second.stderr.hasPrefix("hiba: a(z) 127.0.0.1:\(port) címen már figyel egy program"), "\(second.stderr)")
    }
}
