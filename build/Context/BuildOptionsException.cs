using Cake.Core;

namespace Build.Context;

/// <summary>
/// A bad value given to the build. Cake's exception logger prints only the message below --verbosity=diagnostic,
/// so the message is the whole story: the option, the bad value, the valid values and how to fix it.
/// </summary>
public sealed class BuildOptionsException(string message) : CakeException(2, message);
