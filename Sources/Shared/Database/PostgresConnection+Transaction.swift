public import Logging
public import PostgresNIO

/// How a transaction body wants its transaction to end, with the value it produced either way.
public enum TransactionEnd<Value: Sendable>: Sendable {
    /// Commit, then return the value.
    case commit(Value)
    /// Roll back, then return the value (a decision, not a failure: nothing is thrown).
    case rollBack(Value)
}

extension PostgresConnection {
    /// Runs `body` in one transaction (postgres-nio's `withTransaction`): commits when it returns
    /// ``TransactionEnd/commit(_:)``, rolls back when it returns ``TransactionEnd/rollBack(_:)`` or throws.
    ///
    /// - Throws: the error `body` threw, as it was (not wrapped), so callers can match their own error types;
    ///   `PostgresTransactionError` only when BEGIN, COMMIT or ROLLBACK themselves fail.
    public func transaction<Value: Sendable>(
        logger: Logger,
        _ body: (PostgresConnection) async throws -> TransactionEnd<Value>
    ) async throws -> Value {
        do {
            return try await withTransaction(logger: logger) { connection in
                switch try await body(connection) {
                case .commit(let value): return value
                case .rollBack(let value): throw RollBackRequest(value: value)
                }
            }
        } catch let error as PostgresTransactionError {
            if let request = error.closureError as? RollBackRequest<Value>, error.rollbackError == nil {
                return request.value
            }
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }
}

/// Carries a rolled-back transaction's value out of `withTransaction`, which rolls back only on a throw.
private struct RollBackRequest<Value: Sendable>: Error {
    var value: Value
}
