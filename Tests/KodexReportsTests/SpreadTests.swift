@testable import KodexReports
import Testing

/// A spread is worked out from durations counted by the second, so that a report's
/// memory does not grow with its sessions.
@Suite struct SpreadTests {
    @Test func nearestRankQuantilesOfCountedSeconds() throws {
        var durations = SessionReport.Durations()
        for second in 1...10 { durations.add(milliseconds: Int64(second) * 10_000) }
        #expect(SessionReport.Spread(durations) == SessionReport.Spread(median: 50, p90: 90))
    }

    @Test func millisecondsAreRoundedToTheNearestSecond() throws {
        var durations = SessionReport.Durations()
        for milliseconds: Int64 in [1_499, 1_500, 2_400] { durations.add(milliseconds: milliseconds) }
        #expect(durations.seconds == [1: 1, 2: 2])
    }

    @Test func aMillionEqualDurationsHoldOneCount() throws {
        var durations = SessionReport.Durations()
        for _ in 0..<1_000_000 { durations.add(milliseconds: 42_000) }
        #expect(durations.seconds == [42: 1_000_000])
        #expect(SessionReport.Spread(durations) == SessionReport.Spread(median: 42, p90: 42))
    }

    @Test func noDurationsHaveNoSpread() {
        #expect(SessionReport.Spread(SessionReport.Durations()) == nil)
    }
}
