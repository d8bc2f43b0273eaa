import Foundation
import Testing

@testable import Ingestor

/// The attempt record that lets a scan tell a file whose loads never finish (the process crashed or was killed,
/// or an error stopped the scan) and move it aside after ``Inbox/maximumUnfinishedLoads`` of them.
@Suite("Inbox: loads that never finished")
struct InboxAttemptTests {
    final class Folders {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("inbox-\(UUID().uuidString)").path
        var inbox: Inbox { Inbox(inbox: root + "/inbox", archive: root + "/archive", failed: root + "/failed") }
        var file: String { root + "/inbox/bad.csv" }
        var record: String { root + "/inbox/.bad.csv.attempts" }

        init(contents: String = "a,b\n1,2\n") throws {
            try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    static let night = Date(timeIntervalSince1970: 1_796_608_800)  // 2026-12-07T02:00:00Z

    @Test("two loads that began and never ended: the third scan moves the file to failed/ with both attempts")
    func thirdScanSetsAside() throws {
        let folders = try Folders()
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s1", now: Self.night) == nil)
        #expect(try folders.inbox.pendingFiles() == [folders.file], "the record is hidden from the scan")
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s2", now: Self.night + 600) == nil)
        folders.inbox.loadStopped(folders.file, error: "IntegrityError(batch 7)")
        #expect(folders.inbox.attemptRecord(folders.file)?.attempts.map(\.scan) == ["s1", "s2"])

        let setAside = try #require(try folders.inbox.beginLoad(folders.file, scan: "s3", now: Self.night + 1200))
        #expect(setAside.movedTo == folders.root + "/failed/bad.csv")
        #expect(
            setAside.reason == """
                2 loads of this file began and never finished (the scan crashed, was killed, or stopped on an error); \
                it was moved aside so the files after it are loaded
                attempt 1: scan s1 at 2026-12-07T02:00:00Z: the process ended without a result
                attempt 2: scan s2 at 2026-12-07T02:10:00Z: stopped on IntegrityError(batch 7)
                """
        )
        let written = try String(contentsOfFile: folders.root + "/failed/bad.csv.reason", encoding: .utf8)
        #expect(written == setAside.reason + "\n")
        #expect(!FileManager.default.fileExists(atPath: folders.file))
        #expect(!FileManager.default.fileExists(atPath: folders.record))
    }

    @Test("a load that ends (archived or refused) forgets its attempts; a withdrawn attempt does not count")
    func finishedOrWithdrawn() throws {
        let folders = try Folders()
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s1") == nil)
        folders.inbox.withdrawLoad(folders.file)
        #expect(!FileManager.default.fileExists(atPath: folders.record))
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s2") == nil)
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s3") == nil)
        folders.inbox.withdrawLoad(folders.file)
        #expect(folders.inbox.attemptRecord(folders.file)?.attempts.count == 1)
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s4") == nil)
        _ = try folders.inbox.archive(folders.file)
        #expect(!FileManager.default.fileExists(atPath: folders.record))
        #expect(FileManager.default.fileExists(atPath: folders.root + "/archive/bad.csv"))
    }

    @Test("a new file under the same name starts with no attempts")
    func replacedFile() throws {
        let folders = try Folders()
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s1") == nil)
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s2") == nil)
        try Data("a,b\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: folders.file))
        #expect(try folders.inbox.beginLoad(folders.file, scan: "s3") == nil)
        #expect(folders.inbox.attemptRecord(folders.file)?.attempts.map(\.scan) == ["s3"])
    }
}
