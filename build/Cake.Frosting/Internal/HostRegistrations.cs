using Cake.Core.IO;

namespace Cake.Frosting.Internal;

/// <summary>Set by <see cref="CakeHostExtensions.UseWorkingDirectory"/>; <c>--working</c> wins over it.</summary>
internal sealed record FrostingWorkingDirectory(DirectoryPath Path);

/// <summary>Set by <see cref="CakeHostExtensions.UseCakeSetting"/>: the lowest-priority configuration layer.</summary>
internal sealed record FrostingConfigurationValue(string Key, string Value);
