using Build.Provisioning;
using Build.Tools.Cosign;

namespace Build.SupplyChain;

/// <summary>
/// cosign for this run: provisioned (Debian 13's, pinned) as a step of the provisioning phase on first use only, so a
/// run that neither signs nor verifies never fetches it; the dry run plans the step and fetches nothing.
/// </summary>
public sealed class CosignTool(CosignProvisioner provisioner, CosignToolchain toolchain, ProvisioningPhase phase, Tools.ISideEffects effects,
    bool transparencyLog)
{
    private readonly Lazy<CosignCommands> _commands = new(() =>
    {
        phase.Step($"cosign {CosignToolchain.Package.Version} of Debian 13 into {toolchain.Folder}", "signing or verifying images",
            output => effects.Make(() => provisioner.Ensure(output)));
        return new CosignCommands(toolchain.Cosign, toolchain.TufRoot, transparencyLog);
    });

    public CosignCommands Commands => _commands.Value;
}
