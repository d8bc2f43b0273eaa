extension ConfigurationSchema {
    /// The keys of the `ingest` section.
    static let ingestKeys: [Key] = [
        Key(
            name: "ingest.chunk_kib",
            defaultValue: "256",
            isSecret: false,
            summary: "size of each COPY message in KiB (64-1024)"
        ),
        Key(
            name: "ingest.max_reject_share",
            defaultValue: "0.01",
            isSecret: false,
            summary: "a file whose rejected share of rows exceeds this (0-1) is not loaded at all"
        ),
        Key(
            name: "ingest.max_stored_rejects",
            defaultValue: "10000",
            isSecret: false,
            summary: "rejected rows stored per batch with their raw line; the rest are counted"
        ),
        Key(
            name: "ingest.mappings_dir",
            defaultValue: "config/mappings",
            isSecret: false,
            summary: "folder searched for --profile NAME as NAME.yaml when NAME is not built in"
        ),
        Key(
            name: "ingest.default_profile",
            defaultValue: "finance_expense",
            isSecret: false,
            summary: "mapping profile used when neither --profile nor --mapping is given"
        ),
        Key(
            name: "ingest.inbox_dir",
            defaultValue: "/var/lib/finrca/inbox",
            isSecret: false,
            summary: "finrca run loads every new file in this folder"
        ),
        Key(
            name: "ingest.archive_dir",
            defaultValue: "/var/lib/finrca/archive",
            isSecret: false,
            summary: "finrca run moves loaded (or already loaded) files here"
        ),
        Key(
            name: "ingest.failed_dir",
            defaultValue: "/var/lib/finrca/failed",
            isSecret: false,
            summary: "finrca run moves refused files here, each with NAME.reason"
        ),
        Key(
            name: "ingest.index_build_memory_mb",
            defaultValue: "256",
            isSecret: false,
            summary: "maintenance_work_mem in MiB while a load indexes the partitions it created (16-4096)"
        ),
    ]
}
