/// One schema change: a numbered, named pair of SQL scripts for one dialect.
package struct Migration: Sendable, Equatable {
    package var version: Int
    package var name: String
    package var up: String
    package var down: String

    package init(version: Int, name: String, up: String, down: String) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// `NNNN_name` as in the file names.
    package var label: String { String(format4(version)) + "_" + name }
}

func format4(_ version: Int) -> String {
    let digits = String(version)
    return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
}
