using Build.Images;

namespace Build.TaskFacts;

/// <summary>What the rest of the build needs to know about one task, read from the attributes on its class.</summary>
/// <param name="Name">The task's name (its [TaskName]).</param>
/// <param name="StateLeft">What an interruption leaves (<see cref="LeavesWhenInterruptedAttribute"/>); null: nothing changed.</param>
/// <param name="ReadsProjectVersion">See <see cref="ReadsProjectVersionAttribute"/>.</param>
/// <param name="FixedStage">See <see cref="FixesStageAttribute"/>.</param>
/// <param name="Image">See <see cref="BuildsImageAttribute"/>; null for a task that builds no image.</param>
/// <param name="NeedsScalePlan">See <see cref="NeedsScalePlanAttribute"/>.</param>
public sealed record TaskFact(string Name, string? StateLeft, bool ReadsProjectVersion, ImageFlavour? FixedStage, ImageOfTask? Image, bool NeedsScalePlan);
