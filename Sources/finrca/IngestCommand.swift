import ArgumentParser
import Foundation
import Ingestor
import Logging
import PostgresNIO
import Shared

/// `finrca ingest FILE…`: loads extracts into `finance_expense`, one atomic batch per file.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load CSV / ERP extracts into PostgreSQL (atomic and idempotent per file).",
        discussion: """
            Each file becomes one batch in ingest_batches: all of its valid rows are stored or none are. \
            Loading the same bytes again changes nothing and says so. Invalid rows are stored in ingest_rejects \
            with line, column and reason; when their share exceeds ingest.max_reject_share (default 1 %) \
            nothing of the file is loaded.

            Profiles: finance_expense (the 31-column layout), sap (BUKRS, GJAHR, MONAT, HKONT, SHKZG, DMBTR, …), \
            or NAME for NAME.yaml in ingest.mappings_dir (config/mappings ships newcastle and darlington).

            Exit codes: 0 all loaded (or already loaded); 2 a file was refused; 3 database unavailable; \
            4 loaded, but some rows were rejected; 1 usage or configuration error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Files to load, in order.")
    var files: [String]

    @Option(name: .long, help: "Mapping profile: finance_expense, sap, or a name in ingest.mappings_dir.")
    var profile: String?

    @Option(name: .long, help: "A YAML mapping file (instead of --profile).")
    var mapping: String?

    @Flag(name: .long, help: "Replace the latest loaded batch of a file with the same name, atomically.")
    var replace = false

    @Flag(name: .long, help: "Print one JSON object per file on stdout instead of the text summary.")
    var json = false

    func validate() throws {
        if profile != nil && mapping != nil { throw ValidationError("give --profile or --mapping, not both") }
        if files.isEmpty { throw ValidationError("name at least one file") }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        let mappingProfile: MappingProfile
        do {
            mappingProfile = try MappingProfile.load(
                nameOrPath: mapping ?? profile ?? configuration.ingest.defaultProfile,
                directory: configuration.ingest.mappingsDirectory
            )
        } catch let error as MappingError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let exitCode = try await withExitCodes {
            try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                let loader = BatchLoader(configuration: configuration.ingest, logger: logger)
                var worst = ExitStatus.ok
                for file in files {
                    let code = try await ingest(file, profile: mappingProfile, loader: loader, on: connection)
                    if Self.severity(code) > Self.severity(worst) { worst = code }
                }
                return worst
            }
        }
        if exitCode != .ok { throw ExitCode(exitCode) }
    }

    /// Orders outcomes for the process exit code: a refused file outweighs rejected rows, which outweigh success.
    private static func severity(_ code: ExitStatus) -> Int {
        switch code {
        case .ok: 0
        case .partiallyRejected: 1
        default: 2
        }
    }

    private func ingest(
        _ file: String,
        profile: MappingProfile,
        loader: BatchLoader,
        on connection: PostgresConnection
    ) async throws -> ExitStatus {
        let progress = ProgressLine(enabled: !json && isatty(STDERR_FILENO) == 1, file: file)
        do {
            let report = try await loader.load(
                .init(path: file, profile: profile, replace: replace),
                on: connection,
                progress: { progress.update($0) }
            )
            progress.clear()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(IngestSummary.render(report))
            }
            switch report.status {
            case .loaded: return report.rowsRejected > 0 ? .partiallyRejected : .ok
            case .duplicate: return .ok
            case .rejected: return .dataRejected
            }
        } catch let error as IngestFileError {
            progress.clear()
            printError(error.description)
            return .dataRejected
        } catch let error as MappingError {
            progress.clear()
            printError("\(file): \(error.description)")
            return .dataRejected
        }
    }
}

/// A single self-overwriting progress line on a terminal: rows, MB/s and percent of the file.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let file: String

    init(enabled: Bool, file: String) {
        self.enabled = enabled
        self.file = (file as NSString).lastPathComponent
    }

    func update(_ progress: BatchLoader.Progress) {
        guard enabled else { return }
        let megabytes = Double(progress.bytesRead) / 1_000_000
        let rate = progress.elapsedSeconds > 0 ? megabytes / progress.elapsedSeconds : 0
        let percent = progress.fileSize > 0 ? 100 * Double(progress.bytesRead) / Double(progress.fileSize) : 100
        let line = String(
            format: "\r%@  %@ rows  %.1f MB/s  %3.0f%%",
            file,
            IngestSummary.grouped(progress.rowsRead),
            rate,
            percent
        )
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
