/// What a chat question asks about, and so which precomputed results answer it.
public enum ChatIntent: String, Sendable, Hashable, Codable, CaseIterable {
    /// Findings of the latest detector run: how many, how severe, which kinds, the top ones.
    case anomaly
    /// Journal lines flagged by the statistical pass and the Isolation Forest.
    case outlier
    /// Flagged changes of spend between periods.
    case trend
    /// Root-cause analysis of the latest change (variance bridges, root-cause set).
    case rca
    /// Exploratory summary: totals, lines, fiscal years, distinct counts.
    case summary
    /// Spend of two periods side by side and their exact difference.
    case comparison
    /// A chart.
    case visualization
    /// Anything else: what the chat can do, with the headline figures.
    case general
}
