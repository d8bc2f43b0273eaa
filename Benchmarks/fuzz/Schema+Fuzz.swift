// The one fact of Shared's Schema (Sources/Shared/Database/Schema.swift, which needs PostgresNIO) the ingest
// path uses; run.sh checks that the range there is still this one.
enum Schema {
    static let fiscalYears = 1900...2999
}
