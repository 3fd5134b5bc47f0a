/// The figures of a grouped report row, and their table columns.
protocol GroupFigures: Encodable {
    static var columns: [String] { get }
}

/// One group of a report: its dimension values (`model`, `day`, ...) then the figures, flat in one
/// JSON object. A nil value (the group of requests without an end user, session or tag) is `null`.
struct GroupedRow<Figures: GroupFigures>: OutputRow {
    static var columns: [String] { Figures.columns }
    var keys: [(String, String?)]
    var figures: Figures

    var tableColumns: [String] { keys.map(\.0) + Figures.columns }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in keys { try container.encode(value, forKey: Key(stringValue: name)) }
        try figures.encode(to: encoder)
    }
}
