import Testing
import Optimisation

/// The neighbourhood searches' shared bookkeeping: budget, patience, deadline and stop.
@Suite struct SearchScheduleTests {
    @Test func countsBudgetAndPatience() {
        var s = SearchSchedule(budget: 5, patience: 2)
        #expect(s.mayContinue() && !s.isStale)
        s.record(improved: false)
        #expect(!s.isStale && s.stale == 1)
        s.record(improved: false)
        #expect(s.isStale && s.done == 2)
        s.restartPatience()
        #expect(!s.isStale && s.done == 2)
        s.record(2, improved: true)
        #expect(s.stale == 0 && s.done == 4 && s.mayContinue())
        s.record(2, improved: false)
        #expect(s.done == 6 && s.isStale && !s.mayContinue())
    }

    @Test func deadlineAndStopEndIt() {
        let past = SearchSchedule(budget: 10, patience: 10, deadline: ContinuousClock.now - .seconds(1))
        #expect(!past.mayContinue())
        let open = SearchSchedule(budget: 10, patience: 10, deadline: ContinuousClock.now + .seconds(3600))
        #expect(open.mayContinue() && !open.mayContinue(stopped: true))
        #expect(!SearchSchedule(budget: 0, patience: 1).mayContinue())
    }
}
