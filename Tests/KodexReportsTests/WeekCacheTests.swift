import Foundation
@testable import KodexReports
import Testing
import TestSupport

/// The week a session counts in, found by the bounds of the weeks already named: the
/// same as asking the calendar for every session, in any order, across a change of
/// summer time.
@Suite struct WeekCacheTests {
    @Test(arguments: ["UTC", "Europe/Budapest", "America/St_Johns", "Australia/Lord_Howe"])
    func everyMomentIsInTheWeekTheCalendarNames(zone: String) throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        var cache = SessionReport.WeekCache(calendar: calendar)
        var random = SeededRandom(seed: 7)
        let start: Int64 = 1_735_689_600_000 // 2025-01-01
        // Moments in any order over two years, and each side of every hour of the days
        // summer time starts and ends in Europe (30 March and 26 October 2025).
        var moments = (0 ..< 3000).map { _ in start + Int64(random.next() % UInt64(2 * 365 * 86_400_000)) }
        for day: Int64 in [88, 298] {
            for minute in stride(from: Int64(0), to: 48 * 60, by: 7) { moments.append(start + day * 86_400_000 + minute * 60_000 - 1) }
        }
        for moment in moments {
            let week = cache.week(of: moment)
            #expect(cache.names[week] == SessionReport.week(of: moment, in: calendar), "\(zone) \(moment)")
        }
    }
}
