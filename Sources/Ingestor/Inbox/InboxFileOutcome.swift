/// What a nightly scan did with one inbox file (`finrca scan`'s summary and its `--json`).
public enum InboxFileOutcome: String, Sendable, Codable, CaseIterable {
    /// Its rows are stored; the file is in the archive.
    case loaded
    /// The same bytes were loaded earlier; nothing was stored; the file is in the archive.
    case duplicate
    /// Refused (unreadable, unmapped, too many rejected rows) or set aside after loads that never finished; the
    /// file is in the failed folder with its reason.
    case failed

    /// The outcome of a load that stored the file or found it loaded before (a refused file is ``failed``).
    public init(_ status: IngestReport.Status) {
        switch status {
        case .loaded: self = .loaded
        case .duplicate: self = .duplicate
        case .rejected: self = .failed
        }
    }
}
