extension LinearPattern {
    /// Turns a ``Node`` into a ``Program`` by Thompson's construction, each node compiled in front
    /// of its continuation so nothing needs patching. Refuses a program of more than
    /// ``LinearPattern/maxStates`` instructions as soon as it gets there.
    struct Compiler {
        private var instructions: [Program.Instruction] = []
        private var classes: [ByteMask] = []
        private var classIndex: [ByteMask: UInt16] = [:]

        static func compile(_ node: Node) throws(LinearPatternError) -> Program {
            var compiler = Compiler()
            let match = try compiler.emit(.match, next: -1)
            let start = try compiler.compile(node, next: match)
            var program = Program(
                instructions: compiler.instructions,
                byteClasses: compiler.classes.flatMap { [$0.words.0, $0.words.1, $0.words.2, $0.words.3] },
                start: start,
                match: match,
                firstBytes: ByteMask()
            )
            program.firstBytes = compiler.firstBytes(from: start, classes: compiler.classes)
            return program
        }

        private mutating func emit(
            _ operation: Program.Operation,
            argument: UInt16 = 0,
            next: Int32,
            alternative: Int32 = -1
        ) throws(LinearPatternError) -> Int32 {
            guard instructions.count < LinearPattern.maxStates else {
                throw LinearPatternError(
                    "the pattern compiles to more than \(LinearPattern.maxStates) automaton states; simplify it or lower its repetition counts",
                    at: nil)
            }
            instructions.append(.init(operation: operation, argument: argument, next: next, alternative: alternative))
            return Int32(instructions.count - 1)
        }

        private mutating func compile(_ node: Node, next: Int32) throws(LinearPatternError) -> Int32 {
            switch node {
            case .empty:
                return next
            case .set(let set):
                return try compile(set, next: next)
            case .assertion(let assertion):
                return try emit(.assert, argument: UInt16(assertion.rawValue), next: next)
            case .concatenation(let items):
                var entry = next
                for item in items.reversed() { entry = try compile(item, next: entry) }
                return entry
            case .alternation(let branches):
                var entries: [Int32] = []
                for branch in branches { entries.append(try compile(branch, next: next)) }
                var entry = entries[entries.count - 1]
                for branch in entries.dropLast().reversed() { entry = try emit(.split, next: branch, alternative: entry) }
                return entry
            case .repetition(let body, let min, let max):
                var entry = next
                var mandatory = min
                if let max {
                    // x{0,3} is (x(x(x)?)?)?: each optional copy may stop straight at `next`.
                    for _ in 0..<(max - min) {
                        let copy = try compile(body, next: entry)
                        entry = try emit(.split, next: copy, alternative: next)
                    }
                } else {
                    let loop = try emit(.split, next: -1, alternative: next)
                    let copy = try compile(body, next: loop)
                    instructions[Int(loop)].next = copy
                    if mandatory > 0 {
                        // x+ loops back to its own copy rather than compiling x twice.
                        entry = copy
                        mandatory -= 1
                    } else {
                        entry = loop
                    }
                }
                for _ in 0..<mandatory { entry = try compile(body, next: entry) }
                return entry
            }
        }

        /// One scalar of `set` as UTF-8: the one-byte members in one instruction, longer
        /// sequences as chains that share their common tails.
        private mutating func compile(_ set: ScalarSet, next: Int32) throws(LinearPatternError) -> Int32 {
            var ascii = ByteMask()
            var entries: [Int32] = []
            var shared: [Pair: Int32] = [:]
            for range in set.ranges {
                for sequence in LinearPattern.utf8Sequences(range) {
                    if sequence.count == 1 {
                        ascii.formUnion(ByteMask(sequence[0]))
                        continue
                    }
                    var entry = next
                    for bytes in sequence.reversed() {
                        let index = byteClass(ByteMask(bytes))
                        let key = Pair(byteClass: index, next: entry)
                        if let existing = shared[key] {
                            entry = existing
                        } else {
                            entry = try emit(.byte, argument: index, next: entry)
                            shared[key] = entry
                        }
                    }
                    if !entries.contains(entry) { entries.append(entry) }
                }
            }
            if ascii != ByteMask() || entries.isEmpty {
                entries.insert(try emit(.byte, argument: byteClass(ascii), next: next), at: 0)
            }
            var entry = entries[entries.count - 1]
            for alternative in entries.dropLast().reversed() { entry = try emit(.split, next: alternative, alternative: entry) }
            return entry
        }

        private struct Pair: Hashable {
            var byteClass: UInt16
            var next: Int32
        }

        private mutating func byteClass(_ mask: ByteMask) -> UInt16 {
            if let index = classIndex[mask] { return index }
            // At most one class per instruction, so maxStates keeps this within UInt16.
            let index = UInt16(classes.count)
            classes.append(mask)
            classIndex[mask] = index
            return index
        }

        /// The bytes the `byte` instructions reachable from `start` without consuming accept,
        /// taking every assertion as true (a superset is all a skip needs).
        private func firstBytes(from start: Int32, classes: [ByteMask]) -> ByteMask {
            var result = ByteMask()
            var seen = Set<Int32>()
            var pending = [start]
            while let pc = pending.popLast() {
                guard pc >= 0, seen.insert(pc).inserted else { continue }
                let instruction = instructions[Int(pc)]
                switch instruction.operation {
                case .byte: result.formUnion(classes[Int(instruction.argument)])
                case .split: pending += [instruction.next, instruction.alternative]
                case .assert: pending.append(instruction.next)
                case .match: break
                }
            }
            return result
        }
    }
}
