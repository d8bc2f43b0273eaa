extension ChangeExplanation {
    /// The root-cause search's table of the `ordered` leaves (``leafDimensions`` codes), with each leaf's spend in
    /// the period explained (`actual`) and its base (`expected`).
    ///
    /// Each dimension's values are coded in the order they first appear among the leaves, a leaf without a value
    /// named "(none)": the table that ``RootCauseTable/init(dimensions:rows:actual:expected:actualDenominator:expectedDenominator:)``
    /// makes of the leaves' names, but each distinct code is named and looked up once, not once per leaf.
    static func table(
        of ordered: [Leaf],
        columns: LedgerColumns,
        actual: [Double],
        expected: [Double]
    ) throws -> RootCauseTable {
        var codes: [[Int32]] = []
        var dictionaries: [[String]] = []
        for (position, dimension) in leafDimensions.enumerated() {
            let dictionary = columns.dictionary(dimension)
            var codeOfLeafCode: [Int32: Int32] = [:]
            var codeOfName: [String: Int32] = [:]
            var names: [String] = []
            codes.append(
                ordered.map { leaf in
                    if let code = codeOfLeafCode[leaf[position]] { return code }
                    let name = dictionary.value(leaf[position]) ?? "(none)"
                    let code = codeOfName[name] ?? Int32(names.count)
                    if code == names.count {
                        codeOfName[name] = code
                        names.append(name)
                    }
                    codeOfLeafCode[leaf[position]] = code
                    return code
                }
            )
            dictionaries.append(names)
        }
        return try RootCauseTable(
            dimensions: leafDimensions.map(\.rawValue),
            codes: codes,
            dictionaries: dictionaries,
            actual: actual,
            expected: expected
        )
    }
}
