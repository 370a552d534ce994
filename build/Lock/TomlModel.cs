using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Build.Lock;

/// <summary>Tomlyn's contract for the untyped model, generated at compile time: the host is compiled ahead of time,
/// where reflection-based contracts fail.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModel : TomlSerializerContext
{
    /// <summary>With per-file options: <see cref="TomlSerializerOptions.SourceName"/> names the file in errors.</summary>
    public TomlModel(TomlSerializerOptions options)
        : base(options)
    {
    }
}
