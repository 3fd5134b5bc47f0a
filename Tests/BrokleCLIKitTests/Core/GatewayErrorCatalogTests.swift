@testable import BrokleCore
import Testing

/// The named errors keep the statuses and codes clients and dashboards already rely on.
@Suite struct GatewayErrorCatalogTests {
    @Test func namedErrorsKeepTheirWireValues() {
        #expect(
            GatewayError.internalError
                == GatewayError(status: 500, type: "api_error", code: "internal_error", message: "Internal gateway error."))
        #expect(
            GatewayError.missingParameter("model")
                == GatewayError(
                    status: 400, type: "invalid_request_error", code: "missing_required_parameter", message: "'model' is required.",
                    param: "model"
                ))
        #expect(GatewayError.upstreamStreamBroken().code == "upstream_stream_broken")
        #expect(GatewayError.upstreamStreamBroken().message == "The provider's stream ended unexpectedly.")
        #expect(GatewayError.upstreamInvalidResponse("g").status == 502)
        #expect(GatewayError.upstreamStreamError(code: "overloaded_error", message: nil).metricLabel == "overloaded_error")
    }

    @Test func routerErrorsTakeTheirTypeFromTheStatus() {
        #expect(
            GatewayError.http(status: 404, message: "x")
                == GatewayError(status: 404, type: "invalid_request_error", code: "not_found", message: "x"))
        #expect(GatewayError.http(status: 503, message: "x") == GatewayError(status: 503, type: "api_error", message: "x"))
    }
}
