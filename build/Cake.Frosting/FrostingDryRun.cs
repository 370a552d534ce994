namespace Cake.Frosting;

/// <summary>
/// OUR EXTENSION, not part of stock Cake.Frosting. Tells whether this run is a dry run (<c>--dryrun</c>,
/// <c>--dry-run</c>, <c>--noop</c>, <c>--whatif</c>). Inject it, or call
/// <see cref="FrostingContextExtensions.IsDryRun(Cake.Core.ICakeContext)"/>.
/// </summary>
public sealed class FrostingDryRun
{
    /// <summary>Initializes a new instance of the <see cref="FrostingDryRun"/> class.</summary>
    /// <param name="isDryRun">Whether this run is a dry run.</param>
    public FrostingDryRun(bool isDryRun) => IsDryRun = isDryRun;

    /// <summary>Gets a value indicating whether this run is a dry run.</summary>
    public bool IsDryRun { get; }
}
