/// Byte classes the recognizers ask about, for ASCII only: every recognizer starts and ends a value
/// on an ASCII byte, so a range never splits a multi-byte scalar.
extension UInt8 {
    var isASCIIDigit: Bool { self &- 0x30 < 10 }
    var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }
    var isASCIIUpper: Bool { self &- 0x41 < 26 }
    var isASCIILower: Bool { self &- 0x61 < 26 }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    var isHexDigit: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }
    /// A letter, digit or `_`: what may not touch a value on either side.
    var isWordByte: Bool { isASCIIAlphanumeric || self == UInt8(ascii: "_") }
    /// `[A-Za-z0-9_-]`: the alphabet of API keys and of base64url.
    var isTokenByte: Bool { isWordByte || self == UInt8(ascii: "-") }
    var asciiLowercased: UInt8 { isASCIIUpper ? self | 0x20 : self }
}
