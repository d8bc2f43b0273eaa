import Foundation
import Yams

extension MappingProfile {
    /// The largest profile file read: 1 MiB. A real profile is a few KiB; a larger file is refused before it is
    /// parsed, so a huge or hostile file costs neither the memory nor the time of parsing it.
    public static let maximumFileBytes = 1 << 20

    /// Loads a profile: a built-in name, a YAML file path, or `NAME` found as `NAME.yaml` in `directory`.
    ///
    /// - Throws: ``MappingError`` when there is no such profile, the file is larger than ``maximumFileBytes`` or
    ///   not UTF-8, or the profile is not valid (see ``parse(yaml:source:)``).
    public static func load(nameOrPath: String, directory: String) throws -> MappingProfile {
        if let builtIn = builtIn[nameOrPath] { return builtIn }
        var path = nameOrPath
        if !FileManager.default.fileExists(atPath: path) {
            path = (directory as NSString).appendingPathComponent(nameOrPath + ".yaml")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw MappingError(
                source: nameOrPath,
                reason:
                    "no built-in profile of that name (\(builtIn.keys.sorted().joined(separator: ", "))) and no file \(path)"
            )
        }
        let bytes: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            bytes = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw MappingError(source: path, reason: "cannot read: \(error.localizedDescription)")
        }
        guard bytes.count <= maximumFileBytes else { throw tooLarge(source: path) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw MappingError(source: path, reason: "is not UTF-8 text")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses and checks a YAML profile, resolving `extends`.
    ///
    /// - Throws: ``MappingError`` naming the source and the reason: text larger than ``maximumFileBytes``, YAML
    ///   that does not parse (libyaml also refuses nesting deeper than 1,000 levels), or a profile whose keys or
    ///   settings are wrong.
    public static func parse(yaml: String, source: String) throws -> MappingProfile {
        guard yaml.utf8.count <= maximumFileBytes else { throw tooLarge(source: source) }
        var profile: MappingProfile
        do {
            profile = try YAMLDecoder().decode(MappingProfile.self, from: yaml)
        } catch let error as DecodingError {
            throw MappingError(source: source, reason: describe(error))
        } catch {
            throw MappingError(source: source, reason: "not valid YAML: \(error)")
        }
        if let base = profile.extends {
            guard let baseProfile = builtIn[base] else {
                throw MappingError(source: source, reason: "extends '\(base)', which is not a built-in profile")
            }
            profile = profile.merged(over: baseProfile)
        }
        _ = try ResolvedSettings(profile: profile, source: source)
        return profile
    }

    private static func tooLarge(source: String) -> MappingError {
        MappingError(
            source: source,
            reason:
                "is larger than \(maximumFileBytes >> 20) MiB; a mapping profile is a few KiB of YAML, so it is not read"
        )
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            // libyaml's message is position, problem, then the whole offending line: keep the first two lines
            let underlying =
                context.underlyingError.map { error in
                    " (" + "\(error)".split(separator: "\n").prefix(2).map { $0.prefix(200) }.joined(separator: " ")
                        + ")"
                } ?? ""
            return "\(path(context)): \(context.debugDescription)\(underlying)"
        @unknown default: return "\(error)"
        }
    }
}
