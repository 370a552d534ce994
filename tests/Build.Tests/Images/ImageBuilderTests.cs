using Build.Images;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Images;

public sealed class ImageBuilderTests
{
    private static readonly ImageSpec Reducer = new("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production",
        ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    [TestCase(true, true, ExpectedResult = new[] { "reducer:prod" }, TestName = "BuildKit_reuses_the_layers_of_the_image_it_replaces")]
    [TestCase(true, false, ExpectedResult = new string[0], TestName = "A_first_build_names_no_cache_image_which_BuildKit_would_look_for_in_a_registry")]
    [TestCase(false, true, ExpectedResult = new string[0], TestName = "The_legacy_builder_gets_no_cache_image")]
    public IReadOnlyList<string> Cache_images_of_a_build(bool buildKit, bool replacesAnImage) =>
        ImageBuilder.Settings(Reducer, TestOptions.Default(), buildKit ? DockerBuilder.BuildKitEnvironment : DockerBuilder.Legacy,
            replacesAnImage: replacesAnImage).CacheFrom;
}
