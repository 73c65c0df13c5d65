@testable import KodexChecklist
import Testing

/// The fast journal-line reader must read every line it takes exactly as Foundation's
/// decoder does, and hand every other line to it.
@Suite struct JournalLineReaderTests {
    /// What reading `line` gives: through the fast reader when it takes the line, and
    /// through the standard decoder; nil for the fast side when it hands the line on.
    private func both(_ line: [UInt8]) -> (fast: Result<ChecklistEvent, JournalError>?, standard: Result<ChecklistEvent, JournalError>) {
        let fast = line.withUnsafeBufferPointer { JournalLineReader.read($0) }
            .map { fast in Result { () throws(JournalError) in try ChecklistEvent(fast) } }
        let standard = Result { () throws(JournalError) in try ChecklistEvent(try ChecklistEvent.standardDecoding(line)) }
        return (fast, standard)
    }

    /// A small, fixed generator, so that a failure can be replayed.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    private static let pieces = ["a", "Ügyfél", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "😀", "ő", " ", "{", "}", "[", "]",
                                 ",", ":", "\u{2028}", "é", "x y", "\u{7F}"]

    private func text(_ random: inout Random) -> String {
        (0..<random.below(6)).map { _ in Self.pieces[random.below(Self.pieces.count)] }.joined()
    }

    /// Events of every kind with awkward texts, as Kodex writes them.
    private func events(_ count: Int) -> [ChecklistEvent] {
        var random = Random(state: 7)
        return (0..<count).map { number in
            let time = Int64(random.below(1 << 30)) * Int64(random.below(3) == 0 ? -1 : 1)
            let who = SessionAttribution(agent: text(&random), reference: random.below(2) == 0 ? nil : text(&random),
                                         codexTitle: text(&random), codexVersion: random.below(2) == 0 ? nil : text(&random),
                                         codexPath: random.below(2) == 0 ? nil : text(&random), codexHash: text(&random))
            let kinds: [ChecklistEvent.Kind] = [
                .start(situation: text(&random), process: text(&random), attribution: who), .enter(step: text(&random)),
                .check(step: text(&random), item: text(&random), checked: random.below(2) == 0),
                .note(step: text(&random), text: text(&random)), .skip(step: text(&random), reason: text(&random)),
                .leaveOpen(step: text(&random), openActions: (0..<random.below(3)).map { _ in text(&random) }),
                .stay(step: text(&random), openActions: [text(&random)]),
                .branch(step: text(&random), condition: text(&random), target: text(&random)),
                .back(from: text(&random), to: text(&random)), .undo(undid: text(&random)),
                .end(step: text(&random), outcome: text(&random)), .pause, .resume,
            ]
            return ChecklistEvent(kinds[number % kinds.count], time: time)
        }
    }

    @Test func everyLineKodexWritesIsTakenAndReadAsTheStandardDecoderReadsIt() throws {
        for event in events(2_000) {
            let line = Array(event.jsonLine.utf8)
            let (fast, standard) = both(line)
            let taken = try #require(fast, "the fast reader handed on \(event.jsonLine)")
            #expect(try taken.get() == standard.get(), "\(event.jsonLine)")
            #expect(try taken.get() == event)
        }
    }

    @Test(arguments: [
        #"{ "type" : "enter" , "step" : "a" , "at" : 5 }"#,
        #"{"type":"enter","step":"a\/b","at":5}"#,
        #"{"type":"enter","step":"\u00e9\ud83d\ude00","at":5}"#,
        #"{"type":"enter","step":"\ud83d","at":5}"#,
        #"{"type":"enter","step":"\udc00","at":5}"#,
        #"{"type":"enter","step":"a","at":5,"extra":"x","n":12,"b":true}"#,
        #"{"type":"enter","step":"a","at":5,"extra":{"x":1}}"#,
        #"{"type":"enter","step":"a","at":5.0}"#,
        #"{"type":"enter","step":"a","at":5e3}"#,
        #"{"type":"enter","step":"a","at":-0}"#,
        #"{"type":"enter","step":"a","at":01}"#,
        #"{"type":"enter","step":"a","at":9223372036854775807}"#,
        #"{"type":"enter","step":"a","at":9223372036854775808}"#,
        #"{"type":"enter","step":"a","at":"5"}"#,
        #"{"type":"enter","step":null,"at":5}"#,
        #"{"type":"enter","step":"a","step":"b","at":5}"#,
        #"{"type":"check","step":"a","item":3,"checked":true,"at":5}"#,
        #"{"type":"check","step":"a","item":"k","checked":null,"at":5}"#,
        #"{"type":"leave-open","step":"a","items":["k",2],"at":5}"#,
        #"{"type":"leave-open","step":"a","items":[],"at":5}"#,
        #"{"type":"leave-open","step":"a","items":[["k"]],"at":5}"#,
        #"{"type":"enter","step":"a","at":5} x"#,
        #"{"type":"enter","step":"a","at":5}"# + "\n",
        #"[1,2]"#, #"{}"#, "", "{", #"{"type":"enter","step":"a\x","at":5}"#,
        // Keys are matched by their bytes unless escaped; an escaped key is the same key.
        #"{"\u0074ype":"enter","step":"a","at":5}"#,
        #"{"type":"enter","\u0074ype":"leave","step":"a","at":5}"#,
        #"{"typ":"enter","types":"x","type":"enter","step":"a","at":5}"#,
        #"{"type":"enter","step":"á","at":5,"kulcs_é":"x"}"#,
        #"{"type":"enter","step":"a","at":5,"ty\npe":"x"}"#,
    ])
    func handWrittenLinesReadAsTheStandardDecoderReadsThem(line: String) throws {
        let (fast, standard) = both(Array(line.utf8))
        if let fast {
            #expect(fast.map { $0 } == standard.map { $0 }, "\(line)")
        }
    }

    @Test func damagedLinesReadAsTheStandardDecoderReadsThem() throws {
        var random = Random(state: 11)
        var taken = 0
        for event in events(300) {
            let line = Array(event.jsonLine.utf8)
            for _ in 0..<20 {
                var damaged = line
                switch random.below(3) {
                case 0: damaged = Array(damaged.prefix(random.below(damaged.count)))
                case 1: damaged[random.below(damaged.count)] = UInt8(random.below(256))
                default: damaged.insert(UInt8(random.below(256)), at: random.below(damaged.count))
                }
                let (fast, standard) = both(damaged)
                if let fast {
                    taken += 1
                    #expect(fast.map { $0 } == standard.map { $0 }, "\(String(decoding: damaged, as: UTF8.self))")
                }
            }
        }
        #expect(taken > 500, "the damage left hundreds of lines whole enough for the fast reader to take")
    }

    @Test func invalidUTF8InAKeyKodexDoesNotReadIsHandedOn() {
        var line = Array(#"{"type":"enter","step":"ab","xy":1,"at":5}"#.utf8)
        line[29] = 0xC3
        #expect(line.withUnsafeBufferPointer { JournalLineReader.read($0) } == nil)
    }

    @Test func invalidUTF8InsideATextIsHandedOn() {
        var line = Array(#"{"type":"enter","step":"ab","at":5}"#.utf8)
        line[24] = 0xC3
        #expect(line.withUnsafeBufferPointer { JournalLineReader.read($0) } == nil)
    }
}
