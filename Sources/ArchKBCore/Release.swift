/// The archkb release, shared by the thin client, the daemon and indexes (one place to bump).
public enum Release {
    public static let version = "0.1.0"
}

/// The socket protocol version; bumped on incompatible changes (see docs/PROTOCOL.md).
public enum ProtocolVersion {
    public static let current = 1
}

/// The archkb release version, shown by `--version` and recorded in indexes (the same as `Release.version`).
public enum ArchKBVersion {
    public static let current = Release.version
}
