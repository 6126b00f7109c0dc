import Foundation

/// The API's OpenAPI 3 description, served at `/api/openapi.json` (a bundled resource).
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw StoreRefusal("openapi.json is missing from the bundle")
        }
        return try Data(contentsOf: url)
    }
}
