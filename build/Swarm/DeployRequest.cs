namespace Build.Swarm;

/// <summary>What one Deploy asks for: the stack, the images and the replicas of the --scale option.</summary>
/// <param name="ImageRegistry">The IMAGE_REGISTRY prefix with its trailing slash (<c>10.213.0.1:5000/omninode/</c>).</param>
/// <param name="Services">The services of the stack file, for the replica variables.</param>
public sealed record DeployRequest(
    string ImageRegistry,
    string ImageTag,
    IReadOnlyList<string> Services,
    IReadOnlyDictionary<string, int> Scale,
    bool WithRegistryAuth,
    bool SwarmInit);
