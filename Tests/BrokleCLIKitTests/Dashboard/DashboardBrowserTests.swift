import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The dashboard in headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium
/// from `Tests/python/dashboard_browser_check.py`): a one-time link signs in, the overview's total
/// is the cost report's, a prompt holding markup shows as text and runs nothing, the live tail
/// shows a new request within 2 s, end users, sessions and providers are listed, an admin creates
/// a key whose secret shows once and a viewer cannot create one, no Content-Security-Policy
/// violation, sign-out ends the session. Screenshots of each page go to `.build/test-output/dashboard/`. Required in CI
/// (`.ci/run` installs the browser and sets BROKLE_REQUIRE_BROWSER).
@Suite struct DashboardBrowserTests {
    static var browserAvailable: Bool {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: "/usr/bin/chromium"), files.isExecutableFile(atPath: "/usr/bin/chromedriver") else {
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import selenium"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let markup = "Look: <img src=x onerror=alert(1)> and <script>window.__brokle_xss = 1</script> done"

    @Test(.enabled(if: browserAvailable || ProcessInfo.processInfo.environment["BROKLE_REQUIRE_BROWSER"] == "1"))
    func theDashboardWorksInARealBrowser() async throws {
        #expect(Self.browserAvailable, "apt-get install -y chromium chromium-driver && pip install selenium")
        let proxy = try await CLIProxyTests.RunningProxy(environment: ["BROKLE_LOG_CONTENT": "full"])
        let api = DashboardAPITests()
        let hostile = try await api.chat(proxy, prompt: Self.markup)
        for index in 0..<2 {
            _ = try await api.chat(
                proxy, prompt: "plain question \(index)", headers: [("x-brokle-user", "ada"), ("x-brokle-session", "conv-1")])
        }
        try await api.waitForTraces(3, ["--org", "acme"], environment: [:], in: proxy.folder)
        let report = try await BrokleBinary.run(["cost", "report", "--org", "acme", "--since", "24h"], in: proxy.folder)
        let requests = try #require(try report.lines().last?["total"]?["requests"]?.intValue)
        let token = try await DashboardClient.linkToken("admin@acme.test", in: proxy.folder)
        let viewerToken = try await DashboardClient.linkToken("viewer@acme.test", in: proxy.folder)

        try await CLIProxyTests.runPythonCheck(
            "dashboard_browser_check.py",
            environment: [
                "BROKLE_UI_ROOT": DashboardClient(baseURL: proxy.baseURL).root, "BROKLE_LINK_TOKEN": token,
                "BROKLE_VIEWER_LINK_TOKEN": viewerToken, "BROKLE_ORG": "acme",
                "BROKLE_EXPECT_REQUESTS": String(requests), "BROKLE_XSS_TRACE": hostile, "BROKLE_XSS_TEXT": Self.markup,
                "BROKLE_KEY": proxy.key,
                "BROKLE_SCREENSHOTS": Repository.root.appendingPathComponent(".build/test-output/dashboard").path,
            ], checks: 18)
        #expect(try await proxy.stop() == 0)
    }
}
