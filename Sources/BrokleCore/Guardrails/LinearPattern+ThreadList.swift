extension LinearPattern {
    /// The live threads of a search: a sparse set of states (constant-time insert, membership and
    /// clear, no allocation after its creation), each with the position its thread started at,
    /// in the order they were added.
    struct ThreadList {
        private(set) var states: [Int32]
        private(set) var starts: [Int]
        private var slots: [Int32]
        private(set) var count = 0

        init(capacity: Int) {
            states = [Int32](repeating: 0, count: capacity)
            starts = [Int](repeating: 0, count: capacity)
            slots = [Int32](repeating: 0, count: capacity)
        }

        func contains(_ state: Int32) -> Bool {
            let slot = Int(slots[Int(state)])
            return slot < count && states[slot] == state
        }

        /// The start of the thread in `state`, if there is one.
        func start(of state: Int32) -> Int? {
            let slot = Int(slots[Int(state)])
            return slot < count && states[slot] == state ? starts[slot] : nil
        }

        mutating func insert(_ state: Int32, start: Int) {
            states[count] = state
            starts[count] = start
            slots[Int(state)] = Int32(count)
            count += 1
        }

        mutating func removeAll() { count = 0 }

        /// Ends the threads that started strictly between `low` and `high`, keeping the order.
        mutating func remove(startsAfter low: Int, before high: Int) {
            var kept = 0
            for index in 0..<count where starts[index] <= low || starts[index] >= high {
                states[kept] = states[index]
                starts[kept] = starts[index]
                slots[Int(states[kept])] = Int32(kept)
                kept += 1
            }
            count = kept
        }
    }
}
