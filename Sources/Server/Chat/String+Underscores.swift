extension String {
    /// `statistical_outlier` → `statistical outlier`.
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
