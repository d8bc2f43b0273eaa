import JWTKit

/// The claims of an access token: subject (user id), name, role, issue and expiry times, and `typ: access`.
/// Tokens issued before roles existed have no `role` and are read as `viewer`.
struct AccessClaims: JWTPayload {
    var sub: SubjectClaim
    var name: String
    var role: String?
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var typ: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard typ == "access" else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "not an access token")
        }
    }
}
