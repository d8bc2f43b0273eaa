import ArgumentParser
import Detector
import Foundation
import Shared

/// `finrca iforest`: fits an Isolation Forest on one numeric CSV file and writes the anomaly scores of another.
struct IForestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iforest",
        abstract: "Fit an Isolation Forest on a numeric CSV file and write one anomaly score per row of another.",
        discussion: """
            Input: plain numeric CSV, one row per observation, no label column; a first line with a \
            non-numeric field is a header and is skipped. Output: one score per line of --test, in (0, 1], \
            higher = more anomalous, in full double precision. The same files and --seed always give the same \
            scores, whatever the number of cores. A one-line timing summary goes to stderr.

            Exit codes: 0 scores written; 1 usage error or --out cannot be written; 2 an input file was refused.
            """
    )

    @Option(name: .long, help: "Training rows: numeric CSV.")
    var train: String

    @Option(name: .long, help: "Rows to score: numeric CSV with the training file's columns.")
    var test: String

    @Option(name: .long, help: "Output file: one score per line.")
    var out: String

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64

    @Option(name: .long, help: "Number of trees.")
    var trees: Int = 100

    @Option(name: .long, help: "Training rows drawn (without replacement) per tree; capped at the number of rows.")
    var subsample: Int = 256

    func validate() throws {
        guard trees > 0 else { throw ValidationError("--trees must be positive") }
        guard subsample > 0 else { throw ValidationError("--subsample must be positive") }
    }

    func run() async throws {
        let trainingData = try read(train)
        let testData = test == train ? trainingData : try read(test)
        guard trainingData.rows > 0 else { throw refused("\(train) has no data rows") }
        guard testData.columns == trainingData.columns else {
            throw refused("\(test) has \(testData.columns) columns, \(train) has \(trainingData.columns)")
        }

        let clock = ContinuousClock()
        let fitStart = clock.now
        let forestConfiguration = IsolationForestConfiguration(trees: trees, subsampleSize: subsample, seed: seed)
        let forest = await IsolationForest.fit(trainingData, configuration: forestConfiguration)
        let scoreStart = clock.now
        let scores = await forest.scores(testData)
        let scoreEnd = clock.now

        do {
            try CSVMatrix.write(FeatureMatrix(rows: scores.count, columns: 1, values: scores), path: out)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let fitSeconds = Self.seconds(scoreStart - fitStart)
        let scoreSeconds = Self.seconds(scoreEnd - scoreStart)
        FileHandle.standardError.write(
            Data(
                """
                finrca iforest: fit \(fitSeconds) s, score \(scoreSeconds) s (\(trees) trees, \
                subsample \(forest.sampleSize), train \(trainingData.rows)×\(trainingData.columns), \
                test \(testData.rows)×\(testData.columns))\n
                """
                .utf8
            )
        )
    }

    /// The matrix in `path`, or the reason on stderr and exit code 2.
    private func read(_ path: String) throws -> FeatureMatrix {
        do {
            return try CSVMatrix.read(path: path)
        } catch {
            throw refused("\(error)")
        }
    }

    /// Prints `message` and returns the exit for refused input.
    private func refused(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(ExitStatus.dataRejected)
    }

    /// `duration` in seconds with microsecond resolution.
    private static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        return String(format: "%.6f", Double(whole) + Double(attoseconds) * 1e-18)
    }
}
