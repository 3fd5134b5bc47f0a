extension PhraseList {
    /// How the deny-list reads text, the same for its phrases and for the text it scans: one
    /// scalar at a time, folded to one scalar, whitespace runs as one space.
    enum Text {
        /// The scalar's lower-case mapping when that is one scalar (Unicode simple folding for
        /// the cases that matter: `É`→`é`, `Ж`→`ж`), else the scalar itself.
        static func fold(_ value: UInt32) -> UInt32 {
            if value < 0x80 {
                return value >= 0x41 && value <= 0x5A ? value + 0x20 : value
            }
            guard let scalar = Unicode.Scalar(value) else { return value }
            let mapping = scalar.properties.lowercaseMapping.unicodeScalars
            guard let first = mapping.first, mapping.index(after: mapping.startIndex) == mapping.endIndex else { return value }
            return first.value
        }

        static func isSpace(_ value: UInt32) -> Bool {
            if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
            return Unicode.Scalar(value)?.properties.isWhitespace ?? false
        }

        /// Letters, digits and `_`, except in scripts written without spaces between words
        /// (Han, kana, Thai), where a phrase may sit right next to other letters.
        static func isWord(_ value: UInt32) -> Bool {
            if value < 0x80 {
                return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                    || value == 0x5F
            }
            guard let scalar = Unicode.Scalar(value) else { return false }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { return false }
            if properties.isIdeographic { return false }
            switch value {
            case 0x0E00...0x0EFF, 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return false
            default: return true
            }
        }

        /// The scalar starting at `offset` and its length in bytes; a byte that does not start
        /// valid UTF-8 reads as U+FFFD of one byte, so hostile bytes cannot stall the scan.
        static func scalar(at offset: Int, in text: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
            let lead = text[offset]
            if lead < 0x80 { return (UInt32(lead), 1) }
            let length: Int
            var value: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
            default: return (0xFFFD, 1)
            }
            guard offset + length <= text.count else { return (0xFFFD, 1) }
            for index in 1..<length {
                let byte = text[offset + index]
                guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            return (value, length)
        }

        /// The scalar that ends just before `offset`, or nil at the start.
        static func scalar(before offset: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32? {
            guard offset > 0 else { return nil }
            var start = offset - 1
            while start > 0 && offset - start < 4 && text[start] & 0xC0 == 0x80 { start -= 1 }
            let decoded = scalar(at: start, in: text)
            return start + decoded.length == offset ? decoded.value : UInt32(0xFFFD)
        }

        /// Writes the UTF-8 of `value` into `bytes`, returning how many.
        static func encode(_ value: UInt32, into bytes: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
            switch value {
            case 0..<0x80:
                bytes.0 = UInt8(value)
                return 1
            case 0x80..<0x800:
                bytes = (UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F), 0, 0)
                return 2
            case 0x800..<0x10000:
                bytes = (UInt8(0xE0 | value >> 12), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F), 0)
                return 3
            default:
                bytes = (
                    UInt8(0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F), UInt8(0x80 | (value >> 6) & 0x3F),
                    UInt8(0x80 | value & 0x3F)
                )
                return 4
            }
        }
    }
}
