/// Why a ``SampleGenerator`` could not write its output.
public enum SampleGeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A configuration value is out of range; the text says which and why.
    case invalidConfiguration(String)
    /// The output file at this path could not be created.
    case cannotCreateFile(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid sample configuration: \(reason)"
        case .cannotCreateFile(let path): "cannot create file \(path)"
        }
    }
}
