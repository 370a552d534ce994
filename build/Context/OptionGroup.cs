namespace Build.Context;

/// <summary>The groups of the option table, in the order the README and <c>--help</c> show them.</summary>
public enum OptionGroup
{
    Images,
    Tools,
    Stack,
    Swarm,
    Push,
    Lock,
    Output,
}
