/// Something that finds the values of one configured entity in UTF-8 text: a custom entity's
/// pattern (``LinearPattern``) or a deny-list (``PhraseList``). Linear in the text's length.
package protocol GuardrailMatcher: Sendable {
    /// Leftmost, non-overlapping matches, as UTF-8 byte ranges of `utf8`, in order.
    func matches(in utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>]
}
