import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A browser's view of the dashboard API for tests: one cookie jar (the session cookie) and the
/// session's CSRF token, over a running `brokle proxy`.
final class DashboardClient: @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [(String, String)]
        var body: String
        var json: JSONLine? { try? JSONLine(body) }

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
    }

    let root: String
    var cookie: String?
    var csrf: String?

    /// `baseURL` is the proxy's `/v1` URL, as ``CLIProxyTests/RunningProxy`` reports it.
    init(baseURL: String) {
        root = baseURL.hasSuffix("/v1") ? String(baseURL.dropLast(3)) : baseURL
    }

    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, json: String? = nil, csrf sendCSRF: Bool = true, headers: [(String, String)] = [],
        contentType: String = "application/json"
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: root + path)
        request.method = method
        if let cookie { request.headers.add(name: "cookie", value: cookie) }
        if sendCSRF, method != .GET, let csrf { request.headers.add(name: "x-csrf-token", value: csrf) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "content-type", value: contentType)
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 8 << 20))
        let answer = Answer(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
        if let set = answer.header("set-cookie"), let pair = set.split(separator: ";").first {
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        if let token = answer.json?["csrf_token"]?.stringValue { csrf = token }
        return answer
    }

    /// Signs in with a password; the answer (200 with the session, or the refusal).
    @discardableResult
    func signIn(_ email: String, _ password: String) async throws -> Answer {
        try await call(.POST, "/api/v1/session", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
    }

    /// Sets `email`'s password with `brokle users passwd` (on stdin).
    static func setPassword(_ email: String, _ password: String, environment: [String: String] = [:], in folder: URL) async throws {
        let file = folder.appendingPathComponent("password-\(UUID().uuidString)")
        try Data(password.utf8).write(to: file)
        let result = try await BrokleBinary.run(["users", "passwd", email], environment: environment, in: folder, stdin: file)
        try? FileManager.default.removeItem(at: file)
        guard result.status == 0 else { throw DashboardTestError.command(result.stderr) }
    }

    /// A one-time link's token from `brokle ui link`.
    static func linkToken(_ email: String, environment: [String: String] = [:], in folder: URL) async throws -> String {
        let result = try await BrokleBinary.run(["ui", "link", "--email", email], environment: environment, in: folder)
        guard result.status == 0, let url = try result.lines().first?["url"]?.stringValue, let hash = url.range(of: "#link=") else {
            throw DashboardTestError.command(result.stderr)
        }
        return String(url[hash.upperBound...])
    }
}

enum DashboardTestError: Error {
    case command(String)
}
