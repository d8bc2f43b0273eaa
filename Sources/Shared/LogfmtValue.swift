/// A value as logfmt writes it: bare when it is plain, else in double quotes with `\`, `"` and every control
/// character escaped, so no value can end a line or forge another one (a user name holding `\r\n`).
public enum LogfmtValue {
    /// The escaped form of `value`.
    public static func escaped(_ value: String) -> String {
        var needsQuotes = value.isEmpty
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"":
                result += "\\\""
                needsQuotes = true
            case "\n":
                result += "\\n"
                needsQuotes = true
            case "\r":
                result += "\\r"
                needsQuotes = true
            case "\t":
                result += "\\t"
                needsQuotes = true
            case " ", "=":
                result.unicodeScalars.append(scalar)
                needsQuotes = true
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}"
                {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u{" + hex + "}"
                    needsQuotes = true
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return needsQuotes || value.contains("\\") ? "\"\(result)\"" : result
    }
}
