@testable import KodexReports
import Testing

/// Sessions read from a chunk as the PostgreSQL store sends it: each session's head, then its facts.
@Suite struct ChunkReaderTests {
    /// A session as a test compares it.
    private struct Session: Equatable {
        var id: String
        var version: String?
        var start: Int64
        var facts: String
    }

    /// The sessions of `chunk`.
    private func sessions(_ chunk: String) throws(ReportError) -> [Session] {
        let bytes = Array(chunk.utf8)
        return try bytes.withUnsafeBufferPointer { bytes throws(ReportError) -> [Session] in
            var reader = ChunkReader(bytes)
            var read: [Session] = []
            while let row = try reader.next() {
                read.append(Session(id: StoredSessionRow.text(row.id), version: row.codexVersion.map(StoredSessionRow.text),
                                    start: row.startedAt, facts: StoredSessionRow.text(row.facts)))
            }
            return read
        }
    }

    @Test func readsEverySessionOfAChunkWithItsTextsAsTheirBytesCount() throws {
        // "Éva" is four bytes; a facts text may hold any byte a text column can, `:` and `,` too.
        let chunk = "2:s14:help7:contact4:Éva3:1.01767603600000,0,7:1,a:b,c"
            + "2:s24:help7:contact3:Bob--5,2,0:"
        let read = try sessions(chunk)
        #expect(read.map(\.id) == ["s1", "s2"])
        #expect(read.map(\.version) == ["1.0", nil])
        #expect(read.map(\.start) == [1_767_603_600_000, -5])
        #expect(read.map(\.facts) == ["1,a:b,c", ""])
    }

    @Test func anEmptyChunkHoldsNoSessions() throws {
        #expect(try sessions("").isEmpty)
    }

    @Test(arguments: [
        "2:s1",                                       // cut off after the id
        "9:s1",                                       // a length past the end
        "x:s1",                                       // a length that is not a number
        "2:s14:help7:contact3:Bob-1x,0,0:",           // a start that is not a number
        "2:s14:help7:contact3:Bob-1,0,99999999999999999999:", // a length too long to be one
        "2:s14:help7:contact3:Bob-1,0,",              // no facts
    ])
    func aDamagedChunkIsRefusedWithAMessage(chunk: String) {
        #expect {
            _ = try sessions(chunk)
        } throws: { error in
            (error as? ReportError)?.message == "the session store sent a session Kodex cannot read"
        }
    }
}
