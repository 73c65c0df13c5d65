import Testing
@testable import KodexYAML

private func parse(_ text: String, limits: YAMLLimits = .standard) throws -> YAMLDocument {
    try YAMLParser(limits: limits).parse(Array(text.utf8), path: "t.yaml")
}

private func parseError(_ bytes: [UInt8], limits: YAMLLimits = .standard) -> YAMLError? {
    do {
        _ = try YAMLParser(limits: limits).parse(bytes, path: "t.yaml")
        return nil
    } catch {
        return error
    }
}

private func position(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}

@Suite struct YAMLParserTests {
    @Test func keepsStartAndEndOfKeysAndScalars() throws {
        let document = try parse("title: Köszöntés\nkind: complaint\n")
        let pairs = try #require(document.root?.pairs)
        #expect(pairs[0].key.span.start == position(1, 1))
        #expect(pairs[0].key.span.end == position(1, 6))
        #expect(pairs[0].value.span.start == position(1, 8))
        #expect(pairs[0].value.span.end == position(1, 17))
        #expect(pairs[1].value.span.start == position(2, 7))
    }

    @Test func countsColumnsInUnicodeScalarsAfterAccents() throws {
        let document = try parse("cím: { ő: ű, x: y }\n")
        let inner = try #require(document.root?.pairs?.first?.value.pairs)
        #expect(inner[1].key.span.start == position(1, 14))
    }

    @Test func mappingSpanEndsAtItsLastValue() throws {
        let document = try parse("a:\n  b: 1\n  c: hosszú\n\nd: 2\n")
        let a = try #require(document.root?.pairs?.first?.value)
        #expect(a.span.start == position(2, 3))
        #expect(a.span.end == position(3, 12))
    }

    @Test func flowSequenceSpanIncludesTheBrackets() throws {
        let document = try parse("tags: [a, b]\n")
        let tags = try #require(document.root?.pairs?.first?.value)
        #expect(tags.span.start == position(1, 7))
        #expect(tags.span.end == position(1, 13))
    }

    @Test func keepsYAML11TrapsAsTheTextTheAuthorWrote() throws {
        let document = try parse("title: no\ntime: 1:30\nid: 0123\nx: .inf\ny: on\n")
        let texts = try #require(document.root?.pairs).map { $0.value.scalar?.text }
        #expect(texts == ["no", "1:30", "0123", ".inf", "on"])
    }

    @Test func recognisesOnlyPlainNulls() throws {
        let document = try parse("a:\nb: ~\nc: null\nd: 'null'\n")
        let nulls = try #require(document.root?.pairs).map(\.value.isNull)
        #expect(nulls == [true, true, true, false])
    }

    @Test func reportsDuplicateKeyWithBothPlaces() throws {
        let document = try parse("title: A\nkind: x\ntitle: B\n")
        let duplicate = try #require(document.duplicateKeys.first)
        #expect(duplicate.key == "title")
        #expect(duplicate.original.start == position(1, 1))
        #expect(duplicate.duplicate.start == position(3, 1))
        #expect(document.root?.pairs?.count == 2)
        #expect(document.root?.pairs?.first?.value.scalar?.text == "A")
    }

    @Test func duplicateKeyDropsItsWholeValueAndKeepsTheRest() throws {
        let document = try parse("a: 1\na:\n  x: [1, 2]\n  y: 2\nb: 3\n")
        let pairs = try #require(document.root?.pairs)
        #expect(pairs.map(\.name) == ["a", "b"])
        #expect(pairs.map { $0.value.scalar?.text } == ["1", "3"])
        #expect(document.duplicateKeys.map(\.key) == ["a"])
    }

    @Test func aliasHasTheAnchoredContentAtItsOwnPlace() throws {
        let document = try parse("a: &x {k: ő}\nb: *x\n")
        let alias = try #require(document.root?.pairs?.last?.value)
        #expect(alias.pairs?.first?.value.scalar?.text == "ő")
        #expect(alias.span.start == position(2, 4))
        #expect(alias.span.end == position(2, 6))
    }

    @Test func findsAPairByTheTextOfItsKey() throws {
        let document = try parse("cím: A\n'id': B\nidő: C\n")
        let pairs = try #require(document.root?.pairs)
        #expect(pairs.pair(named: "id")?.value.scalar?.text == "B")
        #expect(pairs.pair(named: "idő")?.value.scalar?.text == "C")
        #expect(pairs.pair(named: "i") == nil)
        #expect(pairs.key(at: 0, isNamed: "cím"))
        #expect(pairs.value(named: "cím")?.scalar?.text == "A")
    }

    @Test func blankScalarsIncludeUnicodeSpacesButNotLists() throws {
        let document = try parse("a: '  '\nb: \"\\u3000\\t\"\nc: ' x'\nd: ''\ne: []\nf: ' ő'\n")
        let blank = try #require(document.root?.pairs).map(\.value.isBlank)
        #expect(blank == [true, true, false, true, false, false])
    }

    @Test func keepsLineNumbersRightUnderCRLF() throws {
        let document = try parse("a: 1\r\nb: 2\r\nc: 3\r\n")
        let c = try #require(document.root?.pairs?.last)
        #expect(c.key.span.start == position(3, 1))
    }

    @Test func treatsLoneCRAsLineBreak() throws {
        let document = try parse("a: 1\rb: 2\r")
        let b = try #require(document.root?.pairs?.last)
        #expect(b.key.span.start == position(2, 1))
    }

    @Test func acceptsUTF8ByteOrderMark() throws {
        let document = try YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8), path: "t.yaml")
        #expect(document.root?.pairs?.first?.name == "a")
    }

    @Test func rejectsUTF16WithAClearMessage() {
        let error = parseError([0xFF, 0xFE, 0x61, 0x00])
        #expect(error?.message == "file is encoded as UTF-16, not UTF-8")
    }

    @Test func locatesInvalidUTF8ByLineAndColumn() {
        let error = parseError(Array("a: 1\nb: ő".utf8) + [0xFF] + Array("\n".utf8))
        #expect(error?.kind == .syntax)
        #expect(error?.span.start == position(2, 5))
        #expect(error?.message.hasPrefix("file is not valid UTF-8") == true)
    }

    @Test func reportsNulByteAsControlCharacter() {
        let error = parseError(Array("a: x".utf8) + [0x00] + Array("\n".utf8))
        #expect(error?.message == "file contains a control character (byte 0x00)")
        #expect(error?.span.start == position(1, 5))
    }

    @Test func explainsTabIndentation() {
        let error = parseError(Array("a:\n\tb: 1\n".utf8))
        #expect(error?.message == "tab character where YAML expects indentation or a value")
        #expect(error?.span.start == position(2, 1))
    }

    @Test func unclosedBracketPointsAtTheOpenerAndLabelsWhereItShouldClose() {
        let error = parseError(Array("a: [1, 2\nb: 3\n".utf8))
        #expect(error?.kind == .syntax)
        #expect(error?.message == "this `[` is never closed")
        #expect(error?.span.start == position(1, 4))
        #expect(error?.labels.map(\.span.start.line) == [2])
    }

    @Test func unclosedQuotePointsAtTheOpenerAndLabelsTheEndOfTheFile() {
        let error = parseError(Array("a: b\nc: \"open\nd: e\n".utf8))
        #expect(error?.message == "this `\"` is never closed")
        #expect(error?.span.start == position(2, 4))
        #expect(error?.labels.map(\.message) == ["the file ends here"])
        #expect(error?.labels.first?.span.start.line == 4)
    }

    @Test func colonInsideUnquotedTextAsksForQuotes() {
        let error = parseError(Array("a: Most ezt így tudom megoldani: kérem\n".utf8))
        #expect(error?.message == "text containing `: ` must be quoted")
        #expect(error?.span.start == position(1, 4))
        #expect(error?.help == "put the text in quotes: `a: \"Most ezt így tudom megoldani: kérem\"`")
    }

    @Test func trailingColonAsksForQuotes() {
        let error = parseError(Array("a: Így oldjuk meg:\nb: c\n".utf8))
        #expect(error?.message == "text ending in `:` must be quoted")
        #expect(error?.help == "put the text in quotes: `a: \"Így oldjuk meg:\"`")
    }

    @Test func textAfterClosingQuoteIsNamed() {
        let error = parseError(Array("a:\n  b: \"Foo\" bar\n".utf8))
        #expect(error?.message == "text after a closing quote")
        #expect(error?.span.start == position(2, 12))
        #expect(error?.help == "put the whole text inside the quotes: `b: \"Foo bar\"`")
    }

    @Test func misindentedKeyNamesTheSiblingColumn() {
        let error = parseError(Array("x:\n  - id: a\n   title: b\n".utf8))
        #expect(error?.message == "`title` is indented to column 4, which matches no key above it")
        #expect(error?.span.start == position(3, 4))
        #expect(error?.labels.map(\.message) == ["sibling keys start at column 5"])
    }

    @Test func stopsAliasBombWithinBudget() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let error = parseError(Array(text.utf8))
        #expect(error?.kind == .limit)
        #expect(error?.message == "aliases expand to more than 10000 nodes")
    }

    @Test func expandsAliasWithinBudget() throws {
        let document = try parse("a: &x [1, 2]\nb: *x\n")
        #expect(document.root?.pairs?.last?.value.items?.count == 2)
    }

    @Test func rejectsUndefinedAlias() {
        let error = parseError(Array("a: *nowhere\n".utf8))
        #expect(error?.message == "alias `*nowhere` names no anchor defined before it")
    }

    @Test func enforcesNestingDepthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = parseError(Array(deep.utf8))
        #expect(error?.kind == .limit)
        #expect(error?.message == "nesting is deeper than 64 levels")
    }

    @Test func enforcesFileSizeLimit() {
        let error = parseError(Array(repeating: 0x61, count: 101), limits: YAMLLimits(maxFileSize: 100))
        #expect(error?.kind == .limit)
    }

    @Test func rejectsMergeKeys() {
        let error = parseError(Array("base: &b {x: 1}\nother:\n  <<: *b\n".utf8))
        #expect(error?.message == "merge keys (`<<`) are not supported in a codex")
        #expect(error?.span.start == position(3, 3))
    }

    @Test func rejectsSecondDocument() {
        let error = parseError(Array("a: 1\n---\nb: 2\n".utf8))
        #expect(error?.message == "file holds more than one YAML document")
        #expect(error?.span.start.line == 2)
    }

    @Test func emptyFileHasNoRoot() throws {
        #expect(try parse("").root == nil)
        #expect(try parse("# only a comment\n").root == nil)
    }

    @Test func rejectsNonScalarKey() {
        let error = parseError(Array("? [a, b]\n: c\n".utf8))
        #expect(error?.message == "a mapping key must be a plain value, not a list")
    }
}

@Suite struct InvalidUTF8PositionTests {
    @Test func pointsAtTheStartOfACutShortCharacter() {
        let bytes = Array("t: \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        do {
            _ = try YAMLParser().parse(bytes, path: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.span.start == SourcePosition(line: 1, column: 8))
        }
    }
}
