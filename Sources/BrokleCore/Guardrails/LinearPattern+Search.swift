extension LinearPattern {
    /// One run of a ``Program`` over a text. Each live thread is a state and the earliest start
    /// that reaches it; a later start in the same state can only find a match that overlaps one
    /// the earlier start finds, so it is dropped. Threads are kept in the order of their starts,
    /// which makes "earliest" the first one to arrive.
    ///
    /// A match found while earlier starts are still alive is a candidate: it grows while its
    /// start's threads reach the match state again, is replaced by an earlier start's match, and
    /// is reported once no thread that could do either is alive. Candidates after it (text beyond
    /// its end) are kept on a stack, so the text is read once, without going back.
    struct Search {
        let program: Program
        private var current: ThreadList
        private var next: ThreadList
        private var stack: [Int32]
        private var candidates: [Range<Int>] = []
        private var reported = 0
        private var results: [Range<Int>] = []
        private(set) var steps = 0

        init(program: Program) {
            self.program = program
            let count = program.instructions.count
            current = ThreadList(capacity: count)
            next = ThreadList(capacity: count)
            stack = [Int32](repeating: 0, count: 2 * count + 2)
            candidates.reserveCapacity(8)
        }

        mutating func run(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
            let count = text.count
            var position = 0
            while true {
                if let start = current.start(of: program.match), start < position {
                    record(start..<position)
                }
                reportFinished()
                if current.count == 0 && reported == candidates.count {
                    while position < count && !program.firstBytes.contains(text[position]) { position += 1 }
                }
                if position == count {
                    while reported < candidates.count {
                        results.append(candidates[reported])
                        reported += 1
                    }
                    return results
                }
                Self.addThread(program.start, start: position, at: position, in: text, program, &current, &stack, &steps)
                let byte = text[position]
                next.removeAll()
                for index in 0..<current.count {
                    let instruction = program.instructions[Int(current.states[index])]
                    guard instruction.operation == .byte else { continue }
                    steps &+= 1
                    if program.accepts(byte, inClass: instruction.argument) {
                        Self.addThread(
                            instruction.next, start: current.starts[index], at: position + 1, in: text, program, &next, &stack, &steps)
                    }
                }
                swap(&current, &next)
                position += 1
            }
        }

        /// A thread that started at `match.lowerBound` reached the match state here, with the
        /// earliest start of all that did. It replaces or extends the candidate whose start it
        /// shares or precedes (and drops those after, which it overlaps), or is a new one; threads
        /// started inside it can no longer give a match and end.
        private mutating func record(_ match: Range<Int>) {
            // From the top: what is passed over is dropped, so each candidate costs O(1) overall.
            var index = candidates.count
            while index > reported && candidates[index - 1].lowerBound >= match.lowerBound { index -= 1 }
            if index < candidates.count {
                candidates[index] = match
                candidates.removeSubrange((index + 1)...)
            } else {
                candidates.append(match)
            }
            current.remove(startsAfter: match.lowerBound, before: match.upperBound)
        }

        /// Reports the candidates no live thread can still move: none starts at or before them.
        private mutating func reportFinished() {
            let earliest = current.count > 0 ? current.starts[0] : Int.max
            while reported < candidates.count && candidates[reported].lowerBound < earliest {
                results.append(candidates[reported])
                reported += 1
            }
            if reported == candidates.count && reported > 0 {
                candidates.removeAll(keepingCapacity: true)
                reported = 0
            }
        }

        /// Adds `state` and every state reachable from it without consuming a byte, at `position`,
        /// skipping states already held (by an earlier or equal start). Static, so that the
        /// search's lists, stack and counter can be passed in together.
        private static func addThread(
            _ state: Int32,
            start: Int,
            at position: Int,
            in text: UnsafeBufferPointer<UInt8>,
            _ program: Program,
            _ list: inout ThreadList,
            _ stack: inout [Int32],
            _ steps: inout Int
        ) {
            var top = 1
            stack[0] = state
            while top > 0 {
                top -= 1
                let state = stack[top]
                steps &+= 1
                guard !list.contains(state) else { continue }
                list.insert(state, start: start)
                let instruction = program.instructions[Int(state)]
                switch instruction.operation {
                case .split:
                    stack[top] = instruction.alternative
                    stack[top + 1] = instruction.next
                    top += 2
                case .assert:
                    if holds(instruction.argument, at: position, in: text) {
                        stack[top] = instruction.next
                        top += 1
                    }
                case .byte, .match:
                    break
                }
            }
        }

        private static func holds(_ assertion: UInt16, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
            switch Assertion(rawValue: UInt8(assertion)) {
            case .textStart: return position == 0
            case .textEnd: return position == text.count
            case .wordBoundary, .notWordBoundary:
                let before = position > 0 && Self.isWord(text[position - 1])
                let after = position < text.count && Self.isWord(text[position])
                return (before != after) == (assertion == UInt16(Assertion.wordBoundary.rawValue))
            case nil: return false
            }
        }

        static func isWord(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }
}
