import HTTPTypes

extension HTTPFields {
    /// The value of the field `name` as `self[name]` reads it (several fields with that name joined),
    /// in one pass over the fields and, for the usual single field, without building a new string:
    /// the subscript scans twice and joins even one value.
    package func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}
