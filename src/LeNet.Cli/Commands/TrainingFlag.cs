using System.CommandLine;
using System.Linq.Expressions;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>A <c>lenet train</c> flag bound to one <see cref="TrainingOptions"/> property.</summary>
internal abstract class TrainingFlag
{
    /// <summary>The command-line option (its default is the property's default).</summary>
    public abstract Option Option { get; }

    /// <summary>The property it sets.</summary>
    public abstract string Property { get; }

    /// <summary>The options with this flag's parsed value.</summary>
    public abstract TrainingOptions Apply(TrainingOptions options, ParseResult parse);

    /// <summary>Whether the user typed it (rather than leaving the default).</summary>
    public bool Typed(ParseResult parse) => parse.GetResult(Option) is { Implicit: false };

    /// <summary>A flag reading a <typeparamref name="T"/> into <paramref name="property"/>.</summary>
    public static TrainingFlag<T> For<T>(string name, string description, Expression<Func<TrainingOptions, T>> property,
        Func<TrainingOptions, T, TrainingOptions> set) => new(name, description, property, set);
}

/// <inheritdoc />
internal sealed class TrainingFlag<T> : TrainingFlag
{
    private readonly Option<T> _option;
    private readonly Func<TrainingOptions, T, TrainingOptions> _set;

    public TrainingFlag(string name, string description, Expression<Func<TrainingOptions, T>> property, Func<TrainingOptions, T, TrainingOptions> set)
    {
        var get = property.Compile();
        var defaults = new TrainingOptions();
        _option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => get(defaults) };
        _set = set;
        Property = ((MemberExpression)property.Body).Member.Name;
    }

    /// <inheritdoc />
    public override Option Option => _option;

    /// <inheritdoc />
    public override string Property { get; }

    /// <inheritdoc />
    public override TrainingOptions Apply(TrainingOptions options, ParseResult parse) => _set(options, parse.GetValue(_option)!);
}
