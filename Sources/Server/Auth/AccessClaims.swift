import JWTKit

/// The claims of an access token: subject (user id), name, issue and expiry times, and `typ: access`.
struct AccessClaims: JWTPayload {
    var sub: SubjectClaim
    var name: String
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
