import Crypto
public import Foundation
import JWTKit
import Shared

/// Signs and verifies access tokens (JWT, HS256 only) and makes refresh tokens.
///
/// A token whose header names another algorithm (`none` included), whose signature does not verify, or
/// whose `exp` has passed is refused.
public struct TokenIssuer: Sendable {
    private let keys: JWTKeyCollection
    private let verified = VerifiedTokenCache()
    /// Access token lifetime.
    public let accessLifetime: Duration

    /// Creates an issuer with the HMAC `secret` (at least 32 bytes).
    public init(secret: String, accessLifetime: Duration) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.accessLifetime = accessLifetime
    }

    /// A signed access token for `user`, valid from `now` for ``accessLifetime``.
    public func accessToken(for user: AuthenticatedUser, now: Date = Date()) async throws -> String {
        let claims = AccessClaims(
            sub: .init(value: String(user.id)),
            name: user.username,
            iat: .init(value: now),
            exp: .init(value: now.addingTimeInterval(accessLifetime.inSeconds)),
            typ: "access"
        )
        return try await keys.sign(claims)
    }

    /// The user of a valid access token.
    ///
    /// - Throws: ``APIError`` 401 saying why the token was refused.
    public func verify(_ token: String) async throws(APIError) -> AuthenticatedUser {
        if let user = verified.user(for: token) { return user }
        let claims: AccessClaims
        do {
            claims = try await keys.verify(token, as: AccessClaims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw APIError.unauthorized("the access token has expired or is not an access token; use POST /refresh")
        } catch {
            throw APIError.unauthorized("the access token is not valid")
        }
        guard let id = Int64(claims.sub.value) else { throw APIError.unauthorized("the access token is not valid") }
        let user = AuthenticatedUser(id: id, username: claims.name)
        verified.insert(token, user: user, expires: claims.exp.value)
        return user
    }

    /// A new refresh token (`rt_` and 43 base64url characters of 32 random bytes) and the SHA-256 hex stored
    /// in its place.
    public static func refreshToken() -> (token: String, sha256: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "rt_" + Data(bytes).base64URLEncodedString
        return (token, sha256(token))
    }

    /// SHA-256 hex of a refresh token, as stored.
    public static func sha256(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
