import PostgresNIO

/// Collects bind values while a statement is assembled from allow-listed pieces; each value becomes `$n`.
struct PostgresBindingsBuilder {
    private(set) var bindings = PostgresBindings()

    /// Binds `value` and returns its placeholder.
    mutating func add(_ value: Int32) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds `value` and returns its placeholder.
    mutating func add(_ value: String) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds `value` and returns its placeholder.
    mutating func add(_ value: Int64) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }
}
