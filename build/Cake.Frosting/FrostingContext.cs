using Cake.Core;

namespace Cake.Frosting;

/// <summary>
/// The default build context. Derive from it to add build state (register it with
/// <see cref="CakeHostExtensions.UseContext{TContext}(CakeHost)"/>); it is created once per run.
/// </summary>
public class FrostingContext : CakeContextAdapter, IFrostingContext
{
    /// <summary>Initializes a new instance of the <see cref="FrostingContext"/> class.</summary>
    /// <param name="context">The Cake context.</param>
    public FrostingContext(ICakeContext context)
        : base(context)
    {
    }
}
