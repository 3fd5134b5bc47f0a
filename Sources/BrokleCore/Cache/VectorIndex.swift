/// The vectors of one cache partition (one embedder, so one dimension) and the nearest one to a
/// query, by brute force.
///
/// The vectors sit one after another in a single `[Float]`, so a lookup is one pass over
/// contiguous memory, 16 floats at a time; ids are kept in a parallel array. Vectors are unit
/// length, so the cosine similarity is their dot product. Removing swaps the last entry into the
/// hole, so indexes are not stable across a removal: look entries up by id.
package struct VectorIndex: Sendable {
    package let dimension: Int
    private var storage: [Float] = []
    package private(set) var ids: [String] = []

    package init(dimension: Int) {
        precondition(dimension > 0, "a vector needs at least one dimension")
        self.dimension = dimension
    }

    package var count: Int { ids.count }

    /// Adds `vector` (unit length, `dimension` long) under `id`. An id may be added more than once;
    /// ``remove(id:)`` removes the first.
    package mutating func append(_ vector: [Float], id: String) {
        precondition(vector.count == dimension, "vector of \(vector.count) dimensions in an index of \(dimension)")
        storage.append(contentsOf: vector)
        ids.append(id)
    }

    /// Removes the entry under `id`, moving the last entry into its place. False when there is none.
    @discardableResult
    package mutating func remove(id: String) -> Bool {
        guard let index = ids.firstIndex(of: id) else { return false }
        let last = ids.count - 1
        if index != last {
            ids[index] = ids[last]
            let from = last * dimension
            let to = index * dimension
            for offset in 0..<dimension { storage[to + offset] = storage[from + offset] }
        }
        ids.removeLast()
        storage.removeLast(dimension)
        return true
    }

    /// The vector stored at `index`.
    package func vector(at index: Int) -> [Float] {
        Array(storage[index * dimension..<(index + 1) * dimension])
    }

    /// The entry most similar to `query` (unit length, `dimension` long), when its cosine similarity
    /// is at least `minimum`; the first of equals wins.
    package func best(_ query: [Float], minimum: Float) -> (index: Int, id: String, similarity: Float)? {
        precondition(query.count == dimension, "query of \(query.count) dimensions in an index of \(dimension)")
        var bestIndex = -1
        var bestSimilarity = minimum
        storage.withUnsafeBufferPointer { rows in
            query.withUnsafeBufferPointer { query in
                guard let rowsBase = rows.baseAddress, let queryBase = query.baseAddress else { return }
                for row in 0..<ids.count {
                    let similarity = Self.dot(queryBase, rowsBase + row * dimension, count: dimension)
                    if similarity > bestSimilarity || (bestIndex < 0 && similarity >= bestSimilarity) {
                        bestIndex = row
                        bestSimilarity = similarity
                    }
                }
            }
        }
        guard bestIndex >= 0 else { return nil }
        return (bestIndex, ids[bestIndex], bestSimilarity)
    }

    /// The dot product of two vectors of `count` floats: 32 lanes at a time in two independent sums
    /// (one sum would wait on its own previous add every step), then 16, then 8, then one by one.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        let stride = MemoryLayout<Float>.stride
        func load16(_ raw: UnsafeRawPointer, _ offset: Int) -> SIMD16<Float> {
            raw.loadUnaligned(fromByteOffset: offset * stride, as: SIMD16<Float>.self)
        }
        // Not addingProduct: without FMA in the target's baseline (x86-64 v1) that is a libm call per lane.
        var sum16 = SIMD16<Float>()
        var other16 = SIMD16<Float>()
        var offset = 0
        while offset + 32 <= count {
            sum16 += load16(rawA, offset) * load16(rawB, offset)
            other16 += load16(rawA, offset + 16) * load16(rawB, offset + 16)
            offset += 32
        }
        if offset + 16 <= count {
            sum16 += load16(rawA, offset) * load16(rawB, offset)
            offset += 16
        }
        sum16 += other16
        var sum = sum16.sum()
        if offset + 8 <= count {
            let x = rawA.loadUnaligned(fromByteOffset: offset * stride, as: SIMD8<Float>.self)
            let y = rawB.loadUnaligned(fromByteOffset: offset * stride, as: SIMD8<Float>.self)
            sum += (x * y).sum()
            offset += 8
        }
        while offset < count {
            sum += a[offset] * b[offset]
            offset += 1
        }
        return sum
    }
}
