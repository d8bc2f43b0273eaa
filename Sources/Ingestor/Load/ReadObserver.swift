import Crypto
import Foundation
import Shared

/// Sees every block of a file as it is read: hashes it and reports progress at most ten times a second.
final class ReadObserver {
    private var hasher = SHA256()
    private(set) var bytesRead = 0
    private let fileSize: Int
    private let progress: (BatchLoader.Progress) -> Void
    private let started: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant
    /// Rows read so far, for the progress line.
    var countRows: () -> Int = { 0 }

    init(fileSize: Int, progress: @escaping (BatchLoader.Progress) -> Void, started: ContinuousClock.Instant) {
        self.fileSize = fileSize
        self.progress = progress
        self.started = started
        lastReport = started
    }

    func observe(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        bytesRead += bytes.count
        let now = ContinuousClock.now
        if now - lastReport > .milliseconds(100) {
            lastReport = now
            progress(
                .init(
                    bytesRead: bytesRead,
                    fileSize: fileSize,
                    rowsRead: countRows(),
                    elapsedSeconds: (now - started).inSeconds
                )
            )
        }
    }

    /// The SHA-256 of the bytes seen, lowercase hex.
    func digest() -> String {
        FileFacts.hex(hasher.finalize())
    }
}

/// What the loader reads from a file besides its rows: size, first bytes, SHA-256.
enum FileFacts {
    /// The size of a regular file.
    ///
    /// - Throws: ``IngestFileError`` when it is not a regular file or cannot be read.
    static func size(path: String) throws -> Int {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
                throw IngestFileError(file: path, line: 0, reason: "not a regular file")
            }
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as IngestFileError {
            throw error
        } catch {
            throw IngestFileError(file: path, line: 0, reason: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// The first 64 KiB of a file.
    static func head(path: String) throws -> [UInt8] {
        var source = try FileByteSource(path: path)
        defer { source.close() }
        var bytes = [UInt8](repeating: 0, count: 65_536)
        let count = try bytes.withUnsafeMutableBytes { try source.read(into: $0) }
        return Array(bytes.prefix(count))
    }

    /// The SHA-256 of a file, as lowercase hex.
    static func sha256(path: String) throws -> String {
        var source = try FileByteSource(path: path)
        defer { source.close() }
        var hasher = SHA256()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            block.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
