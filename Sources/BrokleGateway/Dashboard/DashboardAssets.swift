import Hummingbird
import NIOCore

/// The dashboard's files, compiled into the binary (`Assets/`): one page, one script, one style
/// sheet — no build step, no CDN, nothing fetched from elsewhere.
enum DashboardAssets {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    static let files: [String: Asset] = [
        "index.html": Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8"),
        "app.js": Asset(bytes: PackageResources.app_js, contentType: "text/javascript; charset=utf-8"),
        "app.css": Asset(bytes: PackageResources.app_css, contentType: "text/css; charset=utf-8"),
    ]

    /// The file `name`, or nil.
    static func response(_ name: String) -> Response? {
        guard let asset = files[name] else { return nil }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
