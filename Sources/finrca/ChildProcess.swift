import Foundation
import Shared
import Synchronization

/// Runs a program as a child process and measures it: wall time and the child's own peak RSS.
///
/// The peak comes from the child's `VmHWM` in `/proc/PID/status`, sampled every 10 ms while it runs (a
/// high-water mark, so the last sample is the peak up to that moment). `wait4`'s `ru_maxrss` is not used: after
/// a vfork-style spawn it also counts the parent's memory.
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
        let peak = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
        let childPID = pid
        let sampler = Thread {
            while !finished.load(ordering: .acquiring) {
                if let kilobytes = Self.highWaterMarkKilobytes(pid: childPID) {
                    peak.store(max(peak.load(ordering: .relaxed), kilobytes), ordering: .relaxed)
                }
                usleep(10_000)
            }
        }
        sampler.start()
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipe[0], &chunk, chunk.count)
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        close(pipe[0])
        // The child has closed stdout; take a last sample before reaping it.
        if let kilobytes = Self.highWaterMarkKilobytes(pid: pid) {
            peak.store(max(peak.load(ordering: .relaxed), kilobytes), ordering: .relaxed)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        finished.store(true, ordering: .releasing)
        let elapsed = ContinuousClock.now - started
        let exited = status & 0x7f == 0
        return Measurement(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            seconds: elapsed.inSeconds,
            peakRSSBytes: peak.load(ordering: .relaxed) * 1024,
            output: String(decoding: output, as: UTF8.self)
        )
    }

    /// `VmHWM` of a running process in KiB, or nil once it is gone.
    private static func highWaterMarkKilobytes(pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
