import Shared
import Foundation

/// Writes dashboard documents as `<directory>/run-<id>/<name>.json` and points `<directory>/latest` at them.
enum DashboardFiles {
    static func write(_ documents: [RunWriter.Document], runID: Int64, to directory: String) throws {
        let runDirectory = (directory as NSString).appendingPathComponent("run-\(runID)")
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        for document in documents {
            let path = (runDirectory as NSString).appendingPathComponent("\(document.name).json")
            try Data(document.content.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let latest = (directory as NSString).appendingPathComponent("latest")
        let temporary = latest + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: "run-\(runID)")
        guard rename(temporary, latest) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
