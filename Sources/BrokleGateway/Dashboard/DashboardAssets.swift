import Hummingbird
import NIOCore

/// The dashboard's files, compiled into the binary (`Assets/`): one page, its style sheet and its
/// scripts (ES modules, one per page) — no build step, no CDN, nothing fetched from elsewhere.
enum DashboardAssets {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    static let files: [String: Asset] = [
        "index.html": Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8"),
        "app.css": Asset(bytes: PackageResources.app_css, contentType: "text/css; charset=utf-8"),
        "api.js": script(PackageResources.api_js),
        "app.js": script(PackageResources.app_js),
        "audit.js": script(PackageResources.audit_js),
        "cache.js": script(PackageResources.cache_js),
        "conversation.js": script(PackageResources.conversation_js),
        "dom.js": script(PackageResources.dom_js),
        "keys.js": script(PackageResources.keys_js),
        "limits.js": script(PackageResources.limits_js),
        "members.js": script(PackageResources.members_js),
        "overview.js": script(PackageResources.overview_js),
        "people.js": script(PackageResources.people_js),
        "policies.js": script(PackageResources.policies_js),
        "traces.js": script(PackageResources.traces_js),
    ]

    static func script(_ bytes: [UInt8]) -> Asset { Asset(bytes: bytes, contentType: "text/javascript; charset=utf-8") }

    /// The file `name`, or nil.
    static func response(_ name: String) -> Response? {
        guard let asset = files[name] else { return nil }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
