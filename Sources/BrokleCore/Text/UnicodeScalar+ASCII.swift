/// ASCII classes for parsers of keys, ids and numbers: locale-free, unlike `isLetter` / `isNumber`.
extension Unicode.Scalar {
    package var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    package var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
