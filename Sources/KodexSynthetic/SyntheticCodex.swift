import Foundation

/// Writes deterministic synthetic codices for the benchmark: valid by construction,
/// with realistic Hungarian text, references and branches.
public struct SyntheticCodex: Sendable {
    /// The benchmark's sizes.
    public enum Size: String, Sendable, CaseIterable {
        case s = "S", m = "M", l = "L", xl = "XL"

        /// How many situations; each has four processes of twelve steps.
        public var situations: Int {
            switch self {
            case .s: return 8
            case .m: return 64
            case .l: return 256
            case .xl: return 1_000
            }
        }
    }

    /// Processes per situation.
    public static let processesPerSituation = 4
    /// Steps per process.
    public static let stepsPerProcess = 12

    /// The number of situations.
    public let situations: Int

    /// A codex of the given size.
    public init(_ size: Size) {
        situations = size.situations
    }

    /// A codex of any number of situations.
    public init(situations: Int) {
        self.situations = max(6, situations)
    }

    /// The number of steps in the codex.
    public var stepCount: Int { situations * Self.processesPerSituation * Self.stepsPerProcess }

    /// Writes the codex into `directory`, which must not exist yet or be empty.
    public func write(to directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/situations", withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: directory + "/codex.yaml"))
        try Data(shared.utf8).write(to: URL(fileURLWithPath: directory + "/shared.yaml"))
        for index in 0..<situations {
            try Data(situation(index).utf8).write(to: URL(fileURLWithPath: directory + "/situations/s\(index).yaml"))
        }
    }

    // MARK: - Content

    private static let kinds = ["enquiry", "problem", "complaint", "information", "acquisition", "follow-up"]
    private static let ruleCount = 24, toolCount = 12, expectationCount = 8, templateCount = 6

    private static let nouns = ["ügyfél", "bejelentés", "ajánlat", "számla", "panasz", "szerződés", "oktatás",
                                "visszahívás", "határidő", "megoldás", "kapcsolattartó", "hibajegy"]
    private static let verbs = ["rögzítse", "ellenőrizze", "foglalja össze", "erősítse meg", "küldje el",
                                "kérdezze meg", "egyeztesse", "mutassa be"]
    private static let adjectives = ["pontos", "gyors", "udvarias", "személyes", "érthető", "megbízható"]

    /// A phrase chosen deterministically from `seed`.
    private func phrase(_ seed: Int) -> String {
        let noun = Self.nouns[seed % Self.nouns.count]
        let verb = Self.verbs[(seed / 3) % Self.verbs.count]
        let adjective = Self.adjectives[(seed / 7) % Self.adjectives.count]
        return "A(z) \(adjective) \(noun) – \(verb) a(z) \(Self.nouns[(seed / 11) % Self.nouns.count]) alapján"
    }

    private var manifest: String {
        """
        kodex: 1
        title: Szintetikus kódex (\(situations) helyzet)
        organisation: Mérce Kft.
        version: "1.0"
        locale: hu
        channels:
          - {id: telefon, title: Telefon}
          - {id: email, title: E-mail}
          - {id: szemelyes, title: Személyesen}
        roles:
          - {id: ugyintezo, title: Ügyintéző}
          - {id: csoportvezeto, title: Csoportvezető}
        include: ["shared.yaml", "situations/*.yaml"]
        limits:
          max_file_size: 67108864

        """
    }

    private var shared: String {
        var text = "expectations:\n"
        for index in 0..<Self.expectationCount {
            text += "  - id: elvaras-\(index)\n    title: Elvárás \(index) – \(phrase(index))\n"
            text += "    description: Az ügyfél elvárja, hogy \(phrase(index + 5)).\n"
        }
        text += "rules:\n"
        for index in 0..<Self.ruleCount {
            text += "  - id: szabaly-\(index)\n    title: Szabály \(index)\n    kind: \(index % 4 == 3 ? "dont" : "do")\n"
            text += "    text: |\n      \(phrase(index * 3)).\n      **Fontos:** \(phrase(index * 5)).\n"
            text += "    meets: [elvaras-\(index % Self.expectationCount)]\n"
            text += "    examples:\n      good: [\"\(phrase(index + 2)).\"]\n      bad: [\"Majd meglátjuk.\"]\n"
        }
        text += "tools:\n"
        for index in 0..<Self.toolCount {
            text += "  - id: eszkoz-\(index)\n    title: Eszköz \(index)\n    description: \(phrase(index * 7)).\n"
            text += "    meets: [elvaras-\((index + 3) % Self.expectationCount)]\n"
        }
        text += "banned_phrases:\n  - phrase: Hívása fontos számunkra\n    instead: Köszönöm, hogy kivárt.\n"
        text += "templates:\n"
        for index in 0..<Self.templateCount {
            text += "  - id: sablon-\(index)\n    title: Sablon \(index)\n    channel: email\n"
            text += "    subject: \"Bejelentés {jegyszam}\"\n    body: |\n      Kedves {nev}!\n      \(phrase(index)).\n"
            text += "    placeholders: {jegyszam: A bejelentés száma, nev: Az ügyfél neve}\n"
        }
        return text
    }

    private func situation(_ index: Int) -> String {
        let kind = Self.kinds[index % Self.kinds.count]
        let first = (index * 3) % Self.expectationCount, second = (index * 3 + 3) % Self.expectationCount
        var text = """
            situation:
              id: helyzet-\(index)
              title: Helyzet \(index) – \(phrase(index))
              kind: \(kind)
              applies_when: Amikor \(phrase(index + 1)).
              channels: [telefon, email\(index % 2 == 0 ? ", szemelyes" : "")]
              expectations: [elvaras-\(first), elvaras-\(second)]
              processes:

            """
        for process in 0..<Self.processesPerSituation {
            text += "    - id: folyamat-\(process)\n      title: Folyamat \(process) – \(phrase(index + process))\n      steps:\n"
            let seed = index * 100 + process * 20
            for step in 0..<Self.stepsPerProcess {
                text += stepText(step, seed: seed + step, expectations: [first, second], process: process)
            }
        }
        return text
    }

    private func stepText(_ step: Int, seed: Int, expectations: [Int], process: Int) -> String {
        let last = Self.stepsPerProcess - 1
        // Rules and tools chosen so that every expectation at stake is met in every process.
        let rule = expectations[0] + Self.expectationCount * (seed % 3)
        let base = (expectations[1] + Self.expectationCount - 3) % Self.expectationCount
        // Tools 8–11 meet the same expectations as tools 0–3, so alternate to use all.
        let tool = base < Self.toolCount - Self.expectationCount && seed % 2 == 1 ? base + Self.expectationCount : base
        var text = """
                    - id: lepes-\(step)
                      title: Lépés \(step + 1) – \(phrase(seed))
                      goal: \(phrase(seed + 1)) és \(phrase(seed + 2))
                      effect: Az ügyfél érzi, hogy \(phrase(seed + 3))
                      actions:
                        - \(phrase(seed + 4))
                        - do: \(phrase(seed + 5))
                          optional: true
                      touchpoints:
                        - {detail: \(phrase(seed + 6)), impression: Az ügyfél elégedett}
                      rules: [szabaly-\(rule % Self.ruleCount)]
                      tools: [eszkoz-\(tool)]
                      say: ["\(phrase(seed + 7))."]
                      avoid: ["Majd meglátjuk."]
                      time_target: {within: \(20 + step) s, for: a válasz}

            """
        if step == 1 {
            text += "          role: ugyintezo\n"
        }
        if step == 0 {
            text += "          messages: [sablon-\((seed / 100) % Self.templateCount)]\n"
        }
        if step == 4 {
            text += "          branches:\n"
            text += "            - {when: Az ügyfél elégedett, to: lepes-5}\n"
            text += "            - {when: Az ügyfél további segítséget kér, to: lepes-\(last)}\n"
        }
        if step == last - 1 {
            text += "          end: A folyamat sikeresen lezárult\n"
        }
        if step == last {
            text += "          role: csoportvezeto\n          end: Átadva a csoportvezetőnek\n"
        }
        return text
    }
}
