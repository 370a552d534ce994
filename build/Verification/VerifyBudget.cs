using Build.Images;

namespace Build.Verification;

/// <summary>The size budgets of cake.config's [Verify] section, in MB (10^6 bytes, as docker prints sizes).</summary>
public sealed record VerifyBudget(int MaxProductionMB, int MaxSlimMB)
{
    public static readonly VerifyBudget Default = new(200, 120);

    public int For(ImageFlavour flavour) => flavour == ImageFlavour.Slim ? MaxSlimMB : MaxProductionMB;
}
