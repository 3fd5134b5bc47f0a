import HTTPTypes
import Hummingbird

/// The dashboard's session cookie, `brokle_session`: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page sends it), Path=/ (the pages and the API), Secure when the request came
/// over TLS through a proxy that says so (`X-Forwarded-Proto: https`).
enum DashboardCookie {
    static let name = "brokle_session"
    static let forwardedProto = HTTPField.Name("x-forwarded-proto")!

    /// The session id the request's cookies carry, if any.
    static func value(in request: Request) -> Substring? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let pair = pair.drop(while: { $0 == " " })
                guard let equals = pair.firstIndex(of: "="), pair[..<equals] == name else { continue }
                return pair[pair.index(after: equals)...]
            }
        }
        return nil
    }

    /// `Set-Cookie` for a new session of `lifetime` seconds.
    static func set(_ value: String, lifetime: Double, request: Request) -> HTTPField {
        HTTPField(name: .setCookie, value: "\(name)=\(value); \(attributes(request)); Max-Age=\(Int(lifetime))")
    }

    /// `Set-Cookie` that removes the session cookie.
    static func clear(request: Request) -> HTTPField {
        HTTPField(name: .setCookie, value: "\(name)=; \(attributes(request)); Max-Age=0")
    }

    private static func attributes(_ request: Request) -> String {
        let secure = request.headers[forwardedProto]?.lowercased() == "https"
        return "Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
