import Foundation

/// A fresh PostgreSQL database for one test, dropped when the test's scope ends.
///
/// The server is the one `KODEX_TEST_POSTGRES` names (`.ci/test` starts one on a port of
/// its own and sets it); `psql` makes and drops the database.
public final class TemporaryPostgresDatabase {
    /// The server the tests use, if one was given.
    public static var server: String? {
        ProcessInfo.processInfo.environment["KODEX_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The new database's address.
    public let url: String
    private let server: String
    private let name: String

    /// Creates an empty database on the test server.
    public init() throws {
        guard let server = Self.server, var components = URLComponents(string: server) else {
            throw Unavailable()
        }
        self.server = server
        name = "kodex_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let made = try runProcess("/usr/bin/env", ["psql", server, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE \(name)"])
        guard made.status == 0 else { throw Failed(message: made.stderr) }
        components.path = "/" + name
        url = components.string ?? server
    }

    /// Runs `sql` in the database, as `psql` does.
    public func run(_ sql: String) throws {
        let result = try runProcess("/usr/bin/env", ["psql", url, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        guard result.status == 0 else { throw Failed(message: result.stderr) }
    }

    /// The first column of the rows `sql` answers, one line each, as `psql` prints them.
    public func lines(_ sql: String) throws -> [String] {
        let result = try runProcess("/usr/bin/env", ["psql", url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        guard result.status == 0 else { throw Failed(message: result.stderr) }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    deinit {
        _ = try? runProcess("/usr/bin/env", ["psql", server, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// No server was given.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "KODEX_TEST_POSTGRES names no PostgreSQL server; run the suite with .ci/test" }
    }

    /// `psql` failed.
    public struct Failed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "psql: \(message)" }
    }
}
