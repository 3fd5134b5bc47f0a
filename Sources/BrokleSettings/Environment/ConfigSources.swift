import Configuration

/// The configuration a command reads, layered once: flags, then the process environment, then the
/// `.env` file (read once). Settings are read through ``reader`` by key (`brokle.port` is
/// `BROKLE_PORT`); `${VAR}` in brokle.yaml reads variables by their exact name through ``variable(_:)``.
struct ConfigSources {
    let reader: ConfigReader
    let flags: InMemoryProvider
    let environment: EnvironmentVariablesProvider
    let dotEnv: EnvironmentVariablesProvider

    init(flags: InMemoryProvider, environment: EnvironmentVariablesProvider, dotEnv: EnvironmentVariablesProvider) {
        self.flags = flags
        self.environment = environment
        self.dotEnv = dotEnv
        reader = ConfigReader(providers: [flags, environment, dotEnv])
    }

    /// A variable by its exact name, the environment's value over the `.env` file's.
    func variable(_ name: String) -> String? {
        if let value = try? environment.environmentValue(forName: name) { return value }
        return try? dotEnv.environmentValue(forName: name)
    }

    /// A setting as text, nil when it is unset or empty.
    func nonEmpty(_ key: ConfigKey, isSecret: Bool = false) -> String? {
        reader.string(forKey: key, isSecret: isSecret).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Which source gives the setting at `key`: `flag`, `environment` or `.env` (the first that has a
    /// value, as ``reader`` reads them), or `default` when none does.
    func origin(of key: ConfigKey) -> String {
        if ConfigReader(provider: flags).string(forKey: key) != nil { return "flag" }
        if ConfigReader(provider: environment).string(forKey: key).map({ !$0.isEmpty }) == true { return "environment" }
        if ConfigReader(provider: dotEnv).string(forKey: key).map({ !$0.isEmpty }) == true { return ".env" }
        return "default"
    }

    /// Which source gives the variable `name` (read by its exact name): `environment`, `.env`, or nil.
    func origin(ofVariable name: String) -> String? {
        if let value = try? environment.environmentValue(forName: name), !value.isEmpty { return "environment" }
        if let value = try? dotEnv.environmentValue(forName: name), !value.isEmpty { return ".env" }
        return nil
    }
}
