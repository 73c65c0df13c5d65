import Foundation
import KodexPublishing
import Testing

/// The schema.org `HowTo` data each situation page carries for an intranet's search.
@Suite struct HowToTests {
    /// The JSON-LD object of a page of the sample's HTML site.
    private func howTo(_ page: String) throws -> [String: Any] {
        let file = try #require(try render(repository.path + "/codex", [.html]).first { $0.path == "html/situations/\(page).html" })
        let block = try #require(file.text.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?
            .components(separatedBy: "</script>").first)
        return try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
    }

    private func steps(_ object: [String: Any]) -> [[String: Any]] {
        (object["step"] as? [[String: Any]] ?? []).flatMap { $0["itemListElement"] as? [[String: Any]] ?? [] }
    }

    @Test func situationPageIsAHowToWithASectionPerProcessAndAStepPerStep() throws {
        let object = try howTo("problemat-megoldo-ugyfel")
        #expect(object["@type"] as? String == "HowTo")
        #expect(object["@context"] as? String == "https://schema.org")
        #expect(object["inLanguage"] as? String == "hu")
        let sections = try #require(object["step"] as? [[String: Any]])
        #expect(sections.map { $0["@type"] as? String } == ["HowToSection", "HowToSection"])
        #expect(steps(object).count == 11)
        #expect(steps(object).first?["name"] as? String == "Fogadás és azonosítás")
        #expect(steps(object).allSatisfy { $0["@type"] as? String == "HowToStep" && $0["text"] is String })
    }

    @Test func timeTargetsAreISODurations() throws {
        let complaint = steps(try howTo("panaszos-ugyfel")).compactMap { $0["timeRequired"] as? String }
        #expect(complaint == ["PT1H", "P3D", "P5D"])
        let problem = steps(try howTo("problemat-megoldo-ugyfel")).compactMap { $0["timeRequired"] as? String }
        #expect(problem.first == "PT20S")
        #expect(problem.contains("PT1M"))
    }
}
