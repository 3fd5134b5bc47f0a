/// ASCII digits only, for parsers of prices, durations and file names (`isNumber` also accepts other
/// scripts' digits).
extension Character {
    package var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
