import Foundation

@testable import Detector

/// Small data sets for the Isolation Forest tests.
enum IsolationForestFixtures {
    /// `count` points of a standard 2-D Gaussian blob (Box–Muller over a fixed random stream), row-major.
    static func gaussianBlob(count: Int, seed: UInt64) -> [Double] {
        var randomness = TreeRandomness(forestSeed: seed, tree: 0)
        var values: [Double] = []
        for _ in 0..<count {
            let radius = (-2 * log(1 - randomness.unit())).squareRoot()
            let angle = 2 * Double.pi * randomness.unit()
            values += [radius * cos(angle), radius * sin(angle)]
        }
        return values
    }

    /// The blob of `count` points with one more point, far outside it, as the last row.
    static func blobWithOutlier(count: Int) -> FeatureMatrix {
        FeatureMatrix(rows: count + 1, columns: 2, values: gaussianBlob(count: count, seed: 7) + [6, -6])
    }
}
