import Foundation
import KodexChecklist
import KodexModel
import KodexPublishing
import KodexValidation
import KodexYAML

/// Feeds one input through everything that reads untrusted text: the session journal
/// reader, the YAML layer, the model's decoder, every validation rule, and the
/// handbook's renderers.
///
/// The input is one content file of a small codex. Anything may be reported as a
/// diagnostic; only a crash, a hang or a sanitizer finding is a bug.
func exercise(_ bytes: [UInt8]) {
    // The same bytes as a session journal: any of them must read as events or damaged lines.
    let journal = JournalContents.parse(bytes)
    _ = try? SessionRecord.read("fuzz", contents: journal)
    _ = ChecklistEvent.effective(journal.events)
    _ = try? YAMLParser().parse(bytes, path: "fuzz.yaml")
    let folder = NSTemporaryDirectory() + "kodex-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let manifest = """
        kodex: 1
        title: Fuzz
        organisation: Fuzz
        locale: hu
        channels: [{id: phone, title: Phone}]
        roles: [{id: agent, title: Agent}]
        validation: {required_kinds: []}

        """
    _ = FileManager.default.createFile(atPath: folder + "/codex.yaml", contents: Data(manifest.utf8))
    _ = FileManager.default.createFile(atPath: folder + "/content.yaml", contents: Data(bytes))
    guard let loaded = try? CodexLoader().load(directory: folder) else { return }
    let report = Validator().validate(loaded)
    _ = HumanRenderer(color: false).render(report, fileCount: 2)
    _ = JSONRenderer().render(report, fileCount: 2)
    guard report.errorCount == 0 else { return }
    _ = try? Handbook(codex: loaded.codex, templates: PageTemplateSet()).render([.markdown, .html], singleFile: false)
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point under this name; in a fuzzing build it
/// hands control to libFuzzer's driver.
@_cdecl("kodex_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        exercise(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
#else
/// Without the fuzzer, replays the files named on the command line, so that every input
/// the fuzzer ever found can be run again as a regression test.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("kodex-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            exercise([UInt8](data))
            print("ok \((path as NSString).lastPathComponent)")
        }
    }
}
#endif
