namespace Build.Images;

/// <summary>The three kinds of image the suite builds, each from its own Dockerfile stage.</summary>
public enum ImageFlavour
{
    /// <summary>deployment/Dockerfile.&lt;service&gt;, stage development: dev dependencies, hot reload.</summary>
    Development,

    /// <summary>deployment/Dockerfile.&lt;service&gt;, stage production: main dependencies, non-root.</summary>
    Production,

    /// <summary>docker/bridge-nodes/Dockerfile.&lt;service&gt;, stage runtime: only the venv and the code.</summary>
    Slim,
}
