import Foundation
import Hummingbird
import KodexModel
import KodexValidation
import Logging
import NIOCore
import ServiceLifecycle

/// `kodex serve`: the HTML handbook built in memory and served on a local address, rebuilt
/// when the codex or the templates change, with open pages told to reload.
public struct PreviewServer: Sendable {
    /// The codex folder.
    public var codexDirectory: String
    /// A folder of templates over the built-in ones.
    public var templatesDirectory: String?
    /// The address to listen on.
    public var host: String
    /// The port; 0 for any free one.
    public var port: Int

    /// Creates a server.
    public init(codexDirectory: String, templatesDirectory: String?, host: String = "127.0.0.1", port: Int = 8000) {
        self.codexDirectory = codexDirectory
        self.templatesDirectory = templatesDirectory
        self.host = host
        self.port = port
    }

    /// What the server tells its user as it runs.
    public enum Event: Sendable {
        /// It listens at this address.
        case listening(String)
        /// A build ended: its outcome and how long it took.
        case built(PreviewBuild.Outcome, Duration)
    }

    /// Why the server did not start.
    public struct Failure: Error, Sendable {
        /// The message, in the codex's language.
        public var message: String
    }

    /// Builds the handbook, serves it, and rebuilds on every change until the process is
    /// interrupted (SIGINT or SIGTERM), when open connections are closed and it returns.
    /// A folder that is no codex, or an address that cannot be listened on, is a
    /// ``Failure``; a codex with errors is served with its overlay, to be fixed live.
    public func run(report: @escaping @Sendable (Event, Manifest.Locale) -> Void) async throws(Failure) {
        let locale: Manifest.Locale
        do { locale = try CodexLoader().manifest(directory: codexDirectory).locale } catch { throw Failure(message: error.message) }
        let site = PreviewSite(locale: locale)
        let clock = ContinuousClock()
        let started = clock.now
        let cache = LoadCache(), memory = CheckMemory()
        let first = PreviewBuild.make(codexDirectory: codexDirectory, templatesDirectory: templatesDirectory, cache: cache,
                                      memory: memory)
        site.publish(first)
        report(.built(first, clock.now - started), locale)

        let watched = [codexDirectory] + (templatesDirectory.map { [$0] } ?? [])
        let rebuilder = Rebuilder(watcher: FolderWatcher(folders: watched), site: site) { [codexDirectory, templatesDirectory] in
            let start = clock.now
            let outcome = PreviewBuild.make(codexDirectory: codexDirectory, templatesDirectory: templatesDirectory, cache: cache,
                                            memory: memory)
            report(.built(outcome, clock.now - start), locale)
            return outcome
        }
        var logger = Logger(label: "kodex-serve")
        logger.logLevel = .critical
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            Self.respond(to: request, site: site)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "Kodex"),
            services: [rebuilder],
            onServerRunning: { [host] channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                report(.listening("http://\(shown):\(port)/"), locale)
            },
            logger: logger)
        // The server stops by closing its connections, and a page's event stream stays open
        // until the site ends it: so the site ends them as soon as the signal comes, before
        // the server waits for its connections.
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { site.close() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw Failure(message: locale == .hu
                ? "a(z) \(host):\(port) címen már figyel egy program; adjon meg másik portot a --port kapcsolóval (--port 0: bármelyik szabad)"
                : "another program listens on \(host):\(port); choose another port with --port (--port 0: any free one)")
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    /// Answers a request from the site: a file of the last good build, the stream of
    /// reload events, or 404. Nothing else on the machine can be reached.
    static func respond(to request: Request, site: PreviewSite) -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        if path == PreviewPage.eventsPath {
            let after = request.uri.queryParameters["after"].flatMap { Int($0) } ?? site.generation
            let reloads = site.reloads(after: after)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                // A comment first, so the browser knows the stream is open.
                try await writer.write(ByteBuffer(string: ": kodex\n\n"))
                for await generation in reloads {
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(generation)\n\n"))
                }
                try await writer.finish(nil)
            })
        }
        guard let file = site.file(at: path) else {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .notFound, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "404\n")))
        }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.cacheControl] = "no-store"
        if let noSniffing = HTTPFields.Element.Name("X-Content-Type-Options") { headers[noSniffing] = "nosniff" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}

/// Watches the codex and the templates and publishes a new build after each change; on
/// shutdown it ends the pages' event streams, so the server can stop.
private struct Rebuilder: Service {
    let watcher: FolderWatcher
    let site: PreviewSite
    let build: @Sendable () -> PreviewBuild.Outcome

    func run() async throws {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await watcher.watch { _ in
                    // The build reads files and renders on this task's thread; the
                    // server's event loops are not held up by it.
                    site.publish(build())
                }
            }
        } onGracefulShutdown: {
            site.close()
        }
    }
}
