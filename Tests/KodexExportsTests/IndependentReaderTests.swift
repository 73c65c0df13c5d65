import Foundation
import KodexExports
import KodexModel
import Testing
import TestSupport

/// The exports as the vendors' and process tools' readers take them: each helpdesk file
/// against a JSON Schema of the vendor's request body written from its API reference
/// (`Schemas/`), read with Python's jsonschema; each BPMN file parsed and run by
/// SpiffWorkflow (`Readers/check_bpmn.py`). `.ci/install-deps` installs both.
@Suite struct IndependentReaderTests {
    static let readers = here.appendingPathComponent("Readers").path
    static let schemas = here.appendingPathComponent("Schemas").path

    private func python(_ script: String, _ arguments: [String]) throws -> RunResult {
        let ready = try runProcess("/usr/bin/env", ["python3", "-c", "import jsonschema, SpiffWorkflow"])
        try #require(ready.status == 0, "jsonschema and SpiffWorkflow are not installed; .ci/install-deps installs them")
        return try runProcess("/usr/bin/env", ["python3", Self.readers + "/" + script] + arguments, timeout: 300)
    }

    @Test(arguments: [sample, english], [ExportTarget.zendesk, .freshdesk, .helpscout])
    func everyHelpdeskFileMatchesTheVendorsRequestSchema(_ codex: String, _ target: ExportTarget) throws {
        let (folder, out, result) = try export(codex, target)
        _ = folder
        let check = try python("check_json.py", [Self.schemas, out])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("\(result.objects.count) files checked, 0 errors"), "\(check.stdout)")
    }

    @Test func schemasRejectABodyTheVendorWouldRefuse() throws {
        let folder = try TemporaryFolder()
        try folder.write("macros/broken.json", #"{"macro": {"title": "No actions", "restriction": {"type": "Group", "ids": []}}}"#)
        try folder.write("canned-responses/broken.json", #"{"title": "T", "content_html": "<p>x</p>", "folder_id": 1, "visibility": 2}"#)
        let check = try python("check_json.py", [Self.schemas, folder.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("'actions' is a required property"), "\(check.stdout)")
        #expect(check.stdout.contains("'group_ids' is a required property"), "\(check.stdout)")
    }

    /// What SpiffWorkflow read and did with one process.
    private struct ProcessReport: Decodable {
        struct Run: Decodable {
            var completed: Bool
            var end: String?
            var path: [String]
            var before: String?
            var branch: String?
            var target: String?
        }
        var tasks: [String]
        var ends: [String]
        var runs: [Run]
    }

    @Test(arguments: [sample, english])
    func spiffWorkflowParsesEveryModelAndEachBranchRunsToAnEndOfTheCodex(_ path: String) throws {
        let (folder, out, _) = try export(path, .bpmn)
        _ = folder
        let codex = try CodexLoader().load(directory: path).codex
        let modelFiles = codex.situations.map { out + "/" + $0.id.value + ".bpmn" }
        let check = try python("check_bpmn.py", modelFiles)
        try #require(check.status == 0, "\(check.stderr)")
        let report = try JSONDecoder().decode([String: [String: ProcessReport]].self, from: Data(check.stdout.utf8))
        for situation in codex.situations {
            let models = try #require(report[situation.id.value + ".bpmn"], "\(situation.id.value) not read")
            #expect(models.count == situation.processes.count)
            for (number, process) in situation.processes.enumerated() {
                let model = try #require(models.first { $0.key.hasPrefix("Process_\(number + 1)_") }?.value)
                let titles = process.steps.enumerated().map { "\($0.offset + 1). \($0.element.title?.value ?? $0.element.id.value)" }
                #expect(model.tasks == titles.sorted(), "every step is a user task")
                #expect(model.ends == process.steps.compactMap(\.end?.value).sorted(), "every end is an end event")
                try expectBranchesRun(model, process, titles: titles)
            }
        }
    }

    /// Each run ends; a run down a branch passes from the branching step to the step the
    /// branch names, and reaches an end the codex's flow reaches from there.
    private func expectBranchesRun(_ model: ProcessReport, _ process: KodexModel.Process, titles: [String]) throws {
        let flow = ProcessFlow(process)
        var branchCount = 0
        for (index, step) in process.steps.enumerated() where flow.successors[index].count > 1 {
            let conditions = flow.conditions(of: index, in: process)
            for (number, successor) in flow.successors[index].enumerated() {
                branchCount += 1
                let condition = conditions[number]?.value ?? ""
                let run = try #require(model.runs.first { $0.before == titles[index] && $0.branch == condition },
                                       "no run of \(step.id.value) → \(condition)")
                #expect(run.completed, "\(condition)")
                #expect(run.target == titles[successor])
                let at = try #require(run.path.firstIndex(of: titles[index]))
                #expect(run.path.indices.contains(at + 1) && run.path[at + 1] == titles[successor], "\(run.path)")
                let reachableEnds = Set(reachable(from: successor, flow).compactMap { process.steps[$0].end?.value })
                #expect(run.end.map(reachableEnds.contains) == true, "\(condition) ended at \(run.end ?? "nothing")")
            }
        }
        #expect(model.runs.count == branchCount + 1)
        #expect(model.runs.allSatisfy { $0.completed })
    }

    private func reachable(from start: Int, _ flow: ProcessFlow) -> Set<Int> {
        var seen: Set<Int> = [start], queue = [start]
        while let next = queue.popLast() {
            for successor in flow.successors[next] where seen.insert(successor).inserted { queue.append(successor) }
        }
        return seen
    }
}

/// A codex whose every text tries to break out of where it lands: markup, XML's forbidden
/// control characters, quotes and `]]>`, in titles, conditions, outcomes and messages.
@Suite struct HostileExportTests {
    static func hostileCodex() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("codex.yaml", """
            kodex: 1
            title: "<script>alert('t')</script> ]]> & \\u0001"
            organisation: "\\"quoted\\" & <b>"
            locale: en
            channels: [{id: phone, title: Phone}]
            roles: [{id: agent, title: "<i>Agent</i>"}]
            validation: {required_kinds: []}
            helpdesk:
              zendesk:
                placeholders: {ticket: "{{ticket.id}}"}
                groups: {agent: 1}
              freshdesk:
                folder: 1
                placeholders: {ticket: "{{ticket.id}}"}
                groups: {agent: 2}
              helpscout:
                placeholders: {ticket: "{%conversation.number%}"}

            """)
        try folder.write("content.yaml", """
            expectations: [{id: e, title: E}]
            rules: [{id: r, title: R, text: T, meets: [e]}]
            templates:
              - id: note
                title: "</p><script>alert('title')</script>"
                subject: "{ticket} \\u0002 </script>"
                body: "Hello {ticket}\\n<script>alert('body')</script> & ]]>\\n\\nbye \\"x\\""
                placeholders: {ticket: The ticket}
            situation:
              id: s
              title: "<svg onload=alert(1)> \\u0003"
              kind: custom
              channels: [phone]
              expectations: [e]
              processes:
                - id: p
                  title: "]]><!-- & -->"
                  steps:
                    - id: a
                      title: "Step \\"onmouseover=alert(2) \\u0004"
                      goal: "<goal> & \\u0005"
                      effect: "</documentation><x>"
                      actions: [Do the work]
                      rules: [r]
                      role: agent
                      messages: [note]
                      touchpoints: [{detail: "<d>", impression: "]]>"}]
                      branches:
                        - {when: "x < y & \\"z\\" \\u0006", to: b}
                        - {when: "'quoted' > </conditionExpression>", to: c}
                    - {id: b, title: "<b>", goal: G, effect: E, actions: [Do the work], end: "</endEvent> & \\u0007"}
                    - {id: c, title: C, goal: G, effect: E, actions: [Do the work], end: "]]>"}

            """)
        return folder
    }

    @Test func hostileModelParsesInSpiffWorkflowWithEveryTextIntact() throws {
        let codex = try Self.hostileCodex()
        let out = codex.path + "/../" + (codex.path as NSString).lastPathComponent + "-bpmn"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: .bpmn).run()
        let ready = try runProcess("/usr/bin/env", ["python3", "-c", "import SpiffWorkflow"])
        try #require(ready.status == 0, "SpiffWorkflow is not installed; .ci/install-deps installs it")
        let check = try runProcess("/usr/bin/env", ["python3", IndependentReaderTests.readers + "/check_bpmn.py", out + "/s.bpmn"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains(#"1. Step \"onmouseover=alert(2) "#), "\(check.stdout)")
        #expect(check.stdout.contains("</endEvent> & "), "\(check.stdout)")
        #expect(check.stdout.contains(#""branch": "x < y & \"z\" ""#), "\(check.stdout)")
    }

    @Test(arguments: [ExportTarget.zendesk, .freshdesk, .helpscout])
    func hostileMessageIsEscapedHTMLInABodyTheVendorAccepts(_ target: ExportTarget) throws {
        let codex = try Self.hostileCodex()
        let out = codex.path + "/../" + (codex.path as NSString).lastPathComponent + "-" + target.rawValue
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try CodexExport(codexDirectory: codex.path, outputDirectory: out, target: target).run()
        let file = out + (target == .zendesk ? "/macros/note.json" : target == .freshdesk ? "/canned-responses/note.json" : "/saved-replies/note.json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let html = try #require(target == .zendesk
            ? ((body["macro"] as? [String: Any])?["actions"] as? [[String: Any]])?.first?["value"] as? String
            : (body[target == .freshdesk ? "content_html" : "text"] as? String))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt; &amp; ]]&gt;"), "\(html)")
        let ready = try runProcess("/usr/bin/env", ["python3", "-c", "import jsonschema"])
        try #require(ready.status == 0, "jsonschema is not installed; .ci/install-deps installs it")
        let check = try runProcess("/usr/bin/env", ["python3", IndependentReaderTests.readers + "/check_json.py", IndependentReaderTests.schemas, out])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
