using Build.SupplyChain;

namespace Build.Tests.SupplyChain;

public sealed class PushedAttestationReferenceTests
{
    [TestCase("127.0.0.1:5000/omninode/reducer:prod", "127.0.0.1:5000", "omninode/reducer", "prod")]
    [TestCase("registry.local/team/omninode/reducer", "registry.local", "team/omninode/reducer", "latest")]
    [TestCase("127.0.0.1:5000/omninode/reducer@sha256:abc", "127.0.0.1:5000", "omninode/reducer", "sha256:abc")]
    public void A_reference_splits_into_registry_repository_and_tag(string reference, string registry, string repository, string tag) =>
        Assert.That(PushedAttestations.Split(reference), Is.EqualTo((registry, repository, tag)));
}
