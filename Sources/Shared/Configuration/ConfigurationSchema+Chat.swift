extension ConfigurationSchema {
    /// The chat's limits (`server.chat_*`, issue 13 item 2).
    static let chatKeys: [Key] = [
        Key(
            name: "server.chat_max_message_length",
            defaultValue: "2000",
            isSecret: false,
            summary:
                "longest chat message accepted, in Unicode code points (16-65536; at most 4 UTF-8 bytes each); a longer one is refused with 400"
        ),
        Key(
            name: "server.chat_messages_per_hour",
            defaultValue: "120",
            isSecret: false,
            summary: "chat messages one user may send in any hour (1-100000); beyond it 429 with Retry-After"
        ),
        Key(
            name: "server.chat_messages_per_day",
            defaultValue: "500",
            isSecret: false,
            summary: "chat messages one user may send in any 24 hours (1-1000000); beyond it 429 with Retry-After"
        ),
    ]
}
