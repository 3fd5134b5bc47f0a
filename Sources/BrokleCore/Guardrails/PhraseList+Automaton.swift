extension PhraseList {
    /// The Aho–Corasick automaton of the folded phrases' UTF-8 bytes: a trie with failure links
    /// (the longest proper suffix that is also in the trie) and output links (the nearest such
    /// suffix that ends a phrase), so one pass finds every phrase ending at every position.
    struct Automaton: Sendable {
        /// Per node: its edges as a run of `edgeBytes`/`edgeTargets`, sorted by byte.
        var edgeStart: [Int32] = []
        var edgeCount: [UInt16] = []
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        /// The root's transition for every byte (itself when it has no edge).
        var rootNext = [Int32](repeating: 0, count: 256)
        var failure: [Int32] = []
        /// The phrase ending exactly at the node, or -1.
        var phrase: [Int32] = []
        /// The nearest node along the failure links that ends a phrase, or -1.
        var output: [Int32] = []

        init(_ phrases: [[UInt8]]) {
            var children: [[UInt8: Int32]] = [[:]]
            var ends: [Int32] = [-1]
            for (index, bytes) in phrases.enumerated() {
                var node = 0
                for byte in bytes {
                    if let child = children[node][byte] {
                        node = Int(child)
                    } else {
                        children.append([:])
                        ends.append(-1)
                        children[node][byte] = Int32(children.count - 1)
                        node = children.count - 1
                    }
                }
                ends[node] = Int32(index)
            }
            phrase = ends
            for node in children.indices {
                edgeStart.append(Int32(edgeBytes.count))
                edgeCount.append(UInt16(children[node].count))
                for (byte, target) in children[node].sorted(by: { $0.key < $1.key }) {
                    edgeBytes.append(byte)
                    edgeTargets.append(target)
                }
            }
            for (byte, target) in children[0] { rootNext[Int(byte)] = target }
            failure = [Int32](repeating: 0, count: children.count)
            output = [Int32](repeating: -1, count: children.count)
            // Breadth first, so a node's failure link is final before its children need it.
            var queue = Array(children[0].values)
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for (byte, child) in children[Int(node)] {
                    let fail = node == 0 ? 0 : step(failure[Int(node)], byte)
                    failure[Int(child)] = fail
                    output[Int(child)] = phrase[Int(fail)] >= 0 ? fail : output[Int(fail)]
                    queue.append(child)
                }
            }
        }

        /// The node after reading `byte` in `node`.
        func step(_ node: Int32, _ byte: UInt8) -> Int32 {
            var node = node
            while node != 0 {
                if let target = edge(node, byte) { return target }
                node = failure[Int(node)]
            }
            return rootNext[Int(byte)]
        }

        private func edge(_ node: Int32, _ byte: UInt8) -> Int32? {
            let start = Int(edgeStart[Int(node)])
            for index in start..<(start + Int(edgeCount[Int(node)])) where edgeBytes[index] == byte { return edgeTargets[index] }
            return nil
        }
    }
}
