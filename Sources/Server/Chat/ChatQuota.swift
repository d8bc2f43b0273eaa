import Foundation
import Shared
import Synchronization

/// Per-user sliding windows of accepted chat messages: at most ``ChatLimits/messagesPerHour`` in any hour and
/// ``ChatLimits/messagesPerDay`` in any 24 hours. Held in memory by the serving process, so deleting rooms or
/// messages does not give a user more; a restart starts every window afresh.
final class ChatQuota: Sendable {
    /// Whether a message may be answered.
    enum Decision: Sendable, Hashable {
        /// Yes; it now counts against the user's windows.
        case admitted
        /// No; the user may send again after this many seconds.
        case refused(retryAfter: Int)
    }

    private let limits: ChatLimits
    /// User id → times (seconds) of the messages accepted in the last 24 hours, oldest first.
    private let sent = Mutex<[Int64: [Double]]>([:])

    /// Creates a quota enforcing `limits`.
    init(limits: ChatLimits) {
        self.limits = limits
    }

    /// Admits a message of `user` at `now` (seconds on any steady clock) if both windows have room, and
    /// records it; otherwise says when the earliest window frees a slot.
    func admit(user: Int64, at now: Double = Date().timeIntervalSince1970) -> Decision {
        sent.withLock { sent in
            var times = sent[user, default: []].filter { $0 > now - 86_400 }
            let lastHour = times.filter { $0 > now - 3_600 }
            var wait = 0.0
            if lastHour.count >= limits.messagesPerHour {
                wait = max(wait, lastHour[lastHour.count - limits.messagesPerHour] + 3_600 - now)
            }
            if times.count >= limits.messagesPerDay {
                wait = max(wait, times[times.count - limits.messagesPerDay] + 86_400 - now)
            }
            guard wait <= 0 else {
                sent[user] = times
                return .refused(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            times.append(now)
            sent[user] = times
            return .admitted
        }
    }
}
