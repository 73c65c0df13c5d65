import Foundation
import KodexEscaping
import KodexModel
import KodexPublishing
import Synchronization

/// What the preview server serves: the last good build, the overlay over it while the
/// codex has errors, and the pages' subscriptions to reload events.
public final class PreviewSite: Sendable {
    private struct State {
        var build: PreviewBuild?
        /// The overlay's text while the latest attempt failed; `nil` once one succeeds.
        var problem: String?
        /// Counts the changes pages must reload for.
        var generation = 0
        var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextSubscriber = 0
        var closed = false
    }

    private let state = Mutex(State())
    /// The codex's language, for the overlay's words.
    public let locale: Manifest.Locale

    /// Creates a site with nothing built yet.
    public init(locale: Manifest.Locale) {
        self.locale = locale
    }

    /// How many changes pages have been told to reload for.
    public var generation: Int { state.withLock { $0.generation } }

    /// Takes the outcome of a build: a new site replaces the old and clears the overlay; a
    /// codex with errors keeps the old site and shows the overlay over it. Open pages are
    /// told to reload either way.
    public func publish(_ outcome: PreviewBuild.Outcome) {
        let (generation, subscribers) = state.withLock { state -> (Int, [AsyncStream<Int>.Continuation]) in
            switch outcome {
            case .built(let build, _):
                state.build = build
                state.problem = nil
            case .invalid(let text), .failed(let text):
                state.problem = text
            }
            state.generation += 1
            return (state.generation, Array(state.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(generation) }
    }

    /// The generations pages must reload for, from the first after `seen`: one already past
    /// when the page subscribes is sent at once, so a build that ended while the page was
    /// loading is not missed.
    public func reloads(after seen: Int) -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (id, current, closed) = state.withLock { state -> (Int, Int, Bool) in
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            if !state.closed { state.subscribers[id] = continuation }
            return (id, state.generation, state.closed)
        }
        if closed {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        if current > seen { continuation.yield(current) }
        return stream
    }

    /// Ends every subscription, so that open connections close and the server can stop.
    public func close() {
        let subscribers = state.withLock { state -> [AsyncStream<Int>.Continuation] in
            state.closed = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// A file of the site, by the path of a request (percent-encoded, as sent), with its
    /// content type; `nil` for anything that is not a file of the built site, which is
    /// all a request that tries to climb out of it (`..`, encoded or not) can reach.
    public func file(at requestPath: String) -> (bytes: [UInt8], contentType: String)? {
        guard let path = Self.sitePath(requestPath) else { return nil }
        let (build, problem, generation) = state.withLock { ($0.build, $0.problem, $0.generation) }
        let overlayOnly = { [locale] (problem: String) in
            (Array(PreviewPage.standalone(problem: problem, locale: locale, generation: generation).utf8), Self.contentType(of: "x.html"))
        }
        guard let build else {
            // Before the first good build, every page is the overlay.
            if path.hasSuffix(".html"), let problem { return overlayOnly(problem) }
            return nil
        }
        let bytes: [UInt8]
        do throws(PublishError) {
            guard let made = try build.file(at: path) else { return nil }
            bytes = made
        } catch {
            return overlayOnly(error.message(in: locale))
        }
        guard path.hasSuffix(".html") else { return (bytes, Self.contentType(of: path)) }
        let page = PreviewPage.inject(into: String(decoding: bytes, as: UTF8.self), problem: problem,
                                      builtAt: build.builtAt, locale: locale, generation: generation)
        return (Array(page.utf8), Self.contentType(of: path))
    }

    /// The site path a request path names: percent-decoded, with a folder meaning its
    /// `index.html`; `nil` when a segment is `.`, `..` or empty in the middle, or holds a
    /// backslash or a NUL.
    static func sitePath(_ requestPath: String) -> String? {
        let raw = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = raw.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.last == "" { segments[segments.count - 1] = "index.html" }
        for segment in segments {
            if segment.isEmpty || segment == "." || segment == ".." || segment.contains("\\") || segment.contains("\0") { return nil }
        }
        return segments.joined(separator: "/")
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "woff2": "font/woff2"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// The preview's additions to a page: the script that reloads it on a change (keeping its
/// scroll position), and the overlay of errors while the codex has them. When the event
/// stream is lost and found again (`kodex serve` stopped and started anew), the page
/// reloads too, since the new server counts its builds from one again.
enum PreviewPage {
    /// The path of the reload events.
    static let eventsPath = "/_kodex/events"

    static func inject(into page: String, problem: String?, builtAt: Date, locale: Manifest.Locale, generation: Int) -> String {
        var addition = script(generation: generation)
        if let problem { addition += overlay(problem: problem, builtAt: builtAt, locale: locale) }
        guard let end = page.range(of: "</body>", options: .backwards) else { return page + addition }
        return page.replacingCharacters(in: end.lowerBound ..< end.lowerBound, with: addition)
    }

    static func standalone(problem: String, locale: Manifest.Locale, generation: Int) -> String {
        "<!DOCTYPE html><html lang=\"\(locale.rawValue)\"><head><meta charset=\"utf-8\"><title>Kodex</title></head><body>"
            + script(generation: generation) + overlay(problem: problem, builtAt: nil, locale: locale) + "</body></html>"
    }

    private static func script(generation: Int) -> String {
        """
        <script data-kodex-preview>(function(){var k="kodex-scroll:"+location.pathname,y=sessionStorage.getItem(k);\
        if(y!==null){sessionStorage.removeItem(k);var go=function(){window.scrollTo(0,+y)};go();addEventListener("load",go);}\
        var s=new EventSource("\(eventsPath)?after=\(generation)"),lost=false,again=function(){s.close();\
        sessionStorage.setItem(k,String(window.scrollY));location.reload();};s.addEventListener("reload",again);\
        s.onerror=function(){lost=true;};s.onopen=function(){if(lost)again();};})();</script>
        """
    }

    private static func overlay(problem: String, builtAt: Date?, locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        let heading = hu ? "A kódexben hibák vannak" : "The codex has errors"
        let since: String
        if let builtAt {
            let time = clockTime(builtAt)
            since = hu ? "Alatta az utolsó hibátlan változat látszik (\(time))." : "Below is the last good build (\(time))."
        } else {
            since = hu ? "Még nem volt hibátlan változat." : "There has been no good build yet."
        }
        let fix = hu ? "A hiba javítása után ez a doboz magától eltűnik." : "This box goes away by itself once the errors are fixed."
        return "<div id=\"kodex-overlay\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;"
            + "z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-bottom:4px solid #b00020;padding:1rem 1.5rem;"
            + "font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.25)\">"
            + "<strong style=\"color:#b00020;font-size:16px\">\(Escaping.html(heading))</strong>"
            + "<p style=\"margin:.3rem 0 .6rem\">\(Escaping.html(since)) \(Escaping.html(fix))</p>"
            + "<button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"\(hu ? "Bezárás" : "Close")\" "
            + "style=\"float:right;font:20px/1 system-ui;background:none;border:0;cursor:pointer;color:#1a1a1a\">×</button>"
            + "<pre style=\"white-space:pre;overflow-x:auto;margin:0;font:13px/1.4 ui-monospace,monospace\">"
            + Escaping.html(problem) + "</pre></div>"
    }
}

/// The local time of day of `date`, as `14:05:09`: when a build or a check ran.
func clockTime(_ date: Date) -> String {
    var time = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&time, &parts)
    return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
}
