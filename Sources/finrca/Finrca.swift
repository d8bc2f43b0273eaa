import ArgumentParser

/// The `finrca` command line: one binary, one subcommand per job.
@main
struct Finrca: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finrca",
        abstract: "Watches general-ledger expense data and explains what looks wrong.",
        discussion: """
            Configuration precedence: command-line flags > environment (FINRCA_…, e.g. FINRCA_DATABASE_URL) > \
            the YAML file given by --config or FINRCA_CONFIG > built-in defaults. See config/finrca.example.yaml.

            Exit codes: 0 ok; 1 usage or configuration error; 2 input data refused (nothing loaded); \
            3 database unavailable; 4 loaded, but some rows were rejected; 5 internal error; \
            6 another process is doing the same job (notify, run); nothing was done.
            """,
        subcommands: [
            MigrateCommand.self, IngestCommand.self, DetectCommand.self, FindingsCommand.self, NotifyCommand.self,
            RunCommand.self, StatusCommand.self, ServeCommand.self, UserCommand.self, RCACommand.self,
            GenerateCommand.self, BenchCommand.self, IForestCommand.self, RCACaseCommand.self, RulesCommand.self,
            ShardCommand.self,
        ]
    )
}
