import NIOCore
import PostgresNIO
import Shared

extension BatchLoad {
    /// Streams the transcoder's rows with one `COPY … FROM STDIN` per run of chunks of the same fiscal year,
    /// straight into that year's partition (no routing through the parent); a year without a partition gets one
    /// first (without its index), in this transaction.
    ///
    /// - Returns: The fiscal years of the local partitions this load created, and of the existing local partitions
    ///   it appended to (foreign partitions, on other servers, are written through postgres_fdw and indexed there).
    func copyRows(from transcoder: ExtractTranscoder<FileByteSource>, on connection: PostgresConnection) async throws
        -> (created: [Int], appended: [Int])
    {
        let existing = try await loader.partitions.existingYears(on: connection)
        var knownYears = existing.all
        var writtenYears: Set<Int> = []
        var createdYears: Set<Int> = []

        func pull() async throws -> (ByteBuffer, Int)? {
            try await transcoder.nextChunk { bytes, fiscalYear in
                var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                return (buffer, fiscalYear)
            }
        }

        var next = try await pull()
        while let first = next {
            let year = first.1
            if !knownYears.contains(year) {
                try await loader.partitions.create(fiscalYear: year, on: connection)
                knownYears.insert(year)
                createdYears.insert(year)
            }
            writtenYears.insert(year)
            try await connection.copyFrom(
                table: Schema.partitionName(fiscalYear: year),
                columns: RowTranscoder.copyColumns,
                logger: logger
            ) { writer in
                try await writer.write(first.0)
                next = nil
                while let chunk = try await pull() {
                    if chunk.1 != year {
                        next = chunk
                        return
                    }
                    try await writer.write(chunk.0)
                }
            }
        }
        return (
            createdYears.sorted(), writtenYears.subtracting(existing.foreign).subtracting(createdYears).sorted()
        )
    }
}
