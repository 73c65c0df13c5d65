import ArgumentParser
import KodexChecklist

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List recorded checklist sessions, or export them for trainers.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl, csv
    }

    @Option(help: "table, jsonl (JSON Lines) or csv.")
    var format: Format = .table

    @Option(help: "Where session journals are kept (default: the XDG state folder).")
    var logDir: String?

    func run() throws {
        let store = logDir.map { SessionStore(directory: $0) } ?? SessionStore.standard()
        var records: [SessionRecord] = []
        for id in store.sessionIDs() {
            do { records.append(try SessionRecord.read(id, in: store)) } catch {
                printError("session `\(id)`: \(error.message)")
            }
        }
        switch format {
        case .jsonl:
            write(records.map { $0.jsonLine + "\n" }.joined())
        case .csv:
            write(SessionRecord.csvHeader + "\n" + records.map { $0.csvRow + "\n" }.joined())
        case .table:
            guard !records.isEmpty else {
                write("no sessions in `\(store.directory)`\n")
                return
            }
            var output = "id".padding(48) + " " + "status".padding(11) + " " + "agent".padding(12) + " " + "ref".padding(12)
                + " steps  items  outcome\n"
            for record in records {
                output += record.id.padding(48) + " " + record.status.padding(11) + " " + record.attribution.agent.padding(12) + " "
                    + (record.attribution.reference ?? "").padding(12) + " "
                    + String(record.stepsVisited).padding(6) + " " + String(record.actionsChecked).padding(6) + " "
                    + (record.outcome ?? "") + "\n"
            }
            write(output)
        }
    }
}
