namespace Build.Swarm;

/// <summary>One service's image: the tag Push wrote and the digest reference Deploy runs.</summary>
/// <param name="Tagged">The pushed tag, <c>10.213.0.1:5000/omninode/orchestrator:sha-abc1234</c>.</param>
/// <param name="Pinned">The same image by digest, <c>10.213.0.1:5000/omninode/orchestrator@sha256:…</c>: what the stack runs.</param>
public sealed record DeployImage(string Service, string Tagged, string Pinned);

/// <summary>
/// The images of one Deploy, each by the digest the registry has for the pushed tag. The stack runs exactly these
/// references, so a service whose image did not change keeps its spec and its tasks; a check of the images (a signature)
/// verifies <see cref="References"/>, the same strings the stack file gets.
/// </summary>
public sealed record DeployImages(IReadOnlyList<DeployImage> Images)
{
    /// <summary>The digest references the stack runs, in service order.</summary>
    public IReadOnlyList<string> References => Images.Select(image => image.Pinned).ToArray();

    /// <summary>The stack file's image variables (<c>ORCHESTRATOR_IMAGE=…@sha256:…</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables =>
        Images.ToDictionary(image => StackFileGenerator.ImageVariable(image.Service), image => image.Pinned, StringComparer.Ordinal);

    /// <summary>
    /// Each service's <paramref name="imageRegistry"/> + name + <c>:</c><paramref name="tag"/>, pinned to the digest
    /// <paramref name="digestOf"/> answers for it (the registry's, asked through the manager).
    /// </summary>
    public static DeployImages Resolve(string imageRegistry, string tag, IEnumerable<string> services, Func<string, string> digestOf) =>
        new(services.Select(service =>
        {
            var repository = imageRegistry + service;
            return new DeployImage(service, $"{repository}:{tag}", $"{repository}@{digestOf($"{repository}:{tag}")}");
        }).ToArray());

    /// <summary>What a dry run shows: the digest is named by the tag it would be read from.</summary>
    public static DeployImages Described(string imageRegistry, string tag, IEnumerable<string> services) =>
        Resolve(imageRegistry, tag, services, reference => $"{{digest-of-{reference[(reference.LastIndexOf('/') + 1)..]}}}");
}
