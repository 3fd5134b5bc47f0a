@testable import BrokleGateway
import HTTPTypes
import Testing

@Suite struct HTTPFieldsValueTests {
    @Test func readsAFieldAsTheSubscriptDoes() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .authorization, value: "Bearer bk_one"))
        fields.append(HTTPField(name: .accept, value: "a/b"))
        fields.append(HTTPField(name: .accept, value: "c/d"))
        #expect(fields.value(.authorization) == "Bearer bk_one")
        // Several fields with one name read joined, as the subscript reads them: two keys are not one.
        #expect(fields.value(.accept) == "a/b, c/d")
        #expect(fields.value(.accept) == fields[.accept])
        #expect(fields.value(.connection) == nil)
        fields.append(HTTPField(name: .authorization, value: "Bearer bk_two"))
        #expect(Authenticator.presentedKey(fields) != "bk_one")
    }
}
