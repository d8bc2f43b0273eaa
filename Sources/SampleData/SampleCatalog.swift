import Shared

/// Everything a row is drawn from: organisation, accounts, suppliers and fixed texts, all derived from the seed.
struct SampleCatalog: Sendable {
    let organisation: OrganisationCatalog
    let accounts: AccountCatalog
    let suppliers: SupplierCatalog
    let narratives = NarrativeCatalog()

    init(configuration: SampleGeneratorConfiguration) {
        var generator = SeededGenerator(seed: configuration.seed, stream: .catalog)
        organisation = OrganisationCatalog(using: &generator)
        accounts = AccountCatalog(approvalLimit: configuration.approvalLimit.minorUnits, using: &generator)
        suppliers = SupplierCatalog(using: &generator)
    }
}
