import Glibc

/// The default soft RLIMIT_NOFILE (often 1024) is below `maxConnections`; raise the soft limit
/// (never above the hard limit) so the configured connection limit, not EMFILE, is what applies.
enum FileDescriptorLimit {
    static func raise(toAtLeast wanted: Int) {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return }
        let target = rlim_t(max(0, wanted))
        guard limit.rlim_cur < target else { return }
        limit.rlim_cur = min(target, limit.rlim_max)
        _ = setrlimit(resource, &limit)
    }
}
