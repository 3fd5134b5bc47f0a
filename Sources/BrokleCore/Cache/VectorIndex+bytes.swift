extension VectorIndex {
    /// `vector` as little-endian IEEE 754 single-precision floats, 4 bytes each: the blob a store
    /// keeps, the same on every machine.
    package static func bytes(of vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The vector in a blob written by ``bytes(of:)``; nil when its length is not a whole number of
    /// floats.
    package static func vector(fromBytes bytes: some Collection<UInt8>) -> [Float]? {
        guard bytes.count % 4 == 0 else { return nil }
        var vector: [Float] = []
        vector.reserveCapacity(bytes.count / 4)
        var bits: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            bits |= UInt32(byte) << shift
            shift += 8
            if shift == 32 {
                vector.append(Float(bitPattern: bits))
                bits = 0
                shift = 0
            }
        }
        return vector
    }
}
