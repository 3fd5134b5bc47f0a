import BrokleCore

/// What one admitted request took from its limits, settled once when it ends: concurrency slots
/// come back, tokens and money are corrected to what was used; requests stay counted.
struct LimitReservation: Sendable {
    var taken: [LimitRules.Need] = []

    static let none = LimitReservation()

    var isEmpty: Bool { taken.isEmpty }
}
