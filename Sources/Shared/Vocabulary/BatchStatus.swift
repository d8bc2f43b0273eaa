/// Where a loaded file's batch is in its life (`ingest_batches.status`).
///
/// loading → loaded | rejected | duplicate | aborted; a loaded batch can later become replaced.
public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    /// Being loaded; its session holds the batch's advisory lock.
    case loading
    /// Its rows are stored.
    case loaded
    /// Refused: unreadable, a bad header, or too many rejected rows; nothing of it is stored.
    case rejected
    /// The same bytes were loaded before; nothing was stored.
    case duplicate
    /// The loading process ended before COMMIT; nothing of it is stored.
    case aborted
    /// Its rows were replaced by a later batch of the same file name.
    case replaced
}
