using System.Net;
using Build.Tools.Docker.Documents;

namespace Build.SupplyChain;

/// <summary>
/// The registries the engine speaks plain http to, as it says in <c>GET /info</c>: those named by
/// <c>--insecure-registry</c> (the swarm lab's) and those on an insecure network (127.0.0.0/8 by default). Push went
/// there in http, so cosign must be allowed the same (<c>--allow-insecure-registry</c>) and only there.
/// </summary>
public sealed record PlainHttpRegistries(IReadOnlyList<IPNetwork> Networks, IReadOnlyCollection<string> Registries)
{
    /// <summary>What dockerd assumes without configuration, and what the build assumes when it cannot ask the engine.</summary>
    public static readonly PlainHttpRegistries Loopback = new([IPNetwork.Parse("127.0.0.0/8")], []);

    public static PlainHttpRegistries From(RegistryConfigDocument? config) => config is null
        ? Loopback
        : new(
            (config.InsecureRegistryCidrs ?? []).Select(cidr => IPNetwork.TryParse(cidr, out var network) ? network : (IPNetwork?)null)
                .OfType<IPNetwork>().ToArray(),
            (config.IndexConfigs ?? new Dictionary<string, IndexInfoDocument>()).Where(pair => !pair.Value.Secure).Select(pair => pair.Key).ToArray());

    /// <summary>For an image reference or a registry prefix: 127.0.0.1:5000/omninode/reducer@sha256:… → true.</summary>
    public bool Includes(string referenceOrRegistry)
    {
        var host = referenceOrRegistry.Split('/')[0];
        if (Registries.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        var address = name == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(name, out var parsed) ? parsed : null;
        return address is not null && Networks.Any(network => network.Contains(address));
    }
}
