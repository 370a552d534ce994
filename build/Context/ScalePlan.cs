namespace Build.Context;

/// <summary>Service → replica count, as given by --scale=SERVICE=N (repeatable). Empty means "leave as is".</summary>
public sealed record ScalePlan(IReadOnlyDictionary<string, int> Replicas)
{
    public const int MaximumReplicas = 100;

    public static readonly ScalePlan None = new(new Dictionary<string, int>());

    public bool IsEmpty => Replicas.Count == 0;

    /// <summary>
    /// Parses every --scale value against the services of the compose file. Each bad value adds one error that
    /// names it and lists the valid services, so the user can fix them all in one go.
    /// </summary>
    public static ScalePlan Parse(IEnumerable<string> values, IReadOnlyCollection<string> services, Action<string> error)
    {
        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        var serviceList = string.Join(", ", services.Order(StringComparer.Ordinal));
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                error($"--scale takes SERVICE=COUNT (for example --scale=reducer=2); '{value}' has no service name and '='. Services: {serviceList}.");
                continue;
            }

            var service = value[..separator].Trim();
            var count = value[(separator + 1)..].Trim();
            if (!services.Contains(service))
            {
                error($"--scale names the service '{service}', which deployment's compose file does not have. Services: {serviceList}.");
                continue;
            }

            if (!int.TryParse(count, out var number) || number < 0 || number > MaximumReplicas || count.StartsWith('+'))
            {
                error($"--scale={value}: the replica count must be a whole number from 0 to {MaximumReplicas}; '{count}' is not. Services: {serviceList}.");
                continue;
            }

            replicas[service] = number;
        }

        return replicas.Count == 0 ? None : new ScalePlan(replicas);
    }

    /// <summary>
    /// The replica counts of one `compose up`: what runs now, with this plan's counts over it. Compose scales every
    /// service an `up` does not name back to its default, so each `up` of a run (ComposeUp, also as Scale's dependency,
    /// and Scale) names them all: a healthy replica the counts keep is never removed and made again.
    /// </summary>
    public IReadOnlyDictionary<string, int> Over(IReadOnlyDictionary<string, int> running)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (service, replicas) in running)
        {
            counts[service] = replicas;
        }

        foreach (var (service, replicas) in Replicas)
        {
            counts[service] = replicas;
        }

        return counts;
    }

    public override string ToString() => string.Join(" ", Replicas.Select(pair => $"{pair.Key}={pair.Value}"));
}
