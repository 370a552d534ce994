using System.Diagnostics.CodeAnalysis;
using Cake.Core.IO;
using Cake.Frosting.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Cake.Frosting;

/// <summary>Configuration of a <see cref="CakeHost"/>, as in Cake.Frosting.</summary>
public static class CakeHostExtensions
{
    /// <summary>Uses <typeparamref name="TContext"/> as the build context (created once per run).</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="host">The host.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseContext<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>(this CakeHost host)
        where TContext : class, IFrostingContext =>
        host.UseContext(services => ActivatorUtilities.CreateInstance<TContext>(services));

    /// <summary>Runs <typeparamref name="TLifetime"/>'s Setup before the first task and its Teardown after the last.</summary>
    /// <typeparam name="TLifetime">The lifetime type.</typeparam>
    /// <param name="host">The host.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseLifetime<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingLifetime =>
        host.UseLifetime(services => ActivatorUtilities.CreateInstance<TLifetime>(services));

    /// <summary>Runs <typeparamref name="TLifetime"/>'s Setup before and its Teardown after each task.</summary>
    /// <typeparam name="TLifetime">The task lifetime type.</typeparam>
    /// <param name="host">The host.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseTaskLifetime<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TLifetime>(this CakeHost host)
        where TLifetime : class, IFrostingTaskLifetime =>
        host.UseTaskLifetime(services => ActivatorUtilities.CreateInstance<TLifetime>(services));

    /// <summary>
    /// As <see cref="UseContext{TContext}(CakeHost)"/>, made by <paramref name="create"/>: a native host's container
    /// would otherwise find the constructor and its parameters by reflection, from metadata, at every start.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="host">The host.</param>
    /// <param name="create">Makes the context from the services.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseContext<TContext>(this CakeHost host, Func<IServiceProvider, TContext> create)
        where TContext : class, IFrostingContext
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(create);
        return host.ConfigureServices(services =>
        {
            services.AddSingleton(create);
            services.AddSingleton<IFrostingContext>(sp => sp.GetRequiredService<TContext>());
        });
    }

    /// <summary>As <see cref="UseLifetime{TLifetime}(CakeHost)"/>, made by <paramref name="create"/> (no constructor lookup).</summary>
    /// <typeparam name="TLifetime">The lifetime type.</typeparam>
    /// <param name="host">The host.</param>
    /// <param name="create">Makes the lifetime from the services.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseLifetime<TLifetime>(this CakeHost host, Func<IServiceProvider, TLifetime> create)
        where TLifetime : class, IFrostingLifetime
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(create);
        return host.ConfigureServices(services =>
        {
            services.AddSingleton(create);
            services.AddSingleton<IFrostingSetup>(sp => sp.GetRequiredService<TLifetime>());
            services.AddSingleton<IFrostingTeardown>(sp => sp.GetRequiredService<TLifetime>());
        });
    }

    /// <summary>As <see cref="UseTaskLifetime{TLifetime}(CakeHost)"/>, made by <paramref name="create"/> (no constructor lookup).</summary>
    /// <typeparam name="TLifetime">The task lifetime type.</typeparam>
    /// <param name="host">The host.</param>
    /// <param name="create">Makes the task lifetime from the services.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseTaskLifetime<TLifetime>(this CakeHost host, Func<IServiceProvider, TLifetime> create)
        where TLifetime : class, IFrostingTaskLifetime
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(create);
        return host.ConfigureServices(services =>
        {
            services.AddSingleton(create);
            services.AddSingleton<IFrostingTaskSetup>(sp => sp.GetRequiredService<TLifetime>());
            services.AddSingleton<IFrostingTaskTeardown>(sp => sp.GetRequiredService<TLifetime>());
        });
    }

    /// <summary>Sets the working directory of the build (<c>--working</c> on the command line wins).</summary>
    /// <param name="host">The host.</param>
    /// <param name="path">The working directory, relative to the current directory or absolute.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseWorkingDirectory(this CakeHost host, DirectoryPath path)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        return host.ConfigureServices(services => services.AddSingleton(new FrostingWorkingDirectory(path)));
    }

    /// <summary>
    /// Sets a Cake configuration value (for example <c>Settings_NoReport</c>). Lowest priority:
    /// CAKE_* environment variables, cake.config and arguments override it.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseCakeSetting(this CakeHost host, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return host.ConfigureServices(services => services.AddSingleton(new FrostingConfigurationValue(key, value)));
    }

    /// <summary>Adds lines that <c>--help</c> prints after Cake's own options: the build's options.</summary>
    /// <param name="host">The host.</param>
    /// <param name="lines">The lines, made only when help is asked for.</param>
    /// <param name="program">How the user starts the build, for the usage line (<c>./build.sh</c>); <c>&lt;build&gt;</c> when not given.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseHelp(this CakeHost host, Func<IEnumerable<string>> lines, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(lines);
        return host.ConfigureServices(services => services.AddSingleton(new FrostingHelp(lines, program)));
    }

    /// <summary>Sets what <c>--version</c> prints instead of Cake's own version: the build's version.</summary>
    /// <param name="host">The host.</param>
    /// <param name="version">The text, made only when the version is asked for.</param>
    /// <returns>The same host.</returns>
    public static CakeHost UseVersion(this CakeHost host, Func<string> version)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(version);
        return host.ConfigureServices(services => services.AddSingleton(new FrostingVersion(version)));
    }
}
