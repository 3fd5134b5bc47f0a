import NIOCore
import PostgresNIO

/// One column of a batch as a PostgreSQL array, NULL elements included — PostgresNIO encodes
/// arrays of non-optional elements only. Values are written in the binary array format as they
/// are bound (each element: its length, -1 for NULL, then its bytes), so a batch of thousands of
/// rows goes as one parameter a column (`unnest($1, $2, …)`) instead of one a value.
struct PostgresColumn: PostgresDynamicTypeEncodable {
    private(set) var elementType: PostgresDataType?
    private var arrayType: PostgresDataType = .textArray
    private var count: Int32 = 0
    private var hasNull = false
    private var elements: ByteBuffer

    init(capacity: Int) {
        elements = ByteBufferAllocator().buffer(capacity: capacity * 12)
    }

    /// Appends one element; every element of a column has the type of the first.
    mutating func append<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ value: Value?) {
        if let elementType {
            precondition(elementType == Value.psqlType, "a column bound as \(elementType) and as \(Value.psqlType)")
        } else {
            (elementType, arrayType) = (Value.psqlType, Value.psqlArrayType)
        }
        count += 1
        guard let value else {
            hasNull = true
            elements.writeInteger(-1, as: Int32.self)
            return
        }
        let lengthIndex = elements.writerIndex
        elements.writeInteger(0, as: Int32.self)
        let start = elements.writerIndex
        value.encode(into: &elements, context: .default)
        elements.setInteger(Int32(elements.writerIndex - start), at: lengthIndex, as: Int32.self)
    }

    var psqlType: PostgresDataType { arrayType }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Dimensions, whether any element is NULL, the element type; then the one dimension's
        // length and lower bound (1), then the elements.
        buffer.writeInteger(count == 0 ? 0 : 1, as: Int32.self)
        buffer.writeInteger(hasNull ? 1 : 0, as: Int32.self)
        buffer.writeInteger((elementType ?? .text).rawValue)
        guard count > 0 else { return }
        buffer.writeInteger(count, as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
        buffer.writeImmutableBuffer(elements)
    }
}
