import Foundation
import KodexExports
import KodexModel
import KodexPublishing
import Testing
import TestSupport

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let sample = repository.path + "/codex"
let english = repository.path + "/Tests/KodexCLITests/Fixtures/english"

/// Exports `codex` for `target` into a fresh folder.
func export(_ codex: String, _ target: ExportTarget, situation: String? = nil) throws -> (folder: TemporaryFolder, out: String, result: ExportResult) {
    let folder = try TemporaryFolder()
    let out = folder.path + "/out"
    let result = try CodexExport(codexDirectory: codex, outputDirectory: out, target: target, situation: situation).run()
    return (folder, out, result)
}

/// Every file Kodex wrote into `folder` (the ledger and lock left out), by relative path.
func files(in folder: String) throws -> [(path: String, text: String)] {
    let paths = (FileManager.default.subpaths(atPath: folder) ?? []).sorted().filter { path in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue && !path.hasPrefix(".kodex-build")
    }
    return try paths.map { ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) }
}

/// A copy of a codex folder that a test may change.
func copy(_ codex: String) throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.removeItem(atPath: folder.path)
    try FileManager.default.copyItem(atPath: codex, toPath: folder.path)
    return folder
}

/// Replaces text in a file of a codex copy, which must hold it.
func edit(_ folder: TemporaryFolder, _ file: String, _ old: String, _ new: String) throws {
    let path = folder.path + "/" + file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try #require(text.contains(old), "\(file) lacks \(old)")
    try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: path))
}

@Suite struct ExportGoldenTests {
    @Test(arguments: [("codex", sample), ("english", english)], ExportTarget.allCases)
    func exportMatchesGolden(_ codex: (name: String, path: String), _ target: ExportTarget) throws {
        let (folder, out, _) = try export(codex.path, target)
        _ = folder
        let text = try files(in: out).map { "=== \($0.path) ===\n\($0.text)" }.joined(separator: "\n")
        expectGolden(text, "\(codex.name)-\(target.rawValue).txt")
    }

    @Test(arguments: ExportTarget.allCases)
    func exportingTwiceGivesByteIdenticalFiles(_ target: ExportTarget) throws {
        let first = try export(sample, target)
        let second = try export(sample, target)
        let a = try files(in: first.out), b = try files(in: second.out)
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.text) == b.map(\.text))
    }
}

@Suite struct HelpdeskContentTests {
    /// The `{name}`s of the codex's own placeholder syntax in `text`: one brace, a name,
    /// one brace, not inside a helpdesk's `{{variable}}`.
    static func codexPlaceholders(in text: String) throws -> [String] {
        let candidate = try Regex(#"\{[\p{L}\p{N}_.\-]+\}"#)
        return text.matches(of: candidate).filter { match in
            let before = match.range.lowerBound > text.startIndex ? text[text.index(before: match.range.lowerBound)] : " "
            let after = match.range.upperBound < text.endIndex ? text[match.range.upperBound] : " "
            return before != "{" && after != "}"
        }.map { String(text[$0.range]) }
    }

    @Test func placeholderFinderFindsAnUnreplacedPlaceholderButNoHelpdeskVariable() throws {
        #expect(try Self.codexPlaceholders(in: "Dear {customer}, {{ticket.id}} {%user.fullName%}") == ["{customer}"])
    }

    @Test(arguments: [ExportTarget.zendesk, .freshdesk, .helpscout])
    func noCodexPlaceholderReachesTheHelpdesk(_ target: ExportTarget) throws {
        let (folder, out, _) = try export(sample, target)
        _ = folder
        for file in try files(in: out) where file.path != CodexExport.listName {
            #expect(try Self.codexPlaceholders(in: file.text).isEmpty, "\(file.path)")
        }
    }

    @Test func everyTemplateBecomesAMacroOrATriggerWithItsMappedPlaceholders() throws {
        let codex = try CodexLoader().load(directory: sample).codex
        let zendesk = try #require(codex.manifest.helpdesk.zendesk)
        let (folder, out, _) = try export(sample, .zendesk)
        _ = folder
        for template in codex.templates {
            let path = out + (template.notice == nil ? "/macros/" : "/triggers/") + template.id.value + ".json"
            let body = try String(contentsOfFile: path, encoding: .utf8)
            let plain = body.replacingOccurrences(of: "\\u003c", with: "<").replacingOccurrences(of: "\\u003e", with: ">")
            for name in template.usedPlaceholders {
                let value = try #require(zendesk.value(of: name))
                #expect(plain.contains(value), "\(template.id.value): \(name) → \(value)")
            }
            #expect(body.contains("\"kodex_\(template.id.value)\""), "\(template.id.value) carries its tag")
        }
    }

    @Test func macroOfARoleLimitedTemplateIsRestrictedToThatRolesGroup() throws {
        let (folder, out, _) = try export(sample, .zendesk)
        _ = folder
        let limited = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/macros/panasz-lezaras.json"))) as? [String: [String: Any]]
        let restriction = try #require(limited?["macro"]?["restriction"] as? [String: Any])
        #expect(restriction["type"] as? String == "Group")
        #expect(restriction["ids"] as? [Int] == [360001000003])
        let open = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/macros/lezaras.json"))) as? [String: [String: Any]]
        #expect(open?["macro"]?["restriction"] is NSNull)
    }

    @Test func acknowledgementTriggerFiresOnCreateAndStatusNoticeOnAStatusChange() throws {
        let (folder, out, _) = try export(sample, .zendesk)
        _ = folder
        let acknowledgement = try String(contentsOfFile: out + "/triggers/bejelentes-visszaigazolas.json", encoding: .utf8)
        #expect(acknowledgement.contains("\"value\": \"Create\""))
        #expect(!acknowledgement.contains("\"changed\""))
        let status = try String(contentsOfFile: out + "/triggers/statuszvaltozas.json", encoding: .utf8)
        #expect(status.contains("\"value\": \"Change\""))
        #expect(status.contains("\"operator\": \"changed\""))
    }

    @Test func slaTargetsAreMinutesAndWorkingDaysCountBusinessHours() throws {
        let (folder, out, _) = try export(sample, .zendesk)
        _ = folder
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/sla-policies/kodex.json"))
        let policy = try #require((try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])?["sla_policy"])
        let metrics = try #require(policy["policy_metrics"] as? [[String: Any]]).filter { $0["priority"] as? String == "normal" }
        let byMetric = Dictionary(uniqueKeysWithValues: metrics.map { ($0["metric"] as? String ?? "", $0) })
        #expect(byMetric["first_reply_time"]?["target"] as? Int == 60)           // 1 óra
        #expect(byMetric["periodic_update_time"]?["target"] as? Int == 240)      // 4 óra
        #expect(byMetric["requester_wait_time"]?["target"] as? Int == 5 * 8 * 60) // 5 munkanap of 8 hours
        #expect(byMetric["requester_wait_time"]?["business_hours"] as? Bool == true)
        #expect(byMetric["first_reply_time"]?["business_hours"] as? Bool == false)
    }

    @Test func freshdeskResponseOfARoleIsVisibleToItsGroupOnly() throws {
        let (folder, out, _) = try export(sample, .freshdesk)
        _ = folder
        let body = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/canned-responses/oktatasi-ajanlat.json"))) as? [String: Any]
        #expect(body?["visibility"] as? Int == 2)
        #expect(body?["group_ids"] as? [Int] == [43000000012])
        #expect(body?["folder_id"] as? Int == 43000000001)
    }
}

@Suite struct ExportListTests {
    @Test func listNamesTheCodexVersionAndEveryObject() throws {
        let (folder, out, result) = try export(sample, .zendesk)
        _ = folder
        let list = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/" + CodexExport.listName))) as? [String: Any]
        let codex = list?["codex"] as? [String: Any]
        #expect(codex?["version"] as? String == "2.0")
        #expect(codex?["title"] as? String == "Értékesítési és ügyfélkezelési kódex")
        #expect((list?["objects"] as? [Any])?.count == result.objects.count)
        #expect(result.changes == nil, "a first export has nothing to compare with")
    }

    @Test func reExportAfterAnEditNamesWhatToCreateUpdateAndDelete() throws {
        let codex = try copy(sample)
        let out = codex.path + "-export"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: .zendesk).run()
        try edit(codex, "uzenetsablonok.yaml", "A megoldás: {megoldas}.", "A megoldásunk: {megoldas}.")
        try edit(codex, "uzenetsablonok.yaml", "  - id: koszono-level\n", "  - id: koszonolevel\n")
        try edit(codex, "helyzetek/ertekesites-utokovetese.yaml", "messages: [koszono-level]", "messages: [koszonolevel]")
        let again = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: .zendesk).run()
        let changes = try #require(again.changes)
        #expect(changes.changed.map(\.id) == ["lezaras"])
        #expect(changes.added.map(\.id) == ["koszonolevel"])
        #expect(changes.removed.map(\.id) == ["koszono-level"])
        #expect(!FileManager.default.fileExists(atPath: out + "/macros/koszono-level.json"))
        let text = ExportText.report(again, target: .zendesk, in: out)
        #expect(text.contains("változott, frissítendő: makró `lezaras`"), "\(text)")
    }

    @Test func unchangedReExportSaysThereIsNothingToDo() throws {
        let codex = try copy(english)
        let out = codex.path + "-export"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: .helpscout).run()
        let again = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: .helpscout).run()
        #expect(again.changes?.isEmpty == true)
        #expect(again.summary.written == 0)
        #expect(ExportText.report(again, target: .helpscout, in: out).contains("nothing to do in the helpdesk"))
    }
}

@Suite struct ExportRefusalTests {
    /// Runs an export that must fail, and returns its failure's message.
    private func refusal(_ codex: String, _ target: ExportTarget, out: String, situation: String? = nil) throws -> CodexExport.Failure {
        do {
            _ = try CodexExport(codexDirectory: codex, outputDirectory: out, target: target, situation: situation).run()
        } catch {
            return error
        }
        Issue.record("the export succeeded")
        throw CancellationError()
    }

    @Test func unmappedPlaceholderRefusesTheExportAndWritesNothing() throws {
        let codex = try copy(sample)
        try edit(codex, "codex.yaml", "      jegyszam: \"{{ticket.id}}\"\n      munkatars: \"{{ticket.assignee.name}}\"",
                 "      munkatars: \"{{ticket.assignee.name}}\"")
        let out = codex.path + "-export"
        let failure = try refusal(codex.path, .zendesk, out: out)
        guard case .invalid(let report, _, _) = failure else { Issue.record("\(failure)"); return }
        #expect(report.diagnostics.contains { $0.rule == "unmapped-placeholder" && $0.message.contains("{jegyszam}") })
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func codexWithErrorsRefusesEveryExport() throws {
        let codex = try copy(english)
        try edit(codex, "situations/complaint.yaml", "role: supervisor", "role: superviser")
        for target in ExportTarget.allCases {
            let out = codex.path + "-\(target.rawValue)"
            let failure = try refusal(codex.path, target, out: out)
            guard case .invalid(let report, _, _) = failure else { Issue.record("\(failure)"); continue }
            #expect(report.errorCount > 0)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func outputFolderWithForeignFilesIsRefusedAndKeptAsItWas() throws {
        let folder = try TemporaryFolder()
        try folder.write("notes.txt", "mine")
        let failure = try refusal(sample, .freshdesk, out: folder.path)
        guard case .write(let error, let locale) = failure else { Issue.record("\(failure)"); return }
        #expect(error.reason == .outputFolderRefused)
        #expect(locale == .hu)
        #expect(failure.message.contains("nem a Kodex írt"), "\(failure.message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func helpdeskTheManifestDoesNotEnableIsRefusedWithTheKeyToAdd() throws {
        let codex = try copy(english)
        try edit(codex, "codex.yaml", "  helpscout:\n", "  ignored:\n")
        let text = try String(contentsOfFile: codex.path + "/codex.yaml", encoding: .utf8)
        try Data(text.components(separatedBy: "  ignored:\n")[0].utf8).write(to: URL(fileURLWithPath: codex.path + "/codex.yaml"))
        let failure = try refusal(codex.path, .helpscout, out: codex.path + "-export")
        guard case .notEnabled(.helpScout, .en) = failure else { Issue.record("\(failure)"); return }
        #expect(failure.message.contains("helpdesk: {helpscout: …}"), "\(failure.message)")
    }

    @Test func unknownSituationIsRefusedWithTheClosestId() throws {
        let folder = try TemporaryFolder()
        let failure = try refusal(sample, .bpmn, out: folder.path + "/out", situation: "panaszos-ugyfl")
        guard case .unknownSituation = failure else { Issue.record("\(failure)"); return }
        #expect(failure.message == "nincs `panaszos-ugyfl` azonosítójú helyzet; erre gondolt: `panaszos-ugyfel`?")
    }
}
