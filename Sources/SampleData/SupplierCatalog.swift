import Shared

/// About 2000 Indonesian-style supplier names, drawn by a Zipf distribution over their rank.
///
/// A few names contain a comma (`PT Maju Jaya, Tbk`) and one contains double quotes (`CV "Sinar" Abadi`),
/// at ranks used often enough that every sizeable sample exercises CSV quoting.
struct SupplierCatalog: Sendable {
    static let count = 2000
    static let zipfExponent = 1.1

    /// Names by popularity rank: index 0 is the most used supplier.
    let names: [String]
    let fields: [CSVField]
    let sampler: WeightedSampler

    init(using generator: inout SeededGenerator) {
        var names: [String] = []
        var seen: Set<String> = []
        while names.count < Self.count {
            let name = Self.name(atRank: names.count, using: &generator)
            if seen.insert(name).inserted {
                names.append(name)
            }
        }
        self.names = names
        self.fields = names.map(CSVField.init)
        self.sampler = WeightedSampler.zipf(count: Self.count, exponent: Self.zipfExponent)
    }

    private static let listedCompanyRanks: Set<Int> = [2, 11, 37]
    private static let quotedNameRank = 6

    private static func name(atRank rank: Int, using generator: inout SeededGenerator) -> String {
        let pair = generator.nextDistinctIndices(2, below: words.count)
        let first = words[pair[0]]
        var second = words[pair[1]]
        if generator.nextBool(probability: 0.3) {
            second += " " + words[generator.nextIndex(below: words.count)]
        }
        if listedCompanyRanks.contains(rank) {
            return "PT \(first) \(second), Tbk"
        }
        if rank == quotedNameRank {
            return "CV \"\(first)\" \(second)"
        }
        let legalForm = legalForms[legalFormSampler.sample(using: &generator)]
        return "\(legalForm) \(first) \(second)"
    }

    private static let legalForms = ["PT", "CV", "UD"]
    private static let legalFormSampler = WeightedSampler(weights: [0.70, 0.24, 0.06])

    private static let words = [
        "Maju", "Jaya", "Sinar", "Abadi", "Sentosa", "Makmur", "Karya", "Mandiri", "Sejahtera", "Nusantara",
        "Prima", "Utama", "Bersama", "Indah", "Cahaya", "Mitra", "Sukses", "Berkah", "Bintang", "Surya",
        "Gemilang", "Harapan", "Lestari", "Mulia", "Perkasa", "Samudra", "Cipta", "Graha", "Anugerah", "Buana",
        "Citra", "Dharma", "Tunggal", "Wijaya", "Persada", "Kencana", "Putra", "Teknik", "Solusi", "Global",
        "Energi", "Sarana", "Logistik", "Informatika", "Konsultan", "Rekayasa", "Agung", "Pratama",
    ]
}
