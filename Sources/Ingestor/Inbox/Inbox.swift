import Foundation

/// The folders of the nightly scan: files waiting in the inbox, loaded files moved to the archive, refused
/// files moved to the failed folder with a `NAME.reason` file beside them.
///
/// A file is moved only after its load committed (or was refused), so a scan that dies leaves it in the inbox
/// and the next scan loads it, or finds it already loaded (by its SHA-256) and archives it. A file whose loads
/// keep ending without an outcome (a crash, a kill, an error that stops the scan) is moved to the failed folder
/// after ``maximumUnfinishedLoads`` of them (see ``beginLoad(_:scan:now:)``), so it cannot hold up the files after it.
public struct Inbox: Sendable {
    /// Where new files arrive.
    public var inbox: String
    /// Where loaded files go.
    public var archive: String
    /// Where refused files go.
    public var failed: String

    /// Why a folder could not be used.
    public struct FolderError: Error, Sendable, CustomStringConvertible {
        /// The folder.
        public var path: String
        /// What went wrong.
        public var reason: String

        /// The reason, naming the file.
        public var description: String { "\(path): \(reason)" }
    }

    /// Creates the folders' description.
    public init(inbox: String, archive: String, failed: String) {
        self.inbox = inbox
        self.archive = archive
        self.failed = failed
    }

    /// The regular files waiting in the inbox, by name. Hidden files and names ending in `.part`, `.tmp` or
    /// `.partial` (uploads in progress) are left alone.
    ///
    /// - Throws: ``FolderError`` when the inbox cannot be read.
    public func pendingFiles() throws(FolderError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: inbox)
        } catch {
            throw FolderError(path: inbox, reason: "cannot read the inbox: \(error.localizedDescription)")
        }
        return names.sorted()
            .filter { name in
                guard !name.hasPrefix("."), ![".part", ".tmp", ".partial"].contains(where: { name.hasSuffix($0) })
                else { return false }
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path(inbox, name), isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            .map { path(inbox, $0) }
    }

    /// Moves `file` into the archive; returns its new path.
    public func archive(_ file: String) throws(FolderError) -> String {
        try move(file, to: archive)
    }

    /// Moves `file` into the failed folder and writes `reason` beside it as `NAME.reason`; returns the new path.
    public func fail(_ file: String, reason: String) throws(FolderError) -> String {
        let moved = try move(file, to: failed)
        do {
            try Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: moved + ".reason"), options: .atomic)
        } catch {
            throw FolderError(path: moved + ".reason", reason: "cannot write the reason: \(error.localizedDescription)")
        }
        return moved
    }

    /// Moves `file` into `folder` (created if missing) under its own name, or `NAME.1`, `NAME.2`, … when that
    /// name is taken, so an earlier file is never overwritten.
    private func move(_ file: String, to folder: String) throws(FolderError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FolderError(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let name = (file as NSString).lastPathComponent
        var target = path(folder, name)
        var suffix = 0
        while FileManager.default.fileExists(atPath: target)
            || FileManager.default.fileExists(atPath: target + ".reason")
        {
            suffix += 1
            target = path(folder, "\(name).\(suffix)")
        }
        do {
            try FileManager.default.moveItem(atPath: file, toPath: target)
        } catch {
            throw FolderError(path: file, reason: "cannot move it to \(folder): \(error.localizedDescription)")
        }
        removeAttemptRecord(of: file)
        return target
    }

    private func path(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}
