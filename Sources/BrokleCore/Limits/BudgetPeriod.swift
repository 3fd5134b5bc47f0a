import Foundation

/// A budget's calendar period, in UTC: a day, a week starting on Monday, a month.
package enum BudgetPeriod: String, Sendable, CaseIterable, Codable {
    case day, week, month

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        return calendar
    }()

    /// The start of the period that contains `date`.
    package func start(containing date: Date) -> Date {
        let calendar = Self.utc
        switch self {
        case .day:
            return calendar.startOfDay(for: date)
        case .week:
            let day = calendar.startOfDay(for: date)
            let weekday = calendar.component(.weekday, from: day)  // 1 = Sunday … 7 = Saturday
            return calendar.date(byAdding: .day, value: -((weekday + 5) % 7), to: day)!
        case .month:
            return calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
        }
    }

    /// The start of the next period after the one starting at `start`.
    package func end(ofPeriodStarting start: Date) -> Date {
        let component: Calendar.Component =
            switch self {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        return Self.utc.date(byAdding: component, value: 1, to: start)!
    }
}
