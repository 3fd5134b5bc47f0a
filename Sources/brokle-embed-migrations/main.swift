import Foundation

// Build-time tool used by the EmbedMigrations plugin:
//   brokle-embed-migrations <migrations folder> <output .swift file>
// Writes one Swift file holding every migrations/<dialect>/*.sql file as a string literal.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: brokle-embed-migrations MIGRATIONS_DIR OUTPUT\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1])
let output = URL(fileURLWithPath: arguments[2])

/// A Swift string literal for any text: JSON string escaping is a subset of Swift's.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20: out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

var entries: [String] = []
for dialect in ["sqlite", "postgres"] {
    let folder = root.appendingPathComponent(dialect)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".sql") }
        .sorted()
    for name in names {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        entries.append("        (\(literal(dialect)), \(literal(name)), \(literal(text))),")
    }
}

let source = """
    // Generated at build time from migrations/ by the EmbedMigrations plugin. Do not edit.
    enum EmbeddedMigrationFiles {
        /// (dialect, file name, SQL text)
        static let all: [(String, String, String)] = [
    \(entries.joined(separator: "\n"))
        ]
    }

    """
try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
try Data(source.utf8).write(to: output, options: .atomic)
