public import Foundation

extension Inbox {
    /// How many loads of one file may end without an outcome (the process crashed, was killed, or the scan
    /// stopped on an error) before the next scan moves the file to the failed folder instead of loading it.
    public static let maximumUnfinishedLoads = 2

    /// The record of the loads of one inbox file that began and have not ended yet, kept beside it as
    /// `.NAME.attempts` (a hidden file, which scans skip). It is written before a load begins, so it survives a
    /// crash, and removed when the file leaves the inbox.
    public struct AttemptRecord: Codable, Sendable, Equatable {
        /// One load that began.
        public struct Attempt: Codable, Sendable, Equatable {
            /// The scan that began it.
            public var scan: String
            /// When it began (ISO 8601).
            public var began: String
            /// The error that stopped the scan, when the scan lived to record it; nil after a crash or a kill.
            public var error: String?
        }

        /// The file's size when the record was started; a different size means a new file of the same name.
        public var size: Int
        /// Its modification time (seconds since 1970), for the same purpose.
        public var modified: Double
        /// The loads that began, oldest first.
        public var attempts: [Attempt]
    }

    /// A file moved to the failed folder because its loads never finished.
    public struct SetAside: Sendable, Equatable {
        /// Where it is now.
        public var movedTo: String
        /// Why (also in `NAME.reason` beside it).
        public var reason: String
    }

    /// Records that a load of `file` begins, unless earlier loads of the same file already ended without an
    /// outcome ``maximumUnfinishedLoads`` times: then the file is moved to the failed folder with a reason naming
    /// those attempts instead.
    ///
    /// - Returns: nil when the load may go ahead; where the file went and why when it was set aside.
    /// - Throws: ``FolderError`` when the record cannot be written or the file cannot be moved.
    public func beginLoad(_ file: String, scan: String, now: Date = Date()) throws(FolderError) -> SetAside? {
        let (size, modified) = try facts(file)
        var record =
            attemptRecord(file).flatMap { $0.size == size && $0.modified == modified ? $0 : nil }
            ?? AttemptRecord(size: size, modified: modified, attempts: [])
        if record.attempts.count >= Self.maximumUnfinishedLoads {
            let reason = Self.unfinishedReason(record)
            return SetAside(movedTo: try fail(file, reason: reason), reason: reason)
        }
        record.attempts.append(.init(scan: scan, began: ISO8601DateFormatter().string(from: now)))
        try write(record, for: file)
        return nil
    }

    /// Notes on the current attempt the error that stopped the scan while it loaded `file`. Best effort: the
    /// error is being reported anyway, and the attempt already counts.
    public func loadStopped(_ file: String, error: String) {
        guard var record = attemptRecord(file), !record.attempts.isEmpty else { return }
        record.attempts[record.attempts.count - 1].error = error
        try? write(record, for: file)
    }

    /// Forgets the current attempt (the scan stopped for a reason that is not the file's, e.g. the database
    /// went away), so it does not count against the file.
    public func withdrawLoad(_ file: String) {
        guard var record = attemptRecord(file), !record.attempts.isEmpty else { return }
        record.attempts.removeLast()
        if record.attempts.isEmpty {
            removeAttemptRecord(of: file)
        } else {
            try? write(record, for: file)
        }
    }

    /// The attempt record of `file`, if there is a readable one.
    public func attemptRecord(_ file: String) -> AttemptRecord? {
        guard let data = FileManager.default.contents(atPath: attemptPath(file)) else { return nil }
        return try? JSONDecoder().decode(AttemptRecord.self, from: data)
    }

    /// Removes the attempt record of `file` (it left the inbox).
    func removeAttemptRecord(of file: String) {
        try? FileManager.default.removeItem(atPath: attemptPath(file))
    }

    static func unfinishedReason(_ record: AttemptRecord) -> String {
        var lines = [
            "\(record.attempts.count) loads of this file began and never finished (the scan crashed, was killed, "
                + "or stopped on an error); it was moved aside so the files after it are loaded"
        ]
        for (index, attempt) in record.attempts.enumerated() {
            lines.append(
                "attempt \(index + 1): scan \(attempt.scan) at \(attempt.began): "
                    + (attempt.error.map { "stopped on \($0)" } ?? "the process ended without a result")
            )
        }
        return lines.joined(separator: "\n")
    }

    private func attemptPath(_ file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return (folder as NSString).appendingPathComponent("." + (file as NSString).lastPathComponent + ".attempts")
    }

    private func facts(_ file: String) throws(FolderError) -> (Int, Double) {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return (size, modified)
        } catch {
            throw FolderError(path: file, reason: "cannot read its size and time: \(error.localizedDescription)")
        }
    }

    private func write(_ record: AttemptRecord, for file: String) throws(FolderError) {
        let path = attemptPath(file)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(record).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FolderError(path: path, reason: "cannot write the load attempt record: \(error.localizedDescription)")
        }
    }
}
