namespace Build.TaskFacts;

/// <summary>The task does nothing sensible without replica counts: planned without any --scale, the run is refused before the first task.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NeedsScalePlanAttribute : Attribute;
