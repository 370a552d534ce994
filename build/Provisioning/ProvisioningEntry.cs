namespace Build.Provisioning;

/// <summary>
/// One provisioning step of the run, as the report lists it: what was set up (<paramref name="Step"/>), why, when it
/// started (seconds after the run's start), how long it took and how it ended (succeeded, failed, planned).
/// </summary>
public sealed record ProvisioningEntry(string Step, string Why, double StartSeconds, double Seconds, string Status);
