import Foundation

/// Runs a program as a child process and measures it: wall time and the child's own peak RSS (from `wait4`).
struct ChildProcess {
    /// What a finished child reported.
    struct Measurement {
        /// Exit status (or 128 + signal).
        var status: Int32
        /// Wall time in seconds.
        var seconds: Double
        /// Peak resident set size of the child, in bytes.
        var peakRSSBytes: Int
        /// Everything the child wrote to stdout.
        var output: String
    }

    /// Runs `arguments[0]` (a path or a name on PATH) with the rest as its arguments.
    static func run(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> Measurement
    {
        var pipe: [Int32] = [0, 0]
        guard Foundation.pipe(&pipe) == 0 else { throw POSIXError(.EIO) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipe[0], &chunk, chunk.count)
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let elapsed = ContinuousClock.now - started
        let exited = status & 0x7f == 0
        return Measurement(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakRSSBytes: Int(usage.ru_maxrss) * 1024,
            output: String(decoding: output, as: UTF8.self))
    }
}
