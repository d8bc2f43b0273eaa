import Testing

@testable import Notifier

@Suite("Email: SMTP configuration and errors")
struct EmailConfigurationTests {
    @Test("a configuration accepts smtp:// and smtps:// URLs without credentials, and checks its fields")
    func validation() throws {
        let plain = try SMTPConfiguration(url: "smtp://relay.example.org:587", from: "finrca@example.org")
        #expect(plain.startTLS == .required)
        #expect(plain.timeout == .seconds(30))
        #expect(!plain.isImplicitTLS)
        #expect(try SMTPConfiguration(url: "SMTPS://relay.example.org", from: "finrca@example.org").isImplicitTLS)
        #expect(
            try SMTPConfiguration(url: "smtp://127.0.0.1:2525/finrca.example.org", from: "a@b.c").timeoutMilliseconds
                == 30_000
        )
        #expect(
            try SMTPConfiguration(url: "smtp://h", timeout: .milliseconds(1500), from: "a@b.c").timeoutMilliseconds
                == 1500
        )

        func reason(_ make: () throws(SMTPConfigurationError) -> SMTPConfiguration) -> String? {
            do {
                _ = try make()
                return nil
            } catch { return error.description }
        }
        #expect(
            reason { () throws(SMTPConfigurationError) in try SMTPConfiguration(url: "http://relay", from: "a@b.c") }
                == "smtp url: must start with smtp:// or smtps://"
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in try SMTPConfiguration(url: "relay:25", from: "a@b.c") }
                == "smtp url: must start with smtp:// or smtps://"
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in
                try SMTPConfiguration(url: "smtp://user:secret@relay", from: "a@b.c")
            }?
            .contains("credentials") == true
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in try SMTPConfiguration(url: "smtp://", from: "a@b.c") }
                == "smtp url: has no host"
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in try SMTPConfiguration(url: "smtp://re lay", from: "a@b.c") }
                != nil
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in
                try SMTPConfiguration(url: "smtp://relay", timeout: .zero, from: "a@b.c")
            } == "smtp timeout: must be positive"
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in
                try SMTPConfiguration(url: "smtp://relay", from: "Finrca <a@b.c>")
            }?
            .hasPrefix("smtp from:") == true
        )
        #expect(
            reason { () throws(SMTPConfigurationError) in
                try SMTPConfiguration(url: "smtp://relay", password: "x", from: "a@b.c")
            }?
            .hasPrefix("smtp username:") == true
        )
    }

    @Test("the description and the mirror never show the password")
    func passwordIsHidden() throws {
        let configuration = try SMTPConfiguration(
            url: "smtp://relay.example.org:587",
            startTLS: .required,
            username: "alerts",
            password: "pa55-w0rd",
            timeout: .seconds(10),
            from: "finrca@example.org"
        )
        #expect(
            configuration.description
                == "smtp://relay.example.org:587 (STARTTLS required, user alerts, password set, timeout 10.0 seconds, from finrca@example.org)"
        )
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("pa55-w0rd"))
        #expect(dumped.contains("<redacted>"))
        #expect(!String(describing: configuration).contains("pa55-w0rd"))
        #expect(!String(reflecting: configuration).contains("pa55-w0rd"))
        #expect(!"\(configuration)".contains("pa55-w0rd"))
    }

    @Test("SMTP errors are classified from libcurl's code and the reply code; 4xx is transient, 5xx is not")
    func errorClassification() {
        let refused = SMTPError(curlCode: 7, curlMessage: "Failed to connect", responseCode: 0)
        #expect(refused.kind == .couldNotConnect && refused.isTransient)
        #expect(refused.description == "SMTP delivery failed: could not connect (curl 7: Failed to connect)")
        let rejected = SMTPError(curlCode: 55, curlMessage: "RCPT failed: 550", responseCode: 550)
        #expect(rejected.kind == .rejected && !rejected.isTransient)
        #expect(
            rejected.description
                == "SMTP delivery failed: rejected by the server (curl 55: RCPT failed: 550, SMTP reply 550)"
        )
        let deferred = SMTPError(curlCode: 55, curlMessage: "RCPT failed: 451", responseCode: 451)
        #expect(deferred.kind == .rejected && deferred.isTransient)
        let login = SMTPError(curlCode: 67, curlMessage: "Login denied", responseCode: 535)
        #expect(login.kind == .authenticationFailed && !login.isTransient)
        #expect(SMTPError(curlCode: 64, curlMessage: "", responseCode: 0).kind == .tls)
        #expect(SMTPError(curlCode: 28, curlMessage: "", responseCode: 220).kind == .timedOut)
        #expect(SMTPError(curlCode: 42, curlMessage: "", responseCode: 0).kind == .cancelled)
        #expect(SMTPError(curlCode: 6, curlMessage: "", responseCode: 0).kind == .couldNotResolveHost)
        #expect(SMTPError(curlCode: 56, curlMessage: "", responseCode: 250).kind == .connectionFailed)
        #expect(SMTPError(curlCode: 1, curlMessage: "", responseCode: 0).kind == .setup)
    }
}
