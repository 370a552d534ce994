using Cake.Core;

namespace Cake.Frosting;

/// <summary>The context of a Frosting build: an <see cref="ICakeContext"/> that tasks receive.</summary>
public interface IFrostingContext : ICakeContext
{
}
