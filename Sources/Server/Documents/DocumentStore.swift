import Synchronization

/// The snapshot being served. Reads take a lock for a pointer copy; a new run's snapshot replaces the old
/// one whole, so a response never mixes two runs.
public final class DocumentStore: Sendable {
    private let snapshot = Mutex<DocumentSnapshot?>(nil)

    /// Creates an empty store (every document route answers 503 until a snapshot is loaded).
    public init() {}

    /// The snapshot served now, if any.
    public var current: DocumentSnapshot? {
        snapshot.withLock { $0 }
    }

    /// Serves `new` from now on.
    public func replace(with new: DocumentSnapshot) {
        snapshot.withLock { $0 = new }
    }
}
