import Foundation
import Synchronization

/// Access tokens already verified, with their user and expiry, so that a client's repeated requests skip the
/// signature check (and the hop to jwt-kit's key-collection actor, which all requests would otherwise share).
/// An entry is used only before its token's `exp`; the cache is emptied when it reaches `capacity`.
final class VerifiedTokenCache: Sendable {
    private struct Entry {
        var user: AuthenticatedUser
        var expires: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The user of `token` if it was verified before and has not expired at `now`.
    func user(for token: String, now: Date = Date()) -> AuthenticatedUser? {
        entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.expires > now else {
                entries[token] = nil
                return nil
            }
            return entry.user
        }
    }

    /// Remembers a verified token.
    func insert(_ token: String, user: AuthenticatedUser, expires: Date) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(user: user, expires: expires)
        }
    }
}
