namespace Build.SupplyChain;

/// <summary>
/// Whether a registry speaks plain http: dockerd does so without configuration only for registries on the loopback
/// network (127.0.0.0/8, localhost, ::1), and so does Push; cosign must then be allowed to fall back to http.
/// </summary>
public static class PlainHttpRegistry
{
    /// <summary>For an image reference or a registry prefix: 127.0.0.1:5000/omninode/reducer@sha256:… → true.</summary>
    public static bool Is(string referenceOrRegistry)
    {
        var host = referenceOrRegistry.Split('/')[0];
        if (host.StartsWith('['))
        {
            return host.StartsWith("[::1]", StringComparison.Ordinal);
        }

        var name = host.Split(':')[0];
        return name == "localhost" || name.StartsWith("127.", StringComparison.Ordinal);
    }
}
