/// One schema change: a numbered, named pair of SQL scripts for one dialect.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var up: String
    public var down: String

    public init(version: Int, name: String, up: String, down: String) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// `NNNN_name` as in the file names.
    public var label: String { String(format4(version)) + "_" + name }
}

func format4(_ version: Int) -> String {
    let digits = String(version)
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}
