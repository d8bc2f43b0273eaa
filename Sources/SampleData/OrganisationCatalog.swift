import Shared

/// One cost centre with every organisational attribute that travels with it on a row, pre-encoded.
struct CostCentre: Sendable {
    /// The 5-digit cost centre id, e.g. `31090`.
    let id: String
    let idField: CSVField
    let nameField: CSVField
    let directorateField: CSVField
    let remappingDirectorateField: CSVField
    let regionField: CSVField
    let entityField: CSVField
    let profitCentreIDField: CSVField
    let profitCentreNameField: CSVField
    let functionalAreaField: CSVField
    let functionalAreaNameField: CSVField
    /// Empty for cost centres without a fund.
    let fundField: CSVField
    let fundsCentreField: CSVField
}

/// The directorates and cost centres of the synthetic company, and how often each cost centre books costs.
struct OrganisationCatalog: Sendable {
    /// Directorate names, e.g. `Directorate of Operations`.
    let directorates: [String]
    let costCentres: [CostCentre]
    /// Cost centre indices grouped by directorate.
    let costCentresByDirectorate: [[Int]]
    /// Draws the cost centre of a row; weights are lognormal, so a few cost centres book most rows.
    let costCentreSampler: WeightedSampler

    init(using generator: inout SeededGenerator) {
        var costCentres: [CostCentre] = []
        var byDirectorate: [[Int]] = []
        for (directorateIndex, directorate) in Self.directorateTable.enumerated() {
            let count = generator.nextInt(in: 8...25)
            let serials = generator.nextDistinctIndices(count, below: 100).sorted()
            let unitsAndSites = generator.nextDistinctIndices(count, below: directorate.units.count * Self.sites.count)
            var members: [Int] = []
            for (serial, unitAndSite) in zip(serials, unitsAndSites) {
                let unit = directorate.units[unitAndSite % directorate.units.count]
                let site = Self.sites[unitAndSite / directorate.units.count]
                members.append(costCentres.count)
                costCentres.append(
                    Self.costCentre(
                        id: String(30_000 + (directorateIndex + 1) * 1000 + serial * 10),
                        name: "\(unit) \(site.city)",
                        directorateIndex: directorateIndex,
                        site: site,
                        using: &generator
                    )
                )
            }
            byDirectorate.append(members)
        }
        self.directorates = Self.directorateTable.map(\.name)
        self.costCentres = costCentres
        self.costCentresByDirectorate = byDirectorate
        self.costCentreSampler = WeightedSampler(
            weights: costCentres.map { _ in
                generator.nextLogNormal(median: 1, sigma: 1, clip: 3)
            }
        )
    }

    /// The `count` cost centres with the most rows, busiest first.
    func busiestCostCentres(_ count: Int) -> [Int] {
        let ranked = costCentres.indices.sorted {
            costCentreSampler.probability(of: $0) > costCentreSampler.probability(of: $1)
        }
        return Array(ranked.prefix(count))
    }

    private static func costCentre(
        id: String,
        name: String,
        directorateIndex: Int,
        site: Site,
        using generator: inout SeededGenerator
    ) -> CostCentre {
        let directorate = directorateTable[directorateIndex]
        let remapped = directorate.renamedTo.flatMap { generator.nextBool(probability: 0.4) ? $0 : nil }
        let functionalArea =
            generator.nextBool(probability: 0.85)
            ? directorate.functionalArea
            : functionalAreas[generator.nextIndex(below: functionalAreas.count)]
        let fund: String
        if generator.nextBool(probability: 0.12) {
            fund = ""
        } else {
            fund = generator.nextBool(probability: directorate.capitalShare) ? "CAPEX" : "OPEX"
        }
        let profitCentreID = "PC\(directorateIndex + 1)\(site.code)"
        return CostCentre(
            id: id,
            idField: CSVField(id),
            nameField: CSVField(name),
            directorateField: CSVField(directorate.name),
            remappingDirectorateField: CSVField(remapped ?? directorate.name),
            regionField: CSVField(site.region),
            entityField: CSVField(site.city == "Jakarta" ? "Head Office" : "Regional Office \(site.city)"),
            profitCentreIDField: CSVField(profitCentreID),
            profitCentreNameField: CSVField("\(directorate.shortName) \(site.city)"),
            functionalAreaField: CSVField(functionalArea.id),
            functionalAreaNameField: CSVField(functionalArea.name),
            fundField: CSVField(fund),
            fundsCentreField: CSVField("FC-\(id)")
        )
    }

    private struct FunctionalArea {
        let id: String
        let name: String
    }

    private struct Site {
        let code: String
        let city: String
        let region: String
    }

    private struct Directorate {
        let name: String
        let shortName: String
        /// The directorate some of its cost centres are remapped to after a reorganisation.
        let renamedTo: String?
        let functionalArea: FunctionalArea
        /// The share of its funded cost centres on the CAPEX fund.
        let capitalShare: Double
        let units: [String]
    }

    private static let functionalAreas = [
        FunctionalArea(id: "0100", name: "Production"),
        FunctionalArea(id: "0200", name: "Engineering"),
        FunctionalArea(id: "0300", name: "Sales & Distribution"),
        FunctionalArea(id: "0400", name: "Administration"),
        FunctionalArea(id: "0500", name: "Research & Development"),
        FunctionalArea(id: "0600", name: "Information Technology"),
        FunctionalArea(id: "0700", name: "Human Resources"),
        FunctionalArea(id: "0800", name: "Governance & Risk"),
    ]

    private static let sites = [
        Site(code: "01", city: "Jakarta", region: "DKI Jakarta"),
        Site(code: "02", city: "Bandung", region: "Jawa Barat"),
        Site(code: "03", city: "Surabaya", region: "Jawa Timur"),
        Site(code: "04", city: "Semarang", region: "Jawa Tengah"),
        Site(code: "05", city: "Medan", region: "Sumatera Utara"),
        Site(code: "06", city: "Palembang", region: "Sumatera Selatan"),
        Site(code: "07", city: "Balikpapan", region: "Kalimantan Timur"),
        Site(code: "08", city: "Makassar", region: "Sulawesi Selatan"),
        Site(code: "09", city: "Denpasar", region: "Bali"),
        Site(code: "10", city: "Jayapura", region: "Papua"),
    ]

    private static let directorateTable = [
        Directorate(
            name: "Directorate of Operations",
            shortName: "Operations",
            renamedTo: nil,
            functionalArea: functionalAreas[0],
            capitalShare: 0.2,
            units: [
                "Plant Operations", "Fleet Management", "Maintenance Planning", "Facility Services",
                "Quality Control", "Production Support", "Field Services", "Operations Control",
            ]
        ),
        Directorate(
            name: "Directorate of Finance",
            shortName: "Finance",
            renamedTo: nil,
            functionalArea: functionalAreas[3],
            capitalShare: 0,
            units: [
                "Accounting", "Treasury", "Tax", "Budget & Planning", "Accounts Payable",
                "Financial Reporting", "Internal Control",
            ]
        ),
        Directorate(
            name: "Directorate of Human Capital",
            shortName: "Human Capital",
            renamedTo: "Directorate of People & Culture",
            functionalArea: functionalAreas[6],
            capitalShare: 0,
            units: [
                "Talent Acquisition", "Learning Centre", "Payroll", "Employee Relations",
                "Organisation Development", "Health & Safety",
            ]
        ),
        Directorate(
            name: "Directorate of Information Technology",
            shortName: "IT",
            renamedTo: "Directorate of Digital & Technology",
            functionalArea: functionalAreas[5],
            capitalShare: 0.3,
            units: [
                "IT Infrastructure", "Application Development", "IT Service Desk", "Data Centre",
                "Information Security", "Enterprise Architecture",
            ]
        ),
        Directorate(
            name: "Directorate of Commerce",
            shortName: "Commerce",
            renamedTo: nil,
            functionalArea: functionalAreas[2],
            capitalShare: 0,
            units: [
                "Sales", "Key Accounts", "Marketing", "Customer Care", "Business Development",
                "Channel Management",
            ]
        ),
        Directorate(
            name: "Directorate of Corporate Affairs",
            shortName: "Corporate Affairs",
            renamedTo: nil,
            functionalArea: functionalAreas[3],
            capitalShare: 0,
            units: [
                "Legal", "Corporate Communication", "Corporate Secretary", "CSR Programme",
                "General Affairs", "Procurement",
            ]
        ),
        Directorate(
            name: "Directorate of Engineering & Projects",
            shortName: "Engineering",
            renamedTo: "Directorate of Infrastructure",
            functionalArea: functionalAreas[1],
            capitalShare: 0.6,
            units: [
                "Project Management Office", "Civil Engineering", "Electrical Engineering",
                "Asset Integrity", "Construction Supervision", "Design & Survey",
            ]
        ),
        Directorate(
            name: "Directorate of Risk & Compliance",
            shortName: "Risk & Compliance",
            renamedTo: nil,
            functionalArea: functionalAreas[7],
            capitalShare: 0,
            units: [
                "Enterprise Risk", "Compliance", "Internal Audit", "Fraud Prevention",
                "Business Continuity",
            ]
        ),
    ]
}
