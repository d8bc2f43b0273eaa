import Foundation

extension IsolationForest {
    /// The Euler–Mascheroni constant γ (numpy's `np.euler_gamma`).
    static let eulerGamma = 0.5772156649015329

    /// c(n): the average path length of an unsuccessful search in a binary search tree of `n` points, which is
    /// how much deeper a leaf holding `n` training rows would have grown (Liu, Ting & Zhou 2008, eq. 1).
    ///
    /// c(n) = 2 H(n − 1) − 2 (n − 1) / n with H(i) ≈ ln i + γ; c(0) = c(1) = 0 and c(2) = 1, as scikit-learn's
    /// `_average_path_length`.
    static func averagePathLength(_ n: Int) -> Double {
        switch n {
        case ...1: return 0
        case 2: return 1
        default:
            let count = Double(n)
            return 2 * (log(count - 1) + eulerGamma) - 2 * (count - 1) / count
        }
    }
}
