/// Limits of `POST /chat/{room_id}` (`server.chat_*`): the size of one message and how many messages one user
/// may send per hour and per day.
public struct ChatLimits: Sendable, Hashable {
    /// The longest message accepted, in Unicode code points (what JSON Schema's `maxLength` counts, and at most
    /// four UTF-8 bytes each, so the cap also bounds the bytes stored and sent to the model).
    public var maxMessageLength = 2000
    /// Messages per user in any hour.
    public var messagesPerHour = 120
    /// Messages per user in any 24 hours.
    public var messagesPerDay = 500

    /// Creates limits with the documented defaults.
    public init() {}

    /// Reads the `server.chat_*` keys.
    ///
    /// - Throws: ``ConfigurationError`` naming a key outside its range.
    public init(reader: ConfigReader) throws {
        maxMessageLength = try reader.int("server.chat_max_message_length", in: 16...65_536)
        messagesPerHour = try reader.int("server.chat_messages_per_hour", in: 1...100_000)
        messagesPerDay = try reader.int("server.chat_messages_per_day", in: 1...1_000_000)
    }
}
