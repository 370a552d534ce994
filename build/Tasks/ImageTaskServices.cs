using Build.Images;
using Build.Tools;
using Build.Tools.Docker;

namespace Build.Tasks;

/// <summary>The services every image task uses, made once by the container and handed to each of them.</summary>
public sealed record ImageTaskServices(ImageBuilder Builder, ImageInputs Inputs, LocalBaseImages LocalBaseImages, ParallelImageBuilds Builds,
    IEngineSession Engine, ISideEffects Effects);
